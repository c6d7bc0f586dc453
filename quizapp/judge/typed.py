"""Checking what the learner typed on a `typed` card, and the mark that result gives.

Typed answers are compared after ignoring case, spacing and accents (so "Adam" = "adam",
"naïve bayes" = "Naive Bayes"); an answer a typo away from an accepted one is "near" and marked
partly right rather than wrong (Korean typos are counted in letters, jamo, not whole
syllables). Only words can be near: numbers (years, constants such as 0.999 or 1e-8) must be typed
exactly, since one digit off is a different number ("2014" for "2017" is wrong, not a typo).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.judge.verdict import Verdict
from quizapp.scheduling.base import Mark


@dataclass(frozen=True, slots=True)
class TypedResult:
    verdict: Verdict
    #: The accepted answer the learner's text matched or came closest to.
    closest: str
    #: What the check gives the scheduler to suggest a rating from.
    mark: Mark


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


def check_typed(
    given: str, answer: str, accept: Sequence[str] = (), known: Sequence[str] = ()
) -> TypedResult:
    """Compare a typed answer with the card's answer and its accepted alternatives.

    `known` is accepted and unused: nothing passes it yet and it changes no verdict. It is the
    place a later, smarter judge takes other answers the learner knows.
    """
    from rapidfuzz.distance import OSA

    candidates = [answer, *accept]
    typed = normalize(given)
    if not typed:
        return TypedResult(Verdict.WRONG, answer, Mark.BLANK)
    best = answer
    best_distance: int | None = None
    for candidate in candidates:
        expected = normalize(candidate)
        if typed == expected:
            return TypedResult(Verdict.RIGHT, candidate, Mark.RIGHT)
        if _numbers(typed) != _numbers(expected):
            # A slip in a number changes the answer: near is for misspelt words only.
            continue
        spelt = _letters(expected)
        distance = int(OSA.distance(_letters(typed), spelt))
        if distance <= _near_limit(spelt) and (best_distance is None or distance < best_distance):
            best, best_distance = candidate, distance
    if best_distance is not None:
        return TypedResult(Verdict.NEAR, best, Mark.PARTLY)
    return TypedResult(Verdict.WRONG, answer, Mark.WRONG)
