"""The exercise card view: every given value and every answer label shown whole, at any width."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from quizapp.tui.widgets.exercise import ExerciseView
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_flows import ADAM_ONE_STEP, one_card_deck, open_deck, wait_for_decks

#: Cards whose givens or labels the QA report found cut off (long tuples, long labels).
CARDS = {
    "voting": """\
        - id: vote
          kind: exercise
          front: Average the class probabilities, then take both votes.
          generator: voting
          params: {classifiers: 5, classes: 3}
          ask: [average, hard, soft]
        """,
    "adaboost": """\
        - id: ada
          kind: exercise
          front: A later AdaBoost round.
          generator: adaboost_round
          params: {n: 6, weights: varied}
          ask: [error, alpha, z, weights]
        """,
    "bias_variance": """\
        - id: bv
          kind: exercise
          front: Split the error.
          generator: bias_variance
          params: {models: 6}
          ask: [bias2, variance, error]
        """,
    "adam": """\
        - id: adam
          kind: exercise
          front: Adam on two weights.
          generator: adam_step
          params: {size: 2, t: 2}
          ask: [m, m_hat, theta]
        """,
    "bootstrap": """\
        - id: boot
          kind: exercise
          front: Bootstrap.
          generator: bootstrap
          params: {n: 5}
          ask: [p_out, p_in, distinct, oob]
        """,
}

#: Labels as the learner must see them, written out by hand (these were cut at 12 columns).
LABELS = {
    "bootstrap": ["(1 − 1/n)ⁿ =", "1 − (1 − 1/n)ⁿ =", "E[distinct] =", "E[out of bag] ="],
    "bias_variance": ["bias² =", "Var[ŷ] =", "E[(y − ŷ)²] ="],
    "voting": ["P̄ =", "hard vote =", "soft vote ="],
}


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", sorted(CARDS))
async def test_givens_and_labels_are_shown_whole(
    build_app: AppFactory, tmp_path: Path, name: str, width: int
) -> None:
    app = build_app(one_card_deck(tmp_path, CARDS[name]))
    async with app.run_test(size=(width, 60)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        view = review.query_one(ExerciseView)
        assert view.exercise is not None
        text = screen_text(app)
        for given in view.exercise.given:
            assert f"{given.label} = {given.value}" in text
            text = text.replace(f"{given.label} = {given.value}", "")
        assert "…" not in text  # nothing else cut ("ŷ₁ … ŷ₆" is a label, taken out above)
        for label in LABELS.get(name, []):
            assert label in text
        for question in view.exercise.questions:
            assert f"{question.label} =" in text


async def test_a_long_exercise_scrolls_at_80_by_24(build_app: AppFactory, tmp_path: Path) -> None:
    app = build_app(one_card_deck(tmp_path, CARDS["adaboost"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        assert "…" not in screen_text(app)
        # Tab to the last field: it is scrolled into view, its label whole.
        for _ in range(3):
            await pilot.press("tab")
        await pilot.pause()
        assert review.focused is review.query_one("#answer-weights", Input)
        assert "w′ =" in screen_text(app)


async def test_a_not_a_number_message_goes_when_the_field_changes(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(tmp_path, ADAM_ONE_STEP)
    app = build_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        await pilot.press(*"0.02", "tab", *"0.2", "tab", *"abc", "enter")
        await pilot.pause()
        assert "'abc' is not a number" in screen_text(app)
        await pilot.press("backspace")
        await pilot.pause()
        text = screen_text(app)
        assert "is not a number" not in text
        assert not review.query_one("#grade-bar").display  # still open for the entry
        # By hand: θ = 0.5 − 0.1·0.2/0.2 = 0.4; now every entry reads and all three are right.
        await pilot.press(*["backspace"] * 2, *"0.4", "enter")
        await pilot.pause()
        assert screen_text(app).count("✓ right") == 3


async def test_marks_line_up_under_the_fields(build_app: AppFactory, tmp_path: Path) -> None:
    app = build_app(one_card_deck(tmp_path, CARDS["bootstrap"]))
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        await pilot.press("ctrl+enter")  # nothing typed: every field is marked wrong
        await pilot.pause()
        lines = screen_text(app).splitlines()
        field = next(line for line in lines if "1 − (1 − 1/n)ⁿ = " in line)
        mark = next(line for line in lines if "✗ left blank" in line)
        # Border and padding (2), the longest label "1 − (1 − 1/n)ⁿ =" and its space (17), then
        # the field's own one-cell padding: the mark starts where the typed text does.
        assert field.index("(no answer)") == mark.index("✗") == 2 + 17 + 1
        assert review.query_one("#grade-bar").display


async def test_keys_typed_in_a_burst_go_to_the_field_tab_has_reached(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """`0.02<Tab>0.2<Tab>0.4` sent at once (a paste, tmux): each value in its own field."""
    folder = one_card_deck(tmp_path, ADAM_ONE_STEP)
    app = build_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        for key in [*"0.02", "tab", *"0.2", "tab", *"0.4", "shift+tab", "tab", "tab"]:
            app.simulate_key(key)  # posted as the terminal driver posts keys, no wait between
        await pilot.pause(0.2)
        values = [field.value for field in review.query(Input)]
        assert values == ["0.02", "0.2", "0.4"]
        # Tab goes round the fields only (from θ back to m), never on to the screen's keys.
        assert app.focused is review.query_one("#answer-m")


def field_line(text: str, label: str) -> str:
    """What question `label`'s field shows (typed text or placeholder), from the screen."""
    line = next(line for line in text.splitlines() if f"{label} =" in line)
    return line.split(f"{label} =", 1)[1].strip(" │")


