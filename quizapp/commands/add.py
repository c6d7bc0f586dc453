"""`quizapp add DECK_FILE`: add a card, by flags or by answering prompts.

This module only collects the fields (flags or prompts) and reports the outcome; the card is
built, given a stable id, checked and appended by `quizapp.decks.authoring.add_card`, the same
code the TUI's add-card form calls.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from quizapp.decks.authoring import KINDS, CardInputError, build_card, existing_ids
from quizapp.model import CardKind, kind_spec

__all__ = [
    "KINDS",
    "CardInputError",
    "build_card",
    "configure",
    "existing_ids",
    "prompt_fields",
    "run",
]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("deck_file", metavar="DECK_FILE", help="the deck file to add the card to")
    parser.add_argument("--kind", choices=KINDS, help="card kind (default: basic)")
    parser.add_argument("--front", help="the question side (basic, reverse, choice, typed, order)")
    parser.add_argument("--back", help="the answer side, or the explanation shown after")
    parser.add_argument("--text", help="cloze: text with {{c1::deletions}}")
    parser.add_argument(
        "--choice", action="append", default=[], metavar="TEXT", help="choice: one option (repeat)"
    )
    parser.add_argument(
        "--answer",
        help="choice: the right option number(s), 1-based, e.g. 2 or 1,3; typed: the answer",
    )
    parser.add_argument(
        "--accept", action="append", default=[], metavar="TEXT", help="typed: another right answer"
    )
    parser.add_argument(
        "--item", action="append", default=[], metavar="TEXT", help="order: next item (repeat)"
    )
    parser.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeat)")
    parser.add_argument("--id", dest="card_id", help="the card id (default: from the front)")


Reader = Callable[[str], str]
#: Asks for one field and puts the answer into the fields collected so far.
FieldAsker = Callable[[dict[str, object], Reader, Callable[[str], None]], None]


class Cancelled(Exception):
    """The learner ended the prompts (Ctrl-D): nothing is written."""


def _ask(prompt: str, read: Callable[[str], str]) -> str:
    try:
        return read(prompt)
    except EOFError:
        raise Cancelled from None


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _option_numbers_problem(text: str, count: int) -> str | None:
    """Why `text` does not name right options among `count` (None when it does)."""
    parts = [p for p in text.replace(",", " ").split() if p]
    if not parts:
        return "give at least one option number"
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= count:
            return f"'{part}' is not an option number from 1 to {count}"
    return None


def prompt_fields(
    read: Callable[[str], str] | None = None, say: Callable[[str], None] = _say
) -> dict[str, object]:
    """Ask for a card's fields one by one (an empty line ends a list); `read` defaults to input.

    An answer that cannot be right (an unknown kind, an option number out of range) is asked
    again at once, so nothing typed before it is lost; Ctrl-D raises `Cancelled`.
    """
    read = read if read is not None else input
    while True:
        kind = _ask(f"Kind ({'/'.join(KINDS)}) [basic]: ", read).strip().lower() or "basic"
        if kind in KINDS:
            break
        say(f"unknown kind {kind!r}; pick one of {', '.join(KINDS)}")
    fields: dict[str, object] = {"kind": kind}
    spec = kind_spec(CardKind(kind))
    for name in spec.fields:  # in the registry's order: the main text first
        _ASK_FIELD[name](fields, read, say)
    optional = "" if "back" in spec.required else " (optional)"
    fields["back"] = _ask(f"Back{optional}: ", read)
    tags = _ask("Tags (space separated, optional): ", read)
    fields["tags"] = tags.split()
    return fields


def _ask_answer(fields: dict[str, object], read: Reader, say: Callable[[str], None]) -> None:
    choices = fields.get("choices")
    if not isinstance(choices, list):  # a typed card's answer
        fields["answer"] = _ask("Expected answer: ", read)
        return
    while True:
        answer = _ask("Right option number(s), e.g. 2 or 1,3: ", read)
        problem = _option_numbers_problem(answer, len(choices))
        if problem is None or len(choices) < 2:  # too few options: build_card says so
            break
        say(problem)
    fields["answer"] = answer


def _asker(name: str, prompt: str) -> FieldAsker:
    def ask(fields: dict[str, object], read: Reader, say: Callable[[str], None]) -> None:
        fields[name] = _ask(prompt, read)

    return ask


def _list_asker(name: str, label: str) -> FieldAsker:
    def ask(fields: dict[str, object], read: Reader, say: Callable[[str], None]) -> None:
        fields[name] = _ask_list(label, read)

    return ask


#: How each form field of the kind registry is asked for (back and tags come after them all).
_ASK_FIELD: dict[str, FieldAsker] = {
    "front": _asker("front", "Front: "),
    "text": _asker("text", "Text with {{c1::deletions}}: "),
    "choices": _list_asker("choices", "Option"),
    "answer": _ask_answer,
    "accept": _list_asker("accept", "Also accept"),
    "items": _list_asker("items", "Item (in the right order)"),
}


def _ask_list(label: str, read: Callable[[str], str]) -> list[str]:
    values: list[str] = []
    while True:
        value = _ask(f"{label} {len(values) + 1} (empty line to finish): ", read).strip()
        if not value:
            return values
        values.append(value)


def run(args: argparse.Namespace) -> int:
    from quizapp.decks.authoring import CardFields, add_card
    from quizapp.decks.edit import EditError

    path = Path(args.deck_file)
    if not path.is_file():
        print(
            f"quizapp add: error: {path}: no such deck file (start one with `quizapp new {path}`)",
            file=sys.stderr,
        )
        return 1
    flags_given = bool(args.front or args.text or args.back or args.choice or args.item)
    if flags_given:
        fields: dict[str, object] = {
            "kind": args.kind or "basic",
            "front": args.front or "",
            "back": args.back or "",
            "text": args.text or "",
            "choices": args.choice,
            "answer": args.answer or "",
            "accept": args.accept,
            "items": args.item,
            "tags": args.tag,
        }
    elif sys.stdin.isatty():
        try:
            fields = prompt_fields()
        except Cancelled:
            print("\nquizapp add: cancelled; nothing written", file=sys.stderr)
            return 1
        fields["tags"] = [*args.tag, *_strings(fields.get("tags"))]
        if args.kind and args.kind != fields["kind"]:
            fields["kind"] = args.kind
    else:
        print(
            "quizapp add: error: give the card with flags (--front/--back, or --text for a "
            "cloze...), or run it in a terminal to be asked for each field",
            file=sys.stderr,
        )
        return 2

    kind = str(fields["kind"])
    try:
        card = add_card(
            path,
            CardFields(
                kind=kind,
                front=str(fields.get("front", "")),
                back=str(fields.get("back", "")),
                text=str(fields.get("text", "")),
                choices=_strings(fields.get("choices")),
                answer=str(fields.get("answer", "")),
                accept=_strings(fields.get("accept")),
                items=_strings(fields.get("items")),
                tags=_strings(fields.get("tags")),
            ),
            card_id=args.card_id or None,
        )
    except CardInputError as exc:
        print(f"quizapp add: error: {exc}", file=sys.stderr)
        return 2
    except EditError as exc:
        print(f"quizapp add: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"quizapp add: error: cannot write {path}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Added {kind} card {card['id']!r} to {path}")
    return 0


def _strings(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []
