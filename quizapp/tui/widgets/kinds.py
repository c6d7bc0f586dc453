"""Which view shows each card kind: the TUI's part of the card-kind registry.

A new kind gets its view here (`tests/tui/test_kinds.py` fails until every `CardKind` has one).
Imported when the first card is drawn (or by the app's warm-up), not for the home screen.
"""

from __future__ import annotations

from collections.abc import Mapping

from quizapp.model import CardKind
from quizapp.tui.widgets.base import CardView
from quizapp.tui.widgets.basic import BasicView
from quizapp.tui.widgets.choice import ChoiceView
from quizapp.tui.widgets.cloze import ClozeView
from quizapp.tui.widgets.exercise import ExerciseView
from quizapp.tui.widgets.order import OrderView
from quizapp.tui.widgets.typed import TypedView

#: The view class for each card kind (`reverse` cards are basic ones asked back to front).
VIEWS: Mapping[CardKind, type[CardView]] = {
    CardKind.BASIC: BasicView,
    CardKind.REVERSE: BasicView,
    CardKind.CLOZE: ClozeView,
    CardKind.CHOICE: ChoiceView,
    CardKind.TYPED: TypedView,
    CardKind.ORDER: OrderView,
    CardKind.EXERCISE: ExerciseView,
}