async def test_hints_say_how_many_numbers_and_of_which_kind(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: votes
          kind: exercise
          front: Count the votes.
          generator: voting
          params: {classifiers: 3, classes: 3}
          ask: [votes, average, hard]
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "one")
        await pilot.pause()
        text = screen_text(app)
        # The QA report: "votes = 2 numbers, e.g. 0.1, 0.1"; votes are counts.
        assert field_line(text, "votes") == "3 whole numbers, e.g. 2, 0, 1"
        assert field_line(text, "P̄") == "3 numbers, e.g. 0.1, -0.2, 0.3"
        assert field_line(text, "hard vote") == "a class number, e.g. 2"


async def test_a_field_left_blank_reads_as_unanswered_once_checked(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: boot
          kind: exercise
          front: Bootstrap.
          generator: bootstrap
          params: {n: 5}
          ask: [p_out, limit]
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "one")
        await pilot.pause()
        assert field_line(screen_text(app), "lim (1 − 1/n)ⁿ").startswith("a number, e.g.")
        # By hand: (1 − 1/5)⁵ = 0.8⁵ = 0.32768; the limit, left blank, is 1/e = 0.367879.
        await pilot.press(*"0.32768", "ctrl+j")  # ctrl+Enter as most terminals send it
        await pilot.pause()
        text = screen_text(app)
        # The QA report: the hint stayed, as if "a number, e.g. 0.04, 1e-3 or 1/3" was typed.
        assert field_line(text, "lim (1 − 1/n)ⁿ") == "(no answer)"
        assert "a number, e.g." not in text
        assert field_line(text, "(1 − 1/n)ⁿ") == "0.32768"
        marks = [line.strip(" │") for line in text.splitlines() if "✓" in line or "✗" in line]
        assert marks == ["✓ right", "✗ left blank; expected 0.367879"]


def marks(text: str) -> list[str]:
    """The marks under the fields, one entry per screen line."""
    lines = text.split("Worked solution")[0].splitlines()
    start = next(i for i, line in enumerate(lines) if "✓" in line or "✗" in line)
    return [line.strip(" │") for line in lines[start:] if line.strip(" │─")]


