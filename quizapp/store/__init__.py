"""The review store: SQLAlchemy models, engine set-up, migrations and every query."""
