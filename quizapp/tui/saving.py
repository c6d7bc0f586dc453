"""Changes the learner waits on (an answer, undo, suspend, bury, a reload), tried until saved.

`save_or_ask` runs a change; if the review database refuses it (a full disk, a read-only file,
a lock held too long, a damaged file), the `NotSavedScreen` dialog says what and why, keeps
everything in memory, and retries the very same change or quits with a non-zero status.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import App

from quizapp.tui.screens.not_saved import NOT_SAVED_EXIT, NotSavedScreen


def save_or_ask(app: App[Any], title: str, change: Callable[[], None]) -> bool:
    """Run `change`; whether it went through. If the store refused it, the dialog is up: retry
    runs `change` again (it must be safe to run again after a refusal), quit exits quizapp."""
    from quizapp.store import StoreError

    try:
        change()
    except StoreError as error:
        text = str(error)

        def answered(retry: bool | None) -> None:
            if retry:
                save_or_ask(app, title, change)
            else:
                app.exit(
                    NOT_SAVED_EXIT,
                    return_code=NOT_SAVED_EXIT,
                    message=Text(f"quizapp: {title}: {text}"),
                )

        app.push_screen(NotSavedScreen(title, text), callback=answered)
        return False
    return True
