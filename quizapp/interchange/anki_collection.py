"""Reading an Anki collection (the SQLite file inside an .apkg/.colpkg) into plain records.

This is the one place that reads Anki's database. It uses the standard library's `sqlite3` on a
private in-memory copy (`deserialize`), read only, with `trusted_schema` off so nothing a hostile
file defines (views, triggers, functions) runs. Both layouts are understood: the older one keeps
note types and decks as JSON in the `col` row (schema 11, what genanki writes); the newer one has
`notetypes`, `fields`, `templates` and `decks` tables with protobuf blobs (schema 15+).
It is SQL outside `quizapp/store` on purpose: this is a foreign file format, not our database.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from quizapp.interchange import protobuf
from quizapp.interchange.errors import InterchangeError
from quizapp.interchange.safezip import Limits

#: Anki's field separator inside `notes.flds`, and its deck-name separator in the newer schema.
FIELD_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class NoteType:
    id: int
    name: str
    is_cloze: bool
    fields: tuple[str, ...]
    #: (question format, answer format) of each card template, in order.
    templates: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    notetype_id: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    #: The deck of the note's first card (0 when the note has no cards).
    deck_id: int


@dataclass(slots=True)
class Collection:
    notetypes: dict[int, NoteType] = field(default_factory=dict)
    decks: dict[int, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


#: SQLite's limits on what a query may build, beyond the length of a value (set from `Limits`).
_SQL_LIMITS = {
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 1 << 20,
    sqlite3.SQLITE_LIMIT_COLUMN: 2000,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 200,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 50,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 32,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 1000,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 10,
}
#: SQLite virtual-machine instructions between two looks at the clock.
_PROGRESS_STEPS = 10_000


class _QueryGuard:
    """Time, length and size limits on one connection to an untrusted collection."""

    def __init__(self, con: sqlite3.Connection, limits: Limits) -> None:
        import time

        self.limits = limits
        self._clock = time.monotonic
        self.deadline = self._clock() + limits.query_seconds
        self.timed_out = False
        self.text_bytes = 0
        con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limits.value_bytes)
        for limit, value in _SQL_LIMITS.items():
            con.setlimit(limit, value)
        con.set_progress_handler(self._progress, _PROGRESS_STEPS)
        # SQLite's printf walks the whole of a huge width (~10 s for 900 million) inside one
        # call, out of the progress handler's reach. Anki never uses it: ours takes its name,
        # and, not innocuous, may not be called from the file's views at all.
        for name in ("printf", "format"):
            con.create_function(name, -1, _no_printf)

    def _progress(self) -> int:
        if self._clock() > self.deadline:
            self.timed_out = True
            return 1  # interrupts the query: sqlite3.OperationalError("interrupted")
        return 0

    def spend(self, size: int) -> None:
        self.text_bytes += size
        if self.text_bytes > self.limits.total_bytes:
            raise sqlite3.DataError("notes larger than the package's size limit")

    def error(self, source: str, exc: sqlite3.Error) -> InterchangeError:
        """The one-line message for an SQLite error while reading the collection."""
        if self.timed_out:
            return InterchangeError(
                f"{source}: reading the collection took over {self.limits.query_seconds:g} s, "
                "the most allowed (a query inside it may never end); refusing it "
                "(nothing was written)"
            )
        text = str(exc)
        if "too big" in text or "size limit" in text:
            return InterchangeError(
                f"{source}: the collection holds a value over {self.limits.value_bytes:,} "
                f"bytes or notes over {self.limits.total_bytes:,} bytes in all, the most "
                "allowed; refusing it (nothing was written; --max-size raises the limit)"
            )
        return InterchangeError(f"{source}: the collection inside is damaged or not Anki's ({exc})")


def _no_printf(*_args: object) -> None:
    raise ValueError("printf is not available on an imported collection")


def _unicase(a: str, b: str) -> int:
    fa, fb = a.casefold(), b.casefold()
    return (fa > fb) - (fa < fb)


def read_collection(data: bytes, source: str, limits: Limits | None = None) -> Collection:
    """Read note types, deck names and notes from a collection file's bytes.

    A hostile file can define `col` or `notes` as a view that never ends (an endless
    recursive CTE) or that makes a gigantic string. SQLite's own limits bound every value,
    and a progress handler stops any query once `limits.query_seconds` have passed; the
    text read out is counted against `limits.total_bytes` as well.
    """
    limits = limits or Limits()
    if not data.startswith(b"SQLite format 3\x00"):
        raise InterchangeError(f"{source}: the collection inside is not an SQLite database")
    if data[18:20] == b"\x02\x02":
        # A WAL-mode file: an in-memory copy has no WAL, so mark it as a rollback-journal file
        # (bytes 18-19 of the header are the read/write format versions).
        data = data[:18] + b"\x01\x01" + data[20:]
    con = sqlite3.connect(":memory:")
    guard = _QueryGuard(con, limits)
    try:
        try:
            con.deserialize(data)
            con.create_collation("unicase", _unicase)
            con.execute("PRAGMA trusted_schema = OFF")
            con.execute("PRAGMA query_only = ON")
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
            collection = Collection()
            if "notetypes" in tables:
                _read_new_schema(con, collection)
            else:
                _read_legacy_schema(con, collection, source)
            _read_notes(con, collection, guard)
        except sqlite3.Error as exc:
            raise guard.error(source, exc) from None
        except MemoryError:
            raise InterchangeError(
                f"{source}: the collection is too large to read in this computer's memory"
            ) from None
    finally:
        con.close()
    return collection


def _read_legacy_schema(con: sqlite3.Connection, collection: Collection, source: str) -> None:
    row = con.execute("SELECT models, decks FROM col").fetchone()
    if row is None:
        raise InterchangeError(f"{source}: the collection has no `col` row")
    try:
        models = json.loads(row[0] or "{}")
        decks = json.loads(row[1] or "{}")
    except (TypeError, ValueError):
        raise InterchangeError(f"{source}: the collection's note types are unreadable") from None
    if not isinstance(models, dict) or not isinstance(decks, dict):
        raise InterchangeError(f"{source}: the collection's note types are unreadable")
    for key, model in models.items():
        if not isinstance(model, dict):
            continue
        fields = tuple(str(f.get("name", "")) for f in model.get("flds", []) if isinstance(f, dict))
        templates = tuple(
            (str(t.get("qfmt", "")), str(t.get("afmt", "")))
            for t in model.get("tmpls", [])
            if isinstance(t, dict)
        )
        notetype_id = _int(model.get("id", key))
        collection.notetypes[notetype_id] = NoteType(
            id=notetype_id,
            name=str(model.get("name", "")),
            is_cloze=model.get("type") == 1,
            fields=fields,
            templates=templates,
        )
    for key, deck in decks.items():
        if isinstance(deck, dict):
            collection.decks[_int(deck.get("id", key))] = str(deck.get("name", ""))


def _read_new_schema(con: sqlite3.Connection, collection: Collection) -> None:
    fields: dict[int, list[tuple[int, str]]] = {}
    for ntid, ord_, name in con.execute("SELECT ntid, ord, name FROM fields"):
        fields.setdefault(int(ntid), []).append((int(ord_), str(name)))
    templates: dict[int, list[tuple[int, str, str]]] = {}
    for ntid, ord_, config in con.execute("SELECT ntid, ord, config FROM templates"):
        parsed = protobuf.parse(bytes(config or b""))
        q_format, a_format = protobuf.first_text(parsed, 1), protobuf.first_text(parsed, 2)
        templates.setdefault(int(ntid), []).append((int(ord_), q_format, a_format))
    for ntid, name, config in con.execute("SELECT id, name, config FROM notetypes"):
        kind = protobuf.first_int(protobuf.parse(bytes(config or b"")), 1)
        collection.notetypes[int(ntid)] = NoteType(
            id=int(ntid),
            name=str(name),
            is_cloze=kind == 1,
            fields=tuple(n for _, n in sorted(fields.get(int(ntid), []))),
            templates=tuple((q, a) for _, q, a in sorted(templates.get(int(ntid), []))),
        )
    for deck_id, name in con.execute("SELECT id, name FROM decks"):
        collection.decks[int(deck_id)] = str(name).replace(FIELD_SEPARATOR, "::")


def _read_notes(con: sqlite3.Connection, collection: Collection, guard: _QueryGuard) -> None:
    first_deck: dict[int, int] = {}
    # A card in a filtered deck remembers its home deck in `odid`.
    query = "SELECT nid, CASE WHEN odid != 0 THEN odid ELSE did END FROM cards ORDER BY nid, ord"
    for nid, did in con.execute(query):
        first_deck.setdefault(int(nid), int(did))
    for nid, mid, flds, tags in con.execute("SELECT id, mid, flds, tags FROM notes ORDER BY id"):
        guard.spend(len(flds or "") + len(tags or "") + 16)
        collection.notes.append(
            Note(
                id=int(nid),
                notetype_id=int(mid),
                fields=tuple(str(flds or "").split(FIELD_SEPARATOR)),
                tags=tuple(str(tags or "").split()),
                deck_id=first_deck.get(int(nid), 0),
            )
        )


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0
