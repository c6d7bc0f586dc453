"""What the study TUI's start-up does around Textual, in a module that does not import Textual.

The CLI calls `pause_gc` before it imports Textual and hands `resume_gc` to the app, which calls it
once the home screen shows its counts; the TUI benchmark does the same. From then on, full
collections are run by the review screen while the learner reads a card (`collect_when_idle`),
not by the collector in the middle of a key press, and Textual's render caches are let go of
before each card (`release_render_caches`) so those collections stay short. Once the counts are
up, the app's worker imports what a review needs (`warm_up`), away from the UI thread.
"""

from __future__ import annotations

import gc
import importlib

#: Collections of the oldest generation happen after this many of the middle one (default 10):
#: so rarely that the review screen's own full collections, in quiet moments, do the work.
RARE_FULL_COLLECTIONS = 1_000

#: What a review needs beyond the home screen, imported in a worker once the home has its counts.
WARM_UP_MODULES = (
    "quizapp.tui.screens.review",
    "quizapp.tui.screens.summary",
    "quizapp.tui.widgets.basic",
    "quizapp.tui.widgets.cloze",
    "quizapp.tui.widgets.choice",
    "quizapp.tui.widgets.typed",
    "quizapp.tui.widgets.order",
    "quizapp.tui.widgets.exercise",
    "quizapp.tui.widgets.kinds",
    "rich.markdown",
    "rapidfuzz.distance.OSA",
    "quizapp.exercises.registry",
)

_idle_collection = False


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
    global _idle_collection
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, RARE_FULL_COLLECTIONS)
    _idle_collection = True
    gc.enable()


def collect_when_idle() -> bool:
    """Whether the app should run full collections itself while the learner reads (after
    `resume_gc`; not in tests, whose process the collector would have to scan whole)."""
    return _idle_collection


def warm_up() -> None:
    """Import the review's modules (numpy, rapidfuzz, pylatexenc); the app calls this in a worker.

    Done on the first card instead, these imports held that card up for 100-250 ms. A failed
    import here is not reported: the card that needs the module reports it when it is shown.
    """
    try:
        for module_name in WARM_UP_MODULES:
            importlib.import_module(module_name)
        from quizapp.tui.mathtext import render_math

        # Builds pylatexenc's converter and its tables, kept for every card after.
        render_math("$\\beta_1$")
    except Exception:  # see the docstring: reported where it matters
        pass


def release_render_caches() -> None:
    """Let go of the cached drawings of the widgets of cards already answered (the review screen
    calls this before each card).

    Textual's `StylesCache.get_inner_outer` is an `lru_cache` on a method, so it keeps up to 1,024
    widgets' style caches (and every line they drew) alive after the widgets are gone: about a
    thousand objects per card, which full garbage collections then scanned for 60-90 ms in the
    middle of a grade key by the hundredth card (measured). Its entries are two colours each,
    made again in microseconds.
    """
    from textual._styles_cache import StylesCache

    cached = getattr(StylesCache, "get_inner_outer", None)
    cache_clear = getattr(cached, "cache_clear", None)
    if cache_clear is not None:
        cache_clear()
