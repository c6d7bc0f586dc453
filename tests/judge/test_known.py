"""A deck's terms prepared for the typed judge: found by their letters, and by the slips from
them; a plain list of terms judges the same."""

from __future__ import annotations

import pytest

from quizapp.judge import KnownTerms, check_typed, deck_terms
from quizapp.model import Card, CardKind, Deck

TERMS = ("underfitting", "Under-fitting", "bias", "variance", "과소적합", "  ", "bias")


def test_terms_are_a_sequence_in_their_order_each_once() -> None:
    terms = KnownTerms(TERMS)
    assert list(terms) == ["underfitting", "Under-fitting", "bias", "variance", "과소적합"]
    assert (len(terms), terms[2], list(terms[1:3])) == (5, "bias", ["Under-fitting", "bias"])


def test_a_term_is_found_by_its_letters() -> None:
    terms = KnownTerms(TERMS)
    assert terms.typed_as("UNDER FITTING!") == ["underfitting", "Under-fitting"]
    assert terms.typed_as("과소 적합") == ["과소적합"]
    assert terms.typed_as("overfitting") == []


def test_terms_close_to_a_typo_nearest_first() -> None:
    terms = KnownTerms(("varience", "variance", "bias", "valiance"))
    # valiance is three slips away (l, a, c).
    assert terms.close_to("variense", 2) == [("varience", 1), ("variance", 2)]
    assert terms.close_to("variense", 0) == []
    # Korean slips are counted in letters: 과소적합 -> 과소적한 is one (ㅂ for ㄴ).
    assert KnownTerms(("과소적합",)).close_to("과소적한", 1) == [("과소적합", 1)]


@pytest.mark.parametrize(
    "given", ["underfitting", "underfiting", "overfiting", "overfitting", "bias", "과소적합"]
)
def test_a_plain_list_judges_as_the_prepared_terms(given: str) -> None:
    accept = ["overfit", "과적합"]
    plain = check_typed(given, "overfitting", accept, list(TERMS))
    assert plain == check_typed(given, "overfitting", accept, KnownTerms(TERMS))


def test_deck_terms_gather_what_the_cards_teach() -> None:
    cards = (
        Card(id="a", kind=CardKind.TYPED, front="Q", answer="AdaMax", accept=("Ada-Max",)),
        Card(id="b", kind=CardKind.ORDER, front="Order", items=("Adam", "AdamW")),
        Card(id="c", kind=CardKind.CLOZE, text="{{c1::RMSProp}} divides by a moving average"),
        Card(id="d", kind=CardKind.CHOICE, front="Q", choices=("Boosting (부스팅)", "Bagging")),
        Card(id="e", kind=CardKind.REVERSE, front="Weak learner", back="약 분류기"),
        Card(
            id="f",
            kind=CardKind.BASIC,
            front="What does **AMSGrad** fix, and why does it matter so much?",
            back="It keeps the largest second moment seen so far, so that steps never grow.",
        ),
    )
    terms = deck_terms(Deck(id="d", title="D", cards=cards))
    assert list(terms) == [
        "AdaMax", "Ada-Max", "Adam", "AdamW", "RMSProp", "Boosting", "부스팅", "Bagging",
        "약 분류기", "Weak learner", "AMSGrad",
    ]  # fmt: skip
