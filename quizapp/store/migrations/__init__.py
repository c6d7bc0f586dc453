"""Alembic migrations of the review store, run by `quizapp.store.database` when it opens."""
