"""A deck's terms prepared for the typed judge once, so each answer looks them up instead of
comparing itself with every one of them (a deck may hold many thousands).

Terms are found by their comparable letters (`spelling.normalize`, digits kept): typing a term
is a dictionary lookup, and the terms a typo is close to come from rapidfuzz's scan of their
letters in C. Numbers need no more than that here: a typed number that differs from the
answer's is wrong already, whatever other card it answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from quizapp.judge.spelling import letters, normalize


class KnownTerms(Sequence[str]):
    """Terms (a `Sequence[str]`, in their order) with their lookups, built when first used."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._terms = tuple(dict.fromkeys(term for term in terms if term.strip()))
        self._by_key: dict[str, list[str]] | None = None
        #: Letter count -> the terms of that many letters (spelt out) and their indexes: a typo
        #: `within` slips of a term differs from it by at most that many letters in length.
        self._by_length: dict[int, tuple[list[str], list[int]]] = {}

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._terms[index]

    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)

    def __repr__(self) -> str:
        return f"KnownTerms({len(self._terms)} terms)"

    def prepare(self) -> None:
        """Build the lookups now (a worker may, before the first answer needs them)."""
        self._keys()

    def _keys(self) -> dict[str, list[str]]:
        by_key = self._by_key
        if by_key is None:
            # Built aside and published at once: another thread building them too is harmless.
            by_key = {}
            by_length: dict[int, tuple[list[str], list[int]]] = {}
            for index, term in enumerate(self._terms):
                key = normalize(term)
                by_key.setdefault(key, []).append(term)
                spelt = letters(key)
                texts, indexes = by_length.setdefault(len(spelt), ([], []))
                texts.append(spelt)
                indexes.append(index)
            self._by_length = by_length
            self._by_key = by_key
        return by_key

    def typed_as(self, given: str) -> list[str]:
        """The terms that read as `given` does (case, accents, spacing, punctuation aside)."""
        return list(self._keys().get(normalize(given), ()))

    def close_to(self, given: str, within: int) -> list[tuple[str, int]]:
        """The terms at most `within` slips from `given`, nearest first."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        self._keys()
        spelt = letters(normalize(given))
        found: list[tuple[int, int]] = []
        for length in range(len(spelt) - within, len(spelt) + within + 1):
            texts, indexes = self._by_length.get(length, ((), ()))
            for _, slips, at in process.extract(
                spelt, texts, scorer=OSA.distance, score_cutoff=within, limit=None
            ):
                found.append((int(slips), indexes[at]))
        return [(self._terms[index], slips) for slips, index in sorted(found)]


def known_terms(known: Sequence[str]) -> KnownTerms:
    """`known` prepared for lookups (as it is, if it already is)."""
    return known if isinstance(known, KnownTerms) else KnownTerms(known)
