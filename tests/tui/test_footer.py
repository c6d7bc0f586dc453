"""The footer of keys: right labels for the review's two states, updated without a rebuild."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from quizapp.tui.widgets.footer import KeyFooter
from tests.tui.conftest import AppFactory
from tests.tui.test_flows import open_deck, wait_for_decks


def footer_labels(footer: KeyFooter) -> list[str]:
    return [key.description for key in footer.query_children(FooterKey)]


async def test_review_footer_turns_show_answer_into_suggested_grade(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "basics")
        await pilot.pause()
        footer = review.query_one(KeyFooter)
        before = list(footer.query_children(FooterKey))
        assert footer_labels(footer) == [
            "Show answer",
            "Undo",
            "Suspend",
            "Bury",
            "Edit",
            "Help",
            "palette",
        ]

        await pilot.press("space")
        await pilot.pause()
        # What space gives now, on the deck's scale: SM-2's default, 4 Good.
        assert footer_labels(footer)[0] == "Good (4)"
        # The same key widgets, relabelled: nothing was removed and mounted again.
        assert list(footer.query_children(FooterKey)) == before
        assert before[0].action == "accept"

        await pilot.press("4")
        await pilot.pause()
        assert footer_labels(footer)[0] == "Show answer"
        assert before[0].action == "reveal"


async def test_clicking_a_relabelled_footer_key_does_what_it_says(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "basics")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert review.view is not None and review.view.revealed
        # "Suggested grade" (space) on a self-graded card gives 4 Good: on to the next card.
        await pilot.click(FooterKey)
        await pilot.pause()
        assert "1 done · 1 left" in str(review.query_one("#review-count").render())
