"""How long answering a card takes, on a collection of 100,000 cards and 1,000,000 reviews.

Prints, as a table: the median and p99 of `StudySession.answer()` (SM-2 + the durable commit of
state and review row + fetching the next card); a bare sqlite3 UPDATE + INSERT + COMMIT on a
copy of the same database with the same pragmas (the floor any design pays: the ratio's target
is <= 3; a copy, so that the two do not share, checkpoint or grow one write-ahead log);
and Anki's own fetch + answer latency (`get_queued_cards` + `answer_card`, the Rust backend from
PyPI's `anki`) on a collection of the same size, when benchmarks/.venv-bench has it:

    python3 -m venv benchmarks/.venv-bench && benchmarks/.venv-bench/bin/pip install anki

Also the time to open the collection (sync of 100,000 unchanged cards) and to build the queue.
Ours, the bare ones and Anki's are interleaved in blocks (Anki in a child process driven over a
pipe), so the noise of a busy machine and disk falls on all three alike.

Run: .venv/bin/python benchmarks/bench_answer.py [--cards N] [--reviews N] [--answers N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
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
#: The largest daily limit Anki's deck options keep.
ANKI_MAX_PER_DAY = 9999


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
        # 90 % of the cards have been studied: due from 30 days ago to 60 days ahead, each at
        # the start of its study day (04:00 UTC: the clock's zone, the default rollover), as
        # SQLAlchemy writes a UTC instant.
        db.execute(
            "UPDATE card_states SET"
            " due_at = date(?, ((card_id * 7919) % 90 - 30) || ' days') || ' 04:00:00.000000',"
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


class Ours:
    """Our answer path on the benchmark collection, and the bare sqlite3 floor beside it."""

    def __init__(self, db_path: Path, cards: int) -> None:
        from quizapp.clock import FixedClock
        from quizapp.config import Config
        from quizapp.session import Collection

        clock = FixedClock(datetime(2026, 3, 10, 12, tzinfo=UTC))
        config = Config(reviews_per_day=1_000_000, new_per_deck=1000)
        decks = make_decks(cards)
        started = time.perf_counter()
        self.collection = Collection.from_decks(
            decks, db_url=f"sqlite:///{db_path}", clock=clock, config=config
        )
        self.open_seconds = time.perf_counter() - started
        queue_times = []
        for _ in range(5):
            started = time.perf_counter()
            self.session = self.collection.start()
            queue_times.append(time.perf_counter() - started)
        self.queue_seconds = statistics.median(queue_times)
        self.queue_size = self.session.progress().left
        self.session.current()
        self.cards = cards
        self.rng = random.Random(2)
        # The floor runs on a copy of the same database, so that its commits and ours do not
        # share one write-ahead log (each would checkpoint, or grow, the other's).
        bare_path = db_path.with_name(f"bare-{db_path.name}")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{bare_path}{suffix}").unlink(missing_ok=True)
        with (
            closing(sqlite3.connect(db_path)) as source,
            closing(sqlite3.connect(bare_path)) as copy,
        ):
            source.backup(copy)
        self.bare = sqlite3.connect(bare_path, isolation_level=None, check_same_thread=False)
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "busy_timeout = 30000",
        ):
            self.bare.execute(f"PRAGMA {pragma}")
        self.state = json.dumps({"easiness": 2.5, "repetitions": 4, "interval": 25})

    def answer_block(self, count: int) -> list[float]:
        """`count` answers (grades 3-5) through the session, each with fetching the next card."""
        session = self.session
        latencies = []
        for _ in range(count):
            if session.current() is None:
                break
            started = time.perf_counter()
            session.answer(self.rng.choice((3, 4, 5)), 1200)
            session.current()  # fetching the next card is part of the latency
            latencies.append(time.perf_counter() - started)
        return latencies

    def bare_block(self, count: int) -> list[float]:
        """`count` bare UPDATE + INSERT + COMMIT, the same rows' worth of writes as an answer."""
        latencies = []
        for _ in range(count):
            card_id = self.rng.randrange(1, self.cards + 1)
            started = time.perf_counter()
            self._bare_answer(card_id)
            latencies.append(time.perf_counter() - started)
        return latencies

    def _bare_answer(self, card_id: int) -> None:
        bare, state = self.bare, self.state
        bare.execute("BEGIN IMMEDIATE")
        bare.execute(
            "UPDATE card_states SET state = ?, due_at = ?, interval = ?, easiness = ?,"
            " repetitions = ? WHERE card_id = ?",
            (state, "2026-04-04 04:00:00.000000", 25, 2.5, 4, card_id),
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

    def close(self) -> None:
        self.bare.close()
        self.collection.close()


# -- Anki's side (runs in benchmarks/.venv-bench, driven block by block over a pipe) ----------


def serve_anki(folder: Path, cards: int, reviews: int) -> None:
    """Build an Anki collection of `cards` cards and `reviews` revlog rows, then answer on demand.

    Protocol (one JSON object per line on stdout): first the build figures; then, for each line
    "N" read from stdin, the latencies of N fetch + answer rounds; an empty line ends it.
    """
    from anki.collection import Collection as AnkiCollection

    path = folder / "collection.anki2"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    col = AnkiCollection(str(path))
    model = col.models.by_name("Basic")
    assert model is not None
    deck_id = col.decks.id("bench")
    assert deck_id is not None
    config = col.decks.config_dict_for_deck_id(deck_id)
    # Anki keeps a daily limit only up to 9,999: a larger one is silently replaced by the
    # default (200 reviews), which ran the queue dry after 200 answers. 9,999 is far more than
    # the answers measured, and it is read back so a change in Anki cannot hide it.
    config["rev"]["perDay"] = ANKI_MAX_PER_DAY
    config["new"]["perDay"] = ANKI_MAX_PER_DAY
    col.decks.update_config(config)
    saved = col.decks.config_dict_for_deck_id(deck_id)
    if (saved["rev"]["perDay"], saved["new"]["perDay"]) != (ANKI_MAX_PER_DAY,) * 2:
        raise RuntimeError(f"Anki did not keep the daily limits: {saved['rev']}")
    today = col.sched.today
    col.close()
    # Adding 100,000 notes (and a million revlog rows) through Anki's API takes many minutes;
    # the rows go in with plain sqlite3 instead, shaped as Anki writes them (one "Basic" note
    # and card each), and Anki then opens the file as its own.
    fill_anki(path, model["id"], deck_id, today, cards, reviews)
    col = AnkiCollection(str(path))
    col.decks.select(deck_id)
    pragmas = ", ".join(
        f"{name}={col.db.scalar(f'pragma {name}')}"
        for name in ("journal_mode", "synchronous", "locking_mode", "cache_size")
    )
    build = time.perf_counter() - started
    started = time.perf_counter()
    queued = col.sched.get_queued_cards()
    queue_build = time.perf_counter() - started
    counts = {"new": queued.new_count, "learning": queued.learning_count}
    counts["review"] = queued.review_count
    print(
        json.dumps(
            {"build": build, "queue build": queue_build, "pragmas": pragmas, "counts": counts}
        ),
        flush=True,
    )
    rng = random.Random(3)
    for line in sys.stdin:
        if not line.strip():
            break
        latencies = []
        for _ in range(int(line)):
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
                rating=rng.choice((1, 2, 3)),  # hard, good, easy (grades 3-5 on our side)
            )
            col.sched.answer_card(answer)
            latencies.append(time.perf_counter() - started)
        print(json.dumps(latencies), flush=True)
    col.close()


