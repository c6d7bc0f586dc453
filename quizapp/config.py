"""The learner's settings: a small TOML file in the user's config directory.

Every field has a default, so the file is optional; unknown keys are ignored with a warning rather
than refused, so an older quizapp can read a newer file. Only changed keys are written.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from quizapp import paths
from quizapp.config_schedulers import (
    Choice,
    DeckOptions,
    SchedulerSettingsError,
    choose,
    read_schedulers,
)
from quizapp.scheduling.registry import DEFAULT_SCHEDULER, names


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
    #: Longest time an answer counts for, in the session summary and the statistics (Anki's
    #: "maximum answer seconds"): a card left on screen during a break would count for the
    #: whole break. The review log keeps the time as measured.
    max_answer_seconds: int = 60
    #: Every deck's scheduler, unless the deck's own options or its file name another.
    scheduler: str = DEFAULT_SCHEDULER
    #: Scheduler name -> its settings table (`[fsrs]`), checked by that scheduler.
    scheduler_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Deck id -> its own options (`[decks.ID]`).
    decks: Mapping[str, DeckOptions] = field(default_factory=dict)
    #: Warnings about config keys that were not understood (not saved).
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def scheduler_of(self, deck_id: str | None, from_file: str | None = None) -> Choice:
        """Deck `deck_id`'s scheduler and settings (`from_file`: its deck file's choice)."""
        return choose(self.scheduler, self.scheduler_settings, self.decks, deck_id, from_file)

    def deck_options(self, deck_id: str) -> DeckLimits:
        """Deck `deck_id`'s effective daily limits, leech rule and sibling burying."""
        own = self.decks.get(deck_id, DeckOptions())
        return DeckLimits(
            new_per_day=self.new_per_deck if own.new_per_day is None else own.new_per_day,
            reviews_per_day=own.reviews_per_day,
            leech_threshold=self.leech_lapses
            if own.leech_threshold is None
            else own.leech_threshold,
            leech_action=own.leech_action or "tag",
            bury_siblings=bool(own.bury_siblings),
        )


@dataclass(frozen=True, slots=True)
class DeckLimits:
    """One deck's options as they apply: its own where `[decks.ID]` sets them, else the
    top-level settings."""

    new_per_day: int
    #: None: only the top-level `reviews_per_day` (over all decks) limits it.
    reviews_per_day: int | None
    leech_threshold: int
    leech_action: str
    bury_siblings: bool


_INT_FIELDS = {
    "rollover_hour": (0, 23),
    "new_per_deck": (0, 100_000),
    "reviews_per_day": (0, 1_000_000),
    "max_interval_days": (1, 36_500),
    "streak_min_reviews": (1, 100_000),
    "leech_lapses": (1, 1_000),
    "mature_days": (1, 36_500),
    "max_answer_seconds": (1, 3_600),
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


#: Keys of the file that `config_schedulers` reads (the scheduler tables are named after them).
_SCHEDULER_KEYS = {"scheduler", "decks"}


def from_dict(data: dict[str, Any], source: str = "config") -> Config:
    known = {f.name for f in fields(Config)} - {"warnings", "scheduler_settings"}
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in data.items():
        if key in _SCHEDULER_KEYS or key in names():
            continue
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
    try:
        scheduler, tables, decks = read_schedulers(
            data, values.get("max_interval_days", Config().max_interval_days)
        )
    except SchedulerSettingsError as exc:
        raise ConfigError(f"{source}: {exc}") from exc
    return replace(
        Config(),
        **values,
        scheduler=scheduler,
        scheduler_settings=tables,
        decks=decks,
        warnings=tuple(warnings),
    )


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _key(part: str) -> str:
    bare = part and all(c.isascii() and (c.isalnum() or c in "-_") for c in part)
    return part if bare else _toml_value(part)


def _table(path: Sequence[str], table: Mapping[str, Any]) -> list[str]:
    header = "[" + ".".join(_key(part) for part in path) + "]"
    return ["", header, *(f"{_key(key)} = {_toml_value(value)}" for key, value in table.items())]


def save(config: Config, path: Path | None = None) -> None:
    """Write the settings that differ from the defaults, atomically (temp file + rename)."""
    path = path or paths.config_file()
    defaults = asdict(Config())
    lines = ["# quizapp settings (see README.md); only changed settings are listed"]
    tables = ("warnings", "scheduler_settings", "decks")
    for key, value in asdict(config).items():
        if key not in tables and value != defaults[key]:
            lines.append(f"{key} = {_toml_value(value)}")
    for name, table in config.scheduler_settings.items():
        lines += _table([name], table)
    for deck_id, options in config.decks.items():
        lines += _table(["decks", deck_id], options.own())
        for name, table in options.settings.items():
            lines += _table(["decks", deck_id, name], table)
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
