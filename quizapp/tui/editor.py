"""Opening a card's deck file in the learner's $VISUAL or $EDITOR, at the card's line.

The app hands the terminal over to the editor and takes it back after; the caller reloads the
deck. Cards of the bundled decks are not opened: they are part of the installed package, and an
edit would be lost at the next upgrade.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from quizapp.session import StudyItem


def edit_card(app: App[object], item: StudyItem) -> bool:
    """Run the editor on `item`'s deck file; whether it ran (the learner is told why not)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify(
            "Set $EDITOR (for example: export EDITOR=nano) to edit cards from here.",
            title="No editor",
            severity="warning",
        )
        return False
    if not item.deck_path:
        app.notify("This deck has no file to edit.", severity="warning")
        return False
    from quizapp import paths

    bundled = paths.bundled_decks_dir().resolve()
    if Path(item.deck_path).resolve().is_relative_to(bundled):
        # As the add-card form does: the bundled decks are part of the installed package.
        app.notify(
            "It comes with quizapp: an edit would be lost at the next upgrade. To make it "
            f"yours, copy its file (quizapp decks shows where) into {paths.user_decks_dir()} "
            "and give it a new deck id.",
            title="Bundled deck",
            severity="warning",
            timeout=10,
        )
        return False
    line = max(1, item.prompt.card.line)
    try:
        command = editor_command(editor, Path(item.deck_path), line)
    except ValueError as error:
        app.notify(f"Cannot read $EDITOR ({editor!r}): {error}", severity="error")
        return False
    try:
        if app.is_headless:
            # No terminal to hand over (tests): the editor runs as is.
            result = subprocess.run(command, check=False)
        else:
            with app.suspend():
                result = subprocess.run(command, check=False)
    except OSError as error:
        app.notify(f"Could not start {command[0]}: {error.strerror}", severity="error")
        return False
    if result.returncode != 0:
        app.notify(f"{command[0]} exited with status {result.returncode}.", severity="warning")
    return True


#: Editors that take ``+LINE`` and then ``--`` (nothing after it is an option or a command).
_PLUS_LINE_DASHES = frozenset({"vi", "vim", "nvim", "gvim", "mvim", "view", "ex", "nano", "rnano"})
#: Editors that open ``FILE:LINE`` after ``--goto``/``-g``.
_GOTO = frozenset({"code", "codium", "code-insiders", "cursor", "vscodium"})


def editor_command(editor: str, path: Path, line: int) -> list[str]:
    """The argument list that opens `path` at `line` in `editor` (a $EDITOR value), no shell.

    `editor` is split as a shell would split it (``EDITOR="code -w"``), but never run by one.
    The file is always given as an absolute path, so a file name such as ``+!touch X .yaml``
    can never pass for an option or an editor command; where the editor knows ``--``, the path
    comes after it too. Raises ValueError when `editor` cannot be split (an unclosed quote).
    """
    words = shlex.split(editor)
    if not words:
        raise ValueError("it is empty")
    target = str(path.absolute())
    name = Path(words[0]).name.lower().removesuffix(".exe")
    if name in _PLUS_LINE_DASHES:
        return [*words, f"+{line}", "--", target]
    if name in _GOTO:
        return [*words, "--goto", f"{target}:{line}"]
    # emacs, micro, kak, helix and most others take "+LINE FILE" (some read "--" as a file).
    return [*words, f"+{line}", target]
