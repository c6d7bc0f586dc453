"""Checking what the learner typed on a `typed` card, as a teacher would, and the mark it gives.

An answer is read as words and numbers (`quizapp.judge.numbers`):
- Words compare without case, accents, spaces, hyphens or punctuation ("Bootstrap-aggregating"
  = "bootstrap aggregating", "naïve bayes" = "Naive Bayes"). A slip in a word (one letter in
  up to six, then about one in four; Korean counted in letters, jamo, not syllables) is
  "near", marked partly right.
- Numbers compare by value: "175B" = "175 billion" = "1.75e11" = "1750억", "1.0e−8" = "1e-8",
  "10⁻³" = "0.001", "12 percent" = "12%", "2017년" = "2017", "two" = "2". A different value is
  wrong, never near: a digit off is another number ("175 million" for 175 billion, "2014" for
  2017). The right digits without the magnitude or percent the answer has ("175" for 175
  billion) are near. Words after the number of an answer that is only a number say what is
  counted ("2 numbers" for 2) and are not held against it.
- Another answer of the deck (`known`: the deck's other terms) is wrong however close its
  spelling: "underfitting" for overfitting, "Adam" for AdaMax; so is a typo that is closer to
  one of them. So is a word whose meaning flips with its prefix: under/over, in/out, min/max,
  과소/과대.
- A leading article does not count ("the generator" = "generator"), and "a" before a magnitude
  is one ("a million" = "1 million").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from quizapp.judge.known import known_terms
from quizapp.judge.numbers import Quantity, clean, magnitude_names, quantities, spelt_numbers
from quizapp.judge.spelling import distance as _distance
from quizapp.judge.spelling import letters as _letters
from quizapp.judge.spelling import near_limit as _near_limit
from quizapp.judge.spelling import normalize
from quizapp.judge.verdict import Verdict
from quizapp.scheduling.base import Mark

#: Parts of words that turn a term into its opposite; either may stand for the other.
FLIPS: tuple[tuple[str, str], ...] = (
    ("under", "over"),
    ("input", "output"),
    ("in", "out"),
    ("minimum", "maximum"),
    ("min", "max"),
    ("increase", "decrease"),
    ("upper", "lower"),
    ("pre", "post"),
    ("과소", "과대"),
    ("과소", "과"),  # 과소적합 (underfitting) against 과적합 (overfitting)
    ("최소", "최대"),
    ("입력", "출력"),
    ("증가", "감소"),
    ("상한", "하한"),
)


@dataclass(frozen=True, slots=True)
class TypedResult:
    """The judge's verdict on a typed answer."""

    verdict: Verdict
    #: The accepted answer the learner's text matched or came closest to (the card's answer
    #: when nothing came close).
    closest: str
    #: What the check gives the scheduler to suggest a rating from (right, partly, wrong, blank).
    mark: Mark
    #: Why it is near or wrong, in a few words ("" when right, or simply wrong).
    why: str = ""
    #: The deck's other term the answer was taken for ("underfitting"), if any.
    other: str = ""

    @property
    def matched(self) -> str:
        """What the answer matched: the accepted form it is (or is nearest to)."""
        return self.closest


@dataclass(frozen=True, slots=True)
class Reading:
    """An answer as the judge compares it."""

    #: Its letters only: case, accents, spacing and punctuation gone (a symbol-only answer
    #: keeps its symbols).
    words: str
    numbers: tuple[Quantity, ...]
    #: Whether words come before its first number ("about 2", not "2 numbers").
    lead: bool
    #: `words` letter by letter, for the near-miss distance (see `_letters`).
    letters: str


#: "a" or "an" before a magnitude word, read as one ("a million").
_A_MAGNITUDE = re.compile(r"^\s*an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b)")
#: An article before the answer's words: "the generator" answers "generator".
_ARTICLE = re.compile(r"^\s*(?:the|an?)\s+(?=\S)")


@lru_cache(maxsize=8192)
def readings(text: str) -> tuple[Reading, ...]:
    """The ways to read an answer: as written (without a leading article), and with small
    numbers spelt out as digits ("two" -> 2) when it has any ("one-hot" is compared both
    ways)."""
    cleaned = _ARTICLE.sub("", _A_MAGNITUDE.sub("1 ", clean(text)), count=1)
    spelt = spelt_numbers(cleaned)
    forms = (cleaned,) if spelt == cleaned else (cleaned, spelt)
    return tuple(_reading(form) for form in forms)


def _reading(text: str) -> Reading:
    rest, numbers, before = quantities(text)
    words = normalize(rest)
    if not words and not numbers:
        words = "".join(text.split())  # "∇", "+": symbols are all the answer has
    return Reading(words, numbers, bool(numbers and normalize(before)), _letters(words))


@dataclass(frozen=True, slots=True)
class _Fit:
    """How one reading of the typed text fits one reading of an accepted answer."""

    verdict: Verdict
    #: Slips in the words (near), for choosing the nearest answer.
    distance: int = 0
    why: str = ""


def _same_numbers(typed: Sequence[Quantity], expected: Sequence[Quantity]) -> bool:
    return len(typed) == len(expected) and all(
        t.value == e.value for t, e in zip(typed, expected, strict=True)
    )


