"""A small collection on a real SQLite file whose every card's state is written by hand, so each
search's answer can be worked out from this table alone (the tests list it as literals).

Today is the study day 2026-03-02 (the clock: 09:00 at UTC+01:00, rollover 04:00, so a study
day D starts at D 03:00 UTC).

| prompt        | state                              | ivl | lapses | reviews (days ago: grade) |
|---------------|------------------------------------|-----|--------|---------------------------|
| opt/a         | review, due today                  | 10  | 4      | 0: 1, 5: 4, 10: 5         |
| opt/r         | review, due in 3 days              | 3   | 0      | 2: 3                      |
| opt/r#reverse | new                                | 0   | 0      |                           |
| opt/z#c1      | learning step, today 10:00 local   | 0   | 0      |                           |
| opt/z#c2      | suspended review, due yesterday    | 5   | 1      |                           |
| opt/t         | review due today, buried till 3/3  | 2   | 0      |                           |
| opt/ch        | new                                | 0   | 0      |                           |
| gen/g0        | review, due in 10 days             | 20  | 0      | 8: 0                      |
| gen/g1, g2    | new                                | 0   | 0      |                           |
"""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.model import Card, CardKind, Deck
from quizapp.session import Collection
from tests.store.factory import basic, clock_at, deck

TODAY = date(2026, 3, 2)

OPT = Deck(
    id="opt",
    title="Optimizers",
    tags=("dl",),
    path="opt.yaml",
    content_hash="opt-1",
    cards=(
        Card(
            id="a",
            kind=CardKind.BASIC,
            front="Adam optimizer",
            back="Kingma & Ba",
            tags=("adam",),
            line=3,
        ),
        Card(
            id="r",
            kind=CardKind.REVERSE,
            front="Momentum",
            back="Élan vital",
            tags=("sgd", "momentum"),
            line=8,
        ),
        Card(
            id="z",
            kind=CardKind.CLOZE,
            text="The {{c1::bias}} correction {{c2::divides}}",
            line=12,
        ),
        Card(
            id="t",
            kind=CardKind.TYPED,
            front="Name?",
            answer="Bagging",
            accept=("배깅",),
            tags=("ensembles",),
            line=15,
        ),
        Card(
            id="ch",
            kind=CardKind.CHOICE,
            front="Pick",
            choices=("Alpha", "Beta"),
            correct=(0,),
            line=20,
        ),
    ),
)
ALL = {"opt/a", "opt/r", "opt/r#reverse", "opt/z#c1", "opt/z#c2", "opt/t", "opt/ch"} | {
    f"gen/g{i}" for i in range(3)
}
NEW = {"opt/r#reverse", "opt/ch", "gen/g1", "gen/g2"}


def day_start(day: date) -> str:
    """The stored (naive UTC) instant study day `day` begins."""
    return f"{day.isoformat()} 03:00:00.000000"


def open_collection(db_path: Path, config: Config | None = None) -> tuple[Collection, FixedClock]:
    clock = clock_at(2026, 3, 2, 9)
    collection = Collection.from_decks(
        [OPT, deck("gen", tuple(basic(f"g{i}", line=i + 1) for i in range(3)))],
        db_url=f"sqlite:///{db_path}",
        clock=clock,
        config=config or replace(Config()),
    )
    return collection, clock


def fill_states(db_path: Path) -> None:
    """The states and reviews of the module's table."""
    states = {
        ("opt", "a"): (day_start(TODAY), 10, 4, 0, None),
        ("opt", "r"): (day_start(TODAY + timedelta(days=3)), 3, 0, 0, None),
        ("opt", "z#c1"): ("2026-03-02 09:00:00.000000", 0, 0, 0, None),
        ("opt", "z#c2"): (day_start(TODAY - timedelta(days=1)), 5, 1, 1, None),
        ("opt", "t"): (day_start(TODAY), 2, 0, 0, (TODAY + timedelta(days=1)).isoformat()),
        ("gen", "g0"): (day_start(TODAY + timedelta(days=10)), 20, 0, 0, None),
    }
    reviews = {
        ("opt", "a"): [(0, 1), (5, 4), (10, 5)],
        ("opt", "r"): [(2, 3)],
        ("gen", "g0"): [(8, 0)],
    }
    with closing(sqlite3.connect(db_path)) as db, db:
        ids = {(d, k): i for i, d, k in db.execute("SELECT id, deck_id, key FROM cards")}
        for where, (due, interval, lapses, suspended, buried) in states.items():
            db.execute(
                "UPDATE card_states SET due_at = ?, interval = ?, lapses = ?, suspended = ?,"
                " buried_until = ?, introduced = '2026-01-01' WHERE card_id = ?",
                (due, interval, lapses, suspended, buried, ids[where]),
            )
        for where, answers in reviews.items():
            for days_ago, grade in answers:
                day = TODAY - timedelta(days=days_ago)
                db.execute(
                    "INSERT INTO reviews (id, card_id, reviewed_at, study_day, grade, response_ms,"
                    " scheduler, state_before, state_after, repeat)"
                    " VALUES (?, ?, ?, ?, ?, 1000, 'sm2', '{}', '{}', 0)",
                    (
                        str(uuid.uuid4()),
                        ids[where],
                        f"{day.isoformat()} 08:00:00.000000",
                        day.isoformat(),
                        grade,
                    ),
                )


def now_of(clock: FixedClock) -> datetime:
    return clock.now()
