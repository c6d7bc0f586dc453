"""SM-2 against values worked out by hand from Wozniak's steps (see quizapp/scheduling/sm2.py).

Hand rules used in the comments: EF' = EF + 0.10 (q=5), + 0.00 (q=4), - 0.14 (q=3), floor 1.30;
q < 3 leaves EF alone and restarts at I(1) = 1; I(2) = 6; I(n) = ceil(I(n-1) * EF before change).
"""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.scheduling.base import Scheduler
from quizapp.scheduling.sm2 import (
    GradeError,
    SM2Scheduler,
    SM2State,
    check_grade,
    is_lapse,
    needs_repeat,
    review,
)

# (grades answered in turn from a new card, [(EF, repetitions, interval) after each answer])
SEQUENCES = {
    # EF 2.5 -> 2.6 -> 2.7 -> 2.8 -> 2.9; I = 1, 6, ceil(6 * 2.7) = ceil(16.2) = 17,
    # ceil(17 * 2.8) = ceil(47.6) = 48.
    "perfect-5555": ([5, 5, 5, 5], [(2.6, 1, 1), (2.7, 2, 6), (2.8, 3, 17), (2.9, 4, 48)]),
    # q=4 leaves EF at 2.5: I = 1, 6, ceil(6 * 2.5) = 15, ceil(15 * 2.5) = ceil(37.5) = 38.
    "good-4444": ([4, 4, 4, 4], [(2.5, 1, 1), (2.5, 2, 6), (2.5, 3, 15), (2.5, 4, 38)]),
    # EF 2.5 -> 2.36 -> 2.22 -> 2.08; I(3) = ceil(6 * 2.22) = ceil(13.32) = 14.
    "hard-333": ([3, 3, 3], [(2.36, 1, 1), (2.22, 2, 6), (2.08, 3, 14)]),
    # Two 5s (EF 2.7), then q=2: restart at I(1) = 1 with EF still 2.7; then 4, 4, 4:
    # I = 1, 6, ceil(6 * 2.7) = 17.
    "lapse-then-relearn": (
        [5, 5, 2, 4, 4, 4],
        [(2.6, 1, 1), (2.7, 2, 6), (2.7, 0, 1), (2.7, 1, 1), (2.7, 2, 6), (2.7, 3, 17)],
    ),
    # A new card failed: nothing learnt yet, EF untouched, see it tomorrow.
    "new-blackout": ([0], [(2.5, 0, 1)]),
    # 2.5 - 8 * 0.14 = 1.38; 1.38 - 0.14 = 1.24 -> floor 1.30; stays 1.30 after.
    # Intervals: 1, 6, ceil(6*2.22)=14, ceil(14*2.08)=ceil(29.12)=30, ceil(30*1.94)=ceil(58.2)=59,
    # ceil(59*1.80)=ceil(106.2)=107, ceil(107*1.66)=ceil(177.62)=178,
    # ceil(178*1.52)=ceil(270.56)=271, ceil(271*1.38)=ceil(373.98)=374,
    # ceil(374*1.30)=ceil(486.2)=487
    "floor-at-1.3": (
        [3] * 10,
        [
            (2.36, 1, 1),
            (2.22, 2, 6),
            (2.08, 3, 14),
            (1.94, 4, 30),
            (1.80, 5, 59),
            (1.66, 6, 107),
            (1.52, 7, 178),
            (1.38, 8, 271),
            (1.30, 9, 374),
            (1.30, 10, 487),
        ],
    ),
    # 5 then 3: EF 2.6 then 2.46; q=1 keeps 2.46, then 5: I(1) again with EF 2.56.
    "mixed-5315": ([5, 3, 1, 5], [(2.6, 1, 1), (2.46, 2, 6), (2.46, 0, 1), (2.56, 1, 1)]),
}


@pytest.mark.parametrize("name", SEQUENCES)
def test_golden_sequences(name: str) -> None:
    grades, expected = SEQUENCES[name]
    state = SM2State()
    got = []
    for grade in grades:
        state = review(state, grade)
        got.append((state.easiness, state.repetitions, state.interval))
    assert got == expected


# (EF before, grade, EF after) — step 5 by hand, and step 6 for q < 3.
EF_CASES = [
    (2.5, 5, 2.6),
    (2.5, 4, 2.5),
    (2.5, 3, 2.36),
    (2.5, 2, 2.5),
    (2.5, 1, 2.5),
    (2.5, 0, 2.5),
    (1.3, 0, 1.3),
    (1.3, 3, 1.3),  # 1.16 -> floor
    (1.4, 3, 1.3),  # 1.26 -> floor
    (1.44, 3, 1.3),  # exactly 1.30
    (1.45, 3, 1.31),
    (1.3, 5, 1.4),
]


