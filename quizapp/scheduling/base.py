"""The interface every scheduler offers, so a second algorithm can sit beside SM-2.

The session and the store see only this: a scheduler's state is a frozen value with a JSON-able
`to_dict()`, a review gives an `Outcome` (new state, interval, due day), and `preview()` gives the
outcome of every grade at once, for the answer buttons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, runtime_checkable

#: Grades run from 0 (complete blackout) to 5 (perfect response), as in SM-2.
GRADES: tuple[int, ...] = (0, 1, 2, 3, 4, 5)


@runtime_checkable
class SchedulerState(Protocol):
    """A card's scheduling state: immutable, and storable as a JSON object."""

    @property
    def interval(self) -> int: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one answer does to a card: its new state, the interval in days and the due day."""

    grade: int
    state: SchedulerState
    interval: int
    due: date
    #: True when the answer counts as a lapse (forgotten: the repetitions start again).
    lapse: bool


class Scheduler(Protocol):
    """A spaced-repetition algorithm: pure, no clock, no I/O; `today` is a study day."""

    name: str

    def initial_state(self) -> SchedulerState: ...

    def state_from_dict(self, data: Mapping[str, Any]) -> SchedulerState: ...

    def answer(self, state: SchedulerState, grade: int, today: date) -> Outcome: ...

    def preview(self, state: SchedulerState, today: date) -> tuple[Outcome, ...]:
        """The outcome of each grade in `GRADES`, in that order."""
        ...
