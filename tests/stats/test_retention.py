"""Retention: review answers graded 3+, learning answers left out, young/mature split."""

from __future__ import annotations

from datetime import date

from quizapp.stats import LEARNING
from quizapp.stats.days import day_date, day_number
from quizapp.stats.retention import Tally, retention, retention_per_period
from tests.stats.builders import Answer, log_of

MON = day_number(date(2024, 1, 1))  # a Monday

# Four review answers, three of them graded 3 or more: retention exactly 0.75.
# Two tested intervals are young (1 and 6 days), two mature (21 and 40 days: 21 is mature).
# The learning answers (first sight of a card, a relearn) are all wrong and must not count.
HISTORY = log_of(
    [
        Answer(card=0, day=MON, grade=5, interval_before=1),
        Answer(card=1, day=MON, grade=3, interval_before=6),
        Answer(card=2, day=MON + 7, grade=4, interval_before=21),
        Answer(card=3, day=MON + 7, grade=2, interval_before=40),
        Answer(card=4, day=MON, grade=0, kind=LEARNING, interval_before=0),
        Answer(card=4, day=MON + 1, grade=1, kind=LEARNING, interval_before=1),
    ]
)


def test_retention_counts_only_review_answers() -> None:
    result = retention(HISTORY)
    assert result.all == Tally(right=3, total=4)
    assert result.all.rate == 0.75
    assert result.young == Tally(right=2, total=2)
    assert result.mature == Tally(right=1, total=2)
    assert result.mature.rate == 0.5


def test_mature_threshold_is_a_setting() -> None:
    # With maturity at 41 days every answer above is young.
    result = retention(HISTORY, mature_days=41)
    assert result.young == Tally(right=3, total=4)
    assert result.mature == Tally(right=0, total=0)
    assert result.mature.rate is None


def test_retention_per_week() -> None:
    weeks = retention_per_period(HISTORY, "week")
    assert [day_date(d) for d in weeks.start] == [date(2024, 1, 1), date(2024, 1, 8)]
    first, second = weeks.at(0), weeks.at(1)
    assert (first.all, first.young, first.mature) == (Tally(2, 2), Tally(2, 2), Tally(0, 0))
    assert (second.all, second.young, second.mature) == (Tally(1, 2), Tally(0, 0), Tally(1, 2))


def test_no_review_answers_no_periods() -> None:
    only_learning = HISTORY.select(HISTORY.kind == LEARNING)
    assert len(retention_per_period(only_learning, "month").start) == 0
    assert retention(only_learning).all.rate is None
