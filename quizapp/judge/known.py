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
        self._spelt: list[str] = []

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
            spelt = []
            for term in self._terms:
                key = normalize(term)
                by_key.setdefault(key, []).append(term)
                spelt.append(letters(key))
            self._spelt = spelt
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
        found = process.extract(
            letters(normalize(given)),
            self._spelt,
            scorer=OSA.distance,
            score_cutoff=within,
            limit=None,
        )
        return [(self._terms[index], int(slips)) for _, slips, index in sorted(found, key=_slips)]


def _slips(match: tuple[str, float, int]) -> tuple[float, int]:
    return match[1], match[2]


def known_terms(known: Sequence[str]) -> KnownTerms:
    """`known` prepared for lookups (as it is, if it already is)."""
    return known if isinstance(known, KnownTerms) else KnownTerms(known)
