"""Opening the review database: engine and pragmas, migrations, backups, and transactions.

SQLite is set up for an answer that survives a crash or a power cut (WAL, ``synchronous=FULL``),
for two quizapp processes at once (a busy timeout, and write transactions that take the write lock
when they begin, so a writer never fails half-way on a stale snapshot), and with foreign keys on.
PostgreSQL gets the same guarantees its own way: a write transaction first takes a
transaction-scoped advisory lock, so writers (and migrations) of two processes run one after the
other, and dates are always exchanged as ISO text. Any other SQLAlchemy URL is used as given.
The schema is migrated on open; a SQLite file is backed up first, and a database newer than this
program is refused without being touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, insert, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from quizapp.clock import SystemClock
from quizapp.scheduling.days import StudyCalendar
from quizapp.store.engines import (
    BUSY_TIMEOUT_MS,
    configure_postgresql,
    configure_sqlite,
    normalised_url,
)
from quizapp.store.errors import StoreError

# The newest schema revision, checked without Alembic so that a normal start-up does not import
# Alembic at all; kept apart so the TUI's quick home read (`quick_home`) can check it too.
from quizapp.store.revision import HEAD_REVISION as HEAD_REVISION
from quizapp.store.revision import VERSION_TABLE as _VERSION_TABLE

if TYPE_CHECKING:
    from alembic.config import Config

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None (another database, SQLite in memory, or not a URL:
    `open_database` then says what is wrong with it)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def shown_url(url: str) -> str:
    """`url` as messages show it: any password replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:  # not a URL at all: show it as given
        return url


def _read_only_revision(path: Path) -> str | None:
    """The schema revision of an existing SQLite file, read without changing a byte of it.

    A file not closed cleanly by quizapp last time is checked for damage first (see
    `quizapp.store.health`): `StoreError` of kind "damaged" if it is.
    """
    from quizapp.store.failures import store_error
    from quizapp.store.health import check_intact, closed_cleanly, read_only_uri

    try:
        probe = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise store_error(exc, str(path), "cannot open the review database", path=path) from exc
    try:
        probe.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not closed_cleanly(path):
            check_intact(probe, path)
        tables = {
            row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if _VERSION_TABLE not in tables:
            if tables:
                raise StoreError(
                    f"{path}: this file is a SQLite database but not a quizapp one; "
                    "choose another file with --db or move this one away"
                )
            return None
        row = probe.execute(f"SELECT version_num FROM {_VERSION_TABLE}").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, str(path), "cannot read the review database", path=path) from exc
    finally:
        probe.close()


def _known_revisions() -> dict[str, str | None]:
    """revision -> down revision, for every migration this program ships."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    known: dict[str, str | None] = {}
    for revision in script.walk_revisions():
        down = revision.down_revision
        known[revision.revision] = down if isinstance(down, str) or down is None else None
    return known


def _refuse_if_newer(revision: str | None, where: str) -> None:
    if revision is None or revision == HEAD_REVISION:
        return
    if revision not in _known_revisions():
        raise StoreError(
            f"{where}: the review database was written by a newer quizapp (schema {revision}; "
            f"this program knows up to {HEAD_REVISION}); upgrade quizapp to use it. "
            "The database was not changed."
        )


def _alembic_config(connection: Connection, calendar: StudyCalendar | None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    # Migrations that turn study days into instants (0003) need the learner's rollover rule.
    config.attributes["calendar"] = calendar or StudyCalendar()
    return config


def upgrade(
    connection: Connection, target: str = "head", *, calendar: StudyCalendar | None = None
) -> None:
    """Run the migrations up to `target` on an open connection, in its transaction.

    `calendar` is the learner's rollover rule (None: rollover 04:00 in the machine's zone),
    with which stored study days become instants.
    """
    from alembic import command

    command.upgrade(_alembic_config(connection, calendar), target)


def downgrade(
    connection: Connection, target: str, *, calendar: StudyCalendar | None = None
) -> None:
    """Run the migrations back down to `target` on an open connection, in its transaction."""
    from alembic import command

    command.downgrade(_alembic_config(connection, calendar), target)


def _current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(_VERSION_TABLE):
        return None
    from sqlalchemy import column, table

    version = table(_VERSION_TABLE, column("version_num"))
    value = connection.execute(select(version.c.version_num)).scalar()
    return None if value is None else str(value)


class Database:
    """An open, migrated review database; the session service asks it for transactions."""

    def __init__(self, engine: Engine, url: str, *, read_only: bool = False) -> None:
        self.engine = engine
        #: The URL as messages show it (no password).
        self.url = shown_url(url)
        #: Opened by `read_only.open_read_only`: no writer is ever handed out.
        self.read_only = read_only
        #: The SQLite file behind it (None: another database).
        self.path = sqlite_file(url)
        #: Set once the file was found damaged: nothing more is written to it, and it is not
        #: noted as closed cleanly (see `quizapp.store.health`).
        self.damaged = False
        self._writer = engine.execution_options(quizapp_write=True)

    def check_writable(self) -> None:
        """Raise `StoreError` if this database was opened to read only, or found damaged."""
        if self.read_only:
            raise StoreError(f"{self.url}: the review database was opened to read only")
        if self.damaged:
            from quizapp.store.failures import Failure, advice

            raise StoreError(
                f"{self.path or self.url}: the review database file is damaged; "
                + advice(Failure.DAMAGED, path=self.path),
                kind=Failure.DAMAGED.value,
            )

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        self.check_writable()
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction, ended promptly so it never holds back WAL checkpoints."""
        with Session(self.engine) as session:
            try:
                yield session
            finally:
                session.rollback()

    def connect_writer(self) -> Connection:
        """A long-lived connection for the answer path; write transactions begin IMMEDIATE."""
        self.check_writable()
        return self._writer.connect()

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None and not self.read_only and not self.damaged:
            from quizapp.store.health import note_clean_close

            # The last connection is closed: SQLite has folded its log back into the file.
            note_clean_close(self.path)


