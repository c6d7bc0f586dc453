"""Start-up costs with a 10,000-card deck: loading the deck file, and syncing it into the store.

Prints a table of:
- deck loading, cold (YAML parsed and validated) and warm (the loader's JSON cache, keyed by the
  file's sha256; target < 100 ms);
- the store sync of 10,000 unchanged cards: the usual case (the file's hash is unchanged, so the
  cards are not looked at) and the case of an edited file whose cards did not change (every
  card's content hash compared, in bulk);
- opening a whole `Collection` (database open + sync) on the unchanged deck.

Run: .venv/bin/python benchmarks/bench_startup_sync.py [--cards N] [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def write_deck(path: Path, cards: int) -> None:
    """A deck file of `cards` basic cards, about 400 bytes each (4 MB for 10,000)."""
    lines = [
        "deck: bench-startup",
        "title: Start-up benchmark",
        "tags: [bench]",
        "cards:",
    ]
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 3
    for i in range(cards):
        lines += [
            f"  - id: card-{i}",
            f"    front: What is the answer to question number {i}? {filler}",
            f"    back: It is {i * 7 % 1000}. {filler}",
            "    tags: [generated]",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds over `repeat` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="start-up: deck loading and store sync")
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from quizapp.clock import FixedClock
    from quizapp.config import Config
    from quizapp.model import Card, CardKind, Deck
    from quizapp.session import Collection
    from quizapp.store.database import open_database
    from quizapp.store.deck_sync import sync_decks

    work = HERE / ".data" / "startup"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    deck_file = work / "big.yaml"
    write_deck(deck_file, args.cards)
    rows: list[tuple[str, float]] = []

    deck: Deck | None = None
    try:
        from quizapp.decks import load_decks
    except ImportError as exc:
        print(f"deck loading not measured: the loader is missing ({exc})")
    else:
        cache = work / "cache"
        cold_times = []
        for _ in range(max(1, args.repeat // 2)):
            shutil.rmtree(cache, ignore_errors=True)
            started = time.perf_counter()
            loaded = load_decks([deck_file], cache_dir=cache)
            cold_times.append(time.perf_counter() - started)
        rows.append(("load deck, cold (YAML parse + validate)", statistics.median(cold_times)))
        warm, loaded = timed(lambda: load_decks([deck_file], cache_dir=cache), args.repeat)
        rows.append(("load deck, warm (JSON cache; target < 0.100)", warm))
        if loaded.problems:
            print("loader problems:", *loaded.problems[:5], sep="\n  ")
        deck = loaded.decks[0] if loaded.decks else None
    if deck is None:
        deck = Deck(
            id="bench-startup",
            title="Start-up benchmark",
            cards=tuple(
                Card(id=f"card-{i}", kind=CardKind.BASIC, front=f"q {i}", back="a", line=i + 5)
                for i in range(args.cards)
            ),
            path=str(deck_file),
            content_hash="in-memory",
        )

    url = f"sqlite:///{work / 'startup.sqlite3'}"
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    database = open_database(url)
    from quizapp.scheduling.days import StudyCalendar
    from quizapp.scheduling.sm2 import SM2Scheduler

    sm2 = SM2Scheduler()
    calendar = StudyCalendar(4, UTC)

    def sync(decks: list[Deck]) -> Any:
        with database.writing() as db:
            return sync_decks(db, decks, now=now, schedulers=lambda _deck: sm2, calendar=calendar)

    first, _ = timed(lambda: sync([deck]), 1)
    rows.append((f"first sync: {args.cards:,} new cards inserted", first))
    unchanged, report = timed(lambda: sync([deck]), args.repeat)
    assert report.unchanged_decks == 1, report
    rows.append((f"sync of {args.cards:,} unchanged cards (file hash equal)", unchanged))
    edited = [replace(deck, content_hash=f"{deck.content_hash}-edited-{i}") for i in range(99)]
    counter = iter(range(99))
    compared, report = timed(lambda: sync([edited[next(counter)]]), args.repeat)
    assert report.added == report.changed == report.removed == 0, report
    rows.append((f"sync of {args.cards:,} unchanged cards (file edited)", compared))
    database.close()

    clock = FixedClock(now)
    opening, collection = timed(
        lambda: Collection.from_decks([edited[0]], db_url=url, clock=clock, config=Config()),
        1,
    )
    collection.close()
    opening, _ = timed(
        lambda: Collection.from_decks(
            [edited[0]], db_url=url, clock=clock, config=Config()
        ).close(),
        args.repeat,
    )
    rows.append(("open Collection (database + unchanged sync)", opening))

    print(f"{'start-up step':<55} {'seconds':>9}")
    for name, seconds in rows:
        print(f"{name:<55} {seconds:>9.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
