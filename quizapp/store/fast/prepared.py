"""Core statements compiled once and run on the database driver, for the store's hot paths.

SQLAlchemy's own execution costs some tens of microseconds per statement and a few per row of
an executemany: more than SQLite itself takes on an answer or on a bulk insert. `Prepared`
compiles a Core statement for the engine's dialect once and converts each parameter with its
column type's own bind processor, so the rows written are exactly those SQLAlchemy would write
(dates, UTC times and JSON alike); only the per-execution bookkeeping is left out. Positional
parameter styles only (SQLite's among them); callers fall back to Core otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import JSON, Date, DateTime
from sqlalchemy.types import TypeDecorator

from quizapp.store.types import UTCDateTime

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect
    from sqlalchemy.sql.compiler import SQLCompiler
    from sqlalchemy.sql.expression import ClauseElement
    from sqlalchemy.types import TypeEngine


def positional(dialect: Dialect) -> bool:
    """Whether `Prepared` can run statements for this dialect."""
    return bool(dialect.positional)


class JsonTexts:
    """The JSON texts of the last few values written or read, found by the value's identity.

    An answer writes the same state twice (the card's new state and the review's state after)
    and the state read back earlier as the review's state before: with this, each is turned into
    JSON once, or not at all. The values are treated as the immutable values they are (states
    are never changed in place); holding them keeps their identities from being reused.
    """

    __slots__ = ("_size", "_texts")

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._texts: dict[int, tuple[object, str]] = {}

    def get(self, value: object) -> str | None:
        found = self._texts.get(id(value))
        return found[1] if found is not None and found[0] is value else None

    def put(self, value: object, text: str) -> None:
        texts = self._texts
        if len(texts) >= self._size:
            del texts[next(iter(texts))]  # the oldest
        texts[id(value)] = (value, text)


def _json_conversion(
    process: Callable[[Any], Any], texts: JsonTexts | None
) -> Callable[[Any], Any]:
    """A JSON column's bind processor that also takes any Mapping (json.dumps wants a dict)
    and, given `texts`, reuses the text of a value it has seen."""
    null = process(None)

    def convert(value: Any) -> Any:
        if value is None:
            return null
        if texts is not None:
            text = texts.get(value)
            if text is not None:
                return text
        plain = dict(value) if isinstance(value, Mapping) and not isinstance(value, dict) else value
        text = process(plain)
        if texts is not None and isinstance(text, str):
            texts.put(value, text)
        return text

    return convert


#: SQLite's text of a date and of a naive datetime, as SQLAlchemy writes them by default.
_SQLITE_DATE = "%(year)04d-%(month)02d-%(day)02d"
_SQLITE_DATETIME = f"{_SQLITE_DATE} %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"


def _quicker(
    kind: TypeEngine[Any], dialect: Dialect, process: Callable[[Any], Any]
) -> Callable[[Any], Any]:
    """`process`, or the same conversion done in C for SQLite's dates and times.

    SQLAlchemy formats them with a %-format of a dict of the value's fields (some microseconds
    each, several on every answer); `isoformat` writes the very same text when the storage
    format is SQLAlchemy's default. Any other value goes through `process` as before.
    """
    if dialect.name != "sqlite":
        return process
    implementation = kind.dialect_impl(dialect)
    if isinstance(kind, TypeDecorator):
        implementation = kind.impl_instance.dialect_impl(dialect)
    storage = getattr(implementation, "_storage_format", None)
    if isinstance(implementation, DateTime) and storage == _SQLITE_DATETIME:
        if isinstance(kind, UTCDateTime):
            return _utc_datetime_text(process)

        def datetime_text(value: Any) -> Any:
            if type(value) is datetime and value.tzinfo is None:
                return value.isoformat(" ", "microseconds")
            return process(value)

        return datetime_text
    if isinstance(implementation, Date) and storage == _SQLITE_DATE:

        def date_text(value: Any) -> Any:
            return value.isoformat() if type(value) is date else process(value)

        return date_text
    return process


def _utc_datetime_text(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`UTCDateTime`'s conversion (to naive UTC, then SQLite's text) for the usual UTC value."""

    def convert(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is UTC:
            return value.replace(tzinfo=None).isoformat(" ", "microseconds")
        return process(value)  # None, another zone, or naive (refused there)

    return convert


class Prepared:
    """A Core statement compiled once, run on the driver with the columns' own conversions.

    Parameters come from a mapping (`params`) or straight from a record's attributes
    (`params_of`, one C-level attrgetter call): bound parameter ``b_x`` reads attribute ``x``.
    """

    __slots__ = ("_conversions", "_fixed", "_getter", "_names", "sql")

    def __init__(
        self, statement: ClauseElement, dialect: Dialect, *, json_texts: JsonTexts | None = None
    ) -> None:
        compiled = cast("SQLCompiler", statement.compile(dialect=dialect))
        if not compiled.positional:
            raise ValueError(f"{dialect.name}: only positional parameter styles are supported")
        self.sql = compiled.string
        self._names: tuple[str, ...] = tuple(compiled.positiontup or ())
        #: Values written into the statement itself (``.values(removed=True)``), by name.
        self._fixed: dict[str, Any] = {
            name: compiled.binds[name].effective_value
            for name in self._names
            if not compiled.binds[name].required
        }
        conversions = []
        for index, name in enumerate(self._names):
            kind = compiled.binds[name].type
            process: Callable[[Any], Any] | None
            process = kind.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                if isinstance(kind, JSON):
                    process = _json_conversion(process, json_texts)
                else:
                    process = _quicker(kind, dialect, process)
                conversions.append((index, process))
        #: Only the parameters that need converting (most are passed to the driver as they are).
        self._conversions: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(conversions)
        attributes = [name.removeprefix("b_") for name in self._names]
        self._getter = attrgetter(*attributes) if len(attributes) > 1 else None

    def params(self, values: Mapping[str, Any]) -> list[Any]:
        return self._convert([self._value(values, name) for name in self._names])

    def _value(self, values: Mapping[str, Any], name: str) -> Any:
        return values[name] if name in values else self._fixed[name]

    def params_of(self, record: object) -> list[Any]:
        """The parameters read from `record`'s attributes of the same names."""
        assert self._getter is not None, "params_of needs a statement of two or more parameters"
        return self._convert(list(self._getter(record)))

    def _convert(self, values: list[Any]) -> list[Any]:
        for index, process in self._conversions:
            values[index] = process(values[index])
        return values

    def many(self, rows: Iterable[Mapping[str, Any]]) -> list[list[Any]]:
        """Parameters for an executemany; a value that is the very object of the row before
        (the same sync time, the same initial state) is converted once, not once a row."""
        names = self._names
        conversions = self._conversions
        last: list[tuple[Any, Any]] = [(_UNSET, None)] * len(conversions)
        result = []
        for row in rows:
            values = [row[name] if name in row else self._fixed[name] for name in names]
            for slot, (index, process) in enumerate(conversions):
                value = values[index]
                seen, converted = last[slot]
                if value is not seen:
                    converted = process(value)
                    last[slot] = (value, converted)
                values[index] = converted
            result.append(values)
        return result


_UNSET = object()
