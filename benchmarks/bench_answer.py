"""How long answering a card takes, on a collection of 100,000 cards and 1,000,000 reviews.

Prints, as a table: the median, p99 and CPU time of `StudySession.answer()` (the scheduler + the
durable commit of state and review row + fetching the next card), once on a collection whose
decks use SM-2 and once on one (of the same size) whose decks use FSRS; a bare sqlite3 UPDATE +
INSERT + COMMIT on a copy of the SM-2 database with the same pragmas (the floor any design
pays: the ratio's target is <= 3; a copy, so that the two do not share, checkpoint or grow one
write-ahead log); and Anki's own fetch + answer latency (`get_queued_cards` + `answer_card`, the
Rust backend from PyPI's `anki`) on collections of the same size, one with SM-2 and one with
FSRS on, when benchmarks/.venv-bench has it:

    python3 -m venv benchmarks/.venv-bench && benchmarks/.venv-bench/bin/pip install anki

Both sides commit each answer durably: write-ahead log and synchronous=FULL (Anki's pragmas are
printed under the table). One difference is Anki's and not copied: its connection runs with
locking_mode=exclusive, holding the file's lock for the whole session (no other process can
open the collection meanwhile), so its transactions take no file locks each time (and SQLite
may keep the log's index in the process's memory, not in the shared -shm file).
Ours stays in the normal mode, because two processes may write one database (an answer is a
compare-and-swap on the card's state row): each answer pays BEGIN IMMEDIATE's lock.

Also the time to open the collection (sync of 100,000 unchanged cards) and to build the queue.
Ours, the bare ones and Anki's are interleaved in blocks (each Anki collection in a child
process driven over a pipe), so the noise of a busy machine and disk falls on all alike.

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


#: A studied card's state, as each scheduler writes it (its due instant is the row's `due_at`).
SM2_STATE = "json_object('easiness', 2.5, 'repetitions', 3, 'interval', 10)"
FSRS_STATE = (
    "json_object('phase', 'review', 'step', NULL, 'stability', 10.0, 'difficulty', 5.0,"
    " 'due', strftime('%Y-%m-%dT%H:%M:%S+00:00', due_at),"
    " 'last_review', strftime('%Y-%m-%dT%H:%M:%S+00:00', due_at, '-10 days'),"
    " 'interval', 10, 'repetitions', 3)"
)
#: The grades logged (and answered): SM-2's passing 2-5, FSRS's four ratings.
LOGGED_GRADES = {"sm2": (2, 3, 4, 5), "fsrs": (1, 2, 3, 4)}


def build_collection(db_path: Path, cards: int, reviews: int, scheduler: str) -> dict[str, float]:
    """Cards through the real sync, then states and the review log filled in bulk with sqlite3.

    `scheduler` ("sm2" or "fsrs") is every deck's: the states and the log are that scheduler's.
    """
    sys.path.insert(0, str(ROOT))
    from quizapp.clock import FixedClock
    from quizapp.config import Config
    from quizapp.session import Collection

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    timings: dict[str, float] = {}
    decks = make_decks(cards, scheduler)
    clock = FixedClock(datetime(2026, 3, 10, 12, tzinfo=UTC))
    started = time.perf_counter()
    Collection.from_decks(
        decks, db_url=f"sqlite:///{db_path}", clock=clock, config=Config()
    ).close()
    timings[f"{scheduler}: first sync (insert all cards)"] = time.perf_counter() - started

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
            " interval = 10, repetitions = 3, introduced = '2026-01-01'"
            " WHERE card_id % 10 != 0",
            (TODAY.isoformat(),),
        )
        # The JSON state after the due instant it repeats (FSRS keeps it in the state too).
        easiness = "2.5" if scheduler == "sm2" else "5.0"
        db.execute(
            f"UPDATE card_states SET scheduler = ?, easiness = {easiness},"
            f" state = {SM2_STATE if scheduler == 'sm2' else FSRS_STATE}"
            " WHERE card_id % 10 != 0",
            (scheduler,),
        )
        state = db.execute(
            f"SELECT {SM2_STATE if scheduler == 'sm2' else FSRS_STATE}"
            " FROM card_states WHERE due_at IS NOT NULL LIMIT 1"
        ).fetchone()[0]
        grades = LOGGED_GRADES[scheduler]
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
                    rng.choice(grades),
                    rng.randrange(500, 9000),
                    scheduler,
                    state,
                    state,
                )
            )
            if len(batch) == 50_000:
                insert_reviews(db, batch)
                batch.clear()
        insert_reviews(db, batch)
        db.execute("COMMIT")
    timings[f"{scheduler}: bulk fill of states and review log"] = time.perf_counter() - started
    return timings


def insert_reviews(db: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> None:
    db.executemany(
        "INSERT INTO reviews (id, card_id, reviewed_at, study_day, grade, response_ms,"
        " scheduler, state_before, state_after, repeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        batch,
    )


def make_decks(cards: int, scheduler: str) -> list[Any]:
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
            scheduler=scheduler,
        )
        for d in range(DECKS)
    ]


#: One measured answer: (wall seconds, CPU seconds of the process). The CPU clock (some
#: microseconds a read here) is read outside the wall clock's interval.
Timing = tuple[float, float]
#: The grades answered: SM-2's passing 3-5, FSRS's Hard, Good, Easy (as Anki's side answers).
ANSWERED_GRADES = {"sm2": (3, 4, 5), "fsrs": (2, 3, 4)}


class Ours:
    """Our answer path on a benchmark collection, and (on request) the bare sqlite3 floor."""

    def __init__(self, db_path: Path, cards: int, scheduler: str, *, bare: bool) -> None:
        from quizapp.clock import FixedClock
        from quizapp.config import Config
        from quizapp.session import Collection

        clock = FixedClock(datetime(2026, 3, 10, 12, tzinfo=UTC))
        config = Config(reviews_per_day=1_000_000, new_per_deck=1000)
        decks = make_decks(cards, scheduler)
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
        item = self.session.current()
        if item is None or item.scheduler.name != scheduler:
            raise RuntimeError(f"the {scheduler} collection does not study with {scheduler}")
        self.grades = ANSWERED_GRADES[scheduler]
        self.cards = cards
        self.rng = random.Random(2)
        self.bare: sqlite3.Connection | None = None
        if bare:
            self.bare = open_bare_copy(db_path)
        self.state = json.dumps({"easiness": 2.5, "repetitions": 4, "interval": 25})

    def answer_block(self, count: int) -> list[Timing]:
        """`count` answers through the session, each with fetching the next card."""
        session = self.session
        grades = self.grades
        latencies = []
        for _ in range(count):
            if session.current() is None:
                break
            grade = self.rng.choice(grades)
            cpu, started = time.process_time(), time.perf_counter()
            session.answer(grade, 1200)
            session.current()  # fetching the next card is part of the latency
            latencies.append((time.perf_counter() - started, time.process_time() - cpu))
        return latencies

    def bare_block(self, count: int) -> list[Timing]:
        """`count` bare UPDATE + INSERT + COMMIT, the same rows' worth of writes as an answer."""
        latencies = []
        for _ in range(count):
            card_id = self.rng.randrange(1, self.cards + 1)
            cpu, started = time.process_time(), time.perf_counter()
            self._bare_answer(card_id)
            latencies.append((time.perf_counter() - started, time.process_time() - cpu))
        return latencies

    def _bare_answer(self, card_id: int) -> None:
        bare, state = self.bare, self.state
        assert bare is not None
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
        if self.bare is not None:
            self.bare.close()
        self.collection.close()


