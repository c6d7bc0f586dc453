"""The interface every scheduler offers, so a second algorithm can sit beside SM-2.

The session, the stats and the TUI see only this. A scheduler owns:

- its rating scale (`ratings`): each rating's value as the review log keeps it, its label and
  key for the answer buttons, whether it counts as recalled (`passed`, for retention) and
  whether it asks the card again in this session (`repeats`);
- which rating a checked answer suggests (`suggested`, from the judge's `Mark`);
- its state: a frozen value, stored as the JSON object `to_dict()` gives and read back by
  `state_from_dict()`;
- the next due *instant* (UTC): `schedule()` answers one rating, `next_states()` gives every
  rating's outcome at once, for the buttons (Anki's `next_states`). A scheduler that thinks in
  whole days (SM-2) derives from `DayScheduler`, which rounds through the one rollover rule
  (`quizapp.scheduling.days.StudyCalendar`);
- what the stats show of a card's state (`measure`: SM-2's E-Factor, FSRS's difficulty), and
  the predicted chance of recall where the algorithm has one (`recall`: FSRS's retrievability);
- how a card's state is rebuilt from its review log when its deck comes to this scheduler
  (`rebuild`): answers it gave itself keep the state they left, answers another scheduler gave
  are replayed through the `Mark` their rating stands for (`mark_of`, then `suggested`), so
  SM-2's 0-2 are FSRS's Again, 3 Hard, 4 Good, 5 Easy, and back again.

Everything here is pure: `now` and the calendar are arguments, nothing reads the clock.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from quizapp.scheduling.days import StudyCalendar


class Mark(StrEnum):
    """What a check of the learner's answer found, on no scheduler's scale.

    The judge says this; the deck's scheduler turns it into the rating it preselects on the
    answer buttons (`Scheduler.suggested`), and the learner may press any other.
    """

    #: Nothing was answered.
    BLANK = "blank"
    #: Wrong.
    WRONG = "wrong"
    #: Partly right: some options or quantities right, or a typed answer a typo away.
    PARTLY = "partly"
    #: Right.
    RIGHT = "right"
    #: Right in every part of a many-part answer (every quantity of an exercise).
    PERFECT = "perfect"


class RatingError(ValueError):
    """A rating the scheduler's scale does not have."""


@dataclass(frozen=True, slots=True)
class Rating:
    """One point of a scheduler's rating scale, as the answer buttons and the stats need it."""

    #: The rating as the review log keeps it (SM-2: 0-5; FSRS: 1-4).
    value: int
    #: The button's label ("Good").
    label: str
    #: The key that gives it.
    key: str
    #: Counts as recalled (retention, the session summary's right and wrong).
    passed: bool
    #: Asks the card again before this session ends.
    repeats: bool


#: Cards already due on a study day (the session's count over the collection), for a scheduler
#: that spreads reviews over the days its fuzz allows (FSRS's load balancing).
DayLoad = Callable[[date], int]


@dataclass(frozen=True, slots=True)
class LoggedAnswer:
    """One answer of a card's review log, as `Scheduler.rebuild` replays it."""

    reviewed_at: datetime
    study_day: date
    #: The scheduler that took the answer, its rating and the `Mark` that rating stands for.
    scheduler: str
    rating: int
    mark: Mark
    #: The state that scheduler left (its own JSON).
    state_after: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class CardMeasure:
    """The per-card number the stats spread in a histogram (SM-2: the E-Factor).

    Bins are `width` wide from `low`, the last one open from `top` up. `name` is the key of the
    figure in `quizapp stats --json`; a card under `trouble_below` or over `trouble_above`
    counts as hard.
    """

    name: str
    title: str
    low: float
    width: float
    top: float
    trouble_below: float
    trouble_above: float = float("inf")


@runtime_checkable
class SchedulerState(Protocol):
    """A card's scheduling state: immutable, and storable as a JSON object."""

    @property
    def interval(self) -> int:
        """Days the state plans until the next review (0 while never reviewed)."""
        ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class StateSummary:
    """What the store keeps beside a state's JSON, for queries and stats on any scheduler."""

    #: Days the state plans between reviews (0: new, or in learning steps of minutes).
    interval: int
    #: Successful reviews in a row (0: new, or learning again after a lapse).
    repetitions: int
    #: The scheduler's `measure` of the state.
    measure: float


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one rating does to a card: its new state and when it is next due."""

    rating: int
    state: SchedulerState
    #: The instant (UTC) the card is next due.
    due: datetime
    #: The time until then, as the button shows it ("1d", "10m").
    interval: timedelta
    #: True when the answer counts as a lapse (a learnt card forgotten).
    lapse: bool


class Scheduler(Protocol):
    """A spaced-repetition algorithm: pure, no clock, no I/O."""

    name: str
    #: As the learner reads it ("SM-2", "FSRS").
    title: str
    #: Whether `recall()` predicts the chance of recall (FSRS) or gives None (SM-2).
    predicts_recall: bool
    ratings: tuple[Rating, ...]
    #: What space/Enter gives after a self-graded reveal ("Good").
    default_rating: int
    measure: CardMeasure

    def rating(self, value: object) -> Rating:
        """The rating of this value; `RatingError` for one the scale does not have."""
        ...

    def suggested(self, mark: Mark) -> int:
        """The rating a checked answer preselects."""
        ...

    def mark_of(self, rating: int) -> Mark:
        """What a rating of this scale stands for, on no scale (to replay it on another)."""
        ...

    def initial_state(self) -> SchedulerState: ...

    def state_from_dict(self, data: Mapping[str, Any]) -> SchedulerState: ...

    def summary(self, state: SchedulerState) -> StateSummary:
        """The store's summary columns of a state."""
        ...

    def schedule(
        self,
        state: SchedulerState,
        rating: int,
        now: datetime,
        calendar: StudyCalendar,
        *,
        seed: int = 0,
        load: DayLoad | None = None,
    ) -> Outcome:
        """The outcome of answering a card in `state` with `rating` at the instant `now`.

        `seed` (the card's) fixes any random spread of the due day; `load` counts the cards
        already due on a day, for a scheduler that balances them.
        """
        ...

    def next_states(
        self,
        state: SchedulerState,
        now: datetime,
        calendar: StudyCalendar,
        *,
        seed: int = 0,
        load: DayLoad | None = None,
    ) -> tuple[Outcome, ...]:
        """The outcome of every rating, in the order of `ratings`."""
        ...

    def rebuild(
        self, log: Sequence[LoggedAnswer], calendar: StudyCalendar
    ) -> tuple[SchedulerState, datetime] | None:
        """A card's state and due instant from its answers (oldest first, none a same-session
        repeat); None when there are none (the card is new)."""
        ...

    def recall(self, state: SchedulerState, when: datetime) -> float | None:
        """The predicted probability of recall at `when`; None if the algorithm has none."""
        ...


