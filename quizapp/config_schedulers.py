"""The scheduler settings of config.toml: which scheduler, its settings, and per-deck options.

```toml
scheduler = "fsrs"            # every deck's scheduler ("sm2", the default, or "fsrs")

[fsrs]                        # FSRS's settings, for every FSRS deck
desired_retention = 0.9
learning_steps = ["1m", "10m"]
relearning_steps = ["10m"]
maximum_interval = 36500      # days (default: max_interval_days)
parameters = [0.212, ...]     # 21 numbers, w0..w20 (`quizapp optimize --save` writes them)
fuzz = true

[decks.optimizers]            # one deck's own options
scheduler = "sm2"

[decks.ensembles.fsrs]        # ... and its own FSRS settings, over the [fsrs] table's
desired_retention = 0.85
```

A deck's scheduler is, first found: its `[decks.ID]` table's, its deck file's `scheduler:` key,
the top-level `scheduler`. Each table is checked as it is read, by the scheduler it configures
(`quizapp.scheduling.registry`): a wrong setting is refused with its place ("[decks.x.fsrs]
desired_retention ..."), never found later in a session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from quizapp.scheduling import registry

#: The keys a `[decks.ID]` table may hold besides a table per scheduler, with their checks:
#: (type, smallest, largest) for numbers, the allowed values for text.
DECK_KEYS: dict[str, tuple[type, Any, Any] | tuple[str, ...]] = {
    "scheduler": (),  # checked against the registry
    "new_per_day": (int, 0, 100_000),
    "reviews_per_day": (int, 0, 1_000_000),
    "leech_threshold": (int, 1, 1_000),
    "leech_action": ("tag", "suspend"),
    "bury_siblings": (bool, False, True),
}


class SchedulerSettingsError(ValueError):
    """A scheduler setting of config.toml that cannot be used; the message says which."""


@dataclass(frozen=True, slots=True)
class DeckOptions:
    """One deck's `[decks.ID]` table."""

    #: The deck's scheduler, over its deck file's and the top-level one; None: not set here.
    scheduler: str | None = None
    #: Scheduler name -> settings over that scheduler's top-level table.
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: New cards introduced a day (over the top-level `new_per_deck`).
    new_per_day: int | None = None
    #: Reviews a day in this deck (the top-level `reviews_per_day` still caps all decks).
    reviews_per_day: int | None = None
    #: Lapses that make a card a leech (over the top-level `leech_lapses`).
    leech_threshold: int | None = None
    #: What becomes of a leech: "tag" (only marked, Anki's default) or "suspend".
    leech_action: str | None = None
    #: Once one prompt of a card is answered, its siblings wait until tomorrow.
    bury_siblings: bool | None = None

    def own(self) -> dict[str, Any]:
        """The options this table sets, by their config.toml key (not the scheduler tables)."""
        return {key: getattr(self, key) for key in DECK_KEYS if getattr(self, key) is not None}


