"""The judge on the card being asked, with what the session knows of it: the deck's other terms
for a typed answer, and how many times a choice card was shown, for its options' order.

The front ends call these rather than the judge itself, so that every typed answer is held
against its deck's terms (gathered once per deck: `DeckIndex.terms`) and every showing of a
choice card has its own order (`quizapp.judge.choice_order`).
"""

from __future__ import annotations

from quizapp.judge import TypedResult, check_typed, choice_order
from quizapp.session.views import StudyItem


def judge_typed(item: StudyItem, given: str) -> TypedResult:
    """The verdict on what was typed for this typed card."""
    card = item.prompt.card
    return check_typed(given, card.answer, card.accept, item.known)


def option_order(item: StudyItem) -> list[int]:
    """A choice card's options as shown: the file index of the option at each position.

    Shuffled per showing, unless the card says `shuffle: false` (its order carries meaning, as
    a scale does). Keyed by deck and card, so two decks' cards of one id differ.
    """
    card = item.prompt.card
    n = len(card.choices)
    if not card.shuffle:
        return list(range(n))
    return choice_order(f"{item.prompt.deck_id}/{item.prompt.key}", n, item.showing)
