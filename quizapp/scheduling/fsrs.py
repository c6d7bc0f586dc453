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

import hashlib
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

#: Each of w0..w20: FSRS-6's default (py-fsrs 6.3.2's, fitted on the srs-benchmark's review logs)
#: and the range py-fsrs allows, outside which the formulas break down (w20 = 0 divides by zero,
#: a negative w0..w3 gives a negative first stability).
_PARAMETER_TABLE: tuple[tuple[float, float, float], ...] = (
    (0.212, 0.001, 100.0),  # w0
    (1.2931, 0.001, 100.0),  # w1
    (2.3065, 0.001, 100.0),  # w2
    (8.2956, 0.001, 100.0),  # w3
    (6.4133, 1.0, 10.0),  # w4
    (0.8334, 0.001, 4.0),  # w5
    (3.0194, 0.001, 4.0),  # w6
    (0.001, 0.001, 0.75),  # w7
    (1.8722, 0.0, 4.5),  # w8
    (0.1666, 0.0, 0.8),  # w9
    (0.796, 0.001, 3.5),  # w10
    (1.4835, 0.001, 5.0),  # w11
    (0.0614, 0.001, 0.25),  # w12
    (0.2629, 0.001, 0.9),  # w13
    (1.6483, 0.0, 4.0),  # w14
    (0.6014, 0.0, 1.0),  # w15
    (1.8729, 1.0, 6.0),  # w16
    (0.5425, 0.0, 2.0),  # w17
    (0.0912, 0.0, 2.0),  # w18
    (0.0658, 0.0, 0.8),  # w19
    (0.1542, 0.1, 0.8),  # w20
)
DEFAULT_PARAMETERS: tuple[float, ...] = tuple(default for default, _, _ in _PARAMETER_TABLE)
PARAMETER_BOUNDS: tuple[tuple[float, float], ...] = tuple(
    (low, high) for _, low, high in _PARAMETER_TABLE
)

#: Ratings: 1 Again, 2 Hard, 3 Good, 4 Easy.
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS: tuple[int, ...] = (AGAIN, HARD, GOOD, EASY)

MINIMUM_RETENTION = 0.70
MAXIMUM_RETENTION = 0.99
STABILITY_MIN = 0.001
DIFFICULTY_MIN = 1.0
DIFFICULTY_MAX = 10.0

_LATEST = datetime.max.replace(tzinfo=UTC)


class Phase(StrEnum):
    """Where a card is: its first steps, spaced reviews, or steps again after a lapse."""

    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


class FSRSConfigError(ValueError):
    """A setting of `FSRSConfig` that FSRS cannot work with; the message names it."""


def _check_steps(name: str, steps: object) -> tuple[timedelta, ...]:
    if isinstance(steps, str | bytes) or not isinstance(steps, Sequence):
        raise FSRSConfigError(f"{name} must be a sequence of durations, not {steps!r}")
    checked = tuple(steps)
    for index, step in enumerate(checked):
        if not isinstance(step, timedelta):
            raise FSRSConfigError(f"{name}[{index}] must be a duration, not {step!r}")
        if step <= timedelta(0):
            raise FSRSConfigError(f"{name}[{index}] must be longer than zero, not {step}")
    for index, (earlier, later) in enumerate(itertools.pairwise(checked)):
        if later < earlier:
            raise FSRSConfigError(
                f"{name} must not get shorter: {name}[{index + 1}] = {later} comes after {earlier}"
            )
    return checked


