"""SM-2, exactly as P. Wozniak published it (SuperMemo, 1990, "Optimization of learning").

The algorithm's steps, as this module follows them:

1. Split the knowledge into the smallest possible items (here: a card's prompts).
2. With every item associate an E-Factor equal to 2.5.
3. Repeat items using the following intervals (in days):
   I(1) = 1, I(2) = 6, and for n > 2: I(n) = I(n-1) * EF, where EF is the item's E-Factor
   (the one it had before this answer modifies it in step 5). A fractional interval is rounded
   up to the next whole day.
4. After each repetition assess the quality of the response on a 0-5 scale (5 perfect response,
   4 correct after a hesitation, 3 correct with serious difficulty, 2 incorrect but the right one
   seemed easy to recall, 1 incorrect but the right one remembered, 0 complete blackout).
5. After each repetition modify the E-Factor:
   EF' = EF + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)); if EF' is less than 1.3, let it be 1.3.
6. If the quality is lower than 3, start repetitions for the item from the beginning without
   changing the E-Factor (use I(1), I(2), ... as if the item were memorised anew).
7. After each day's repetitions, repeat again all items that scored below four, until they all
   score at least four. These repeats do not change the item's state (`needs_repeat` says which
   grades call for one; `quizapp.scheduling.queue` puts them back in the session's queue).

SM-2 sets no upper bound on intervals: `review()` follows it exactly, and only turning an interval
into a due date (`SM2Scheduler`) caps it at a maximum interval, so no date ever overflows.

Exactness: EF moves in steps of 0.01 (step 5 adds +0.10, 0.00, -0.14, ... ), so the arithmetic is
done on whole hundredths. With binary floats, 140 days x 3.00 can come out as 420.00000000000006
and round up to 421; here it is 140 * 300 / 100 = 420 exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from quizapp.scheduling.base import (
    CardMeasure,
    DayOutcome,
    DayScheduler,
    Mark,
    Rating,
    RatingError,
    SchedulerState,
    StateSummary,
)

#: Grades run from 0 (complete blackout) to 5 (perfect response).
GRADES: tuple[int, ...] = (0, 1, 2, 3, 4, 5)

#: Step 2: every new item starts with this E-Factor.
INITIAL_EASINESS = 2.5
#: Step 5: the E-Factor never goes below this.
MINIMUM_EASINESS = 1.3
#: Step 3: the first two intervals, in days.
FIRST_INTERVAL = 1
SECOND_INTERVAL = 6
#: Step 7: an answer graded below this is asked again in the same session.
REPEAT_BELOW = 4
#: Step 6: an answer graded below this starts the repetitions again.
PASS_GRADE = 3
#: Default cap on the interval turned into a due date: 100 years.
DEFAULT_MAX_INTERVAL_DAYS = 36_500

_MINIMUM_HUNDREDTHS = 130


class GradeError(RatingError):
    """A grade outside 0-5 (or not a whole number) was given."""


def check_grade(grade: object) -> int:
    """Return `grade` if it is a whole number from 0 to 5; raise `GradeError` otherwise."""
    # bool is an int subclass, but True as a grade is a caller's bug, not a grade of 1.
    if isinstance(grade, bool) or not isinstance(grade, int) or grade not in GRADES:
        raise GradeError(
            f"grade must be a whole number from 0 (blackout) to 5 (perfect), not {grade!r}"
        )
    return grade


def _hundredths(easiness: float) -> int:
    """The E-Factor as a whole number of hundredths, refusing values off the 0.01 grid."""
    scaled = round(easiness * 100)
    if abs(easiness * 100 - scaled) > 1e-6:
        raise ValueError(f"E-Factor must be a multiple of 0.01 (SM-2 moves it so), not {easiness}")
    return scaled


@dataclass(frozen=True, slots=True)
class SM2State:
    """One prompt's SM-2 state: E-Factor, successful repetitions in a row, last interval (days).

    A new prompt is ``SM2State()``: E-Factor 2.5, no repetitions, no interval yet.
    """

    easiness: float = INITIAL_EASINESS
    repetitions: int = 0
    interval: int = 0

    def __post_init__(self) -> None:
        # A state read back from storage must make sense, or review() would compute nonsense.
        if not isinstance(self.easiness, int | float) or not math.isfinite(self.easiness):
            raise ValueError(f"E-Factor must be a number, not {self.easiness!r}")
        if _hundredths(self.easiness) < _MINIMUM_HUNDREDTHS:
            raise ValueError(f"E-Factor must be at least {MINIMUM_EASINESS}, not {self.easiness}")
        if self.repetitions < 0 or self.interval < 0:
            raise ValueError(
                f"repetitions and interval must not be negative "
                f"(got {self.repetitions}, {self.interval})"
            )
        if self.repetitions > 0 and self.interval < 1:
            raise ValueError(f"a state with {self.repetitions} repetitions needs an interval >= 1")

    def to_dict(self) -> dict[str, Any]:
        """The state as a JSON object (what the store keeps)."""
        return {
            "easiness": self.easiness,
            "repetitions": self.repetitions,
            "interval": self.interval,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SM2State:
        """Read back what `to_dict()` wrote; missing keys take the new-card defaults."""
        try:
            return cls(
                easiness=float(data.get("easiness", INITIAL_EASINESS)),
                repetitions=int(data.get("repetitions", 0)),
                interval=int(data.get("interval", 0)),
            )
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not an SM-2 state: {dict(data)!r} ({exc})") from exc


def review(state: SM2State, grade: int) -> SM2State:
    """The state after one answer graded `grade` (0-5), per steps 3, 5 and 6 above.

    `state` is not changed (it is frozen); a new state is returned.
    """
    check_grade(grade)
    ef = _hundredths(state.easiness)
    if grade < PASS_GRADE:
        # Step 6: start again from I(1); the E-Factor is left as it was.
        return SM2State(easiness=state.easiness, repetitions=0, interval=FIRST_INTERVAL)
    repetitions = state.repetitions + 1
    if repetitions == 1:
        interval = FIRST_INTERVAL
    elif repetitions == 2:
        interval = SECOND_INTERVAL
    else:
        # Step 3 with the E-Factor as it stood before step 5; ceil(I * ef / 100) in integers.
        interval = -(-state.interval * ef // 100)
    # Step 5 in hundredths: 0.1 - d(0.08 + 0.02d) = (10 - d(8 + 2d)) / 100 with d = 5 - q.
    d = 5 - grade
    ef = max(_MINIMUM_HUNDREDTHS, ef + 10 - d * (8 + 2 * d))
    return SM2State(easiness=ef / 100, repetitions=repetitions, interval=interval)


def needs_repeat(grade: int) -> bool:
    """Step 7: whether an answer graded `grade` is asked again in the same session."""
    return check_grade(grade) < REPEAT_BELOW


def is_lapse(state: SM2State, grade: int) -> bool:
    """Whether the answer forgets a card that had been learnt (it had repetitions; q < 3)."""
    return check_grade(grade) < PASS_GRADE and state.repetitions > 0


def due_day(today: date, interval: int, max_interval_days: int) -> date:
    """The day an interval from `today` falls on, capped at `max_interval_days` (and date.max)."""
    try:
        return today + timedelta(days=min(interval, max_interval_days))
    except OverflowError:
        return date.max


#: The answer buttons: Wozniak's six grades as the learner reads them (step 4), each on its
#: number key. Step 6: 3 and up count as recalled; step 7: below 4 comes back the same day.
RATINGS: tuple[Rating, ...] = tuple(
    Rating(
        value=grade,
        label=label,
        key=str(grade),
        passed=grade >= PASS_GRADE,
        repeats=grade < REPEAT_BELOW,
    )
    for grade, label in zip(
        GRADES, ("Blackout", "Wrong", "Almost", "Hard", "Good", "Easy"), strict=True
    )
)

#: What the stats spread: the E-Factor of answered cards, in bins of 0.1 from its minimum; a
#: card whose E-Factor fell below the initial 2.5 has given trouble.
EASINESS = CardMeasure(
    name="easiness",
    title="Easiness of answered cards",
    low=MINIMUM_EASINESS,
    width=0.1,
    top=3.0,
    trouble_below=INITIAL_EASINESS,
)


class SM2Scheduler(DayScheduler):
    """SM-2 behind `quizapp.scheduling.base.Scheduler`: pure, no clock, `today` is a study day."""

    name = "sm2"
    title = "SM-2"
    ratings = RATINGS
    #: Space/Enter after a self-graded reveal: 4, "correct after a hesitation".
    default_rating = 4
    measure = EASINESS
    suggestions = MappingProxyType(
        {Mark.BLANK: 0, Mark.WRONG: 1, Mark.PARTLY: 3, Mark.RIGHT: 4, Mark.PERFECT: 5}
    )

    def __init__(self, max_interval_days: int = DEFAULT_MAX_INTERVAL_DAYS) -> None:
        if max_interval_days < 1:
            raise ValueError(f"max_interval_days must be at least 1, not {max_interval_days}")
        self.max_interval_days = max_interval_days

    def rating(self, value: object) -> Rating:
        return RATINGS[check_grade(value)]

    def initial_state(self) -> SM2State:
        return SM2State()

    def state_from_dict(self, data: Mapping[str, Any]) -> SM2State:
        return SM2State.from_dict(data)

    def summary(self, state: SchedulerState) -> StateSummary:
        sm2 = _sm2_state(state)
        return StateSummary(
            interval=sm2.interval, repetitions=sm2.repetitions, measure=sm2.easiness
        )

    def due_after(self, state: SchedulerState, day: date) -> date:
        return due_day(day, _sm2_state(state).interval, self.max_interval_days)

    def answer(self, state: SchedulerState, grade: int, today: date) -> DayOutcome:
        """The outcome of answering a card in `state` with `grade` on study day `today`."""
        before = _sm2_state(state)
        new = review(before, grade)
        due = due_day(today, new.interval, self.max_interval_days)
        # The state keeps SM-2's own interval; the outcome shows the (capped) days until due.
        return DayOutcome(
            grade=grade,
            state=new,
            interval=(due - today).days,
            due=due,
            lapse=is_lapse(before, grade),
        )

    def preview(self, state: SchedulerState, today: date) -> tuple[DayOutcome, ...]:
        """The outcome of each grade 0-5, in that order, on study day `today`."""
        return tuple(self.answer(state, grade, today) for grade in GRADES)


def _sm2_state(state: SchedulerState) -> SM2State:
    if not isinstance(state, SM2State):
        raise TypeError(f"the SM-2 scheduler needs an SM2State, not {type(state).__name__}")
    return state
