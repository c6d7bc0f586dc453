"""The answer field of typed and exercise cards: keys typed in a burst land where they belong.

Textual sends each key to the widget focused when the app reads it, and moves the focus for Tab
only once that key has gone through the field's queue and back up to the app. Keys typed or
pasted in one burst (``1 3<Tab>2<Tab>1``) were all sent to the first field before its Tab was
handled, so every value landed in it. Here a field moves the focus itself, at once, when its
queue reaches Tab, and acts on Enter at once when its queue reaches it (so a grade key typed
right after Enter is not typed into the field): Enter goes on to the next empty field, or checks
the card once all are filled (`CardView.advance`); ctrl+Enter checks at once. A key that reaches
a field no longer focused, or checked and disabled, goes on to the widget that is focused (or the
screen). As every field
passes such keys on in the order it got them, each key lands where the keys before it have
moved the focus.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from quizapp.tui.widgets.base import CardView

#: ctrl+Enter: "ctrl+enter" where the terminal reports it (the kitty keyboard protocol), else
#: the newline most terminals send for it ("ctrl+j").
CHECK_NOW_KEYS = ("ctrl+enter", "ctrl+j")


class AnswerInput(Input):
    """An `Input` that takes Tab / shift+Tab to its sibling fields, has Enter move on or check
    the card (`CardView.advance`) and ctrl+Enter check it (`CardView.submit`), and passes on
    late keys.

    Focusing a field keeps its text and puts the cursor at its end: Textual would select it all,
    and the next letter would replace an answer the learner came back to.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        focused = screen.focused
        if focused is not self or self.disabled:
            # Typed before the focus moved on, or after Enter had the answer checked.
            event.stop()
            event.prevent_default()
            (focused or screen).post_message(events.Key(event.key, event.character))
            return
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            fields = [f for f in screen.query(AnswerInput) if not f.disabled]
            if self in fields and len(fields) > 1:
                step = 1 if event.key == "tab" else -1
                screen.set_focus(fields[(fields.index(self) + step) % len(fields)])
            return
        if event.key in ("enter", *CHECK_NOW_KEYS):
            event.stop()
            event.prevent_default()
            view = next((a for a in self.ancestors if isinstance(a, CardView)), None)
            if view is None:
                return
            if event.key == "enter":
                view.advance(self)
            else:
                view.submit()
            return
        await super()._on_key(event)
