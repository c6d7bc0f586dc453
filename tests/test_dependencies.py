"""Every runtime dependency in pyproject.toml is imported somewhere under quizapp/.

A dependency nobody imports still costs every install its download and its own dependencies, and
drifts unnoticed. Import names come from the installed distributions' metadata, not a hand list.
"""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "quizapp"


def _normalise(name: str) -> str:
    """A distribution name in PEP 503 form, so `PyYAML` and `pyyaml`, `ruamel.yaml` and
    `ruamel-yaml` compare equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_dependencies() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        requirements: list[str] = tomllib.load(file)["project"]["dependencies"]
    names = []
    for requirement in requirements:
        # PEP 508: the name comes first and is letters, digits and `-_.`; extras, versions and
        # markers follow it.
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
        assert match, f"cannot read the distribution name in {requirement!r}"
        names.append(_normalise(match.group()))
    return names


def _imported_top_level_names() -> set[str]:
    """Every top-level module named by an absolute import anywhere in quizapp/, including imports
    inside functions and under `if TYPE_CHECKING:`."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _import_names_by_distribution() -> dict[str, set[str]]:
    by_distribution: dict[str, set[str]] = {}
    for import_name, distributions in packages_distributions().items():
        for distribution in distributions:
            by_distribution.setdefault(_normalise(distribution), set()).add(import_name)
    return by_distribution


def test_the_import_scan_sees_known_imports() -> None:
    # Guards the scan itself: if it found nothing, every dependency would look unused.
    assert {"sqlalchemy", "textual", "yaml", "numpy"} <= _imported_top_level_names()


@pytest.mark.parametrize("distribution", _runtime_dependencies())
def test_runtime_dependency_is_imported(distribution: str) -> None:
    import_names = _import_names_by_distribution().get(distribution)
    assert import_names, f"{distribution} is declared but not installed: cannot tell its modules"
    used = import_names & _imported_top_level_names()
    assert used, (
        f"{distribution} (modules {sorted(import_names)}) is a runtime dependency in "
        "pyproject.toml, but no module under quizapp/ imports it"
    )
