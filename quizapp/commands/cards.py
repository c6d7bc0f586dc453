"""`quizapp cards [QUERY]`: list the prompts a search selects, and act on them.

One row per scheduled prompt (a reverse card's two directions are two rows): deck, card,
prompt, kind, tags, state, due, interval, lapses, reviews and file:line; `--json` prints the
rows as a JSON array of objects. `--suspend`, `--unsuspend`, `--bury`, `--unbury`, `--reset`
and `--set-due N` change what the query selects, each logged as one card event that `--undo`
takes back. The query language is in docs/search.md. Every text from a deck file or the store
reaches the terminal with its control characters escaped.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.session.browse import SearchRow

#: flag -> (action, the past tense the summary uses)
ACTION_FLAGS = {
    "suspend": ("suspend", "suspended"),
    "unsuspend": ("unsuspend", "unsuspended"),
    "bury": ("bury", "buried until tomorrow"),
    "unbury": ("unbury", "unburied"),
    "reset": ("reset", "reset to new (their history kept)"),
}
#: The table's columns: (heading, widest cells before the text is cut).
COLUMNS = (
    ("deck", 20),
    ("card", 24),
    ("prompt", 44),
    ("kind", 8),
    ("tags", 24),
    ("state", 9),
    ("due", 10),
    ("ivl", 6),
    ("lapses", 6),
    ("reviews", 7),
    ("where", 40),
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="?",
        default="",
        metavar="QUERY",
        help=(
            "which cards (e.g. 'tag:adam is:due', 'deck:optimizers -is:new'; none: every card; "
            "a query that starts with '-' goes after '--': quizapp cards -- -is:new); "
            "the language: docs/search.md"
        ),
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array of objects")
    parser.add_argument(
        "--path",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="more deck files or folders (repeat for several)",
    )
    actions = parser.add_argument_group("actions", "change the cards the query selects (one)")
    chosen = actions.add_mutually_exclusive_group()
    for flag in ACTION_FLAGS:
        chosen.add_argument(f"--{flag}", action="store_true", help=f"{flag} them")
    chosen.add_argument(
        "--set-due",
        type=int,
        metavar="DAYS",
        help="make them due DAYS days from today (0: today); new cards stay new",
    )
    chosen.add_argument(
        "--undo", action="store_true", help="take back the last change made with these actions"
    )


def run(args: argparse.Namespace) -> int:
    from quizapp.commands.opening import open_collection
    from quizapp.search import QueryError
    from quizapp.store import StoreError

    action = _action(args)
    if action is not None and action != "undo" and not args.query.strip():
        print(
            "quizapp cards: an action needs a QUERY saying which cards (every card: 'deck:*')",
            file=sys.stderr,
        )
        return 2
    if action == "undo" and args.query.strip():
        print(
            "quizapp cards: --undo takes back the last change; it takes no QUERY", file=sys.stderr
        )
        return 2
    missing = [path for path in args.path if not path.exists()]
    if missing:
        print(
            f"quizapp cards: {_printable(str(missing[0]))}: no such file or folder", file=sys.stderr
        )
        return 2
    collection = open_collection(args.path, args.db)
    if isinstance(collection, int):
        return collection
    try:
        if action == "undo":
            return _undo(collection, as_json=args.json)
        try:
            rows = collection.search(args.query)
        except QueryError as error:
            print(f"quizapp cards: {error}", file=sys.stderr)
            return 2
        if action is None:
            try:
                _show(rows, as_json=args.json)
            except BrokenPipeError:  # `quizapp cards | head`: the reader has had enough
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        return _change(collection, rows, action, days=args.set_due, as_json=args.json)
    except StoreError as error:
        print(f"quizapp: {error}", file=sys.stderr)
        return 1
    finally:
        collection.close()


def _action(args: argparse.Namespace) -> str | None:
    if args.undo:
        return "undo"
    if args.set_due is not None:
        return "set_due"
    return next((flag for flag in ACTION_FLAGS if getattr(args, flag)), None)


def _change(
    collection: object, rows: Sequence[SearchRow], action: str, *, days: int | None, as_json: bool
) -> int:
    from quizapp.session import Collection

    assert isinstance(collection, Collection)
    if action == "set_due" and days is not None and not -36_500 <= days <= 36_500:
        print(f"quizapp cards: --set-due takes -36500 to 36500 days, not {days}", file=sys.stderr)
        return 2
    change = collection.change_cards(rows, action, days=days)
    if as_json:
        print(
            json.dumps({"action": action, "changed": change.changed, "unchanged": change.unchanged})
        )
        return 0
    if not rows:
        print("No card matches: nothing changed.")
        return 0
    done = f"due in {days} days" if action == "set_due" else ACTION_FLAGS[action][1]
    line = f"{change.changed} of {len(rows)} prompts {done}"
    if change.unchanged:
        why = "new cards have no due day to move" if action == "set_due" else "already so"
        line += f" ({change.unchanged} left as they were: {why})"
    print(line + ("; undo with: quizapp cards --undo" if change.changed else ""))
    return 0


def _undo(collection: object, *, as_json: bool) -> int:
    from quizapp.session import Collection

    assert isinstance(collection, Collection)
    undone = collection.undo_card_change()
    if as_json:
        shown = (
            None
            if undone is None
            else {"action": undone.action, "restored": undone.restored, "kept": undone.kept}
        )
        print(json.dumps(shown))
        return 0
    if undone is None:
        print("Nothing to undo.")
        return 0
    line = f"undid {undone.action.replace('_', '-')}: {undone.restored} prompts as they were"
    if undone.kept:
        line += f"; {undone.kept} changed since (answered or changed again) kept as they are"
    print(line)
    return 0


def _show(rows: Sequence[SearchRow], *, as_json: bool) -> None:
    if as_json:
        print(_printable_json(json.dumps([row.to_json() for row in rows], ensure_ascii=False)))
        return
    if not rows:
        print("No card matches.")
        return
    table = [
        [
            row.deck_id,
            row.key,
            row.text,
            row.kind,
            " ".join(row.tags),
            row.state,
            "" if row.due is None else row.due.isoformat(),
            str(row.interval),
            str(row.lapses),
            str(row.reviews),
            row.where,
        ]
        for row in rows
    ]
    cells = [
        [
            _cut(_one_line(value), limit, keep_end=heading == "where")
            for value, (heading, limit) in zip(line, COLUMNS, strict=True)
        ]
        for line in table
    ]
    widths = [
        max([_width(heading), *(_width(line[i]) for line in cells)])
        for i, (heading, _limit) in enumerate(COLUMNS)
    ]
    numeric = {"ivl", "lapses", "reviews"}
    headings = [heading for heading, _limit in COLUMNS]
    for line in [headings, *cells]:
        shown = [
            _pad(value, width, right=heading in numeric)
            for value, width, heading in zip(line, widths, headings, strict=True)
        ]
        print("  ".join(shown).rstrip())
    print(f"{len(rows)} prompts")


def _printable(text: str) -> str:
    """`text` with every control character (and invisible format character) escaped."""
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _printable_json(text: str) -> str:
    """JSON text with the control and format characters json.dumps leaves as they are (C1
    controls, bidirectional overrides) written as \\u escapes: the same JSON, safe to print."""
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in ("Cc", "Cf") else char
        for char in text
    )


def _one_line(text: str) -> str:
    return _printable(" ".join(text.split()))


def _width(text: str) -> int:
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cut(text: str, limit: int, *, keep_end: bool = False) -> str:
    """`text` in at most `limit` cells, cut with an ellipsis (at its start with `keep_end`,
    so a file:line keeps its file name and line)."""
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for char in reversed(text) if keep_end else text:
        width = _char_width(char)
        if used + width > limit - 1:
            break
        out.append(char)
        used += width
    return "…" + "".join(reversed(out)) if keep_end else "".join(out) + "…"


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap
