"""`quizapp import FILE [--to FOLDER]`: Anki packages and CSV/TSV files into YAML decks.

Writes one deck file per imported deck (default folder: the user's deck folder), prints what it
wrote, and lists everything it could not convert. A damaged or hostile file writes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_PACKAGE_SUFFIXES = (".apkg", ".colpkg")
_TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="an Anki .apkg/.colpkg, or a .csv/.tsv/.txt")
    parser.add_argument(
        "--to", metavar="FOLDER", help="where to write the decks (default: your deck folder)"
    )
    parser.add_argument("--force", action="store_true", help="replace deck files that exist")
    parser.add_argument("--deck-id", help="CSV/TSV: the new deck's id (default: from the name)")
    parser.add_argument("--title", help="CSV/TSV: the new deck's title (default: from the name)")
    parser.add_argument(
        "--max-size",
        metavar="SIZE",
        type=_size,
        help="the most the file may expand to, all its parts together (default: 2G; "
        "K, M and G suffixes are 1024-based)",
    )

    parser.add_argument(
        "--max-seconds",
        metavar="SECONDS",
        type=float,
        help="the most seconds reading an Anki package's collection may take (default: 30)",
    )


_UNITS = {"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "m": 1 << 20, "mb": 1 << 20}
_UNITS |= {"g": 1 << 30, "gb": 1 << 30, "t": 1 << 40, "tb": 1 << 40}


def _size(text: str) -> int:
    """A byte count such as ``2G``, ``500M`` or ``1048576``."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 500M or 4G)")
    return int(float(match.group(1)) * _UNITS[unit])


