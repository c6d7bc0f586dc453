"""Each layer imports only what it may, and importing quizapp does nothing heavy.

Statically, for every module under quizapp/: Textual only under quizapp/tui/, SQLAlchemy and
Alembic only under quizapp/store/. Every import statement counts, also one inside a function or
under `if TYPE_CHECKING:`: a lazy import is still an import. import-linter checks the package
graph (see pyproject.toml); this names the offending module and line.
Dynamically, in a fresh interpreter: what importing the pure core, or building the command line,
really loads.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quizapp"

#: library (top-level import name) -> the one package of quizapp that may import it
HOMES = {"textual": "quizapp.tui", "sqlalchemy": "quizapp.store", "alembic": "quizapp.store"}

#: The pure core (DESIGN.md: data in, data out): importing any of its modules loads none of HEAVY.
CORE = (
    "quizapp.model",
    "quizapp.scheduling",
    "quizapp.exercises",
    "quizapp.stats",
    "quizapp.judge",  # the answer judge
    "quizapp.search",  # the query language
    "quizapp.clock",
    "quizapp.paths",
)
HEAVY = ("textual", "sqlalchemy", "yaml", "alembic")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for each absolute import in the file, wherever it stands; a literal
    `importlib.import_module("x")` counts too."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return sorted(found)  # ast.walk goes breadth first, not line by line


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _violations(module: str, path: Path) -> list[str]:
    """`file:line: ...` for each import of a library outside the package that may import it."""
    return [
        f"{path}:{line}: {module} imports {imported} (only {HOMES[imported.split('.')[0]]} may)"
        for line, imported in _imports(path)
        if imported.split(".")[0] in HOMES and not _inside(module, HOMES[imported.split(".")[0]])
    ]


def test_the_scan_sees_every_kind_of_import(tmp_path: Path) -> None:
    # Guards the scan itself, so a clean result means clean code, not a blind scan.
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\nimport os.path as p\nif TYPE_CHECKING:\n"
        "    from sqlalchemy.orm import Session\ndef f():\n    import textual.app\n"
        "    importlib.import_module('alembic')\nfrom . import sibling\n",
        encoding="utf-8",
    )
    assert _imports(source) == [
        (1, "typing"),
        (2, "os.path"),
        (4, "sqlalchemy.orm"),
        (6, "textual.app"),
        (7, "alembic"),
    ]
    assert {"quizapp.model", "quizapp.tui.app", "quizapp.store", "quizapp"} <= MODULES.keys()


def test_a_library_outside_its_layer_is_named(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "def f():\n    from textual.app import App\nimport sqlalchemy\n", encoding="utf-8"
    )
    assert _violations("quizapp.model", source) == [
        f"{source}:2: quizapp.model imports textual.app (only quizapp.tui may)",
        f"{source}:3: quizapp.model imports sqlalchemy (only quizapp.store may)",
    ]
    assert _violations("quizapp.tui.screens.x", source) == [
        f"{source}:3: quizapp.tui.screens.x imports sqlalchemy (only quizapp.store may)"
    ]
    assert _violations("quizapp.store.fast.y", source) == [
        f"{source}:2: quizapp.store.fast.y imports textual.app (only quizapp.tui may)"
    ]
    # A package whose name merely starts like a home is not inside it.
    assert len(_violations("quizapp.tuition", source)) == 2


@pytest.mark.parametrize("module", list(MODULES))
def test_module_imports_ui_and_database_only_in_their_layers(module: str) -> None:
    assert _violations(module, MODULES[module]) == []


def _modules_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out))


def _loaded_after(statement: str) -> set[str]:
    return {name.split(".")[0] for name in _modules_after(statement)}


CORE_MODULES = sorted(m for m in MODULES if any(_inside(m, package) for package in CORE))


def test_the_core_is_found() -> None:
    assert {"quizapp.model", "quizapp.scheduling.sm2", "quizapp.clock"} <= set(CORE_MODULES)


def test_core_imports_nothing_heavy() -> None:
    # One interpreter imports every core module: if the union loads nothing heavy, neither does
    # any one of them. Only on a failure is each imported alone, to name the culprits.
    loaded = _loaded_after("\n".join(f"import {module}" for module in CORE_MODULES))
    if loaded & set(HEAVY):
        culprits = {
            module: sorted(_loaded_after(f"import {module}") & set(HEAVY))
            for module in CORE_MODULES
        }
        pytest.fail(
            f"the pure core loads heavy modules: { {m: h for m, h in culprits.items() if h} }"
        )


def test_starting_the_tui_imports_only_its_own_command() -> None:
    # `quizapp` configures only the review command: the first frame must not wait for numpy,
    # SQLAlchemy or YAML, nor for any other command's module.
    modules = _modules_after("from quizapp.cli import build_parser; build_parser(['review'])")
    top_level = {name.split(".")[0] for name in modules}
    assert not top_level & {"sqlalchemy", "numpy", "yaml", "alembic"}
    assert "quizapp.commands.review" in modules
    assert not {m for m in modules if m.startswith("quizapp.commands.")} - {
        "quizapp.commands.review"
    }


def test_every_command_parser_stays_light() -> None:
    loaded = _loaded_after("from quizapp.cli import build_parser; build_parser()")
    assert not loaded & {"textual", "sqlalchemy", "numpy", "alembic"}


def test_checking_an_import_deck_id_loads_no_database_library() -> None:
    # `quizapp import --deck-id` checks the id against the database's column sizes before
    # anything else: those are the model's constants, not read from SQLAlchemy's tables.
    loaded = _loaded_after(
        "from quizapp.commands.import_ import check_deck_id; check_deck_id('a' * 200)"
    )
    assert not loaded & {"sqlalchemy", "alembic"}


def test_the_id_limits_are_the_store_columns_sizes() -> None:
    from quizapp.commands.deck_ids import id_limits
    from quizapp.store.models import CardRow, DeckRow

    limits = id_limits()
    assert getattr(DeckRow.__table__.c.id.type, "length", None) == limits.deck
    assert getattr(CardRow.__table__.c.key.type, "length", None) == limits.card_key
