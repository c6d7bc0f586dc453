"""The fast card writer round-trips exactly through the deck loader, and the import's card check
(`card_check`) refuses exactly what the loader refuses in the written file.

The import checks most cards on their values instead of reading their YAML back, so both halves
matter: the loader must read back the very text written, and the check's verdict must be the
loader's, for random and hostile values.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizapp.decks import load_deck
from quizapp.decks.yamltree import Map, Scalar, Seq, compose
from quizapp.interchange.card_check import certainly_valid, deck_errors
from quizapp.interchange.imported import ImportedDeck, _render
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
_WORDS = [
    *("yes", "No", "NULL", "null", "~", "on", "Off", "y", "true", "1e3", "0x10", "-1", "12:30"),
    *("a - b", "x: y", "- item", "# not a comment", "a #b", "trailing ", " leading", "'q'"),
    *('"dq"', "two\nlines", "end\n", "\n\nblank", "|", ">", "&anchor", "*alias", "!tag", "%"),
    *("{{c1::x}}", "a {{c0::b}}", "{{c1::}}", "{{c1:x}}", "{{c2::β::hint}} 배", "?", "[a]"),
]
_TEXT = st.one_of(
    st.text(_CHARS, max_size=12),
    st.builds("a{}".format, st.text(_CHARS, max_size=6)),  # may be plain: starts with a letter
    st.sampled_from(_WORDS),
    st.text(max_size=8),  # any code point
)


def _written(cards: list[dict[str, object]]) -> tuple[str, Seq]:
    rendered = render_cards(cards, dash_col=2, item_col=4, first_line=HEAD.count("\n") + 1)
    root, problems = compose(HEAD + rendered.text, "d.yaml")
    assert [p for p in problems if p.severity == "error"] == []
    assert isinstance(root, Map)
    key, read = root.pairs[-1]
    assert isinstance(key, Scalar) and key.value == "cards"
    assert isinstance(read, Seq)
    return HEAD + rendered.text, read


_ANY_CARD = st.fixed_dictionaries(
    {"id": _TEXT, "front": _TEXT, "back": _TEXT, "tags": st.lists(_TEXT, max_size=3)}
)
_SOLID = _TEXT.filter(str.strip)
_GOOD_ID = st.text("abz09-_.", min_size=1, max_size=5).filter(lambda i: bool(i.strip(".")))
_LOADABLE = st.fixed_dictionaries(
    {"id": _GOOD_ID, "front": _SOLID, "back": _SOLID, "tags": st.lists(_SOLID, max_size=3)}
)
_FIXTURE = [HealthCheck.function_scoped_fixture]


@settings(max_examples=500, deadline=None)
@given(st.lists(_ANY_CARD, min_size=1, max_size=4))
@example([{"id": "a", "front": "What is x (1)?", "back": "배깅 β₁", "tags": ["t1", "imported"]}])
@example([{"id": "yes", "front": 'say "hi"\\now', "back": " spaced  out ", "tags": ["~"]}])
@example([{"id": "-", "front": "line\u2028separator", "back": "esc \x1b]0;x\x07", "tags": []}])
@example([{"id": "#", "front": "a\x07b", "back": "multi\nline\n", "tags": ["a\ufffeb", "null"]}])
def test_the_loader_reads_back_exactly_the_text_written(cards: list[dict[str, object]]) -> None:
    text, read = _written(cards)
    assert len(read.items) == len(cards)
    for card, item in zip(cards, read.items, strict=True):
        assert isinstance(item, Map)
        values: dict[str, object] = {}
        for key, value in item.pairs:
            assert isinstance(key, Scalar)
            if isinstance(value, Seq):
                values[key.value] = [v.value for v in value.items if isinstance(v, Scalar)]
            else:
                assert isinstance(value, Scalar)
                values[key.value] = value.value
        assert values == card, text


@settings(max_examples=100, deadline=None, suppress_health_check=_FIXTURE)
@given(cards=st.lists(_LOADABLE, min_size=1, max_size=4, unique_by=lambda card: card["id"]))
def test_the_deck_loader_loads_the_written_cards_as_they_were(
    cards: list[dict[str, object]], tmp_path: Path
) -> None:
    """The whole file through `load_deck`: the cards' text as given (stripped, as the loader
    strips every text field)."""
    path = tmp_path / "d.yaml"
    path.write_text(_written(cards)[0], encoding="utf-8")
    deck = load_deck(path).deck
    assert deck is not None
    for card, loaded in zip(cards, deck.cards, strict=True):
        assert (loaded.id, loaded.front, loaded.back) == (
            card["id"],
            str(card["front"]).strip(),
            str(card["back"]).strip(),
        )
        assert list(loaded.tags) == [str(t).strip() for t in card["tags"]]  # type: ignore[attr-defined]


_IDS = st.one_of(st.sampled_from(["a", "a", "b", "bad id!", "", " ", "..", "x.y_z-1"]), _TEXT)
_KIND = st.sampled_from(["basic", "reverse", "cloze", "typed", "exercise", "nonsense", "", " "])
_CARD = st.fixed_dictionaries(
    {},
    optional={
        "id": _IDS,
        "kind": _KIND,
        "front": _TEXT,
        "back": _TEXT,
        "text": _TEXT,
        "tags": st.one_of(st.lists(_TEXT, max_size=3), _TEXT),
        "accept": st.lists(_TEXT, max_size=2),
        "answer": _TEXT,
    },
)
_VALID = st.fixed_dictionaries(
    {"id": st.sampled_from(["a", "b", "c-1", "what-is-x"]), "front": _TEXT, "back": _TEXT},
    optional={"kind": st.sampled_from(["basic", "reverse"]), "tags": st.lists(_TEXT, max_size=2)},
)


def _by_card(errors: list[str], starts: list[int]) -> set[tuple[int, str]]:
    """(card number, message) of each `d.yaml:line:col: message`."""
    found = set()
    for error in errors:
        _, line, _, message = error.split(":", 3)
        found.add((bisect.bisect_right(starts, int(line)) - 1, message.strip()))
    return found


_CLASH = [{"id": "a", "front": "What?", "back": "This."}, {"id": "a", "front": "Q", "back": "A"}]
_BLANK = [{"id": "c", "front": "   ", "back": "b"}, {"id": "e", "kind": "cloze", "text": "no"}]
_NO_ID = [{"front": "no id", "back": "x"}, {"front": "no id", "back": "x"}]
_EMPTY_DELETION = [{"id": "f", "kind": "cloze", "text": "{{c1::}}"}]
_TAGS_TEXT = [{"id": "a", "front": "0", "back": "0", "tags": "0"}]


@settings(max_examples=400, deadline=None, suppress_health_check=_FIXTURE)
@given(cards=st.lists(st.one_of(_CARD, _VALID), max_size=5))
@example(cards=_CLASH)
@example(cards=_BLANK)
@example(cards=_NO_ID + _EMPTY_DELETION)
@example(cards=_TAGS_TEXT)
def test_the_import_check_refuses_what_the_loader_refuses(
    cards: list[dict[str, object]], tmp_path: Path
) -> None:
    deck = ImportedDeck(deck_id="d", title="T", cards=cards)
    head, rendered = _render(deck, "cards.csv")
    ours = deck_errors("d.yaml", head, rendered, (), "cards.csv")
    path = tmp_path / "d.yaml"
    path.write_text(head + rendered.text, encoding="utf-8")
    loader = [
        f"d.yaml:{p.line}:{p.col}: {p.message}"
        for p in load_deck(path).problems
        if p.severity == "error"
    ]
    assert _by_card(ours, rendered.starts) == _by_card(loader, rendered.starts), (
        head + rendered.text
    )


def test_the_fast_check_accepts_the_cards_a_spreadsheet_makes() -> None:
    """The cards a CSV row makes are checked on their values: not the long way."""
    common = {"id": "q", "front": 'What is "x" (1)?', "back": "a: b", "tags": ["t", "yes"]}
    assert certainly_valid(common)
    assert certainly_valid({"id": "r", "kind": "reverse", "front": "f", "back": "b"})
    assert certainly_valid({"id": "c", "kind": "cloze", "text": "{{c1::x}} y", "back": "z"})
    assert render_cards([common], dash_col=2, item_col=4).fast == [True]
    lines = [{"id": "q", "front": "two\nlines", "back": "b"}]
    assert render_cards(lines, dash_col=2, item_col=4).fast == [False]
    for odd in (
        {"front": "no id", "back": "b"},
        {"id": "q", "front": "f", "back": " "},
        {"id": "q", "kind": "cloze", "text": "{{c0::x}}"},
        {"id": "q", "kind": "typed", "front": "f", "answer": "a"},
        {"id": "bad id", "front": "f", "back": "b"},
        {"id": "q", "front": "f", "back": "b", "tags": ["ok", " "]},
        {"id": "q", "front": "f", "back": "b", "tags": "a-text-not-a-list"},
        {"id": "q", "front": "f"},
    ):
        assert not certainly_valid(odd), odd
