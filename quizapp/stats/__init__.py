"""Statistics maths over the review log (pure: numpy arrays in, figures out).

The store reads the log's columns once into a `ReviewLog` and a `CardTable`; `compute()` turns
them into a `StatsReport` and `to_json()` into the structure docs/stats.md documents.
"""

from quizapp.stats.exercises import QuantityAnswers
from quizapp.stats.history import LEARNING, REPEAT, REVIEW, CardTable, ReviewLog, restrict
from quizapp.stats.report import StatsReport, StatsSettings, compute, to_json

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
