"""FSRS behind the scheduler interface: ratings, stored states, replay, fuzz with load balancing
and the settings of config.toml."""

from __future__ import annotations

import collections
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from quizapp.scheduling import fsrs
from quizapp.scheduling.base import DayLoad, LoggedAnswer, Mark, RatingError, SchedulerState
from quizapp.scheduling.days import StudyCalendar
from quizapp.scheduling.fsrs import FSRSConfig, review
from quizapp.scheduling.fsrs_fuzz import fuzz_range, fuzzed_interval
from quizapp.scheduling.fsrs_scheduler import (
    NEW,
    FSRSCard,
    FSRSScheduler,
    SettingsError,
    fsrs_config,
    parse_duration,
)
from quizapp.scheduling.registry import scheduler_named
from quizapp.scheduling.sm2 import SM2Scheduler

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CALENDAR = StudyCalendar(4, UTC)
PLAIN = FSRSScheduler(FSRSConfig(fuzz=False))


def test_four_buttons_on_1_to_4_and_good_by_default() -> None:
    assert [(r.value, r.label, r.key) for r in PLAIN.ratings] == [
        (1, "Again", "1"),
        (2, "Hard", "2"),
        (3, "Good", "3"),
        (4, "Easy", "4"),
    ]
    assert [r.passed for r in PLAIN.ratings] == [False, True, True, True]
    assert PLAIN.default_rating == 3
    for bad in (0, 5, True, "3", 3.0):
        with pytest.raises(RatingError, match="1 \\(Again\\)"):
            PLAIN.rating(bad)


def test_outcomes_are_the_pure_algorithm_s() -> None:
    state = NEW
    now = START
    expected: fsrs.FSRSState | None = None
    for rating, wait in [(3, 0), (3, 10), (3, 60 * 24), (1, 60 * 24 * 9), (3, 10), (4, 600)]:
        now += timedelta(minutes=wait)
        outcome = PLAIN.schedule(state, rating, now, CALENDAR)
        expected = review(expected, rating, now, PLAIN.config)
        assert isinstance(outcome.state, FSRSCard)
        assert outcome.state.memory == expected
        assert outcome.due == expected.due
        assert outcome.interval == expected.due - now
        state = outcome.state
    # The outcomes of every button are those of each rating alone.
    outcomes = PLAIN.next_states(state, now + timedelta(days=5), CALENDAR)
    for rating, outcome in zip((1, 2, 3, 4), outcomes, strict=True):
        alone = PLAIN.schedule(state, rating, now + timedelta(days=5), CALENDAR)
        assert outcome == alone


def test_steps_in_minutes_then_days_and_the_summary() -> None:
    first = PLAIN.schedule(NEW, 3, START, CALENDAR)  # Good: to the 10-minute step
    assert first.interval == timedelta(minutes=10)
    assert PLAIN.summary(first.state).interval == 0  # in learning steps
    again = PLAIN.schedule(NEW, 1, START, CALENDAR)
    assert again.interval == timedelta(minutes=1)
    graduated = PLAIN.schedule(first.state, 3, START + timedelta(minutes=10), CALENDAR)
    summary = PLAIN.summary(graduated.state)
    assert graduated.interval >= timedelta(days=1)
    assert summary.interval == graduated.interval.days
    assert summary.repetitions == 1
    assert summary.measure == pytest.approx(graduated.state.memory.difficulty)  # type: ignore[attr-defined]
    # Forgetting a card in review is a lapse; failing a learning step is not.
    later = START + timedelta(days=30)
    lapse = PLAIN.schedule(graduated.state, 1, later, CALENDAR)
    assert lapse.lapse and not again.lapse
    assert lapse.interval == timedelta(minutes=10)  # the relearning step
    assert PLAIN.summary(lapse.state).repetitions == 0


def test_stored_state_round_trips_through_json() -> None:
    import json

    state = NEW
    now = START
    for rating in (3, 3, 2, 4, 1, 3):
        state = PLAIN.schedule(state, rating, now, CALENDAR).state  # type: ignore[assignment]
        data = json.loads(json.dumps(state.to_dict()))
        assert PLAIN.state_from_dict(data) == state
        now += timedelta(days=3)
    assert PLAIN.state_from_dict({}) is NEW
    assert NEW.to_dict() == {}
    with pytest.raises(ValueError, match="not an FSRS state"):
        PLAIN.state_from_dict({"phase": "review"})


