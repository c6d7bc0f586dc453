"""What the screens ask of the app: messages they post up, which `QuizApp` handles.

"Attributes down, messages up": a screen gets what it shows as constructor arguments and never
imports the app; starting a session, opening another screen or reloading the decks is the app's
work, so a screen posts one of these and the message bubbles up to the app. They live here, not
on the screens, so the app can name them without importing the review screen before the first
frame (see `quizapp.tui.app`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from quizapp.session import StudySession
    from quizapp.session.custom import CustomStudy


class StudyRequested(Message):
    """Start a session on some decks (None: every deck's due and new cards)."""

    def __init__(self, deck_ids: Sequence[str] | None, custom: CustomStudy | None = None) -> None:
        super().__init__()
        self.deck_ids = deck_ids
        #: Custom study instead of today's queue.
        self.custom = custom


class BrowseRequested(Message):
    """Open the card browser on a search (`quizapp.search`'s language; "" for every card),
    with the search box focused (`/`) or the table (`b`)."""

    def __init__(self, query: str = "", *, to_search: bool = False) -> None:
        super().__init__()
        self.query = query
        self.to_search = to_search


class StatsRequested(Message):
    """Open the statistics."""


class ReloadRequested(Message):
    """Read edited deck files again."""


class HomeResumed(Message):
    """The home screen is shown again (after a session or another screen): read its counts."""


class SessionEnded(Message):
    """The review screen has no card left (or the learner left it): show the session's summary."""

    def __init__(self, session: StudySession) -> None:
        super().__init__()
        self.session = session


class SessionResumed(Message):
    """An action was taken back on the summary: review the session again from that card."""

    def __init__(self, session: StudySession, said: str | None = None) -> None:
        super().__init__()
        self.session = session
        #: What was taken back, to say on the review screen.
        self.said = said
