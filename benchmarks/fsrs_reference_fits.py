"""The reference optimisers, run inside benchmarks/.venv-bench (which has `anki` and maybe torch):

    .venv-bench/bin/python fsrs_reference_fits.py fsrs-rs|py-fsrs LOG.json [REPEAT]

LOG.json holds [[card id, ISO time, rating], ...]. Prints one JSON object: the fitted
parameters and the seconds the fit itself took (reading and converting the log excluded; the
best of REPEAT runs for fsrs-rs).
`fsrs-rs` is Anki's backend (`compute_fsrs_params_from_items`), fed one item per review a day or
more after its card's previous one (the card's reviews up to it, UTC days apart), oldest first,
as Anki builds them; `py-fsrs` is py-fsrs's torch `Optimizer`.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from datetime import datetime


def _by_card(log: list[list[object]]) -> dict[str, list[tuple[datetime, int]]]:
    cards: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for card_id, when, rating in log:
        cards[str(card_id)].append((datetime.fromisoformat(str(when)), int(str(rating))))
    for reviews in cards.values():
        reviews.sort()
    return cards


def fsrs_rs(log: list[list[object]], repeat: int) -> dict[str, object]:
    from anki import scheduler_pb2
    from anki._backend import RustBackend

    items: list[tuple[datetime, object]] = []
    for reviews in _by_card(log).values():
        days = [when.date().toordinal() for when, _ in reviews]
        steps: list[object] = []
        for k, (when, rating) in enumerate(reviews):
            delta = 0 if k == 0 else days[k] - days[k - 1]
            steps.append(scheduler_pb2.FsrsReview(rating=rating, delta_t=delta))
            if k > 0 and delta > 0:
                items.append((when, scheduler_pb2.FsrsItem(reviews=list(steps))))
    items.sort(key=lambda item: item[0])
    backend = RustBackend()
    ordered = [item for _, item in items]
    best = float("inf")
    parameters: list[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = backend.compute_fsrs_params_from_items(ordered)
        best = min(best, time.perf_counter() - started)
        parameters = list(response.params)
    return {"parameters": parameters, "seconds": best}


def py_fsrs(log: list[list[object]]) -> dict[str, object]:
    from fsrs import Optimizer, Rating, ReviewLog

    ids = {card_id: n for n, card_id in enumerate(sorted({str(r[0]) for r in log}))}
    logs = [
        ReviewLog(
            card_id=ids[str(card_id)],
            rating=Rating(int(str(rating))),
            review_datetime=datetime.fromisoformat(str(when)),
            review_duration=None,
        )
        for card_id, when, rating in log
    ]
    started = time.perf_counter()
    parameters = Optimizer(logs).compute_optimal_parameters()
    seconds = time.perf_counter() - started
    return {"parameters": list(parameters), "seconds": seconds}


def main() -> None:
    which, path = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(path, encoding="utf-8") as file:
        log = json.load(file)
    result = fsrs_rs(log, repeat) if which == "fsrs-rs" else py_fsrs(log)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
