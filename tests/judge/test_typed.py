"""Checking typed answers, and the grades they suggest."""

from __future__ import annotations

import pytest

from quizapp.judge import Verdict, check_typed, normalize
from quizapp.scheduling.sm2 import SM2Scheduler

#: The suggested grades are SM-2's, from the mark each check gives.
SM2 = SM2Scheduler()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (" Naïve  Bayes ", "naivebayes"),
        ("ÉCOLE", "ecole"),
        ("배깅", "배깅"),
        ("Bootstrap\taggregating", "bootstrapaggregating"),
    ],
)
def test_normalize(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    ("given", "verdict", "closest", "grade"),
    [
        ("bagging", Verdict.RIGHT, "bagging", 4),
        ("  BAGGING ", Verdict.RIGHT, "bagging", 4),
        ("배깅", Verdict.RIGHT, "배깅", 4),
        ("bootstrap  Aggregating", Verdict.RIGHT, "bootstrap aggregating", 4),
        ("baging", Verdict.NEAR, "bagging", 3),  # one letter missing
        ("bagign", Verdict.NEAR, "bagging", 3),  # one missing, one pair swapped
        ("boosting", Verdict.WRONG, "bagging", 1),
        ("", Verdict.WRONG, "bagging", 0),
    ],
)
def test_check_typed(given: str, verdict: Verdict, closest: str, grade: int) -> None:
    result = check_typed(given, "bagging", ["배깅", "bootstrap aggregating"])
    suggested = SM2.suggested(result.mark)
    assert (result.verdict, result.closest, suggested) == (verdict, closest, grade)


@pytest.mark.parametrize(
    ("given", "answer"),
    [
        ("2014", "2017"),  # a year one digit off
        ("0.99", "0.999"),  # a digit missing
        ("1e-8", "1e-6"),
        ("1e6", "1e-6"),  # the sign of the exponent
        ("-0.25", "0.25"),
        ("ResNet-34", "ResNet-50"),  # words around a wrong number
    ],
)
def test_numbers_are_never_near(given: str, answer: str) -> None:
    result = check_typed(given, answer)
    assert (result.verdict, SM2.suggested(result.mark)) == (Verdict.WRONG, 1)


@pytest.mark.parametrize(
    ("given", "answer", "verdict"),
    [
        ("2 017", "2017", Verdict.RIGHT),  # spacing is normalised away
        (" 0.999", "0.999", Verdict.RIGHT),
        ("ResNte-50", "ResNet-50", Verdict.NEAR),  # a misspelt word, the number right
    ],
)
def test_numbers_typed_exactly(given: str, answer: str, verdict: Verdict) -> None:
    assert check_typed(given, answer).verdict is verdict


@pytest.mark.parametrize(
    ("given", "answer", "verdict"),
    [
        # 부스팅 is ㅂㅜ ㅅㅡ ㅌㅣㅇ, seven letters: one slip is near, as for "waek"/"weak".
        ("부스틍", "부스팅", Verdict.NEAR),  # ㅡ for ㅣ
        ("부스딩", "부스팅", Verdict.NEAR),  # ㄷ for ㅌ
        ("부스 팅", "부스팅", Verdict.RIGHT),
        ("배강", "배깅", Verdict.NEAR),  # ㅂㅐㄱㅣㅇ: five letters, one slip
        ("배깅", "부스팅", Verdict.WRONG),
        ("부승틍", "부스팅", Verdict.NEAR),  # ㅇ added, ㅡ for ㅣ: two slips, the limit for seven
        ("부숭틍", "부스팅", Verdict.WRONG),  # and ㅜ for ㅡ: three slips, too many
        ("waek", "weak", Verdict.NEAR),
    ],
)
def test_korean_typos_count_letters_not_syllables(
    given: str, answer: str, verdict: Verdict
) -> None:
    assert check_typed(given, answer).verdict is verdict


def test_short_answers_are_never_near() -> None:
    assert check_typed("L2", "L1").verdict is Verdict.WRONG


#: The deck's other terms on the generalization and optimizers cards below.
GENERALIZATION = ("underfitting", "underfit", "과소적합", "bias", "variance", "overfitting")
OPTIMIZERS = ("Adam", "AdamW", "AMSGrad", "RMSProp", "AdaGrad", "AdaMax")

OVERFITTING = ("overfitting", ["overfit", "overfitted", "과적합", "과대적합"])
UNDERFITTING = ("underfitting", ["underfit", "underfitted", "과소적합"])
GPT3 = ("175 billion", ["175B", "175 billion parameters", "1750억", "1,750억", "1750억 개"])


