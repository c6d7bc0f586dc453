"""Pausing the cyclic garbage collector while a burst of long-lived objects is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects that all stay alive are built.

    A 10,000-card deck allocates several hundred thousand containers, none of them garbage; each
    allocation burst triggers collections that scan them all again, which costs a third of the
    time of a warm start (and a tenth of a 100,000-row import). Nothing cyclic is made under it,
    so pausing loses nothing. Nests: the collector comes back only when the outermost pause ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
