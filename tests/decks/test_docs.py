"""Every YAML example in docs/decks.md is a valid deck (or valid cards): the docs cannot rot."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from quizapp.decks import load_deck

DOC = Path(__file__).resolve().parents[2] / "docs" / "decks.md"
EXAMPLES = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_the_doc_has_an_example_of_every_kind() -> None:
    text = "\n".join(EXAMPLES)
    for kind in ("reverse", "cloze", "choice", "typed", "order", "exercise"):
        assert f"kind: {kind}" in text, kind


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_example_loads_without_problems(example: str, tmp_path: Path) -> None:
    if example.lstrip().startswith("- "):  # a list of cards: put it in a deck
        example = "deck: docs\ntitle: Docs\ncards:\n" + textwrap.indent(example, "  ")
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = load_deck(path)
    assert [str(p) for p in result.problems] == []
    assert result.deck is not None
