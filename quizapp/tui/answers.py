"""Checking what the learner typed or picked, and the grade that result suggests.

These are judgements about an answer, not scheduling: the suggested grade is only preselected on
the grade bar, and the learner may press any other grade. Typed answers are compared after
ignoring case, spacing and accents (so "Adam" = "adam", "naïve bayes" = "Naive Bayes"); an answer a
typo away from an accepted one is "near" and suggests a hard grade rather than a wrong one (Korean
typos are counted in letters, jamo, not whole syllables). Only
words can be near: numbers (years, constants such as 0.999 or 1e-8) must be typed exactly, since
one digit off is a different number ("2014" for "2017" is wrong, not a typo).
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

#: Grades suggested after a check (the learner can override them with the number keys).
GRADE_RIGHT = 4
GRADE_NEAR = 3
GRADE_SOME_RIGHT = 3
GRADE_WRONG = 1
GRADE_NO_ANSWER = 0


class Verdict(StrEnum):
    RIGHT = "right"
    NEAR = "near"
    WRONG = "wrong"


@dataclass(frozen=True, slots=True)
class TypedResult:
    verdict: Verdict
    #: The accepted answer the learner's text matched or came closest to.
    closest: str
    suggested_grade: int


def normalize(text: str) -> str:
    """The comparable form of an answer: accents dropped, case folded, all spacing removed.

    Decomposing (NFKD) splits "é" into "e" + a combining accent that is then dropped; composing
    again (NFC) puts Hangul syllables back together, so Korean answers compare as typed.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    composed = unicodedata.normalize("NFC", stripped).casefold()
    return "".join(composed.split())


#: A number inside a normalised answer: sign, digits, decimal part, exponent ("-1.5e−8", "2017").
_NUMBER = re.compile(r"[-+−]?\d+(?:[.,]\d+)*(?:e[-+−]?\d+)?")


def _numbers(text: str) -> list[str]:
    return _NUMBER.findall(text)


def _letters(normalized: str) -> str:
    """A normalised answer spelt letter by letter for the near-miss distance: NFD splits each
    Hangul syllable into its jamo, so "부스틍" for "부스팅" is one slip (ㅡ for ㅣ) among seven
    letters, as "waek" for "weak" is one among four, not one of three whole syllables."""
    return unicodedata.normalize("NFD", normalized)


def _near_limit(expected: str) -> int:
    # About one slip per four characters (a swap of two neighbours is one slip), and none for
    # very short answers: "L1" for "L2" is wrong, not near.
    return max(1, round(len(expected) / 4)) if len(expected) >= 4 else 0


def check_typed(given: str, answer: str, accept: Sequence[str] = ()) -> TypedResult:
    """Compare a typed answer with the card's answer and its accepted alternatives."""
    from rapidfuzz.distance import OSA

    candidates = [answer, *accept]
    typed = normalize(given)
    if not typed:
        return TypedResult(Verdict.WRONG, answer, GRADE_NO_ANSWER)
    best = answer
    best_distance: int | None = None
    for candidate in candidates:
        expected = normalize(candidate)
        if typed == expected:
            return TypedResult(Verdict.RIGHT, candidate, GRADE_RIGHT)
        if _numbers(typed) != _numbers(expected):
            # A slip in a number changes the answer: near is for misspelt words only.
            continue
        spelt = _letters(expected)
        distance = int(OSA.distance(_letters(typed), spelt))
        if distance <= _near_limit(spelt) and (best_distance is None or distance < best_distance):
            best, best_distance = candidate, distance
    if best_distance is not None:
        return TypedResult(Verdict.NEAR, best, GRADE_NEAR)
    return TypedResult(Verdict.WRONG, answer, GRADE_WRONG)


def check_choice(picked: Sequence[int], correct: Sequence[int]) -> tuple[bool, int]:
    """Whether the picked options (0-based) are exactly the right ones, and the grade to suggest."""
    right = set(picked) == set(correct)
    return right, GRADE_RIGHT if right else GRADE_WRONG


def shuffled_order(items: Sequence[str], key: str) -> list[int]:
    """A shuffle of the item positions that differs from the right order, the same for one key.

    Seeded by a hash of the prompt key (not Python's salted `hash`), so a card is shuffled the
    same way on every run and in the snapshot tests.
    """
    n = len(items)
    if n < 2:
        return list(range(n))
    seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    order = list(range(n))
    random.Random(seed).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]  # asking in the right order would give the answer away
    return order


def check_order(order: Sequence[int]) -> tuple[list[bool], int]:
    """Which positions hold the right item (positions are indexes into the right order).

    All in place suggests "good", at least half "hard", fewer "wrong".
    """
    in_place = [item == position for position, item in enumerate(order)]
    count = sum(in_place)
    if count == len(order):
        grade = GRADE_RIGHT
    elif count * 2 >= len(order):
        grade = GRADE_SOME_RIGHT
    else:
        grade = GRADE_WRONG
    return in_place, grade
