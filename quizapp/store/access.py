"""What every part of the store's one door shares: the database, the lock that keeps a worker
thread and the session from interleaving on it, and the error wrapping that turns any database
error into one `StoreError` line (a damaged file is written no more).

`quizapp.store.collection_store.CollectionStore` is built on it, with the card actions of
`quizapp.store.card_actions`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from quizapp.store.database import Database
from quizapp.store.errors import StoreError


class StoreAccess:
    """An open database, its lock, and its transactions with every error made a `StoreError`."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._lock = threading.RLock()

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self._errors(), self._database.reading() as db:
            yield db

    @contextmanager
    def _errors(self, doing: str | None = None) -> Iterator[None]:
        """Every database error as one line (no SQL in it); a damaged file is written no more."""
        try:
            yield
        except (StoreError, SQLAlchemyError, sqlite3.Error) as exc:
            error = self._failure(exc, doing)
            if error is exc:
                raise
            raise error from exc

    def _failure(self, exc: Exception, doing: str | None = None) -> StoreError:
        """The `StoreError` to raise for `exc` (`_errors`' rule, for a path that cannot afford a
        context manager of its own): a damaged file is marked, to be written no more."""
        from quizapp.store.failures import Failure, store_error

        database = self._database
        if isinstance(exc, StoreError):
            error = exc
        else:
            where = str(database.path or database.url)
            error = store_error(
                exc, where, doing or "cannot read the review database", path=database.path
            )
        if error.kind == Failure.DAMAGED:
            database.damaged = True
        return error
