"""Validated decks cached as JSON, keyed by the sha256 of the deck file's bytes.

Parsing a 10,000-card deck takes about half a second even with the C parser, so a start-up with
unchanged files reads the validated result back instead. JSON, never pickle: the cache sits in a
user-writable folder and must stay data. An entry records the loader's format version and
quizapp's version, so an upgrade that changes the rules validates afresh; an entry that cannot be
read is treated as missing. Entries not used for `MAX_AGE_DAYS` are pruned when a new one is
written.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from quizapp import __version__
from quizapp.decks.problems import Problem
from quizapp.model import Card, CardKind, Deck, ExerciseSpec

#: Bump when the loader's rules or the entry layout change.
FORMAT = 5
MAX_AGE_DAYS = 60

_KINDS = {kind.value: kind for kind in CardKind}


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """What the loader learnt from one file's bytes (no path: the same bytes may sit anywhere)."""

    deck: Deck | None
    problems: tuple[Problem, ...]
    #: Line and column of the `deck:` id, (0, 0) when unknown.
    deck_at: tuple[int, int]
    #: "checked": exercise cards went through the exercise registry; "unchecked": the registry
    #: was missing, so the entry is stale once it exists; "none": the deck has no exercise card.
    exercises: str


def entry_path(cache_dir: Path, digest: str) -> Path:
    return cache_dir / f"deck-{digest}.json"


# A card is stored as a list of its fields in `_FIELDS` order, not as an object: key names
# repeated 10,000 times make the JSON bigger and slower to read, and a warm start has ~100 ms.
_FIELDS = tuple(f.name for f in dataclasses.fields(Card))
#: Entries written with another field list (the model changed) are not read back.
_LAYOUT = ",".join(_FIELDS)
_KIND = _FIELDS.index("kind")
_EXERCISE = _FIELDS.index("exercise")
_TUPLES = tuple(i for i, f in enumerate(dataclasses.fields(Card)) if f.default == ())
#: Each field's slot setter. A frozen dataclass's __init__ sets every field through
#: object.__setattr__, which is twice as slow as the slot descriptors; the values read back were
#: validated when the entry was written, so nothing is skipped by not calling __init__.
_SETTERS = tuple(getattr(Card, name).__set__ for name in _FIELDS)


def _card_to_json(card: Card) -> list[Any]:
    row: list[Any] = [getattr(card, name) for name in _FIELDS]
    row[_KIND] = card.kind.value
    spec = card.exercise
    if spec is not None:
        row[_EXERCISE] = [
            spec.generator,
            dict(spec.params),
            list(spec.ask),
            spec.rel_tol,
            spec.abs_tol,
        ]
    return row


def _card_from_json(row: list[Any]) -> Card:
    if len(row) != len(_FIELDS):
        raise ValueError("a card row of another layout")
    row[_KIND] = _KINDS[row[_KIND]]
    for index in _TUPLES:
        row[index] = tuple(row[index]) if row[index] else ()
    exercise = row[_EXERCISE]
    if exercise is not None:
        generator, params, ask, rel_tol, abs_tol = exercise
        row[_EXERCISE] = ExerciseSpec(generator, params, tuple(ask), rel_tol, abs_tol)
    card: Card = object.__new__(Card)
    for setter, value in zip(_SETTERS, row, strict=True):
        setter(card, value)
    return card


def _encode(entry: Entry) -> str:
    deck = entry.deck
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": __version__,
        "layout": _LAYOUT,
        "exercises": entry.exercises,
        "deck_at": list(entry.deck_at),
        "problems": [[p.line, p.col, p.severity, p.message, p.hint] for p in entry.problems],
        "deck": None
        if deck is None
        else {
            "id": deck.id,
            "title": deck.title,
            "description": deck.description,
            "tags": list(deck.tags),
            "scheduler": deck.scheduler,
            "content_hash": deck.content_hash,
            "cards": [_card_to_json(card) for card in deck.cards],
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _decode(text: str, path: str) -> Entry | None:
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("version") != __version__ or data.get("layout") != _LAYOUT:
        return None
    deck_data: Mapping[str, Any] | None = data["deck"]
    deck = None
    if deck_data is not None:
        deck = Deck(
            id=deck_data["id"],
            title=deck_data["title"],
            cards=tuple([_card_from_json(card) for card in deck_data["cards"]]),
            description=deck_data["description"],
            tags=tuple(deck_data["tags"]),
            scheduler=deck_data["scheduler"],
            path=path,
            content_hash=deck_data["content_hash"],
        )
    problems = tuple(
        Problem(path, line, col, severity, message, hint)
        for line, col, severity, message, hint in data["problems"]
    )
    line, col = data["deck_at"]
    return Entry(deck, problems, (int(line), int(col)), str(data["exercises"]))


def read(cache_dir: Path, digest: str, path: str) -> Entry | None:
    """The cached entry for these file bytes, with `path` filled in; None when there is none."""
    target = entry_path(cache_dir, digest)
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        entry = _decode(text, path)
    except (ValueError, KeyError, TypeError, IndexError):
        return None  # damaged or foreign: validate afresh (and overwrite it)
    if entry is not None:
        with contextlib.suppress(OSError):
            os.utime(target)  # recently used: not pruned
    return entry


def write(cache_dir: Path, digest: str, entry: Entry) -> None:
    """Store an entry (temp file + rename, so a reader never sees half of one).

    A cache that cannot be written (read-only folder, full disk) only costs speed, so failures
    are ignored.
    """
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".deck-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(_encode(entry))
        os.replace(tmp, entry_path(cache_dir, digest))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    _prune(cache_dir)


def _prune(cache_dir: Path) -> None:
    cutoff = time.time() - MAX_AGE_DAYS * 86_400
    with contextlib.suppress(OSError):
        for old in cache_dir.glob("deck-*.json"):
            with contextlib.suppress(OSError):
                if old.stat().st_mtime < cutoff:
                    old.unlink()
