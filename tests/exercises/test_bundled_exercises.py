"""The bundled decks carry valid exercise cards: at least three per generator, in the right deck."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml

from quizapp.exercises.registry import check, check_spec, draw
from quizapp.model import ExerciseSpec
from quizapp.paths import bundled_decks_dir

DECK_GENERATORS = {
    "optimizers": ("adam_step", "momentum_step", "rmsprop_step"),
    "ensembles": ("voting", "bootstrap", "adaboost_round"),
    "generalization": ("bias_variance",),
}


def exercise_cards(deck: str) -> list[dict[str, Any]]:
    # Read with safe YAML directly: this checks the exercise part, whatever the deck loader does.
    data = yaml.safe_load((bundled_decks_dir() / f"{deck}.yaml").read_text(encoding="utf-8"))
    return [card for card in data["cards"] if card.get("kind") == "exercise"]


def as_spec(card: dict[str, Any]) -> ExerciseSpec:
    tolerance = card.get("tolerance", {})
    return ExerciseSpec(
        card["generator"],
        card.get("params", {}),
        tuple(card.get("ask", ())),
        tolerance.get("rel"),
        tolerance.get("abs"),
    )


@pytest.mark.parametrize("deck", sorted(DECK_GENERATORS))
def test_three_cards_per_generator(deck: str) -> None:
    counts = Counter(card["generator"] for card in exercise_cards(deck))
    for generator in DECK_GENERATORS[deck]:
        assert counts[generator] >= 3, generator


@pytest.mark.parametrize(
    "card",
    [card for deck in sorted(DECK_GENERATORS) for card in exercise_cards(deck)],
    ids=lambda card: str(card["id"]),
)
def test_cards_are_valid_and_their_shown_answers_are_accepted(card: dict[str, Any]) -> None:
    assert card["id"].startswith("ex-")
    assert card["front"].strip()
    spec = as_spec(card)
    assert check_spec(spec) == []
    for seed in range(25):
        exercise = draw(spec, seed)
        # The expected value the learner is shown after answering must itself count as right.
        typed = {q.name: q.expected_text for q in exercise.questions}
        assert check(exercise, typed).all_right, typed
