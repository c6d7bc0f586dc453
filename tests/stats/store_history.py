"""A small hand-made history written with the store API (used by the CLI and TUI stats tests).

See tests/stats/test_stats_command.py for the history and the figures worked out from it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from quizapp.model import Card, CardKind, Deck
from quizapp.scheduling.days import StudyCalendar
from quizapp.store import queries
from quizapp.store.database import open_database
from quizapp.store.deck_sync import sync_decks
from tests.sync_helpers import CALENDAR_UTC, SM2_EVERYWHERE


def _state(reps: int, interval: int, ef: float = 2.5) -> dict[str, Any]:
    return {"easiness": ef, "repetitions": reps, "interval": interval}


NEW = _state(0, 0)
A2_MET = _state(1, 1, 2.36)
HISTORY = [
    # (deck, card, time, before, grade, after)
    ("alpha", "a1", datetime(2024, 5, 5, 10, tzinfo=UTC), NEW, 4, _state(1, 1)),
    ("alpha", "a1", datetime(2024, 5, 7, 10, tzinfo=UTC), _state(1, 1), 5, _state(2, 6, 2.6)),
    ("alpha", "a2", datetime(2024, 5, 7, 3, tzinfo=UTC), NEW, 3, A2_MET),
    ("beta", "b1", datetime(2024, 5, 8, 10, tzinfo=UTC), NEW, 4, _state(1, 1)),
    ("beta", "b1", datetime(2024, 5, 9, 10, tzinfo=UTC), _state(1, 1), 2, _state(0, 1)),
    (
        "alpha",
        "a2",
        datetime(2024, 5, 9, 10, tzinfo=UTC),
        _state(1, 1, 2.36),
        3,
        _state(2, 6, 2.22),
    ),
    ("beta", "b2", datetime(2024, 5, 8, 11, tzinfo=UTC), _state(3, 30), 4, _state(4, 75)),
]
# The cards' states now: (deck, card, state, due day, lapses). A due day is stored as the instant
# it begins by `CALENDAR` (04:00 UTC), as the session stores an SM-2 due day.
FINAL = [
    ("alpha", "a1", _state(2, 6, 2.6), date(2024, 5, 13), 0),
    ("alpha", "a2", _state(2, 6, 2.22), date(2024, 5, 15), 0),
    ("beta", "b1", _state(0, 1), date(2024, 5, 10), 1),
    ("beta", "b2", _state(4, 75), date(2024, 7, 22), 0),
]


#: The rollover rule the due days are stored with: the default hour, in UTC (the tests' zone).
CALENDAR = StudyCalendar(4, UTC)


def _deck(deck_id: str, keys: list[str], tags: tuple[str, ...]) -> Deck:
    cards = tuple(
        Card(id=k, kind=CardKind.BASIC, front=f"front {k}", back=f"back {k}", line=5 + 3 * i)
        for i, k in enumerate(keys)
    )
    return Deck(id=deck_id, title=deck_id.title(), cards=cards, tags=tags, path=f"{deck_id}.yaml")


DECKS = [_deck("alpha", ["a1", "a2"], ()), _deck("beta", ["b1", "b2"], ("greek",))]
DECK_YAML = {
    "alpha": "deck: alpha\ntitle: Alpha\ncards:\n"
    "  - id: a1\n    front: front a1\n    back: back a1\n"
    "  - id: a2\n    front: front a2\n    back: back a2\n",
    "beta": "deck: beta\ntitle: Beta\ntags: [greek]\ncards:\n"
    "  - id: b1\n    front: front b1\n    back: back b1\n"
    "  - id: b2\n    front: front b2\n    back: back b2\n",
}


def write_history(db_url: str) -> None:
    """Create the database at `db_url` holding DECKS, the answers of HISTORY and FINAL states."""
    database = open_database(db_url)
    try:
        with database.writing() as db:
            sync_decks(
                db,
                DECKS,
                now=datetime(2024, 5, 1, tzinfo=UTC),
                schedulers=SM2_EVERYWHERE,
                calendar=CALENDAR_UTC,
            )
        with database.writing() as db:
            ids = queries.card_ids(db, ["alpha", "beta"])
            for n, (deck, key, at, before, grade, after) in enumerate(HISTORY):
                queries.add_review(
                    db,
                    queries.ReviewRecord(
                        id=f"00000000-0000-4000-8000-{n:012d}",
                        card_id=ids[(deck, key)],
                        reviewed_at=at,
                        study_day=at.date(),
                        grade=grade,
                        response_ms=1000 * (n + 1),
                        scheduler="sm2",
                        state_before=before,
                        state_after=after,
                        seed=None,
                        given=None,
                        repeat=False,
                    ),
                )
            for deck, key, state, due, lapses in FINAL:
                queries.write_state(
                    db,
                    queries.StateRecord(
                        card_id=ids[(deck, key)],
                        scheduler="sm2",
                        state=state,
                        due_at=CALENDAR.start_of(due),
                        interval=state["interval"],
                        easiness=state["easiness"],
                        repetitions=state["repetitions"],
                        lapses=lapses,
                        suspended=False,
                        buried_until=None,
                        introduced=date(2024, 5, 5),
                    ),
                )
    finally:
        database.close()
