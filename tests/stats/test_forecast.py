"""Forecast: cards due per day for the coming days; overdue counted today."""

from __future__ import annotations

from quizapp.stats import CardTable
from quizapp.stats.forecast import forecast

TODAY = 500


def _cards(due: list[int], new: list[bool], suspended: list[bool]) -> CardTable:
    n = len(due)
    return CardTable.build(
        decks=["d"],
        deck=[0] * n,
        key=[f"c{i}" for i in range(n)],
        new=new,
        repetitions=[0 if is_new else 2 for is_new in new],
        interval=[6] * n,
        measure=[2.5] * n,
        lapses=[0] * n,
        due=due,
        suspended=suspended,
    )


def test_forecast_over_thirty_days() -> None:
    cards = _cards(
        due=[TODAY - 2, TODAY, TODAY + 1, TODAY + 29, TODAY + 30, TODAY, TODAY],
        new=[False, False, False, False, False, True, False],
        suspended=[False, False, False, False, False, False, True],
    )
    result = forecast(cards, TODAY)
    assert result.first == TODAY
    assert len(result.due) == 30
    assert result.overdue == 1
    expected = [0] * 30
    expected[0] = 2  # one overdue, one due today; the new and the suspended card never count
    expected[1] = 1
    expected[29] = 1  # the card due in 30 days falls outside
    assert result.due.tolist() == expected


def test_forecast_of_nothing() -> None:
    result = forecast(_cards([], [], []), TODAY, days=3)
    assert result.due.tolist() == [0, 0, 0]
    assert result.overdue == 0
