"""Round-trip edits of deck files: ids and new cards go in, every other byte stays as it was."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.decks import load_deck
from quizapp.decks.edit import EditError, add_ids, append_card, atomic_write

# A deck written the way people write them: comments everywhere, odd spacing, a quoted title,
# a literal block, a card whose keys sit deeper than usual, a card opened by a bare dash, a
# flow-style card, and a comment at the very end.
UNUSUAL = """\
# my deck — 배깅 and friends
deck: unusual
title:   "Unusual: formatting"    # spaces before the value
cards:
  # the first card
  - front: What is 'x'?    # trailing comment
    back: |
      line one

      line three
  -   front: Deep
      back: keys
  -
    front: Bare dash
    back: here
  - {front: Flow, back: card}   # flow

# the end
"""


def _write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_add_ids_touches_only_the_card_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, UNUSUAL)
    # Lines as `Card.line` gives them: the dash line, or (bare dash) the first key's line.
    add_ids(path, {6: "what-is-x", 11: "deep", 14: "bare", 16: "flow"})
    assert (
        path.read_text(encoding="utf-8")
        == """\
# my deck — 배깅 and friends
deck: unusual
title:   "Unusual: formatting"    # spaces before the value
cards:
  # the first card
  - id: what-is-x
    front: What is 'x'?    # trailing comment
    back: |
      line one

      line three
  -   id: deep
      front: Deep
      back: keys
  -
    id: bare
    front: Bare dash
    back: here
  - {id: flow, front: Flow, back: card}   # flow

