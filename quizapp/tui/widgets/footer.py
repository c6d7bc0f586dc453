"""The footer of key bindings, redrawn in place rather than rebuilt whenever the keys change.

Textual's `Footer` removes and mounts all of its key widgets each time the screen says its
bindings changed, which happens on every focus change and every `refresh_bindings()`: several
times per card on the review screen (the card's input takes the focus, space turns from "Show
answer" into "Suggested grade"...). Rebuilding costs a few milliseconds per key at 80 columns,
and it is most of the time between a grade key and the next card. This footer looks at what it
would show; when that is unchanged it does nothing, and when only the labels or actions of the
same keys changed it updates the key widgets it has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen


class ShownKey(NamedTuple):
    """One key as the footer shows it."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    classes: str


class KeyFooter(Footer):
    """A `Footer` that keeps its key widgets and updates them (see the module docstring)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The keys the widgets show now (None: not composed yet).
        self._shown: tuple[ShownKey, ...] | None = None
        self._update_pending = False

    def shown_keys(self) -> tuple[ShownKey, ...]:
        """The keys to show for the screen's active bindings, one per action, in order."""
        app = self.app
        active = self.screen.active_bindings
        keys: list[ShownKey] = []
        actions: set[str] = set()
        for _namespace, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            keys.append(
                ShownKey(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    tooltip or "",
                    "",
                )
            )
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = active.get(app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _namespace, binding, enabled, tooltip = palette
                keys.append(
                    ShownKey(
                        binding.key,
                        app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        enabled,
                        binding.tooltip or binding.description,
                        "-command-palette",
                    )
                )
        return tuple(keys)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._shown = self.shown_keys()
        for shown in self._shown:
            key = FooterKey(
                shown.key,
                shown.key_display,
                shown.description,
                shown.action,
                disabled=not shown.enabled,
                tooltip=shown.tooltip,
                classes=shown.classes,
            )
            if not shown.classes:
                # Set, not data-bound as Textual's footer does: a bound key stays referenced by
                # the footer after a recompose, and was kept alive with its render caches.
                key.set_reactive(FooterKey.compact, self.compact)
            yield key

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._update_pending:
            # Several changes in one go (a new card: focus, then refresh_bindings) make one update.
            self._update_pending = True
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        self._update_pending = False
        if not self.is_attached:
            return
        keys = self.shown_keys()
        if keys == self._shown:
            return
        old = self._shown
        widgets = list(self.query_children(FooterKey))
        same_shape = (
            old is not None
            and len(old) == len(keys) == len(widgets)
            and all(
                (a.enabled, a.classes) == (b.enabled, b.classes)
                for a, b in zip(old, keys, strict=True)
            )
        )
        if not same_shape:
            await self.recompose()
            return
        self._shown = keys
        for widget, shown in zip(widgets, keys, strict=True):
            widget.key = shown.key
            widget.key_display = shown.key_display
            widget.description = shown.description
            widget.action = shown.action
            widget.tooltip = shown.tooltip or None
            widget.refresh(layout=True)