@pytest.mark.parametrize(("before", "grade", "after"), EF_CASES)
def test_easiness_update(before: float, grade: int, after: float) -> None:
    assert review(SM2State(before, 3, 10), grade).easiness == after


# States whose next interval is an exact whole number that binary floats overshoot
# (e.g. 25 * 2.2 == 55.00000000000001 in floats), so a float ceil would add a day.
EXACT_CASES = [
    (140, 3.0, 420),
    (25, 2.2, 55),
    (100, 2.18, 218),
    (180, 1.35, 243),
    (75, 1.36, 102),
]


@pytest.mark.parametrize(("interval", "easiness", "expected"), EXACT_CASES)
def test_interval_arithmetic_is_exact(interval: int, easiness: float, expected: int) -> None:
    # q=4 so the E-Factor is not part of the question.
    assert review(SM2State(easiness, 5, interval), 4).interval == expected


def test_drifting_float_ef_stays_on_the_grid() -> None:
    # In floats 2.5 - 0.14 - 0.14 is 2.2199999999999998; SM-2 says 2.22.
    state = review(review(SM2State(), 3), 3)
    assert state.easiness == 2.22
    # 6 * 2.22 = 13.32 -> 14, and then 14 * 2.08 = 29.12 -> 30.
    assert review(state, 3).interval == 14


def test_third_interval_uses_ef_before_this_answer() -> None:
    # EF 2.7 before; a q=3 answer lowers it to 2.56 only after I(3) = ceil(6 * 2.7) = 17.
    after = review(SM2State(2.7, 2, 6), 3)
    assert (after.interval, after.easiness) == (17, 2.56)


def test_failure_resets_repetitions_and_keeps_easiness() -> None:
    after = review(SM2State(2.8, 7, 300), 2)
    assert after == SM2State(2.8, 0, 1)


@pytest.mark.parametrize("grade", [-1, 6, 100, 2.5, 4.0, True, "3", None])
def test_bad_grades_raise_a_clear_error(grade: object) -> None:
    with pytest.raises(GradeError, match=r"from 0 .* to 5"):
        review(SM2State(), grade)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        check_grade(grade)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"easiness": 1.2}, "at least 1.3"),
        ({"easiness": 2.555}, "multiple of 0.01"),
        ({"easiness": float("nan")}, "must be a number"),
        ({"easiness": float("inf")}, "must be a number"),
        ({"repetitions": -1}, "negative"),
        ({"interval": -3}, "negative"),
        ({"repetitions": 2, "interval": 0}, "interval >= 1"),
    ],
)
def test_nonsense_states_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SM2State(**kwargs)  # type: ignore[arg-type]


def test_state_round_trips_through_json() -> None:
    state = SM2State(2.36, 3, 14)
    text = json.dumps(state.to_dict())
    assert json.loads(text) == {"easiness": 2.36, "repetitions": 3, "interval": 14}
    assert SM2State.from_dict(json.loads(text)) == state
    assert SM2State.from_dict({}) == SM2State(2.5, 0, 0)


def test_from_dict_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="not an SM-2 state"):
        SM2State.from_dict({"easiness": "easy"})


def test_state_is_frozen() -> None:
    state = SM2State()
    with pytest.raises(FrozenInstanceError):
        state.interval = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("grade", "repeat"), [(0, True), (1, True), (2, True), (3, True), (4, False), (5, False)]
)
def test_step7_repeats_grades_below_four(grade: int, repeat: bool) -> None:
    assert needs_repeat(grade) is repeat


def test_lapse_only_for_a_learnt_card_failed() -> None:
    assert is_lapse(SM2State(2.5, 1, 1), 2)
    assert not is_lapse(SM2State(2.5, 1, 1), 3)
    assert not is_lapse(SM2State(), 0)  # a new card cannot be forgotten
    assert not is_lapse(SM2State(2.5, 0, 1), 0)  # already relearning


# --- the scheduler interface --------------------------------------------------------------

TODAY = date(2026, 3, 10)


def test_scheduler_answer_gives_due_day() -> None:
    scheduler = SM2Scheduler()
    outcome = scheduler.answer(SM2State(2.5, 2, 6), 4, TODAY)
    # I(3) = ceil(6 * 2.5) = 15 days after 10 March: 25 March.
    assert outcome.state == SM2State(2.5, 3, 15)
    assert (outcome.grade, outcome.interval, outcome.due, outcome.lapse) == (
        4,
        15,
        date(2026, 3, 25),
        False,
    )


