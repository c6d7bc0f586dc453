"""The one error the store raises to the user: the message says which database and what to do."""

from __future__ import annotations


class StoreError(Exception):
    """The review database cannot be opened or used (unreadable, newer than quizapp, locked).

    `kind` says why, for a front end that offers to retry (`quizapp.store.failures.Failure`):
    "full", "read_only", "locked", "damaged" or "other".
    """

    def __init__(self, message: str, *, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind
