"""The schedulers quizapp knows, by the name the store and the review log keep.

The session asks here for a deck's scheduler instead of naming one; a new scheduler is one more
entry in `_MAKERS`.
"""

from __future__ import annotations

from collections.abc import Callable

from quizapp.scheduling.base import Scheduler
from quizapp.scheduling.sm2 import SM2Scheduler

#: The scheduler of a deck that names none.
DEFAULT_SCHEDULER = SM2Scheduler.name

#: name -> the scheduler, given the learner's cap on intervals (days).
_MAKERS: dict[str, Callable[[int], Scheduler]] = {
    SM2Scheduler.name: lambda max_interval_days: SM2Scheduler(max_interval_days),
}


def names() -> tuple[str, ...]:
    """The names of every scheduler, the default first."""
    return (DEFAULT_SCHEDULER, *sorted(set(_MAKERS) - {DEFAULT_SCHEDULER}))


def scheduler_named(name: str = DEFAULT_SCHEDULER, *, max_interval_days: int) -> Scheduler:
    """The scheduler called `name`; `ValueError` naming the known ones for any other."""
    maker = _MAKERS.get(name)
    if maker is None:
        known = ", ".join(names())
        raise ValueError(f"no scheduler is called {name!r} (known: {known})")
    return maker(max_interval_days)
