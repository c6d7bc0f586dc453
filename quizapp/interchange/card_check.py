"""Checking an imported deck with the deck loader's rules, without reading its cards' YAML back.

A 100,000-row import spent a second and a half composing the cards' YAML tree and running the
generic card rules on it. Here each card the fast writer wrote (`yamlfast`: every value one
plain or double-quoted line, which the loader reads back as the very text written) is checked on
its values instead, by `certainly_valid`: a card of a known simple shape whose every value
passes the loader's own rule functions (`id_problem`, `cloze_problems`, the kinds' field
tables). Why that is the loader's verdict, field by field:

- field names: a dict's keys are distinct, and the writer writes only plain-word keys; each one
  must be a field of the card's kind (`COMMON_FIELDS` + `KIND_FIELDS`), and limited to the
  text fields and `tags` (other fields have rules of their own: those cards go the long way);
- `kind`: a known kind, among basic, reverse and cloze (the kinds whose rules are only these);
- every field its kind requires (`REQUIRED_FIELDS`) is there;
- every text value, `id` and `kind` included, is not blank (the loader's `text` refuses a blank
  required value; a blank optional one is sent the long way, never accepted here);
- `id` passes `id_problem`, the one rule for ids;
- `tags` is a list of texts, none blank;
- a cloze card's text (stripped, as the loader strips it) has no `cloze_problems`.

Any card not certainly valid, and every card `quizapp.decks.render` wrote, is read from its own
YAML text by the loader's reader (`compose`) and checked by the loader's `CardReader`: its
problems are the loader's, word for word. Card ids must be unique in the deck, as the loader
checks; the deck's fields (id, title) go through the loader's `DeckValidator` on the header's
composed tree. Each problem is reported at the CSV line of the row it came from, when known.
Tests check this module's verdict against the loader reading the whole written file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from quizapp.decks.card_schema import (
    KIND_FIELDS,
    REQUIRED_FIELDS,
    CardKey,
    CardReader,
    cloze_problems,
)
from quizapp.decks.ids import id_problem
from quizapp.decks.problems import Problem
from quizapp.decks.schema import DeckValidator
from quizapp.decks.yamltree import Map, Node, Seq, compose
from quizapp.interchange.yamlfast import Rendered, read_values, same_text
from quizapp.model import COMMON_FIELDS, CardKind

#: The kinds `certainly_valid` knows every rule of, and the fields it checks.
_SIMPLE_KINDS = {k.value: k for k in (CardKind.BASIC, CardKind.REVERSE, CardKind.CLOZE)}
_SIMPLE_FIELDS = frozenset({"id", "kind", "front", "back", "text", "tags"})
_ALLOWED = {
    kind: _SIMPLE_FIELDS & {*COMMON_FIELDS, *KIND_FIELDS[kind]} for kind in _SIMPLE_KINDS.values()
}


_NOT_EXACT = (
    "this card's text could not be written as YAML that reads back the same (please report this)"
)


def certainly_valid(card: Mapping[str, object]) -> bool:
    """Whether the loader accepts this card as the fast writer writes it (see the module's
    docstring); False means "check it the long way", not "invalid"."""
    kind_name, card_id = card.get("kind", "basic"), card.get("id")
    kind = _SIMPLE_KINDS.get(kind_name) if type(kind_name) is str else None
    if kind is None or type(card_id) is not str:
        return False
    allowed = _ALLOWED[kind]
    for name, value in card.items():
        if name not in allowed:
            return False
        if name == "tags":
            if type(value) is not list or not all(_text(tag) for tag in value):
                return False
        elif type(value) is not str or not value.strip():
            return False
    for name in REQUIRED_FIELDS[kind]:
        if name not in card:
            return False
    if id_problem(card_id, "card id") is not None:
        return False
    text = card.get("text")
    return kind is not CardKind.CLOZE or (type(text) is str and not cloze_problems(text.strip()))


def _text(value: object) -> bool:
    return type(value) is str and _not_blank(value)


@lru_cache(maxsize=4096)  # most are tags, the same few over and over
def _not_blank(value: str) -> bool:
    return bool(value.strip())


class _Checker(DeckValidator):
    """The loader's deck rules for the header; the cards checked as the module describes."""

    def __init__(self, name: str, cards: Rendered, rows: Sequence[int], source: str) -> None:
        super().__init__(name)
        self.rendered, self.rows, self.source = cards, rows, source
        #: Problems of the cards, as the import reports them (CSV line, or deck file line).
        self.card_errors: list[str] = []

    def cards(self, node: Node) -> tuple[()]:
        rendered = self.rendered
        if not rendered.cards:
            super().cards(node)  # `cards:` with nothing after it: the loader's words
            return ()
        first_row: dict[str, int] = {}
        for number, card in enumerate(rendered.cards):
            if rendered.fast[number] and certainly_valid(card):
                key: CardKey | None = CardKey(str(card["id"]), derived=False)
            else:
                key = self._long_way(number)
            if key is None:
                continue
            if key.id in first_row:  # the loader's words
                first = first_row[key.id]
                self._card_error(
                    number,
                    0,
                    f"this card has no id and the same content as the card on line {first} "
                    f"(both derive the id '{key.id}')"
                    if key.derived
                    else f"duplicate card id '{key.id}' (first used on line {first})",
                )
            else:
                first_row[key.id] = self._where(number)
        return ()

    def _where(self, number: int) -> int:
        return self.rows[number] if self.rows else self.rendered.starts[number]

    def _long_way(self, number: int) -> CardKey | None:
        """Check card `number` from its own text with the loader's reader and card rules; the
        id it claims (None when it claims none)."""
        shift = self.rendered.starts[number] - 1
        root, problems = compose(self.rendered.parts[number], self.path)
        reader = CardReader(self.path, self.check_spec)
        reader.problems, claim = problems, None
        if isinstance(root, Seq) and len(root.items) == 1 and isinstance(root.items[0], Map):
            _, claim = reader.card(root.items[0])
            card = self.rendered.cards[number]
            if not same_text(card, read_values(root.items[0])):
                reader.error(root.items[0], _NOT_EXACT)
        elif not problems:
            reader.error((1, 1), "the card's YAML is not one mapping (please report this)")
        for problem in reader.problems:
            if problem.severity == "error":
                self._card_error(number, problem.line + shift, problem.message, problem.col)
        return claim

    def _card_error(self, number: int, line: int, message: str, col: int = 0) -> None:
        if self.rows:
            self.card_errors.append(f"{self.source}:{self.rows[number]}: {message}")
        else:
            line = line or self.rendered.starts[number]
            self.card_errors.append(f"{self.path}:{line}:{col}: {message}")


def deck_errors(
    name: str, head: str, cards: Rendered, rows: Sequence[int], source: str
) -> list[str]:
    """What the deck loader would refuse in the file `head` + `cards.text`, one line each: the
    header's problems at their place in the deck file `name`, a card's at its row of `source`
    (`rows[i]`: the line card i came from; empty when unknown: then at the deck file's line)."""
    from quizapp.decks.loader import spec_checker
    from quizapp.gcpause import gc_paused

    root, problems = compose(head, name)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        return [_at(name, p) for p in errors]
    # The exercise registry (and numpy with it) only when a card is an exercise, the one kind
    # it checks.
    exercises = any(card.get("kind") == "exercise" for card in cards.cards)
    checker = _Checker(name, cards, rows, source)
    checker.check_spec = spec_checker() if exercises else None
    with gc_paused():
        checker.deck(root, content_hash="")
    head_errors = [_at(name, p) for p in checker.problems if p.severity == "error"]
    return head_errors + checker.card_errors


def _at(name: str, problem: Problem) -> str:
    return f"{name}:{problem.line}:{problem.col}: {problem.message}"
