"""The one error the store raises to the user: the message says which database and what to do."""

from __future__ import annotations


class StoreError(Exception):
    """The review database cannot be opened or used (unreadable, newer than quizapp, locked)."""
