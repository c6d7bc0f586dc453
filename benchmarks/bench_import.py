"""How fast `quizapp import` turns a CSV file into a deck, next to Anki's own CSV import.

Run: `.venv/bin/python benchmarks/bench_import.py [--rows N ...] [--runs R]`

For each size, a CSV of N rows (front, back, tags; no header row, so both tools import N
notes) is generated in a temp dir, then imported R times by each tool, interleaved, each run in
a fresh child process so neither warms the other's caches:
- ours: `quizapp.cli.main(["import", FILE, "--to", FOLDER])`, everything the command does
  (finding the decks in use, reading, converting, writing the YAML, checking it with the deck
  loader, the atomic rename);
- Anki's: `Collection.import_csv` (the Rust backend from PyPI's `anki`) into a new collection,
  when benchmarks/.venv-bench has it:

    python3 -m venv benchmarks/.venv-bench && benchmarks/.venv-bench/bin/pip install anki

Interpreter start-up and opening the collection are outside both timings. Prints the medians
as rows/s, by wall clock and by CPU time (the CPU figure is steadier on a busy machine), and
for ours the ratio to Anki's rate (ours ÷ Anki: above 1.0 is faster than Anki).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCH_PYTHON = HERE / ".venv-bench" / "bin" / "python"

WORDS = (
    "adam",
    "momentum",
    "gradient",
    "descent",
    "bagging",
    "boosting",
    "variance",
    "bias",
    "overfitting",
    "dropout",
    "batch",
    "norm",
    "residual",
    "attention",
    "transformer",
    "learning",
    "rate",
    "schedule",
    "warmup",
    "weight",
    "decay",
    "ensemble",
    "vote",
    "stacking",
    "bootstrap",
    "sample",
    "error",
    "loss",
    "convex",
    "saddle",
    "plateau",
    "배깅",
    "β₁",
)

OURS = """
import json, os, sys, time
from pathlib import Path
os.environ["QUIZAPP_HOME"] = sys.argv[3]
from quizapp.cli import main
wall, cpu = time.perf_counter(), time.process_time()
status = main(["import", sys.argv[1], "--to", sys.argv[2], "--deck-id", "bench"])
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
cards = Path(sys.argv[2], "bench.yaml").read_text(encoding="utf-8").count("\\n  - id: ")
print(json.dumps({"status": status, "wall": wall, "cpu": cpu, "notes": cards}), file=sys.stderr)
"""

ANKI = """
import json, os, sys, time
from anki.collection import Collection, ImportCsvRequest
col = Collection(os.path.join(sys.argv[2], "collection.anki2"))
wall, cpu = time.perf_counter(), time.process_time()
metadata = col.get_csv_metadata(path=sys.argv[1], delimiter=None)
col.import_csv(ImportCsvRequest(path=sys.argv[1], metadata=metadata))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"status": 0, "wall": wall, "cpu": cpu, "notes": col.note_count()}))
col.close()
"""


def write_csv(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for i in range(rows):
            front = " ".join(rng.choices(WORDS, k=7))
            back = " ".join(rng.choices(WORDS, k=14))
            handle.write(f"What is {front} ({i})?,{back},tag{i % 20} imported\n")


def run_ours(csv_path: Path, work: Path) -> dict[str, float]:
    out, home = Path(tempfile.mkdtemp(dir=work)), Path(tempfile.mkdtemp(dir=work))
    done = subprocess.run(
        [sys.executable, "-c", OURS, str(csv_path), str(out), str(home)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


def run_anki(csv_path: Path, work: Path) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(dir=work))
    done = subprocess.run(
        [str(BENCH_PYTHON), "-c", ANKI, str(csv_path), str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    have_anki = BENCH_PYTHON.exists() and (
        subprocess.run([str(BENCH_PYTHON), "-c", "import anki"], capture_output=True).returncode
        == 0
    )
    rng = random.Random(16)
    print(f"{'rows':>9}  {'tool':<8} {'notes':>9} {'wall s':>8} {'rows/s':>9} {'cpu s':>8} "
          f"{'rows/s (cpu)':>13} {'× anki':>7} {'× anki (cpu)':>13}")  # fmt: skip
    for rows in args.rows:
        with tempfile.TemporaryDirectory(prefix="quizapp-bench-import-") as folder:
            work = Path(folder)
            csv_path = work / "cards.csv"
            write_csv(csv_path, rows, rng)
            results: dict[str, list[dict[str, float]]] = {"quizapp": [], "anki": []}
            for _ in range(args.runs):
                results["quizapp"].append(run_ours(csv_path, work))
                if have_anki:
                    results["anki"].append(run_anki(csv_path, work))
            rates: dict[str, tuple[float, float]] = {}
            for tool, runs in results.items():
                if not runs:
                    print(f"{rows:>9,}  {tool:<8} (benchmarks/.venv-bench has no `anki`)")
                    continue
                if any(run["status"] != 0 for run in runs):
                    raise SystemExit(f"{tool} failed to import {csv_path}")
                wall = statistics.median(run["wall"] for run in runs)
                cpu = statistics.median(run["cpu"] for run in runs)
                rates[tool] = (rows / wall, rows / cpu)
            for tool, (by_wall, by_cpu) in rates.items():
                notes = int(results[tool][0]["notes"])
                ratio = ""
                if tool != "anki" and "anki" in rates:
                    anki_wall, anki_cpu = rates["anki"]
                    ratio = f" {by_wall / anki_wall:>6.2f}x {by_cpu / anki_cpu:>12.2f}x"
                print(f"{rows:>9,}  {tool:<8} {notes:>9,} {rows / by_wall:>8.2f} {by_wall:>9,.0f} "
                      f"{rows / by_cpu:>8.2f} {by_cpu:>13,.0f}{ratio}")  # fmt: skip


if __name__ == "__main__":
    main()
