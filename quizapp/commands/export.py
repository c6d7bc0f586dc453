"""`quizapp export DECK_FILE --to OUT`: a deck to an Anki .apkg or a CSV/TSV file (by OUT's
extension). Cards Anki cannot hold (computed exercises) are listed, not silently dropped."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("deck_file", metavar="DECK_FILE", help="the deck file to export")
    parser.add_argument(
        "--to", metavar="OUT", required=True, help="the file to write: *.apkg, *.csv or *.tsv"
    )
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")


def run(args: argparse.Namespace) -> int:

    from quizapp.interchange.errors import InterchangeError

    source, out = Path(args.deck_file), Path(args.to)
    suffix = out.suffix.lower()
    if suffix not in (".apkg", ".csv", ".tsv", ".txt"):
        print(
            f"quizapp export: error: {out}: write to a .apkg (Anki), .csv or .tsv file",
            file=sys.stderr,
        )
        return 2
    if out.exists() and not args.force:
        print(f"quizapp export: error: {out} exists already; pass --force to replace it",
              file=sys.stderr)  # fmt: skip
        return 1
    from quizapp.decks import load_deck

    result = load_deck(source)
    errors = [p for p in result.problems if p.severity == "error"]
    if result.deck is None or errors:
        for problem in errors:
            print(problem, file=sys.stderr)
        print(
            f"quizapp export: error: {source} has errors; fix them (`quizapp check {source}`)",
            file=sys.stderr,
        )
        return 1
    try:
        if suffix == ".apkg":
            try:
                from quizapp.interchange.export import export_apkg
            except ImportError:  # pragma: no cover - genanki is a declared dependency
                print("quizapp export: error: .apkg export needs genanki", file=sys.stderr)
                return 1
            skipped = export_apkg(result.deck, out)
        else:
            from quizapp.interchange.export import export_text

            skipped = export_text(result.deck, out)
    except InterchangeError as exc:
        print(f"quizapp export: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"quizapp export: error: cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    exported = len(result.deck.cards) - len(skipped)
    print(f"Wrote {out}: {exported} card(s) of deck {result.deck.id!r}")
    if skipped:
        print(f"Not exported ({len(skipped)}):")
        for line in skipped:
            print(f"  {line}")
    return 0
