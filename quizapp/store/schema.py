"""What start-up needs to know of the schema without importing SQLAlchemy or Alembic."""

#: The newest schema revision this program knows (a test checks it against the migrations).
HEAD_REVISION = "0002"
#: The table where Alembic keeps a database's revision.
VERSION_TABLE = "alembic_version"