class Anki:
    """The Anki child process, or why there is none."""

    def __init__(self, folder: Path, cards: int, reviews: int) -> None:
        self.info: dict[str, Any] = {}
        self.failure: str | None = None
        self.process: subprocess.Popen[str] | None = None
        if not BENCH_PYTHON.exists():
            self.failure = (
                f"{BENCH_PYTHON} not found: create it with `python3 -m venv"
                " benchmarks/.venv-bench && benchmarks/.venv-bench/bin/pip install anki`"
            )
            return
        self.process = subprocess.Popen(
            [
                str(BENCH_PYTHON),
                str(Path(__file__).resolve()),
                "--anki-serve",
                str(folder),
                "--cards",
                str(cards),
                "--reviews",
                str(reviews),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        first = self._read()
        if isinstance(first, dict):
            self.info = first

    def _read(self) -> Any:
        assert self.process is not None and self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.failure = f"Anki run failed (exit code {self.process.wait()})"
            self.process = None
            return None
        return json.loads(line)

    def answer_block(self, count: int) -> list[float]:
        if self.process is None or self.process.stdin is None:
            return []
        self.process.stdin.write(f"{count}\n")
        self.process.stdin.flush()
        latencies = self._read()
        return list(latencies) if isinstance(latencies, list) else []

    def close(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.write("\n")
            self.process.stdin.close()
            self.process.wait()


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--block", type=int, default=100, help="answers per interleaved block")
    parser.add_argument("--anki-serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-anki", action="store_true", help="skip Anki's measurement")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of our answers as well"
    )
    args = parser.parse_args(argv)

    if args.anki_serve is not None:
        serve_anki(args.anki_serve, args.cards, args.reviews)
        return 0

    data_dir = HERE / ".data"
    data_dir.mkdir(exist_ok=True)
    db_path = data_dir / "bench_answer.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.environ.pop("QUIZAPP_DB", None)

    print(f"collection: {args.cards:,} cards, {args.reviews:,} reviews; {args.answers:,} answers")
    build = build_collection(db_path, args.cards, args.reviews)
    ours = Ours(db_path, args.cards)
    anki = None if args.no_anki else Anki(data_dir, args.cards, args.reviews)

    # Blocks of each in turn, the order rotating, so that the machine's busy spells (other
    # processes, the disk's own) fall on all three alike rather than on whichever ran last.
    measured: dict[str, list[float]] = {"ours": [], "bare": [], "anki": []}
    runners: list[tuple[str, Any]] = [
        ("ours", ours.answer_block),
        ("bare", ours.bare_block),
    ]
    if anki is not None and anki.failure is None:
        runners.append(("anki", anki.answer_block))
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    turn = 0
    while len(measured["ours"]) < args.answers:
        before = len(measured["ours"])
        for name, run in runners[turn % len(runners) :] + runners[: turn % len(runners)]:
            if profiler is not None and name == "ours":
                profiler.enable()
                measured[name] += run(args.block)
                profiler.disable()
            else:
                measured[name] += run(args.block)
        turn += 1
        if len(measured["ours"]) == before:
            break  # our queue ran dry
    ours.close()
    if anki is not None:
        anki.close()

    print()
    print(f"{'set-up':<45} {'seconds':>10}")
    for name, seconds in build.items():
        print(f"{name:<45} {seconds:>10.3f}")
    print(f"{'open (sync of unchanged cards)':<45} {ours.open_seconds:>10.3f}")
    queue_name = f"queue build ({ours.queue_size:,} cards)"
    print(f"{queue_name:<45} {ours.queue_seconds:>10.3f}")

    names = {
        "ours": "quizapp answer() + next card",
        "bare": "bare sqlite3 UPDATE+INSERT+COMMIT",
        "anki": "Anki get_queued_cards + answer_card",
    }
    print()
    print(f"{'per answer (ms)':<40} {'n':>6} {'median':>8} {'p99':>8} {'/ours med':>10} {'p99':>6}")
    mine = measured["ours"]
    for key, values in measured.items():
        if not values:
            continue
        median, p99 = statistics.median(values), percentile(values, 0.99)
        print(
            f"{names[key]:<40} {len(values):>6} {ms(median):>8} {ms(p99):>8}"
            f" {median / statistics.median(mine):>10.2f} {p99 / percentile(mine, 0.99):>6.2f}"
        )
    print()
    for key, target in (("bare", "target <= 3"), ("anki", "target <= 1")):
        if measured[key]:
            print(
                f"quizapp / {key}: median "
                f"{statistics.median(mine) / statistics.median(measured[key]):.2f}, p99 "
                f"{percentile(mine, 0.99) / percentile(measured[key], 0.99):.2f} ({target})"
            )
    if anki is None:
        pass
    elif anki.failure is not None:
        print(f"Anki: not measured: {anki.failure}")
    else:
        info = anki.info
        print(
            f"Anki: collection built in {info['build']:.1f} s, first queue in "
            f"{info['queue build'] * 1000:.1f} ms ({info['counts']}); {info['pragmas']}"
        )
        if len(measured["anki"]) < len(mine):
            print(f"Anki: its queue ran dry after {len(measured['anki'])} answers")
    if profiler is not None:
        import pstats

        print()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