def _check_parameters(parameters: object) -> tuple[float, ...]:
    if isinstance(parameters, str | bytes) or not isinstance(parameters, Sequence):
        raise FSRSConfigError(f"parameters must be 21 numbers, not {parameters!r}")
    if len(parameters) != len(PARAMETER_BOUNDS):
        raise FSRSConfigError(f"parameters must be 21 numbers (w0..w20), not {len(parameters)}")
    checked = []
    for index, (value, (low, high)) in enumerate(zip(parameters, PARAMETER_BOUNDS, strict=True)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FSRSConfigError(f"parameters[{index}] (w{index}) must be a number, not {value!r}")
        if not math.isfinite(value) or not low <= value <= high:
            raise FSRSConfigError(
                f"parameters[{index}] (w{index}) must be from {low} to {high}, not {value}"
            )
        checked.append(float(value))
    return tuple(checked)


@dataclass(frozen=True, slots=True)
class FSRSConfig:
    """FSRS's settings: its parameters, the recall probability to aim for, the steps (of
    minutes) of new and forgotten cards, and the longest interval in days.

    `fuzz` spreads review intervals of 3 days and more over FSRS's fuzz range (`fuzz_range`),
    so cards learnt together do not all fall due together; `review`'s `seed` makes it
    deterministic.
    """

    parameters: Sequence[float] = DEFAULT_PARAMETERS
    desired_retention: float = 0.9
    learning_steps: Sequence[timedelta] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: Sequence[timedelta] = (timedelta(minutes=10),)
    maximum_interval: int = 36_500
    fuzz: bool = False
    #: -w20, the forgetting curve's exponent, and the factor that puts R(S) at 90 %.
    decay: float = field(init=False, repr=False, compare=False)
    factor: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parameters = _check_parameters(self.parameters)
        retention = self.desired_retention
        if (
            isinstance(retention, bool)
            or not isinstance(retention, int | float)
            or not MINIMUM_RETENTION <= retention <= MAXIMUM_RETENTION
        ):
            raise FSRSConfigError(
                f"desired_retention must be from {MINIMUM_RETENTION} to {MAXIMUM_RETENTION}, "
                f"not {retention!r}"
            )
        interval = self.maximum_interval
        if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
            raise FSRSConfigError(
                f"maximum_interval must be a whole number of days, at least 1, not {interval!r}"
            )
        if not isinstance(self.fuzz, bool):
            raise FSRSConfigError(f"fuzz must be true or false, not {self.fuzz!r}")
        # Frozen: the normalised values go in through object.__setattr__, once, here.
        object.__setattr__(self, "parameters", parameters)
        object.__setattr__(self, "desired_retention", float(retention))
        object.__setattr__(
            self, "learning_steps", _check_steps("learning_steps", self.learning_steps)
        )
        object.__setattr__(
            self, "relearning_steps", _check_steps("relearning_steps", self.relearning_steps)
        )
        decay = -parameters[20]
        object.__setattr__(self, "decay", decay)
        object.__setattr__(self, "factor", math.pow(0.9, 1 / decay) - 1)


def _check_aware(moment: object, what: str) -> datetime:
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


#: FSRS's fuzz: d days may move by 1 day, plus 15 % of the part of d from 2.5 to 7 days, 10 % of
#: the part from 7 to 20 and 5 % of the part beyond 20 (py-fsrs's and Anki's ranges).
_FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.10), (20.0, math.inf, 0.05))


def fuzz_range(days: int, maximum_interval: int) -> tuple[int, int]:
    """The first and last whole day an interval of `days` may be fuzzed to (from 3 days on;
    a shorter one is not fuzzed), within the maximum interval."""
    delta = 1.0 + sum(
        factor * max(min(float(days), end) - start, 0.0) for start, end, factor in _FUZZ_RANGES
    )
    high = min(round(days + delta), maximum_interval)
    return min(max(2, round(days - delta)), high), high


def _fuzzed(days: int, config: FSRSConfig, seed: int, now: datetime) -> int:
    if not config.fuzz or days < 2.5:
        return days
    low, high = fuzz_range(days, config.maximum_interval)
    # The same card answered at the same instant always gets the same day: a hash, not random.
    key = f"{seed}:{now.isoformat()}".encode()
    draw = int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")
    return low + draw % (high - low + 1)


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
    state: FSRSState | None, rating: int, now: datetime, config: FSRSConfig, *, seed: int = 0
) -> FSRSState:
    """The state after answering with `rating` (1-4) at `now`; None is a new card.

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
        wait = timedelta(days=_fuzzed(_interval_days(stability, config), config, seed, now))
    try:
        due = now + wait
    except OverflowError:  # a maximum interval that runs past year 9999
        due = _LATEST
    return FSRSState(phase, step, stability, difficulty, due, now)