@dataclass(frozen=True, slots=True)
class DayOutcome:
    """A day scheduler's answer: its new state, the days until due and the due study day."""

    grade: int
    state: SchedulerState
    interval: int
    due: date
    lapse: bool


class DayScheduler(ABC):
    """A scheduler that decides in whole study days: due "in 6 days" means from the start of
    that study day (the rollover hour), which `schedule()` works out with the calendar."""

    name: str
    title: str
    predicts_recall = False
    ratings: tuple[Rating, ...]
    default_rating: int
    measure: CardMeasure
    #: The rating each mark suggests.
    suggestions: Mapping[Mark, int]

    @abstractmethod
    def answer(self, state: SchedulerState, grade: int, today: date) -> DayOutcome:
        """The outcome of answering with `grade` on study day `today`."""

    @abstractmethod
    def due_after(self, state: SchedulerState, day: date) -> date:
        """The study day a state left by an answer on `day` is due."""

    @abstractmethod
    def state_from_dict(self, data: Mapping[str, Any]) -> SchedulerState: ...

    def rating(self, value: object) -> Rating:
        for rating in self.ratings:
            # bool is an int subclass, but True as a rating is a caller's bug, not a 1.
            if not isinstance(value, bool) and isinstance(value, int) and rating.value == value:
                return rating
        first, last = self.ratings[0], self.ratings[-1]
        raise RatingError(
            f"{self.name}: a rating must be a whole number from {first.value} ({first.label}) "
            f"to {last.value} ({last.label}), not {value!r}"
        )

    def suggested(self, mark: Mark) -> int:
        return self.suggestions[mark]

    def mark_of(self, rating: int) -> Mark:
        return mark_of(self.suggestions, self.rating(rating).value)

    def schedule(
        self,
        state: SchedulerState,
        rating: int,
        now: datetime,
        calendar: StudyCalendar,
        *,
        seed: int = 0,
        load: DayLoad | None = None,
    ) -> Outcome:
        return self._instant(self.answer(state, rating, calendar.day_of(now)), calendar)

    def next_states(
        self,
        state: SchedulerState,
        now: datetime,
        calendar: StudyCalendar,
        *,
        seed: int = 0,
        load: DayLoad | None = None,
    ) -> tuple[Outcome, ...]:
        today = calendar.day_of(now)
        return tuple(
            self._instant(self.answer(state, rating.value, today), calendar)
            for rating in self.ratings
        )

    def rebuild(
        self, log: Sequence[LoggedAnswer], calendar: StudyCalendar
    ) -> tuple[SchedulerState, datetime] | None:
        if not log:
            return None
        state: SchedulerState = self.initial_state()
        for answer in log:
            if answer.scheduler == self.name:
                state = self.state_from_dict(answer.state_after)
            else:
                grade = self.suggested(answer.mark)
                state = self.answer(state, grade, answer.study_day).state
        return state, calendar.start_of(self.due_after(state, log[-1].study_day))

    def recall(self, state: SchedulerState, when: datetime) -> float | None:
        return None

    @abstractmethod
    def initial_state(self) -> SchedulerState: ...

    @staticmethod
    def _instant(outcome: DayOutcome, calendar: StudyCalendar) -> Outcome:
        return Outcome(
            rating=outcome.grade,
            state=outcome.state,
            due=calendar.start_of(outcome.due),
            interval=timedelta(days=outcome.interval),
            lapse=outcome.lapse,
        )


def mark_of(suggestions: Mapping[Mark, int], rating: int) -> Mark:
    """The best `Mark` a rating stands for: the highest mark that suggests it, or else the
    mark of the nearest rating below it that one suggests (SM-2's 2 "Almost" is a wrong answer).
    """
    below = [suggested for suggested in suggestions.values() if suggested <= rating]
    if not below:
        return next(iter(suggestions))
    best = max(below)
    return [mark for mark, suggested in suggestions.items() if suggested == best][-1]