def open_bare_copy(db_path: Path) -> sqlite3.Connection:
    """A copy of the database, opened with the study connection's pragmas.

    The floor runs on a copy, so that its commits and ours do not share one write-ahead log
    (each would checkpoint, or grow, the other's).
    """
    bare_path = db_path.with_name(f"bare-{db_path.name}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{bare_path}{suffix}").unlink(missing_ok=True)
    with (
        closing(sqlite3.connect(db_path)) as source,
        closing(sqlite3.connect(bare_path)) as copy,
    ):
        source.backup(copy)
    bare = sqlite3.connect(bare_path, isolation_level=None, check_same_thread=False)
    for pragma in (
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
        "busy_timeout = 30000",
    ):
        bare.execute(f"PRAGMA {pragma}")
    return bare


# -- Anki's side (runs in benchmarks/.venv-bench, driven block by block over a pipe) ----------


def serve_anki(folder: Path, cards: int, reviews: int, fsrs: bool) -> None:
    """Build an Anki collection of `cards` cards and `reviews` revlog rows, then answer on demand.

    `fsrs`: with FSRS on (the collection's "fsrs" setting, each studied card with an FSRS
    memory state, as Anki gives them when FSRS is turned on), else SM-2.

    Protocol (one JSON object per line on stdout): first the build figures; then, for each line
    "N" read from stdin, the (wall, CPU) seconds of N fetch + answer rounds; an empty line ends.
    """
    from anki.collection import Collection as AnkiCollection

    folder.mkdir(parents=True, exist_ok=True)
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
    col.set_config("fsrs", fsrs)
    today = col.sched.today
    col.close()
    # Adding 100,000 notes (and a million revlog rows) through Anki's API takes many minutes;
    # the rows go in with plain sqlite3 instead, shaped as Anki writes them (one "Basic" note
    # and card each), and Anki then opens the file as its own.
    fill_anki(path, model["id"], deck_id, today, cards, reviews, fsrs)
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
    # What the scheduler will do is what was asked: FSRS's next states carry a memory state.
    top = queued.cards[0]
    good = top.states.good.normal
    kind = good.WhichOneof("kind")
    uses_fsrs = bool(col.get_config("fsrs", False)) and getattr(good, kind).HasField("memory_state")
    if uses_fsrs != fsrs:
        raise RuntimeError(f"Anki's scheduler: FSRS {'off' if fsrs else 'on'}, not as asked")
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
            rating = rng.choice((1, 2, 3))  # hard, good, easy (grades 3-5 on our side)
            cpu, started = time.process_time(), time.perf_counter()
            queued = col.sched.get_queued_cards()
            if not queued.cards:
                break
            top = queued.cards[0]
            card = col.get_card(top.card.id)
            card.start_timer()
            answer = col.sched.build_answer(card=card, states=top.states, rating=rating)
            col.sched.answer_card(answer)
            latencies.append((time.perf_counter() - started, time.process_time() - cpu))
        print(json.dumps(latencies), flush=True)
    col.close()


