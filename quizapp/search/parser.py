"""The query language's parser: a query string in, a syntax tree (`quizapp.search.ast`) out.

Anki's language where it fits: words and "quoted phrases" match any text of the card; `deck:`,
`tag:` (with `*`), `kind:`, `is:`, `prop:` and `rated:` ask for a field; `-` leaves out, `OR`
gives either side, parentheses group, and terms side by side must all hold (AND binds tighter
than OR, as in Anki). A bad query raises `QueryError`, which names the column it is about.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import cast

from quizapp.model import CardKind
from quizapp.search.ast import (
    IS_STATES,
    OPERATORS,
    PROPERTIES,
    And,
    DeckIs,
    Everything,
    KindIs,
    Node,
    Not,
    Operator,
    Or,
    Prop,
    Rated,
    StateIs,
    TagIs,
    Text,
)
from quizapp.search.text import fold

FIELDS = ("deck", "tag", "kind", "is", "prop", "rated")
#: The most days `rated:` and `prop:` take (a hundred years).
MAX_DAYS = 36_500
#: The ratings any scheduler gives (SM-2 0-5, FSRS 1-4).
RATINGS = range(0, 6)


class QueryError(ValueError):
    """A query that cannot be read: what is wrong, and the 1-based column it is at."""

    def __init__(self, message: str, query: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.query = query
        self.column = column

    def __str__(self) -> str:
        shown = _printable(self.query)
        before = shown[: _shown_offset(self.query, self.column - 1)]
        caret = " " * _width(before) + "^"
        return f"{_printable(self.message)} (column {self.column})\n  {shown}\n  {caret}"


@dataclass(frozen=True, slots=True)
class _Token:
    #: "(", ")", "-", "or", "and", "atom"
    type: str
    text: str
    column: int
    #: For an atom: the part after a field's colon was quoted, or the whole atom was.
    quoted: bool = False
    #: For an atom: the whole atom was one quoted phrase.
    phrase: bool = False


def parse(query: str) -> Node:
    """The syntax tree of `query` (the empty query is `Everything`); `QueryError` if bad."""
    parser = _Parser(query, _tokens(query))
    return parser.parse()


# -- tokens -----------------------------------------------------------------------------------


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char, char, i + 1))
            i += 1
        elif char == "-" and (i + 1 == n or query[i + 1].isspace()):
            raise QueryError("'-' must come right before what it leaves out", query, i + 1)
        elif char == "-":
            tokens.append(_Token("-", char, i + 1))
            i += 1
        else:
            token, i = _atom(query, i)
            word = token.text.casefold()
            if not token.quoted and word in ("or", "and"):
                tokens.append(_Token(word, token.text, token.column))
            else:
                tokens.append(token)
    return tokens


def _atom(query: str, start: int) -> tuple[_Token, int]:
    """A word, a "phrase", or a field with its value (which may be quoted), from `start`."""
    parts: list[str] = []
    quoted = False
    i, n = start, len(query)
    while i < n and not query[i].isspace() and query[i] not in "()":
        if query[i] == '"':
            text, i = _quoted(query, i)
            parts.append(text)
            quoted = True
        else:
            parts.append(query[i])
            i += 1
    phrase = query[start] == '"' and (i == n or query[i].isspace() or query[i] in "()")
    phrase = phrase and quoted and len(parts) == 1
    return _Token("atom", "".join(parts), start + 1, quoted=quoted, phrase=phrase), i


def _quoted(query: str, start: int) -> tuple[str, int]:
    """The text of the quoted run opening at `start` (``\\"`` is a quote inside it)."""
    out: list[str] = []
    i = start + 1
    while i < len(query):
        char = query[i]
        if char == "\\" and i + 1 < len(query) and query[i + 1] in '"\\':
            out.append(query[i + 1])
            i += 2
        elif char == '"':
            return "".join(out), i + 1
        else:
            out.append(char)
            i += 1
    raise QueryError('this quote is never closed: add a closing "', query, start + 1)


# -- the grammar ------------------------------------------------------------------------------


class _Parser:
    """or := and ('OR' and)* ; and := unary+ (with optional 'AND') ; unary := '-' unary |
    '(' or ')' | term."""

    def __init__(self, query: str, tokens: list[_Token]) -> None:
        self.query = query
        self.tokens = tokens
        self.at = 0

    def parse(self) -> Node:
        if not self.tokens:
            return Everything()
        node = self._or()
        if self.at < len(self.tokens):
            token = self.tokens[self.at]
            raise self._error("')' closes nothing: remove it or add a '(' before", token)
        return node

    def _peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _error(self, message: str, token: _Token | None) -> QueryError:
        column = len(self.query) + 1 if token is None else token.column
        return QueryError(message, self.query, column)

    def _or(self) -> Node:
        first = self._peek()
        if first is not None and first.type == "or":
            raise self._error("'OR' needs a search on each side", first)
        operands = [self._and()]
        while (token := self._peek()) is not None and token.type == "or":
            self.at += 1
            following = self._peek()
            if following is None or following.type in ("or", ")"):
                raise self._error("'OR' needs a search on each side", token)
            operands.append(self._and())
        assert first is not None
        return operands[0] if len(operands) == 1 else Or(tuple(operands), first.column)

    def _and(self) -> Node:
        first = self._peek()
        operands: list[Node] = []
        while (token := self._peek()) is not None and token.type not in ("or", ")"):
            if token.type == "and":
                following = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else None
                if not operands or following is None or following.type in ("or", "and", ")"):
                    raise self._error("'AND' needs a search on each side", token)
                self.at += 1
                continue
            operands.append(self._unary())
        if not operands:
            raise self._error("a search is missing here", first)
        assert first is not None
        return operands[0] if len(operands) == 1 else And(tuple(operands), first.column)

    def _unary(self) -> Node:
        token = self._peek()
        assert token is not None
        if token.type == "-":
            self.at += 1
            following = self._peek()
            if following is None or following.type in ("or", "and", ")"):
                raise self._error("'-' must come right before what it leaves out", token)
            return Not(self._unary(), token.column)
        if token.type == "(":
            self.at += 1
            following = self._peek()
            if following is not None and following.type == ")":
                raise self._error("nothing between '(' and ')'", token)
            if following is None:
                raise self._error("this '(' is never closed: add a ')'", token)
            node = self._or()
            closing = self._peek()
            if closing is None or closing.type != ")":
                raise self._error("this '(' is never closed: add a ')'", token)
            self.at += 1
            return node
        self.at += 1
        return _term(self.query, token)


# -- terms ------------------------------------------------------------------------------------


def _term(query: str, token: _Token) -> Node:
    text, column = token.text, token.column
    if token.phrase or ":" not in text:
        return _text(query, token)
    name, value = text.split(":", 1)
    field = name.casefold()
    value_column = column + len(name) + 1
    if field not in FIELDS:
        raise QueryError(
            f"no search field '{name}:' (fields: {', '.join(f + ':' for f in FIELDS)}); "
            f'to find the text, quote it: "{text}"',
            query,
            column,
        )
    if not value:
        raise QueryError(f"'{name}:' needs a value after the colon", query, value_column)
    if field == "deck":
        return DeckIs(value, column)
    if field == "tag":
        return TagIs(fold(value), column)
    if field == "kind":
        kinds = [kind.value for kind in CardKind]
        if value.casefold() not in kinds:
            raise QueryError(
                f"no card kind '{value}' (kinds: {', '.join(kinds)})", query, value_column
            )
        return KindIs(value.casefold(), column)
    if field == "is":
        if value.casefold() not in IS_STATES:
            raise QueryError(
                f"'is:' takes one of {', '.join(IS_STATES)}, not '{value}'", query, value_column
            )
        return StateIs(value.casefold(), column)
    if field == "prop":
        return _prop(query, value, value_column, column)
    return _rated(query, value, value_column, column)


def _text(query: str, token: _Token) -> Text:
    folded = fold(token.text)
    if not folded.replace("*", ""):
        raise QueryError("an empty search: write a word or remove the quotes", query, token.column)
    return Text(folded, token.column)


_PROP = re.compile(r"([A-Za-z_]*)(<=|>=|!=|<|>|=)?(.*)")


def _prop(query: str, value: str, value_column: int, column: int) -> Prop:
    match = _PROP.fullmatch(value)
    assert match is not None  # the pattern matches any text
    name, op, number = match.group(1), match.group(2), match.group(3)
    if name.casefold() not in PROPERTIES:
        raise QueryError(
            f"'prop:' compares one of {', '.join(PROPERTIES)}, not '{name}'", query, value_column
        )
    if op is None:
        raise QueryError(
            f"'prop:{name}' needs a comparison: one of {' '.join(OPERATORS)} and a number",
            query,
            value_column + len(name),
        )
    number_column = value_column + len(name) + len(op)
    allow_negative = name.casefold() == "due"
    parsed = _whole(number, allow_negative=allow_negative)
    if parsed is None or abs(parsed) > MAX_DAYS * 10:
        wanted = "a whole number (negative: days ago)" if allow_negative else "a whole number"
        raise QueryError(f"'prop:{name}{op}' takes {wanted}, not '{number}'", query, number_column)
    return Prop(name.casefold(), cast(Operator, op), parsed, column)


def _rated(query: str, value: str, value_column: int, column: int) -> Rated:
    days_text, _, rating_text = value.partition(":")
    days = _whole(days_text, allow_negative=False)
    if days is None or not 1 <= days <= MAX_DAYS:
        raise QueryError(
            f"'rated:' takes a number of days from 1 (today) to {MAX_DAYS}, not '{days_text}'",
            query,
            value_column,
        )
    if ":" not in value:
        return Rated(days, None, column)
    rating = _whole(rating_text, allow_negative=False)
    if rating is None or rating not in RATINGS:
        raise QueryError(
            f"'rated:{days}:' takes a rating from {RATINGS[0]} to {RATINGS[-1]}, "
            f"not '{rating_text}'",
            query,
            value_column + len(days_text) + 1,
        )
    return Rated(days, rating, column)


def _whole(text: str, *, allow_negative: bool) -> int | None:
    digits = text[1:] if allow_negative and text.startswith("-") else text
    if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > 9:
        return None
    return int(text)


# -- showing the query under an error --------------------------------------------------------


def _printable(text: str) -> str:
    """`text` with each control character shown as one `?`, so columns stay where they are."""
    return "".join("?" if unicodedata.category(char) in ("Cc", "Cf") else char for char in text)


def _shown_offset(text: str, offset: int) -> int:
    return min(max(offset, 0), len(text))


def _width(text: str) -> int:
    """Terminal cells `text` takes: wide (East Asian) characters take two, marks none."""
    cells = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        cells += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return cells
