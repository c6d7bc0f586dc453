"""Every bundled exercise judged at 3 significant figures, over thousands of seeded draws.

The expected values are worked out here, independently of the generators, from the givens the
card shows (parsed back from their text) and the textbook formulas, with numpy. For every asked
quantity the correct value rounded to 3 significant figures is right (with its trailing zeros
or without: 0.98 and 0.980 for 0.9798), and the same value off by one in its 3rd figure is
wrong. That holds for θₜ too: it is judged by its own value, not by the step it implies.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pytest

from quizapp.exercises.exercise import Exercise, Question
from quizapp.exercises.registry import check, draw
from tests.exercises.test_bundled_exercises import DECK_GENERATORS, as_spec, exercise_cards

#: Draws per card. Each card's parameters are drawn from a few values, so this covers every
#: combination many times over.
DRAWS = 2000

Values = dict[str, np.ndarray]


def parse(text: str) -> np.ndarray:
    """A given's value as numbers: "0.3", "(0.1, −0.2)", "1e−8", "2, 5"."""
    cleaned = text.replace("−", "-").strip("()")
    return np.array([float(part) for part in cleaned.replace(",", " ").split()], dtype=np.float64)


def givens(exercise: Exercise) -> dict[str, Any]:
    """The shown inputs by name; AdaBoost's weights and voting's rows need their own reading."""
    shown: dict[str, Any] = {}
    for given in exercise.given:
        if given.name == "probas":
            shown.setdefault("probas", []).append(parse(given.value))
        elif given.name == "n" and given.value.startswith("1 to "):
            shown["n"] = int(given.value.removeprefix("1 to "))
        elif given.name == "weights" and given.value.endswith("for each sample"):
            shown["weights"] = "uniform"
        elif given.name == "classes":
            shown["classes"] = len(given.value.split(","))
        else:
            shown[given.name] = parse(given.value)
    return shown


# The formulas, as the docs and the sources give them; each reads only the givens it needs.


def adam(g: Mapping[str, Any], ask: set[str]) -> Values:
    out: Values = {}
    if ask & {"m", "m_hat", "theta"}:
        out["m"] = g["beta1"] * g["m"] + (1 - g["beta1"]) * g["grad"]
        out["m_hat"] = out["m"] / (1 - g["beta1"] ** g["t"])
    if ask & {"v", "v_hat", "theta"}:
        out["v"] = g["beta2"] * g["v"] + (1 - g["beta2"]) * g["grad"] ** 2
        out["v_hat"] = out["v"] / (1 - g["beta2"] ** g["t"])
    if "theta" in ask:
        out["theta"] = g["theta"] - g["lr"] * out["m_hat"] / (np.sqrt(out["v_hat"]) + g["eps"])
    return out


def momentum(g: Mapping[str, Any], ask: set[str]) -> Values:
    v = g["momentum"] * g["v"] + g["grad"]
    out: Values = {"v": v}
    if "theta" in ask:
        out["theta"] = g["theta"] - g["lr"] * v
    return out


def rmsprop(g: Mapping[str, Any], ask: set[str]) -> Values:
    s = g["rho"] * g["s"] + (1 - g["rho"]) * g["grad"] ** 2
    out: Values = {"s": s}
    if "theta" in ask:
        out["theta"] = g["theta"] - g["lr"] * g["grad"] / (np.sqrt(s) + g["eps"])
    return out


def bootstrap(g: Mapping[str, Any], ask: set[str]) -> Values:
    del ask
    n = g["n"]
    out = (1 - 1 / n) ** n
    return {
        "p_out": out,
        "p_in": 1 - out,
        "distinct": n * (1 - out),
        "oob": n * out,
        "limit": np.array([math.exp(-1)]),
    }


def adaboost(g: Mapping[str, Any], ask: set[str]) -> Values:
    del ask
    n = g["n"]
    w = np.full(n, 1 / n) if isinstance(g["weights"], str) else g["weights"]
    wrong = np.zeros(n, dtype=bool)
    wrong[g["wrong"].astype(int) - 1] = True
    error = w[wrong].sum()
    alpha = 0.5 * np.log((1 - error) / error)
    scaled = w * np.exp(np.where(wrong, alpha, -alpha))
    return {"error": error, "alpha": alpha, "z": scaled.sum(), "weights": scaled / scaled.sum()}


def bias_variance(g: Mapping[str, Any], ask: set[str]) -> Values:
    out: Values = {}
    if "gap" in ask:
        out["gap"] = g["test_error"] - g["train_error"]
    if ask & {"mean", "bias2", "variance", "error"}:
        predictions = g["predictions"]
        out["mean"] = predictions.mean()
        out["variance"] = predictions.var()  # divided by k (ddof = 0)
        if ask & {"bias2", "error"}:
            out["bias2"] = (out["mean"] - g["truth"]) ** 2
        if "error" in ask:
            out["error"] = out["bias2"] + out["variance"] + g["noise"]
    return out


def voting(g: Mapping[str, Any], ask: set[str]) -> Values:
    del ask
    probas = np.array(g["probas"])
    votes = np.bincount(probas.argmax(axis=1), minlength=g["classes"])
    average = probas.mean(axis=0)
    return {
        "votes": votes.astype(np.float64),
        "average": average,
        "hard": np.array([votes.argmax() + 1.0]),
        "soft": np.array([average.argmax() + 1.0]),
    }


