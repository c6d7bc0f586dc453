"""FSRS-6 behind `quizapp.scheduling.base.Scheduler`: four ratings, minute steps, due instants.

The algorithm is `quizapp.scheduling.fsrs` (pure, agreeing with py-fsrs); this adds what the
app needs around it: the buttons (Again / Hard / Good / Easy on 1-4, space meaning Good), a
stored state that also counts the reviews passed in a row (the stats' "young" and "mature" need
them, as SM-2's repetitions), the summary columns, fuzz seeded by the card and balanced over the
days the session says are busy, and the replay of a card's log when its deck switches to FSRS.

A new card has no FSRS state (`NEW`); the stored state of a reviewed one is `FSRSState`'s JSON
plus `interval` (days planned, 0 in learning steps) and `repetitions`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any

from quizapp.scheduling import fsrs
from quizapp.scheduling.base import (
    CardMeasure,
    DayLoad,
    LoggedAnswer,
    Mark,
    Outcome,
    Rating,
    RatingError,
    SchedulerState,
    StateSummary,
    mark_of,
)
from quizapp.scheduling.days import StudyCalendar
from quizapp.scheduling.fsrs import FSRSConfig, FSRSState, Phase

#: Anki's four buttons. Again asks the card again after its (re)learning step, so no rating
#: "repeats" in SM-2's sense: the card comes back by its due time.
RATINGS: tuple[Rating, ...] = (
    Rating(value=fsrs.AGAIN, label="Again", key="1", passed=False, repeats=False),
    Rating(value=fsrs.HARD, label="Hard", key="2", passed=True, repeats=False),
    Rating(value=fsrs.GOOD, label="Good", key="3", passed=True, repeats=False),
    Rating(value=fsrs.EASY, label="Easy", key="4", passed=True, repeats=False),
)

#: What the stats spread: FSRS's difficulty, 1 (easiest) to 10, in bins of one; a card over 7
#: has given trouble.
DIFFICULTY = CardMeasure(
    name="difficulty",
    title="Difficulty of answered cards (FSRS, 1-10)",
    low=1.0,
    width=1.0,
    top=10.0,
    trouble_below=float("-inf"),
    trouble_above=7.0,
)


@dataclass(frozen=True, slots=True)
class FSRSCard:
    """A card's FSRS state as the app keeps it: FSRS's memory state (None while new) and the
    reviews passed in a row since it last left (re)learning."""

    memory: FSRSState | None = None
    repetitions: int = 0

    @property
    def interval(self) -> int:
        """Days planned until the next review; 0 while new or in (re)learning steps."""
        memory = self.memory
        if memory is None or memory.phase is not Phase.REVIEW:
            return 0
        return memory.interval

    def to_dict(self) -> dict[str, Any]:
        if self.memory is None:
            return {}
        return {
            **self.memory.to_dict(),
            "interval": self.interval,
            "repetitions": self.repetitions,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FSRSCard:
        if not data:
            return NEW
        memory = FSRSState.from_dict(data)
        try:
            repetitions = int(data.get("repetitions", 0))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not an FSRS state: {dict(data)!r} ({exc})") from exc
        return cls(memory, max(0, repetitions))


NEW = FSRSCard()
#: The ordinal of the last day there is (`date.fromordinal` takes 1 to this).
_LAST_ORDINAL = date.max.toordinal()


def _card(state: SchedulerState) -> FSRSCard:
    if not isinstance(state, FSRSCard):
        raise TypeError(f"the FSRS scheduler needs an FSRSCard, not {type(state).__name__}")
    return state


class FSRSScheduler:
    """FSRS-6 with the learner's settings (`FSRSConfig`): pure, no clock."""

    name = "fsrs"
    title = "FSRS"
    predicts_recall = True
    ratings = RATINGS
    #: Space/Enter after a self-graded reveal, as in Anki.
    default_rating = fsrs.GOOD
    measure = DIFFICULTY
    suggestions = MappingProxyType(
        {
            Mark.BLANK: fsrs.AGAIN,
            Mark.WRONG: fsrs.AGAIN,
            Mark.PARTLY: fsrs.HARD,
            Mark.RIGHT: fsrs.GOOD,
            Mark.PERFECT: fsrs.EASY,
        }
    )

    def __init__(self, config: FSRSConfig | None = None) -> None:
        self.config = config or FSRSConfig(fuzz=True)

    def __repr__(self) -> str:
        return f"FSRSScheduler({self.config!r})"

    def rating(self, value: object) -> Rating:
        if not isinstance(value, bool) and isinstance(value, int) and 1 <= value <= 4:
            return RATINGS[value - 1]
        raise RatingError(
            f"fsrs: a rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {value!r}"
        )

    def suggested(self, mark: Mark) -> int:
        return self.suggestions[mark]

    def mark_of(self, rating: int) -> Mark:
        return mark_of(self.suggestions, self.rating(rating).value)

    def initial_state(self) -> FSRSCard:
        return NEW

    def state_from_dict(self, data: Mapping[str, Any]) -> FSRSCard:
        return FSRSCard.from_dict(data)

    def summary(self, state: SchedulerState) -> StateSummary:
        card = _card(state)
        memory = card.memory
        return StateSummary(
            interval=card.interval,
            repetitions=card.repetitions,
            measure=0.0 if memory is None else memory.difficulty,
        )

    def _answer(
        self, card: FSRSCard, rating: int, now: datetime, seed: int, load: fsrs.DueLoad | None
    ) -> FSRSCard:
        memory = fsrs.review(card.memory, rating, now, self.config, seed=seed, load=load)
        if memory.phase is not Phase.REVIEW:
            repetitions = 0
        elif card.memory is not None and card.memory.phase is Phase.REVIEW:
            repetitions = card.repetitions + 1
        else:
            repetitions = 1  # it leaves its (re)learning steps
        return FSRSCard(memory, repetitions)

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
        self.rating(rating)
        card = _card(state)
        after = self._answer(card, rating, now, seed, _days_load(load, now, calendar))
        assert after.memory is not None
        lapse = (
            rating == fsrs.AGAIN and card.memory is not None and card.memory.phase is Phase.REVIEW
        )
        return Outcome(
            rating=rating,
            state=after,
            due=after.memory.due,
            interval=after.memory.due - now,
            lapse=lapse,
        )

    def next_states(
        self,
        state: SchedulerState,
        now: datetime,
        calendar: StudyCalendar,
        *,
        seed: int = 0,
        load: DayLoad | None = None,
    ) -> tuple[Outcome, ...]:
        return tuple(
            self.schedule(state, rating.value, now, calendar, seed=seed, load=load)
            for rating in RATINGS
        )

    def rebuild(
        self, log: Sequence[LoggedAnswer], calendar: StudyCalendar
    ) -> tuple[SchedulerState, datetime] | None:
        """Replay the answers: FSRS's own keep the state they left (fuzz and balance
        included); another scheduler's are answered again here, at the time they were given.
        """
        if not log:
            return None
        card = NEW
        for answer in log:
            if answer.scheduler == self.name:
                card = FSRSCard.from_dict(answer.state_after)
            else:
                rating = self.suggested(answer.mark)
                card = self._answer(card, rating, answer.reviewed_at, 0, None)
        if card.memory is None:
            return None
        return card, card.memory.due

    def recall(self, state: SchedulerState, when: datetime) -> float | None:
        memory = _card(state).memory
        if memory is None:
            return None
        return fsrs.retrievability(memory, when, self.config)


