"""The deck format's rules: a composed YAML tree in, a `Deck` and every problem found out.

docs/decks.md is the prose version of this module; keep them in step. Validation goes on after
the first problem so that one run of `quizapp check` lists everything wrong with a file, each
problem at the line and column of the value (or field name) it is about.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.decks.problems import Problem, Severity
from quizapp.decks.yamltree import Map, Node, Refused, Scalar, Seq, resolved_tag, scalar_value
from quizapp.model import CLOZE_PATTERN, Card, CardKind, Deck, ExerciseSpec

#: Deck and card ids: ASCII letters, digits, '-', '_' and '.' ('#' is kept for prompt variants).
ID_PATTERN = re.compile(r"[A-Za-z0-9._-]+")

DECK_FIELDS = ("deck", "title", "description", "tags", "cards")
#: Fields every card kind may have.
COMMON_FIELDS = ("id", "kind", "tags", "back")
#: The fields of each kind beyond the common ones.
KIND_FIELDS: dict[CardKind, tuple[str, ...]] = {
    CardKind.BASIC: ("front",),
    CardKind.REVERSE: ("front",),
    CardKind.CLOZE: ("text",),
    CardKind.CHOICE: ("front", "choices", "answer"),
    CardKind.TYPED: ("front", "answer", "accept"),
    CardKind.ORDER: ("front", "items"),
    CardKind.EXERCISE: ("front", "generator", "params", "ask", "tolerance"),
}
REQUIRED_FIELDS: dict[CardKind, tuple[str, ...]] = {
    CardKind.BASIC: ("front", "back"),
    CardKind.REVERSE: ("front", "back"),
    CardKind.CLOZE: ("text",),
    CardKind.CHOICE: ("front", "choices", "answer"),
    CardKind.TYPED: ("front", "answer"),
    CardKind.ORDER: ("front", "items"),
    CardKind.EXERCISE: ("front", "generator"),
}
_ALL_CARD_FIELDS = sorted({*COMMON_FIELDS, *(f for fs in KIND_FIELDS.values() for f in fs)})
_KINDS = {kind.value: kind for kind in CardKind}
#: `{{c` that may have been meant as a deletion; those not matched by CLOZE_PATTERN are reported.
_CLOZE_START = re.compile(r"\{\{c\d*:?")
#: Control characters that a backslash escape in double quotes produces ("\b" in "$\beta$").
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

NO_ID_WARNING = "card has no id; editing it will reset its progress"
NO_ID_HINT = "run `quizapp check --fix`"

#: The exercise registry's `check_spec`, or None when quizapp.exercises has none (yet).
SpecChecker = Callable[[ExerciseSpec], Sequence[Any]]


def _did_you_mean(name: str, known: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _describe(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if isinstance(node, Scalar):
        tag = resolved_tag(node)
        return {"int": "a number", "float": "a number", "bool": "true/false", "null": "empty"}.get(
            tag, f"'{node.value}'"
        )
    return "a refused value"


def derive_id(kind: CardKind, content: str) -> str:
    """A card id worked out from what the card asks, for cards written without an `id`.

    A readable slug of the first words plus 10 hex digits of a sha256 (so distinct texts with the
    same first words still differ). `basic` and `reverse` hash alike, so switching between them
    keeps the id, as it keeps an explicit one.
    """
    group = "basic" if kind is CardKind.REVERSE else kind.value
    digest = hashlib.sha256(f"{group}\0{content}".encode()).hexdigest()[:10]
    text = CLOZE_PATTERN.sub(lambda m: m.group(2), content)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) > 30:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"{slug or kind.value}-{digest}"


@dataclass(frozen=True, slots=True)
class CardKey:
    """The id a card claims in its deck: its own `id`, or one derived from its content."""

    id: str
    derived: bool


class DeckValidator:
    """Turns the tree of one deck file into a `Deck`, collecting every problem on the way."""

    def __init__(self, path: str, check_spec: SpecChecker | None = None) -> None:
        self.path = path
        self.check_spec = check_spec
        self.problems: list[Problem] = []
        self.errors = 0
        #: Where the `deck:` id is (a clash of deck ids between files is reported there).
        self.deck_at = (0, 0)
        #: Whether any exercise card was checked by `check_spec` / left unchecked without it.
        self.exercises_checked = False
        self.exercises_unchecked = False

    # -- reporting ------------------------------------------------------------------------------

    def _report(
        self, severity: Severity, at: Node | tuple[int, int], message: str, hint: str | None
    ) -> None:
        line, col = at if isinstance(at, tuple) else (at.line, at.col)
        self.problems.append(Problem(self.path, line, col, severity, message, hint))
        if severity == "error":
            self.errors += 1

    def error(self, at: Node | tuple[int, int], message: str, hint: str | None = None) -> None:
        self._report("error", at, message, hint)

    def warning(self, at: Node | tuple[int, int], message: str, hint: str | None = None) -> None:
        self._report("warning", at, message, hint)

    # -- values ---------------------------------------------------------------------------------

    def fields(self, node: Map, what: str) -> dict[str, tuple[Scalar, Node]]:
        """A mapping's fields by name (key node, value node); odd keys and repeats reported."""
        found: dict[str, tuple[Scalar, Node]] = {}
        for key, value in node.pairs:
            if isinstance(key, Refused):
                continue
            if not isinstance(key, Scalar) or not key.value:
                self.error(key, f"a field name in {what} must be a plain word")
                continue
            name = key.value
            if name in found:
                self.error(
                    key,
                    f"field '{name}' appears twice in {what} (first on line {found[name][0].line})",
                    "keep one of them",
                )
                continue
            found[name] = (key, value)
        return found

    def text(self, node: Node, field: str, *, required: bool = True) -> str | None:
        """A text field, taken as written: `back: 2014` is the text "2014", `yes` stays "yes"."""
        if isinstance(node, Refused):
            return None
        if not isinstance(node, Scalar):
            self.error(
                node,
                f"'{field}' must be text, not {_describe(node)}",
                "quote text holding ': ' or starting with '[', '{', '-'; use | for several lines",
            )
            return None
        value = node.value
        if not value.strip():
            if required:
                self.error(node, f"'{field}' is empty")
            return "" if not required else None
        if node.style == '"' and _CONTROL.search(value):
            self.warning(
                node,
                f"'{field}' holds a control character made by a backslash escape",
                'in double quotes "\\b" is a backspace: write LaTeX in single quotes or after |',
            )
        return value

    def text_list(self, node: Node, field: str) -> tuple[tuple[str, Node], ...] | None:
        """A list of text items, with each item's node (for positions); None after an error."""
        if isinstance(node, Refused):
            return None
        if not isinstance(node, Seq):
            hint = f"write a list: [{node.value}]" if isinstance(node, Scalar) else None
            self.error(node, f"'{field}' must be a list, not {_describe(node)}", hint)
            return None
        items: list[tuple[str, Node]] = []
        ok = True
        for number, item in enumerate(node.items, start=1):
            value = self.text(item, f"{field}[{number}]")
            if value is None:
                ok = False
            else:
                items.append((value.strip(), item))
        return tuple(items) if ok else None

    def identifier(self, node: Node, what: str) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            suggestion = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-")
            self.error(
                node,
                f"{what} '{value}' may hold only letters a-z, digits, '-', '_' and '.'",
                f"e.g. '{suggestion}'" if suggestion else None,
            )
            return None
        return value

    def number(self, node: Node, field: str) -> float | None:
        """A number ≥ 0 (int or float; true/false are not numbers)."""
        if isinstance(node, Refused):
            return None
        value = scalar_value(node) if isinstance(node, Scalar) else None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            number = isinstance(node, Scalar) and isinstance(value, int | float)
            what = node.value if isinstance(node, Scalar) and number else _describe(node)
            self.error(node, f"'{field}' must be a number ≥ 0, not {what}")
            return None
        return float(value)

    def plain(self, node: Node, field: str) -> tuple[bool, Any]:
        """A value as plain JSON-like data (for exercise params): (ok, value)."""
        if isinstance(node, Refused):
            return False, None
        if isinstance(node, Scalar):
            return True, scalar_value(node)
        if isinstance(node, Seq):
            values = [self.plain(item, field) for item in node.items]
            return all(ok for ok, _ in values), [value for _, value in values]
        result: dict[str, Any] = {}
        ok = True
        for name, (_, value) in self.fields(node, f"'{field}'").items():
            item_ok, result[name] = self.plain(value, f"{field}.{name}")
            ok = ok and item_ok
        return ok, result

    # -- the deck -------------------------------------------------------------------------------

    def deck(self, root: Node | None, content_hash: str) -> Deck | None:
        if root is None:
            self.error(
                (1, 1),
                "the file is empty",
                "a deck needs at least 'deck', 'title' and 'cards'; see docs/decks.md",
            )
            return None
        if isinstance(root, Refused):
            return None
        if not isinstance(root, Map):
            hint = (
                "put the cards under 'cards:' and add 'deck:' and 'title:' above"
                if isinstance(root, Seq)
                else "a deck starts with lines such as 'deck: my-deck' and 'title: My deck'"
            )
            self.error(
                root, f"a deck file must be a mapping of fields, not {_describe(root)}", hint
            )
            return None
        fields = self.fields(root, "the deck")
        for name, (key, _) in fields.items():
            if name not in DECK_FIELDS:
                self.error(
                    key,
                    f"unknown deck field '{name}'",
                    "card fields go in a list entry under 'cards:' (check the indentation)"
                    if name in _ALL_CARD_FIELDS
                    else _did_you_mean(name, DECK_FIELDS),
                )
        missing = [f"'{name}'" for name in ("deck", "title", "cards") if name not in fields]
        if missing:
            listed = (
                ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else missing[0]
            )
            self.error(root, f"missing {listed}: every deck needs deck, title and cards")

        deck_id = None
        if "deck" in fields:
            node = fields["deck"][1]
            self.deck_at = (node.line, node.col)
            deck_id = self.identifier(node, "deck id")
        title = self.text(fields["title"][1], "title") if "title" in fields else None
        description = ""
        if "description" in fields:
            description = self.text(fields["description"][1], "description", required=False) or ""
        tags = self.tags(fields["tags"][1]) if "tags" in fields else ()
        cards = self.cards(fields["cards"][1]) if "cards" in fields else None
        if self.errors or deck_id is None or title is None or cards is None:
            return None
        return Deck(
            id=deck_id,
            title=title.strip(),
            cards=cards,
            description=description.strip(),
            tags=tags,
            content_hash=content_hash,
        )

    def tags(self, node: Node) -> tuple[str, ...]:
        items = self.text_list(node, "tags")
        return tuple(value for value, _ in items) if items else ()

    def cards(self, node: Node) -> tuple[Card, ...] | None:
        if isinstance(node, Refused):
            return None
        if not isinstance(node, Seq):
            self.error(node, f"'cards' must be a list of cards, not {_describe(node)}")
            return None
        if not node.items:
            self.error(node, "the deck has no cards", "add at least one card under 'cards:'")
            return None
        cards: list[Card] = []
        first_line: dict[str, int] = {}
        for item in node.items:
            card, key = self.card(item)
            # A card with errors still claims its id: the clash is there whatever else is fixed.
            if key is not None and key.id in first_line:
                if key.derived:
                    self.error(
                        (item.line, item.col),
                        f"this card has no id and the same content as the card on line "
                        f"{first_line[key.id]} (both derive the id '{key.id}')",
                        "give each of them an 'id'",
                    )
                else:
                    self.error(
                        self._id_position(item),
                        f"duplicate card id '{key.id}' (first used on line {first_line[key.id]})",
                        "card ids must be unique within a deck",
                    )
                continue
            if key is not None:
                first_line[key.id] = item.line
            if card is not None:
                cards.append(card)
        return tuple(cards)

    @staticmethod
    def _id_position(item: Node) -> tuple[int, int]:
        if isinstance(item, Map):
            for key, value in item.pairs:
                if isinstance(key, Scalar) and key.value == "id":
                    return value.line, value.col
        return item.line, item.col

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
                f"a card must be a mapping of fields, not {_describe(node)}",
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
                hint = _did_you_mean(name, list(_KINDS)) or f"kinds: {', '.join(_KINDS)}"
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

        def get_text(name: str, *, required: bool = True) -> None:
            if name in fields:
                value = self.text(fields[name][1], name, required=required)
                if value is not None:
                    values[name] = value.strip()

        get_text("front")
        get_text("back", required=kind in (CardKind.BASIC, CardKind.REVERSE))
        if "tags" in fields:
            values["tags"] = self.tags(fields["tags"][1])

        # What a card without an id derives its id from; None when that is not valid itself.
        content: str | None = values.get("front")
        if kind is CardKind.CLOZE:
            get_text("text")
            if "text" in values:
                self.cloze(fields["text"][1], values["text"])
            content = values.get("text")
        elif kind is CardKind.CHOICE:
            self.choice(fields, values)
        elif kind is CardKind.TYPED:
            get_text("answer")
            if "accept" in fields:
                accept = self.text_list(fields["accept"][1], "accept")
                if accept is not None:
                    values["accept"] = tuple(value for value, _ in accept)
        elif kind is CardKind.ORDER:
            self.order(fields, values)
        elif kind is CardKind.EXERCISE:
            generator, spec = self.exercise(node, fields)
            if spec is not None:
                values["exercise"] = spec
            content = None if content is None or generator is None else f"{content}\0{generator}"

        claim = explicit
        if "id" not in fields and content is not None:
            claim = CardKey(derive_id(kind, content), derived=True)
        if self.errors > errors_before or claim is None:
            return None, claim
        if claim.derived:
            self.warning(node, NO_ID_WARNING, NO_ID_HINT)
        card = Card(id=claim.id, kind=kind, line=node.line, id_derived=claim.derived, **values)
        return card, claim

    def cloze(self, node: Node, text: str) -> None:
        matches = list(CLOZE_PATTERN.finditer(text))
        starts = {m.start() for m in matches}
        malformed = False
        for stray in _CLOZE_START.finditer(text):
            if stray.start() not in starts:
                malformed = True
                end = text.find("}}", stray.start())
                shown = text[stray.start() : end + 2 if 0 <= end < stray.start() + 40 else None]
                self.error(
                    node,
                    f"malformed deletion '{shown[:40]}'",
                    "write {{c1::answer}} or {{c1::answer::hint}}",
                )
        if not matches and not malformed:
            self.error(
                node,
                "a cloze card needs at least one deletion",
                "mark each blank as {{c1::answer}}; blanks sharing a number are asked together",
            )
        for match in matches:
            if int(match.group(1)) < 1:
                self.error(node, f"deletion '{match.group(0)}': numbers start at c1")
            if not match.group(2).strip():
                self.error(node, f"deletion '{match.group(0)}' has an empty answer")

    def choice(self, fields: dict[str, tuple[Scalar, Node]], values: dict[str, Any]) -> None:
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
                    answer, f"'answer' must be a choice number, not {_describe(answer)}", hint
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

    def order(self, fields: dict[str, tuple[Scalar, Node]], values: dict[str, Any]) -> None:
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

    def exercise(
        self, card: Map, fields: dict[str, tuple[Scalar, Node]]
    ) -> tuple[str | None, ExerciseSpec | None]:
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
                    f"{_describe(node)}",
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
                        hint = _did_you_mean(name, list(tolerance)) or "tolerance has rel and abs"
                        self.error(key, f"unknown tolerance '{name}'", hint)
                    else:
                        tolerance[name] = self.number(value, f"tolerance.{name}")
            elif not isinstance(node, Refused):
                self.error(
                    node,
                    f"'tolerance' must be a mapping such as {{rel: 0.01, abs: 0.0001}}, "
                    f"not {_describe(node)}",
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
