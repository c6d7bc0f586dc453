"""A tab in the indentation is named as such wherever it stands, with the C loader too."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.decks import load_deck


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("deck: t\ntitle: T\ncards:\n\t- id: a\n  front: x\n", 4, 1),  # before a list dash
        ("deck: t\ntitle: T\ncards:\n  - id: a\n\t  front: x\n    back: y\n", 5, 1),
    ],
    ids=["before-dash", "in-mapping"],
)
def test_a_tab_in_the_indentation(tmp_path: Path, text: str, line: int, col: int) -> None:
    path = tmp_path / "tabs.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_deck(path)
    assert result.deck is None
    assert [(p.line, p.col, p.message) for p in result.problems] == [
        (line, col, "a tab in the indentation (YAML indents with spaces only)")
    ]
