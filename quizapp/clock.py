"""The one place that reads the time; everything else takes a clock or a `now` argument.

Tests replace the clock with a `FixedClock` and move it forward to travel across days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that says what time it is, as an aware datetime in local time."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock: the machine's local time, timezone-aware."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


@dataclass
class FixedClock:
    """A clock that stands still until told to move (for tests and benchmarks)."""

    current: datetime

    def __post_init__(self) -> None:
        if self.current.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware datetime")

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current = self.current + delta
