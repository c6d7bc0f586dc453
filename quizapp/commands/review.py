"""`quizapp review [PATH ...]` (and bare `quizapp`): study in the TUI.

Deck paths are the bundled decks (unless the config turns them off), the config's deck folders,
then the PATHs given. Everything heavy (Textual, the session, SQLAlchemy) is imported in `run()`,
and the collection itself is opened by the app in a worker after its first frame (its home
counts first, when the store allows a quick read: see `session.CollectionOpener`).
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.config import Config
    from quizapp.session import Collection, CollectionOpener
    from quizapp.session.custom import CustomStudy


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="deck files or folders to study, besides the bundled decks and configured folders",
    )
    custom = parser.add_argument_group(
        "custom study", "study beyond today's queue (one of these), over every deck"
    )
    chosen = custom.add_mutually_exclusive_group()
    chosen.add_argument(
        "--ahead", type=int, metavar="DAYS", help="review ahead: the cards due within DAYS days"
    )
    chosen.add_argument("--forgotten", action="store_true", help="the cards failed today")
    chosen.add_argument(
        "--extra-new", type=int, metavar="N", help="N more new cards per deck than today's limit"
    )
    chosen.add_argument(
        "--query",
        metavar="QUERY",
        help="the cards a search selects (the language of `quizapp cards`), e.g. 'tag:adam'",
    )
    custom.add_argument(
        "--cram",
        action="store_true",
        help="do not reschedule: the answers are logged but change no card",
    )


def deck_paths(config: Config, extra: list[Path]) -> list[Path]:
    """The decks to study: see `quizapp.config.deck_sources`."""
    from quizapp.config import deck_sources

    return deck_sources(config, extra)


def custom_study(args: argparse.Namespace) -> CustomStudy | None:
    """The custom study the flags ask for (None: today's queue); `ValueError` if wrong."""
    ahead, forgotten = getattr(args, "ahead", None), getattr(args, "forgotten", False)
    extra, cram = getattr(args, "extra_new", None), getattr(args, "cram", False)
    query: str | None = getattr(args, "query", None)
    if ahead is None and not forgotten and extra is None and query is None:
        if cram:
            raise ValueError("--cram goes with --ahead, --forgotten, --extra-new or --query")
        return None
    if query is not None:
        from quizapp.search import parse

        parse(query)  # a QueryError (a ValueError) names the column, before the app starts
    for flag, value in (("--ahead", ahead), ("--extra-new", extra)):
        if value is not None and not 1 <= value <= 100_000:
            raise ValueError(f"{flag} takes a whole number from 1 to 100000, not {value}")
    from quizapp.session.custom import CustomStudy

    return CustomStudy(
        ahead_days=ahead or 0,
        forgotten=forgotten,
        extra_new=extra or 0,
        query=query,
        reschedule=not cram,
    )


def run(args: argparse.Namespace) -> int:
    from quizapp.tui import startup

    # Before anything heavy is imported; the app starts the collector again once its home
    # screen shows the counts.
    startup.pause_gc()
    from quizapp import config as config_module
    from quizapp import paths

    try:
        config = config_module.load()
    except config_module.ConfigError as error:
        print(f"quizapp: {error}", file=sys.stderr)
        return 2
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"quizapp: {path}: no such file or folder", file=sys.stderr)
        return 2
    try:
        custom = custom_study(args)
    except ValueError as error:
        print(f"quizapp review: {error}", file=sys.stderr)
        return 2
    decks = deck_paths(config, list(args.paths))
    db_url: str = getattr(args, "db", None) or paths.default_db_url()

    @functools.cache
    def opener() -> CollectionOpener:
        # Imported in the app's worker, off the first frame's path.
        from quizapp.session import CollectionOpener

        return CollectionOpener(deck_paths=decks, db_url=db_url, config=config)

    def open_collection() -> Collection:
        try:
            return opener().open()
        except Exception:
            opener.cache_clear()  # a retry reads the deck files again
            raise

    from quizapp.tui.app import make_app

    app = make_app(
        open_collection,
        config=config,
        save_config=config_module.save,
        on_ready=startup.resume_gc,
        glance=lambda: opener().glance(),
        custom=custom,
    )
    result = app.run()
    if app.collection is not None:
        app.collection.close()
    if app.return_code:  # quit with a change not saved, or an error Textual reported
        return app.return_code
    return result if isinstance(result, int) else 0
