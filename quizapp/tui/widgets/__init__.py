"""Widgets of the study TUI: card text, one view per card kind, the grade bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.session import StudyItem
    from quizapp.tui.widgets.base import CardView


def card_view(item: StudyItem) -> CardView:
    """The view for an item's card kind (`kinds.VIEWS`)."""
    # Here, not at the top: the home screen's footer imports this package for the first frame,
    # and the views (with what they import) are only needed once a card is shown.
    from quizapp.tui.widgets.kinds import VIEWS

    return VIEWS[item.prompt.card.kind](item)
