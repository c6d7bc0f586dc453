"""FSRS-6, the Free Spaced Repetition Scheduler with its 21 parameters: pure, no I/O, no clock.

It agrees with py-fsrs 6.3.2, the FSRS authors' reference implementation (the tests compare the
two on hundreds of random review histories). A card has a stability S (days until its recall
probability falls to 90 %) and a difficulty D (1-10); each rating (1 Again, 2 Hard, 3 Good,
4 Easy) moves them, and the next interval is the time until the predicted recall falls to the
desired retention. New and forgotten cards first go through short learning (relearning) steps,
measured in minutes; reviews on the same day as the last one use the short-term formula.

`review(state, rating, now, config)` gives the state after one answer; `retrievability` the
predicted chance of recall at an instant. States and configurations are frozen values.
Fuzz (`FSRSConfig.fuzz`) is deterministic: seeded by the caller's `seed` and the review's time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from quizapp.scheduling.fsrs_config import (
    DEFAULT_PARAMETERS,
    MAXIMUM_RETENTION,
    MINIMUM_RETENTION,
    PARAMETER_BOUNDS,
    FSRSConfig,
    FSRSConfigError,
)
from quizapp.scheduling.fsrs_fuzz import DueLoad, fuzz_range, fuzzed_interval

#: Ratings: 1 Again, 2 Hard, 3 Good, 4 Easy.
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS: tuple[int, ...] = (AGAIN, HARD, GOOD, EASY)

STABILITY_MIN = 0.001
DIFFICULTY_MIN = 1.0
DIFFICULTY_MAX = 10.0

_LATEST = datetime.max.replace(tzinfo=UTC)

__all__ = [
    "DEFAULT_PARAMETERS",
    "MAXIMUM_RETENTION",
    "MINIMUM_RETENTION",
    "PARAMETER_BOUNDS",
    "DueLoad",
    "FSRSConfig",
    "FSRSConfigError",
    "FSRSState",
    "Phase",
    "fuzz_range",
    "retrievability",
    "review",
]


class Phase(StrEnum):
    """Where a card is: its first steps, spaced reviews, or steps again after a lapse."""

    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


def _check_aware(moment: object, what: str) -> datetime:
    if type(moment) is datetime and moment.tzinfo is UTC:
        return moment  # already what it would become (the usual case: states keep UTC)
    if not isinstance(moment, datetime):
        raise TypeError(f"{what} must be a datetime, not {moment!r}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{what} must be a timezone-aware datetime, not the naive {moment.isoformat()}"
        )
    return moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class FSRSState:
    """A card's FSRS state after at least one review (a new card has none: None).

    `step` indexes the current (re)learning steps, None in review. `due` and `last_review`
    are aware datetimes in UTC.
    """

    phase: Phase
    step: int | None
    stability: float
    difficulty: float
    due: datetime
    last_review: datetime

    def __post_init__(self) -> None:
        # A state read back from storage must make sense, or review() would compute nonsense.
        if type(self.phase) is not Phase:  # Phase(a member) is the member, but not cheaply
            object.__setattr__(self, "phase", Phase(self.phase))
        if self.phase is Phase.REVIEW:
            if self.step is not None:
                raise ValueError(f"a card in review has no step, not {self.step!r}")
        elif isinstance(self.step, bool) or not isinstance(self.step, int) or self.step < 0:
            raise ValueError(f"a {self.phase} card needs a step index >= 0, not {self.step!r}")
        if not math.isfinite(self.stability) or self.stability < STABILITY_MIN:
            raise ValueError(f"stability must be at least {STABILITY_MIN}, not {self.stability}")
        if not DIFFICULTY_MIN <= self.difficulty <= DIFFICULTY_MAX:
            raise ValueError(f"difficulty must be from 1 to 10, not {self.difficulty}")
        object.__setattr__(self, "due", _check_aware(self.due, "due"))
        object.__setattr__(self, "last_review", _check_aware(self.last_review, "last_review"))

    @property
    def interval(self) -> int:
        """Whole days planned from the last review to the due time."""
        return (self.due - self.last_review).days

    def to_dict(self) -> dict[str, Any]:
        """The state as a JSON object (times as ISO 8601 in UTC)."""
        return {
            "phase": str(self.phase),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FSRSState:
        """Read back what `to_dict()` wrote; `ValueError` for anything else."""
        try:
            step = data["step"]
            return cls(
                phase=Phase(data["phase"]),
                step=None if step is None else int(step),
                stability=float(data["stability"]),
                difficulty=float(data["difficulty"]),
                due=datetime.fromisoformat(data["due"]),
                last_review=datetime.fromisoformat(data["last_review"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not an FSRS state: {dict(data)!r} ({exc})") from exc


def _check_rating(rating: object) -> int:
    # bool is an int subclass, but True as a rating is a caller's bug, not Again.
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATINGS:
        raise ValueError(
            f"an FSRS rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating!r}"
        )
    return rating


def _elapsed_days(state: FSRSState, now: datetime) -> int:
    """Whole days since the last review, floored as py-fsrs counts them (negative if earlier)."""
    return (now - state.last_review).days


def _curve(elapsed: float, stability: float, config: FSRSConfig) -> float:
    """The forgetting curve: recall probability `elapsed` days after a review."""
    return math.pow(1 + config.factor * elapsed / stability, config.decay)


def retrievability(state: FSRSState | None, when: datetime, config: FSRSConfig) -> float:
    """The predicted probability of recalling the card at `when` (0 for a new card).

    Counted in whole days since the last review, as py-fsrs does: within a day it is 1.
    """
    when = _check_aware(when, "when")
    if state is None:
        return 0.0
    return _curve(max(0, _elapsed_days(state, when)), state.stability, config)


def _initial_stability(rating: int, w: Sequence[float]) -> float:
    return max(w[rating - 1], STABILITY_MIN)


def _initial_difficulty(rating: int, w: Sequence[float]) -> float:
    """D0(G) = w4 - e^(w5 (G - 1)) + 1, unclamped (the mean reversion aims at D0(Easy))."""
    return w[4] - math.exp(w[5] * (rating - 1)) + 1


def _clamp_difficulty(difficulty: float) -> float:
    return min(max(difficulty, DIFFICULTY_MIN), DIFFICULTY_MAX)


def _next_difficulty(difficulty: float, rating: int, w: Sequence[float]) -> float:
    """Linear damping towards 10, then mean reversion towards D0(Easy) with weight w7."""
    delta = -w[6] * (rating - GOOD)
    damped = difficulty + (10.0 - difficulty) * delta / 9.0
    return _clamp_difficulty(w[7] * _initial_difficulty(EASY, w) + (1 - w[7]) * damped)


def _short_term_stability(stability: float, rating: int, w: Sequence[float]) -> float:
    """A review within a day of the last: S' = S e^(w17 (G - 3 + w18)) S^-w19, never lower
    for a pass."""
    increase = math.exp(w[17] * (rating - GOOD + w[18])) * math.pow(stability, -w[19])
    if rating != AGAIN:
        increase = max(increase, 1.0)
    return max(stability * increase, STABILITY_MIN)


def _long_term_stability(
    stability: float, difficulty: float, recall: float, rating: int, w: Sequence[float]
) -> float:
    """A review a day or more after the last: recall grows S, a lapse shrinks it."""
    if rating == AGAIN:
        forgotten = (
            w[11]
            * math.pow(difficulty, -w[12])
            * (math.pow(stability + 1, w[13]) - 1)
            * math.exp((1 - recall) * w[14])
        )
        # Never above what a same-day lapse would leave.
        result = min(forgotten, stability / math.exp(w[17] * w[18]))
    else:
        hard = w[15] if rating == HARD else 1.0
        easy = w[16] if rating == EASY else 1.0
        growth = (
            math.exp(w[8])
            * (11 - difficulty)
            * math.pow(stability, -w[9])
            * (math.exp((1 - recall) * w[10]) - 1)
        )
        result = stability * (1 + growth * hard * easy)
    return max(result, STABILITY_MIN)


def _interval_days(stability: float, config: FSRSConfig) -> int:
    """Days until recall falls to the desired retention, rounded, from 1 to the maximum."""
    days = stability / config.factor * (math.pow(config.desired_retention, 1 / config.decay) - 1)
    # round() rounds halves to even, as py-fsrs's does.
    return min(max(round(days), 1), config.maximum_interval)


def _stepped(
    phase: Phase, step: int, rating: int, steps: Sequence[timedelta]
) -> tuple[Phase, int | None, timedelta | None]:
    """Phase, step and wait after a (re)learning answer; a None wait means: to review.

    A step index past the end (the steps were shortened since) graduates on any pass.
    """
    if not steps or (step >= len(steps) and rating != AGAIN):
        return Phase.REVIEW, None, None
    if rating == AGAIN:
        return phase, 0, steps[0]
    if rating == HARD:
        if step == 0:
            # Halfway to the next step, or half as long again when there is only one.
            wait = steps[0] * 1.5 if len(steps) == 1 else (steps[0] + steps[1]) / 2.0
            return phase, 0, wait
        return phase, step, steps[step]
    if rating == GOOD and step + 1 < len(steps):
        return phase, step + 1, steps[step + 1]
    return Phase.REVIEW, None, None


def review(
    state: FSRSState | None,
    rating: int,
    now: datetime,
    config: FSRSConfig,
    *,
    seed: int = 0,
    load: DueLoad | None = None,
) -> FSRSState:
    """The state after answering with `rating` (1-4) at `now`; None is a new card.

    With `config.fuzz`, `load` (cards already due n days from now) balances the fuzzed day
    (`quizapp.scheduling.fsrs_fuzz`).

    `state` is not changed (it is frozen); a new state is returned, its times in UTC. With
    `config.fuzz`, `seed` (the card's, say) and `now` pick the review interval's fuzz.
    """
    _check_rating(rating)
    now = _check_aware(now, "now")
    w = config.parameters
    phase: Phase
    step: int | None
    if state is None:
        phase, step = Phase.LEARNING, 0
        stability, difficulty = (
            _initial_stability(rating, w),
            _clamp_difficulty(_initial_difficulty(rating, w)),
        )
    else:
        phase, step = state.phase, state.step
        if _elapsed_days(state, now) < 1:
            stability = _short_term_stability(state.stability, rating, w)
        else:
            recall = retrievability(state, now, config)
            stability = _long_term_stability(state.stability, state.difficulty, recall, rating, w)
        difficulty = _next_difficulty(state.difficulty, rating, w)

    wait: timedelta | None
    if phase is Phase.REVIEW:
        if rating == AGAIN and config.relearning_steps:
            phase, step, wait = Phase.RELEARNING, 0, config.relearning_steps[0]
        else:
            step, wait = None, None
    else:
        assert step is not None  # a (re)learning state always has one (__post_init__)
        steps = config.learning_steps if phase is Phase.LEARNING else config.relearning_steps
        phase, step, wait = _stepped(phase, step, rating, steps)
    if wait is None:
        days = _interval_days(stability, config)
        if config.fuzz:
            days = fuzzed_interval(days, config.maximum_interval, seed, now, load)
        wait = timedelta(days=days)
    try:
        due = now + wait
    except OverflowError:  # a maximum interval that runs past year 9999
        due = _LATEST
    return FSRSState(phase, step, stability, difficulty, due, now)
