"""The store's measured fast paths: SQL that goes around SQLAlchemy's execution, and why.

Everything else in `quizapp.store` runs through the ORM session or Core. What is here keeps the
same statements (built from the models and `quizapp.store.records`, the one mapping of the
state and review rows) but runs them on the database driver, because a benchmark showed
SQLAlchemy's own work dominating. Each path has a test that holds it equal to the slow one.

- **The answer path** (`sqlite_study.SQLiteStudyConnection`, on `prepared.Prepared`): SQLAlchemy's
  per-execution work was about half of an answer's time outside the disk's fsync
  (`benchmarks/bench_answer.py`, `bench_tui.py`). Reads `card_states`; writes `card_states`
  (an answer's scheduling columns, undo's whole row, `suspended`, `buried_until`) and `reviews`
  (insert; delete on undo); reads `cards` for the queue. SQLite only; other databases take the
  Core path in `quizapp.store.study`. Kept equal by `tests/store/test_study.py` (every test runs
  on both paths; `test_driver_and_core_paths_write_the_same_bytes`) and
  `tests/store/test_prepared.py` (the conversions are the column types' own).
- **The deck sync's bulk writes** (`prepared.Prepared.many`, used by
  `quizapp.store.deck_sync`): SQLAlchemy's executemany converting every value of every row took
  most of a first sync's time (100,000 cards: seconds; `benchmarks/bench_startup_sync.py`).
  Writes `cards` (insert, update) and `card_edits` (insert), in the ORM session's transaction.
  Kept equal by `tests/store/test_prepared.py` (`many` against SQLAlchemy's own executemany).
- **The quick home read** (`quick_home`, running `home_sql.json`, which `home_sql` generates):
  importing SQLAlchemy and opening the store was most of the TUI's start-up (a few hundred ms;
  `benchmarks/bench_tui.py`), so the home screen's counts are read with the standard library's
  `sqlite3` before SQLAlchemy loads. Read only, on a connection opened ``mode=ro``:
  `alembic_version`, `decks`, `cards`, `card_states`, `reviews`; imports no SQLAlchemy. Kept
  equal by `tests/store/test_quick_home.py` (the generated file is current; every statement
  gives the same rows both ways on every day of a studied history; the glance equals the
  `Collection`'s home; the read writes nothing).
- **The statistics' literal-bound reads** (`stats_reads`): building SQLAlchemy `Row` objects
  for a million answers cost about as much as the database's own work
  (`benchmarks/bench_stats.py`), so the two big SELECTs are compiled with their few constants
  as literals and their rows fetched straight from the driver's cursor. Read only: `decks`,
  `cards`, `card_states`, `reviews`. Kept equal by `tests/store/test_stats_reads.py` (the
  driver's rows against SQLAlchemy's for the same statements) and by the statistics tests.

This package's own import loads nothing, so `quick_home` stays free of SQLAlchemy.
"""
