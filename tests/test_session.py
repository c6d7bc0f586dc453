"""The study session end to end: a real SQLite file in tmp_path, a fixed clock moved across days.

Expected intervals and E-Factors are worked out by hand from SM-2's rules (see each test).
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.model import Card, CardKind, Deck
from quizapp.scheduling.days import StudyCalendar
from quizapp.session import Collection, StudySession
from quizapp.store import StoreError
from tests.store.factory import ZONE, basic, clock_at, deck, exercise


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "reviews.sqlite3"


def open_collection(
    db_path: Path,
    decks: list[Deck],
    clock: FixedClock,
    config: Config | None = None,
    rng: random.Random | None = None,
) -> Collection:
    return Collection.from_decks(
        decks, db_url=f"sqlite:///{db_path}", clock=clock, config=config or Config(), rng=rng
    )


@pytest.fixture
def opened(db_path: Path) -> Iterator[list[Collection]]:
    """Collections opened by a test, closed after it."""
    collections: list[Collection] = []
    yield collections
    for collection in collections:
        collection.close()


def rows(db_path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Read the database with plain sqlite3, independently of the code under test."""
    with closing(sqlite3.connect(db_path)) as connection, connection:
        return list(connection.execute(sql, args))


#: The tests' study days: rollover 04:00 in the clocks' zone (UTC+01:00).
CALENDAR = StudyCalendar(4, ZONE)


def due_day(stored: str | None) -> str | None:
    """The study day (ISO text) a stored due instant (naive UTC text) begins, checked to be
    exactly the instant that day begins: an SM-2 due day is stored as its day's start."""
    if stored is None:
        return None
    day = CALENDAR.day_of(datetime.fromisoformat(stored).replace(tzinfo=UTC))
    assert CALENDAR.start_of(day) == datetime.fromisoformat(stored).replace(tzinfo=UTC)
    return day.isoformat()


def state_of(db_path: Path, key: str) -> tuple[Any, ...]:
    """A card's state row, its due instant read as the study day it begins."""
    (row,) = rows(
        db_path,
        "SELECT s.due_at, s.interval, s.easiness, s.repetitions, s.lapses, s.suspended,"
        " s.buried_until, s.introduced, s.state FROM card_states s JOIN cards c"
        " ON c.id = s.card_id WHERE c.key = ?",
        key,
    )
    return (due_day(row[0]), *row[1:])


def keys_in(session: StudySession, grade: int = 4) -> list[str]:
    """Answer every card of the session with `grade`, returning the keys in order."""
    keys = []
    while (item := session.current()) is not None:
        keys.append(item.prompt.key)
        session.answer(grade, 1000)
    return keys


def keys_in_grades(session: StudySession, grades: list[int]) -> list[str]:
    """Answer the session's cards with these grades in turn, returning the keys asked."""
    keys = []
    for grade in grades:
        item = session.current()
        assert item is not None
        keys.append(item.prompt.key)
        session.answer(grade, 1000)
    assert session.current() is None
    return keys


def test_new_cards_come_in_deck_order_within_the_daily_limit(
    db_path: Path, opened: list[Collection]
) -> None:
    collection = open_collection(
        db_path, [deck("d", 5)], clock_at(2026, 3, 10), Config(new_per_deck=3)
    )
    opened.append(collection)
    (summary,) = collection.deck_summaries()
    assert (summary.new, summary.due, summary.learning, summary.total) == (3, 0, 0, 5)
    session = collection.start()
    assert session.current() is not None
    assert session.current().is_new  # type: ignore[union-attr]
    assert keys_in(session) == ["c0", "c1", "c2"]
    # The day's three new cards are used up, also in a session started afresh.
    assert collection.start().current() is None
    (summary,) = collection.deck_summaries()
    assert (summary.new, summary.due, summary.total) == (0, 0, 5)


