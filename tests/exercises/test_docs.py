"""docs/exercises.md stays true: every generator, parameter and quantity is described, and every
YAML example in it is a valid exercise card."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizapp.exercises.registry import GENERATORS, check_spec, draw
from quizapp.model import ExerciseSpec

DOC = Path(__file__).resolve().parents[2] / "docs" / "exercises.md"


def examples() -> list[dict[str, Any]]:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    cards = [card for block in blocks for card in yaml.safe_load(block)]
    assert len(cards) >= len(GENERATORS) + 1
    return cards


@pytest.mark.parametrize("card", examples(), ids=lambda card: str(card["id"]))
def test_examples_are_valid_cards(card: dict[str, Any]) -> None:
    tolerance = card.get("tolerance", {})
    spec = ExerciseSpec(
        card["generator"],
        card.get("params", {}),
        tuple(card.get("ask", ())),
        tolerance.get("rel"),
        tolerance.get("abs"),
    )
    assert check_spec(spec) == []
    assert draw(spec, 0).questions


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_name_is_documented(name: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"### `{name}`")[1].split("\n### ")[0]
    generator = GENERATORS[name]
    for param in generator.params:
        assert f"| `{param.name}` |" in section, param.name
    for quantity in generator.quantities:
        assert f"| `{quantity.name}` |" in section, quantity.name
    assert f"generator: {name}" in section
