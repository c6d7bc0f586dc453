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


@pytest.mark.parametrize("given", ["bagging", "baging", "boosting", ""])
def test_known_answers_change_no_verdict_yet(given: str) -> None:
    alone = check_typed(given, "bagging")
    assert check_typed(given, "bagging", known=["boosting", "baging"]) == alone
