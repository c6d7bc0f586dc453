"""Widgets of the study TUI: card text, one view per card kind, the grade bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.session import StudyItem
    from quizapp.tui.widgets.base import CardView


def card_view(item: StudyItem) -> CardView:
    """The view for an item's card kind (imported on demand: most sessions use two or three)."""
    # Here, not at the top: the home screen's footer imports this package for the first frame.
    from quizapp.model import CardKind

    kind = item.prompt.card.kind
    if kind is CardKind.CLOZE:
        from quizapp.tui.widgets.cloze import ClozeView

        return ClozeView(item)
    if kind is CardKind.CHOICE:
        from quizapp.tui.widgets.choice import ChoiceView

        return ChoiceView(item)
    if kind is CardKind.TYPED:
        from quizapp.tui.widgets.typed import TypedView

        return TypedView(item)
    if kind is CardKind.ORDER:
        from quizapp.tui.widgets.order import OrderView

        return OrderView(item)
    if kind is CardKind.EXERCISE:
        from quizapp.tui.widgets.exercise import ExerciseView

        return ExerciseView(item)
    from quizapp.tui.widgets.basic import BasicView

    return BasicView(item)
