"""The whole report on a small hand-made history, through `compute` and `to_json`."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from quizapp.scheduling.sm2 import EASINESS
from quizapp.stats import LEARNING, CardTable, StatsSettings, compute, restrict, to_json
from quizapp.stats.days import day_number
from tests.stats.builders import Answer, log_of

TODAY = day_number(date(2024, 5, 10))  # a Friday

# Two decks. Card 0 (deck a) is answered daily for three days before today, after a missed
# day; card 1 (deck b) was learned on TODAY-5 and reviewed today, wrongly.
LOG = log_of(
    [
        Answer(0, TODAY - 5, grade=4, kind=LEARNING, interval_before=0, due_after=TODAY - 4),
        Answer(0, TODAY - 3, grade=5, interval_before=1, due_after=TODAY - 2, response_ms=2000),
        Answer(0, TODAY - 2, grade=3, interval_before=1, due_after=TODAY - 1, response_ms=3000),
        Answer(0, TODAY - 1, grade=4, interval_before=25, due_after=TODAY + 3),
        Answer(1, TODAY - 5, grade=5, kind=LEARNING, interval_before=0, due_after=TODAY),
        Answer(1, TODAY, grade=1, interval_before=5, due_after=TODAY + 1, response_ms=500),
    ]
)
CARDS = CardTable.build(
    decks=["a", "b"],
    deck=[0, 1, 1],
    key=["alpha", "beta", "gamma"],
    path=["a.yaml", "b.yaml", "b.yaml"],
    line=[5, 7, 12],
    new=[False, False, True],
    repetitions=[3, 0, 0],
    interval=[4, 1, 0],
    measure=[2.6, 1.96, 2.5],
    lapses=[0, 1, 0],
    due=[TODAY + 3, TODAY + 1, 0],
    suspended=[False, False, False],
    deck_titles=["Deck A", "Deck B"],
    deck_paths=["a.yaml", "b.yaml"],
)


def test_whole_report_as_json() -> None:
    data = to_json(compute(LOG, CARDS, StatsSettings(measure=EASINESS, today=TODAY)), {"decks": []})
    json.dumps(data)  # plain JSON, nothing numpy left inside
    assert data["version"] == 1
    assert data["today"] == "2024-05-10"
    assert data["totals"] == {"reviews": 6, "seconds": 8.5, "days_studied": 5}
    # TODAY-4: card 0 was due and nothing was done: the streak broke. Since then: 4 days.
    assert data["streak"] == {"current": 4, "longest": 4}
    assert data["heatmap"]["first"] == "2023-05-12"
    assert data["heatmap"]["reviews"][-6:] == [2, 0, 1, 1, 1, 1]
    assert len(data["heatmap"]["reviews"]) == 365
    # Review answers: grades 5, 3, 4 right, 1 wrong; the 25-day one is mature.
    assert data["retention"]["all"] == {"right": 3, "total": 4, "rate": 0.75}
    assert data["retention"]["mature"] == {"right": 1, "total": 1, "rate": 1.0}
    assert data["retention"]["young"] == {"right": 2, "total": 3, "rate": 2 / 3}
    weeks = data["periods"]["week"]
    assert [w["start"] for w in weeks] == ["2024-04-29", "2024-05-06"]
    assert [w["reviews"] for w in weeks] == [2, 4]
    assert weeks[0]["retention"]["all"] == {"right": 0, "total": 0, "rate": None}
    assert weeks[1]["seconds"] == 6.5
    assert data["forecast"]["overdue"] == 0
    assert [d["due"] for d in data["forecast"]["days"][:5]] == [0, 1, 0, 1, 0]
    assert data["decks"] == [
        {
            "deck": "a",
            "title": "Deck A",
            "path": "a.yaml",
            "new": 0,
            "learning": 0,
            "young": 1,
            "mature": 0,
            "suspended": 0,
            "total": 1,
            "mastery": pytest.approx(4 / 21),
        },
        {
            "deck": "b",
            "title": "Deck B",
            "path": "b.yaml",
            "new": 1,
            "learning": 1,
            "young": 0,
            "mature": 0,
            "suspended": 0,
            "total": 2,
            "mastery": 0.0,
        },
    ]
    assert [(h["card"], h["path"], h["line"]) for h in data["hardest"]] == [("beta", "b.yaml", 7)]
    assert data["leeches"] == 0
    assert data["exercises"] == []


def test_since_limits_counting_but_not_the_streak() -> None:
    settings = StatsSettings(measure=EASINESS, today=TODAY, since_day=TODAY - 2)
    data = to_json(compute(LOG, CARDS, settings))
    assert data["totals"]["reviews"] == 3
    assert data["retention"]["all"] == {"right": 2, "total": 3, "rate": 2 / 3}
    assert data["streak"] == {"current": 4, "longest": 4}


def test_as_of_an_earlier_day_ignores_later_answers() -> None:
    data = to_json(compute(LOG, CARDS, StatsSettings(measure=EASINESS, today=TODAY - 3)))
    assert data["totals"]["reviews"] == 3
    # TODAY-4 broke the streak; TODAY-3 ("today" here) counts.
    assert data["streak"] == {"current": 1, "longest": 1}


def test_restrict_to_one_deck_renumbers_cards() -> None:
    only_b = CARDS.deck == 1
    log, cards = restrict(LOG, CARDS, only_b)
    assert log.card.tolist() == [0, 0]
    assert cards.key == ("beta", "gamma")
    data = to_json(compute(log, cards, StatsSettings(measure=EASINESS, today=TODAY)))
    assert data["totals"]["reviews"] == 2
    assert data["retention"]["all"] == {"right": 0, "total": 1, "rate": 0.0}
    # Card beta was due today and answered: today counts; TODAY-4..-1 had nothing due.
    assert data["streak"] == {"current": 2, "longest": 2}


def test_empty_history() -> None:
    empty_cards = CARDS.select(np.zeros(3, dtype=np.bool_))
    data = to_json(compute(log_of([]), empty_cards, StatsSettings(measure=EASINESS, today=TODAY)))
    assert data["totals"] == {"reviews": 0, "seconds": 0.0, "days_studied": 0}
    assert data["streak"] == {"current": 0, "longest": 0}
    assert data["retention"]["all"]["rate"] is None
    assert data["periods"] == {"day": [], "week": [], "month": []}
    assert data["easiness"]["mean"] is None
