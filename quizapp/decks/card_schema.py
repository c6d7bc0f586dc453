"""The rules of one card: its kind, its fields, its id (given or derived) and each kind's checks.

docs/decks.md describes each kind; `schema` applies these rules to every entry under `cards:`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.decks.ids import derive_id
from quizapp.decks.scalars import scalar_value
from quizapp.decks.values import ValueReader, describe, did_you_mean
from quizapp.decks.yamltree import Map, Node, Refused, Scalar, Seq
from quizapp.model import CLOZE_PATTERN, COMMON_FIELDS, KIND_SPECS, Card, CardKind, ExerciseSpec

#: The file fields of each kind beyond the common ones, and those a card must have (the
#: registry's, by kind; kept under these names for the loader's callers).
KIND_FIELDS: dict[CardKind, tuple[str, ...]] = {
    k: s.fields + s.settings for k, s in KIND_SPECS.items()
}
REQUIRED_FIELDS: dict[CardKind, tuple[str, ...]] = {k: s.required for k, s in KIND_SPECS.items()}
#: A card entry's fields by name: (key node, value node).
Fields = dict[str, tuple[Scalar, Node]]
_KINDS = {kind.value: kind for kind in CardKind}
#: `{{c` that may have been meant as a deletion; those not matched by CLOZE_PATTERN are reported.
_CLOZE_START = re.compile(r"\{\{c\d*:?")

NO_ID_WARNING = "card has no id; editing it will reset its progress"
NO_ID_HINT = "run `quizapp check --fix`"

#: The exercise registry's `check_spec`, or None when quizapp.exercises has none (yet).
SpecChecker = Callable[[ExerciseSpec], Sequence[Any]]


@dataclass(frozen=True, slots=True)
class CardKey:
    """The id a card claims in its deck: its own `id`, or one derived from its content."""

    id: str
    derived: bool


class CardReader(ValueReader):
    """Turns one card entry of a deck file's tree into a `Card`, reporting its problems."""

    def __init__(self, path: str, check_spec: SpecChecker | None = None) -> None:
        super().__init__(path)
        self.check_spec = check_spec
        #: Whether any exercise card was checked by `check_spec` / left unchecked without it.
        self.exercises_checked = False
        self.exercises_unchecked = False

    # -- one card -------------------------------------------------------------------------------

    def card(self, node: Node) -> tuple[Card | None, CardKey | None]:
        """The card, or None when it has errors (they are reported); and the id it claims.

        The id is known whenever the card's own `id` is valid, or, for a card without one, when
        its kind and the fields its id is derived from are valid: the rest of the card may have
        errors, so that a duplicate is reported together with them.
        """
        if isinstance(node, Refused):
            return None, None
        if not isinstance(node, Map):
            self.error(
                node,
                f"a card must be a mapping of fields, not {describe(node)}",
                "write a card as 'front: ...' and 'back: ...' lines after the '-'",
            )
            return None, None
        errors_before = self.errors
        fields = self.fields(node, "this card")
        card_id = self.identifier(fields["id"][1], "card id") if "id" in fields else None
        # An `id` that is invalid (or refused) claims nothing, and no id is derived in its place.
        explicit = CardKey(card_id, derived=False) if card_id is not None else None

        kind = CardKind.BASIC
        if "kind" in fields:
            kind_node = fields["kind"][1]
            name = self.text(kind_node, "kind")
            if name is None:
                return None, explicit
            if name not in _KINDS:
                hint = did_you_mean(name, list(_KINDS)) or f"kinds: {', '.join(_KINDS)}"
                self.error(kind_node, f"unknown card kind '{name}'", hint)
                return None, explicit
            kind = _KINDS[name]

        allowed = COMMON_FIELDS + KIND_FIELDS[kind]
        #: Fields a misspelt one was taken for: not reported again as missing.
        suggested: set[str] = set()
        for name, (key, _) in fields.items():
            if name in allowed:
                continue
            owners = [k.value for k, fs in KIND_FIELDS.items() if name in fs]
            if owners:
                self.error(
                    key,
                    f"field '{name}' is not used by {kind.value} cards",
                    f"it belongs to {' and '.join(owners)} cards: set 'kind: {owners[0]}'"
                    if "kind" not in fields
                    else f"it belongs to {' and '.join(owners)} cards",
                )
            else:
                close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                suggested.update(close)
                self.error(
                    key, f"unknown field '{name}'", f"did you mean '{close[0]}'?" if close else None
                )
        required = REQUIRED_FIELDS[kind]
        for name in required:
            if name not in fields and name not in suggested:
                needs = " and ".join(f"'{f}'" for f in required)
                article = "an" if kind.value[0] in "aeiou" else "a"
                self.error(node, f"missing '{name}': {article} {kind.value} card needs {needs}")

        values: dict[str, Any] = {}
        self.get_text(fields, values, "front")
        self.get_text(fields, values, "back", required="back" in required)
        if "tags" in fields:
            values["tags"] = self.tags(fields["tags"][1])
        # What a card without an id derives its id from; None when that is not valid itself.
        content = KIND_READERS[kind](self, node, fields, values)

        claim = explicit
        if "id" not in fields and content is not None:
            claim = CardKey(derive_id(kind, content), derived=True)
        if self.errors > errors_before or claim is None:
            return None, claim
        if claim.derived:
            self.warning(node, NO_ID_WARNING, NO_ID_HINT)
        card = Card(id=claim.id, kind=kind, line=node.line, id_derived=claim.derived, **values)
        return card, claim

    def get_text(
        self, fields: Fields, values: dict[str, Any], name: str, *, required: bool = True
    ) -> None:
        """The text field `name` into `values` (stripped), when the card has it and it is valid."""
        if name in fields:
            value = self.text(fields[name][1], name, required=required)
            if value is not None:
                values[name] = value.strip()

    # -- each kind's own fields: they return what an id is derived from (see KIND_READERS) ------

    def recall_fields(self, node: Map, fields: Fields, values: dict[str, Any]) -> str | None:
        return values.get("front")

    def cloze_fields(self, node: Map, fields: Fields, values: dict[str, Any]) -> str | None:
        self.get_text(fields, values, "text")
        if "text" in values:
            self.cloze(fields["text"][1], values["text"])
        return values.get("text")

    def choice_fields(self, node: Map, fields: Fields, values: dict[str, Any]) -> str | None:
        self.choice(fields, values)
        if "shuffle" in fields:
            shuffle = self.flag(fields["shuffle"][1], "shuffle")
            if shuffle is not None:
                values["shuffle"] = shuffle
        return values.get("front")

    def typed_fields(self, node: Map, fields: Fields, values: dict[str, Any]) -> str | None:
        self.get_text(fields, values, "answer")
        if "accept" in fields:
            accept = self.text_list(fields["accept"][1], "accept")
            if accept is not None:
                values["accept"] = tuple(value for value, _ in accept)
        return values.get("front")

    def order_fields(self, node: Map, fields: Fields, values: dict[str, Any]) -> str | None:
        self.order(fields, values)
        return values.get("front")

    def exercise_fields(self, node: Map, fields: Fields, values: dict[str, Any]) -> str | None:
        generator, spec = self.exercise(node, fields)
        if spec is not None:
            values["exercise"] = spec
        front = values.get("front")
        return None if front is None or generator is None else f"{front}\0{generator}"

    def cloze(self, node: Node, text: str) -> None:
        for message, hint in cloze_problems(text):
            self.error(node, message, hint)

    def choice(self, fields: Fields, values: dict[str, Any]) -> None:
        choices = self.text_list(fields["choices"][1], "choices") if "choices" in fields else None
        if choices is not None:
            if len(choices) < 2:
                self.error(fields["choices"][1], "a choice card needs at least two choices")
            self.no_repeats(choices, "choice")
            values["choices"] = tuple(value for value, _ in choices)
        if "answer" not in fields:
            return
        node = fields["answer"][1]
        answers = node.items if isinstance(node, Seq) else [node]
        if isinstance(node, Seq) and not answers:
            self.error(node, "'answer' lists no choice", "give the number of the right choice")
        correct: list[int] = []
        for answer in answers:
            if isinstance(answer, Refused):
                continue
            value = scalar_value(answer) if isinstance(answer, Scalar) else None
            if isinstance(value, bool) or not isinstance(value, int):
                hint = (
                    "answers are numbers: 1 for the first choice, or a list such as [1, 3]"
                    if isinstance(answer, Scalar) and answer.value in values.get("choices", ())
                    else "write the number of the right choice: 1 for the first"
                )
                self.error(
                    answer, f"'answer' must be a choice number, not {describe(answer)}", hint
                )
                continue
            if choices is not None and not 1 <= value <= len(choices):
                self.error(
                    answer,
                    f"answer {value} is out of range: there are {len(choices)} choices",
                    "choices count from 1",
                )
                continue
            if value - 1 in correct:
                self.error(answer, f"answer {value} is given twice")
                continue
            correct.append(value - 1)
        values["correct"] = tuple(sorted(correct))

    def order(self, fields: Fields, values: dict[str, Any]) -> None:
        if "items" not in fields:
            return
        items = self.text_list(fields["items"][1], "items")
        if items is None:
            return
        if len(items) < 2:
            self.error(
                fields["items"][1],
                f"an order card needs at least two items, not {len(items)}",
                "list the items in their right order",
            )
        self.no_repeats(items, "item")
        values["items"] = tuple(value for value, _ in items)

    def no_repeats(self, items: tuple[tuple[str, Node], ...], what: str) -> None:
        seen: dict[str, Node] = {}
        for value, node in items:
            if value in seen:
                self.error(node, f"{what} '{value}' is repeated (first on line {seen[value].line})")
            else:
                seen[value] = node

    def exercise(self, card: Map, fields: Fields) -> tuple[str | None, ExerciseSpec | None]:
        """The generator's name (None when it is not valid text) and the spec (None on errors)."""
        errors_before = self.errors
        generator = (
            self.text(fields["generator"][1], "generator") if "generator" in fields else None
        )
        if generator is not None:
            generator = generator.strip()
        params: dict[str, Any] = {}
        if "params" in fields:
            node = fields["params"][1]
            if isinstance(node, Map):
                _, params = self.plain(node, "params")
            elif not isinstance(node, Refused):
                self.error(
                    node,
                    f"'params' must be a mapping of parameter names to values, not "
                    f"{describe(node)}",
                )
        ask: tuple[str, ...] = ()
        if "ask" in fields:
            items = self.text_list(fields["ask"][1], "ask")
            ask = tuple(value for value, _ in items) if items else ()
        # A bad tolerance does not stop the generator's own checks: every problem at once.
        errors_before_tolerance = self.errors
        tolerance: dict[str, float | None] = {"rel": None, "abs": None}
        if "tolerance" in fields:
            node = fields["tolerance"][1]
            if isinstance(node, Map):
                for name, (key, value) in self.fields(node, "'tolerance'").items():
                    if name not in tolerance:
                        hint = did_you_mean(name, list(tolerance)) or "tolerance has rel and abs"
                        self.error(key, f"unknown tolerance '{name}'", hint)
                    else:
                        tolerance[name] = self.number(value, f"tolerance.{name}")
            elif not isinstance(node, Refused):
                self.error(
                    node,
                    f"'tolerance' must be a mapping such as {{rel: 0.01, abs: 0.0001}}, "
                    f"not {describe(node)}",
                )
        if errors_before_tolerance > errors_before or generator is None:
            return generator, None
        spec = ExerciseSpec(
            generator=generator,
            params=params,
            ask=ask,
            rel_tol=tolerance["rel"],
            abs_tol=tolerance["abs"],
        )
        if self.check_spec is None:
            self.exercises_unchecked = True
            return generator, spec
        self.exercises_checked = True
        for problem in self.check_spec(spec):
            self.error(
                _locate(card, tuple(problem.field)), problem.message, getattr(problem, "hint", None)
            )
        return generator, (spec if self.errors == errors_before else None)