def test_scheduler_answer_reports_lapse() -> None:
    outcome = SM2Scheduler().answer(SM2State(2.5, 4, 38), 1, TODAY)
    assert outcome.lapse
    assert outcome.due == date(2026, 3, 11)


def test_due_date_is_capped_but_state_keeps_sm2_interval() -> None:
    state = SM2State(3.0, 10, 30_000)
    # ceil(30000 * 3.0) = 90000 days: SM-2's interval, but due at most 36500 days away.
    outcome = SM2Scheduler().answer(state, 4, TODAY)
    assert outcome.state.interval == 90_000
    assert outcome.due == TODAY + timedelta(days=36_500)
    assert outcome.interval == 36_500
    small = SM2Scheduler(max_interval_days=100).answer(SM2State(2.5, 2, 6), 4, TODAY)
    # 15 days is under the cap of 100: unchanged.
    assert small.due == date(2026, 3, 25)
    capped = SM2Scheduler(max_interval_days=10).answer(SM2State(2.5, 2, 6), 4, TODAY)
    assert (capped.due, capped.interval, capped.state.interval) == (date(2026, 3, 20), 10, 15)


def test_due_date_never_overflows() -> None:
    outcome = SM2Scheduler().answer(SM2State(2.5, 3, 15), 4, date(9999, 12, 1))
    assert outcome.due == date.max


def test_preview_gives_every_grade_in_order() -> None:
    state = SM2State(2.5, 2, 6)
    outcomes = SM2Scheduler().preview(state, TODAY)
    assert [o.grade for o in outcomes] == [0, 1, 2, 3, 4, 5]
    # q<3: 1 day; q=3,4,5: ceil(6 * 2.5) = 15 days (EF changes only after).
    assert [o.interval for o in outcomes] == [1, 1, 1, 15, 15, 15]
    assert [o.state.to_dict()["easiness"] for o in outcomes] == [2.5, 2.5, 2.5, 2.36, 2.5, 2.6]
    assert [o.lapse for o in outcomes] == [True, True, True, False, False, False]


def test_scheduler_satisfies_interface() -> None:
    scheduler: Scheduler = SM2Scheduler()
    assert scheduler.name == "sm2"
    assert scheduler.initial_state() == SM2State()
    assert scheduler.state_from_dict({"easiness": 2.0, "repetitions": 1, "interval": 1}) == (
        SM2State(2.0, 1, 1)
    )


def test_scheduler_refuses_foreign_state_and_bad_cap() -> None:
    class Other:
        interval = 1

        def to_dict(self) -> dict[str, object]:
            return {}

    with pytest.raises(TypeError, match="SM2State"):
        SM2Scheduler().answer(Other(), 4, TODAY)
    with pytest.raises(ValueError, match="at least 1"):
        SM2Scheduler(max_interval_days=0)


# --- properties ---------------------------------------------------------------------------

grades = st.integers(min_value=0, max_value=5)


@st.composite
def states(draw: st.DrawFn) -> SM2State:
    easiness = draw(st.integers(min_value=130, max_value=500)) / 100
    repetitions = draw(st.integers(min_value=0, max_value=60))
    low = 1 if repetitions else 0
    interval = draw(st.integers(min_value=low, max_value=10**6))
    return SM2State(easiness, repetitions, interval)


@given(states(), grades)
def test_property_review_bounds(state: SM2State, grade: int) -> None:
    before = SM2State(state.easiness, state.repetitions, state.interval)
    after = review(state, grade)
    assert after.easiness >= 1.3
    assert after.interval >= 1
    assert state == before  # the input is never changed
    # Stays on the 0.01 grid (a round trip through the constructor would refuse it otherwise).
    assert round(after.easiness * 100) == pytest.approx(after.easiness * 100, abs=1e-9)


@given(states(), st.integers(min_value=0, max_value=2))
def test_property_failure_resets(state: SM2State, grade: int) -> None:
    assert review(state, grade) == SM2State(state.easiness, 0, 1)


@given(states(), st.integers(min_value=3, max_value=5))
def test_property_success_counts_up_and_grows(state: SM2State, grade: int) -> None:
    after = review(state, grade)
    assert after.repetitions == state.repetitions + 1
    if state.repetitions >= 2:
        # EF >= 1.3 so every later interval is longer than the one before.
        assert after.interval > state.interval


@given(st.lists(grades, max_size=40))
def test_property_any_history_is_valid(history: list[int]) -> None:
    state = SM2State()
    for grade in history:
        state = review(state, grade)
        SM2State.from_dict(state.to_dict())  # never refused when read back
    assert state.repetitions <= len(history)
