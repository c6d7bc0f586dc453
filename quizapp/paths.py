"""The one place that knows the user's directories; `QUIZAPP_HOME` moves them all (tests use it).

Without `QUIZAPP_HOME`, data (the review database, the deck cache) goes under the platform's user
data directory and configuration under its user config directory, as platformdirs says.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "quizapp"


def _home() -> Path | None:
    home = os.environ.get("QUIZAPP_HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    """Where the review database and caches live (not created here)."""
    home = _home()
    if home is not None:
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Where the user's config file lives (not created here)."""
    home = _home()
    if home is not None:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Where validated decks are cached, keyed by their file's content hash."""
    return data_dir() / "cache"


def user_decks_dir() -> Path:
    """The user's own deck folder: the default target of `quizapp import` and `quizapp new`."""
    return data_dir() / "decks"


def default_db_url() -> str:
    """The embedded default database: a SQLite file under the data directory."""
    env = os.environ.get("QUIZAPP_DB")
    if env:
        return env
    return f"sqlite:///{data_dir() / 'quizapp.sqlite3'}"


def config_file() -> Path:
    return config_dir() / "config.toml"


def bundled_decks_dir() -> Path:
    """The decks shipped with quizapp (package data; `decks/` in a checkout links to it)."""
    package = resources.files("quizapp.bundled_decks")
    return Path(str(package))
