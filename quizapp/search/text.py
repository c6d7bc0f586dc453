"""The text a search matches: every text of a card, folded so case and accents do not count.

Pure functions over the model: the store keeps each prompt's folded text (filled at deck sync)
and the query's words are folded the same way, so `Résumé` finds `resume` and `RESUME`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from quizapp.model.cards import CLOZE_PATTERN, Card

#: Between two fields of a card's text: a phrase does not run on from one field to the next.
FIELD_SEPARATOR = "\n"


def fold(text: str) -> str:
    """`text` without case or accents: NFKD, combining marks dropped, casefolded, and every run
    of white space made one space."""
    if text.isascii():
        # NFKD leaves ASCII as it is, and casefold is lower: the usual case, made cheap (the
        # deck sync folds every card's text).
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def card_texts(card: Card) -> list[str]:
    """Every text of a card a free word may match: front, back (its notes), a cloze's text (the
    deletions' answers and hints as plain words), the options, the answers, the items. Never
    its id or tags."""
    texts = [card.front, card.back, CLOZE_PATTERN.sub(_cloze_words, card.text)]
    texts.extend(card.choices)
    texts.append(card.answer)
    texts.extend(card.accept)
    texts.extend(card.items)
    return [text for text in texts if text]


def search_text(card: Card) -> str:
    """The folded text the store keeps for each of the card's prompts."""
    return FIELD_SEPARATOR.join(fold(text) for text in card_texts(card))


def tag_text(tags: Iterable[str]) -> str:
    """Tags as the store keeps them for `tag:`: folded, each with a space on either side."""
    folded = dict.fromkeys(fold(tag) for tag in tags if tag)
    return " " + " ".join(folded) + " " if folded else " "


def _cloze_words(match: re.Match[str]) -> str:
    answer, hint = match.group(2), match.group(3)
    return f"{answer} {hint}" if hint else answer
