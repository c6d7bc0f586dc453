"""What the study TUI's start-up does around Textual, in a module that does not import Textual.

The CLI calls `pause_gc` before it imports Textual and hands `resume_gc` to the app, which calls it
once the home screen shows its counts; the TUI benchmark does the same.
"""

from __future__ import annotations

import gc


def pause_gc() -> None:
    """Stop the cyclic garbage collector for the start-up (the CLI calls this first thing).

    Importing Textual, SQLAlchemy and the deck loader allocates a few hundred thousand objects,
    none of them garbage, and every burst of allocations sets off collections that scan them all
    again: about a seventh of the time to the home screen's counts.
    """
    gc.disable()


def resume_gc() -> None:
    """Start the collector again, with what start-up built set aside for good (`gc.freeze`).

    Frozen objects are never scanned again, so a full collection while the learner studies looks
    only at the objects made since, and does not hold up the next card for tens of milliseconds.
    """
    gc.freeze()
    gc.enable()
