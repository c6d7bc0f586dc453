"""Card states and mastery per deck, the spread of SM-2's easiness, hardest cards and leeches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from quizapp.scheduling.sm2 import EASINESS
from quizapp.stats import CardTable
from quizapp.stats.cards import (
    STATES,
    card_states,
    deck_states,
    hardest_cards,
    leech_count,
    measure_histogram,
)


def _table(rows: Sequence[Mapping[str, object]], decks: tuple[str, ...] = ("a", "b")) -> CardTable:
    defaults: dict[str, object] = {
        "deck": 0,
        "new": False,
        "repetitions": 2,
        "interval": 6,
        "measure": 2.5,
        "lapses": 0,
        "due": 0,
        "suspended": False,
        "line": 0,
    }
    full = [{**defaults, **row} for row in rows]
    columns = {name: [r[name] for r in full] for name in defaults}
    return CardTable.build(
        decks=decks,
        key=[f"card-{i}" for i in range(len(rows))],
        path=[f"{decks[int(str(r['deck']))]}.yaml" for r in full],
        **columns,  # type: ignore[arg-type]
    )


def test_each_card_gets_one_state() -> None:
    table = _table(
        [
            {"new": True, "repetitions": 0, "interval": 0},
            {"repetitions": 0, "interval": 1},  # lapsed: learning again
            {"repetitions": 3, "interval": 20},  # young, just under 21
            {"repetitions": 4, "interval": 21},  # mature from 21 days
            {"repetitions": 4, "interval": 50, "suspended": True},
        ]
    )
    names = [STATES[s] for s in card_states(table)]
    assert names == ["new", "learning", "young", "mature", "suspended"]


def test_states_and_mastery_per_deck() -> None:
    table = _table(
        [
            # deck a: new (0), mature 21 (1), mature 42 (capped at 1), young 7 (1/3),
            # and a suspended card that mastery leaves out: (0 + 1 + 1 + 1/3) / 4 = 7/12.
            {"new": True, "repetitions": 0, "interval": 0},
            {"repetitions": 4, "interval": 21},
            {"repetitions": 5, "interval": 42},
            {"repetitions": 2, "interval": 7},
            {"suspended": True, "interval": 100},
            # deck b: one learning card (0).
            {"deck": 1, "repetitions": 0, "interval": 1},
        ]
    )
    result = deck_states(table)
    by_state = [dict(zip(STATES, row, strict=True)) for row in result.counts.tolist()]
    assert by_state[0] == {"new": 1, "learning": 0, "young": 1, "mature": 2, "suspended": 1}
    assert by_state[1] == {"new": 0, "learning": 1, "young": 0, "mature": 0, "suspended": 0}
    assert result.total.tolist() == [5, 1]
    assert result.mastery[0] == pytest.approx(7 / 12)
    assert result.mastery[1] == 0.0


def test_deck_of_suspended_cards_has_no_mastery() -> None:
    table = _table([{"suspended": True}], decks=("a",))
    assert deck_states(table).mastery == (None,)


def test_easiness_histogram_bins_in_tenths() -> None:
    table = _table(
        [{"measure": e} for e in (1.3, 1.39, 1.4, 2.5, 2.5, 3.0, 3.7)]
        + [{"new": True, "measure": 2.5}]  # never answered: not in the spread
    )
    result = measure_histogram(table, EASINESS)
    assert len(result.low) == 18
    assert result.low[0] == 1.3
    assert result.low[12] == 2.5
    assert result.low[-1] == 3.0
    expected = [0] * 18
    expected[0], expected[1], expected[12], expected[17] = 2, 1, 2, 2
    assert result.cards.tolist() == expected
    assert result.mean == pytest.approx(15.79 / 7)
    assert result.median == 2.5


def test_hardest_cards_most_lapses_then_lowest_easiness() -> None:
    table = _table(
        [
            {"lapses": 0, "measure": 2.5},  # no trouble: never listed
            {"lapses": 3, "measure": 1.8, "line": 12},
            {"lapses": 8, "measure": 1.3, "line": 30},  # a leech
            {"lapses": 3, "measure": 1.5, "line": 20},
            {"lapses": 0, "measure": 2.36, "deck": 1},
            {"new": True, "measure": 1.3},
        ]
    )
    hardest = hardest_cards(table, EASINESS, limit=10)
    assert [(c.key, c.lapses, c.leech) for c in hardest] == [
        ("card-2", 8, True),
        ("card-3", 3, False),
        ("card-1", 3, False),
        ("card-4", 0, False),
    ]
    assert (hardest[0].path, hardest[0].line, hardest[-1].deck) == ("a.yaml", 30, "b")
    assert [c.key for c in hardest_cards(table, EASINESS, limit=2)] == ["card-2", "card-3"]
    assert leech_count(table) == 1
    assert leech_count(table, leech_lapses=3) == 3


def test_a_hard_card_is_named_by_its_file_and_line() -> None:
    from quizapp.stats.cards import HardCard

    def where(path: str, line: int) -> str:
        return HardCard("deck-id", "key", path, line, 2.5, 1, False, False).where

    assert where("/some/where/deep/optimizers.yaml", 97) == "optimizers.yaml:97"
    assert where("optimizers.yaml", 0) == "optimizers.yaml"
    assert where("", 0) == "deck-id"  # a card whose file is not known: its deck