def _log(
    scheduler: SM2Scheduler | FSRSScheduler, answers: list[tuple[datetime, int]]
) -> list[LoggedAnswer]:
    state: SchedulerState = scheduler.initial_state()
    log = []
    for when, rating in answers:
        outcome = scheduler.schedule(state, rating, when, CALENDAR)
        state = outcome.state
        log.append(
            LoggedAnswer(
                reviewed_at=when,
                study_day=CALENDAR.day_of(when),
                scheduler=scheduler.name,
                rating=rating,
                mark=scheduler.mark_of(rating),
                state_after=state.to_dict(),
            )
        )
    return log


def test_sm2_grades_replay_as_again_hard_good_easy() -> None:
    sm2 = SM2Scheduler()
    assert [FSRSScheduler().suggested(sm2.mark_of(g)) for g in range(6)] == [1, 1, 1, 2, 3, 4]
    assert [sm2.suggested(PLAIN.mark_of(r)) for r in (1, 2, 3, 4)] == [1, 3, 4, 5]
    times = [
        START + timedelta(days=d, hours=h) for d, h in [(0, 0), (0, 2), (1, 0), (7, 0), (30, 5)]
    ]
    grades = [4, 5, 3, 0, 4]
    log = _log(sm2, list(zip(times, grades, strict=True)))
    rebuilt = PLAIN.rebuild(log, CALENDAR)
    assert rebuilt is not None
    state, due = rebuilt
    expected: fsrs.FSRSState | None = None
    for when, grade in zip(times, grades, strict=True):
        expected = review(expected, {0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}[grade], when, PLAIN.config)
    assert state.memory == expected  # type: ignore[attr-defined]
    assert expected is not None and due == expected.due
    assert PLAIN.rebuild([], CALENDAR) is None


def test_replay_keeps_each_scheduler_s_own_states_exactly() -> None:
    """SM-2 -> FSRS -> SM-2: SM-2's state is the one its last answer left, then FSRS's answers
    replayed on it; FSRS's own answers keep their exact state (fuzz included)."""
    sm2 = SM2Scheduler()
    fuzzy = FSRSScheduler()
    sm2_log = _log(sm2, [(START + timedelta(days=d), g) for d, g in [(0, 4), (1, 4), (7, 5)]])
    only_sm2 = sm2.rebuild(sm2_log, CALENDAR)
    assert only_sm2 is not None
    assert only_sm2[0] == sm2.state_from_dict(sm2_log[-1].state_after)
    assert only_sm2[1] == CALENDAR.start_of(date(2026, 3, 9) + timedelta(days=only_sm2[0].interval))
    fsrs_log = _log(fuzzy, [(START + timedelta(days=d), r) for d, r in [(30, 3), (60, 3)]])
    # Their own answers are kept exactly, whatever came before.
    mixed = fuzzy.rebuild([*sm2_log, *fsrs_log], CALENDAR)
    assert mixed is not None
    assert mixed[0] == fuzzy.state_from_dict(fsrs_log[-1].state_after)
    back = sm2.rebuild([*sm2_log, *fsrs_log], CALENDAR)
    assert back is not None
    replayed: SchedulerState = sm2.state_from_dict(sm2_log[-1].state_after)
    for _ in fsrs_log:
        replayed = sm2.answer(replayed, 4, START.date()).state  # Good -> 4
    assert back[0] == replayed


def test_fuzz_stays_in_range_and_balances_load() -> None:
    """57 cards learnt together: fuzz alone spreads them, load balancing evens them out."""
    config = FSRSConfig(fuzz=True)

    def land(balanced: bool, batch: int) -> collections.Counter[int]:
        due: collections.Counter[int] = collections.Counter()
        for card in range(57):
            load = due.__getitem__ if balanced else None
            due[fuzzed_interval(15, config.maximum_interval, batch * 100 + card, START, load)] += 1
        return due

    low, high = fuzz_range(15, config.maximum_interval)
    spreads = {False: 0, True: 0}
    for batch in range(20):
        for balanced in (False, True):
            due = land(balanced, batch)
            assert set(due) <= set(range(low, high + 1))
            spreads[balanced] += max(due.values()) - min(due.values())
    # Balanced days differ by about half of what fuzz alone leaves.
    assert spreads[True] * 1.5 < spreads[False], spreads
    last = land(True, 4)
    # Deterministic.
    assert land(True, 4) == last
    # A busy day is avoided whenever the range has an empty one.
    busy = {day: 50 for day in range(low, high + 1)}
    busy[high] = 0
    assert fuzzed_interval(15, 36500, 3, START, lambda d: busy[d]) == high
    # Beyond 90 days: fuzzed, not balanced.
    far = [
        fuzzed_interval(200, 36500, s, START, lambda d: 0 if d == 195 else 99) for s in range(30)
    ]
    assert len(set(far)) > 1


