"""FSRS-6's settings: the 21 parameters with their bounds, the desired retention, the (re)learning
steps and the longest interval, each checked with an error that names the setting."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

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

MINIMUM_RETENTION = 0.70
MAXIMUM_RETENTION = 0.99


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
