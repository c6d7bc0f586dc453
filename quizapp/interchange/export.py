"""A quizapp deck out to Anki (.apkg, via genanki) or to a CSV/TSV file Anki can import.

Basic, reverse and cloze cards map to Anki's own note types; typed cards to "type in the
answer"; choice and order cards become basic notes listing the options (Anki has no such kinds);
exercise cards cannot be expressed in Anki and are listed as not exported. Note ids (guids) come
from deck id + card id, so exporting again updates the same notes in Anki instead of duplicating.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizapp.interchange.errors import InterchangeError
from quizapp.model import Card, CardKind, Deck

# Fixed ids, so every export uses the same note types in Anki (genanki asks for stable ones).
_BASIC_ID = 1_607_392_301
_REVERSE_ID = 1_607_392_302
_CLOZE_ID = 1_607_392_303
_TYPED_ID = 1_607_392_304
_IMAGE = re.compile(r"!\[([^\]]*)\]\(<?([^)>\s]+)>?\)")
_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)


def markdown_to_html(text: str) -> str:
    """Card Markdown as Anki HTML, with ``$...$`` math as MathJax ``\\(...\\)``.

    Math is set aside before the Markdown is rendered (Markdown would eat its backslashes and
    underscores) and put back afterwards.
    """
    maths: list[str] = []

    def keep(opening: str, closing: str) -> Callable[[re.Match[str]], str]:
        def stash(match: re.Match[str]) -> str:
            maths.append(opening + html.escape(match.group(1), quote=False) + closing)
            return f"QZMATH{len(maths) - 1}QZ"

        return stash

    text = _DISPLAY.sub(keep("\\[", "\\]"), text)
    text = _MATH.sub(keep("\\(", "\\)"), text)
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # comes with textual; plain escaping keeps the text readable without it
        rendered = html.escape(text).replace("\n", "<br>")
    else:
        rendered = MarkdownIt("commonmark", {"breaks": True, "html": False}).render(text).strip()
        # A single paragraph needs no <p> around it in an Anki field.
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            rendered = rendered[3:-4]
    return re.sub(r"QZMATH(\d+)QZ", lambda m: maths[int(m.group(1))], rendered)


def _anki_tags(deck: Deck, card: Card) -> list[str]:
    tags = dict.fromkeys([*deck.tags, *card.tags])  # ordered, no repeats
    return [re.sub(r"\s+", "_", t.strip()) for t in tags if t.strip()]


#: (note type, front markdown, back markdown) of one card.
Flat = tuple[str, str, str]


def _basic(card: Card) -> Flat:
    return "basic", card.front, card.back


def _reverse(card: Card) -> Flat:
    return "reverse", card.front, card.back


def _cloze(card: Card) -> Flat:
    return "cloze", card.text, card.back


def _typed(card: Card) -> Flat:
    extra = ", ".join(card.accept)
    back = card.back + (f"\n\nAlso accepted: {extra}" if extra else "")
    return "typed", card.front, back.strip()


def _choice(card: Card) -> Flat:
    options = "\n".join(f"{i}. {c}" for i, c in enumerate(card.choices, start=1))
    right = "\n".join(f"{i + 1}. {card.choices[i]}" for i in card.correct)
    return "basic", f"{card.front}\n\n{options}", f"{right}\n\n{card.back}".strip()


def _order(card: Card) -> Flat:
    shuffled = "\n".join(f"- {item}" for item in sorted(card.items))
    ordered = "\n".join(f"{i}. {item}" for i, item in enumerate(card.items, start=1))
    return "basic", f"{card.front}\n\n{shuffled}", f"{ordered}\n\n{card.back}".strip()


#: How each kind goes into Anki; None for a kind Anki cannot hold (a test keeps it complete).
FLATTEN: dict[CardKind, Callable[[Card], Flat] | None] = {
    CardKind.BASIC: _basic,
    CardKind.REVERSE: _reverse,
    CardKind.CLOZE: _cloze,
    CardKind.TYPED: _typed,
    CardKind.CHOICE: _choice,
    CardKind.ORDER: _order,
    CardKind.EXERCISE: None,
}


def _flatten(card: Card) -> Flat | None:
    """(note type, front markdown, back markdown) for one card; None when Anki cannot hold it."""
    flatten = FLATTEN[card.kind]
    return None if flatten is None else flatten(card)


def _media(text: str, base: Path, files: dict[str, Path]) -> str:
    """Point images at bare file names (Anki keeps media flat) and collect the files to pack."""

    def image(match: re.Match[str]) -> str:
        from urllib.parse import unquote

        target = (base / unquote(match.group(2))).resolve()
        if not target.is_file():
            return match.group(0)
        files.setdefault(target.name, target)
        return f"![{match.group(1)}]({target.name})"

    return _IMAGE.sub(image, text)


def export_apkg(deck: Deck, out: Path) -> list[str]:
    """Write `deck` as an Anki package; returns what could not be exported."""
    import genanki

    skipped: list[str] = []
    base = Path(deck.path).parent if deck.path else Path.cwd()
    css = ".card { font-family: sans-serif; font-size: 20px; text-align: left; }"
    basic = genanki.Model(
        _BASIC_ID, "quizapp Basic", fields=[{"name": "Front"}, {"name": "Back"}], css=css,
        templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
    )  # fmt: skip
    reverse = genanki.Model(
        _REVERSE_ID, "quizapp Basic (and reversed card)", css=css,
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[
            {"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"},
            {"name": "Card 2", "qfmt": "{{Back}}", "afmt": "{{FrontSide}}<hr id=answer>{{Front}}"},
        ],
    )  # fmt: skip
    cloze = genanki.Model(
        _CLOZE_ID, "quizapp Cloze", fields=[{"name": "Text"}, {"name": "Back Extra"}], css=css,
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}",
                    "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}],
        model_type=genanki.Model.CLOZE,
    )  # fmt: skip
    typed = genanki.Model(
        _TYPED_ID, "quizapp Basic (type in the answer)", css=css,
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Extra"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}<br>{{type:Back}}",
                    "afmt": "{{Front}}<hr id=answer>{{type:Back}}<br>{{Extra}}"}],
    )  # fmt: skip
    anki_deck = genanki.Deck(_anki_deck_id(deck.id), deck.title)
    anki_deck.description = markdown_to_html(deck.description) if deck.description else ""
    files: dict[str, Path] = {}
    for card in deck.cards:
        flat = _flatten(card)
        if flat is None:
            skipped.append(f"card {card.id!r} ({card.kind.value}): Anki has no such kind")
            continue
        kind, front, back = flat
        front_html = markdown_to_html(_media(front, base, files))
        back_html = markdown_to_html(_media(back, base, files)) if back else ""
        model: Any
        if kind == "typed":
            model, fields = typed, [front_html, html.escape(card.answer), back_html]
        elif kind == "cloze":
            model, fields = cloze, [front_html, back_html]
        else:
            model, fields = (reverse if kind == "reverse" else basic), [front_html, back_html]
        anki_deck.add_note(
            genanki.Note(
                model=model,
                fields=fields,
                tags=_anki_tags(deck, card),
                guid=genanki.guid_for(deck.id, card.id),
            )
        )
    package = genanki.Package(anki_deck)
    package.media_files = [str(p) for p in files.values()]
    _replace(out, package.write_to_file)
    return skipped


def _anki_deck_id(deck_id: str) -> int:
    # Stable per quizapp deck id, inside the range Anki uses for deck ids.
    digest = hashlib.sha256(deck_id.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big")


def _replace(out: Path, write: Any) -> None:
    """Write through a temp file beside `out`, then rename: no half-written export."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp_name)
        os.replace(tmp_name, out)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def export_text(deck: Deck, out: Path) -> list[str]:
    """Write `deck` as Anki's text format (CSV for .csv, tab-separated otherwise)."""
    comma = out.suffix.lower() == ".csv"
    buffer = io.StringIO()
    buffer.write(f"#separator:{'Comma' if comma else 'Tab'}\n#html:false\n")
    buffer.write("#notetype column:1\n#tags column:4\n")
    writer = csv.writer(buffer, delimiter="," if comma else "\t", lineterminator="\n")
    skipped: list[str] = []
    names = {"basic": "Basic", "reverse": "Basic (and reversed card)", "cloze": "Cloze",
             "typed": "Basic (type in the answer)"}  # fmt: skip
    for card in deck.cards:
        flat = _flatten(card)
        if flat is None:
            skipped.append(f"card {card.id!r} ({card.kind.value}): no text form for this kind")
            continue
        kind, front, back = flat
        if kind == "typed":
            back = card.answer
        writer.writerow([names[kind], front, back, " ".join(_anki_tags(deck, card))])

    def write(name: str) -> None:
        Path(name).write_text(buffer.getvalue(), encoding="utf-8")

    try:
        _replace(out, write)
    except OSError as exc:
        raise InterchangeError(f"{out}: cannot write it: {exc.strerror}") from None
    return skipped