def test_sm2_intervals_across_days(db_path: Path, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", 1)], clock)
    opened.append(collection)
    session = collection.start()
    # New card, grade 4: I(1) = 1 day; EF 2.5 + (0.1 - 1 * (0.08 + 0.02)) = 2.5.
    assert [(c.grade, c.interval_days, c.due) for c in session.preview()][3:] == [
        (3, 1, date(2026, 3, 11)),
        (4, 1, date(2026, 3, 11)),
        (5, 1, date(2026, 3, 11)),
    ]
    session.answer(4, 2000)
    assert state_of(db_path, "c0")[:5] == ("2026-03-11", 1, 2.5, 1, 0)

    clock.advance(timedelta(days=1))
    session = collection.start()
    item = session.current()
    assert item is not None and not item.is_new
    # Grade 5: I(2) = 6 days, due 03-17; EF 2.5 + 0.1 = 2.6.
    session.answer(5, 1500)
    assert state_of(db_path, "c0")[:5] == ("2026-03-17", 6, 2.6, 2, 0)

    clock.advance(timedelta(days=6))
    session = collection.start()
    # Grade 3: I(3) = ceil(6 * 2.6) = ceil(15.6) = 16 days, due 04-02;
    # EF 2.6 + (0.1 - 2 * (0.08 + 2 * 0.02)) = 2.6 - 0.14 = 2.46.
    session.answer(3, 1000)
    assert state_of(db_path, "c0")[:5] == ("2026-04-02", 16, 2.46, 3, 0)

    clock.advance(timedelta(days=16))
    session = collection.start()
    # Grade 1: a lapse; repetitions start again, I = 1, EF unchanged (step 6).
    session.answer(1, 1000)
    assert state_of(db_path, "c0")[:5] == ("2026-04-03", 1, 2.46, 0, 1)
    assert rows(db_path, "SELECT grade, study_day FROM reviews WHERE repeat = 0 ORDER BY 2") == [
        (4, "2026-03-10"),
        (5, "2026-03-11"),
        (3, "2026-03-17"),
        (1, "2026-04-02"),
    ]


def test_the_study_day_starts_at_the_rollover_hour(db_path: Path, opened: list[Collection]) -> None:
    # 23:30 local on 03-10: study day 03-10, so a 1-day interval falls due on 03-11.
    clock = clock_at(2026, 3, 10, 23, 30)
    collection = open_collection(db_path, [deck("d", 1)], clock, Config(rollover_hour=4))
    opened.append(collection)
    collection.start().answer(4, 1000)
    assert state_of(db_path, "c0")[0] == "2026-03-11"
    # 03:59 on 03-11 still belongs to study day 03-10: nothing is due.
    clock.current = clock.current.replace(day=11, hour=3, minute=59)
    assert collection.start().current() is None
    assert collection.today().reviews == 1
    # At 04:00 study day 03-11 begins.
    clock.current = clock.current.replace(hour=4, minute=0)
    item = collection.start().current()
    assert item is not None and item.prompt.key == "c0"
    assert collection.today().reviews == 0


def test_an_answer_past_midnight_counts_for_the_evening_before(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 11, 1, 30)  # study day 03-10
    collection = open_collection(db_path, [deck("d", 1)], clock)
    opened.append(collection)
    collection.start().answer(4, 1000)
    assert rows(db_path, "SELECT study_day, reviewed_at FROM reviews") == [
        # Stored in UTC: 01:30 at UTC+01:00 is 00:30 UTC.
        ("2026-03-10", "2026-03-11 00:30:00.000000")
    ]
    assert state_of(db_path, "c0")[0] == "2026-03-11"


def test_step_7_repeats_until_graded_4_without_changing_the_state(
    db_path: Path, opened: list[Collection]
) -> None:
    collection = open_collection(db_path, [deck("d", 2)], clock_at(2026, 3, 10))
    opened.append(collection)
    session = collection.start()
    session.answer(2, 1000)  # c0 wrong: asked again after the others
    session.answer(4, 1000)  # c1
    item = session.current()
    assert item is not None and (item.prompt.key, item.is_repeat, item.is_new) == (
        "c0",
        True,
        False,
    )
    after_first = state_of(db_path, "c0")
    assert after_first[:5] == ("2026-03-11", 1, 2.5, 0, 0)
    # A repeat keeps the due day whatever the grade.
    assert {(c.interval_days, c.due) for c in session.preview()} == {(1, date(2026, 3, 11))}
    session.answer(3, 1000)  # still below 4: again
    assert session.current() is not None
    session.answer(5, 1000)
    assert session.current() is None
    assert state_of(db_path, "c0") == after_first
    assert rows(
        db_path,
        "SELECT grade, repeat FROM reviews r JOIN cards c ON c.id = r.card_id"
        " WHERE c.key = 'c0' ORDER BY r.reviewed_at, r.rowid",
    ) == [(2, 0), (3, 1), (5, 1)]
    summary = session.summary()
    assert (summary.reviewed, summary.answers, summary.right, summary.wrong) == (2, 4, 3, 1)
    assert summary.seconds == 4.0


def test_a_pending_repeat_survives_a_restart_the_same_day(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", 2)], clock, Config(new_per_deck=1))
    collection.start().answer(1, 1000)
    collection.close()
    collection = open_collection(db_path, [deck("d", 2)], clock, Config(new_per_deck=1))
    opened.append(collection)
    (summary,) = collection.deck_summaries()
    assert (summary.new, summary.due, summary.learning) == (0, 0, 1)
    item = collection.start().current()
    assert item is not None and (item.prompt.key, item.is_repeat) == ("c0", True)
    # The next day the repeat is over; the card is simply due.
    clock.advance(timedelta(days=1))
    item = collection.start().current()
    assert item is not None and (item.prompt.key, item.is_repeat) == ("c0", False)


def test_undo_restores_the_exact_previous_state_and_removes_the_review(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", 2)], clock)
    opened.append(collection)
    session = collection.start()
    assert session.undo() is None
    new_state = state_of(db_path, "c0")
    assert new_state[:8] == (None, 0, 2.5, 0, 0, 0, None, None)
    session.answer(5, 1000)
    assert session.undo() is not None
    assert state_of(db_path, "c0") == new_state
    assert rows(db_path, "SELECT count(*) FROM reviews") == [(0,)]
    item = session.current()
    assert item is not None and (item.prompt.key, item.is_new) == ("c0", True)
    assert session.progress().done == 0

    # Undo a lapse of a learnt card: lapses and repetitions come back exactly.
    session.answer(4, 1000)
    keys_in(session)
    clock.advance(timedelta(days=1))
    session = collection.start()
    before = state_of(db_path, "c0")
    assert before[:5] == ("2026-03-11", 1, 2.5, 1, 0)
    review_id = session.answer(0, 1000)
    assert state_of(db_path, "c0")[:5] == ("2026-03-12", 1, 2.5, 0, 1)
    assert session.current() is not None and session.current().prompt.key == "c1"  # type: ignore[union-attr]
    assert session.undo()
    assert state_of(db_path, "c0") == before
    assert rows(db_path, "SELECT count(*) FROM reviews WHERE id = ?", review_id) == [(0,)]
    # The repeat the lapse had queued is gone with it: c0, then c1, then nothing.
    assert keys_in(session, grade=4) == ["c0", "c1"]


def test_suspend_hides_a_card_for_good_and_bury_until_tomorrow(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", 3)], clock)
    opened.append(collection)
    session = collection.start()
    session.suspend()  # c0
    session.bury()  # c1
    assert session.progress().left == 1
    assert keys_in(session) == ["c2"]
    assert collection.start().current() is None
    (summary,) = collection.deck_summaries()
    assert (summary.new, summary.total) == (0, 3)
    assert state_of(db_path, "c1")[6] == "2026-03-11"
    clock.advance(timedelta(days=1))
    # c2 (answered yesterday) is due, c1 comes back as new; c0 stays suspended.
    assert keys_in(collection.start()) == ["c2", "c1"]
    clock.advance(timedelta(days=400))
    assert "c0" not in keys_in(collection.start())


def test_daily_review_limit_takes_the_most_overdue_first(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 1)
    config = Config(new_per_deck=1, reviews_per_day=1)
    collection = open_collection(db_path, [deck("d", 2)], clock, config)
    opened.append(collection)
    collection.start().answer(4, 1000)  # c0: due 03-02
    clock.advance(timedelta(days=1))
    session = collection.start()
    session.bury()  # c0 waits
    session.answer(4, 1000)  # c1 (new): due 03-03
    clock.advance(timedelta(days=3))  # 03-05: c0 3 days overdue, c1 2 days
    assert keys_in(collection.start()) == ["c0"]
    assert collection.start().current() is None  # the day's one review is done


def test_exercise_cards_get_a_seed_from_the_injected_random_source(
    db_path: Path, opened: list[Collection]
) -> None:
    cards = (exercise("ex"), basic("plain"))
    collection = open_collection(
        db_path, [deck("d", cards)], clock_at(2026, 3, 10), rng=random.Random(7)
    )
    opened.append(collection)
    session = collection.start()
    item = session.current()
    assert item is not None and item.prompt.card.kind is CardKind.EXERCISE
    expected_seed = random.Random(7).randrange(2**31)
    assert item.seed == expected_seed
    assert session.current() == item  # asking again shows the same numbers
    session.answer(2, 5000, given={"m": "0.05"})
    item = session.current()
    assert item is not None and item.seed is None
    session.answer(4, 1000, given="ok")
    repeat = session.current()
    assert repeat is not None and repeat.is_repeat and repeat.seed not in (None, expected_seed)
    assert rows(db_path, "SELECT seed, given FROM reviews ORDER BY rowid") == [
        (expected_seed, '{"m": "0.05"}'),
        (None, '"ok"'),
    ]


def test_items_carry_deck_and_card_tags(db_path: Path, opened: list[Collection]) -> None:
    card = Card(id="t", kind=CardKind.BASIC, front="f", back="b", tags=("adam", "ml"))
    collection = open_collection(
        db_path, [deck("d", (card,), tags=("ml", "deep"))], clock_at(2026, 3, 10)
    )
    opened.append(collection)
    item = collection.start().current()
    assert item is not None
    assert (item.tags, item.deck_title, item.deck_path) == (
        ("ml", "deep", "adam"),
        "Deck d",
        "d.yaml",
    )


def test_reverse_cards_are_two_prompts_with_their_own_progress(
    db_path: Path, opened: list[Collection]
) -> None:
    card = Card(id="r", kind=CardKind.REVERSE, front="Boosting", back="부스팅")
    collection = open_collection(db_path, [deck("d", (card,))], clock_at(2026, 3, 10))
    opened.append(collection)
    session = collection.start()
    session.answer(5, 1000)
    session.answer(0, 1000)
    assert state_of(db_path, "r")[:5] == ("2026-03-11", 1, 2.6, 1, 0)
    assert state_of(db_path, "r#reverse")[:5] == ("2026-03-11", 1, 2.5, 0, 0)


def test_a_cards_siblings_come_on_other_days_and_never_back_to_back(
    db_path: Path, opened: list[Collection]
) -> None:
    """New prompts: the first of every card in file order, then the second ones (Anki's
    "card type, then order gathered"); due ones: siblings due together are taken apart."""
    cards = (
        Card(id="r", kind=CardKind.REVERSE, front="Boosting", back="부스팅", line=1),
        Card(id="z", kind=CardKind.CLOZE, text="{{c1::Adam}} is from {{c2::2014}}.", line=5),
        basic("b", line=9),
    )
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", cards)], clock, Config(new_per_deck=3))
    opened.append(collection)
    assert keys_in(collection.start(), grade=5) == ["r", "z#c1", "b"]
    clock.advance(timedelta(days=1))
    # Day 2: r, z#c1 and b are due again (interval 1); the three siblings are new.
    assert keys_in(collection.start(), grade=5) == ["r", "z#c1", "b", "r#reverse", "z#c2"]
    clock.advance(timedelta(days=6))
    # Due together, in file order they would be r, r#reverse, z#c1, z#c2, b.
    keys = keys_in(collection.start(), grade=5)
    assert sorted(keys) == ["b", "r", "r#reverse", "z#c1", "z#c2"]
    assert all(a.split("#")[0] != b.split("#")[0] for a, b in itertools.pairwise(keys))


def test_today_counts_reviews_time_and_the_streak(db_path: Path, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", 20)], clock, Config(new_per_deck=2))
    opened.append(collection)

    def study(day: int) -> None:
        clock.current = clock.current.replace(day=day)
        session = collection.start()
        session.answer(5, 1500)
        session.answer(5, 2500)

    # 03-10: new a, b (due 03-11). 03-11: a, b again (interval 6: due 03-17).
    # 03-12 missed, with nothing due. 03-13: new c, d (due 03-14). 03-14: c, d (due 03-20).
    for day in (10, 11, 13, 14):
        study(day)
    today = collection.today()
    # The missed 03-12 had nothing due: it neither breaks the streak nor counts (the old rule,
    # any missed day breaks, gave 2). 2 answers, 4 seconds today.
    assert (today.reviews, today.streak_days, today.seconds) == (2, 4, 4.0)
    clock.current = clock.current.replace(day=15)
    assert collection.today() == type(today)(reviews=0, streak_days=4, seconds=0.0)
    # 03-15 missed with nothing due either.
    clock.current = clock.current.replace(day=16)
    assert collection.today().streak_days == 4
    # 03-17 missed with a and b due: broken.
    clock.current = clock.current.replace(day=18)
    assert collection.today().streak_days == 0
    # Catching up on 03-18 answers a and b: their states no longer say they were due on 03-17,
    # their answers' states before do. The streak starts again at 1.
    study(18)
    assert collection.today().streak_days == 1
    assert collection.stats().streaks.current == 1


def test_the_home_streak_agrees_with_the_stats_day_by_day(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 1)
    collection = open_collection(db_path, [deck("d", 30)], clock, Config(new_per_deck=3))
    opened.append(collection)
    # Studying on some days only, grades mixed, so cards fall due on some missed days and not
    # on others; every day, before and after studying, both computations must agree.
    studied = {1, 2, 3, 5, 6, 9, 10, 11, 12, 16, 17, 20, 21, 22, 28}
    grades = iter([5, 3, 4, 1, 5, 4, 2, 5, 3, 4] * 40)
    for day in range(1, 31):
        clock.current = clock.current.replace(day=day)
        if day in studied:
            session = collection.start()
            for _ in range(4):
                if session.current() is None:
                    break
                session.answer(next(grades), 1000)
        assert collection.today().streak_days == collection.stats().streaks.current, day


def test_the_streak_needs_the_configured_answers_a_day(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", 20)], clock, Config(new_per_deck=2))
    opened.append(collection)
    # 03-10: new a, b (due 03-11). 03-11: a only (b left waiting). 03-12: b and new c.
    for day, answers in ((10, 2), (11, 1), (12, 2)):
        clock.current = clock.current.replace(day=day)
        session = collection.start()
        for _ in range(answers):
            session.answer(5, 1000)
    assert collection.today().streak_days == 3
    collection.close()
    opened.remove(collection)
    strict = open_collection(
        db_path, [deck("d", 20)], clock, Config(new_per_deck=2, streak_min_reviews=2)
    )
    opened.append(strict)
    # With 2 answers needed, 03-11 (one answer, b due) breaks it: only 03-12 counts.
    assert strict.today().streak_days == 1
    assert strict.stats().streaks.current == 1


def test_summary_gives_the_next_due_day_and_tomorrows_load(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", 3)], clock)
    opened.append(collection)
    session = collection.start()
    session.answer(5, 1000)
    session.answer(5, 1000)
    session.suspend()
    summary = session.summary()
    assert (summary.next_due, summary.due_tomorrow) == (date(2026, 3, 11), 2)
    assert (summary.reviewed, summary.answers, summary.right) == (2, 2, 2)
    assert collection.start().summary().reviewed == 0


def test_summary_counts_cards_once_and_every_answer(
    db_path: Path, opened: list[Collection]
) -> None:
    collection = open_collection(db_path, [deck("d", 2)], clock_at(2026, 3, 10))
    opened.append(collection)
    session = collection.start()
    # c0 missed (2), c1 right (5), then c0's step-7 repeats: 3 (still owed), then 4.
    assert keys_in_grades(session, [2, 5, 3, 4]) == ["c0", "c1", "c0", "c0"]
    summary = session.summary()
    assert (summary.reviewed, summary.answers) == (2, 4)
    assert (summary.right, summary.wrong) == (3, 1)


def test_a_grade_outside_0_to_5_is_refused_and_nothing_is_recorded(
    db_path: Path, opened: list[Collection]
) -> None:
    collection = open_collection(db_path, [deck("d", 1)], clock_at(2026, 3, 10))
    opened.append(collection)
    session = collection.start()
    with pytest.raises(ValueError, match="0"):
        session.answer(6, 1000)
    with pytest.raises(ValueError, match="response_ms"):
        session.answer(4, -1)
    assert rows(db_path, "SELECT count(*) FROM reviews") == [(0,)]
    session.answer(4, 0)
    with pytest.raises(RuntimeError, match="finished"):
        session.answer(4, 0)


def test_starting_an_unknown_deck_is_refused(db_path: Path, opened: list[Collection]) -> None:
    collection = open_collection(db_path, [deck("d", 1)], clock_at(2026, 3, 10))
    opened.append(collection)
    with pytest.raises(ValueError, match="'nope'"):
        collection.start(["nope"])


def test_the_default_database_lives_in_the_data_dir_created_on_open(
    tmp_path: Path, opened: list[Collection]
) -> None:
    data = tmp_path / "home" / "data"
    assert not data.exists()
    collection = Collection.from_decks([deck("d", 1)], clock=clock_at(2026, 3, 10))
    opened.append(collection)
    assert (data / "quizapp.sqlite3").is_file()


def test_a_database_from_a_newer_quizapp_is_refused(
    db_path: Path, opened: list[Collection]
) -> None:
    open_collection(db_path, [deck("d", 1)], clock_at(2026, 3, 10)).close()
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer quizapp"):
        open_collection(db_path, [deck("d", 1)], clock_at(2026, 3, 10))


def test_review_limit_ties_on_one_due_day_go_by_file_order(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 1)
    cards = (basic("z"), basic("a"), basic("m"))
    collection = open_collection(
        db_path, [deck("d", cards)], clock, Config(new_per_deck=3, reviews_per_day=2)
    )
    opened.append(collection)
    assert keys_in(collection.start()) == ["z", "a", "m"]  # all due on 03-02
    clock.advance(timedelta(days=1))
    assert keys_in(collection.start()) == ["z", "a"]


DECK_V1 = """\
deck: words
title: Words
cards:
  - id: one
    front: first question
    back: first answer
  - id: two
    front: second question
    back: second answer
"""

DECK_V2 = """\
deck: words
title: Words, edited
cards:
  - id: one
    front: first question, reworded
    back: first answer
  - id: three
    front: third question
    back: third answer
"""


def test_reload_picks_up_edits_and_keeps_the_last_good_deck_on_a_broken_edit(
    tmp_path: Path, db_path: Path, opened: list[Collection]
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    deck_file = folder / "words.yaml"
    deck_file.write_text(DECK_V1, encoding="utf-8")
    clock = clock_at(2026, 3, 10)
    collection = Collection.open(
        deck_paths=[folder], db_url=f"sqlite:///{db_path}", clock=clock, config=Config()
    )
    opened.append(collection)
    assert collection.problems == []
    session = collection.start()
    session.answer(5, 1000)  # "one": due 03-11
    assert collection.reload_changed() == []  # nothing changed on disk

    deck_file.write_text(DECK_V2, encoding="utf-8")
    assert collection.reload_changed() == []
    assert [d.title for d in collection.decks] == ["Words, edited"]
    # "two" left the file, so the open session drops it; "three" comes in the next session.
    assert session.current() is None
    item = collection.start().current()
    assert item is not None and (item.prompt.key, item.is_new) == ("three", True)
    assert item.deck_title == "Words, edited"
    assert rows(db_path, "SELECT key, removed FROM cards ORDER BY key") == [
        ("one", 0),
        ("three", 0),
        ("two", 1),
    ]
    assert state_of(db_path, "one")[:4] == ("2026-03-11", 1, 2.6, 1)

    deck_file.write_text("deck: words\ntitle: [unclosed\n", encoding="utf-8")
    problems = collection.reload_changed()
    assert problems and all(p.path == str(deck_file) for p in problems)
    assert any(p.severity == "error" for p in problems)
    assert [d.title for d in collection.decks] == ["Words, edited"]
    assert collection.problems == problems
    clock.advance(timedelta(days=1))
    assert keys_in(collection.start()) == ["one", "three"]
    # A broken file changed nothing in the store either.
    assert rows(db_path, "SELECT key, removed FROM cards ORDER BY key") == [
        ("one", 0),
        ("three", 0),
        ("two", 1),
    ]


def test_open_reports_broken_decks_and_loads_the_others(
    tmp_path: Path, db_path: Path, opened: list[Collection]
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "good.yaml").write_text(DECK_V1, encoding="utf-8")
    (folder / "bad.yaml").write_text("deck: bad\ncards: 3\n", encoding="utf-8")
    collection = Collection.open(
        deck_paths=[folder], db_url=f"sqlite:///{db_path}", clock=clock_at(2026, 3, 10)
    )
    opened.append(collection)
    assert [d.id for d in collection.decks] == ["words"]
    assert {p.path for p in collection.problems} == {str(folder / "bad.yaml")}
    assert [s.deck_id for s in collection.deck_summaries()] == ["words"]


def test_an_open_session_shows_the_edited_text_after_reload(
    tmp_path: Path, db_path: Path, opened: list[Collection]
) -> None:
    deck_file = tmp_path / "words.yaml"
    deck_file.write_text(DECK_V1, encoding="utf-8")
    collection = Collection.open(
        deck_paths=[deck_file], db_url=f"sqlite:///{db_path}", clock=clock_at(2026, 3, 10)
    )
    opened.append(collection)
    session = collection.start()
    item = session.current()
    assert item is not None and item.prompt.card.front == "first question"
    deck_file.write_text(DECK_V1.replace("first question", "first question, edited"), "utf-8")
    assert collection.reload_changed() == []
    item = session.current()
    assert item is not None and item.prompt.card.front == "first question, edited"
    assert rows(db_path, "SELECT count(*) FROM card_edits") == [(1,)]


def test_suspended_cards_are_listed_per_deck_and_unsuspended_by_key(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("a", 4), deck("b", 2)], clock)
    opened.append(collection)
    session = collection.start(["a"])
    session.answer(5, 1000)  # c0 learnt: interval 1, E-Factor 2.6
    session.suspend()  # c1 (new)
    session.answer(4, 1000)  # c2
    session.suspend()  # c3
    collection.start(["b"]).suspend()  # b's c0
    assert [(c.deck_id, c.key) for c in collection.suspended_cards()] == [
        ("a", "c1"),
        ("a", "c3"),
        ("b", "c0"),
    ]
    listed = collection.suspended_cards("a")
    assert [c.prompt.card.front for c in listed] == ["front of c1", "front of c3"]
    # c0 answered and suspended the next day keeps its progress through unsuspending.
    clock.advance(timedelta(days=1))
    tomorrow = collection.start(["a"])
    item = tomorrow.current()
    assert item is not None and item.prompt.key == "c0"
    tomorrow.suspend()
    progress = (
        "SELECT s.due_at, s.interval, s.easiness, s.repetitions, s.lapses, s.suspended"
        " FROM card_states s JOIN cards c ON c.id = s.card_id"
        " WHERE c.deck_id = 'a' AND c.key = 'c0'"
    )
    # Due on study day 03-11: from 04:00 at UTC+01:00, 03:00 UTC.
    assert rows(db_path, progress) == [("2026-03-11 03:00:00.000000", 1, 2.6, 1, 0, 1)]
    assert tomorrow.unsuspend("a", "c0") is True
    assert rows(db_path, progress) == [("2026-03-11 03:00:00.000000", 1, 2.6, 1, 0, 0)]
    assert collection.unsuspend("a", "c0") is False  # not suspended any more
    assert collection.unsuspend("a", "no-such-card") is False
    assert collection.unsuspend("a", "c1") is True
    assert [(c.deck_id, c.key) for c in collection.suspended_cards()] == [
        ("a", "c3"),
        ("b", "c0"),
    ]
    # The next session asks them again: c0 due with c2 (both answered on the 10th, interval 1,
    # so due the 11th: file order), then c1 as new.
    assert keys_in(collection.start(["a"])) == ["c0", "c2", "c1"]


def test_an_answer_in_another_session_does_not_undo_a_suspension(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, [deck("d", 2)], clock)
    opened.append(collection)
    first, second = collection.start(), collection.start()
    assert second.preview()  # second has read c0's state (not suspended then)
    first.suspend()  # c0
    second.answer(4, 1000)
    assert state_of(db_path, "c0")[5] == 1  # still suspended, though answered
    assert [c.key for c in collection.suspended_cards()] == ["c0"]


def test_review_ids_are_time_ordered_uuids() -> None:
    from quizapp.session import review_uuid

    # 13:00 at UTC+01:00 is 1,773,144,000,000 ms after the epoch = 0x019CD79E4600; then the
    # version (7), 12 random bits, the variant (0b10) and 62 random bits, the 74 bits being the
    # top of 00 01 02 ... 09: 000 | 0b10 + 0001 0x02 0x03 ... 0x08 00 -> 8408 0c10 1418 1c20.
    moment = datetime(2026, 3, 10, 13, tzinfo=timezone(timedelta(hours=1)))
    assert review_uuid(moment, bytes(range(10))) == "019cd79e-4600-7000-8408-0c1014181c20"
    later = review_uuid(moment + timedelta(milliseconds=1), bytes(10))
    assert later > review_uuid(moment, b"\xff" * 10)
    with pytest.raises(ValueError, match="10 random bytes"):
        review_uuid(moment, bytes(9))
    # The text is the standard library's own spelling of a version 7, RFC 9562 variant UUID.
    rng = random.Random(12)
    for _ in range(200):
        at = moment + timedelta(milliseconds=rng.randrange(10**12))
        text = review_uuid(at, rng.randbytes(10))
        parsed = uuid.UUID(text)
        assert (str(parsed), parsed.version, parsed.variant) == (text, 7, uuid.RFC_4122)
        assert parsed.int >> 80 == int(at.timestamp() * 1000)


def test_an_answer_that_cannot_be_saved_is_reported_and_leaves_nothing_behind(
    db_path: Path, opened: list[Collection]
) -> None:
    collection = open_collection(db_path, [deck("d", 2)], clock_at(2026, 3, 10))
    opened.append(collection)
    session = collection.start()
    session.answer(4, 1000)  # c0, saved
    # The review row of the next answer is refused after its state UPDATE has run.
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON reviews"
            " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
    with pytest.raises(StoreError, match=r"not saved: disk on fire; retry"):
        session.answer(5, 1000)
    # Rolled back as a whole: c1 still new, one review in the log; the session did not move on.
    assert state_of(db_path, "c1")[:4] == (None, 0, 2.5, 0)
    assert rows(db_path, "SELECT count(*) FROM reviews") == [(1,)]
    item = session.current()
    assert item is not None and item.prompt.key == "c1"
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("DROP TRIGGER refuse")
    session.answer(5, 1000)
    assert state_of(db_path, "c1")[:4] == ("2026-03-11", 1, 2.6, 1)
