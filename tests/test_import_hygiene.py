"""The pure core must not pull in the UI, the database or YAML, and importing quizapp does nothing.

import-linter checks the static imports (see pyproject.toml); this checks what really gets loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "sqlalchemy", "yaml", "ruamel", "alembic")


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return {name.split(".")[0] for name in json.loads(out)}


@pytest.mark.parametrize(
    "module",
    ["quizapp.model", "quizapp.scheduling.base", "quizapp.clock", "quizapp.paths"],
)
def test_core_imports_nothing_heavy(module: str) -> None:
    loaded = _loaded_after(f"import {module}")
    assert not loaded & set(HEAVY), f"{module} loaded {sorted(loaded & set(HEAVY))}"


def test_cli_parser_imports_nothing_heavy() -> None:
    loaded = _loaded_after("from quizapp.cli import build_parser; build_parser()")
    assert not loaded & {"textual", "sqlalchemy", "numpy", "yaml"}
