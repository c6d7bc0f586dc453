"""Plain-text card files into a quizapp deck: Anki's text export and ordinary spreadsheet CSV.

Anki's export starts with header lines such as ``#separator:tab``, ``#html:true``,
``#tags column:3``, ``#notetype column:4``, ``#deck column:5``, ``#columns:Front	Back``; they
are honoured. Without them the file is an ordinary spreadsheet: the separator is guessed (tab,
comma or semicolon), a first row naming its columns (front/back/tags, question/answer, text,
notetype, deck) is used as such, and otherwise the columns are front, back and tags. A row whose
front holds ``{{c1::...}}`` becomes a cloze card; a note type naming "reverse" a reverse card.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from quizapp.interchange.errors import InterchangeError
from quizapp.interchange.html import html_to_markdown
from quizapp.interchange.imported import ImportedDeck, ImportResult

#: Bigger text files are not flashcards; refusing them keeps a mistaken import quick.
MAX_BYTES = 200 << 20

_SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "space": " ",
    "pipe": "|",
    "colon": ":",
}
_FRONT_NAMES = {"front", "question", "q", "term", "prompt", "text"}
_BACK_NAMES = {"back", "answer", "a", "definition", "meaning", "back extra"}


@dataclass(slots=True)
class _Header:
    separator: str | None = None
    html: bool | None = None
    tags_column: int | None = None
    notetype_column: int | None = None
    deck_column: int | None = None
    guid_column: int | None = None
    columns: list[str] | None = None
    notetype: str = ""
    deck: str = ""
    tags: list[str] = field(default_factory=list)


def _column(value: str) -> int | None:
    return int(value) - 1 if value.strip().isdigit() and int(value) > 0 else None


def _read_header(lines: list[str]) -> tuple[_Header, int]:
    header = _Header()
    count = 0
    for line in lines:
        if not line.startswith("#") or ":" not in line:
            break
        key, _, value = line[1:].partition(":")
        key, value = key.strip().lower(), value.rstrip("\r\n")
        if key == "separator":
            sep = _SEPARATORS.get(value.strip().lower(), value)
            header.separator = sep if len(sep) == 1 else None
        elif key == "html":
            header.html = value.strip().lower() == "true"
        elif key == "tags column":
            header.tags_column = _column(value)
        elif key == "notetype column":
            header.notetype_column = _column(value)
        elif key == "deck column":
            header.deck_column = _column(value)
        elif key == "guid column":
            header.guid_column = _column(value)
        elif key == "columns":
            header.columns = [value]  # split once the separator is known
        elif key == "notetype":
            header.notetype = value.strip()
        elif key == "deck":
            header.deck = value.strip()
        elif key == "tags":
            header.tags = value.split()
        else:
            break
        count += 1
    return header, count


def _guess_separator(sample: str, suffix: str) -> str:
    first = next((line for line in sample.splitlines() if line.strip()), "")
    if suffix in (".tsv", ".txt", ".tab") and "\t" in first:
        return "\t"
    counts = {sep: first.count(sep) for sep in ("\t", ",", ";")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ("\t" if suffix != ".csv" else ",")


#: How many rows are looked at before the columns are decided (the widest row among them).
_FIRST_ROWS = 1000
#: Bytes of YAML each card needs beyond its text (keys, indentation, its id): for the early
#: estimate of a deck file's size.
_CARD_OVERHEAD = 40

Progress = Callable[[int, int], None]


class _Lines:
    """The file's lines for the CSV reader, refusing binary input and counting what was read.

    A NUL byte anywhere (not only near the start) means a binary file, never CSV text.
    """

    def __init__(self, handle: IO[str], path: Path, size: int, progress: Progress | None):
        self.handle, self.path, self.size, self.progress = handle, path, size, progress
        self.read = 0
        self._next_report = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            line = next(self.handle)
        except UnicodeDecodeError as exc:
            raise InterchangeError(
                f"{self.path}: not UTF-8 text (near byte {self.read + exc.start:,}); save it "
                "as UTF-8 CSV and retry"
            ) from None
        if "\x00" in line:
            raise InterchangeError(f"{self.path}: a binary file, not CSV/TSV text")
        self.read += len(line)
        if self.progress is not None and self.read >= self._next_report:
            self.progress(min(self.read, self.size), self.size)
            self._next_report = self.read + (1 << 20)
        return line


def read_text_file(
    path: Path,
    deck_id: str,
    title: str,
    *,
    reserved: Collection[str] = (),
    progress: Progress | None = None,
    max_deck_bytes: int | None = None,
) -> ImportResult:
    """Read a CSV/TSV file into decks (one, or one per deck column value), as a stream.

    `reserved`: deck ids the learner's other deck files use, not given to the decks a deck
    column names (the caller picks `deck_id` itself). `progress(done, total)` is called as the
    file is read (in characters and bytes: roughly). The sizes are checked before and while
    converting: a file over `MAX_BYTES`, or a deck that would pass `max_deck_bytes` (default:
    the deck loader's limit), stops the import at once, not after converting everything.
    """
    from quizapp.decks.yamltree import MAX_BYTES as DECK_MAX_BYTES
    from quizapp.gcpause import gc_paused

    deck_limit = max_deck_bytes or DECK_MAX_BYTES
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InterchangeError(
                f"{path}: {size:,} bytes is too big for a card file (at most {MAX_BYTES:,})"
            )
        # Every card's dict and strings are kept: the collector would only scan them again.
        with path.open(encoding="utf-8-sig", newline="") as handle, gc_paused():
            lines = _Lines(handle, path, size, progress)
            return _read(lines, path, deck_id, title, reserved, deck_limit)
    except OSError as exc:
        raise InterchangeError(f"{path}: cannot read it: {exc.strerror}") from None


def _too_big(path: Path, deck: str, limit: int) -> InterchangeError:
    return InterchangeError(
        f"{path}: the deck {deck!r} would be over {limit // (1 << 20)} MB, the most a deck "
        "file may be; split the file (or give it a deck column) and import the parts"
    )


def _read(
    lines: _Lines,
    path: Path,
    deck_id: str,
    title: str,
    reserved: Collection[str],
    deck_limit: int,
) -> ImportResult:
    from quizapp.decks.edit import make_card_id

    source = str(path)
    head: list[str] = []
    for line in lines:
        head.append(line)
        if not line.startswith("#") or ":" not in line:
            break
    header, skip = _read_header(head)
    body_head = head[skip:]
    # A sample of the body for guessing the separator.
    sample_lines = list(body_head)
    while sum(map(len, sample_lines)) < 8192:
        more = next(lines, None)
        if more is None:
            break
        sample_lines.append(more)
    separator = header.separator or _guess_separator("".join(sample_lines), path.suffix.lower())
    body = itertools.chain(sample_lines, lines)
    # Each row keeps the file line it starts on, as a spreadsheet numbers it, for the report:
    # header lines, blank lines and cells spanning several lines all count.
    reader = csv.reader(body, delimiter=separator)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        read = 0
        try:
            for row in reader:
                if row:
                    yield skip + read + 1, row
                read = reader.line_num
        except csv.Error as exc:
            raise InterchangeError(f"{path}: not valid CSV: {exc}") from None

    stream = numbered()
    first = list(itertools.islice(stream, _FIRST_ROWS))
    rows = [row for _, row in first]
    one_deck = not header.deck_column and not (
        rows and "deck" in {c.strip().lower() for c in rows[0]}
    )
    # A file for one deck far bigger than a deck may be is refused before converting.
    if one_deck and lines.size > deck_limit * 2:
        raise _too_big(path, deck_id, deck_limit)
    names: list[str] | None = None
    if header.columns is not None:
        names = [c.strip().lower() for c in header.columns[0].split(separator)]
    elif rows and _is_name_row(rows[0]):
        names = [c.strip().lower() for c in rows[0]]
        first = first[1:]
    front_col, back_col = 0, 1
    tags_col, notetype_col, deck_col = (
        header.tags_column,
        header.notetype_column,
        header.deck_column,
    )
    if names is not None:
        front_col = next((i for i, n in enumerate(names) if n in _FRONT_NAMES), 0)
        back_col = next((i for i, n in enumerate(names) if n in _BACK_NAMES), 1)
        tags_col = tags_col if tags_col is not None else _index(names, "tags")
        notetype_col = notetype_col if notetype_col is not None else _index(names, "notetype")
        deck_col = deck_col if deck_col is not None else _index(names, "deck")
    else:
        if header.separator is None and tags_col is None and rows and len(rows[0]) == 3:
            tags_col = 2  # an ordinary front,back,tags sheet
        # Anki puts its note type, deck and guid columns anywhere: front and back are the first
        # two columns left over.
        special = {tags_col, notetype_col, deck_col, header.guid_column}
        width = max((len(r) for r in rows), default=2)
        rest = [i for i in range(max(width, 2 + len(special))) if i not in special]
        front_col, back_col = rest[0], rest[1]
    # Anki's export marks HTML with #html:true; a sheet without the header may still hold some.
    html = header.html if header.html is not None else True

    result = ImportResult(source=source)
    decks: dict[str, _Deck] = {}
    current: _Deck | None = None  # the previous row's deck: most rows share it
    for number, row in itertools.chain(first, stream):
        width = len(row)
        deck_name = (_cell(row, deck_col) if deck_col is not None else "").strip() or header.deck
        if current is None or current.key != deck_name:
            current = decks.get(deck_name)
            if current is None:
                if deck_name:
                    in_use = {*reserved, *(d.deck.deck_id for d in decks.values())}
                    sub_id = make_card_id(deck_name.replace("::", " "), in_use, fallback="deck")
                    current = _Deck(deck_name, ImportedDeck(deck_id=sub_id, title=deck_name))
                else:
                    current = _Deck(deck_name, ImportedDeck(deck_id=deck_id, title=title))
                decks[deck_name] = current
        front = html_to_markdown(row[front_col] if front_col < width else "", html=html)
        back = html_to_markdown(row[back_col] if back_col < width else "", html=html)
        notetype = (_cell(row, notetype_col) or header.notetype).lower()
        tags = _cell(row, tags_col).split() + header.tags
        card: dict[str, object]
        if "{{c" in front and "::" in front:
            card_id = make_card_id(front, current.taken)
            card = {"id": card_id, "kind": "cloze", "text": front}
            if back:
                card["back"] = back
        elif not front:
            result.skipped.append(f"row {number}: the front is empty")
            continue
        elif not back:
            result.skipped.append(f"row {number}: the back is empty")
            continue
        else:
            card_id = make_card_id(front, current.taken)
            if "revers" in notetype:
                card = {"id": card_id, "kind": "reverse", "front": front, "back": back}
            else:
                card = {"id": card_id, "front": front, "back": back}
        if tags:
            card["tags"] = tags
        current.taken.add(card_id)
        current.deck.cards.append(card)
        current.deck.rows.append(number)
        current.estimate += _CARD_OVERHEAD + sum(map(len, row))
        if current.estimate > deck_limit:
            raise _too_big(path, current.deck.deck_id, deck_limit)
    result.decks = [d.deck for d in decks.values() if d.deck.cards]
    return result


@dataclass(slots=True)
class _Deck:
    """A deck being read: its deck column value, the deck, its card ids, its size so far."""

    key: str
    deck: ImportedDeck
    taken: set[str] = field(default_factory=set)
    #: Bytes its deck file will take, roughly (see `_CARD_OVERHEAD`).
    estimate: int = 0


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and 0 <= index < len(row) else ""


def _index(names: list[str], wanted: str) -> int | None:
    return names.index(wanted) if wanted in names else None


def _is_name_row(row: list[str]) -> bool:
    cells = {c.strip().lower() for c in row}
    return bool(cells & _FRONT_NAMES) and bool(cells & (_BACK_NAMES | {"tags"}))