def _days_load(load: DayLoad | None, now: datetime, calendar: StudyCalendar) -> fsrs.DueLoad | None:
    """The day load as `fsrs.review` asks for it: by whole days from `now`."""
    if load is None:
        return None
    if isinstance(calendar.zone, timezone):
        # A fixed offset (UTC among them): `days` whole days after `now` is the same local hour
        # `days` dates later, so its study day is `days` after now's; counted once, not per
        # day of the fuzz range (each a conversion to local time).
        # By ordinals: a timedelta built for each day of the fuzz range cost more than the
        # rest of the day's lookup.
        today = calendar.day_of(now).toordinal()

        def fixed(days: int) -> int:
            ordinal = today + days
            if 0 < ordinal <= _LAST_ORDINAL:
                return load(date.fromordinal(ordinal))
            # Past date.max (or before date.min): the calendar's own rule decides.
            return load(calendar.day_of(now + timedelta(days=days)))

        return fixed
    return lambda days: load(calendar.day_of(now + timedelta(days=days)))


class SettingsError(ValueError):
    """A scheduler setting of config.toml that cannot be used; the message names it."""


#: The settings FSRS reads from a `[fsrs]` table (and a deck's `[decks.ID.fsrs]`).
SETTINGS = (
    "desired_retention",
    "learning_steps",
    "relearning_steps",
    "maximum_interval",
    "parameters",
    "fuzz",
)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: object, where: str) -> timedelta:
    """A step as config.toml writes it: "30s", "1m", "10m", "1h", "2d" (a bare number is
    minutes, as in Anki's deck options)."""
    if isinstance(text, bool):
        raise SettingsError(f'{where} must be a duration such as "10m", not {text!r}')
    if isinstance(text, int | float):
        return timedelta(minutes=text)
    if isinstance(text, str):
        spelled = text.strip().lower()
        unit = _UNITS.get(spelled[-1:]) if spelled else None
        number = spelled[:-1] if unit else spelled
        try:
            value = float(number)
        except ValueError:
            value = float("nan")
        if value == value and value not in (float("inf"), float("-inf")):
            return timedelta(seconds=value * (unit or 60))
    raise SettingsError(
        f'{where} must be a duration such as "1m", "10m", "1h" or "1d", not {text!r}'
    )


def fsrs_config(
    settings: Mapping[str, Any], *, max_interval_days: int, where: str = "fsrs"
) -> FSRSConfig:
    """The `FSRSConfig` of a settings table; `SettingsError` naming `where.key` if it is wrong.

    Unset keys take FSRS's defaults; the maximum interval defaults to the learner's
    `max_interval_days`; fuzz is on unless the table turns it off.
    """
    unknown = sorted(set(settings) - set(SETTINGS))
    if unknown:
        known = ", ".join(SETTINGS)
        raise SettingsError(f"{where}.{unknown[0]}: not an FSRS setting (known: {known})")
    values: dict[str, Any] = {
        "maximum_interval": max_interval_days,
        "fuzz": True,
    }
    for key in ("learning_steps", "relearning_steps"):
        if key in settings:
            steps = settings[key]
            if isinstance(steps, str) or not isinstance(steps, Sequence):
                raise SettingsError(f'{where}.{key} must be a list of durations, such as ["10m"]')
            values[key] = tuple(
                parse_duration(step, f"{where}.{key}[{i}]") for i, step in enumerate(steps)
            )
    for key in ("desired_retention", "maximum_interval", "parameters", "fuzz"):
        if key in settings:
            values[key] = settings[key]
    try:
        return FSRSConfig(**values)
    except fsrs.FSRSConfigError as exc:
        raise SettingsError(f"{where}.{exc}") from exc
