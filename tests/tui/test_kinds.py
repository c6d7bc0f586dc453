"""Every card kind has a view, and each view is the one written for that kind."""

from __future__ import annotations

import pytest

from quizapp.model import CardKind
from quizapp.tui.widgets.base import CardView
from quizapp.tui.widgets.basic import BasicView
from quizapp.tui.widgets.choice import ChoiceView
from quizapp.tui.widgets.cloze import ClozeView
from quizapp.tui.widgets.exercise import ExerciseView
from quizapp.tui.widgets.kinds import VIEWS
from quizapp.tui.widgets.order import OrderView
from quizapp.tui.widgets.typed import TypedView


@pytest.mark.parametrize("kind", list(CardKind), ids=str)
def test_every_card_kind_has_a_view(kind: CardKind) -> None:
    assert kind in VIEWS
    assert issubclass(VIEWS[kind], CardView)


def test_each_kind_gets_its_own_view() -> None:
    assert dict(VIEWS) == {
        CardKind.BASIC: BasicView,
        CardKind.REVERSE: BasicView,
        CardKind.CLOZE: ClozeView,
        CardKind.CHOICE: ChoiceView,
        CardKind.TYPED: TypedView,
        CardKind.ORDER: OrderView,
        CardKind.EXERCISE: ExerciseView,
    }
