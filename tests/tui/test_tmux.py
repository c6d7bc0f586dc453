"""The installed `quizapp` in a real terminal: tmux at 80×24, keys sent, the screen read back."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.conftest import BASICS, write_deck

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text not in self.screen():
                return
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never went; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    # Only the deck written here: the bundled decks would make the screen depend on their content.
    (home / "config" / "config.toml").write_text("include_bundled = false\n", encoding="utf-8")
    decks = tmp_path / "decks"
    write_deck(decks, "basics.yaml", BASICS)
    name = f"quizapp-test-{uuid.uuid4().hex[:8]}"
    quizapp = " ".join(
        [
            f"QUIZAPP_HOME={shlex.quote(str(home))}",
            "TERM=xterm-256color",
            shlex.quote(sys.executable),
            "-m quizapp review",
            shlex.quote(str(decks)),
        ]
    )
    # Started twice (the second start reads its counts at a glance), then the pane stays open
    # to read the last screen or an error.
    command = f"{quizapp}; {quizapp}; sleep 30"
    environment = {k: v for k, v in os.environ.items() if k != "TMUX"}
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", command],
        check=True,
        env=environment,
    )
    try:
        yield Terminal(name)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)


def test_study_two_cards_in_a_real_terminal(terminal: Terminal) -> None:
    screen = terminal.wait_for("Basics")
    assert "Today: 0 reviews" in screen
    terminal.keys("Enter")
    screen = terminal.wait_for("What does bagging stand for?")
    assert "0 done · 2 left" in screen
    terminal.keys("Space")
    screen = terminal.wait_for("Bootstrap aggregating (배깅).")
    assert "4 Good" in screen
    terminal.keys("4")
    terminal.wait_for("What are Adam's default β₁ and β₂?")
    terminal.keys("Space", "5")
    screen = terminal.wait_for("Session done")
    assert "Cards reviewed   2" in screen
    terminal.keys("Enter")
    screen = terminal.wait_for("Today: 2 reviews")
    terminal.keys("q")
    terminal.wait_gone("Today: 2 reviews")  # the first run has left its screen
    # Started again: the counts of the store as it was left, then `a` says nothing is due.
    screen = terminal.wait_for("Today: 2 reviews in")
    assert "streak 1 day" in screen
    row = next(line for line in screen.splitlines() if "Basics" in line)
    assert row.split()[1:] == ["0", "0", "0", "2"]
    terminal.keys("a")
    terminal.wait_for("All caught up")
    terminal.keys("q")
