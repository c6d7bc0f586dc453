"""Benchmark: the whole statistics computation next to one plain read of the review log.

    .venv/bin/python benchmarks/bench_stats.py [--cards 100000] [--reviews 1000000] [--days 730]

Builds (once, then reuses) a synthetic history in a SQLite file under the temp folder, then
measures, each as the median of a few runs:
- plain read: one sqlite3 query of the review log's needed columns (card, time, grade, response
  time, repetitions and interval before, interval after, repeat flag) into numpy arrays, with no
  SQLAlchemy and no statistics: the floor any statistics must pay;
- whole stats: what `quizapp stats` does in-process: read the cards and the log through the store
  and compute every figure (`build_report`), target <= 3x the plain read;
- the CLI's wall time: `quizapp stats --json` and the text report, each in a fresh process.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic_history import simulate, write  # noqa: E402
from quizapp.config import Config  # noqa: E402
from quizapp.session.collection import scheduler_for  # noqa: E402
from quizapp.stats.days import day_number  # noqa: E402
from quizapp.store.database import open_database  # noqa: E402
from quizapp.store.stats_queries import build_report  # noqa: E402

END = date(2024, 6, 30)

PLAIN_SQL = """
SELECT card_id, CAST(STRFTIME('%s', reviewed_at) AS INTEGER), grade, response_ms,
       CAST(JSON_EXTRACT(state_before, '$.repetitions') AS INTEGER),
       CAST(JSON_EXTRACT(state_before, '$.interval') AS INTEGER),
       CAST(JSON_EXTRACT(state_after, '$.interval') AS INTEGER),
       repeat
FROM reviews
"""


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_read(path: Path) -> list[np.ndarray]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(PLAIN_SQL).fetchall()
    finally:
        connection.close()
    data = np.array(rows, dtype=np.int64)
    return [np.ascontiguousarray(data[:, i]) for i in range(data.shape[1])]


def whole_stats(url: str) -> None:
    database = open_database(url)
    try:
        with database.reading() as db:
            config = Config()
            build_report(
                db,
                config=config,
                today=day_number(END),
                measure=scheduler_for(config).measure,
                tz=UTC,
            )
    finally:
        database.close()


def cli_time(url: str, home: Path, *extra: str) -> float:
    env = dict(os.environ, QUIZAPP_HOME=str(home), TZ="UTC")
    command = [str(Path(sys.executable).parent / "quizapp"), "--db", url, "stats"]
    command += ["--as-of", END.isoformat(), *extra]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="the SQLite file to build or reuse")
    args = parser.parse_args()
    path = args.db or Path(tempfile.gettempdir()) / (
        f"quizapp-bench-stats-{args.cards}-{args.reviews}-{args.days}.sqlite3"
    )
    url = f"sqlite:///{path}"
    if not path.exists():
        print(f"building {args.cards} cards, {args.reviews} answers over {args.days} days ...")
        start = time.perf_counter()
        history = simulate(cards=args.cards, reviews=args.reviews, days=args.days, end=END)
        simulated = time.perf_counter() - start
        database = open_database(url)
        try:
            write(database, history)
        finally:
            database.close()
        print(
            f"  simulated in {simulated:.1f} s, written in "
            f"{time.perf_counter() - start - simulated:.1f} s -> {path}"
        )
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        reviews = connection.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
        cards = connection.execute("SELECT COUNT(*) FROM cards").fetchone()[0]

    plain_read(path)  # warm the page cache for both measurements alike
    # Alternate the two, so a busy moment of the machine weighs on both alike.
    plains, wholes = [], []
    for _ in range(args.runs):
        plains.append(median_time(lambda: plain_read(path), 1))
        wholes.append(median_time(lambda: whole_stats(url), 1))
    plain, whole = statistics.median(plains), statistics.median(wholes)
    with tempfile.TemporaryDirectory() as home:
        cli_json = statistics.median(cli_time(url, Path(home), "--json") for _ in range(args.runs))
        cli_text = statistics.median(cli_time(url, Path(home)) for _ in range(args.runs))

    print(f"\n{cards} cards, {reviews} answers (median of {args.runs} runs)")
    print(f"{'plain read of the log into numpy':<44} {plain * 1000:8.0f} ms")
    print(f"{'whole stats (store read + every figure)':<44} {whole * 1000:8.0f} ms")
    print(f"{'ratio (target <= 3)':<44} {whole / plain:8.2f}")
    print(f"{'quizapp stats --json, wall time':<44} {cli_json * 1000:8.0f} ms")
    print(f"{'quizapp stats (text), wall time':<44} {cli_text * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
