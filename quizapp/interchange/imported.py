"""What an import produces before anything touches the disk, and writing it out all at once.

Readers (`apkg`, `text`) turn a foreign file into `ImportedDeck`s in memory, listing what they
could not convert; `write_decks` then validates every deck with the loader and writes the deck
files and their media through a staging folder, so an error at any point leaves the target
folder as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.interchange.errors import InterchangeError

if TYPE_CHECKING:
    from quizapp.interchange.yamlfast import Rendered


@dataclass(slots=True)
class ImportedDeck:
    """One deck to write: its id and title, its cards as plain field mappings, its media."""

    deck_id: str
    title: str
    cards: list[dict[str, object]] = field(default_factory=list)
    description: str = ""
    #: File name inside the deck's media folder -> the file, staged on disk by the reader.
    media: dict[str, Path] = field(default_factory=dict)
    #: The line of the source file each card came from (a CSV row's first line), for the
    #: problems of a card; empty when the reader does not know them.
    rows: list[int] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return f"{self.deck_id}.yaml"

    @property
    def media_folder(self) -> str:
        """The media folder's name, beside the deck file (card text refers to it relatively)."""
        return f"{self.deck_id}-media"


@dataclass(slots=True)
class ImportResult:
    source: str
    decks: list[ImportedDeck] = field(default_factory=list)
    #: What could not be converted, one line each (shown to the learner, never dropped).
    skipped: list[str] = field(default_factory=list)
    #: Other things worth knowing (e.g. sounds kept as links).
    remarks: list[str] = field(default_factory=list)
    #: A temporary folder holding the staged media, owned by this result (see `discard`).
    staging: Path | None = None

    def discard(self) -> None:
        """Remove the staged media the reader wrote (after `write_decks`, or on giving up)."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


def render_deck(deck: ImportedDeck, source: str) -> str:
    """The deck file's text: a header comment, the deck fields, then the cards."""
    head, cards = _render(deck, source)
    return head + cards.text


def _render(deck: ImportedDeck, source: str) -> tuple[str, Rendered]:
    """The deck file's text up to ``cards:``, and its cards (card by card)."""
    import yaml

    from quizapp.gcpause import gc_paused
    from quizapp.interchange.yamlfast import render_cards

    header: dict[str, object] = {"deck": deck.deck_id, "title": deck.title}
    if deck.description:
        header["description"] = deck.description
    head = yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=1_000_000)
    head = f"# Imported by `quizapp import` from {Path(source).name}.\n{head}cards:\n"
    first_line = head.count("\n") + 1
    with gc_paused():  # a string or two per value, none of them garbage
        cards = render_cards(deck.cards, dash_col=2, item_col=4, first_line=first_line)
    return head, cards


def planned_paths(result: ImportResult, folder: Path) -> list[Path]:
    paths: list[Path] = []
    for deck in result.decks:
        paths.append(folder / deck.file_name)
        if deck.media:
            paths.append(folder / deck.media_folder)
    return paths


def write_decks(result: ImportResult, folder: Path, *, force: bool = False) -> list[Path]:
    """Write every deck of `result` into `folder` (created if need be); all or nothing.

    Refuses to replace an existing deck file unless `force`. Every deck file and media folder
    is first complete in a staging folder inside `folder`; then each goes into place by rename,
    the file or folder it replaces set aside until all are in place (and put back if a rename
    fails), so `folder` ends with all the new decks or with what it held before, never a mix.
    Returns the deck files written.
    """
    from quizapp.decks.yamltree import MAX_BYTES as DECK_MAX_BYTES
    from quizapp.interchange.card_check import deck_errors

    if not result.decks:
        raise InterchangeError(f"{result.source}: nothing to import (no card could be converted)")
    seen: set[str] = set()
    texts: dict[str, str] = {}
    for deck in result.decks:
        if deck.deck_id in seen:
            raise InterchangeError(f"{result.source}: two decks would both be {deck.file_name}")
        seen.add(deck.deck_id)
        head, cards = _render(deck, result.source)
        text = head + cards.text
        if len(text.encode("utf-8")) > DECK_MAX_BYTES:
            raise InterchangeError(
                f"{result.source}: the deck {deck.file_name} would be over "
                f"{DECK_MAX_BYTES // (1 << 20)} MB, the most a deck file may be; split the "
                "file and import the parts"
            )
        errors = deck_errors(deck.file_name, head, cards, deck.rows, result.source)
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise InterchangeError(
                f"{result.source}: the deck {deck.file_name} made of it would not load, so "
                f"nothing was written; fix this and import again: {errors[0]}{more}"
            )
        texts[deck.deck_id] = text
    if not force:
        existing = [p for p in (folder / d.file_name for d in result.decks) if p.exists()]
        if existing:
            raise InterchangeError(
                f"{existing[0]} exists already; import into another folder with --to, "
                "or pass --force to replace it"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".quizapp-import-", dir=folder))
    except OSError as exc:
        raise InterchangeError(f"{folder}: cannot write there: {exc.strerror}") from None
    placed: list[tuple[Path, Path | None]] = []  # (final path, what it replaced, set aside)
    try:
        moves: list[tuple[Path, Path]] = []
        for deck in result.decks:
            if deck.media:
                media = staging / deck.media_folder
                media.mkdir()
                for name, file in deck.media.items():
                    shutil.move(file, media / name)  # a rename when on the same disk
                moves.append((media, folder / deck.media_folder))
            deck_file = staging / deck.file_name
            with deck_file.open("w", encoding="utf-8") as handle:
                handle.write(texts[deck.deck_id])
                handle.flush()
                os.fsync(handle.fileno())
            moves.append((deck_file, folder / deck.file_name))
        # Everything is staged and complete; now swap it into place (renames within `folder`).
        aside = staging / ".replaced"
        aside.mkdir()
        for number, (staged, final) in enumerate(moves):
            old = None
            if final.exists() or final.is_symlink():
                old = aside / f"{number}-{final.name}"
                os.replace(final, old)
            placed.append((final, old))
            os.replace(staged, final)
    except OSError as exc:
        _put_back(placed)
        raise InterchangeError(
            f"{folder}: writing the imported decks failed ({exc.strerror or exc}); "
            "the folder is as it was"
        ) from None
    except BaseException:
        _put_back(placed)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / deck.file_name for deck in result.decks]


def _put_back(placed: list[tuple[Path, Path | None]]) -> None:
    """Undo the renames of a failed import: the new files go, the replaced ones come back."""
    for final, old in reversed(placed):
        try:
            if final.is_dir() and not final.is_symlink():
                shutil.rmtree(final)
            elif final.exists() or final.is_symlink():
                final.unlink()
            if old is not None:
                os.replace(old, final)
        except OSError:
            continue
