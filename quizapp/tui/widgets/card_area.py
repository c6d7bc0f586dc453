"""The review screen's card area: the scrolling box the current card is drawn in.

A new card's view is mounted hidden beside the old one; once it is composed (an exercise draws
its numbers, an order card its list: tens of milliseconds), the old one is hidden and the new
one shown in one update, and only then removed. Removing first and mounting after left the
screen without a card for the frames in between (measured about 90 ms before exercise and
order cards; `benchmarks/bench_card_frames.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import VerticalScroll

from quizapp.tui.widgets.base import CardView


class CardArea(VerticalScroll):
    """Shows one card view at a time, switching between them with no blank frame."""

    def show(self, view: CardView, shown: Callable[[], None]) -> None:
        """Put `view` in place of the card shown now; `shown` is called in the same update in
        which it appears (a later `show` before that replaces it, and its `shown` is not
        called)."""
        old = [child for child in self.children if child is not view]
        view.display = False
        mounted = self.mount(view)

        async def swap() -> None:
            await mounted
            with self.app.batch_update():
                for child in old:
                    child.display = False
                view.display = True
                self.scroll_home(animate=False, immediate=True)
                shown()
            await self.remove_children([child for child in old if child.is_attached])

        # Exclusive: a card shown before the previous one appeared cancels that one's swap;
        # its view is among the children this one removes.
        self.run_worker(swap(), group="card-swap", exclusive=True)
