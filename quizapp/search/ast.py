"""The query language's syntax tree: frozen nodes, each with the column it starts at.

`quizapp.search.parser` builds them; the store compiles them to SQL
(`quizapp.store.search_sql`). A node's `column` (1-based) is where an error about it points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The states `is:` names.
IS_STATES = ("new", "learning", "review", "due", "suspended", "buried", "leech")
#: The properties `prop:` compares, and the comparison operators.
PROPERTIES = ("ivl", "lapses", "reps", "due")
OPERATORS = ("<=", ">=", "!=", "<", ">", "=")

Operator = Literal["<", "<=", "=", "!=", ">=", ">"]


@dataclass(frozen=True, slots=True)
class Text:
    """Free text (a word, or a quoted phrase): matches any text of the card.

    `pattern` is folded (`quizapp.search.text.fold`); `*` in it matches any run of characters.
    """

    pattern: str
    column: int


@dataclass(frozen=True, slots=True)
class DeckIs:
    """`deck:ID`: the deck id, `*` matching any run of characters, case-insensitive."""

    pattern: str
    column: int


@dataclass(frozen=True, slots=True)
class TagIs:
    """`tag:T`: a tag of the card or its deck (or a stored one, such as `leech`), folded."""

    pattern: str
    column: int


@dataclass(frozen=True, slots=True)
class KindIs:
    """`kind:K`: the card's kind (one of `quizapp.model.CardKind`)."""

    kind: str
    column: int


@dataclass(frozen=True, slots=True)
class StateIs:
    """`is:S`: one of `IS_STATES`."""

    state: str
    column: int


@dataclass(frozen=True, slots=True)
class Prop:
    """`prop:NAME OP N`: interval in days, lapses, reviews, or due in days from today."""

    name: str
    op: Operator
    value: int
    column: int


@dataclass(frozen=True, slots=True)
class Rated:
    """`rated:N[:R]`: answered in the last `days` study days (today is 1), with rating R."""

    days: int
    rating: int | None
    column: int


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node
    column: int


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Node, ...]
    column: int


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Node, ...]
    column: int


@dataclass(frozen=True, slots=True)
class Everything:
    """The empty query: every card."""

    column: int = 1


Node = Text | DeckIs | TagIs | KindIs | StateIs | Prop | Rated | Not | And | Or | Everything
