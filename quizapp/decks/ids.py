"""Card ids: what an id may be made of, a new card's id, and the id of a card written without one.

Progress hangs on deck id + card id, so every id here is stable: the same text gives the same id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection

from quizapp.model import CLOZE_PATTERN, CardKind, kind_spec

#: Deck and card ids: ASCII letters, digits, '-', '_' and '.' ('#' is kept for prompt variants).
ID_PATTERN = re.compile(r"[A-Za-z0-9._-]+")


def id_problem(value: str, what: str) -> tuple[str, str | None] | None:
    """Why `value` is not a valid id (message, hint), or None when it is.

    The one rule for deck and card ids, used by the deck checks and by everything that makes
    an id from what the learner typed (`quizapp import --deck-id`). A deck id names its file,
    so this rule is also what keeps an id from reaching outside its folder (``../x``, ``a/b``).
    """
    if ID_PATTERN.fullmatch(value) and value.strip(".") != "":
        return None
    suggestion = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-.")
    return (
        f"{what} '{value}' may hold only letters a-z, digits, '-', '_' and '.'",
        f"e.g. '{suggestion}'" if suggestion else None,
    )


#: What a slug turns into a dash (one per run).
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    """`text` without its accents and what has no ASCII form."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def make_card_id(
    text: str, taken: Collection[str], *, max_length: int = 40, fallback: str = "card"
) -> str:
    """A stable, readable id for a new card: a slug of its text, made unique among `taken`.

    ``"What does **bagging** stand for?"`` gives ``what-does-bagging-stand-for``; accents are
    dropped. Text with no Latin letters or digits (``배깅``) gives `fallback` (``card``), a dash
    and 8 hex digits of its sha256: the same text gets the same id in any file and any order of
    import (not ``card``, ``card-2``... by position). A clash gets ``-2``, ``-3``... The id is
    written into the file, so it never changes after that.
    """
    if "{{" in text:  # a cloze's id reads as its sentence
        text = CLOZE_PATTERN.sub(lambda m: m.group(2), text)
    ascii_text = text if text.isascii() else _ascii(text)
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Cut at a word boundary when one is near, so the id stays readable.
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_length // 2 :] else cut
        slug = slug.strip("-")
    if not slug:
        slug = f"{fallback}-{hashlib.sha256(text.strip().encode('utf-8')).hexdigest()[:8]}"
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def derive_id(kind: CardKind, content: str) -> str:
    """A card id worked out from what the card asks, for cards written without an `id`.

    A readable slug of the first words plus 10 hex digits of a sha256 (so distinct texts with the
    same first words still differ). `basic` and `reverse` hash alike, so switching between them
    keeps the id, as it keeps an explicit one.
    """
    group = kind_spec(kind).id_group or kind.value
    digest = hashlib.sha256(f"{group}\0{content}".encode()).hexdigest()[:10]
    text = CLOZE_PATTERN.sub(lambda m: m.group(2), content)
    ascii_text = text if text.isascii() else _ascii(text)
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) > 30:
            break
        slug = f"{slug}-{word}" if slug else word
    return f"{slug or kind.value}-{digest}"
