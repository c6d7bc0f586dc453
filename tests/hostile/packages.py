"""Hostile Anki packages, built in the test: views that never end, bombs, giant values."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import zstandard

MODEL = {
    "1": {
        "id": 1,
        "name": "Basic",
        "type": 0,
        "flds": [{"name": "Front"}, {"name": "Back"}],
        "tmpls": [{"qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    }
}


def collection(*, col_view: str | None = None, notes: list[str] | None = None) -> bytes:
    """A schema-11 collection; `col_view` makes `col` a view with that SELECT instead."""
    con = sqlite3.connect(":memory:")
    con.executescript(
        "CREATE TABLE notes (id INTEGER, mid INTEGER, flds TEXT, tags TEXT);"
        "CREATE TABLE cards (nid INTEGER, did INTEGER, odid INTEGER, ord INTEGER);"
    )
    if col_view is None:
        con.execute("CREATE TABLE col (models TEXT, decks TEXT)")
        decks = {"5": {"id": 5, "name": "Deck"}}
        con.execute("INSERT INTO col VALUES (?, ?)", (json.dumps(MODEL), json.dumps(decks)))
    else:
        con.execute(f"CREATE VIEW col AS {col_view}")
    for number, fields in enumerate(notes or ["front\x1fback"], start=1):
        con.execute("INSERT INTO notes VALUES (?, 1, ?, '')", (number, fields))
        con.execute("INSERT INTO cards VALUES (?, 5, 0, 0)", (number,))
    con.commit()
    return con.serialize()


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def zstd_zeros(size: int) -> bytes:
    """`size` zero bytes, zstd-compressed (a few hundred bytes for many megabytes)."""
    out = io.BytesIO()
    compressor = zstandard.ZstdCompressor(level=3)
    with compressor.stream_writer(out, closefd=False, size=size) as writer:
        block = bytes(1 << 20)
        left = size
        while left:
            writer.write(block[: min(left, len(block))])
            left -= min(left, len(block))
    return out.getvalue()


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def media_list(names: list[str]) -> bytes:
    """The zstd-compressed protobuf media list of a current package (MediaEntries)."""
    body = b""
    for name in names:
        entry = b"\x0a" + _varint(len(name.encode())) + name.encode()
        body += b"\x0a" + _varint(len(entry)) + entry
    return zstandard.ZstdCompressor().compress(body)
