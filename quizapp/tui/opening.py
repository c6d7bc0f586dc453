"""Opening the collection off the UI thread: what the app's worker reports, and how a failure reads.

The app's worker (`QuizApp._open_collection`) posts these messages back to the app: the counts
read at a glance first (`HomeGlanced`), then the open collection (`CollectionOpened`), or why it
could not be opened (`CollectionFailed`, with the text `describe` gives).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from quizapp.session import Collection, HomeView

#: Opens the learner's collection; runs in a worker thread, may raise (shown, not a traceback).
CollectionFactory = Callable[[], "Collection"]
#: Reads the home screen before the collection is open, or gives None (`CollectionOpener.glance`).
HomeGlance = Callable[[], "HomeView | None"]


class HomeGlanced(Message):
    """The worker read the home screen's counts; the collection is still opening."""

    def __init__(self, view: HomeView) -> None:
        super().__init__()
        self.view = view


class CollectionOpened(Message):
    """The worker opened the collection and read the home screen's counts."""

    def __init__(self, collection: Collection, view: HomeView) -> None:
        super().__init__()
        self.collection = collection
        self.view = view


class CollectionFailed(Message):
    """The collection could not be opened; `text` says where and what to do."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def describe(error: Exception) -> str:
    """A one-paragraph message for an error raised while opening the collection."""
    from quizapp.config import ConfigError

    if isinstance(error, ConfigError | OSError):
        return str(error)
    try:
        from quizapp.store import StoreError
    except ImportError:  # pragma: no cover - the store always exists in an installed quizapp
        StoreError = ()  # type: ignore[assignment,misc]
    if isinstance(error, StoreError):
        return str(error)
    return f"Unexpected error while opening your decks: {type(error).__name__}: {error}"
