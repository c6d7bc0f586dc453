"""The dependencies pyproject.toml declares: each runtime one is used, each one CI can pin low.

A dependency nobody imports still costs every install its download and its own dependencies, and
drifts unnoticed. Import names come from the installed distributions' metadata, not a hand list.
CI runs the suite a second time at every lower bound (.ci/lower_bounds.py writes the pins).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path
from types import ModuleType

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


def _lower_bounds_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lower_bounds", ROOT / ".ci" / "lower_bounds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("requirement", "pin"),
    [
        ("numpy>=1.26", "numpy==1.26"),
        ("psycopg[binary] >= 3.1.4", "psycopg==3.1.4"),
        ("textual>=8.0,<9", "textual==8.0"),
        ('tomli>=2.0; python_version < "3.11"', 'tomli==2.0 ; python_version < "3.11"'),
    ],
)
def test_ci_pins_each_dependency_to_its_lower_bound(requirement: str, pin: str) -> None:
    assert _lower_bounds_script().lower_bound_pin(requirement) == pin


@pytest.mark.parametrize("requirement", ["numpy", "numpy==1.26", "numpy<2", "numpy~=1.26"])
def test_ci_refuses_a_dependency_without_a_lower_bound(requirement: str) -> None:
    with pytest.raises(SystemExit, match="no single lower bound"):
        _lower_bounds_script().lower_bound_pin(requirement)


def test_every_declared_dependency_has_a_lower_bound_ci_can_pin() -> None:
    # CI's lower-bounds run reads the same lists; a bound it cannot read would stop that run.
    with (ROOT / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    script = _lower_bounds_script()
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert script.lower_bound_pin(requirement).startswith(
            re.split(r"[\[<>=~!; ]", requirement, maxsplit=1)[0] + "=="
        )
