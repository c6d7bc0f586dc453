"""Anki packages (.apkg, .colpkg) into quizapp decks: one deck per Anki deck.

Note types are recognised by their shape, not their (localised, renamable) names: a cloze note
type gives `cloze` cards; a standard one whose single template types the answer gives `typed`;
two templates asking each other's field give `reverse` (the "optional reversed" variant only when
its switch field is filled); anything else with a front and a back gives `basic`. Fields beyond
the front and the back are kept, appended to the back under their names. Media the notes use is
copied beside the deck and the text points at the copies.

Packages come in three generations, all read here: `collection.anki2` (schema 11, as genanki
writes), `collection.anki21`, and `collection.anki21b` (zstd-compressed, newer schema), whose
media list is a zstd-compressed protobuf and whose media files are zstd-compressed too.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from quizapp.interchange.anki_collection import Collection as AnkiCollection
from quizapp.interchange.anki_collection import Note, NoteType, read_collection
from quizapp.interchange.apkg_media import MediaSource, media_map_of, zstd_bytes
from quizapp.interchange.errors import InterchangeError
from quizapp.interchange.html import html_to_markdown, media_references, strip_html
from quizapp.interchange.imported import ImportedDeck, ImportResult
from quizapp.interchange.safezip import Limits, SafeZip

_FIELD_REF = re.compile(r"\{\{([#^/]?)([^{}]+?)\}\}")
_SPECIAL_FIELDS = {"FrontSide", "Tags", "Deck", "Subdeck", "Card", "CardFlag", "Type"}


@dataclass(frozen=True, slots=True)
class Layout:
    """How a note type's fields become a card."""

    kind: str  # basic, reverse, typed, cloze
    front: int
    back: int | None
    #: reverse only when this field is filled (Anki's "Basic (optional reversed card)").
    switch: int | None = None
    #: True when the note type's shape was not recognised and basic was a guess.
    guessed: bool = False


def _refs(template: str) -> list[tuple[str, str]]:
    """(prefix, field name) for each `{{...}}` in a template; filters such as `type:` stay on."""
    return [(m.group(1), m.group(2).strip()) for m in _FIELD_REF.finditer(template)]


def _field_of(ref: str, fields: tuple[str, ...]) -> int | None:
    name = ref.rsplit(":", 1)[-1].strip()
    return fields.index(name) if name in fields else None


def layout_of(notetype: NoteType) -> Layout | None:
    """The card layout of a note type, or None when it has no usable field."""
    fields = notetype.fields
    if not fields:
        return None
    if notetype.is_cloze:
        text = 0
        for _prefix, ref in _refs(notetype.templates[0][0] if notetype.templates else ""):
            if ref.startswith("cloze:") and (index := _field_of(ref, fields)) is not None:
                text = index
                break
        # The field after the text ("Back Extra") is the cloze card's back.
        extra = next((i for i in range(len(fields)) if i != text), None)
        return Layout("cloze", text, extra)
    if len(fields) < 2 or not notetype.templates:
        return Layout("basic", 0, 1 if len(fields) > 1 else None, guessed=True)
    question, answer = notetype.templates[0]
    asked = [
        (ref, index)
        for prefix, ref in _refs(question)
        if not prefix and (index := _field_of(ref, fields)) is not None
    ]
    typed = next((index for ref, index in asked if ref.startswith("type:")), None)
    front = next((index for ref, index in asked if not ref.startswith("type:")), 0)
    if typed is not None:
        return Layout("typed", front, typed)
    shown = [
        index
        for prefix, ref in _refs(answer)
        if not prefix
        and ref not in _SPECIAL_FIELDS
        and (index := _field_of(ref, fields)) is not None
        and index != front
    ]
    back = shown[0] if shown else (1 if front == 0 else 0)
    if len(notetype.templates) == 1:
        return Layout("basic", front, back)
    if len(notetype.templates) == 2:
        second_q = notetype.templates[1][0]
        second_asked = [
            index
            for prefix, ref in _refs(second_q)
            if not prefix and (index := _field_of(ref, fields)) is not None
        ]
        if second_asked and second_asked[0] == back:
            switch = next(
                (
                    index
                    for prefix, ref in _refs(second_q)
                    if prefix == "#" and (index := _field_of(ref, fields)) not in (None, back)
                ),
                None,
            )
            return Layout("reverse", front, back, switch=switch)
    return Layout("basic", front, back, guessed=True)


# --- reading the package --------------------------------------------------------------------


def read_package(
    path: Path,
    limits: Limits | None = None,
    *,
    reserved: Collection[str] = (),
    staging: Path | None = None,
) -> ImportResult:
    """Read an .apkg/.colpkg into decks; only the media files are written, into `staging`.

    Media is streamed to files in `staging` (a folder the caller removes; default: a new
    temporary folder the result owns, see `ImportResult.discard`), never held in memory.
    `reserved`: deck ids the learner's other deck files use; a deck whose name would give one
    of them gets the next free id (``-2``, ``-3``...), as two deck files may not share an id.
    """
    limits = limits or Limits()
    source = str(path)
    owned = staging is None
    if staging is None:
        staging = Path(tempfile.mkdtemp(prefix="quizapp-import-"))
    try:
        with SafeZip(path, limits) as archive:
            if "collection.anki21b" in archive:
                with archive.open("collection.anki21b") as member:
                    data = zstd_bytes(member, source, "'collection.anki21b'", archive)
            elif "collection.anki21" in archive:
                data = archive.read("collection.anki21")
            elif "collection.anki2" in archive:
                data = archive.read("collection.anki2")
            else:
                raise InterchangeError(
                    f"{source}: not an Anki package (no collection.anki2/anki21/anki21b inside)"
                )
            collection = read_collection(data, source, limits)
            del data
            media_map, compressed = media_map_of(archive, source)
            media = MediaSource(archive, media_map, compressed, staging)
            result = convert(collection, source, media, reserved=reserved)
    except BaseException:
        if owned:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    if owned:
        result.staging = staging
    return result


