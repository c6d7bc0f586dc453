"""A deck's terms: the answers its cards teach, which the typed judge holds against each other.

Typing another card's answer ("underfitting" on the overfitting card, "Adam" on the AdaMax
card) is wrong however close its spelling, so the judge needs the deck's other terms
(`check_typed(..., known=...)`). They are gathered once per deck from what its cards ask and
name: typed answers and their accepted forms, cloze deletions, order items, choice options,
the short sides of basic and reverse cards, and **bold** terms in any text. "Term (gloss)" gives
both the term and its gloss ("Boosting (부스팅)"). Long sentences are left out: they are
explanations, not answers anyone would type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from quizapp.judge.known import KnownTerms
from quizapp.model.cards import CLOZE_PATTERN, Card, Deck
from quizapp.model.kinds import CardKind

#: A term has at most this many words (longer text is an explanation).
MAX_WORDS = 5
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_GLOSS = re.compile(r"^(?P<term>[^()]*?)\s*\((?P<gloss>[^()]+)\)\s*(?P<rest>[^()]*)$")
_MARKUP = re.compile(r"[*_`$]|\\[,;!]")


def deck_terms(deck: Deck) -> KnownTerms:
    """Every term of the deck, each once, in the order the cards give them (ready for the
    judge's lookups)."""
    return KnownTerms(term for card in deck.cards for term in card_terms(card))


def card_terms(card: Card) -> Iterator[str]:
    """The terms one card teaches or names."""
    kind = card.kind
    if kind is CardKind.TYPED:
        yield from _terms([card.answer, *card.accept])
    elif kind is CardKind.CLOZE:
        yield from _terms(match.group(2) for match in CLOZE_PATTERN.finditer(card.text))
    elif kind is CardKind.ORDER:
        yield from _terms(card.items)
    elif kind is CardKind.CHOICE:
        yield from _terms(card.choices)
    elif kind in (CardKind.BASIC, CardKind.REVERSE):
        sides = [card.back, card.front] if kind is CardKind.REVERSE else [card.back]
        yield from _terms(sides)
    for text in (card.front, card.back, card.text):
        yield from _terms(m.group(1) or m.group(2) for m in _BOLD.finditer(text))


def _terms(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        plain = " ".join(_MARKUP.sub("", text).split()).strip(" .,;:!?…")
        if not plain or len(plain.split()) > MAX_WORDS * 2:
            continue
        gloss = _GLOSS.match(plain)
        parts = (
            [f"{gloss['term']} {gloss['rest']}".strip(), gloss["gloss"]]
            if gloss is not None
            else [plain]
        )
        for part in parts:
            part = part.strip(" .,;:!?…")
            if part and len(part.split()) <= MAX_WORDS:
                yield part