async def test_a_wrong_vector_says_which_components_are_off(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: momentum-three
          kind: exercise
          front: Momentum on three weights.
          generator: momentum_step
          params:
            size: 3
            theta: [1, 0, -0.5]
            grad: [0.5, -0.2, 0.4]
            v: [0.2, 0, -0.1]
            lr: 0.1
            momentum: 0.9
          ask: [v]
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "one")
        await pilot.pause()
        # By hand: vₜ = 0.9·vₜ₋₁ + g = (0.18 + 0.5, 0 − 0.2, −0.09 + 0.4) = (0.68, −0.2, 0.31).
        await pilot.press(*"0.7, -0.2, 0.3", "enter")
        await pilot.pause()
        assert marks(screen_text(app)) == [
            "✗ component 1: expected 0.68, got 0.7",
            "component 3: expected 0.31, got 0.3",
        ]


async def test_a_long_mark_wraps_at_80_columns(build_app: AppFactory, tmp_path: Path) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: ada-ten
          kind: exercise
          front: AdaBoost on ten samples.
          generator: adaboost_round
          params: {n: 10, weights: uniform}
          ask: [weights]
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        view = review.query_one(ExerciseView)
        assert view.exercise is not None
        wrong = {int(i) for i in view.exercise.given[2].value.split(", ")}
        await pilot.press("ctrl+enter")
        await pilot.pause()
        # By hand, m of the ten samples (weight 1/10 each) wrong: ε = m/10, and after the round
        # the wrong ones share ½ and the right ones ½: 1/(2m) and 1/(2(10 − m)) each.
        m = len(wrong)
        weights = [1 / (2 * m) if i in wrong else 1 / (2 * (10 - m)) for i in range(1, 11)]
        lines = marks(screen_text(app))
        assert len(lines) > 1  # one line would be cut at 80 columns
        assert all(len(line) <= 80 for line in screen_text(app).splitlines())
        shown = " ".join(lines)
        assert shown.startswith("✗ left blank; expected (")
        numbers = shown.split("(")[1].rstrip(")").split(", ")
        assert [float(x) for x in numbers] == pytest.approx(weights, rel=1e-5)


async def test_only_the_givens_the_asked_quantities_need_are_shown(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: gap
          kind: exercise
          front: The generalization gap.
          generator: bias_variance
          params: {models: 5, truth: 2, noise: 0.5, train_error: 0.1, test_error: 0.3}
          ask: [gap]
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "one")
        await pilot.pause()
        text = screen_text(app)
        # The QA report: f(x), ŷ₁ … ŷ₅ and σ² were shown, though the gap uses none of them.
        assert "train error = 0.1" in text and "test error = 0.3" in text
        for unused in ("f(x) =", "ŷ₁ … ŷ₅ =", "σ² ="):
            assert unused not in text
        assert "σ²" not in text  # nor in the intro
        # By hand: gap = 0.3 − 0.1 = 0.2; the worked solution has that step and no bias², whose
        # numbers the question never gave.
        await pilot.press(*"0.2", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "✓ right" in text
        assert "gap = test error − train error = 0.3 − 0.1 = 0.2" in text
        assert "bias²" not in text and "E[(y − ŷ)²]" not in text


async def test_bias_and_variance_are_shown_without_the_errors(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = one_card_deck(
        tmp_path,
        """\
        - id: bv
          kind: exercise
          front: Bias and variance.
          generator: bias_variance
          params: {models: 6}
          ask: [bias2, variance]
        """,
    )
    app = build_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "one")
        await pilot.pause()
        text = screen_text(app)
        assert "f(x) = " in text and "ŷ₁ … ŷ₆ = (" in text
        # The QA report: train and test error were shown on bias²/variance cards.
        for unused in ("train error =", "test error =", "σ² ="):
            assert unused not in text


async def test_a_card_needing_no_given_shows_none(build_app: AppFactory, tmp_path: Path) -> None:
    card = CARDS["bootstrap"].replace("[p_out, p_in, distinct, oob]", "[limit]")
    app = build_app(one_card_deck(tmp_path, card))
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        # lim (1 − 1/n)ⁿ = 1/e whatever n is: no "n = 5" line, and no empty block for it.
        lines = [line.strip(" │") for line in screen_text(app).splitlines()]
        assert "n = 5" not in lines
        assert not review.query(".givens")
        assert any(line.startswith("lim (1 − 1/n)ⁿ =") for line in lines)
