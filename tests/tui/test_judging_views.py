"""What the judge's verdicts look like in the study app: a choice card's options in a new order
each showing, picked by screen number and logged by file index; a near or wrong typed answer
compared letter by letter with the answer."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from quizapp.tui.screens.review import ReviewScreen
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.choice import ChoiceOption
from quizapp.tui.widgets.typed import EXTRA, MISSING, SAME, typed_diff
from tests.judging_cards import CHOICE as CHOICE_CARD
from tests.judging_cards import OVERFITTING, UNDERFITTING, card_yaml
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_flows import one_card_deck, open_deck, wait_for_decks

CHOICE = card_yaml(CHOICE_CARD)


def _shown(review: ReviewScreen) -> list[str]:
    """The options' texts in the order they are on screen."""
    options = sorted(review.query(ChoiceOption), key=lambda option: option.position)
    return [option.text for option in options]


def _logged_picks(tmp_path: Path) -> list[str]:
    with closing(sqlite3.connect(tmp_path / "reviews.sqlite3")) as db:
        rows = db.execute("SELECT given FROM reviews ORDER BY reviewed_at").fetchall()
    return [json.loads(given) for (given,) in rows]


async def test_a_choice_card_shown_twice_has_two_orders_and_the_right_pick_is_right_in_both(
    build_app: AppFactory, tmp_path: Path
) -> None:
    app = build_app(one_card_deck(tmp_path, CHOICE))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        orders = []
        for grade in ("3", "4"):  # 3 passes but asks the card again in this session (SM-2)
            shown = _shown(review)
            orders.append(shown)
            number = shown.index("Variance") + 1
            await pilot.press(str(number))
            text = screen_text(app)
            assert f"✓ {number}. Variance" in text
            assert "✗" not in text
            assert review.query_one("#grade-4").has_class("-suggested")  # judged right
            await pilot.press(grade)
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Right            2" in screen_text(app)
    assert orders[0] != orders[1]
    assert sorted(orders[0]) == sorted(orders[1])
    # Logged as the option's number in the file, whatever its place on screen.
    assert _logged_picks(tmp_path) == ["2", "2"]


async def test_a_wrong_pick_marks_the_right_option_where_it_is_shown(
    build_app: AppFactory, tmp_path: Path
) -> None:
    app = build_app(one_card_deck(tmp_path, CHOICE))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        shown = _shown(review)
        wrong = next(i for i, text in enumerate(shown) if text != "Variance")
        await pilot.press(str(wrong + 1))
        text = screen_text(app)
        assert f"✗ {wrong + 1}. {shown[wrong]}" in text
        assert f"✓ {shown.index('Variance') + 1}. Variance" in text
        assert review.query_one("#grade-1").has_class("-suggested")
        await pilot.press("1")
    assert _logged_picks(tmp_path) == [
        str(["Bias", "Variance", "Noise in the labels", "Training time"].index(shown[wrong]) + 1)
    ]


TWO_TERMS = card_yaml(OVERFITTING, UNDERFITTING)


async def test_a_near_or_wrong_typed_answer_is_compared_with_the_answer(
    build_app: AppFactory, tmp_path: Path
) -> None:
    app = build_app(one_card_deck(tmp_path, TWO_TERMS))
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.press(*"underfitting", "enter")
        text = screen_text(app)
        assert "✗ Wrong — the answer is: overfitting" in text
        assert "underfitting is another answer in this deck" in text
        assert "typed  underfitting" in text
        assert "answer ---overfitting" not in text
        assert "answer overfitting" in text
        assert review.query_one("#grade-1").has_class("-suggested")
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*"underfiting", "enter")
        text = screen_text(app)
        assert "≈ Near — the answer is: underfitting" in text
        assert "typed  underfit-ing" in text  # the missing t shown as a gap
        assert review.query_one("#grade-3").has_class("-suggested")


def test_the_comparison_marks_letters_typed_and_missed() -> None:
    typed, answer = typed_diff("Underfiting", "overfitting")
    # difflib: "Und" for "ov" (replaced), "erfit" in common, one "t" missed, "ing" in common.
    assert [(span.style, typed.plain[span.start : span.end]) for span in typed.spans] == [
        (EXTRA, "Und"),
        (SAME, "erfit"),
        ("dim", "-"),
        (SAME, "ing"),
    ]
    assert [(span.style, answer.plain[span.start : span.end]) for span in answer.spans] == [
        (MISSING, "ov"),
        (SAME, "erfit"),
        (MISSING, "t"),
        (SAME, "ing"),
    ]
    # Case and accents are not differences.
    same, _ = typed_diff("NAÏVE bayes", "naive Bayes")
    assert [span.style for span in same.spans] == [SAME]