FORMULAS: dict[str, Callable[[Mapping[str, Any], set[str]], Values]] = {
    "adam_step": adam,
    "momentum_step": momentum,
    "rmsprop_step": rmsprop,
    "bootstrap": bootstrap,
    "adaboost_round": adaboost,
    "bias_variance": bias_variance,
    "voting": voting,
}

CARDS = [card for deck in sorted(DECK_GENERATORS) for card in exercise_cards(deck)]


def rounded(x: float) -> float:
    """`x` rounded to 3 significant figures, by numpy."""
    return float(np.format_float_positional(x, precision=3, unique=False, fractional=False))


def unit(x: float) -> float:
    """One unit in the 3rd significant figure of `x` (as rounded)."""
    return 10.0 ** (math.floor(math.log10(abs(x))) - 2)


def typed(values: list[float], text: Callable[[float], str]) -> str:
    return ", ".join(text(v) for v in values)


def is_tie(x: float, exact: float) -> bool:
    """`x` exactly half a unit from `exact`: it rounds either way, so no verdict is asked of it."""
    half = 0.5 * 10.0 ** (math.floor(math.log10(abs(exact))) - 2)
    return math.isclose(abs(x - exact), half, rel_tol=1e-6)


def judged(exercise: Exercise, question: Question, answer: str) -> bool:
    return check(exercise, {question.name: answer}).result(question.name).right


@pytest.mark.parametrize("card", CARDS, ids=lambda card: str(card["id"]))
def test_three_significant_figures_are_right_and_a_third_figure_off_is_wrong(
    card: dict[str, Any],
) -> None:
    spec = as_spec(card)
    assert spec.rel_tol is None, "a bundled card keeps the 3 significant figures"
    formulas = FORMULAS[card["generator"]]
    judged_wrong = skipped = 0
    numeric = False
    for seed in range(DRAWS):
        exercise = draw(spec, seed)
        asked = {q.name for q in exercise.questions}
        values = formulas(givens(exercise), asked)
        for question in exercise.questions:
            exact = [float(x) for x in np.atleast_1d(values[question.name])]
            assert len(exact) == (question.shape[0] if question.shape else 1)
            if question.exact or question.whole:
                assert judged(exercise, question, typed(exact, lambda x: str(int(x))))
                continue
            numeric = True
            right = [rounded(x) for x in exact]
            # Without trailing zeros (0.98) and with them (0.980): both are 3 figures.
            short = typed(right, lambda x: f"{x:.3g}")
            full = typed(right, lambda x: f"{x:#.3g}".rstrip("."))
            assert judged(exercise, question, short), (seed, question.name, short, exact)
            assert judged(exercise, question, full), (seed, question.name, full, exact)
            before = list(question.baselines)
            for i, x in enumerate(right):
                if x == 0:
                    continue  # an expected 0 has no 3rd figure to miss
                if before[i] and unit(x) <= 1e-3 * unit(before[i]):
                    # θₜ = 5·10⁻⁹ from θₜ₋₁ = 0.1: below θₜ₋₁'s 6th figure, where 0 is right.
                    skipped += 1
                    continue
                for off in (x - unit(x), x + unit(x)):
                    if is_tie(off, exact[i]):
                        continue
                    wrong = list(right)
                    wrong[i] = off
                    answer = typed(wrong, repr)
                    assert not judged(exercise, question, answer), (seed, question.name, answer)
                    judged_wrong += 1
    assert judged_wrong >= DRAWS or not numeric
    assert skipped <= judged_wrong // 20  # the cancelling draws are few


@pytest.mark.parametrize(
    ("n", "answer", "right"),
    [
        pytest.param(10, "0.368", False, id="n=10: 0.349 is not 1/e"),
        pytest.param(100, "0.368", False, id="n=100: 0.366 is not 1/e"),
        # 0.999¹⁰⁰⁰ = 0.367695 and 1/e = 0.367879 are both 0.368 at 3 figures.
        pytest.param(1000, "0.368", True, id="n=1000: both are 0.368"),
        pytest.param(100, "0.366", True, id="n=100: the finite value"),
    ],
)
def test_the_limit_is_refused_with_a_hint_where_it_differs_at_three_figures(
    n: int, answer: str, right: bool
) -> None:
    (card,) = [card for card in CARDS if card["id"] == "ex-bootstrap-limit"]
    spec = as_spec({**card, "params": {"n": n}})
    exercise = draw(spec, 0)
    result = check(exercise, {"p_out": answer, "limit": "0.368"})
    assert result.result("limit").right
    assert result.result("p_out").right is right
    if not right:
        hint = result.result("p_out").hint
        assert hint is not None
        assert "1/e" in hint


ALPHA_CARDS = [c for c in CARDS if c["generator"] == "adaboost_round" and "alpha" in c["ask"]]


@pytest.mark.parametrize("card", ALPHA_CARDS, ids=lambda card: str(card["id"]))
def test_adaboost_cards_that_ask_for_alpha_say_which_formula(card: dict[str, Any]) -> None:
    assert len(ALPHA_CARDS) >= 3
    assert "α = ½·ln((1 − ε)/ε)" in " ".join(card["front"].split())