def _check_option(key: str, value: object, where: str) -> Any:
    rule = DECK_KEYS[key]
    if rule and isinstance(rule[0], type):
        kind, low, high = rule
        if kind is bool:
            if not isinstance(value, bool):
                raise SchedulerSettingsError(f"'{where}' must be true or false, not {value!r}")
        elif isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SchedulerSettingsError(
                f"'{where}' must be a whole number from {low} to {high}, not {value!r}"
            )
        return value
    if value not in rule:
        allowed = " or ".join(f'"{choice}"' for choice in rule)
        raise SchedulerSettingsError(f"'{where}' must be {allowed}, not {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class Choice:
    """A deck's scheduler as the learner's settings and its deck file decide it."""

    name: str
    settings: Mapping[str, Any]
    #: Where the settings come from, as messages name them ("fsrs", "decks.x.fsrs").
    where: str


def _check_name(name: object, where: str) -> str:
    if not isinstance(name, str) or name not in registry.names():
        known = ", ".join(f'"{known}"' for known in registry.names())
        raise SchedulerSettingsError(f"'{where}' must be one of {known}, not {name!r}")
    return name


def _tables(data: Mapping[str, Any], where: str) -> dict[str, Mapping[str, Any]]:
    """The scheduler tables of `data` (a `[fsrs]` table at the top, or in a deck's table)."""
    tables: dict[str, Mapping[str, Any]] = {}
    for name in registry.names():
        if name in data:
            table = data[name]
            if not isinstance(table, Mapping):
                raise SchedulerSettingsError(f"'{where}{name}' must be a table ([{where}{name}])")
            tables[name] = dict(table)
    return tables


def read_schedulers(
    data: Mapping[str, Any], max_interval_days: int
) -> tuple[str, dict[str, Mapping[str, Any]], dict[str, DeckOptions]]:
    """The top-level scheduler, the scheduler tables and the `[decks]` tables of a config
    file's data, each checked; `SchedulerSettingsError` naming the first wrong one."""
    scheduler = _check_name(data.get("scheduler", registry.DEFAULT_SCHEDULER), "scheduler")
    tables = _tables(data, "")
    decks_table = data.get("decks", {})
    if not isinstance(decks_table, Mapping):
        raise SchedulerSettingsError("'decks' must be a table of deck ids ([decks.ID])")
    decks: dict[str, DeckOptions] = {}
    for deck_id, table in decks_table.items():
        where = f"decks.{deck_id}"
        if not isinstance(table, Mapping):
            raise SchedulerSettingsError(f"'{where}' must be a table ([{where}])")
        unknown = sorted(set(table) - set(DECK_KEYS) - set(registry.names()))
        if unknown:
            raise SchedulerSettingsError(
                f"'{where}.{unknown[0]}' is not a deck option (known: "
                f"{', '.join((*DECK_KEYS, *registry.names()))})"
            )
        name = table.get("scheduler")
        options = {
            key: _check_option(key, table[key], f"{where}.{key}")
            for key in DECK_KEYS
            if key in table and key != "scheduler"
        }
        decks[str(deck_id)] = DeckOptions(
            scheduler=None if name is None else _check_name(name, f"{where}.scheduler"),
            settings=_tables(table, f"{where}."),
            **options,
        )
    # Every table is checked now, by the scheduler it configures, as a deck would use it.
    checks: list[tuple[str | None, str]] = [(None, name) for name in {scheduler, *tables}]
    for deck_id, deck in decks.items():
        named = {deck.scheduler} if deck.scheduler else set()
        checks += [(deck_id, name) for name in sorted(named | set(deck.settings))]
    for deck_id, name in checks:
        choice = settings_of(tables, decks, deck_id, name)
        try:
            registry.scheduler_named(
                choice.name,
                max_interval_days=max_interval_days,
                settings=choice.settings,
                where=choice.where,
            )
        except ValueError as exc:
            raise SchedulerSettingsError(str(exc)) from exc
    return scheduler, tables, decks


def choose(
    scheduler: str,
    tables: Mapping[str, Mapping[str, Any]],
    decks: Mapping[str, DeckOptions],
    deck_id: str | None,
    from_file: str | None = None,
) -> Choice:
    """The scheduler of deck `deck_id` (None: the default of every deck) and its settings:
    `[decks.ID]`'s scheduler, else the deck file's (`from_file`), else the top-level one."""
    deck = decks.get(deck_id) if deck_id is not None else None
    name = (deck.scheduler if deck is not None else None) or from_file or scheduler
    return settings_of(tables, decks, deck_id, name)


def settings_of(
    tables: Mapping[str, Mapping[str, Any]],
    decks: Mapping[str, DeckOptions],
    deck_id: str | None,
    name: str,
) -> Choice:
    """Scheduler `name`'s settings for deck `deck_id`: its top-level table, under the deck's."""
    deck = decks.get(deck_id) if deck_id is not None else None
    settings = dict(tables.get(name, {}))
    where = name
    if deck is not None and name in deck.settings:
        settings.update(deck.settings[name])
        where = f"decks.{deck_id}.{name}"
    return Choice(name, settings, where)
