"""The fast card writer's tree is exactly what the deck loader reads from the text it wrote.

The import checks fast-written cards on that tree instead of parsing the text again, so the
tree must agree with `quizapp.decks.yamltree.compose` on every value, style, line and column.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from quizapp.decks.yamltree import Map, Node, Scalar, Seq, compose
from quizapp.interchange.yamlfast import render_cards

HEAD = "# a comment\ndeck: d\ntitle: T\ncards:\n"

#: Text as an import may hold it: words, YAML's indicators, quotes, control characters,
#: line and paragraph separators, non-Latin letters and emoji.
_CHARS = st.sampled_from(
    [
        *"aZ09 -:#[]{},\"'\\|>&*!%@`?~=.()\t\r\n",
        *("\x00", "\x07", "\x1b", "\x7f", "\x84", "\x85", "\x9f", "\xa0", "\u3000"),
        *("\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"),
        *("배", "β", "₁", "😀"),
    ]
)
_TEXT = st.one_of(
    st.text(_CHARS, max_size=12),
    st.builds("a{}".format, st.text(_CHARS, max_size=6)),  # may be plain: starts with a letter
    st.sampled_from(["yes", "No", "null", "on", "1e3", "0x10", "~", "-1", "a - b", "x: y"]),
)
_CARDS = st.lists(
    st.dictionaries(
        st.sampled_from(["id", "kind", "front", "back", "text", "tags", "accept"]),
        st.one_of(_TEXT, st.lists(_TEXT, max_size=3)),
        min_size=1,
    ),
    max_size=4,
)


def _same(read: Node, built: Node, where: str) -> None:
    assert type(read) is type(built), where
    assert (read.line, read.col) == (built.line, built.col), where
    if isinstance(read, Scalar):
        assert isinstance(built, Scalar)
        assert (read.value, read.style, read.tag) == (built.value, built.style, built.tag), where
    elif isinstance(read, Seq):
        assert isinstance(built, Seq)
        assert len(read.items) == len(built.items), where
        for number, (a, b) in enumerate(zip(read.items, built.items, strict=True)):
            _same(a, b, f"{where}[{number}]")
    elif isinstance(read, Map):
        assert isinstance(built, Map)
        assert len(read.pairs) == len(built.pairs), where
        for (ka, va), (kb, vb) in zip(read.pairs, built.pairs, strict=True):
            _same(ka, kb, f"{where} key")
            _same(va, vb, f"{where}.{getattr(ka, 'value', '?')}")


@settings(max_examples=400, deadline=None)
@given(_CARDS)
@example([{"id": "a", "front": "What is x (1)?", "back": "배깅 β₁", "tags": ["t1", "imported"]}])
@example([{"front": 'say "hi"\\now', "back": " spaced  out ", "tags": []}])
@example([{"front": "line\u2028separator", "back": "esc \x1b]0;x\x07"}])
@example([{"front": "a\x07b", "back": "a\x7fb", "text": "a\x9fb", "tags": ["a\ufffeb", "a\x85"]}])
def test_the_tree_is_what_the_loader_reads(cards: list[dict[str, object]]) -> None:
    first_line = HEAD.count("\n") + 1
    rendered = render_cards(cards, dash_col=2, item_col=4, first_line=first_line)
    if rendered.tree is None:
        return  # a card went to PyYAML: the import then has the loader read the whole text
    root, problems = compose(HEAD + rendered.text, "d.yaml")
    assert problems == []
    assert isinstance(root, Map)
    key, read = root.pairs[-1]
    assert isinstance(key, Scalar) and key.value == "cards"
    if not cards:
        assert isinstance(read, Scalar) and read.value == ""  # `cards:` with nothing after it
        return
    _same(read, rendered.tree, "cards")


def test_most_one_line_cards_are_written_fast() -> None:
    """The tree is there for the cards a spreadsheet holds, and not for several lines."""
    common = [{"id": "q", "front": 'What is "x" (1)?', "back": "a: b", "tags": ["t", "yes"]}]
    assert render_cards(common, dash_col=2, item_col=4).tree is not None
    lines = [{"id": "q", "front": "two\nlines", "back": "b"}]
    assert render_cards(lines, dash_col=2, item_col=4).tree is None


def test_the_import_check_on_the_tree_finds_what_the_loader_finds() -> None:
    """Cards the deck rules refuse, checked on the fast writer's tree: the loader's own errors,
    at the same lines and columns, as when the loader reads the whole file."""
    from quizapp.interchange.imported import ImportedDeck, _deck_errors, _loader_errors, _render

    deck = ImportedDeck(deck_id="d", title="T")
    deck.cards = [
        {"id": "a", "front": "What?", "back": "This."},
        {"id": "a", "front": "Again?", "back": "A clash."},
        {"id": "bad id!", "front": "Odd id?", "back": "Yes."},
        {"id": "c", "front": "   ", "back": "blank front"},
        {"id": "e", "kind": "cloze", "text": "no deletion here"},
        {"id": "f", "kind": "nonsense", "front": "x", "back": "y"},
    ]
    head, cards = _render(deck, "cards.csv")
    assert cards.tree is not None
    errors = _deck_errors("d.yaml", head, cards)
    assert errors == _loader_errors("d.yaml", head + cards.text)
    assert len(errors) >= 5
    assert any("duplicate card id 'a'" in e for e in errors)
