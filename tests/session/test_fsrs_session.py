"""FSRS through the session, on a real SQLite file, with a fixed clock moved across minutes and
days: learning steps come back within the session, reviews fall due days later, a deck switches
scheduler and back with nothing lost. Expected states come from the pure module (itself checked
against py-fsrs); the stored rows are read with plain sqlite3."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.config_schedulers import DeckOptions
from quizapp.model import Deck
from quizapp.scheduling.base import SchedulerState
from quizapp.scheduling.days import StudyCalendar
from quizapp.scheduling.fsrs import FSRSConfig, FSRSState, review
from quizapp.scheduling.sm2 import SM2Scheduler
from quizapp.session import Collection, StudySession
from tests.store.factory import ZONE, clock_at, deck

CALENDAR = StudyCalendar(4, ZONE)
#: FSRS's defaults, without fuzz, so every due time can be worked out exactly.
PLAIN = {"fsrs": {"fuzz": False}}


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "reviews.sqlite3"


@pytest.fixture
def opened() -> Iterator[list[Collection]]:
    collections: list[Collection] = []
    yield collections
    for collection in collections:
        collection.close()


def fsrs_config(**changes: Any) -> Config:
    return replace(Config(), **{"scheduler": "fsrs", "scheduler_settings": PLAIN, **changes})


def open_collection(
    db_path: Path, decks: list[Deck], clock: FixedClock, config: Config, opened: list[Collection]
) -> Collection:
    collection = Collection.from_decks(
        decks, db_url=f"sqlite:///{db_path}", clock=clock, config=config, rng=random.Random(3)
    )
    opened.append(collection)
    return collection


def rows(db_path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db_path)) as connection, connection:
        return list(connection.execute(sql, args))


def stored_state(db_path: Path, key: str) -> tuple[str, dict[str, Any], str | None]:
    ((scheduler, state, due_at),) = rows(
        db_path,
        "SELECT s.scheduler, s.state, s.due_at FROM card_states s JOIN cards c"
        " ON c.id = s.card_id WHERE c.key = ?",
        key,
    )
    return scheduler, json.loads(state), due_at


def key_of(session: StudySession) -> str:
    item = session.current()
    assert item is not None
    return item.prompt.key


def test_learning_steps_come_back_in_the_session_and_reviews_days_later(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 2, 9)
    collection = open_collection(db_path, [deck("d", 2)], clock, fsrs_config(), opened)
    config = FSRSConfig(fuzz=False)
    session = collection.start()
    assert [c.label for c in session.preview()] == ["Again", "Hard", "Good", "Easy"]
    # The buttons' intervals: Again 1m, Hard 5.5m (halfway to 10m), Good 10m, Easy in days.
    intervals = [c.interval for c in session.preview()]
    assert intervals[:3] == [timedelta(minutes=1), timedelta(minutes=5.5), timedelta(minutes=10)]
    assert intervals[3] == timedelta(days=review(None, 4, clock.now(), config).interval)

    assert key_of(session) == "c0"
    session.answer(1, 3000)  # Again: back in 1 minute
    assert key_of(session) == "c1"
    session.answer(3, 3000)  # Good: back in 10 minutes
    # Nothing else is left: c0's step is due within the 20 minutes' learn-ahead: asked now.
    assert key_of(session) == "c0"
    clock.advance(timedelta(minutes=2))
    session.answer(3, 3000)  # Good at step 0 -> step 1 (10 minutes)
    # c1 is due at 09:10, c0 at 09:12: c1 first, ahead of its time (learn-ahead).
    assert key_of(session) == "c1"
    clock.advance(timedelta(minutes=9))
    session.answer(3, 3000)  # Good at its last step: to review, days away
    assert key_of(session) == "c0"
    clock.advance(timedelta(minutes=1))
    session.answer(3, 3000)
    assert session.current() is None

    # Each stored state is the pure algorithm's, replayed by hand over the same times.
    start = datetime(2026, 3, 2, 8, tzinfo=UTC)  # 09:00 at UTC+01:00
    c0 = review(None, 1, start, config)
    c0 = review(c0, 3, start + timedelta(minutes=2), config)
    c0 = review(c0, 3, start + timedelta(minutes=12), config)
    c1 = review(None, 3, start, config)
    c1 = review(c1, 3, start + timedelta(minutes=11), config)
    for key, expected in (("c0", c0), ("c1", c1)):
        scheduler, state, due_at = stored_state(db_path, key)
        assert scheduler == "fsrs"
        assert FSRSState.from_dict(state) == expected
        assert expected.phase == "review" and state["repetitions"] == 1
        assert due_at is not None
        assert datetime.fromisoformat(due_at).replace(tzinfo=UTC) == expected.due
    assert rows(db_path, "SELECT scheduler, grade FROM reviews ORDER BY reviewed_at") == [
        ("fsrs", 1),
        ("fsrs", 3),
        ("fsrs", 3),
        ("fsrs", 3),
        ("fsrs", 3),
    ]
    summary = session.summary()
    assert (summary.answers, summary.right, summary.wrong) == (5, 4, 1)

    # Days later, on the study day the first falls due: due as a review, not learning.
    collection.close()
    opened.remove(collection)
    first = min((c0, c1), key=lambda state: state.due)
    clock.current = first.due.astimezone(ZONE) + timedelta(minutes=1)
    again = open_collection(db_path, [deck("d", 2)], clock, fsrs_config(), opened)
    day_end = CALENDAR.end_of(CALENDAR.day_of(clock.now()))
    (home,) = again.deck_summaries()
    assert (home.new, home.learning) == (0, 0)
    assert home.due == sum(state.due < day_end for state in (c0, c1))
    later = again.start()
    item = later.current()
    assert item is not None and not item.is_new and not item.is_repeat


def test_a_learning_step_later_today_waits_and_counts_as_learning(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 2, 9)
    collection = open_collection(db_path, [deck("d", 1)], clock, fsrs_config(), opened)
    session = collection.start()
    session.answer(3, 2000)  # Good: back at 09:10
    assert session.current() is not None  # within learn-ahead, nothing else left
    # The learner quits; back at 09:05: the step is not due, but within learn-ahead.
    collection.close()
    opened.remove(collection)
    clock.advance(timedelta(minutes=5))
    reopened = open_collection(db_path, [deck("d", 1)], clock, fsrs_config(), opened)
    (summary,) = reopened.deck_summaries()
    assert (summary.new, summary.due, summary.learning) == (0, 0, 1)
    assert key_of(reopened.start()) == "c0"
    session = reopened.start()
    session.answer(1, 1000)  # Again: 1 minute
    clock.advance(timedelta(minutes=1))
    session.answer(2, 1000)  # Hard at step 0: halfway to 10m, 5.5 minutes
    assert session.current() is not None  # 5.5 minutes: within learn-ahead


def test_the_session_summary_says_when_learning_steps_wait(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 2, 9)
    config = fsrs_config(
        scheduler_settings={"fsrs": {"fuzz": False, "learning_steps": ["45m", "2h"]}}
    )
    collection = open_collection(db_path, [deck("d", 1)], clock, config, opened)
    session = collection.start()
    session.answer(1, 1000)  # Again: the first step, 45 minutes: beyond learn-ahead
    assert session.current() is None
    summary = session.summary()
    assert summary.learning_later == 1
    assert summary.next_learning == clock.now() + timedelta(minutes=45)
    # In 45 minutes a new session asks it.
    clock.advance(timedelta(minutes=45))
    assert key_of(collection.start()) == "c0"


def test_a_deck_s_own_scheduler_and_both_scales_in_one_session(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 2, 9)
    config = replace(Config(), scheduler_settings=PLAIN, decks={"f": DeckOptions(scheduler="fsrs")})
    collection = open_collection(db_path, [deck("s", 1), deck("f", 1)], clock, config, opened)
    session = collection.start()
    item = session.current()
    assert item is not None and item.scheduler.name == "sm2"
    assert [c.grade for c in session.preview()] == [0, 1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="from 0 \\(blackout\\) to 5"):
        session.answer(7, 1)
    session.answer(5, 1000)
    item = session.current()
    assert item is not None and item.scheduler.name == "fsrs"
    assert [c.grade for c in session.preview()] == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="1 \\(Again\\)"):
        session.answer(0, 1)
    session.answer(4, 1000)
    assert rows(db_path, "SELECT scheduler, grade FROM reviews ORDER BY reviewed_at") == [
        ("sm2", 5),
        ("fsrs", 4),
    ]
    assert rows(db_path, "SELECT id, scheduler FROM decks ORDER BY id") == [
        ("f", "fsrs"),
        ("s", "sm2"),
    ]


def test_switching_a_deck_to_fsrs_and_back_through_the_session_loses_nothing(
    db_path: Path, opened: list[Collection]
) -> None:
    """A card with a long SM-2 history: to FSRS (its log replayed), answered there, back to
    SM-2 (its SM-2 state kept, FSRS's answers replayed on it), and every answer kept."""
    clock = clock_at(2026, 1, 5, 10)
    sm2 = replace(Config(), scheduler_settings=PLAIN)
    grades = [4, 4, 5, 3, 0, 4, 4, 5, 4, 2, 4, 5]
    for grade in grades:
        collection = open_collection(db_path, [deck("d", 1)], clock, sm2, opened)
        session = collection.start()
        session.answer(grade, 1500)
        while session.current() is not None:  # SM-2's same-day repeats
            session.answer(4, 900)
        collection.close()
        opened.remove(collection)
        # To the day it is due.
        due_at = stored_state(db_path, "c0")[2]
        assert due_at is not None
        due = datetime.fromisoformat(due_at).replace(tzinfo=UTC)
        clock.current = due.astimezone(ZONE) + timedelta(hours=8)
    sm2_rows = rows(
        db_path, "SELECT state, due_at, interval, easiness, repetitions, lapses FROM card_states"
    )
    answers = rows(db_path, "SELECT count(*) FROM reviews")[0][0]
    assert answers > len(grades)  # repeats included

    fsrs = fsrs_config()
    collection = open_collection(db_path, [deck("d", 1)], clock, fsrs, opened)
    scheduler, state, _due = stored_state(db_path, "c0")
    assert scheduler == "fsrs"
    # The FSRS state is the replay of the SM-2 answers (first answers of each day, repeats
    # left out), mapped 0-2 Again, 3 Hard, 4 Good, 5 Easy.
    log = rows(
        db_path,
        "SELECT reviewed_at, grade FROM reviews WHERE NOT repeat ORDER BY reviewed_at",
    )
    expected = None
    config = FSRSConfig(fuzz=False)
    for at, grade in log:
        when = datetime.fromisoformat(at).replace(tzinfo=UTC)
        expected = review(expected, {0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}[grade], when, config)
    assert FSRSState.from_dict(state) == expected
    session = collection.start()
    while session.current() is not None:
        session.answer(3, 1000)
    collection.close()
    opened.remove(collection)

    fsrs_answers = rows(
        db_path, "SELECT study_day FROM reviews WHERE scheduler = 'fsrs' ORDER BY reviewed_at"
    )
    assert fsrs_answers  # the card was due and answered under FSRS
    back = open_collection(db_path, [deck("d", 1)], clock, sm2, opened)
    scheduler, state, due_at = stored_state(db_path, "c0")
    assert scheduler == "sm2"
    # SM-2's state as its last answer left it, with FSRS's Good answers replayed as 4.
    sm2_scheduler = SM2Scheduler()
    expected_sm2: SchedulerState = sm2_scheduler.state_from_dict(json.loads(sm2_rows[0][0]))
    for _ in fsrs_answers:
        expected_sm2 = sm2_scheduler.answer(expected_sm2, 4, CALENDAR.day_of(clock.now())).state
    assert sm2_scheduler.state_from_dict(state) == expected_sm2
    last_day = date.fromisoformat(fsrs_answers[-1][0])
    assert due_at is not None
    due_day = CALENDAR.day_of(datetime.fromisoformat(due_at).replace(tzinfo=UTC))
    assert due_day == last_day + timedelta(days=expected_sm2.interval)
    # Every answer is still in the log, each with the scheduler that took it.
    assert rows(db_path, "SELECT count(*) FROM reviews")[0][0] == answers + len(fsrs_answers)
    # And straight back to FSRS: the state its own last answer left, exactly.
    (fsrs_state,) = rows(
        db_path,
        "SELECT state_after FROM reviews WHERE scheduler = 'fsrs'"
        " ORDER BY reviewed_at DESC LIMIT 1",
    )[0]
    back.close()
    opened.remove(back)
    open_collection(db_path, [deck("d", 1)], clock, fsrs, opened)
    assert stored_state(db_path, "c0")[1] == json.loads(fsrs_state)


def test_a_review_due_later_today_is_due_now_as_a_day_s_review(
    db_path: Path, opened: list[Collection]
) -> None:
    """FSRS plans reviews at an instant (the last review plus whole days); the day it falls
    on, the card is due from the start of that study day, not from the minute."""
    clock = clock_at(2026, 3, 2, 15)
    collection = open_collection(db_path, [deck("d", 1)], clock, fsrs_config(), opened)
    collection.start().answer(4, 1000)  # Easy: straight to review, days away, at 15:00
    _scheduler, _state, due_at = stored_state(db_path, "c0")
    assert due_at is not None
    due = datetime.fromisoformat(due_at).replace(tzinfo=UTC)
    # 06:00 on that day: the rollover (04:00) has passed, 15:00 has not.
    clock.current = datetime.combine(due.astimezone(ZONE).date(), datetime.min.time(), ZONE)
    clock.advance(timedelta(hours=6))
    assert clock.now() < due
    (home,) = collection.deck_summaries()
    assert (home.due, home.learning) == (1, 0)
    item = collection.start().current()
    assert item is not None and item.prompt.key == "c0" and not item.is_new


def test_answers_in_learning_steps_do_not_count_against_the_review_limit(
    db_path: Path, opened: list[Collection]
) -> None:
    """As Anki counts its review limit: a new card's first answer counts against the new-card
    limit, its further answers in learning steps against nothing; only reviews are reviews."""
    clock = clock_at(2026, 3, 2, 9)
    decks = [deck("d", 4)]
    first = open_collection(db_path, decks, clock, fsrs_config(new_per_deck=2), opened)
    session = first.start()
    for key in ("c0", "c1"):
        assert key_of(session) == key
        session.answer(4, 1000)  # Easy: to review, days away
    assert session.current() is None
    clock.advance(timedelta(days=60))  # both are due again
    # Today: two new cards through their learning steps, no reviews yet (a limit of 0).
    learning = open_collection(
        db_path, decks, clock, fsrs_config(new_per_deck=2, reviews_per_day=0), opened
    )
    session = learning.start()
    answered = []
    while (item := session.current()) is not None:
        answered.append(item.prompt.key)
        session.answer(3, 1000)  # Good: 10 minutes, then to review
        clock.advance(timedelta(minutes=11))
    assert sorted(answered) == ["c2", "c2", "c3", "c3"]
    # With a limit of one review a day, that review is still there: on the home screen and in
    # the session (the two learning-step answers were not reviews).
    limited = open_collection(db_path, decks, clock, fsrs_config(reviews_per_day=1), opened)
    (summary,) = limited.home().summaries
    assert summary.due == 1
    session = limited.start()
    assert key_of(session) in ("c0", "c1")
    session.answer(3, 1000)
    assert session.current() is None
    (summary,) = limited.home().summaries
    assert summary.due == 0