@pytest.mark.parametrize(
    ("given", "card", "known", "verdict"),
    [
        # Another term of the deck is wrong however close its spelling, in English and Korean.
        ("underfitting", OVERFITTING, GENERALIZATION, Verdict.WRONG),
        ("underfiting", OVERFITTING, GENERALIZATION, Verdict.WRONG),  # a slip of that term
        ("과소적합", OVERFITTING, GENERALIZATION, Verdict.WRONG),
        ("overfitting", UNDERFITTING, GENERALIZATION, Verdict.WRONG),
        ("과적합", UNDERFITTING, GENERALIZATION, Verdict.WRONG),
        ("Adam", ("AdaMax", []), OPTIMIZERS, Verdict.WRONG),
        ("AdamW", ("AdaMax", []), OPTIMIZERS, Verdict.WRONG),
        ("Adamx", ("AdaMax", []), OPTIMIZERS, Verdict.WRONG),  # nearer Adam than AdaMax
        # The card's own answer among the deck's terms changes nothing.
        ("overfitting", OVERFITTING, GENERALIZATION, Verdict.RIGHT),
        ("과대적합", OVERFITTING, GENERALIZATION, Verdict.RIGHT),
        ("AdaMax", ("AdaMax", []), OPTIMIZERS, Verdict.RIGHT),
        ("overfiting", OVERFITTING, GENERALIZATION, Verdict.NEAR),
        ("과잭합", OVERFITTING, GENERALIZATION, Verdict.NEAR),  # ㄱ for ㅂ: one slip
        ("AdaMaz", ("AdaMax", []), OPTIMIZERS, Verdict.NEAR),
        ("AdaMx", ("AdaMax", []), OPTIMIZERS, Verdict.WRONG),  # as near Adam as AdaMax
    ],
)
def test_another_term_of_the_deck_is_wrong(
    given: str, card: tuple[str, list[str]], known: tuple[str, ...], verdict: Verdict
) -> None:
    answer, accept = card
    assert check_typed(given, answer, accept, known).verdict is verdict


@pytest.mark.parametrize(
    ("given", "answer", "verdict"),
    [
        # Without the deck's terms, a prefix that flips the meaning is still wrong.
        ("underfitting", "overfitting", Verdict.WRONG),
        ("overfitting", "underfitting", Verdict.WRONG),
        ("under-fiting", "overfitting", Verdict.WRONG),
        ("과소적합", "과대적합", Verdict.WRONG),
        ("과대적합", "과소적합", Verdict.WRONG),
        ("과소적합", "과적합", Verdict.WRONG),
        ("output", "input", Verdict.WRONG),
        ("minimum", "maximum", Verdict.WRONG),
        ("max pooling", "min pooling", Verdict.WRONG),
        ("최소값", "최대값", Verdict.WRONG),
        # Two slips in six letters make another word.
        ("Adam", "AdaMax", Verdict.WRONG),
        ("overfiting", "overfitting", Verdict.NEAR),
        ("maxpoolng", "max pooling", Verdict.NEAR),
    ],
)
def test_a_prefix_that_flips_the_meaning_is_wrong(
    given: str, answer: str, verdict: Verdict
) -> None:
    assert check_typed(given, answer).verdict is verdict


def test_a_wrong_answer_says_why() -> None:
    taken = check_typed("underfitting", "overfitting", known=GENERALIZATION)
    assert (taken.other, taken.why) == (
        "underfitting",
        "underfitting is another answer in this deck",
    )
    flipped = check_typed("underfitting", "overfitting")
    assert flipped.why == "'under' for 'over' changes the meaning"
    assert check_typed("175 million", *GPT3).why == "a different number"


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        ("175 billion", Verdict.RIGHT),
        ("175B parameters", Verdict.RIGHT),
        ("175 bn", Verdict.RIGHT),
        ("1.75e11", Verdict.RIGHT),
        ("1.75 × 10^11", Verdict.RIGHT),
        ("1.75×10¹¹", Verdict.RIGHT),
        ("175,000,000,000", Verdict.RIGHT),
        ("175 000 000 000", Verdict.RIGHT),
        ("175 billions", Verdict.RIGHT),
        ("175 bilion", Verdict.NEAR),  # the magnitude misspelt
        ("175 milion", Verdict.WRONG),  # a misspelt million is a million
        ("175 trilion", Verdict.WRONG),
        ("175 thousand million", Verdict.WRONG),
        ("1750억", Verdict.RIGHT),
        ("1,750억 개", Verdict.RIGHT),
        ("1천750억", Verdict.WRONG),  # not a way numbers are written
        ("175 million", Verdict.WRONG),
        ("175M", Verdict.WRONG),
        ("175 trillion", Verdict.WRONG),
        ("175T", Verdict.WRONG),
        ("1750만", Verdict.WRONG),
        ("176 billion", Verdict.WRONG),
        ("175", Verdict.NEAR),  # the digits, not the magnitude the answer needs
        ("175 parameters", Verdict.NEAR),
    ],
)
def test_magnitudes_are_read_by_value(given: str, verdict: Verdict) -> None:
    assert check_typed(given, *GPT3).verdict is verdict


