"""The store's statistics reads on a real SQLite file: exercise answers, repeats, removed cards."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import update

from quizapp.config import Config
from quizapp.model import Card, CardKind, Deck, ExerciseSpec
from quizapp.scheduling.sm2 import EASINESS
from quizapp.stats import LEARNING, REPEAT, REVIEW
from quizapp.stats.days import day_number
from quizapp.store import queries
from quizapp.store.database import open_database
from quizapp.store.models import CardRow
from quizapp.store.stats_queries import build_report, read_history
from tests.sync_helpers import CALENDAR_UTC, SM2_EVERYWHERE

NEW: dict[str, Any] = {"easiness": 2.5, "repetitions": 0, "interval": 0}
LEARNED: dict[str, Any] = {"easiness": 2.5, "repetitions": 1, "interval": 1}
SPEC = ExerciseSpec(
    generator="adam_step",
    params={"theta": 0.5, "grad": 0.2, "t": 1, "lr": 0.1},
    ask=("m", "v_hat"),
)
DECK = Deck(
    id="mixed",
    title="Mixed",
    path="mixed.yaml",
    cards=(
        Card(id="plain", kind=CardKind.BASIC, front="f", back="b", line=4),
        Card(id="adam", kind=CardKind.EXERCISE, front="One step", exercise=SPEC, line=7),
        Card(id="gone", kind=CardKind.BASIC, front="g", back="g", line=12),
    ),
)
TODAY = date(2024, 5, 10)


def _review(n: int, card_id: int, grade: int, before: dict[str, Any], **extra: Any) -> Any:
    at = datetime(2024, 5, 10, 10, n, tzinfo=UTC)
    fields: dict[str, Any] = {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "card_id": card_id,
        "reviewed_at": at,
        "study_day": at.date(),
        "grade": grade,
        "response_ms": 1000,
        "scheduler": "sm2",
        "state_before": before,
        "state_after": LEARNED,
        "seed": None,
        "given": None,
        "repeat": False,
    }
    return queries.ReviewRecord(**(fields | extra))


def test_exercises_repeats_and_removed_cards(tmp_path: Path) -> None:
    from quizapp.store.deck_sync import sync_decks

    database = open_database(f"sqlite:///{tmp_path / 'reviews.sqlite3'}")
    try:
        with database.writing() as db:
            sync_decks(
                db,
                [DECK],
                now=datetime(2024, 5, 1, tzinfo=UTC),
                schedulers=SM2_EVERYWHERE,
                calendar=CALENDAR_UTC,
            )
            ids = queries.card_ids(db, ["mixed"])
            plain, adam, gone = (
                ids[("mixed", "plain")],
                ids[("mixed", "adam")],
                ids[("mixed", "gone")],
            )
            answers = [
                _review(0, plain, 4, NEW),  # learning
                _review(1, plain, 2, LEARNED),  # review, wrong
                _review(2, plain, 4, LEARNED, repeat=True),  # a step-7 repeat
                # m = 0.02 and v̂ = 0.04 for g = 0.2 at t = 1.
                _review(3, adam, 5, NEW, seed=11, given={"m": "0.02", "v_hat": "0.04"}),
                _review(4, adam, 3, LEARNED, seed=12, given={"m": "0.02", "v_hat": "0.4"}),
                _review(5, gone, 5, LEARNED),  # review, right; the card then leaves its file
            ]
            for answer in answers:
                queries.add_review(db, answer)
            db.execute(update(CardRow).where(CardRow.id == gone).values(removed=True))
        with database.reading() as db:
            history = read_history(db, rollover_hour=4, tz=UTC)
            report = build_report(
                db,
                config=Config(),
                measure=EASINESS,
                today=day_number(TODAY),
                decks=[DECK],
                tz=UTC,
            )
    finally:
        database.close()

    assert history.log.kind.tolist() == [LEARNING, REVIEW, REPEAT, LEARNING, REVIEW, REVIEW]
    assert history.cards.key == ("plain", "adam", "gone")
    # Every answer counts as activity; the removed card's answer too.
    assert report.totals.reviews == 6
    # Review answers: plain (2, wrong), adam (3, right), gone (5, right); the repeat is left out.
    assert (report.retention.all.right, report.retention.all.total) == (2, 3)
    # Card states leave the removed card out.
    assert int(report.deck_states.total[0]) == 2
    [adam_step] = report.exercises
    assert (adam_step.generator, adam_step.right, adam_step.total) == ("adam_step", 3, 4)
    assert [(q.name, q.right, q.total) for q in adam_step.quantities] == [
        ("m", 2, 2),
        ("v_hat", 1, 2),
    ]
