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
    from quizapp.session import CollectionOpener


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help="deck files or folders to study, besides the bundled decks and configured folders",
    )


def deck_paths(config: Config, extra: list[Path]) -> list[Path]:
    """The decks to study: see `quizapp.config.deck_sources`."""
    from quizapp.config import deck_sources

    return deck_sources(config, extra)


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
    decks = deck_paths(config, list(args.paths))
    db_url: str = getattr(args, "db", None) or paths.default_db_url()

    @functools.cache
    def opener() -> CollectionOpener:
        # Imported in the app's worker, off the first frame's path.
        from quizapp.session import CollectionOpener

        return CollectionOpener(deck_paths=decks, db_url=db_url, config=config)

    from quizapp.tui.app import make_app

    app = make_app(
        lambda: opener().open(),
        config=config,
        save_config=config_module.save,
        on_ready=startup.resume_gc,
        glance=lambda: opener().glance(),
    )
    result = app.run()
    if app.collection is not None:
        app.collection.close()
    return result if isinstance(result, int) else 0
