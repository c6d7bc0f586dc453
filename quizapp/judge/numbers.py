"""The numbers in a typed answer, read by value: what "175B", "1,750억", "1.0e−8", "10⁻³",
"12 percent" and "2017년" mean, so that answers are compared as quantities, not as strings.

A number is read with what may follow it: an exponent (1e-8, 1E-08, 1×10^-8, 10^(-8), 10⁻⁸),
a magnitude (thousand, million, billion, trillion; k, M, B, bn, T; 만, 억, 조, also 백만 or
천억, and "1억 7500만" as one number), a percent sign or word (%, %p, percent, 퍼센트), and a
Korean counter (2개, 2017년, 3번), which says what is counted and changes no value. A comma is a
thousands separator where it can be one (1,500 and 175,000,000), else a decimal comma (0,999,
1,5 and 3,14, as much of Europe writes them); "1,5,7" is three numbers. Values are
exact fractions, so 0.0010 = 0.001 and 175 billion = 1.75e11 = 1750억 hold exactly. Small numbers
written as words ("two", "twelve"; 하나, 두 개) are read as numbers by `spelt_numbers`, which
the judge tries beside the text as typed ("one-hot" stays a word).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

#: Longer digit strings are compared as text (and never turned into a number: no answer needs
#: one, and Python refuses to convert more than 4,300 digits).
MAX_DIGITS = 100
#: Dashes and minus signs that stand for a minus in a typed number ("1e−8").
_MINUS = dict.fromkeys(map(ord, "\u2212\u2012\u2013\ufe63\uff0d"), "-")
_SUPERSCRIPT = {
    **{ord(digit): str(n) for n, digit in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
    ord("⁻"): "-",
    ord("⁺"): "+",
}
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")

#: English magnitudes (word or suffix) and their factor.
_MAGNITUDES = {
    "hundred": 10**2,
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "b": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "t": 10**12,
    "dozen": 12,
}
#: Korean magnitudes: 만, 억, 조, optionally led by 십, 백 or 천 (백만 = 10⁶, 천억 = 10¹¹).
_KOREAN_UNITS = {"만": 10**4, "억": 10**8, "조": 10**12}
_KOREAN_LEADS = {"십": 10, "백": 10**2, "천": 10**3}

_NUMBER = re.compile(
    r"""
    (?P<sign>(?<![\w.)\]])-)?
    (?:
        # 10^-8, 10^(-8), 10^{-8}, 10**-8: a power of ten alone
        (?<![\d.])10\s*(?:\^|\*\*)\s*[({]?\s*(?P<power>[-+]?\d{1,3})(?!\d)\s*[)}]?
      |
        (?P<mantissa>
            [1-9]\d{0,2}(?:,\d{3})+(?![\d,])(?:\.\d+)?   # 175,000,000,000 (1,5 and 0,999 are not)
          | (?<![\d,])(?P<comma>\d+),(?P<decimals>\d+)(?![\d,])   # a decimal comma: 0,999, 1,5
          | \d{1,3}(?:\x20\d{3})+(?!\d)     # 175 000 000 000
          | \d+(?:\.\d*)? | \.\d+
        )
        (?:
            e(?P<exponent>[-+]?\d{1,3})(?!\d)                                      # 1e-8, 1.0E-08
          | \s*[x×*·]\s*10\s*(?:\^|\*\*)\s*[({]?\s*(?P<times>[-+]?\d{1,3})(?!\d)\s*[)}]?   # 1×10^-8
        )?
        (?:
            \s*(?P<magnitude>(?:hundred|thousand|million|billion|trillion|dozen)s?|bn|mn|[kmbt])
            (?![^\W\d_]|-)
          | \s*(?P<korean>[십백천]?[만억조]|천|백)
        )?
    )
    (?P<percent>\s*(?:
        %\s*p | % | 퍼센트\s*포인트 | 퍼센트 | 프로
      | (?:percentage\s+points?|per\s*cent)(?![^\W\d_])
    ))?
    (?P<counter>\s*(?:개|년도|년|번째|번|명|가지|회|차례|층|배))?
    """,
    re.VERBOSE,
)

#: Small numbers spelt out, in English and Korean (Korean counted things: 두 개, 세 번).
_WORDS = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
    )
}
_ENGLISH_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b")
_KOREAN_WORDS = {"하나": 1, "둘": 2, "셋": 3, "넷": 4}
_KOREAN_COUNTED = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8}
_KOREAN_WORD = re.compile(
    r"(?<![가-힣])(?:(" + "|".join(_KOREAN_WORDS) + r")(?![가-힣])"
    r"|(" + "|".join(_KOREAN_COUNTED) + r")(?=\s*(?:개|번|명|가지|회|차례|층|배)))"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number of an answer, as a value."""

    #: The exact value: "12%" is 12/100, "175 billion" 175 × 10⁹.
    value: Fraction
    #: What a magnitude or percent sign multiplied the number by ("175 billion": 10⁹; 1 if none).
    factor: Fraction = Fraction(1)
    #: Written with an exponent or as a power of ten (1e-8, 10⁻³).
    exponent: bool = False

    @property
    def bare(self) -> bool:
        """A plain number: no magnitude, percent or exponent ("175")."""
        return self.factor == 1 and not self.exponent


