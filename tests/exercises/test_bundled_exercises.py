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


def _typed(values: tuple[float, ...]) -> str:
    return ", ".join(repr(v) for v in values)


def _components(x: object) -> tuple[float, ...]:
    assert isinstance(x, float | tuple)
    return x if isinstance(x, tuple) else (x,)


STEP_CARDS = [
    card
    for card in exercise_cards("optimizers")
    if any(q in ("theta", "m", "v", "s") for q in card.get("ask", ()) or ("theta",))
]


@pytest.mark.parametrize("card", STEP_CARDS, ids=lambda card: str(card["id"]))
def test_a_value_left_unchanged_is_wrong(card: dict[str, Any]) -> None:
    # Judged by its own value to 3 figures, θₜ would pass as θₜ₋₁ if a step were below its 3rd
    # figure: the bundled cards draw steps that never are. Each component is tried on its own,
    # the others typed exactly, so one lenient component cannot hide behind a wrong one.
    spec = as_spec(card)
    tried = 0
    for seed in range(300):
        exercise = draw(spec, seed)
        for question in exercise.questions:
            if question.baseline is None:
                continue
            expected = _components(question.expected)
            before = _components(question.baseline)
            for i, (e, b) in enumerate(zip(expected, before, strict=True)):
                if e == b:
                    continue  # nothing changed (vₜ₋₁ = 0 and g = 0): the old value is right
                typed = list(expected)
                typed[i] = b
                checked = check(exercise, {question.name: _typed(tuple(typed))})
                assert not checked.result(question.name).right, (seed, question.name, b)
                tried += 1
    assert tried >= 300
