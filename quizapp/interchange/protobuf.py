"""Just enough protobuf decoding to read the few messages newer Anki packages store as blobs.

Anki keeps a package's media list, each note type's kind and each card template's formats as
protobuf messages. Pulling in a protobuf runtime and Anki's schema for three fields would be
heavy; the wire format is simple enough to read directly. Unknown fields are skipped, as the
format intends.
"""

from __future__ import annotations

from quizapp.interchange.errors import InterchangeError

Fields = dict[int, list[int | bytes]]


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise InterchangeError("a protobuf message is cut short or malformed")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def parse(data: bytes) -> Fields:
    """Field number -> its values in order (ints for varints, bytes for everything else)."""
    fields: Fields = {}
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1:
            value, pos = data[pos : pos + 8], pos + 8
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > len(data):
                raise InterchangeError("a protobuf message is cut short or malformed")
            value, pos = data[pos : pos + length], pos + length
        elif wire == 5:
            value, pos = data[pos : pos + 4], pos + 4
        else:
            raise InterchangeError(f"a protobuf message has an unknown wire type {wire}")
        if pos > len(data):
            raise InterchangeError("a protobuf message is cut short or malformed")
        fields.setdefault(number, []).append(value)
    return fields


def first_int(fields: Fields, number: int, default: int = 0) -> int:
    for value in fields.get(number, []):
        if isinstance(value, int):
            return value
    return default


def first_text(fields: Fields, number: int, default: str = "") -> str:
    for value in fields.get(number, []):
        if isinstance(value, bytes):
            return value.decode("utf-8", errors="replace")
    return default
