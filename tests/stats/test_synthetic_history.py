"""The synthetic history (benchmarks/synthetic_history.py): what SM-2 gives, written through the
store, and read back whole by the statistics."""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path

import numpy as np

from benchmarks.synthetic_history import simulate, write
from quizapp.config import Config
from quizapp.scheduling.sm2 import EASINESS, SM2State, review
from quizapp.stats.days import day_number
from quizapp.store.database import open_database
from quizapp.store.stats_queries import build_report

END = date(2024, 6, 30)


def test_history_follows_sm2_and_reads_back_whole(tmp_path: Path) -> None:
    history = simulate(cards=200, reviews=3000, days=60, end=END, decks=3, seed=5)
    # Enough cards for the work asked: exactly that many answers, and each in the 60 days.
    assert len(history) == 3000
    assert min(history.day) >= date(2024, 5, 2)
    assert max(history.day) == END
    assert history.repeat.any()
    for before, grade, after, repeat in zip(
        history.state_before, history.grade, history.state_after, history.repeat, strict=True
    ):
        expected = before if repeat else review(SM2State(**before), int(grade)).to_dict()
        assert after == expected

    database = open_database(f"sqlite:///{tmp_path / 'synthetic.sqlite3'}")
    try:
        write(database, history)
        with database.reading() as db:
            report = build_report(
                db, config=Config(), measure=EASINESS, today=day_number(END), tz=UTC
            )
            capped = build_report(
                db,
                config=Config(max_answer_seconds=5),
                measure=EASINESS,
                today=day_number(END),
                tz=UTC,
            )
    finally:
        database.close()
    assert report.totals.reviews == 3000
    # Each answer counts for at most `max_answer_seconds` (60 by default); with 5 s many of the
    # simulated times (about 5 s each) are longer, and all were written as they are.
    assert (history.response_ms > 5_000).sum() > 500
    assert report.totals.seconds == np.minimum(history.response_ms, 60_000).sum() / 1000
    assert capped.totals.seconds == np.minimum(history.response_ms, 5_000).sum() / 1000
    assert report.streaks.longest == 60
    assert int(report.deck_states.total.sum()) == 200
    # Retention counts the answers to learned cards that were not repeats.
    learned = [
        b["repetitions"] > 0 and not r
        for b, r in zip(history.state_before, history.repeat, strict=True)
    ]
    passed = [ok and g >= 3 for ok, g in zip(learned, history.grade, strict=True)]
    assert (report.retention.all.right, report.retention.all.total) == (sum(passed), sum(learned))
