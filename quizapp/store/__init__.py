"""The review store: SQLAlchemy models, engine set-up, migrations and every query.

Importing this package stays light (no SQLAlchemy): the models, the engine and the queries live in
submodules (`models`, `database`, `deck_sync`, `queries`) that the session imports when it opens.
"""

from quizapp.store.errors import StoreError

__all__ = ["StoreError"]
