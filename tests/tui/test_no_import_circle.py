"""The screens and the command palette never import the app: they post messages up to it.

Read from the source (every import, also those inside functions and under TYPE_CHECKING), so a
lazy import that would close the circle again fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import quizapp.tui

TUI = Path(quizapp.tui.__file__).parent
BELOW_THE_APP = sorted([*TUI.glob("screens/*.py"), TUI / "commands.py", TUI / "messages.py"])


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", BELOW_THE_APP, ids=lambda p: str(p.relative_to(TUI)))
def test_does_not_import_the_app(path: Path) -> None:
    assert "quizapp.tui.app" not in _imported(path)


def test_review_and_summary_do_not_import_each_other() -> None:
    # The app hands a session from one to the other (SessionEnded, SessionResumed).
    assert "quizapp.tui.screens.summary" not in _imported(TUI / "screens" / "review.py")
    assert "quizapp.tui.screens.review" not in _imported(TUI / "screens" / "summary.py")
