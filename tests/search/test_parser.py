"""The query parser: every operator and field to its syntax tree, and every error at its column.

The expected trees are written out by hand from the language's rules (docs/search.md): AND
binds tighter than OR, `-` applies to the one term or group after it, a column is 1-based.
"""

from __future__ import annotations

import pytest

from quizapp.search import QueryError, parse
from quizapp.search.ast import (
    And,
    DeckIs,
    Everything,
    KindIs,
    Node,
    Not,
    Or,
    Prop,
    Rated,
    StateIs,
    TagIs,
    Text,
)

TREES: list[tuple[str, Node]] = [
    ("", Everything()),
    ("   ", Everything()),
    ("adam", Text("adam", 1)),
    ("Résumé", Text("resume", 1)),
    ("ÉCOLE", Text("ecole", 1)),
    ("d*g", Text("d*g", 1)),
    ('"bias  correction"', Text("bias correction", 1)),
    ('"tag:x"', Text("tag:x", 1)),
    ('"a \\" b"', Text('a " b', 1)),
    ("adam sgd", And((Text("adam", 1), Text("sgd", 6)), 1)),
    ("adam AND sgd", And((Text("adam", 1), Text("sgd", 10)), 1)),
    ("adam OR sgd", Or((Text("adam", 1), Text("sgd", 9)), 1)),
    ("adam or sgd", Or((Text("adam", 1), Text("sgd", 9)), 1)),
    ('"or"', Text("or", 1)),
    (
        "a b OR c",
        Or((And((Text("a", 1), Text("b", 3)), 1), Text("c", 8)), 1),
    ),
    (
        "a (b OR c)",
        And((Text("a", 1), Or((Text("b", 4), Text("c", 9)), 4)), 1),
    ),
    ("-adam", Not(Text("adam", 2), 1)),
    ("--adam", Not(Not(Text("adam", 3), 2), 1)),
    ('-"a b"', Not(Text("a b", 2), 1)),
    ("-(a OR b)", Not(Or((Text("a", 3), Text("b", 8)), 3), 1)),
    ("((a))", Text("a", 3)),
    ("deck:optimizers", DeckIs("optimizers", 1)),
    ('deck:"my deck"', DeckIs("my deck", 1)),
    ("deck:opt*", DeckIs("opt*", 1)),
    ("DECK:x", DeckIs("x", 1)),
    ("tag:Adam", TagIs("adam", 1)),
    ("tag:opt*", TagIs("opt*", 1)),
    ("kind:cloze", KindIs("cloze", 1)),
    ("kind:Reverse", KindIs("reverse", 1)),
    *(
        (f"is:{state}", StateIs(state, 1))
        for state in ("new", "learning", "review", "due", "suspended", "buried", "leech")
    ),
    ("is:DUE", StateIs("due", 1)),
    ("prop:ivl>=10", Prop("ivl", ">=", 10, 1)),
    ("prop:lapses>3", Prop("lapses", ">", 3, 1)),
    ("prop:reps<2", Prop("reps", "<", 2, 1)),
    ("prop:due<=1", Prop("due", "<=", 1, 1)),
    ("prop:due=-2", Prop("due", "=", -2, 1)),
    ("prop:ivl!=0", Prop("ivl", "!=", 0, 1)),
    ("prop:ivl=0", Prop("ivl", "=", 0, 1)),
    ("rated:7", Rated(7, None, 1)),
    ("rated:7:1", Rated(7, 1, 1)),
    ("rated:1:0", Rated(1, 0, 1)),
    (
        "tag:adam -is:suspended",
        And((TagIs("adam", 1), Not(StateIs("suspended", 11), 10)), 1),
    ),
    (
        "(deck:a OR deck:b) prop:due<=3 -rated:1",
        And(
            (
                Or((DeckIs("a", 2), DeckIs("b", 12)), 2),
                Prop("due", "<=", 3, 20),
                Not(Rated(1, None, 33), 32),
            ),
            1,
        ),
    ),
]