def test_scheduler_balances_over_study_days() -> None:
    fuzzy = FSRSScheduler()
    state = fuzzy.schedule(NEW, 4, START, CALENDAR).state  # Easy: straight to review
    later = START + timedelta(days=20)
    free = fuzzy.schedule(state, 3, later, CALENDAR, seed=5).interval.days
    low, _high = fuzz_range(free, 36500)
    # Every day busy but one: the card goes there.
    quiet = CALENDAR.day_of(later + timedelta(days=low))
    balanced = fuzzy.schedule(
        state, 3, later, CALENDAR, seed=5, load=lambda day: 0 if day == quiet else 40
    )
    assert CALENDAR.day_of(balanced.due) == quiet


def _recording(asked: list[date]) -> DayLoad:
    def load(day: date) -> int:
        asked.append(day)
        return 1

    return load


@pytest.mark.parametrize("hours", [-11, -5, 0, 3, 14])
def test_balancing_asks_the_days_the_calendar_says(hours: int) -> None:
    """A fixed-offset zone counts study days from now's day; each day asked is the calendar's
    own day of that instant, at every hour of the day around the rollover."""
    zone = timezone(timedelta(hours=hours))
    calendar = StudyCalendar(4, zone)
    fuzzy, exact = FSRSScheduler(), FSRSScheduler(FSRSConfig(fuzz=False))
    state = fuzzy.schedule(NEW, 4, START, calendar).state
    for minutes in range(0, 24 * 60, 50):
        later = START + timedelta(days=20, minutes=minutes)
        asked: list[date] = []
        fuzzy.schedule(state, 3, later, calendar, seed=minutes, load=_recording(asked))
        low, high = fuzz_range(exact.schedule(state, 3, later, calendar).interval.days, 36500)
        assert asked == [calendar.day_of(later + timedelta(days=d)) for d in range(low, high + 1)]


def test_settings_are_checked_and_named() -> None:
    assert parse_duration("10m", "x") == timedelta(minutes=10)
    assert parse_duration("1h", "x") == timedelta(hours=1)
    assert parse_duration("2d", "x") == timedelta(days=2)
    assert parse_duration("30s", "x") == timedelta(seconds=30)
    assert parse_duration(5, "x") == timedelta(minutes=5)
    config = fsrs_config(
        {"desired_retention": 0.85, "learning_steps": ["1m", "5m", "1h"], "fuzz": False},
        max_interval_days=365,
    )
    assert config.maximum_interval == 365
    assert config.learning_steps == (timedelta(minutes=1), timedelta(minutes=5), timedelta(hours=1))
    assert fsrs_config({}, max_interval_days=10).fuzz is True
    cases: list[tuple[dict[str, object], str]] = [
        ({"desired_retention": 1.2}, "fsrs.desired_retention must be from 0.7 to 0.99"),
        ({"desired_retention": 0.5}, "fsrs.desired_retention must be from 0.7 to 0.99"),
        ({"parameters": [1.0] * 20}, "fsrs.parameters must be 21 numbers"),
        ({"parameters": [*fsrs.DEFAULT_PARAMETERS[:20], float("nan")]}, "fsrs.parameters\\[20\\]"),
        ({"learning_steps": ["10m", "1m"]}, "fsrs.learning_steps must not get shorter"),
        ({"learning_steps": ["-1m"]}, "fsrs.learning_steps\\[0\\] must be longer than zero"),
        ({"relearning_steps": ["soon"]}, "fsrs.relearning_steps\\[0\\] must be a duration"),
        ({"learning_steps": "1m"}, "fsrs.learning_steps must be a list"),
        ({"retention": 0.9}, "fsrs.retention: not an FSRS setting"),
    ]
    for settings, message in cases:
        with pytest.raises(SettingsError, match=message):
            fsrs_config(settings, max_interval_days=36500)
    with pytest.raises(SettingsError, match=r"decks\.x\.fsrs\.desired_retention"):
        scheduler_named(
            "fsrs", max_interval_days=100, settings={"desired_retention": 2}, where="decks.x.fsrs"
        )
    with pytest.raises(SettingsError, match="SM-2 has no settings"):
        scheduler_named("sm2", max_interval_days=100, settings={"desired_retention": 0.9})
    assert scheduler_named("fsrs", max_interval_days=100).config.maximum_interval == 100  # type: ignore[attr-defined]


def test_recall_is_fsrs_retrievability() -> None:
    state = PLAIN.schedule(NEW, 4, START, CALENDAR).state
    assert PLAIN.recall(NEW, START) is None
    when = START + timedelta(days=12)
    assert PLAIN.recall(state, when) == fsrs.retrievability(state.memory, when, PLAIN.config)  # type: ignore[attr-defined]
    assert SM2Scheduler().recall(SM2Scheduler().initial_state(), when) is None
    assert Mark.RIGHT in PLAIN.suggestions
