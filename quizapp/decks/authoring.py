"""Authoring a card from form fields (`quizapp add`, the TUI's add-card form): the card's entry.

`build_card` turns the fields a learner typed into the entry as it goes into the file, or says
in a `CardInputError` which field is missing or wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.model import CLOZE_PATTERN

#: The kinds a card can be built from form fields (`quizapp add`, the TUI's add-card form);
#: exercise cards have too many fields for a form: they are written in the file.
KINDS = ("basic", "reverse", "cloze", "choice", "typed", "order")


class CardInputError(Exception):
    """The fields given do not make a card; the message says which field and what to do."""


def build_card(
    *,
    kind: str,
    front: str = "",
    back: str = "",
    text: str = "",
    choices: Sequence[str] = (),
    answer: str = "",
    accept: Sequence[str] = (),
    items: Sequence[str] = (),
    tags: Sequence[str] = (),
    card_id: str,
) -> dict[str, object]:
    """The card's fields as they go into the file, or `CardInputError` saying what is missing."""
    front, back, text, answer = front.strip(), back.strip(), text.strip(), answer.strip()
    card: dict[str, object] = {"id": card_id}
    if kind != "basic":
        card["kind"] = kind
    if kind not in KINDS:
        raise CardInputError(f"unknown kind {kind!r}; pick one of {', '.join(KINDS)}")
    if kind == "cloze":
        if not text:
            raise CardInputError("a cloze card needs --text, e.g. 'Adam came out in {{c1::2014}}'")
        if not CLOZE_PATTERN.search(text):
            raise CardInputError("the cloze text has no deletion; mark one as {{c1::answer}}")
        card["text"] = text
    else:
        if not front:
            raise CardInputError(f"a {kind} card needs a front (--front)")
        card["front"] = front
    if kind in ("basic", "reverse") and not back:
        raise CardInputError(f"a {kind} card needs a back (--back)")
    if kind == "choice":
        options = [c.strip() for c in choices if c.strip()]
        if len(options) < 2:
            raise CardInputError("a choice card needs at least two options (--choice, repeated)")
        numbers = _choice_numbers(answer, len(options))
        card["choices"] = options
        card["answer"] = numbers[0] if len(numbers) == 1 else numbers
    elif kind == "typed":
        if not answer:
            raise CardInputError("a typed card needs the expected answer (--answer)")
        card["answer"] = answer
        others = [a.strip() for a in accept if a.strip()]
        if others:
            card["accept"] = others
    elif kind == "order":
        entries = [i.strip() for i in items if i.strip()]
        if len(entries) < 2:
            raise CardInputError("an order card needs at least two items (--item, repeated)")
        if len(set(entries)) != len(entries):
            raise CardInputError("an order card's items must all differ")
        card["items"] = entries
    if back:
        card["back"] = back
    clean_tags = [t.strip() for t in tags if t.strip()]
    if clean_tags:
        card["tags"] = clean_tags
    return card


def _choice_numbers(answer: str, count: int) -> list[int]:
    parts = [p for p in answer.replace(",", " ").split() if p]
    if not parts:
        raise CardInputError(f"a choice card needs --answer: the right option's number, 1–{count}")
    numbers: list[int] = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= count:
            raise CardInputError(f"answer {part!r} is not an option number from 1 to {count}")
        if int(part) not in numbers:
            numbers.append(int(part))
    return numbers
