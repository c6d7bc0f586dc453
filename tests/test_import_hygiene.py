"""The pure core must not pull in the UI, the database or YAML, and importing quizapp does nothing.

import-linter checks the static imports (see pyproject.toml); this checks what really gets loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "sqlalchemy", "yaml", "ruamel", "alembic")


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out))


def _loaded_after(statement: str) -> set[str]:
    return {name.split(".")[0] for name in _modules_after(statement)}


@pytest.mark.parametrize(
    "module",
    ["quizapp.model", "quizapp.scheduling.base", "quizapp.clock", "quizapp.paths"],
)
def test_core_imports_nothing_heavy(module: str) -> None:
    loaded = _loaded_after(f"import {module}")
    assert not loaded & set(HEAVY), f"{module} loaded {sorted(loaded & set(HEAVY))}"


def test_starting_the_tui_imports_only_its_own_command() -> None:
    # `quizapp` configures only the review command: the first frame must not wait for numpy,
    # SQLAlchemy or YAML, nor for any other command's module.
    modules = _modules_after("from quizapp.cli import build_parser; build_parser(['review'])")
    top_level = {name.split(".")[0] for name in modules}
    assert not top_level & {"sqlalchemy", "numpy", "yaml", "ruamel", "alembic"}
    assert "quizapp.commands.review" in modules
    assert not {m for m in modules if m.startswith("quizapp.commands.")} - {
        "quizapp.commands.review"
    }


def test_every_command_parser_stays_light() -> None:
    loaded = _loaded_after("from quizapp.cli import build_parser; build_parser()")
    assert not loaded & {"textual", "sqlalchemy", "numpy", "alembic"}
