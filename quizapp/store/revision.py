"""The schema revision a database must be at, as start-up checks it without SQLAlchemy or Alembic.

`database.open_database` and the quick home read (`quick_home`) both compare the revision stored
in `VERSION_TABLE` with `HEAD_REVISION` before anything heavier is imported.
"""

#: The newest schema revision this program knows (a test checks it against the migrations).
HEAD_REVISION = "0004"
#: The table where Alembic keeps a database's revision.
VERSION_TABLE = "alembic_version"
