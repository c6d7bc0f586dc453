"""The judge on the bundled decks, as the session runs it (each typed card against its deck's
terms; each choice card's options in their order for each showing): the answers the issue found
refused are right, those it found passed are wrong, and pressing 1 no longer scores."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizapp.decks import load_deck
from quizapp.judge import Verdict, check_choice, check_typed, deck_terms
from quizapp.model import CardKind, Deck, Prompt
from quizapp.paths import bundled_decks_dir
from quizapp.scheduling.sm2 import SM2Scheduler
from quizapp.session.judging import option_order
from quizapp.session.views import StudyItem

DECK_IDS = ("dl-history", "ensembles", "generalization", "optimizers")


@pytest.fixture(autouse=True)
def _isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def decks() -> dict[str, Deck]:
    loaded = {}
    for deck_id in DECK_IDS:
        deck = load_deck(bundled_decks_dir() / f"{deck_id}.yaml").deck
        assert deck is not None
        loaded[deck_id] = deck
    return loaded


def _judge(decks: dict[str, Deck], deck_id: str, card_id: str, given: str) -> Verdict:
    deck = decks[deck_id]
    card = deck.card(card_id)
    assert card is not None and card.kind is CardKind.TYPED
    return check_typed(given, card.answer, card.accept, deck_terms(deck)).verdict


@pytest.mark.parametrize(
    ("deck_id", "card_id", "given"),
    [
        ("dl-history", "gpt3-parameters", "175B parameters"),
        ("dl-history", "gpt3-parameters", "1.75e11"),
        ("dl-history", "gpt3-parameters", "1750억 개"),
        ("generalization", "gap-compute", "12 percent"),
        ("generalization", "gap-compute", "12 퍼센트"),
        ("optimizers", "default-epsilon", "1.0e-8"),
        ("optimizers", "default-epsilon", "1e−8"),
        ("optimizers", "default-alpha", "10⁻³"),
        ("dl-history", "year-transformer", "2017년"),
        ("optimizers", "adam-state", "2개"),
        ("generalization", "overfitting-term", "over-fitting"),
        ("ensembles", "bagging-name", "Bootstrap-aggregating"),
        ("optimizers", "adamax", "Adamax"),
    ],
)
def test_right_answers_the_old_judge_refused(
    decks: dict[str, Deck], deck_id: str, card_id: str, given: str
) -> None:
    assert _judge(decks, deck_id, card_id, given) is Verdict.RIGHT


@pytest.mark.parametrize(
    ("deck_id", "card_id", "given"),
    [
        ("generalization", "overfitting-term", "underfitting"),
        ("generalization", "overfitting-term", "과소적합"),
        ("generalization", "underfitting-term", "overfitting"),
        ("generalization", "underfitting-term", "과대적합"),
        ("generalization", "underfitting-term", "과적합"),
        ("dl-history", "gpt3-parameters", "175 million"),
        ("dl-history", "gpt3-parameters", "175M"),
        ("dl-history", "gpt3-parameters", "175 trillion"),
        ("optimizers", "adamax", "Adam"),
        ("optimizers", "adamax", "AdamW"),
        ("dl-history", "gan-generator", "discriminator"),
    ],
)
def test_wrong_answers_the_old_judge_passed(
    decks: dict[str, Deck], deck_id: str, card_id: str, given: str
) -> None:
    assert _judge(decks, deck_id, card_id, given) is Verdict.WRONG


def test_every_typed_answer_and_accepted_form_is_right_among_its_deck_terms(
    decks: dict[str, Deck],
) -> None:
    for deck in decks.values():
        terms = deck_terms(deck)
        for card in deck.cards:
            if card.kind is CardKind.TYPED:
                for given in (card.answer, *card.accept):
                    result = check_typed(given, card.answer, card.accept, terms)
                    assert result.verdict is Verdict.RIGHT, (deck.id, card.id, given)


def _item(deck: Deck, prompt: Prompt, showing: int) -> StudyItem:
    return StudyItem(
        prompt=prompt,
        deck_title=deck.title,
        deck_path=deck.path,
        scheduler=SM2Scheduler(),
        tags=(),
        is_new=False,
        is_repeat=False,
        seed=None,
        showing=showing,
    )


SHOWINGS = 2000


def test_pressing_1_scores_only_by_chance(decks: dict[str, Deck]) -> None:
    """Every single-answer choice card, shown 2,000 times, its first option on screen picked."""
    scored, expected, cards = 0, 0.0, 0
    for deck in decks.values():
        for prompt in deck.prompts():
            card = prompt.card
            if card.kind is not CardKind.CHOICE or len(card.correct) != 1:
                continue
            cards += 1
            places: Counter[int] = Counter()
            for showing in range(SHOWINGS):
                order = option_order(_item(deck, prompt, showing))
                right, _ = check_choice([order[0]], card.correct)
                scored += right
                places[order.index(card.correct[0])] += 1
            expected += SHOWINGS / len(card.choices)
            # Over its showings, the right option stands at every place about as often.
            n = len(card.choices)
            assert all(abs(places[p] / SHOWINGS - 1 / n) < 0.05 for p in range(n)), (
                card.id,
                places,
            )
    assert cards >= 25
    # Before shuffling, 1 scored 78 % (21 of 27 right options first); now what chance gives.
    assert abs(scored - expected) / (cards * SHOWINGS) < 0.01
    assert scored / (cards * SHOWINGS) < 0.35
