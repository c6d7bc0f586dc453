"""The judge: whether an answer is right, near or wrong, and the mark that gives; no UI.

Pure functions over the card's fields (no Textual, no Rich, no store, no clock): `typed` compares
typed text (its numbers read by `numbers`, held against the deck's other terms from `terms`),
`choice` orders a card's options for each showing and checks the options picked, `order`
shuffles a list to ask and checks the order given back. The session calls these with what it
knows of the card (`quizapp.session.judging`); the TUI only shows their verdicts. Each check also
gives a `Mark` (`quizapp.scheduling.base`), which the deck's scheduler turns into the rating
preselected on the answer buttons; the learner may press any other.

Computed exercises are judged by `quizapp.exercises.registry.check`, and their entries are read by
`quizapp.exercises.answers`; both stay in `quizapp.exercises` rather than moving here, because
each check needs the drawn exercise (its expected values, baselines and tolerances) that only the
exercise layer defines, and the number parser is shared with the deck parameters
(`exercises.params`). Moving them would make the exercise layer import the judge to read its own
decks; the two core packages sit side by side instead, and whoever asks for a verdict on an
exercise card calls `registry.check` as it calls `check_typed` for a typed card.
"""

from __future__ import annotations

from quizapp.judge.choice import check_choice, choice_order
from quizapp.judge.known import KnownTerms
from quizapp.judge.order import check_order, shuffled_order
from quizapp.judge.spelling import normalize
from quizapp.judge.terms import deck_terms
from quizapp.judge.typed import TypedResult, check_typed
from quizapp.judge.verdict import Verdict
from quizapp.scheduling.base import Mark

__all__ = [
    "KnownTerms",
    "Mark",
    "TypedResult",
    "Verdict",
    "check_choice",
    "check_order",
    "check_typed",
    "choice_order",
    "deck_terms",
    "normalize",
    "shuffled_order",
]