def magnitude_names() -> tuple[tuple[Fraction, str], ...]:
    """The words for magnitudes and percent, with the factor each gives ("billion": 10⁹)."""
    words = [(Fraction(f), name) for name, f in _MAGNITUDES.items() if len(name) > 2]
    return (*words, (Fraction(1, 100), "percent"), (Fraction(1, 100), "퍼센트"))


def clean(text: str) -> str:
    """The text with superscripts spelt as powers (10⁻⁸ -> 10^(-8)), Unicode minus signs as
    "-", compatibility forms folded (NFKC: full-width digits) and case folded."""
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^(" + m.group().translate(_SUPERSCRIPT) + ")", text)
    return unicodedata.normalize("NFKC", text.translate(_MINUS)).casefold()


def spelt_numbers(text: str) -> str:
    """`text` (already `clean`) with small numbers written as words turned into digits."""
    text = _ENGLISH_WORD.sub(lambda m: _WORDS[m.group(1)], text)

    def korean(match: re.Match[str]) -> str:
        word = match.group(1) or match.group(2)
        return str(_KOREAN_WORDS.get(word) or _KOREAN_COUNTED[word])

    return _KOREAN_WORD.sub(korean, text)


def quantities(text: str) -> tuple[str, tuple[Quantity, ...], str]:
    """The text (already `clean`) with its numbers taken out, the numbers' values in order, and
    the text before the first number.

    Each number's place is left as a space, so the words on either side stay apart.
    """
    found: list[Quantity] = []
    rest: list[str] = []
    last = 0
    #: The Korean unit of the number just read and where it ended, so that "1억 7500만" and
    #: "1만 2000" add up into one number (each part below the unit before it).
    unit, unit_end = 0, -1
    for match in _NUMBER.finditer(text):
        mantissa = match.group("mantissa")
        if mantissa is not None and len(mantissa) > MAX_DIGITS:
            continue  # not a number anyone types: compared as text
        quantity, own_unit = _quantity(match, text)
        part = own_unit or quantity.value
        if (
            unit
            and not text[unit_end : match.start()].strip()
            and match.group("sign") is None
            and (quantity.bare or own_unit)
            and 0 <= part < unit
        ):
            previous = found.pop()
            quantity = Quantity(previous.value + quantity.value, previous.factor)
        found.append(quantity)
        rest += [text[last : match.start()], " "]
        last = match.end()
        unit, unit_end = (own_unit, match.end()) if own_unit else (0, -1)
    rest.append(text[last:])
    return "".join(rest), tuple(found), rest[0] if found else text


def _quantity(match: re.Match[str], text: str) -> tuple[Quantity, int]:
    """The value of one match, and its Korean unit (만: 10⁴...; 0 when it has none)."""
    korean_unit = 0
    factor = Fraction(1)
    if match.group("power") is not None:
        value, exponent = Fraction(10) ** int(match.group("power")), True
    else:
        if match.group("comma") is not None:
            digits = f"{match.group('comma')}.{match.group('decimals')}"
        else:
            digits = match.group("mantissa").replace(",", "").replace(" ", "").rstrip(".")
        value = Fraction(digits)
        power = match.group("exponent") or match.group("times")
        exponent = power is not None
        if exponent:
            value *= Fraction(10) ** int(power)
        magnitude, korean = match.group("magnitude"), match.group("korean")
        if magnitude is not None:
            factor = Fraction(_MAGNITUDES.get(magnitude) or _MAGNITUDES[magnitude[:-1]])
        elif korean is not None:
            if korean in _KOREAN_LEADS:  # 천 or 백 alone
                korean_unit = _KOREAN_LEADS[korean]
            else:
                korean_unit = _KOREAN_UNITS[korean[-1]] * _KOREAN_LEADS.get(korean[0], 1)
            factor = Fraction(korean_unit)
    if match.group("percent") is not None:
        factor /= 100
    value *= factor
    if match.group("sign") is not None and not _after_word(text, match.start()):
        value = -value
    return Quantity(value, factor, exponent), korean_unit


def _after_word(text: str, at: int) -> bool:
    """Whether a "-" at `at` follows a word ("GPT -3" names GPT-3), not an operator or a space."""
    before = text[:at].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ").]")
