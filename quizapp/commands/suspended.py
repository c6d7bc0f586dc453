"""`quizapp suspended`: list the suspended cards, and bring them back with `--unsuspend`.

Suspending (`s` in the study app) sets a card aside for good; this is the way back. A card keeps
all its progress while suspended.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deck", metavar="ID", help="only this deck (by its `deck:` id)")
    parser.add_argument(
        "--unsuspend",
        action="append",
        default=[],
        metavar="DECK/KEY",
        help="bring a card back, named as the list shows it (repeat for several), or 'all'",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="more deck files or folders"
    )


def run(args: argparse.Namespace) -> int:
    from quizapp.commands.opening import open_collection
    from quizapp.store import StoreError

    collection = open_collection(args.paths, args.db)
    if isinstance(collection, int):
        return collection
    try:
        known = {deck.id for deck in collection.decks}
        if args.deck is not None and args.deck not in known:
            names = ", ".join(sorted(known))
            print(
                f"quizapp suspended: no deck with id {args.deck} (known: {names})", file=sys.stderr
            )
            return 2
        cards = collection.suspended_cards(args.deck)
        if args.unsuspend:
            wanted = (
                {(c.deck_id, c.key) for c in cards}
                if "all" in args.unsuspend
                else {tuple(name.split("/", 1)) for name in args.unsuspend}
            )
            listed = {(c.deck_id, c.key) for c in cards}
            unknown = sorted("/".join(name) for name in wanted - listed)
            if unknown:
                print(
                    f"quizapp suspended: not a suspended card: {', '.join(unknown)}"
                    " (run `quizapp suspended` to list them)",
                    file=sys.stderr,
                )
                return 2
            for deck_id, key in sorted(wanted):
                collection.unsuspend(deck_id, key)
                print(f"unsuspended {deck_id}/{key}")
            return 0
        if not cards:
            print("No suspended cards.")
            return 0
        for card in cards:
            front = card.prompt.card.front or card.prompt.card.text or card.prompt.card.id
            print(f"{card.deck_id}/{card.key}\t{_one_line(front)}")
        print(
            f"{len(cards)} suspended; bring one back with: quizapp suspended --unsuspend DECK/KEY"
        )
        return 0
    except StoreError as error:  # e.g. an unsuspend the database refused: nothing half-done
        print(f"quizapp suspended: {error}", file=sys.stderr)
        return 1
    finally:
        collection.close()


def _one_line(text: str, width: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"
