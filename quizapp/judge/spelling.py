"""How the typed judge compares letters: the comparable form of a text, letter by letter
distance, and how many slips a word may have and still be near."""

from __future__ import annotations

import re
import unicodedata

#: What is not a letter or a digit (str.isalnum: Unicode letters and numbers), combining accents
#: included once NFKD has split them off.
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """The comparable letters of an answer: accents dropped, case folded, spacing, hyphens and
    punctuation removed ("Bootstrap-aggregating" -> "bootstrapaggregating").

    Decomposing (NFKD) splits "é" into "e" + a combining accent that is then dropped; composing
    again (NFC) puts Hangul syllables back together, so Korean answers compare as typed.
    """
    kept = _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text))
    return unicodedata.normalize("NFC", kept).casefold()


def letters(words: str) -> str:
    """Words spelt letter by letter for the near-miss distance: NFD splits each Hangul syllable
    into its jamo, so "부스틍" for "부스팅" is one slip (ㅡ for ㅣ) among seven letters, as
    "waek" for "weak" is one among four, not one of three whole syllables."""
    return unicodedata.normalize("NFD", words)


def distance(typed: str, expected: str) -> int:
    """Slips between two texts spelt by `letters`: letters added, dropped or changed, and two
    neighbours swapped (optimal string alignment)."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(typed, expected))


def near_limit(spelt: str) -> int:
    """How many slips keep an answer spelt by `letters` near: about one per four letters, so
    one up to six letters and two from seven; none for very short answers ("L1" for "L2" is
    wrong, not near). Two slips in six letters make another word ("Adam" for "AdaMax")."""
    n = len(spelt)
    return max(1, (n + 1) // 4) if n >= 4 else 0