# --- converting notes -----------------------------------------------------------------------


def _deck_slug(name: str, taken: set[str]) -> str:
    from quizapp.decks.edit import make_card_id

    return make_card_id(name.replace("::", " "), taken, max_length=60, fallback="anki-deck")


def convert(
    collection: AnkiCollection,
    source: str,
    media: MediaSource | None = None,
    *,
    reserved: Collection[str] = (),
) -> ImportResult:
    """Turn a collection's notes into decks; what cannot be converted goes into the report.

    Deck ids in `reserved` are not given to the imported decks (see `read_package`).
    """
    from quizapp.decks.edit import make_card_id

    result = ImportResult(source=source)
    layouts = {ntid: layout_of(nt) for ntid, nt in collection.notetypes.items()}
    decks: dict[int, ImportedDeck] = {}
    taken_ids: dict[int, set[str]] = {}
    deck_slugs: set[str] = set(reserved)
    guessed: dict[str, int] = {}
    for note in collection.notes:
        notetype = collection.notetypes.get(note.notetype_id)
        layout = layouts.get(note.notetype_id)
        if notetype is None or layout is None:
            result.skipped.append(f"note {note.id}: its note type is missing from the package")
            continue
        card, reason = _card_fields(note, notetype, layout)
        if card is None:
            result.skipped.append(f"note {note.id} ({notetype.name}): {reason}")
            continue
        if layout.guessed:
            guessed[notetype.name] = guessed.get(notetype.name, 0) + 1
        deck = decks.get(note.deck_id)
        if deck is None:
            name = collection.decks.get(note.deck_id, "") or "Imported"
            deck = ImportedDeck(deck_id=_deck_slug(name, deck_slugs), title=name)
            deck_slugs.add(deck.deck_id)
            decks[note.deck_id] = deck
            taken_ids[note.deck_id] = set()
        for key in ("front", "back", "text"):
            value = card.get(key)
            if isinstance(value, str):
                if media is not None:
                    value = media.rewrite(deck, value)
                card[key] = html_to_markdown(value)
        text = str(card.get("text") or card.get("front") or "")
        # Image links are not words: the id comes from the text around them.
        text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
        card_id = make_card_id(text, taken_ids[note.deck_id])
        taken_ids[note.deck_id].add(card_id)
        deck.cards.append({"id": card_id, **card})
    for name, count in guessed.items():
        result.remarks.append(
            f"note type {name!r} has an unusual layout: its {count} note(s) became basic cards "
            "(first asked field as front, first other field as back)"
        )
    if media is not None and media.sounds:
        result.remarks.append(
            f"{media.sounds} sound reference(s) kept as links to the copied files "
            "(quizapp plays no sound)"
        )
    if media is not None and media.missing:
        missing = sorted(media.missing)
        listed = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        result.skipped.append(
            f"{len(missing)} media file(s) the notes refer to are not in the package: {listed}"
        )
    result.decks = list(decks.values())
    return result


def _card_fields(
    note: Note, notetype: NoteType, layout: Layout
) -> tuple[dict[str, object] | None, str]:
    """The card's fields, still as Anki's HTML, or None and why it cannot be converted."""
    fields = note.fields
    names = notetype.fields

    def field_text(index: int | None) -> str:
        if index is None or index >= len(fields):
            return ""
        return fields[index]

    used = {layout.front, layout.back, layout.switch}
    extras = [
        f"<b>{names[i] if i < len(names) else f'Field {i + 1}'}:</b> {fields[i]}"
        for i in range(len(fields))
        if i not in used and strip_html(fields[i])
    ]
    card: dict[str, object] = {}
    if layout.kind == "cloze":
        text = field_text(layout.front)
        if not re.search(r"\{\{c\d+::", text):
            return None, "the cloze text has no {{c1::...}} deletion"
        card["kind"] = "cloze"
        card["text"] = text
        back = field_text(layout.back)
        parts = [back] if strip_html(back) or media_references(back) else []
        if parts or extras:
            card["back"] = "<br><br>".join(parts + extras)
    else:
        front, back = field_text(layout.front), field_text(layout.back)
        if not strip_html(front) and not media_references(front):
            return None, "the front is empty"
        kind = layout.kind
        if (
            kind == "reverse"
            and layout.switch is not None
            and not strip_html(field_text(layout.switch))
        ):
            kind = "basic"
        if kind == "typed":
            answer = strip_html(back)
            if not answer:
                return None, "the answer to type is empty"
            card.update({"kind": "typed", "front": front, "answer": answer})
            if extras:
                card["back"] = "<br><br>".join(extras)
        else:
            parts = [back] if strip_html(back) or media_references(back) else []
            if not parts and not extras:
                return None, "the back is empty"
            if kind == "reverse":
                card["kind"] = "reverse"
            card.update({"front": front, "back": "<br><br>".join(parts + extras)})
    if note.tags:
        card["tags"] = list(note.tags)
    return card, ""
