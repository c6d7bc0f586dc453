"""The schedulers quizapp knows, by the name the store, the review log and config.toml use.

The session asks here for a deck's scheduler instead of naming one; a new scheduler is one more
entry in `_MAKERS`. Each takes the learner's cap on intervals and its own settings table from
config.toml (`[fsrs]`, or a deck's `[decks.ID.fsrs]`), which it checks: a wrong setting is a
`SettingsError` that names it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from quizapp.scheduling.base import Scheduler
from quizapp.scheduling.fsrs_scheduler import FSRSScheduler, SettingsError, fsrs_config
from quizapp.scheduling.sm2 import SM2Scheduler

__all__ = ["DEFAULT_SCHEDULER", "SettingsError", "names", "scheduler_named"]

#: The scheduler of a deck that names none.
DEFAULT_SCHEDULER = SM2Scheduler.name


def _sm2(max_interval_days: int, settings: Mapping[str, Any], where: str) -> Scheduler:
    if settings:
        raise SettingsError(f"{where}.{sorted(settings)[0]}: SM-2 has no settings of its own")
    return SM2Scheduler(max_interval_days)


def _fsrs(max_interval_days: int, settings: Mapping[str, Any], where: str) -> Scheduler:
    return FSRSScheduler(fsrs_config(settings, max_interval_days=max_interval_days, where=where))


#: name -> the scheduler, given the learner's cap on intervals (days), its settings and where
#: they come from (for messages).
_MAKERS: dict[str, Callable[[int, Mapping[str, Any], str], Scheduler]] = {
    SM2Scheduler.name: _sm2,
    FSRSScheduler.name: _fsrs,
}


def names() -> tuple[str, ...]:
    """The names of every scheduler, the default first."""
    return (DEFAULT_SCHEDULER, *sorted(set(_MAKERS) - {DEFAULT_SCHEDULER}))


def scheduler_named(
    name: str = DEFAULT_SCHEDULER,
    *,
    max_interval_days: int,
    settings: Mapping[str, Any] | None = None,
    where: str | None = None,
) -> Scheduler:
    """The scheduler called `name` with these settings; `ValueError` naming the known ones for
    any other name, `SettingsError` (a ValueError) for a setting it cannot use."""
    maker = _MAKERS.get(name)
    if maker is None:
        known = ", ".join(names())
        raise ValueError(f"no scheduler is called {name!r} (known: {known})")
    return maker(max_interval_days, settings or {}, where or name)
