"""Statistics maths over the review log (pure: numpy arrays in, figures out).

The store reads the log's columns once into a `ReviewLog` and a `CardTable`; `compute()` turns
them into a `StatsReport` and `to_json()` into the structure docs/stats.md documents.

The names below are imported on first use (module `__getattr__`): importing a submodule such
as `quizapp.stats.streaks`, which the home screen's start-up needs, must not import numpy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.stats.exercises import QuantityAnswers
    from quizapp.stats.history import (
        LEARNING,
        REPEAT,
        REVIEW,
        CardTable,
        ReviewLog,
        restrict,
    )
    from quizapp.stats.report import StatsReport, StatsSettings, compute, to_json

#: Each public name -> the submodule that defines it.
_HOMES = {
    "QuantityAnswers": "quizapp.stats.exercises",
    "LEARNING": "quizapp.stats.history",
    "REPEAT": "quizapp.stats.history",
    "REVIEW": "quizapp.stats.history",
    "CardTable": "quizapp.stats.history",
    "ReviewLog": "quizapp.stats.history",
    "restrict": "quizapp.stats.history",
    "StatsReport": "quizapp.stats.report",
    "StatsSettings": "quizapp.stats.report",
    "compute": "quizapp.stats.report",
    "to_json": "quizapp.stats.report",
}

__all__ = [
    "LEARNING",
    "REPEAT",
    "REVIEW",
    "CardTable",
    "QuantityAnswers",
    "ReviewLog",
    "StatsReport",
    "StatsSettings",
    "compute",
    "restrict",
    "to_json",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value