def cloze_problems(text: str) -> list[tuple[str, str | None]]:
    """What is wrong with a cloze card's (stripped) text: (message, hint) for each problem."""
    problems: list[tuple[str, str | None]] = []
    matches = list(CLOZE_PATTERN.finditer(text))
    starts = {m.start() for m in matches}
    malformed = False
    for stray in _CLOZE_START.finditer(text):
        if stray.start() not in starts:
            malformed = True
            end = text.find("}}", stray.start())
            shown = text[stray.start() : end + 2 if 0 <= end < stray.start() + 40 else None]
            problems.append(
                (
                    f"malformed deletion '{shown[:40]}'",
                    "write {{c1::answer}} or {{c1::answer::hint}}",
                )
            )
    if not matches and not malformed:
        problems.append(
            (
                "a cloze card needs at least one deletion",
                "mark each blank as {{c1::answer}}; blanks sharing a number are asked together",
            )
        )
    for match in matches:
        if int(match.group(1)) < 1:
            problems.append((f"deletion '{match.group(0)}': numbers start at c1", None))
        if not match.group(2).strip():
            problems.append((f"deletion '{match.group(0)}' has an empty answer", None))
    return problems


#: Each kind's own checks, after the fields every kind has (a test keeps it complete).
KIND_READERS: dict[CardKind, Callable[[CardReader, Map, Fields, dict[str, Any]], str | None]] = {
    CardKind.BASIC: CardReader.recall_fields,
    CardKind.REVERSE: CardReader.recall_fields,
    CardKind.CLOZE: CardReader.cloze_fields,
    CardKind.CHOICE: CardReader.choice_fields,
    CardKind.TYPED: CardReader.typed_fields,
    CardKind.ORDER: CardReader.order_fields,
    CardKind.EXERCISE: CardReader.exercise_fields,
}


def _locate(card: Map, field: tuple[str | int, ...]) -> tuple[int, int]:
    """The position of a field path such as ("params", "grad") inside a card.

    A path ending on a scalar points at that value, one ending on a list or mapping at its field
    name, a list step at the item; a path that goes further
    than the file (a parameter left out) stops at the deepest part that is there.
    """
    at: tuple[int, int] = (card.line, card.col)
    node: Node = card
    for number, step in enumerate(field, start=1):
        if isinstance(node, Map) and isinstance(step, str):
            for key, value in node.pairs:
                if isinstance(key, Scalar) and key.value == step:
                    last_scalar = number == len(field) and isinstance(value, Scalar)
                    at = (value.line, value.col) if last_scalar else (key.line, key.col)
                    node = value
                    break
            else:
                return at
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node.items):
            node = node.items[step]
            at = (node.line, node.col)
        else:
            return at
    return at
