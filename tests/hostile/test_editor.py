"""A deck file's name is not a command: `e` hands the editor an absolute path, after `--`.

The attack: a deck folder given as `.` holding a file named ``+!touch X .yaml``; vim reads a
``+...`` argument as an Ex command, so ``vim +4 '+!touch X .yaml'`` runs ``touch X``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from quizapp.tui.editor import editor_command
from quizapp.tui.screens.review import ReviewScreen
from tests.tui.conftest import AppFactory
from tests.tui.test_flows import open_deck, wait_for_decks

HOSTILE_NAME = "+!touch X .yaml"
DECK = """\
deck: planted
title: Planted
cards:
  - id: one
    front: Press e
    back: and see
"""


def _vim() -> str:
    vim = shutil.which("vim")
    if vim is None:
        pytest.skip("vim is not installed")
    return f"{vim} -es -u NONE -i NONE -N"


def test_the_attack_is_real_with_a_relative_name(tmp_path: Path) -> None:
    """What the app used to run: vim executes the file name (this is the attack, reproduced)."""
    (tmp_path / HOSTILE_NAME).write_text(DECK, encoding="utf-8")
    command = [*_vim().split(), "+4", HOSTILE_NAME]
    subprocess.run(command, cwd=tmp_path, stdin=subprocess.DEVNULL, timeout=30, check=False)
    assert (tmp_path / "X").exists()


def test_vim_opens_the_file_and_runs_nothing(tmp_path: Path) -> None:
    (tmp_path / HOSTILE_NAME).write_text(DECK, encoding="utf-8")
    before = (tmp_path / HOSTILE_NAME).read_bytes()
    command = editor_command(_vim(), Path(HOSTILE_NAME), 4)
    subprocess.run(command, cwd=tmp_path, stdin=subprocess.DEVNULL, timeout=30, check=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [HOSTILE_NAME]
    assert (tmp_path / HOSTILE_NAME).read_bytes() == before


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "+4", "--", "{path}"]),
        ("/usr/bin/nvim -u NONE", ["/usr/bin/nvim", "-u", "NONE", "+4", "--", "{path}"]),
        ("nano", ["nano", "+4", "--", "{path}"]),
        ("code -w", ["code", "-w", "--goto", "{path}:4"]),
        ("'/opt/My Editor/emacs' -nw", ["/opt/My Editor/emacs", "-nw", "+4", "{path}"]),
    ],
    ids=["vim", "nvim-with-options", "nano", "code-w", "quoted-path"],
)
def test_editor_command_splits_editor_and_gives_an_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, editor: str, expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / HOSTILE_NAME)
    command = editor_command(editor, Path(HOSTILE_NAME), 4)
    assert command == [word.replace("{path}", path) for word in expected]


def test_an_unclosed_quote_in_editor_is_refused() -> None:
    with pytest.raises(ValueError, match="quotation"):
        editor_command("vim '-u", Path("deck.yaml"), 1)


async def test_e_on_a_planted_file_runs_no_command(
    build_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / HOSTILE_NAME).write_text(DECK, encoding="utf-8")
    # A stand-in `vim` that records its argv (a shell would have split or run it).
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "argv.json"
    fake = bin_dir / "vim"
    fake.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import json, sys
            open({str(record)!r}, "w").write(json.dumps(sys.argv[1:]))
            """
        ),
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("EDITOR", f"{fake} -n")
    monkeypatch.chdir(folder)
    app = build_app(Path("."))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "planted")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    argv = json.loads(record.read_text())
    assert argv == ["-n", "+4", "--", str(folder / HOSTILE_NAME)]
    assert sorted(p.name for p in folder.iterdir()) == [HOSTILE_NAME]