def run(args: argparse.Namespace) -> int:
    from quizapp.gcpause import gc_paused

    # An import builds a few objects per card and keeps them all until it ends: collections
    # would only scan them again and again (a tenth of a 100,000-row import), and nothing it
    # makes is cyclic garbage worth collecting before the command ends.
    with gc_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from quizapp import paths
    from quizapp.commands.new import deck_id_from_name
    from quizapp.decks.edit import make_card_id
    from quizapp.interchange.errors import InterchangeError
    from quizapp.interchange.imported import write_decks

    source = Path(args.file)
    folder = Path(args.to) if args.to else paths.user_decks_dir()
    notes: list[str] = []
    try:
        if args.deck_id is not None:
            check_deck_id(args.deck_id)
        in_use = deck_ids_in_use(folder)
        if not source.is_file():
            raise InterchangeError(f"{source}: no such file")
        with source.open("rb") as handle:
            is_zip = handle.read(4) == b"PK\x03\x04"
        suffix = source.suffix.lower()
        if suffix in _PACKAGE_SUFFIXES or (is_zip and suffix not in _TEXT_SUFFIXES):
            from quizapp.interchange.apkg import read_package
            from quizapp.interchange.safezip import Limits

            limits = Limits.with_total(args.max_size) if args.max_size else Limits()
            if args.max_seconds is not None:
                limits = dataclasses.replace(limits, query_seconds=max(0.0, args.max_seconds))
            result = read_package(source, limits, reserved=in_use.keys())
            for deck in result.decks:
                wanted = make_card_id(deck.title.replace("::", " "), (), max_length=60)
                if wanted in in_use and deck.deck_id != wanted:
                    notes.append(_renamed(wanted, deck.deck_id, in_use[wanted]))
        else:
            from quizapp.interchange.text import read_text_file

            deck_id = args.deck_id or deck_id_from_name(source.stem).lower()
            if deck_id in in_use:
                if args.deck_id:
                    raise InterchangeError(
                        f"deck id {deck_id!r} is already the deck of {in_use[deck_id]}: "
                        "two deck files may not share an id; choose another with --deck-id"
                    )
                taken_id, deck_id = deck_id, make_card_id(deck_id, in_use.keys())
                notes.append(_renamed(taken_id, deck_id, in_use[taken_id]))
            title = args.title or source.stem.replace("_", " ").replace("-", " ").strip()
            with progress_bar(f"Reading {source.name}") as progress:
                result = read_text_file(
                    source,
                    deck_id=deck_id,
                    title=title or deck_id,
                    reserved=in_use.keys(),
                    progress=progress,
                )
        try:
            written = write_decks(result, folder, force=args.force)
        finally:
            result.discard()
    except InterchangeError as exc:
        print(f"quizapp import: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # the command's boundary: a message, never a traceback
        # `write_decks` puts the folder back as it was on any exception, so nothing was written.
        print(f"quizapp import: error: {unexpected(exc)}", file=sys.stderr)
        return 1
    for deck, path in zip(result.decks, written, strict=True):
        media = f", {len(deck.media)} media file(s) in {deck.media_folder}/" if deck.media else ""
        print(f"Wrote {path}: deck {deck.deck_id!r}, {len(deck.cards)} card(s){media}")
    for remark in [*notes, *result.remarks]:
        print(f"Note: {remark}")
    if result.skipped:
        print(f"Not converted ({len(result.skipped)}):")
        for line in result.skipped:
            print(f"  {line}")
    if folder.resolve() != paths.user_decks_dir().resolve():
        print(f"To study them: quizapp review {folder} (or add {folder} to deck_folders)")
    return 0


def unexpected(exc: BaseException) -> str:
    """One line for an error no reader foresaw: what it was, that nothing was written, and what
    to do."""
    what = " ".join(str(exc).split())[:300] or "no details"
    return (
        f"the import failed unexpectedly ({type(exc).__name__}: {what}); nothing was written. "
        "Please report this with the file if you can share it"
    )


#: Seconds an import runs before it shows a progress bar (a quick one shows none).
PROGRESS_AFTER = 1.0


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A `progress(done, total)` callback that draws a bar on stderr, when stderr is a terminal
    and the work has taken over `PROGRESS_AFTER` seconds; the bar goes away when done."""
    import time

    from quizapp.textsafe import raw

    stream = raw(sys.stderr)
    started = time.monotonic()
    bar: Any = None
    task: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            if not stream.isatty() or time.monotonic() - started < PROGRESS_AFTER:
                return
            from rich.console import Console
            from rich.progress import Progress

            bar = Progress(console=Console(file=stream), transient=True)
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.stop()


def check_deck_id(deck_id: str) -> None:
    """Refuse a `--deck-id` that `quizapp check` would refuse (it also names the deck's file)."""
    from quizapp.commands.deck_ids import deck_id_length_problem, id_limits
    from quizapp.decks.ids import id_problem
    from quizapp.interchange.errors import InterchangeError

    problem = id_problem(deck_id, "deck id")
    if problem is not None:
        message, hint = problem
        raise InterchangeError(f"--deck-id: {message}" + (f" ({hint})" if hint else ""))
    too_long = deck_id_length_problem(deck_id, id_limits())
    if too_long is not None:
        raise InterchangeError(f"--deck-id: {too_long}; choose a shorter one")


def deck_ids_in_use(folder: Path) -> dict[str, Path]:
    """deck id -> file, for the decks the learner studies (and those in `folder`).

    An imported deck may not take one of these ids (the loader would skip one of the two files),
    except the id of the very file the import would replace (`--force`). Exercise cards' specs
    are not checked here (that would import numpy, half a second): a deck that fails only on
    those still reserves its id, which errs on the safe side.
    """
    from quizapp import config as config_module
    from quizapp import paths
    from quizapp.decks import load_decks
    from quizapp.interchange.errors import InterchangeError

    try:
        config = config_module.load()
    except config_module.ConfigError as error:
        raise InterchangeError(str(error)) from None
    extra = [folder] if folder.is_dir() else []
    sources = config_module.deck_sources(config, extra)
    decks = load_decks(sources, cache_dir=paths.cache_dir(), check_exercises=False)
    return {
        deck.id: Path(deck.path)
        for deck in decks.decks
        if deck.path and Path(deck.path).resolve() != (folder / f"{deck.id}.yaml").resolve()
    }


def _renamed(wanted: str, given: str, holder: Path) -> str:
    return f"deck id {wanted!r} is already the deck of {holder}: imported as {given!r} instead"
