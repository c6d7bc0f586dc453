"""The learner's settings: a small TOML file in the user's config directory.

Every field has a default, so the file is optional; unknown keys are ignored with a warning rather
than refused, so an older quizapp can read a newer file. Only changed keys are written.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from quizapp import paths


class ConfigError(Exception):
    """The config file cannot be read; the message says which file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Config:
    #: Hour (local time) at which a new study day starts: reviews at 01:30 count for the evening
    #: before, as a learner who studies past midnight expects.
    rollover_hour: int = 4
    #: New cards introduced per deck per day.
    new_per_deck: int = 20
    #: Reviews of due cards per day, all decks together.
    reviews_per_day: int = 200
    #: Longest interval turned into a due date (SM-2 itself has no upper bound): 100 years.
    max_interval_days: int = 36_500
    #: Deck folders or files studied beside the bundled decks.
    deck_folders: tuple[str, ...] = ()
    #: Whether the bundled decks are studied too.
    include_bundled: bool = True
    #: The TUI's theme (a Textual theme name), remembered when the learner picks one.
    theme: str = "textual-dark"
    #: Reviews a day needs to count towards the streak.
    streak_min_reviews: int = 1
    #: Lapses after which a card is flagged as a leech.
    leech_lapses: int = 8
    #: Interval (days) from which a card counts as mature.
    mature_days: int = 21
    #: Warnings about config keys that were not understood (not saved).
    warnings: tuple[str, ...] = field(default=(), compare=False)


_INT_FIELDS = {
    "rollover_hour": (0, 23),
    "new_per_deck": (0, 100_000),
    "reviews_per_day": (0, 1_000_000),
    "max_interval_days": (1, 36_500),
    "streak_min_reviews": (1, 100_000),
    "leech_lapses": (1, 1_000),
    "mature_days": (1, 36_500),
}


def load(path: Path | None = None) -> Config:
    """Read the config file (absent means all defaults)."""
    path = path or paths.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return from_dict(data, source=str(path))


def from_dict(data: dict[str, Any], source: str = "config") -> Config:
    known = {f.name for f in fields(Config)} - {"warnings"}
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in data.items():
        if key not in known:
            warnings.append(f"{source}: unknown setting '{key}' ignored")
            continue
        if key in _INT_FIELDS:
            low, high = _INT_FIELDS[key]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ConfigError(f"{source}: '{key}' must be a whole number from {low} to {high}")
        elif key == "deck_folders":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: 'deck_folders' must be a list of paths (strings)")
            value = tuple(value)
        elif key == "include_bundled":
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: 'include_bundled' must be true or false")
        elif key == "theme" and not isinstance(value, str):
            raise ConfigError(f"{source}: 'theme' must be a string")
        values[key] = value
    return replace(Config(), **values, warnings=tuple(warnings))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def save(config: Config, path: Path | None = None) -> None:
    """Write the settings that differ from the defaults, atomically (temp file + rename)."""
    path = path or paths.config_file()
    defaults = asdict(Config())
    lines = ["# quizapp settings (see README.md); only changed settings are listed"]
    for key, value in asdict(config).items():
        if key != "warnings" and value != defaults[key]:
            lines.append(f"{key} = {_toml_value(value)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def deck_sources(config: Config, extra: Sequence[Path] = ()) -> list[Path]:
    """Where the learner's decks are: one answer for the TUI, `decks`, `stats` and the rest.

    In order: the bundled decks (unless `include_bundled` is off), the configured `deck_folders`,
    the user's own deck folder (where `quizapp import` puts decks by default) when it
    exists, then the paths given on the command line. A folder named twice is listed once, so its
    decks are not loaded twice (which would make their ids clash).
    """
    sources: list[Path] = []
    if config.include_bundled:
        sources.append(paths.bundled_decks_dir())
    sources += [Path(folder).expanduser() for folder in config.deck_folders]
    user_decks = paths.user_decks_dir()
    if user_decks.is_dir():
        sources.append(user_decks)
    sources += list(extra)
    unique: dict[Path, Path] = {}
    for source in sources:
        unique.setdefault(source.resolve(), source)
    return list(unique.values())
