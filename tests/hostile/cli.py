"""Running `quizapp` as a learner does (a real process), and what a refusal must look like."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_quizapp(
    *args: str, cwd: Path, home: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUIZAPP_HOME": str(home), "PYTHONUNBUFFERED": "0"}
    env.pop("QUIZAPP_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """A non-zero exit with one line on stderr (holding `words`), and no traceback."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path, with its bytes (to prove nothing changed).

    quizapp's cache of parsed decks is left out: it is quizapp's own, rebuilt at will.
    """
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "cache" not in path.relative_to(folder).parts
    }