@pytest.mark.parametrize(("query", "tree"), TREES, ids=[query or "empty" for query, _ in TREES])
def test_a_query_parses_to_its_tree(query: str, tree: Node) -> None:
    assert parse(query) == tree


ERRORS: list[tuple[str, int, str]] = [
    ("(adam", 1, "'(' is never closed"),
    ("a (b OR c", 3, "'(' is never closed"),
    ("adam)", 5, "')' closes nothing"),
    ("()", 1, "nothing between '(' and ')'"),
    ('"adam', 1, "quote is never closed"),
    ('tag:"x', 5, "quote is never closed"),
    ("OR adam", 1, "'OR' needs a search on each side"),
    ("adam OR", 6, "'OR' needs a search on each side"),
    ("a OR OR b", 3, "'OR' needs a search on each side"),
    ("(a OR) b", 4, "'OR' needs a search on each side"),
    ("AND a", 1, "'AND' needs a search on each side"),
    ("a AND", 3, "'AND' needs a search on each side"),
    ("- adam", 1, "'-' must come right before"),
    ("adam -", 6, "'-' must come right before"),
    ("(a -)", 4, "'-' must come right before"),
    ("a -OR b", 3, "'-' must come right before"),
    ("foo:bar", 1, "no search field 'foo:'"),
    ("adam http://x", 6, "no search field 'http:'"),
    ("tag:", 5, "'tag:' needs a value"),
    ("deck:", 6, "'deck:' needs a value"),
    ("kind:poem", 6, "no card kind 'poem'"),
    ("is:sleeping", 4, "'is:' takes one of new, learning"),
    ("prop:size>3", 6, "'prop:' compares one of ivl, lapses, reps, due"),
    ("prop:ivl", 9, "'prop:ivl' needs a comparison"),
    ("prop:ivl10", 9, "'prop:ivl' needs a comparison"),
    ("prop:ivl>=", 11, "'prop:ivl>=' takes a whole number"),
    ("prop:ivl>=1.5", 11, "'prop:ivl>=' takes a whole number"),
    ("prop:ivl>-1", 10, "'prop:ivl>' takes a whole number"),
    ("prop:due<=x", 11, "'prop:due<=' takes a whole number (negative: days ago)"),
    ("rated:0", 7, "'rated:' takes a number of days from 1"),
    ("rated:x", 7, "'rated:' takes a number of days from 1"),
    ("rated:99999", 7, "'rated:' takes a number of days from 1"),
    ("rated:7:", 9, "'rated:7:' takes a rating from 0 to 5"),
    ("rated:7:6", 9, "'rated:7:' takes a rating from 0 to 5"),
    ('""', 1, "an empty search"),
    ("*", 1, "an empty search"),
]


@pytest.mark.parametrize(("query", "column", "message"), ERRORS, ids=[q for q, _, _ in ERRORS])
def test_a_bad_query_is_refused_at_its_column(query: str, column: int, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse(query)
    assert raised.value.column == column
    assert message in raised.value.message
    # The message shows the query with a caret under the column.
    first, shown, caret = str(raised.value).splitlines()
    assert first == f"{raised.value.message} (column {column})"
    assert shown == f"  {query}"
    assert caret == "  " + " " * (column - 1) + "^"


def test_the_caret_counts_wide_characters_as_two_cells() -> None:
    with pytest.raises(QueryError) as raised:
        parse("모멘텀 kind:poem")
    assert raised.value.column == 10  # characters: 3 + space + "kind:" + 1
    # On the terminal the three Korean characters take six cells.
    assert str(raised.value).splitlines()[2] == "  " + " " * 12 + "^"


def test_control_characters_of_a_query_are_not_printed_raw() -> None:
    with pytest.raises(QueryError) as raised:
        parse("\x1b[31m foo:bar")
    assert "\x1b" not in str(raised.value)
    assert raised.value.column == 7
    assert str(raised.value).splitlines()[2] == "  " + " " * 6 + "^"
    with pytest.raises(QueryError) as raised:
        parse("kind:\x1b]0;x")
    assert "\x1b" not in str(raised.value)