def _right(typed: Reading, expected: Reading) -> bool:
    if not _same_numbers(typed.numbers, expected.numbers):
        return False
    # "2 numbers" for 2: words after the number of a number-only answer name what is counted.
    return typed.words == expected.words or (
        bool(expected.numbers) and not expected.words and not typed.lead
    )


def _fit(typed: Reading, expected: Reading) -> _Fit:
    if _right(typed, expected):
        return _Fit(Verdict.RIGHT)
    if _same_numbers(typed.numbers, expected.numbers):
        distance = _distance(typed.letters, expected.letters)
        if distance <= _near_limit(expected.letters):
            return _Fit(Verdict.NEAR, distance, "a slip in the spelling")
        return _Fit(Verdict.WRONG)
    if not typed.numbers or not expected.numbers:
        return _Fit(Verdict.WRONG)
    pairs = list(zip(typed.numbers, expected.numbers, strict=False))
    if len(typed.numbers) == len(expected.numbers) and all(
        t.value == e.value or (t.bare and e.factor != 1 and t.value * e.factor == e.value)
        for t, e in pairs
    ):
        # The digits are right and a magnitude or percent the answer has was left out...
        missing = [e for t, e in pairs if t.value != e.value]
        if typed.words == expected.words:
            what = "%" if any(e.factor < 1 for e in missing) else "magnitude"
            return _Fit(Verdict.NEAR, 0, f"the digits are right but the {what} is missing")
        # ... or misspelt, so not read as one ("175 bilion"; "175 milion" is a million).
        if len(missing) == 1 and not expected.words:
            factor, name = min(
                magnitude_names(),
                key=lambda entry: _distance(typed.letters, _letters(entry[1])),
            )
            distance = _distance(typed.letters, _letters(name))
            if factor == missing[0].factor and distance <= _near_limit(_letters(name)):
                return _Fit(Verdict.NEAR, distance, "a slip in the spelling")
    return _Fit(Verdict.WRONG, 0, "a different number")


def _best_fit(typed: Iterable[Reading], expected: Iterable[Reading]) -> _Fit:
    order = {Verdict.RIGHT: 0, Verdict.NEAR: 1, Verdict.WRONG: 2}
    fits = [_fit(t, e) for t in typed for e in expected]
    return min(fits, key=lambda fit: (order[fit.verdict], fit.distance, not fit.why))


def _flip(typed: str, expected: str) -> tuple[str, str] | None:
    """The prefix pair whose swap makes `typed` closer to `expected` ("under" for "over")."""
    distance = None
    for pair in FLIPS:
        for wrote, meant in (pair, pair[::-1]):
            if wrote in typed and meant in expected:
                if distance is None:
                    distance = _distance(_letters(typed), _letters(expected))
                swapped = _letters(typed.replace(wrote, meant, 1))
                if _distance(swapped, _letters(expected)) < distance:
                    return wrote, meant
    return None


def check_typed(
    given: str, answer: str, accept: Sequence[str] = (), known: Sequence[str] = ()
) -> TypedResult:
    """Judge a typed answer against the card's answer and its accepted forms (`accept`).

    `known` holds the deck's other terms (its other cards' answers and accepted forms, as
    `quizapp.judge.terms.deck_terms` lists them): typing one of them, or a slip of one, is
    wrong. A term that is an accepted form of this card (or the answer itself) is ignored.
    """
    if not given.strip():
        return TypedResult(Verdict.WRONG, answer, Mark.BLANK)
    typed = readings(given)
    candidates = list(dict.fromkeys([answer, *accept]))
    best: tuple[_Fit, str] | None = None
    for candidate in candidates:
        fit = _best_fit(typed, readings(candidate))
        if fit.verdict is Verdict.RIGHT:
            return TypedResult(Verdict.RIGHT, candidate, Mark.RIGHT)
        if fit.verdict is Verdict.NEAR and (best is None or fit.distance < best[0].distance):
            best = fit, candidate
    terms = known_terms(known)
    own = [readings(candidate) for candidate in candidates]

    def other(term: str) -> bool:
        """Not this card's own answer or accepted form (it would have matched above)."""
        return not any(_any_right(readings(term), reading) for reading in own)

    for term in terms.typed_as(given):
        if other(term):
            return _wrong(answer, f"{term} is another answer in this deck", term)
    if best is None:
        why = _best_fit(typed, readings(answer)).why
        return TypedResult(Verdict.WRONG, answer, Mark.WRONG, why)
    fit, candidate = best
    if fit.distance:  # a spelling slip; a missing magnitude needs no further look
        for reading in typed:
            for expected in readings(candidate):
                flip = _flip(reading.words, expected.words)
                if flip is not None:
                    return _wrong(candidate, f"'{flip[0]}' for '{flip[1]}' changes the meaning")
        for term, _ in terms.close_to(given, fit.distance):
            if other(term):
                return _wrong(answer, f"closer to {term}, another answer in this deck", term)
    return TypedResult(Verdict.NEAR, candidate, Mark.PARTLY, fit.why)


def _wrong(closest: str, why: str, other: str = "") -> TypedResult:
    return TypedResult(Verdict.WRONG, closest, Mark.WRONG, why, other)


def _any_right(typed: Iterable[Reading], expected: Sequence[Reading]) -> bool:
    return any(_right(t, e) for t in typed for e in expected)
