"""`quizapp import FILE [--to FOLDER]`: Anki packages and CSV/TSV files into YAML decks.

Writes one deck file per imported deck (default folder: the user's deck folder), prints what it
wrote, and lists everything it could not convert. A damaged or hostile file writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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


def run(args: argparse.Namespace) -> int:
    from quizapp import paths
    from quizapp.commands.new import deck_id_from_name
    from quizapp.interchange.errors import InterchangeError
    from quizapp.interchange.imported import write_decks

    source = Path(args.file)
    folder = Path(args.to) if args.to else paths.user_decks_dir()
    try:
        if not source.is_file():
            raise InterchangeError(f"{source}: no such file")
        with source.open("rb") as handle:
            is_zip = handle.read(4) == b"PK\x03\x04"
        suffix = source.suffix.lower()
        if suffix in _PACKAGE_SUFFIXES or (is_zip and suffix not in _TEXT_SUFFIXES):
            from quizapp.interchange.apkg import read_package

            result = read_package(source)
        else:
            from quizapp.interchange.text import read_text_file

            deck_id = args.deck_id or deck_id_from_name(source.stem).lower()
            title = args.title or source.stem.replace("_", " ").replace("-", " ").strip()
            result = read_text_file(source, deck_id=deck_id, title=title or deck_id)
        written = write_decks(result, folder, force=args.force)
    except InterchangeError as exc:
        print(f"quizapp import: error: {exc}", file=sys.stderr)
        return 1
    for deck, path in zip(result.decks, written, strict=True):
        media = f", {len(deck.media)} media file(s) in {deck.media_folder}/" if deck.media else ""
        print(f"Wrote {path}: deck {deck.deck_id!r}, {len(deck.cards)} card(s){media}")
    for remark in result.remarks:
        print(f"Note: {remark}")
    if result.skipped:
        print(f"Not converted ({len(result.skipped)}):")
        for line in result.skipped:
            print(f"  {line}")
    if folder.resolve() != paths.user_decks_dir().resolve():
        print(f"To study them: quizapp review {folder} (or add {folder} to deck_folders)")
    return 0
