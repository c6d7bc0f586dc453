"""Generates `home_sql.json`: the home statements as SQLAlchemy compiles them for SQLite.

`quick_home` runs that SQL on the standard library's `sqlite3` before SQLAlchemy is imported;
the statements themselves are `quizapp.store.home_statements.STATEMENTS`. After changing one:

    python -m quizapp.store.fast.home_sql

(a test fails while the generated file is stale). Parameters the statements fix themselves (a
LIMIT, a JSON path, a literal flag) are written into the file already converted by their types'
bind processors; named parameters are listed with the kind of conversion they need, and so are
the result columns.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Integer
from sqlalchemy.dialects import sqlite

from quizapp.store.home_reads import STATEMENT_NAMES
from quizapp.store.home_statements import STATEMENTS
from quizapp.store.types import UTCDateTime


def _kind(type_: Any) -> str:
    """How the fast reader turns a value of this column type to and from SQLite."""
    if isinstance(type_, UTCDateTime):
        return "instant"
    if isinstance(type_, Date):
        return "date"
    if isinstance(type_, Boolean):
        return "bool"
    if isinstance(type_, Integer):
        return "int"
    raise TypeError(f"no SQLite conversion for {type_!r}: give `home_sql` one first")


def compiled_for_sqlite() -> dict[str, dict[str, Any]]:
    """name -> {"sql", "params", "columns"}: what `home_sql.json` holds.

    `params` lists, in the order of the SQL's ``?``, either ``["name", name, kind]`` for a named
    parameter or ``["value", v]`` for one the statement fixes (already converted for SQLite).
    `columns` lists the kind of each result column ("instant", "date", "bool" or "int"; "text"
    for a text column, passed through).
    """
    dialect = sqlite.dialect()
    generated: dict[str, dict[str, Any]] = {}
    for name, statement in STATEMENTS.items():
        compiled = statement.compile(dialect=dialect)
        params: list[list[Any]] = []
        for key in compiled.positiontup or ():
            bind = compiled.binds[key]
            if key in STATEMENT_NAMES[name]:
                params.append(["name", key, _kind(bind.type)])
                continue
            if bind.value is None and bind.callable is None:
                raise ValueError(f"{name}: parameter {key!r} has no value and is not named")
            value = bind.effective_value
            processor = bind.type._cached_bind_processor(dialect)
            params.append(["value", processor(value) if processor else value])
        columns = []
        for column in statement.selected_columns:
            try:
                columns.append(_kind(column.type))
            except TypeError:
                if column.type.python_type is not str:
                    raise
                columns.append("text")
        generated[name] = {"sql": str(compiled), "params": params, "columns": columns}
    return generated


def render() -> str:
    """The text of `quizapp/store/fast/home_sql.json`."""
    return json.dumps(compiled_for_sqlite(), indent=1, ensure_ascii=False) + "\n"


def generated_path() -> Path:
    return Path(__file__).with_name("home_sql.json")


def main() -> int:
    text = render()
    path = generated_path()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        print(f"{path.name} is up to date")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
