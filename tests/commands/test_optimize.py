"""`quizapp optimize` end to end on a real SQLite file: a log drawn from py-fsrs written through
the store, fitted, compared, saved to config.toml and used by the deck's scheduler."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from benchmarks.synthetic_fsrs_log import simulate
from quizapp import config as config_module
from quizapp.cli import main
from quizapp.config import Config
from quizapp.model import Card, CardKind, Deck
from quizapp.scheduling.fsrs_config import DEFAULT_PARAMETERS
from quizapp.scheduling.fsrs_fit import fit_parameters
from quizapp.session.schedulers import DeckSchedulers
from quizapp.store import queries
from quizapp.store.database import open_database
from quizapp.store.deck_sync import sync_decks
from quizapp.store.fit_log import read_fit_log
from tests.sync_helpers import CALENDAR_UTC, SM2_EVERYWHERE

#: FSRS's rating as SM-2 logs it (for the SM-2 deck): Again 1, Hard 3, Good 4, Easy 5.
_SM2_GRADE = {1: 1, 2: 3, 3: 4, 4: 5}


def _deck(deck_id: str, keys: list[str]) -> Deck:
    cards = tuple(Card(id=k, kind=CardKind.BASIC, front=k, back=k) for k in keys)
    return Deck(id=deck_id, title=deck_id, cards=cards, path=f"{deck_id}.yaml")


def _write(url: str, logs: dict[str, list[tuple[str, datetime, int]]], sm2: set[str]) -> None:
    """A database holding one deck per log; the decks in `sm2` logged as SM-2's answers (the
    interval set at each: the days until the card's next answer)."""
    decks = [_deck(d, sorted({c for c, _, _ in log})) for d, log in logs.items()]
    database = open_database(url)
    try:
        with database.writing() as db:
            sync_decks(
                db,
                decks,
                now=datetime(2023, 12, 1, tzinfo=UTC),
                schedulers=SM2_EVERYWHERE,
                calendar=CALENDAR_UTC,
            )
        with database.writing() as db:
            ids = queries.card_ids(db, list(logs))
            n = 0
            for deck_id, log in logs.items():
                next_time: dict[str, datetime] = {}
                for card, when, _ in reversed(sorted(log, key=lambda r: (r[0], r[1]))):
                    next_time[f"{card}@{when.isoformat()}"] = next_time.get(card, when)
                    next_time[card] = when
                for card, when, rating in log:
                    n += 1
                    is_sm2 = deck_id in sm2
                    after = next_time[f"{card}@{when.isoformat()}"]
                    interval = max((after - when).days, 1)
                    queries.add_review(
                        db,
                        queries.ReviewRecord(
                            id=f"00000000-0000-4000-8000-{n:012d}",
                            card_id=ids[(deck_id, card)],
                            reviewed_at=when,
                            study_day=when.date(),
                            grade=_SM2_GRADE[rating] if is_sm2 else rating,
                            response_ms=1000,
                            scheduler="sm2" if is_sm2 else "fsrs",
                            state_before={},
                            state_after={"easiness": 2.5, "repetitions": 1, "interval": interval}
                            if is_sm2
                            else {},
                            seed=None,
                            given=None,
                            repeat=False,
                        ),
                    )
    finally:
        database.close()


@pytest.fixture(scope="module")
def log() -> list[tuple[str, datetime, int]]:
    return simulate(5000, seed=11)


def _url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reviews.sqlite3'}"