@pytest.mark.parametrize(
    ("given", "answer", "verdict"),
    [
        # Scientific notation in its common spellings.
        ("1e-8", "1e-8", Verdict.RIGHT),
        ("1E-8", "1e-8", Verdict.RIGHT),
        ("1.0e-8", "1e-8", Verdict.RIGHT),
        ("1e-08", "1e-8", Verdict.RIGHT),
        ("1e−8", "1e-8", Verdict.RIGHT),  # Unicode minus
        ("1×10^-8", "1e-8", Verdict.RIGHT),
        ("1 x 10^-8", "1e-8", Verdict.RIGHT),
        ("1*10**-8", "1e-8", Verdict.RIGHT),
        ("10^(-8)", "1e-8", Verdict.RIGHT),
        ("10^{-8}", "1e-8", Verdict.RIGHT),
        ("10⁻⁸", "1e-8", Verdict.RIGHT),
        ("0.00000001", "1e-8", Verdict.RIGHT),
        ("1e-7", "1e-8", Verdict.WRONG),
        ("1e8", "1e-8", Verdict.WRONG),
        ("10⁻³", "0.001", Verdict.RIGHT),
        ("1e-3", "0.001", Verdict.RIGHT),
        (".001", "0.001", Verdict.RIGHT),
        # Trailing zeros.
        ("0.0010", "0.001", Verdict.RIGHT),
        ("0.9990", "0.999", Verdict.RIGHT),
        ("0.01", "0.001", Verdict.WRONG),
        # A decimal comma where a comma cannot group thousands; grouping where it can.
        ("0,999", "0.999", Verdict.RIGHT),
        ("0,999", "999", Verdict.WRONG),
        ("0,99", "0.999", Verdict.WRONG),
        ("2,5", "2.5", Verdict.RIGHT),
        ("3,14", "3.14", Verdict.RIGHT),
        ("1,2345", "1.2345", Verdict.RIGHT),
        ("1,500", "1500", Verdict.RIGHT),
        ("1,500", "1.5", Verdict.WRONG),
        ("10,000 steps", "10000 steps", Verdict.RIGHT),
        # Signs: a minus is a minus, a hyphen after a word is not.
        ("−0.001", "-0.001", Verdict.RIGHT),
        ("0.001", "-0.001", Verdict.WRONG),
        ("ResNet 50", "ResNet-50", Verdict.RIGHT),
    ],
)
def test_scientific_notation_and_zeros(given: str, answer: str, verdict: Verdict) -> None:
    assert check_typed(given, answer).verdict is verdict


GAP = ("12%", ["0.12", "12 percentage points", "12%p"])


@pytest.mark.parametrize(
    ("given", "card", "verdict"),
    [
        ("12%", GAP, Verdict.RIGHT),
        ("12 %", GAP, Verdict.RIGHT),
        ("12 percent", GAP, Verdict.RIGHT),
        ("12 per cent", GAP, Verdict.RIGHT),
        ("twelve percent", GAP, Verdict.RIGHT),
        ("12퍼센트", GAP, Verdict.RIGHT),
        ("12 퍼센트포인트", GAP, Verdict.RIGHT),
        ("12%p", GAP, Verdict.RIGHT),
        ("0.12", GAP, Verdict.RIGHT),
        ("12", GAP, Verdict.NEAR),  # the % left out
        ("12 precent", GAP, Verdict.NEAR),
        ("13%", GAP, Verdict.WRONG),
        ("1.2%", GAP, Verdict.WRONG),
        ("12 percentile", GAP, Verdict.WRONG),
        ("63.2 percent", ("63.2%", []), Verdict.RIGHT),
    ],
)
def test_percent_signs_and_words(given: str, card: tuple[str, list[str]], verdict: Verdict) -> None:
    assert check_typed(given, *card).verdict is verdict


