"""Alembic's environment: always handed an open connection by `quizapp.store.database`.

There is no alembic.ini and no URL here: the program migrates the database it is opening, inside
the transaction it already holds, so two processes starting at once cannot both migrate.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
# render_as_batch: SQLite cannot ALTER most things, batch mode recreates tables when it must.
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