def test_optimize_compares_then_saves_what_the_deck_then_schedules_with(
    tmp_path: Path,
    quizapp_home: Path,
    log: list[tuple[str, datetime, int]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = _url(tmp_path)
    cards = sorted({c for c, _, _ in log})
    first = set(cards[: len(cards) // 2])
    _write(
        url,
        {
            "spanish": [r for r in log if r[0] in first],
            "german": [r for r in log if r[0] not in first],
        },
        sm2={"german"},
    )
    assert main(["--db", url, "optimize"]) == 0
    out = capsys.readouterr().out
    assert f"FSRS fitted to {len(log):,} answers" in out
    for row in ("SM-2", "FSRS, default parameters", "FSRS, fitted"):
        assert row in out
    assert "Run again with --save" in out
    assert (
        not (quizapp_home / "config" / "config.toml").exists()
        or "parameters" not in (quizapp_home / "config" / "config.toml").read_text()
    )

    assert main(["--db", url, "optimize", "--save"]) == 0
    assert "Saved to [fsrs]" in capsys.readouterr().out
    saved = tomllib.loads((quizapp_home / "config" / "config.toml").read_text())["fsrs"][
        "parameters"
    ]
    # What the command fitted is the fit of the very same answers (SM-2's mapped), rounded.
    expected = fit_parameters(
        [(c, w, r) for c, w, r in log], zone=None, rollover_hour=Config().rollover_hour
    )
    assert saved == pytest.approx(expected, abs=1e-4)
    assert saved != pytest.approx(DEFAULT_PARAMETERS, abs=1e-3)
    config = config_module.load()
    fsrs_config = config_module.Config(
        scheduler="fsrs", scheduler_settings=config.scheduler_settings
    )
    scheduler = DeckSchedulers(fsrs_config, [])("spanish")
    assert tuple(scheduler.config.parameters) == tuple(saved)  # type: ignore[attr-defined]


def test_optimize_one_deck_saves_to_its_table(
    tmp_path: Path,
    quizapp_home: Path,
    log: list[tuple[str, datetime, int]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = _url(tmp_path)
    _write(url, {"spanish": log, "tiny": log[:40]}, sm2=set())
    assert main(["--db", url, "optimize", "--deck", "spanish", "--save"]) == 0
    assert "Saved to [decks.spanish.fsrs]" in capsys.readouterr().out
    data = tomllib.loads((quizapp_home / "config" / "config.toml").read_text())
    assert len(data["decks"]["spanish"]["fsrs"]["parameters"]) == 21
    assert "fsrs" not in data
    choice = config_module.load().scheduler_of("spanish", "fsrs")
    assert choice.settings["parameters"] == data["decks"]["spanish"]["fsrs"]["parameters"]

    # Too little history: the defaults are kept, said so, and nothing is saved.
    assert main(["--db", url, "optimize", "--deck", "tiny", "--save"]) == 0
    out = capsys.readouterr().out
    assert "Not enough history" in out
    assert "Nothing saved" in out
    assert (
        "tiny" not in tomllib.loads((quizapp_home / "config" / "config.toml").read_text())["decks"]
    )


def test_optimize_refuses_an_unknown_deck_and_an_empty_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(tmp_path)
    assert main(["--db", url, "optimize"]) == 1
    assert "nothing studied yet" in capsys.readouterr().err
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    _write(url, {"spanish": [("c", start, 3), ("c", start + timedelta(days=2), 3)]}, sm2=set())
    assert main(["--db", url, "optimize", "--deck", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no deck with id nope" in err
    assert "spanish" in err


def test_the_fit_log_maps_sm2_grades_to_fsrs_ratings(tmp_path: Path) -> None:
    url = _url(tmp_path)
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    # Each SM-2 grade 0..5 once, a day apart (written as FSRS ratings 1-4 mapped back).
    database = open_database(url)
    try:
        with database.writing() as db:
            sync_decks(
                db,
                [_deck("d", ["c"])],
                now=start,
                schedulers=SM2_EVERYWHERE,
                calendar=CALENDAR_UTC,
            )
        with database.writing() as db:
            card = queries.card_ids(db, ["d"])[("d", "c")]
            for grade in range(6):
                queries.add_review(
                    db,
                    queries.ReviewRecord(
                        id=f"00000000-0000-4000-8000-{grade:012d}",
                        card_id=card,
                        reviewed_at=start + timedelta(days=grade),
                        study_day=(start + timedelta(days=grade)).date(),
                        grade=grade,
                        response_ms=1000,
                        scheduler="sm2",
                        state_before={},
                        state_after={"easiness": 2.5, "repetitions": 1, "interval": grade + 1},
                        seed=None,
                        given=None,
                        repeat=False,
                    ),
                )
        with database.reading() as db:
            got = read_fit_log(db)
    finally:
        database.close()
    assert got.rating == [1, 1, 1, 2, 3, 4]
    assert got.interval == [1, 2, 3, 4, 5, 6]
    assert all(when.tzinfo is not None for when in got.reviewed_at)


def test_the_progress_bar_shows_only_after_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    from quizapp.commands import optimize

    now = [100.0]
    monkeypatch.setattr("quizapp.commands.optimize.time.perf_counter", lambda: now[0])
    bar = optimize._Bar()
    bar.phase("Fitting")
    bar(1, 10)
    assert bar.progress is None  # quick work: no bar at all
    now[0] += 1.5
    bar(2, 10)
    try:
        assert bar.progress is not None
        task = bar.progress.tasks[0]
        assert (task.completed, task.total, task.description) == (2, 10, "Fitting")
        bar.phase("Again")
        bar(5, 20)
        assert (task.completed, task.total, task.description) == (5, 20, "Again")
    finally:
        bar.stop()
