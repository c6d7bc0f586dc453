"""The baseline for bench_tui.py: a bare Textual app showing one Static.

With QUIZAPP_BENCH_FILE set it writes the time of its first frame there and exits, exactly as
quizapp does with QUIZAPP_BENCH_EXIT=first-frame, so the two start-ups compare like for like.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello from a bare Textual app")

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_frame)

    def _first_frame(self) -> None:
        path = os.environ.get("QUIZAPP_BENCH_FILE")
        if path:
            Path(path).write_text(f"{time.time():.6f}\n", encoding="utf-8")
            self.exit()


if __name__ == "__main__":
    BareApp().run()
