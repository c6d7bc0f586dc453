"""Fixtures for the hostile-input suite: every test gets its own QUIZAPP_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

# The TUI cases drive the real app as the TUI tests do: their app factory and async runner.
from tests.tui.conftest import (  # noqa: F401
    build_app,
    clock,
    deck_dir,
    pytest_pyfunc_call,
)


@pytest.fixture(autouse=True)
def quizapp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("QUIZAPP_HOME", str(home))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    return home
