"""Opening the learner's collection for a command that reads or changes cards."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.session import Collection


def open_collection(folders: Sequence[Path], db: str | None) -> Collection | int:
    """The collection on the configured deck sources plus `folders` and the database `db` (the
    default one when None), or the exit status once the reason it cannot be opened is said:
    2 for a config.toml that cannot be read, 1 for a database that refuses."""
    from quizapp import config as config_module
    from quizapp import paths
    from quizapp.session import Collection
    from quizapp.store import StoreError

    try:
        config = config_module.load()
    except config_module.ConfigError as error:
        print(f"quizapp: {error}", file=sys.stderr)
        return 2
    try:
        return Collection.open(
            deck_paths=config_module.deck_sources(config, folders),
            db_url=db or paths.default_db_url(),
            config=config,
            cache_dir=paths.cache_dir(),
        )
    except StoreError as error:
        print(f"quizapp: {error}", file=sys.stderr)
        return 1
