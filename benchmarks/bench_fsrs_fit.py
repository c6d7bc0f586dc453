"""Benchmark: our numpy FSRS fit next to fsrs-rs (Anki's optimiser) and py-fsrs's torch one.

    .venv/bin/python benchmarks/bench_fsrs_fit.py [--sizes 10000 100000] [--no-torch]

For each size, a synthetic log of that many reviews whose learner's memory is FSRS-6 with known
parameters (benchmarks/synthetic_fsrs_log.py, drawn through py-fsrs) is split by time: every
optimiser fits the oldest 80 % and is scored on the newest 20 % (log loss and RMSE (bins) of
the reviews a day or more after their card's previous one, each predicted from the card's whole
history before it). In the same run, on the same log:
- ours: `quizapp.scheduling.fsrs_fit.fit_parameters`, from the raw (card, time, rating) log,
  its best of a few runs;
- fsrs-rs: the `anki` package's backend (`compute_fsrs_params_from_items`), in
  benchmarks/.venv-bench (created if missing: `python3 -m venv benchmarks/.venv-bench &&
  benchmarks/.venv-bench/bin/pip install anki fsrs`), its best of a few runs, the conversion
  of the log to its items not timed;
- py-fsrs's torch `Optimizer` at 10,000 reviews when torch is installed in .venv-bench
  (`pip install torch==2.13.0`), else skipped.
Must: our held-out log loss within 1 % of fsrs-rs's, our time within 50x of its.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic_fsrs_log import TRUE_PARAMETERS, simulate  # noqa: E402
from quizapp.scheduling.fsrs_config import DEFAULT_PARAMETERS  # noqa: E402
from quizapp.scheduling.fsrs_fit import fit_parameters  # noqa: E402
from quizapp.scheduling.fsrs_fit_data import Review, history_from_reviews  # noqa: E402
from quizapp.scheduling.fsrs_fit_eval import Score, review_bins, score  # noqa: E402
from quizapp.scheduling.fsrs_fit_model import predict  # noqa: E402

BENCH_PYTHON = ROOT / "benchmarks" / ".venv-bench" / "bin" / "python"
REFERENCE = ROOT / "benchmarks" / "fsrs_reference_fits.py"


def _reference(which: str, log: list[Review], repeat: int) -> dict[str, object] | None:
    """Run one reference optimiser in .venv-bench; None (with the reason) if it cannot run."""
    if not BENCH_PYTHON.exists():
        print(f"  {which}: skipped, benchmarks/.venv-bench is missing (see the docstring)")
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump([[c, w.isoformat(), r] for c, w, r in log], file)
    try:
        done = subprocess.run(
            [str(BENCH_PYTHON), str(REFERENCE), which, file.name, str(repeat)],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        Path(file.name).unlink()
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"  {which}: skipped ({last})")
        return None
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _bench(size: int, repeat: int, torch: bool) -> list[tuple[str, float | None, Score]]:
    log = simulate(size, seed=2024)
    history = history_from_reviews(log)
    cutoff = float(np.quantile(history.timestamp, 0.8))
    earlier = [review for review in log if review[1].timestamp() < cutoff]
    later = (history.timestamp >= cutoff) & (history.delta_t > 0)
    recalled = history.rating > 1
    bins = review_bins(history)

    def held_out(parameters: tuple[float, ...] | list[float]) -> Score:
        recall, _ = predict(history, tuple(float(v) for v in parameters))
        return score(recall[later], recalled[later], bins[later])

    best = float("inf")
    ours: tuple[float, ...] = ()
    for _ in range(repeat):
        started = time.perf_counter()
        ours = fit_parameters(earlier)
        best = min(best, time.perf_counter() - started)
    rows: list[tuple[str, float | None, Score]] = [
        ("true parameters", None, held_out(TRUE_PARAMETERS)),
        ("FSRS defaults", None, held_out(DEFAULT_PARAMETERS)),
        ("ours (numpy)", best, held_out(ours)),
    ]
    rs = _reference("fsrs-rs", earlier, repeat)
    if rs is not None:
        rows.append(("fsrs-rs (anki)", float(str(rs["seconds"])), held_out(rs["parameters"])))  # type: ignore[arg-type]
    if torch:
        py = _reference("py-fsrs", earlier, 1)
        if py is not None:
            rows.append(("py-fsrs (torch)", float(str(py["seconds"])), held_out(py["parameters"])))  # type: ignore[arg-type]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timed fit (best taken)")
    parser.add_argument("--no-torch", action="store_true", help="skip py-fsrs's torch optimiser")
    args = parser.parse_args()
    verdicts = []
    for size in args.sizes:
        print(f"\n{size:,} reviews (fit on the oldest 80 %, scored on the newest 20 %):")
        rows = _bench(
            size, args.repeat if size <= 20_000 else 1, not args.no_torch and size <= 10_000
        )
        reference = next((r for r in rows if r[0].startswith("fsrs-rs")), None)
        print(
            f"  {'optimiser':<18}{'seconds':>10}{'vs fsrs-rs':>12}{'log loss':>11}"
            f"{'vs fsrs-rs':>12}{'RMSE(bins)':>12}"
        )
        for name, seconds, result in rows:
            time_text = "" if seconds is None else f"{seconds:.3f}"
            ratio = loss_gap = ""
            if reference is not None and reference[1] and seconds is not None:
                ratio = f"{seconds / reference[1]:.1f}x"
            if reference is not None:
                loss_gap = f"{(result.log_loss / reference[2].log_loss - 1):+.2%}"
            print(
                f"  {name:<18}{time_text:>10}{ratio:>12}{result.log_loss:>11.4f}{loss_gap:>12}"
                f"{result.rmse_bins:>12.2%}"
            )
        ours = next(r for r in rows if r[0].startswith("ours"))
        if reference is not None and reference[1] is not None and ours[1] is not None:
            loss_ok = ours[2].log_loss <= reference[2].log_loss * 1.01
            time_ok = ours[1] <= reference[1] * 50
            verdicts.append(loss_ok and time_ok)
            print(
                f"  must: log loss within 1 % of fsrs-rs's: {'yes' if loss_ok else 'NO'}; "
                f"time within 50x: {'yes' if time_ok else 'NO'}"
            )
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