# the end
"""
    )


def test_add_ids_accepts_the_dash_line_of_a_bare_dash_card(tmp_path: Path) -> None:
    path = _write(tmp_path, UNUSUAL)
    add_ids(path, {13: "bare"})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[12:16] == ["  -", "    id: bare", "    front: Bare dash", "    back: here"]


def test_add_ids_quotes_ids_yaml_would_read_as_something_else(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "deck: d\ntitle: T\ncards:\n- front: a\n  back: b\n- front: c\n  back: d\n"
    )
    add_ids(path, {4: "true", 6: "1.5"})
    assert path.read_text(encoding="utf-8") == (
        'deck: d\ntitle: T\ncards:\n- id: "true"\n  front: a\n  back: b\n'
        '- id: "1.5"\n  front: c\n  back: d\n'
    )


def test_add_ids_keeps_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"deck: d\r\ntitle: T\r\ncards:\r\n  - front: a\r\n    back: b\r\n")
    add_ids(path, {4: "a1"})
    assert path.read_bytes() == (
        b"deck: d\r\ntitle: T\r\ncards:\r\n  - id: a1\r\n    front: a\r\n    back: b\r\n"
    )


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ({5: "x"}, "no card starts on this line"),
        ({6: "has space"}, "is not a valid card id"),
        ({6: "a", 7: "b"}, "no card starts on this line"),
    ],
    ids=["not-a-card-line", "bad-id", "second-line-of-a-card"],
)
def test_add_ids_refuses_and_writes_nothing(
    tmp_path: Path, ids: dict[int, str], message: str
) -> None:
    path = _write(tmp_path, UNUSUAL)
    with pytest.raises(EditError, match=message):
        add_ids(path, ids)
    assert path.read_text(encoding="utf-8") == UNUSUAL


def test_add_ids_refuses_a_card_that_has_an_id(tmp_path: Path) -> None:
    text = "deck: d\ntitle: T\ncards:\n  - id: a\n    front: a\n    back: b\n"
    path = _write(tmp_path, text)
    with pytest.raises(EditError, match="already has an id"):
        add_ids(path, {4: "other"})
    assert path.read_text(encoding="utf-8") == text


def test_add_ids_on_broken_yaml_says_where(tmp_path: Path) -> None:
    text = "deck: d\ntitle: T\ncards:\n  - front: [unclosed\n    back: b\n"
    path = _write(tmp_path, text)
    with pytest.raises(EditError, match=r"deck\.yaml:\d+:\d+: not valid YAML"):
        add_ids(path, {4: "x"})
    assert path.read_text(encoding="utf-8") == text


def test_append_card_goes_after_the_last_card_before_the_closing_comment(tmp_path: Path) -> None:
    path = _write(tmp_path, UNUSUAL)
    append_card(
        path,
        {
            "id": "new-one",
            "kind": "choice",
            "front": "Pick: one, or two?",
            "choices": ["one", "two, maybe"],
            "answer": 2,
            "tags": ["t1"],
        },
    )
    assert path.read_text(encoding="utf-8") == UNUSUAL.replace(
        "  - {front: Flow, back: card}   # flow\n",
        "  - {front: Flow, back: card}   # flow\n"
        "  - id: new-one\n"
        "    kind: choice\n"
        "    front: 'Pick: one, or two?'\n"
        "    choices: [one, 'two, maybe']\n"
        "    answer: 2\n"
        "    tags: [t1]\n",
    )


def test_append_card_before_a_following_top_level_key(tmp_path: Path) -> None:
    text = (
        "deck: d\ncards:\n- front: a\n  back: b\n\n# the title comes last in this file\ntitle: T\n"
    )
    path = _write(tmp_path, text)
    append_card(path, {"id": "c", "front": "Zwei\nZeilen", "back": "배깅"})
    assert path.read_text(encoding="utf-8") == (
        "deck: d\n"
        "cards:\n"
        "- front: a\n"
        "  back: b\n"
        "- id: c\n"
        "  front: |-\n"
        "    Zwei\n"
        "    Zeilen\n"
        "  back: 배깅\n"
        "\n"
        "# the title comes last in this file\n"
        "title: T\n"
    )


def test_append_card_follows_wider_indentation_and_a_missing_final_newline(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "deck: d\ntitle: T\ncards:\n    -   front: a\n        back: b")
    append_card(path, {"id": "n", "kind": "cloze", "text": "{{c1::x}} marks"})
    assert path.read_text(encoding="utf-8") == (
        "deck: d\ntitle: T\ncards:\n    -   front: a\n        back: b\n"
        "    -   id: n\n        kind: cloze\n        text: '{{c1::x}} marks'\n"
    )


def test_append_card_refuses_a_flow_list_of_cards(tmp_path: Path) -> None:
    text = "deck: d\ntitle: T\ncards: [{front: a, back: b}]\n"
    path = _write(tmp_path, text)
    with pytest.raises(EditError, match="flow list"):
        append_card(path, {"front": "x", "back": "y"})
    assert path.read_text(encoding="utf-8") == text


def test_edits_refuse_an_alias_bomb_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    text = "\n".join(lines) + "\ndeck: d\ntitle: T\ncards:\n  - front: *a9\n    back: b\n"
    path = _write(tmp_path, text)
    start = time.perf_counter()
    with pytest.raises(EditError, match="aliases"):
        append_card(path, {"front": "x", "back": "y"})
    assert time.perf_counter() - start < 2.0
    assert path.read_text(encoding="utf-8") == text


def test_the_loader_accepts_the_edited_deck(tmp_path: Path) -> None:
    path = _write(tmp_path, UNUSUAL)
    add_ids(path, {6: "what-is-x", 11: "deep", 14: "bare", 16: "flow"})
    append_card(path, {"id": "n", "kind": "typed", "front": "Type it", "answer": "bagging"})
    result = load_deck(path)
    assert [p for p in result.problems if p.severity == "error"] == []
    assert result.deck is not None
    assert [c.id for c in result.deck.cards] == ["what-is-x", "deep", "bare", "flow", "n"]


def test_an_edit_the_loader_rejects_writes_nothing(tmp_path: Path) -> None:
    text = "deck: d\ntitle: T\ncards:\n  - id: a\n    front: a\n    back: b\n"
    path = _write(tmp_path, text)
    with pytest.raises(EditError, match="would leave the deck invalid") as caught:
        append_card(path, {"id": "a", "front": "again", "back": "same id"})
    assert caught.value.problems  # the loader's own lines, for the learner to read
    assert path.read_text(encoding="utf-8") == text


# Text a learner might type: any printable characters, including YAML's special ones.
card_text = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), include_characters="\n"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front=card_text, back=card_text, tags=st.lists(card_text, max_size=3))
def test_any_card_text_reads_back_exactly(
    tmp_path: Path, front: str, back: str, tags: list[str]
) -> None:
    path = _write(tmp_path, UNUSUAL)
    card: dict[str, object] = {"id": "p", "front": front, "back": back}
    if tags:
        card["tags"] = tags
    try:
        append_card(path, card)
    except EditError as exc:
        # The only acceptable refusal is the loader finding the card itself invalid.
        assert exc.problems, str(exc)
        assert path.read_text(encoding="utf-8") == UNUSUAL
        return
    written = path.read_text(encoding="utf-8")
    # Everything up to the flow card, and the closing comment, are unchanged around the card.
    head, _, tail = UNUSUAL.partition("\n\n# the end\n")
    assert written.startswith(head + "\n  - id: p\n")
    assert written.endswith("\n\n# the end\n")
    assert written.count("\n\n# the end\n") == 1 and tail == ""
    assert yaml.safe_load(written)["cards"][-1] == card


def test_atomic_write_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.yaml"]


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"old")

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.yaml"]