class Anki:
    """An Anki child process (SM-2 or FSRS), or why there is none."""

    def __init__(self, folder: Path, cards: int, reviews: int, *, fsrs: bool) -> None:
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
                *(["--anki-fsrs"] if fsrs else []),
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

    def answer_block(self, count: int) -> list[Timing]:
        if self.process is None or self.process.stdin is None:
            return []
        self.process.stdin.write(f"{count}\n")
        self.process.stdin.flush()
        latencies = self._read()
        return [(wall, cpu) for wall, cpu in latencies] if isinstance(latencies, list) else []

    def close(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.write("\n")
            self.process.stdin.close()
            self.process.wait()


def fill_anki(
    path: Path, model_id: int, deck_id: int, today: int, cards: int, reviews: int, fsrs: bool
) -> None:
    now_s = int(time.time())
    base_id = now_s * 1000
    rng = random.Random(1)
    # A studied card's FSRS memory state, kept in the card's data as Anki keeps it (stability
    # in days, difficulty 1-10, desired retention): the same as our FSRS collection's cards.
    data = '{"s":10.0,"d":5.0,"dr":0.9}' if fsrs else ""
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
            " values (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)",
            (
                (base_id + i, base_id + i, deck_id, now_s)
                + (
                    (0, 0, i, 0, 0, 0, "")
                    if i % 10 == 0
                    else (2, 2, today + (i * 7919) % 90 - 30, 10, 2500, 3, data)
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
    parser.add_argument("--anki-fsrs", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-anki", action="store_true", help="skip Anki's measurement")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of our FSRS answers as well"
    )
    args = parser.parse_args(argv)

    if args.anki_serve is not None:
        serve_anki(args.anki_serve, args.cards, args.reviews, args.anki_fsrs)
        return 0

    data_dir = HERE / ".data"
    data_dir.mkdir(exist_ok=True)
    os.environ.pop("QUIZAPP_DB", None)

    print(f"collection: {args.cards:,} cards, {args.reviews:,} reviews; {args.answers:,} answers")
    build: dict[str, float] = {}
    ours: dict[str, Ours] = {}
    for scheduler in ("sm2", "fsrs"):
        db_path = data_dir / f"bench_answer_{scheduler}.sqlite3"
        build |= build_collection(db_path, args.cards, args.reviews, scheduler)
        ours[scheduler] = Ours(db_path, args.cards, scheduler, bare=scheduler == "sm2")
    ankis: dict[str, Anki] = {}
    if not args.no_anki:
        for scheduler in ("sm2", "fsrs"):
            folder = data_dir / f"anki_{scheduler}"
            ankis[scheduler] = Anki(folder, args.cards, args.reviews, fsrs=scheduler == "fsrs")

    # Blocks of each in turn, the order rotating, so that the machine's busy spells (other
    # processes, the disk's own) fall on all alike rather than on whichever ran last.
    runners: list[tuple[str, Any]] = [
        ("sm2", ours["sm2"].answer_block),
        ("fsrs", ours["fsrs"].answer_block),
        ("bare", ours["sm2"].bare_block),
    ]
    for scheduler, anki in ankis.items():
        if anki.failure is None:
            runners.append((f"anki {scheduler}", anki.answer_block))
    measured: dict[str, list[Timing]] = {name: [] for name, _ in runners}
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    turn = 0
    while min(len(measured["sm2"]), len(measured["fsrs"])) < args.answers:
        before = len(measured["sm2"]) + len(measured["fsrs"])
        for name, run in runners[turn % len(runners) :] + runners[: turn % len(runners)]:
            if profiler is not None and name == "fsrs":
                profiler.enable()
                measured[name] += run(args.block)
                profiler.disable()
            else:
                measured[name] += run(args.block)
        turn += 1
        if len(measured["sm2"]) + len(measured["fsrs"]) == before:
            break  # our queues ran dry
    for side in ours.values():
        side.close()
    for anki in ankis.values():
        anki.close()

    print()
    print(f"{'set-up':<45} {'seconds':>10}")
    for name, seconds in build.items():
        print(f"{name:<45} {seconds:>10.3f}")
    for scheduler, side in ours.items():
        print(f"{scheduler + ': open (sync of unchanged cards)':<45} {side.open_seconds:>10.3f}")
        queue_name = f"{scheduler}: queue build ({side.queue_size:,} cards)"
        print(f"{queue_name:<45} {side.queue_seconds:>10.3f}")

    names = {
        "sm2": "quizapp SM-2 answer() + next card",
        "fsrs": "quizapp FSRS answer() + next card",
        "bare": "bare sqlite3 UPDATE+INSERT+COMMIT",
        "anki sm2": "Anki SM-2 get_queued_cards+answer_card",
        "anki fsrs": "Anki FSRS get_queued_cards+answer_card",
    }
    print()
    print(
        f"{'per answer (ms)':<40} {'n':>6} {'median':>8} {'p99':>8} {'CPU med':>8} {'CPU p99':>8}"
    )
    for key, values in measured.items():
        if not values:
            continue
        walls, cpus = [wall for wall, _ in values], [cpu for _, cpu in values]
        print(
            f"{names[key]:<40} {len(values):>6} {ms(statistics.median(walls)):>8}"
            f" {ms(percentile(walls, 0.99)):>8} {ms(statistics.median(cpus)):>8}"
            f" {ms(percentile(cpus, 0.99)):>8}"
        )
    print()
    for mine, theirs, target in (
        ("fsrs", "anki fsrs", "target <= 1"),
        ("sm2", "anki sm2", "target <= 1"),
        ("sm2", "bare", "target <= 3"),
        ("fsrs", "sm2", "the scheduler's own cost"),
    ):
        if measured.get(mine) and measured.get(theirs):
            print(
                f"{names[mine].split(' answer')[0]} / {names[theirs].split(' get_')[0]}: "
                + ratios(measured[mine], measured[theirs])
                + f" ({target})"
            )
    for scheduler, anki in ankis.items():
        if anki.failure is not None:
            print(f"Anki {scheduler}: not measured: {anki.failure}")
            continue
        info = anki.info
        print(
            f"Anki {scheduler}: collection built in {info['build']:.1f} s, first queue in "
            f"{info['queue build'] * 1000:.1f} ms ({info['counts']}); {info['pragmas']}"
        )
        done = len(measured[f"anki {scheduler}"])
        if done < len(measured["sm2"]):
            print(f"Anki {scheduler}: its queue ran dry after {done} answers")
    if profiler is not None:
        import pstats

        print()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


def ratios(mine: list[Timing], theirs: list[Timing]) -> str:
    """Median, p99 and CPU median of `mine` over `theirs`."""

    def column(values: list[Timing], index: int) -> list[float]:
        return [value[index] for value in values]

    wall, other = column(mine, 0), column(theirs, 0)
    cpu, other_cpu = column(mine, 1), column(theirs, 1)
    return (
        f"median {statistics.median(wall) / statistics.median(other):.2f}, p99 "
        f"{percentile(wall, 0.99) / percentile(other, 0.99):.2f}, CPU median "
        f"{statistics.median(cpu) / max(statistics.median(other_cpu), 1e-9):.2f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