def open_database(
    url: str,
    *,
    target: str = "head",
    calendar: StudyCalendar | None = None,
    daily_backup: bool = False,
) -> Database:
    """Open (creating if need be) and migrate the database at `url`.

    Raises `StoreError` for a file that is not a readable quizapp database or that a newer
    quizapp wrote. `target` is for tests that build an old schema on purpose. `calendar` is the
    learner's rollover rule, which a migration needs to turn stored study days into instants
    (None: rollover 04:00 in the machine's zone). To read a database without creating,
    migrating or writing it, see `quizapp.store.read_only.open_read_only`.

    A SQLite file is checked for damage first unless quizapp closed it cleanly (nothing is
    written to a damaged file: `StoreError` of kind "damaged"), backed up before a schema upgrade
    and, with `daily_backup` (the study app), once a day (`quizapp.store.backups`).
    """
    try:
        path = sqlite_file(url)
    except ArgumentError as exc:
        raise StoreError(
            f"{url}: not a database URL; write it as SQLAlchemy does, e.g. "
            "sqlite:////path/to/file.sqlite3 or postgresql://user@host/dbname"
        ) from exc
    revision: str | None = None
    if path is not None:
        if path.exists():
            # Decide before SQLAlchemy opens it: even switching on WAL would change the file.
            revision = _read_only_revision(path)
            _refuse_if_newer(revision, str(path))
            from quizapp.store.health import forget_clean_close

            forget_clean_close(path)  # it is about to change
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"{path.parent}: cannot create the data folder: {exc.strerror}"
                ) from exc
    shown = shown_url(url)
    try:
        engine = create_engine(normalised_url(url))
    except (SQLAlchemyError, ImportError) as exc:
        hint = ""
        if isinstance(exc, ImportError) and url.startswith("postgres"):
            hint = " (install quizapp's PostgreSQL support: pip install 'quizapp[postgres]')"
        raise StoreError(f"{shown}: not a usable database URL: {exc}{hint}") from exc
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine)
    elif engine.dialect.name == "postgresql":
        configure_postgresql(engine)
    try:
        _migrate(engine, path, revision, target, shown, calendar)
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError) as exc:
        engine.dispose()
        from quizapp.store.failures import store_error

        where = str(path) if path is not None else shown
        raise store_error(exc, where, "cannot open the review database", path=path) from exc
    if daily_backup and path is not None and revision is not None:
        from quizapp.store.backups import daily

        try:
            daily(path, SystemClock().now().astimezone().date())
        except StoreError:  # damage the copy's check found: nothing more is written to it
            engine.dispose()
            raise
    return Database(engine, url)


def _migrate(
    engine: Engine,
    path: Path | None,
    seen: str | None,
    target: str,
    url: str,
    calendar: StudyCalendar | None,
) -> None:
    writer = engine.execution_options(quizapp_write=True)
    with writer.connect() as connection:
        if seen == HEAD_REVISION and target == "head":
            return  # the common case: nothing to do, and no Alembic import
        with connection.begin():
            # Read again under the write lock: another process may have migrated meanwhile.
            current = _current_revision(connection)
            _refuse_if_newer(current, str(path) if path is not None else url)
            if current == (HEAD_REVISION if target == "head" else target):
                return
            if current is not None and path is not None:
                from quizapp.store.backups import before_upgrade

                before_upgrade(path, current)
            upgrade(connection, target, calendar=calendar)
            if current is None:
                from quizapp.store.models import MetaRow

                connection.execute(
                    insert(MetaRow).values(
                        key="created_at", value=SystemClock().now().astimezone(UTC).isoformat()
                    )
                )