@pytest.mark.parametrize(
    ("given", "answer", "verdict"),
    [
        ("two", "2", Verdict.RIGHT),
        ("Two", "2", Verdict.RIGHT),
        ("2", "two", Verdict.RIGHT),
        ("three", "2", Verdict.WRONG),
        ("2개", "2", Verdict.RIGHT),
        ("2 개", "2", Verdict.RIGHT),
        ("두 개", "2", Verdict.RIGHT),
        ("둘", "2", Verdict.RIGHT),
        ("3개", "2", Verdict.WRONG),
        ("2017년", "2017", Verdict.RIGHT),
        ("2016년", "2017", Verdict.WRONG),
        ("3번", "3", Verdict.RIGHT),
        ("2 numbers", "2", Verdict.RIGHT),  # what is counted, after the number
        ("about 2", "2", Verdict.WRONG),
        ("1억 7500만", "175 million", Verdict.RIGHT),
        ("1만 2000", "12,000", Verdict.RIGHT),
        # A word that holds a number word stays a word.
        ("one hot", "one-hot", Verdict.RIGHT),
        ("onehot", "one-hot", Verdict.RIGHT),
        ("1-hot", "one-hot", Verdict.RIGHT),
    ],
)
def test_number_words_and_korean_counters(given: str, answer: str, verdict: Verdict) -> None:
    assert check_typed(given, answer).verdict is verdict


@pytest.mark.parametrize(
    ("given", "answer", "verdict"),
    [
        ("Bootstrap-aggregating", "bootstrap aggregating", Verdict.RIGHT),
        ("bootstrap_aggregating.", "bootstrap aggregating", Verdict.RIGHT),
        ("over-fitting", "overfitting", Verdict.RIGHT),
        ("Over Fitting!", "overfitting", Verdict.RIGHT),
        ("k-NN", "kNN", Verdict.RIGHT),
        ("Naïve Bayes", "naive bayes", Verdict.RIGHT),
        ("“generator”", "generator", Verdict.RIGHT),
        ("부스팅.", "부스팅", Verdict.RIGHT),
        ("bootstrap agregating", "bootstrap aggregating", Verdict.NEAR),
        ("disciminator", "discriminator", Verdict.NEAR),
        ("판벌기", "판별기", Verdict.NEAR),  # ㅓ for ㅕ
        ("generater", "generator", Verdict.NEAR),
        ("generative", "generator", Verdict.WRONG),
    ],
)
def test_spelling(given: str, answer: str, verdict: Verdict) -> None:
    assert check_typed(given, answer).verdict is verdict


def test_what_the_verdict_matched_and_suggests() -> None:
    # By value, 1,750억 is the answer itself: that is what it matched.
    result = check_typed("1,750억", *GPT3)
    assert (result.verdict, result.matched, SM2.suggested(result.mark)) == (
        Verdict.RIGHT,
        "175 billion",
        4,
    )
    worded = check_typed("bootstrap aggregation", "bagging", ["배깅", "bootstrap aggregation"])
    assert worded.matched == "bootstrap aggregation"
    near = check_typed("175", *GPT3)
    assert (near.matched, SM2.suggested(near.mark)) == ("175 billion", 3)
    assert near.why == "the digits are right but the magnitude is missing"
    assert near.verdict == "near"  # a StrEnum: compares as its text


@pytest.mark.parametrize(
    ("given", "answer", "verdict"),
    [
        ("the generator", "generator", Verdict.RIGHT),  # a leading article does not count
        ("The Discriminator", "the discriminator", Verdict.RIGHT),
        ("an epoch", "epoch", Verdict.RIGHT),
        ("a generator", "the generator", Verdict.RIGHT),
        ("the discriminator", "generator", Verdict.WRONG),
        ("a million", "1,000,000", Verdict.RIGHT),  # "a" before a magnitude is one
        ("a billion", "1 million", Verdict.WRONG),
        ("a", "b", Verdict.WRONG),  # an article alone is an answer like any other
        ("a/b testing", "A/B testing", Verdict.RIGHT),
    ],
)
def test_articles(given: str, answer: str, verdict: Verdict) -> None:
    assert check_typed(given, answer).verdict is verdict


def test_an_article_does_not_hide_another_known_term() -> None:
    result = check_typed("the underfitting", "overfitting", known=("underfitting",))
    assert result.verdict is Verdict.WRONG
