"""`quizapp optimize [--deck ID] [--save]`: fit FSRS's parameters to the learner's own answers.

Reads the review log (read-only; SM-2's grades count as FSRS ratings: 0-2 Again, 3 Hard, 4 Good,
5 Easy), fits FSRS-6 to it (`quizapp.scheduling.fsrs_fit`), and prints how SM-2, FSRS with its
default parameters and FSRS fitted predict the later fifth of the history after a fit on the
earlier part, by log loss and RMSE (bins). `--save` writes the parameters fitted on the whole
history to config.toml (`[fsrs]`, or `[decks.ID.fsrs]` with `--deck`): the app schedules with
them from the next card it schedules, in the next session.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import Progress

    from quizapp.config import Config
    from quizapp.scheduling.fsrs_fit_compare import Comparison
    from quizapp.scheduling.fsrs_fit_eval import Score

#: A fit that runs longer than this shows a progress bar.
_BAR_AFTER_SECONDS = 1.0


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deck", metavar="ID", help="fit to this deck's answers only")
    parser.add_argument(
        "--save",
        action="store_true",
        help="store the parameters in config.toml ([fsrs], or [decks.ID.fsrs] with --deck)",
    )


def _fail(message: str, code: int = 2) -> int:
    print(f"quizapp optimize: {message}", file=sys.stderr)
    return code


class _Bar:
    """A progress bar that appears only once the work has run for a second."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.progress: Progress | None = None
        self.task: Any = None
        self.label = ""

    def phase(self, label: str) -> None:
        self.label = label
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=label, completed=0)

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None:
            if time.perf_counter() - self.started < _BAR_AFTER_SECONDS:
                return
            from rich.progress import Progress

            self.progress = Progress(transient=True)
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=total)
        self.progress.update(self.task, description=self.label, completed=done, total=total)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def run(args: argparse.Namespace) -> int:
    from quizapp import config as config_module
    from quizapp import paths
    from quizapp.store import StoreError
    from quizapp.store.collection_store import CollectionStore

    try:
        config = config_module.load()
    except config_module.ConfigError as error:
        return _fail(f"{error}\nFix or remove the config file and run the command again.")
    url: str = getattr(args, "db", None) or paths.default_db_url()
    if CollectionStore.nothing_stored(url):
        return _fail("nothing studied yet: answer some cards first (run `quizapp`)", 1)
    try:
        store = CollectionStore.open(url, read_only=True)
    except StoreError as error:
        return _fail(str(error), 1)
    try:
        if args.deck is not None:
            known = store.known_decks()
            if args.deck not in known:
                listing = ", ".join(known) or "none yet"
                return _fail(
                    f"no deck with id {args.deck} in the review database (known: {listing})"
                )
        log = store.fit_log(None if args.deck is None else [args.deck])
    except StoreError as error:
        return _fail(str(error), 1)
    finally:
        store.close()
    return _fit_and_report(log.reviews(), log.interval, config, args)


def _fit_and_report(
    reviews: list[tuple[str, datetime, int]],
    intervals: list[int | None],
    config: Config,
    args: argparse.Namespace,
) -> int:
    import numpy as np

    from quizapp.scheduling.fsrs_fit import fit_history
    from quizapp.scheduling.fsrs_fit_compare import compare
    from quizapp.scheduling.fsrs_fit_data import history_from_reviews

    history = history_from_reviews(reviews, zone=None, rollover_hour=config.rollover_hour)
    interval = np.array([np.nan if i is None else float(i) for i in intervals], dtype=np.float64)
    bar = _Bar()
    try:
        bar.phase("Fitting the earlier 80 % to test it")
        comparison = compare(history, interval[history.source], progress=bar)
        bar.phase("Fitting the whole history")
        result = fit_history(history, progress=bar)
    finally:
        bar.stop()
    where = f"deck {args.deck}" if args.deck else "all decks"
    cards = len(history.card_ids)
    print(
        f"FSRS fitted to {history.size:,} answers of {cards:,} cards ({where}); "
        f"{result.reviews:,} came a day or more after the card's previous answer."
    )
    if not result.fitted:
        print(f"Not enough history: {result.message}.")
        if args.save:
            print("Nothing saved.")
        return 0
    _print_comparison(comparison)
    shown = ", ".join(f"{value:.4f}" for value in result.parameters)
    print(f"\nFitted parameters (w0..w20, on the whole history):\n  [{shown}]")
    if not args.save:
        print("Run again with --save to schedule with them.")
        return 0
    return _save(config, args.deck, [round(value, 4) for value in result.parameters])


def _row(name: str, score: Score) -> tuple[str, str, str, str]:
    if not score.count:
        return name, "0", "-", "-"
    return name, f"{score.count:,}", f"{score.log_loss:.4f}", f"{score.rmse_bins:.2%}"


def _print_comparison(comparison: Comparison) -> None:
    from rich.console import Console
    from rich.table import Table

    since = datetime.fromtimestamp(comparison.cutoff, UTC).date().isoformat()
    print(f"\nThe answers since {since}, predicted after a fit on those before:")
    table = Table()
    table.add_column("model")
    for heading in ("answers", "log loss", "RMSE (bins)"):
        table.add_column(heading, justify="right")
    table.add_row(*_row("SM-2", comparison.sm2))
    table.add_row(*_row("FSRS, default parameters", comparison.default))
    fitted_name = (
        "FSRS, fitted" if comparison.earlier.fitted else "FSRS, fitted (too few: defaults)"
    )
    table.add_row(*_row(fitted_name, comparison.fitted))
    Console(highlight=False).print(table)
    print("Lower is better. SM-2 is scored where SM-2 set the previous interval.")


def _save(config: Config, deck_id: str | None, parameters: list[float]) -> int:
    from quizapp import config as config_module
    from quizapp.config_schedulers import DeckOptions

    if deck_id is None:
        tables = dict(config.scheduler_settings)
        tables["fsrs"] = {**tables.get("fsrs", {}), "parameters": parameters}
        updated = replace(config, scheduler_settings=tables)
        where = "[fsrs]"
    else:
        decks = dict(config.decks)
        deck = decks.get(deck_id, DeckOptions())
        settings = dict(deck.settings)
        settings["fsrs"] = {**settings.get("fsrs", {}), "parameters": parameters}
        decks[deck_id] = replace(deck, settings=settings)
        updated = replace(config, decks=decks)
        where = f"[decks.{deck_id}.fsrs]"
    try:
        config_module.save(updated)
        config_module.load()  # what was written reads back
    except (OSError, config_module.ConfigError) as error:
        return _fail(f"the parameters could not be saved: {error}", 1)
    print(
        f"Saved to {where} parameters in config.toml: FSRS schedules with them from the next "
        "card it schedules (in a new session)."
    )
    return 0
