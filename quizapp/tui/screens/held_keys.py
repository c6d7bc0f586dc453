"""Keys typed while the next card is appearing, held until it has appeared and taken the focus.

After an answer the next card's view is mounted and swapped in by a worker (`CardArea.show`),
and only then does its answer field take the focus. A learner who types on at speed (or a
paste, or keys batched over ssh) sends keys into that gap: without the hold, the letters meant
for a typed card's field would reach the review screen's own keys instead, where `s` suspends,
`b` buries and `e` edits a card the learner has not seen yet. Held, they are posted again to the
app, in the order they came, once the card is on screen and focused: they then go where they
would have gone had the learner waited a frame. Priority bindings (quitting) are not held, nor
keys a widget takes (the app holds a key as it comes back up to it, before its bindings).
"""

from __future__ import annotations

from textual import events
from textual.app import App

#: Keys held at most (a paste of a long answer fits; more is dropped, not queued for ever).
MAX_HELD = 1000


class KeyHold:
    """Holds key events between `hold` and `release`."""

    def __init__(self) -> None:
        self._keys: list[events.Key] | None = None

    @property
    def holding(self) -> bool:
        return self._keys is not None

    def hold(self) -> None:
        """Start holding (keys held already stay held, in order)."""
        if self._keys is None:
            self._keys = []

    def take(self, event: events.Key) -> bool:
        """Hold `event` if holding (it goes no further now); whether it was held."""
        if self._keys is None:
            return False
        event.stop()
        event.prevent_default()
        if len(self._keys) < MAX_HELD:
            self._keys.append(events.Key(event.key, event.character))
        return True

    def release(self, app: App[object]) -> None:
        """Stop holding; post the held keys to `app`, as the terminal driver posts keys. Called
        after the focus was asked for: that comes first (both go through the app's queue)."""
        keys, self._keys = self._keys or [], None
        for key in keys:
            app.post_message(key)
