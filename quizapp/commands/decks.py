"""`quizapp decks [PATH ...]`: the decks quizapp finds, with their files and card counts.

It looks where studying looks: the bundled decks (unless the config turns them off), the
config's `deck_folders`, and any PATH given. Decks that fail to load are listed with their first
error, so a missing deck is never a mystery.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.config import Config


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="more deck files or folders")


def deck_sources(extra: list[str]) -> list[Path]:
    """Bundled decks (unless switched off), configured folders, the user's folder, then PATHs."""
    from quizapp import config

    return config.deck_sources(config.load(), [Path(p) for p in extra])


def options_text(settings: Config, deck_id: str, from_file: str | None) -> str:
    """A deck's effective options in one line."""
    options = settings.deck_options(deck_id)
    reviews = (
        f"{settings.reviews_per_day} reviews/day over all decks"
        if options.reviews_per_day is None
        else f"{options.reviews_per_day} reviews/day"
    )
    siblings = "siblings buried" if options.bury_siblings else "siblings not buried"
    return " · ".join(
        (
            f"scheduler {settings.scheduler_of(deck_id, from_file).name}",
            f"{options.new_per_day} new/day",
            reviews,
            f"leech at {options.leech_threshold} lapses ({options.leech_action})",
            siblings,
        )
    )


def run(args: argparse.Namespace) -> int:

    from quizapp import config as config_module
    from quizapp import paths
    from quizapp.config import ConfigError
    from quizapp.textsafe import printable

    try:
        settings = config_module.load()
        sources = config_module.deck_sources(settings, [Path(p) for p in args.paths])
    except ConfigError as exc:
        print(f"quizapp decks: error: {exc}", file=sys.stderr)
        return 1
    missing = [s for s in sources if not s.exists()]
    for source in missing:
        print(
            f"quizapp decks: warning: {printable(str(source))}: no such file or folder",
            file=sys.stderr,
        )
    from quizapp.decks import load_decks

    found = load_decks([s for s in sources if s.exists()], cache_dir=paths.cache_dir())
    rows = [
        (
            printable(deck.id),
            str(len(deck.cards)),
            str(len(deck.prompts())),
            printable(deck.title),
            printable(deck.path),
        )
        for deck in sorted(found.decks, key=lambda d: d.id)
    ]
    if rows:
        heads = ("DECK", "CARDS", "PROMPTS", "TITLE", "PATH")
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads[:4])]
        print("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=False)) + "  PATH")
        for row in rows:
            cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].rjust(widths[2])]
            print("  ".join([*cells, row[3].ljust(widths[3]), row[4]]))
        print("\nOptions (config.toml's [decks.ID] tables over its top-level settings):")
        for deck in sorted(found.decks, key=lambda d: d.id):
            options = options_text(settings, deck.id, deck.scheduler)
            print(printable(f"  {deck.id}: {options}"))
    else:
        print("No decks found. Start one with `quizapp new FILE` or `quizapp import FILE`.")
    errors = [p for p in found.problems if p.severity == "error"]
    if errors:
        broken = sorted({p.path for p in errors})
        print(f"\n{len(broken)} deck file(s) not loaded (run `quizapp check` on them):")
        for path in broken:
            first = next(p for p in errors if p.path == path)
            print(f"  {printable(str(first))}")
    print(f"\n{len(rows)} deck(s), {sum(int(r[1]) for r in rows)} card(s)")
    return 0
