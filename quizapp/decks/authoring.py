"""Authoring a card: the one way `quizapp add` and the TUI's add-card form put a card in a file.

`add_card` takes the fields a learner typed (`CardFields`), builds the card's entry
(`build_card`, which says in a `CardInputError` which field is missing or wrong), gives it a
stable id unique in the deck, and appends it with `append_card`: checked by the same loader
rules as `quizapp check` before anything is written, every other line of the file kept byte for
byte, the file replaced atomically. The callers only collect the fields and show the outcome.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from quizapp.model import CLOZE_PATTERN, KIND_SPECS, CardKind, kind_spec

#: The kinds a card can be built from form fields (`quizapp add`, the TUI's add-card form);
#: exercise cards have too many fields for a form: they are written in the file.
KINDS = tuple(kind.value for kind, spec in KIND_SPECS.items() if spec.authorable)


class CardInputError(Exception):
    """The fields given do not make a card; the message says which field and what to do."""


@dataclass(frozen=True, slots=True)
class CardFields:
    """A new card as a form collects it; which fields count depends on `kind`."""

    kind: str = "basic"
    front: str = ""
    back: str = ""
    text: str = ""
    choices: Sequence[str] = ()
    answer: str = ""
    accept: Sequence[str] = ()
    items: Sequence[str] = ()
    tags: Sequence[str] = ()


def existing_ids(path: Path) -> set[str]:
    """The card ids the deck file uses already (derived ids too, when the deck loads)."""
    import yaml

    from quizapp.decks.loader import load_deck

    result = load_deck(path)
    if result.deck is not None:
        return {card.id for card in result.deck.cards}
    # A deck with errors: the ids it writes out still count (the append is refused anyway
    # if the errors remain, but with the right id in the message).
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return set()
    cards = data.get("cards") if isinstance(data, dict) else None
    if not isinstance(cards, list):
        return set()
    return {str(c["id"]) for c in cards if isinstance(c, dict) and "id" in c}


def add_card(
    path: Path,
    fields: CardFields,
    *,
    card_id: str | None = None,
    taken: Collection[str] | None = None,
) -> dict[str, object]:
    """Build the card from `fields`, check it and append it to `path`; returns the entry written.

    `card_id` is the id asked for (refused when the deck has it), else one is made from the
    card's text. `taken` is the deck's ids when the caller has them loaded, else they are read
    from the file. Raises `CardInputError` (the fields make no card), `EditError` (the file
    cannot take it; nothing written) or `OSError` (the write failed).
    """
    from quizapp.decks.edit import EditError, append_card
    from quizapp.decks.ids import make_card_id

    taken = existing_ids(path) if taken is None else taken
    if card_id is not None and card_id in taken:
        raise EditError(f"{path}: the deck has a card {card_id!r} already")
    if card_id is None:
        card_id = make_card_id(fields.text or fields.front, taken)
    card = build_card(
        kind=fields.kind,
        front=fields.front,
        back=fields.back,
        text=fields.text,
        choices=fields.choices,
        answer=fields.answer,
        accept=fields.accept,
        items=fields.items,
        tags=fields.tags,
        card_id=card_id,
    )
    append_card(path, card)
    return card


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
    """The card's fields as they go into the file, or `CardInputError` saying what is missing.

    Which fields a kind takes and needs comes from the kind registry (`quizapp.model.kinds`).
    """
    front, back, text, answer = front.strip(), back.strip(), text.strip(), answer.strip()
    card: dict[str, object] = {"id": card_id}
    if kind != "basic":
        card["kind"] = kind
    if kind not in KINDS:
        raise CardInputError(f"unknown kind {kind!r}; pick one of {', '.join(KINDS)}")
    spec = kind_spec(CardKind(kind))
    if "text" in spec.fields:
        if not text:
            raise CardInputError("a cloze card needs --text, e.g. 'Adam came out in {{c1::2014}}'")
        if not CLOZE_PATTERN.search(text):
            raise CardInputError("the cloze text has no deletion; mark one as {{c1::answer}}")
        card["text"] = text
    else:
        if not front:
            raise CardInputError(f"a {kind} card needs a front (--front)")
        card["front"] = front
    if "back" in spec.required and not back:
        raise CardInputError(f"a {kind} card needs a back (--back)")
    if "choices" in spec.fields:
        options = [c.strip() for c in choices if c.strip()]
        if len(options) < 2:
            raise CardInputError("a choice card needs at least two options (--choice, repeated)")
        numbers = _choice_numbers(answer, len(options))
        card["choices"] = options
        card["answer"] = numbers[0] if len(numbers) == 1 else numbers
    elif "answer" in spec.fields:
        if not answer:
            raise CardInputError(f"a {kind} card needs the expected answer (--answer)")
        card["answer"] = answer
        others = [a.strip() for a in accept if a.strip()]
        if others:
            card["accept"] = others
    if "items" in spec.fields:
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
