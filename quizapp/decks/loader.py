"""Loading deck files: one file (`load_deck`) or many files and folders (`load_decks`).

A file with errors gives no deck but never an exception: its problems are returned and the
other decks still load. Unchanged files come from the JSON cache (see `cache`), and then
PyYAML and the validator are not even imported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.decks import cache as deck_cache
from quizapp.decks.problems import Problem
from quizapp.gcpause import gc_paused
from quizapp.model import Deck

if TYPE_CHECKING:
    from quizapp.decks.schema import SpecChecker

DECK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """One file's deck (None when it has errors) and its problems, errors and warnings."""

    deck: Deck | None
    problems: list[Problem]
    #: 1-based line and column of the file's `deck:` id (0 when unknown): where a clash of deck
    #: ids between files is reported.
    deck_line: int = 0
    deck_col: int = 0


@dataclass(frozen=True, slots=True)
class DeckSet:
    """The decks of several files and folders, and the problems of all of them."""

    decks: list[Deck]
    problems: list[Problem] = field(default_factory=list)


@cache
def spec_checker() -> SpecChecker | None:
    """The exercise registry's `check_spec`, if quizapp.exercises provides one.

    Imported on first use: the registry brings numpy, which only exercise cards need.
    """
    try:
        from quizapp.exercises.registry import check_spec
    except ImportError:
        return None
    return check_spec


def parse_deck(
    data: bytes, path: str, digest: str | None = None, *, check_exercises: bool = True
) -> deck_cache.Entry:
    """Validate a deck file's bytes; `path` is only used in the problems and `Deck.path`.

    `check_exercises=False` leaves exercise cards' specs unchecked (as when the registry is
    missing): for a caller that needs only which decks there are, not numpy's import.
    """
    # Imported here, not at the top: a start-up whose decks all come from the cache needs
    # neither PyYAML nor the validator's patterns (about 20 ms of the home screen's counts).
    from quizapp.decks.schema import DeckValidator
    from quizapp.decks.yamltree import compose, decode

    digest = digest or hashlib.sha256(data).hexdigest()
    text, problems = decode(data, path)
    if text is None:
        return deck_cache.Entry(None, tuple(problems), (0, 0), "none")
    root, problems = compose(text, path)
    validator = DeckValidator(path, spec_checker() if check_exercises else None)
    if root is None and problems:  # a syntax error: nothing more can be said
        return deck_cache.Entry(None, tuple(problems), (0, 0), "none")
    validator.problems = problems
    validator.errors = sum(1 for p in problems if p.severity == "error")
    deck = validator.deck(root, digest)
    if deck is not None:
        deck = replace(deck, path=path)
    exercises = (
        "unchecked"
        if validator.exercises_unchecked
        else ("checked" if validator.exercises_checked else "none")
    )
    # In file order, as docs/decks.md shows them: a clash between cards is found after the
    # second card's own problems, and the YAML reader's come before the validator's.
    problems = sorted(validator.problems, key=lambda p: (p.line, p.col))
    return deck_cache.Entry(deck, tuple(problems), validator.deck_at, exercises)


def load_deck(
    path: Path, *, cache_dir: Path | None = None, check_exercises: bool = True
) -> LoadResult:
    """Read and validate one deck file; with `cache_dir`, unchanged bytes are not parsed again
    (`check_exercises`: see `parse_deck`)."""
    name = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return LoadResult(None, [Problem(name, 0, 0, "error", "this is a folder, not a deck file")])
    except FileNotFoundError:
        return LoadResult(None, [Problem(name, 0, 0, "error", "no such file")])
    except OSError as exc:
        return LoadResult(
            None, [Problem(name, 0, 0, "error", f"cannot read the file: {exc.strerror or exc}")]
        )
    entry = None
    digest = hashlib.sha256(data).hexdigest()
    with gc_paused():
        if cache_dir is not None:
            entry = deck_cache.read(cache_dir, digest, name)
            unchecked = entry is not None and entry.exercises == "unchecked"
            if unchecked and check_exercises and spec_checker():
                entry = None  # validated before the exercise registry existed (or without it)
        if entry is None:
            entry = parse_deck(data, name, digest, check_exercises=check_exercises)
            if cache_dir is not None:
                deck_cache.write(cache_dir, digest, entry)
    return LoadResult(entry.deck, list(entry.problems), *entry.deck_at)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def deck_files(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The deck files named by `paths`: files as given, folders searched (sorted, recursive).

    Hidden files and folders (a name starting with '.') inside a folder are skipped, and a file
    named twice is loaded once.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        try:
            key = file.resolve()
        except OSError:
            key = file
        if key not in seen:
            seen.add(key)
            files.append(file)

    for path in paths:
        if path.is_dir():
            try:
                found = sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in DECK_SUFFIXES and p.is_file() and not _hidden(p, path)
                )
            except OSError as exc:
                problems.append(
                    Problem(str(path), 0, 0, "error", f"cannot list the folder: {exc.strerror}")
                )
                continue
            for file in found:
                add(file)
        elif path.exists():
            add(path)
        else:
            problems.append(
                Problem(str(path), 0, 0, "error", "no such file or folder", "check the path")
            )
    return files, problems


def load_decks(
    paths: Sequence[Path], *, cache_dir: Path | None = None, check_exercises: bool = True
) -> DeckSet:
    """Load every deck in `paths` (files or folders); a deck id used twice keeps the first
    (`check_exercises`: see `parse_deck`)."""
    files, problems = deck_files(paths)
    decks: list[Deck] = []
    first: dict[str, Deck] = {}
    for file in files:
        result = load_deck(file, cache_dir=cache_dir, check_exercises=check_exercises)
        problems.extend(result.problems)
        deck = result.deck
        if deck is None:
            continue
        if deck.id in first:
            problems.append(
                Problem(
                    deck.path,
                    result.deck_line,
                    result.deck_col,
                    "error",
                    f"deck id '{deck.id}' is already used by {first[deck.id].path}",
                    "every deck file needs its own deck id; this file was skipped",
                )
            )
            continue
        first[deck.id] = deck
        decks.append(deck)
    return DeckSet(decks, problems)
