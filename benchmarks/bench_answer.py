"""How long answering a card takes, on a collection of 100,000 cards and 1,000,000 reviews.

Prints, as a table: the median and p99 of `StudySession.answer()` (SM-2 + the durable commit of
state and review row + fetching the next card); a bare sqlite3 UPDATE + INSERT + COMMIT on the
same database with the same pragmas (the floor any design pays: the ratio's target is <= 3);
and Anki's own fetch + answer latency (`get_queued_cards` + `answer_card`, the Rust backend from
PyPI's `anki`) on a collection of the same size, when benchmarks/.venv-bench has it:

    python3 -m venv benchmarks/.venv-bench && benchmarks/.venv-bench/bin/pip install anki

Also the time to open the collection (sync of 100,000 unchanged cards) and to build the queue.
Our measurements and the bare ones are interleaved in blocks, so disk noise falls on both alike.

Run: .venv/bin/python benchmarks/bench_answer.py [--cards N] [--reviews N] [--answers N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCH_PYTHON = HERE / ".venv-bench" / "bin" / "python"
TODAY = date(2026, 3, 10)
DECKS = 10


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f}"


# -- our side -------------------------------------------------------------------------------------


def build_collection(db_path: Path, cards: int, reviews: int) -> dict[str, float]:
    """Cards through the real sync, then states and the review log filled in bulk with sqlite3."""
    sys.path.insert(0, str(ROOT))
    from quizapp.clock import FixedClock
    from quizapp.config import Config
    from quizapp.session import Collection

    timings: dict[str, float] = {}
    decks = make_decks(cards)
    clock = FixedClock(datetime(2026, 3, 10, 12, tzinfo=UTC))
    started = time.perf_counter()
    Collection.from_decks(
        decks, db_url=f"sqlite:///{db_path}", clock=clock, config=Config()
    ).close()
    timings["first sync (insert all cards)"] = time.perf_counter() - started

    started = time.perf_counter()
    rng = random.Random(1)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as db:
        db.execute("PRAGMA synchronous = OFF")  # building the fixture, not measuring
        db.execute("BEGIN")
        # 90 % of the cards have been studied: due from 30 days ago to 60 days ahead.
        db.execute(
            "UPDATE card_states SET due = date(?, ((card_id * 7919) % 90 - 30) || ' days'),"
            " interval = 10, repetitions = 3, easiness = 2.5, introduced = '2026-01-01',"
            " state = json_object('easiness', 2.5, 'repetitions', 3, 'interval', 10)"
            " WHERE card_id % 10 != 0",
            (TODAY.isoformat(),),
        )
        state = json.dumps({"easiness": 2.5, "repetitions": 3, "interval": 10})
        start_day = TODAY - timedelta(days=365)
        batch = []
        for i in range(reviews):
            day = start_day + timedelta(days=i * 365 // reviews)
            batch.append(
                (
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    1 + (i * 7 % cards),
                    f"{day.isoformat()} 12:00:00.000000",
                    day.isoformat(),
                    rng.choice((2, 3, 4, 5)),
                    rng.randrange(500, 9000),
                    "sm2",
                    state,
                    state,
                )
            )
            if len(batch) == 50_000:
                insert_reviews(db, batch)
                batch.clear()
        insert_reviews(db, batch)
        db.execute("COMMIT")
    timings["bulk fill of states and review log"] = time.perf_counter() - started
    return timings


def insert_reviews(db: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> None:
    db.executemany(
        "INSERT INTO reviews (id, card_id, reviewed_at, study_day, grade, response_ms,"
        " scheduler, state_before, state_after, repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        batch,
    )


def make_decks(cards: int) -> list[Any]:
    from quizapp.model import Card, CardKind, Deck

    per_deck = cards // DECKS
    return [
        Deck(
            id=f"deck{d}",
            title=f"Deck {d}",
            cards=tuple(
                Card(id=f"c{i}", kind=CardKind.BASIC, front=f"question {d}/{i}", back="answer")
                for i in range(per_deck)
            ),
            path=f"deck{d}.yaml",
            content_hash=f"bench-{d}-{per_deck}",
        )
        for d in range(DECKS)
    ]


def bench_ours_and_bare(db_path: Path, cards: int, answers: int) -> dict[str, Any]:
    from quizapp.clock import FixedClock
    from quizapp.config import Config
    from quizapp.session import Collection

    clock = FixedClock(datetime(2026, 3, 10, 12, tzinfo=UTC))
    config = Config(reviews_per_day=1_000_000, new_per_deck=1000)
    decks = make_decks(cards)
    started = time.perf_counter()
    collection = Collection.from_decks(
        decks, db_url=f"sqlite:///{db_path}", clock=clock, config=config
    )
    open_seconds = time.perf_counter() - started
    results: dict[str, Any] = {"open (sync of unchanged cards)": open_seconds}

    queue_times = []
    for _ in range(5):
        started = time.perf_counter()
        session = collection.start()
        queue_times.append(time.perf_counter() - started)
    results["queue build"] = statistics.median(queue_times)
    results["queue size"] = session.progress().left

    bare = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    bare.execute("PRAGMA foreign_keys = ON")
    bare.execute("PRAGMA busy_timeout = 30000")
    state = json.dumps({"easiness": 2.5, "repetitions": 4, "interval": 25})
    rng = random.Random(2)

    def bare_answer(card_id: int) -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.execute(
            "UPDATE card_states SET state = ?, due = ?, interval = ?, easiness = ?,"
            " repetitions = ? WHERE card_id = ?",
            (state, "2026-04-04", 25, 2.5, 4, card_id),
        )
        bare.execute(
            "INSERT INTO reviews (id, card_id, reviewed_at, study_day, grade, response_ms,"
            " scheduler, state_before, state_after, repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (
                str(uuid.uuid4()),
                card_id,
                "2026-03-10 12:00:00",
                "2026-03-10",
                4,
                900,
                "sm2",
                state,
                state,
            ),
        )
        bare.execute("COMMIT")

    ours: list[float] = []
    floor: list[float] = []
    session.current()
    block = 100
    while len(ours) < answers and session.current() is not None:
        for _ in range(block):
            if session.current() is None:
                break
            started = time.perf_counter()
            session.answer(rng.choice((3, 4, 5)), 1200)
            session.current()  # fetching the next card is part of the latency
            ours.append(time.perf_counter() - started)
        for _ in range(block):
            card_id = rng.randrange(1, cards + 1)
            started = time.perf_counter()
            bare_answer(card_id)
            floor.append(time.perf_counter() - started)
    bare.close()
    collection.close()
    results["ours"] = ours
    results["bare"] = floor
    return results


# -- Anki's side (runs in benchmarks/.venv-bench) -------------------------------------------------


def bench_anki(cards: int, reviews: int, answers: int) -> dict[str, Any]:
    """Anki's per-answer latency on a collection of `cards` cards and `reviews` revlog rows."""
    from anki.collection import Collection as AnkiCollection

    folder = Path(tempfile.mkdtemp(prefix="anki-bench-"))
    path = folder / "collection.anki2"
    try:
        started = time.perf_counter()
        col = AnkiCollection(str(path))
        model = col.models.by_name("Basic")
        assert model is not None
        deck_id = col.decks.id("bench")
        assert deck_id is not None
        config = col.decks.config_dict_for_deck_id(deck_id)
        config["rev"]["perDay"] = 1_000_000
        config["new"]["perDay"] = 1000
        col.decks.update_config(config)
        today = col.sched.today
        col.close()
        # Adding 100,000 notes (and a million revlog rows) through Anki's API takes many
        # minutes; the rows go in with plain sqlite3 instead, shaped as Anki writes them (one
        # "Basic" note and card each), and Anki then opens the file as its own.
        fill_anki(path, model["id"], deck_id, today, cards, reviews)
        col = AnkiCollection(str(path))
        col.decks.select(deck_id)
        synchronous = col.db.scalar("pragma synchronous")
        journal = col.db.scalar("pragma journal_mode")
        build = time.perf_counter() - started

        started = time.perf_counter()
        col.sched.get_queued_cards()
        queue_build = time.perf_counter() - started
        rng = random.Random(3)
        latencies = []
        for _ in range(answers):
            started = time.perf_counter()
            queued = col.sched.get_queued_cards()
            if not queued.cards:
                break
            top = queued.cards[0]
            card = col.get_card(top.card.id)
            card.start_timer()
            answer = col.sched.build_answer(
                card=card,
                states=top.states,
                rating=rng.choice((1, 2, 3)),  # hard, good, easy
            )
            col.sched.answer_card(answer)
            latencies.append(time.perf_counter() - started)
        col.close()
        return {
            "build": build,
            "queue build": queue_build,
            "latencies": latencies,
            "pragmas": f"journal_mode={journal}, synchronous={synchronous}",
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fill_anki(
    path: Path, model_id: int, deck_id: int, today: int, cards: int, reviews: int
) -> None:
    now_s = int(time.time())
    base_id = now_s * 1000
    rng = random.Random(1)
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("BEGIN")
        db.executemany(
            "insert into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)"
            " values (?, ?, ?, ?, -1, '', ?, ?, 0, 0, '')",
            (
                (base_id + i, f"g{i}", model_id, now_s, f"question {i}\x1fanswer", i)
                for i in range(cards)
            ),
        )
        # Same shape as ours: 90 % studied, due from 30 days ago to 60 days ahead; 10 % new.
        db.executemany(
            "insert into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor,"
            " reps, lapses, left, odue, odid, flags, data)"
            " values (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, '')",
            (
                (base_id + i, base_id + i, deck_id, now_s)
                + (
                    (0, 0, i, 0, 0, 0)
                    if i % 10 == 0
                    else (2, 2, today + (i * 7919) % 90 - 30, 10, 2500, 3)
                )
                for i in range(cards)
            ),
        )
        first = (now_s - 365 * 86_400) * 1000
        db.executemany(
            "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
            " values (?, ?, -1, ?, 10, 9, 2500, ?, 1)",
            (
                (
                    first + i * 30,
                    base_id + i * 7 % cards,
                    rng.choice((2, 3, 4)),
                    rng.randrange(500, 9000),
                )
                for i in range(reviews)
            ),
        )
        db.execute("COMMIT")


def run_anki(cards: int, reviews: int, answers: int) -> dict[str, Any] | str:
    if not BENCH_PYTHON.exists():
        return (
            f"{BENCH_PYTHON} not found: create it with `python3 -m venv benchmarks/.venv-bench"
            " && benchmarks/.venv-bench/bin/pip install anki`"
        )
    result = subprocess.run(
        [
            str(BENCH_PYTHON),
            str(Path(__file__).resolve()),
            "--anki-only",
            "--cards",
            str(cards),
            "--reviews",
            str(reviews),
            "--answers",
            str(answers),
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        return "Anki run failed: " + (result.stderr.strip().splitlines() or ["?"])[-1]
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--anki-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-anki", action="store_true", help="skip Anki's measurement")
    args = parser.parse_args(argv)

    if args.anki_only:
        print(json.dumps(bench_anki(args.cards, args.reviews, args.answers)))
        return 0

    data_dir = HERE / ".data"
    data_dir.mkdir(exist_ok=True)
    db_path = data_dir / "bench_answer.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.environ.pop("QUIZAPP_DB", None)

    print(f"collection: {args.cards:,} cards, {args.reviews:,} reviews; {args.answers:,} answers")
    build = build_collection(db_path, args.cards, args.reviews)
    measured = bench_ours_and_bare(db_path, args.cards, args.answers)
    anki = None if args.no_anki else run_anki(args.cards, args.reviews, args.answers)

    print()
    print(f"{'set-up':<45} {'seconds':>10}")
    for name, seconds in build.items():
        print(f"{name:<45} {seconds:>10.2f}")
    opening = measured["open (sync of unchanged cards)"]
    print(f"{'open (sync of unchanged cards)':<45} {opening:>10.3f}")
    queue_name = f"queue build ({measured['queue size']} cards)"
    print(f"{queue_name:<45} {measured['queue build']:>10.3f}")

    rows: list[tuple[str, list[float]]] = [
        ("quizapp answer() + next card", measured["ours"]),
        ("bare sqlite3 UPDATE+INSERT+COMMIT", measured["bare"]),
    ]
    if isinstance(anki, dict):
        rows.append(("Anki get_queued_cards + answer_card", anki["latencies"]))
    print()
    print(f"{'per answer (ms)':<45} {'n':>6} {'median':>9} {'p99':>9}")
    for name, values in rows:
        print(
            f"{name:<45} {len(values):>6} {ms(statistics.median(values)):>9} "
            f"{ms(percentile(values, 0.99)):>9}"
        )

    def ratio(q: float) -> float:
        return percentile(measured["ours"], q) / percentile(measured["bare"], q)

    print()
    print(
        f"ratio quizapp / bare sqlite3: median {ratio(0.5):.2f}, p99 {ratio(0.99):.2f} "
        "(target <= 3)"
    )
    if isinstance(anki, dict):
        print(
            f"Anki: collection built in {anki['build']:.1f} s, "
            f"first queue in {anki['queue build'] * 1000:.1f} ms"
        )
    elif anki is not None:
        print(f"Anki: not measured: {anki}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
