"""FSRS-6 (quizapp.scheduling.fsrs) against py-fsrs 6.3.2, its authors' reference implementation.

Seeded random review histories (same-day, early and late reviews, gaps from seconds to months)
go through both, under many configurations; every answer must leave the same phase and step,
stability and difficulty to 1e-6 relative, the same due time to the second, and the same
retrievability at random later instants.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import fsrs
import fsrs.scheduler
import pytest

from quizapp.scheduling.fsrs import (
    DEFAULT_PARAMETERS,
    PARAMETER_BOUNDS,
    FSRSConfig,
    FSRSConfigError,
    FSRSState,
    Phase,
    fuzz_range,
    retrievability,
    review,
)

START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
REL = 1e-6

_PHASES = {
    fsrs.State.Learning: Phase.LEARNING,
    fsrs.State.Review: Phase.REVIEW,
    fsrs.State.Relearning: Phase.RELEARNING,
}


def _reference(config: FSRSConfig) -> fsrs.Scheduler:
    return fsrs.Scheduler(
        parameters=config.parameters,
        desired_retention=config.desired_retention,
        learning_steps=tuple(config.learning_steps),
        relearning_steps=tuple(config.relearning_steps),
        maximum_interval=config.maximum_interval,
        enable_fuzzing=False,
    )


def _steps(rng: random.Random, count: int) -> tuple[timedelta, ...]:
    return tuple(sorted(timedelta(seconds=rng.randint(30, 6 * 3600)) for _ in range(count)))


def _perturbed(rng: random.Random, spread: float) -> tuple[float, ...]:
    """The defaults moved by up to `spread` (relative), kept in py-fsrs's bounds."""
    return tuple(
        min(max(value * rng.uniform(1 - spread, 1 + spread), low), high)
        for value, (low, high) in zip(DEFAULT_PARAMETERS, PARAMETER_BOUNDS, strict=True)
    )


def _anywhere(rng: random.Random) -> tuple[float, ...]:
    """Parameters drawn anywhere in py-fsrs's bounds."""
    return tuple(rng.uniform(low, high) for low, high in PARAMETER_BOUNDS)


def _configs() -> Iterator[tuple[str, FSRSConfig]]:
    rng = random.Random(13)
    yield "default", FSRSConfig()
    yield "no learning steps", FSRSConfig(learning_steps=())
    yield "no relearning steps", FSRSConfig(relearning_steps=())
    yield "no steps", FSRSConfig(learning_steps=(), relearning_steps=())
    yield "one step", FSRSConfig(learning_steps=_steps(rng, 1), relearning_steps=_steps(rng, 1))
    yield "three steps", FSRSConfig(learning_steps=_steps(rng, 3), relearning_steps=_steps(rng, 3))
    yield "retention 0.7", FSRSConfig(desired_retention=0.7)
    yield "retention 0.99", FSRSConfig(desired_retention=0.99)
    yield "maximum interval 1", FSRSConfig(maximum_interval=1)
    yield "maximum interval 7", FSRSConfig(maximum_interval=7)
    for index in range(6):
        yield (
            f"perturbed {index}",
            FSRSConfig(
                parameters=_perturbed(rng, 0.3),
                desired_retention=rng.uniform(0.7, 0.99),
                learning_steps=_steps(rng, rng.randint(0, 3)),
                relearning_steps=_steps(rng, rng.randint(0, 3)),
                maximum_interval=rng.choice((3, 30, 365, 36_500)),
            ),
        )
    for index in range(4):
        yield (
            f"anywhere in bounds {index}",
            FSRSConfig(parameters=_anywhere(rng), desired_retention=rng.uniform(0.7, 0.99)),
        )


CONFIGS = list(_configs())
SEQUENCES_PER_CONFIG = 40
REVIEWS_PER_SEQUENCE = 24


def _gap(rng: random.Random, now: datetime, due: datetime | None) -> timedelta:
    """The time until the next answer: on time, early, late, same-day or months away."""
    kind = rng.random()
    if due is not None and kind < 0.35:  # around the due time: early or late by up to half
        planned = max(due - now, timedelta(0))
        return max(planned * rng.uniform(0.5, 1.5), timedelta(0))
    if kind < 0.55:
        return timedelta(seconds=rng.randint(0, 600))
    if kind < 0.75:
        return timedelta(seconds=rng.randint(600, 2 * 86_400))
    if kind < 0.92:
        return timedelta(seconds=rng.randint(86_400, 60 * 86_400))
    return timedelta(seconds=rng.randint(30 * 86_400, 400 * 86_400))


def _close(ours: float, theirs: float) -> bool:
    return abs(ours - theirs) <= REL * abs(theirs)


def _assert_same(state: FSRSState, card: fsrs.Card, where: str) -> None:
    assert card.stability is not None and card.difficulty is not None
    assert state.phase == _PHASES[card.state], where
    assert state.step == card.step, where
    assert _close(state.stability, card.stability), (where, state.stability, card.stability)
    assert _close(state.difficulty, card.difficulty), (where, state.difficulty, card.difficulty)
    assert abs((state.due - card.due).total_seconds()) < 1, (where, state.due, card.due)
    assert state.last_review == card.last_review, where


def _replay(
    name: str,
    config: FSRSConfig,
    seed: int,
    switch_to: FSRSConfig | None = None,
    switch_at: int = 0,
) -> int:
    """One random history through both; `switch_to` takes over at review `switch_at`."""
    rng = random.Random(seed)
    reference = _reference(config)
    card = fsrs.Card(card_id=1, due=START)
    state: FSRSState | None = None
    now = START
    for number in range(REVIEWS_PER_SEQUENCE):
        if switch_to is not None and number == switch_at:
            config, reference = switch_to, _reference(switch_to)
        now += _gap(rng, now, None if state is None else state.due)
        rating = rng.choice((1, 2, 3, 4)) if rng.random() < 0.6 else rng.choice((1, 3, 3, 3))
        where = f"{name}, seed {seed}, review {number} (rating {rating} at {now})"
        before = None if state is None else dataclasses.astuple(state)
        previous = state
        state = review(state, rating, now, config)
        card, _ = reference.review_card(card, fsrs.Rating(rating), now)
        assert previous is None or dataclasses.astuple(previous) == before, where
        _assert_same(state, card, where)
        later = now + timedelta(seconds=rng.randint(-86_400, 500 * 86_400))
        assert _close(
            retrievability(state, later, config), reference.get_card_retrievability(card, later)
        ), where
    return REVIEWS_PER_SEQUENCE


@pytest.mark.parametrize(("name", "config"), CONFIGS, ids=[name for name, _ in CONFIGS])
def test_random_histories_agree_with_py_fsrs(name: str, config: FSRSConfig) -> None:
    compared = sum(
        _replay(name, config, seed=1000 * index + len(name))
        for index in range(SEQUENCES_PER_CONFIG)
    )
    assert compared == SEQUENCES_PER_CONFIG * REVIEWS_PER_SEQUENCE


def test_histories_agree_when_the_steps_change() -> None:
    # A card in its third step under three steps, then under one: py-fsrs graduates it on a pass.
    rng = random.Random(7)
    for seed in range(80):
        three = FSRSConfig(learning_steps=_steps(rng, 3), relearning_steps=_steps(rng, 3))
        one = FSRSConfig(learning_steps=_steps(rng, 1), relearning_steps=_steps(rng, 1))
        first, second = (three, one) if seed % 2 else (one, three)
        _replay("steps changed", first, seed, switch_to=second, switch_at=rng.randint(1, 12))


def test_the_first_answers_of_a_new_card_follow_the_steps() -> None:
    config = FSRSConfig()
    again = review(None, 1, START, config)
    assert (again.phase, again.step, again.due) == ("learning", 0, START + timedelta(minutes=1))
    good = review(again, 3, again.due, config)
    assert (good.phase, good.step, good.due - good.last_review) == (
        Phase.LEARNING,
        1,
        timedelta(minutes=10),
    )
    graduated = review(good, 3, good.due, config)
    assert graduated.phase is Phase.REVIEW and graduated.step is None
    assert graduated.interval >= 1
    lapse = review(graduated, 1, graduated.due, config)
    assert (lapse.phase, lapse.step) == (Phase.RELEARNING, 0)
    assert lapse.stability < graduated.stability


def test_review_returns_a_new_state_and_leaves_the_old_one() -> None:
    config = FSRSConfig()
    state = review(None, 3, START, config)
    copy = dataclasses.replace(state)
    after = review(state, 1, START + timedelta(days=3), config)
    assert state == copy and after != state
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.stability = 2.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.desired_retention = 0.8  # type: ignore[misc]


def test_times_in_any_zone_are_read_as_instants_and_kept_in_utc() -> None:
    config = FSRSConfig()
    zone = timezone(timedelta(hours=-5))
    state = review(None, 4, START.astimezone(zone), config)
    assert state.due.tzinfo is UTC and state.last_review == START
    assert state == review(None, 4, START, config)


def test_naive_datetimes_are_refused() -> None:
    config = FSRSConfig()
    naive = datetime(2026, 3, 1, 9, 30)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="timezone-aware"):
        review(None, 3, naive, config)
    state = review(None, 3, START, config)
    with pytest.raises(ValueError, match="timezone-aware"):
        retrievability(state, naive, config)


@pytest.mark.parametrize("rating", [0, 5, True, 2.0, "3", None])
def test_ratings_other_than_1_to_4_are_refused(rating: object) -> None:
    with pytest.raises(ValueError, match="Again"):
        review(None, rating, START, FSRSConfig())  # type: ignore[arg-type]


def test_a_new_card_has_no_retrievability_and_a_fresh_one_is_certain() -> None:
    config = FSRSConfig()
    assert retrievability(None, START, config) == 0.0
    state = review(None, 3, START, config)
    assert retrievability(state, START + timedelta(hours=5), config) == 1.0
    # By definition, recall falls to 90 % when as many days as the stability have passed.
    long = FSRSState(Phase.REVIEW, None, 10.0, 5.0, START, START)
    assert retrievability(long, START + timedelta(days=10), config) == pytest.approx(0.9)


def test_states_that_make_no_sense_are_refused() -> None:
    with pytest.raises(ValueError, match="no step"):
        FSRSState(Phase.REVIEW, 0, 1.0, 5.0, START, START)
    with pytest.raises(ValueError, match="step index"):
        FSRSState(Phase.LEARNING, None, 1.0, 5.0, START, START)
    with pytest.raises(ValueError, match="stability"):
        FSRSState(Phase.REVIEW, None, 0.0, 5.0, START, START)
    with pytest.raises(ValueError, match="difficulty"):
        FSRSState(Phase.REVIEW, None, 1.0, 11.0, START, START)
    with pytest.raises(ValueError, match=r"phase|valid"):
        FSRSState("new", None, 1.0, 5.0, START, START)  # type: ignore[arg-type]


_BAD_PARAMETERS: list[tuple[object, str]] = [
    (DEFAULT_PARAMETERS[:20], "21 numbers"),
    ((*DEFAULT_PARAMETERS, 0.1), "21 numbers"),
    ((float("nan"), *DEFAULT_PARAMETERS[1:]), r"parameters\[0\]"),
    ((*DEFAULT_PARAMETERS[:20], float("inf")), r"parameters\[20\]"),
    ((*DEFAULT_PARAMETERS[:20], 0.0), r"parameters\[20\] \(w20\)"),
    ((*DEFAULT_PARAMETERS[:4], "6", *DEFAULT_PARAMETERS[5:]), r"parameters\[4\]"),
    ("0.2 1.3", "parameters must be 21 numbers"),
]

_BAD_SETTINGS: list[tuple[dict[str, object], str]] = [
    *(({"parameters": value}, message) for value, message in _BAD_PARAMETERS),
    ({"desired_retention": 0.69}, "desired_retention"),
    ({"desired_retention": 0.995}, "desired_retention"),
    ({"desired_retention": float("nan")}, "desired_retention"),
    ({"desired_retention": "0.9"}, "desired_retention"),
    ({"learning_steps": (timedelta(minutes=-1),)}, r"learning_steps\[0\]"),
    ({"learning_steps": (timedelta(0),)}, r"learning_steps\[0\]"),
    ({"learning_steps": (timedelta(minutes=10), timedelta(minutes=1))}, "learning_steps"),
    ({"relearning_steps": (timedelta(minutes=-5),)}, r"relearning_steps\[0\]"),
    (
        {"relearning_steps": (timedelta(hours=1), timedelta(hours=2), timedelta(hours=1))},
        r"relearning_steps\[2\]",
    ),
    ({"relearning_steps": (10,)}, r"relearning_steps\[0\] must be a duration"),
    ({"maximum_interval": 0}, "maximum_interval"),
    ({"maximum_interval": 1.5}, "maximum_interval"),
    ({"maximum_interval": True}, "maximum_interval"),
    ({"fuzz": 1}, "fuzz must be true or false"),
]


@pytest.mark.parametrize(("settings", "message"), _BAD_SETTINGS)
def test_bad_configuration_names_the_setting(settings: dict[str, object], message: str) -> None:
    with pytest.raises(FSRSConfigError, match=message):
        FSRSConfig(**settings)  # type: ignore[arg-type]


def test_the_defaults_are_py_fsrs_defaults() -> None:
    config = FSRSConfig()
    reference = fsrs.Scheduler()
    assert config.parameters == DEFAULT_PARAMETERS == reference.parameters
    assert config.desired_retention == reference.desired_retention
    assert config.learning_steps == reference.learning_steps
    assert config.relearning_steps == reference.relearning_steps
    assert config.maximum_interval == reference.maximum_interval
    assert (
        tuple(
            zip(
                fsrs.scheduler.LOWER_BOUNDS_PARAMETERS,
                fsrs.scheduler.UPPER_BOUNDS_PARAMETERS,
                strict=True,
            )
        )
        == PARAMETER_BOUNDS
    )


def _fuzzed_by_py_fsrs(
    monkeypatch: pytest.MonkeyPatch, config: FSRSConfig, state: FSRSState, draw: float
) -> datetime:
    """py-fsrs's due after a review of `state`, its random() fixed at `draw`."""
    reference = fsrs.Scheduler(
        parameters=config.parameters,
        desired_retention=config.desired_retention,
        maximum_interval=config.maximum_interval,
        enable_fuzzing=True,
    )
    card = fsrs.Card(
        card_id=1,
        state=fsrs.State.Review,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due,
        last_review=state.last_review,
    )
    monkeypatch.setattr(fsrs.scheduler, "random", lambda: draw)
    return reference.review_card(card, fsrs.Rating.Good, state.due)[0].due


@pytest.mark.parametrize("maximum_interval", [36_500, 40])
def test_fuzz_stays_in_py_fsrs_range_and_is_deterministic(
    monkeypatch: pytest.MonkeyPatch, maximum_interval: int
) -> None:
    plain = FSRSConfig(maximum_interval=maximum_interval)
    fuzzy = FSRSConfig(maximum_interval=maximum_interval, fuzz=True)
    rng = random.Random(5)
    spread = 0
    intervals = set()
    stabilities = (0.01, 0.1, 0.5, 1.0, 2.0, 2.6, 3.3, 8.0, 15.0, 120.0, 900.0)
    cases = itertools.product(stabilities, (1, 2, 9))
    for stability, elapsed in cases:
        state = FSRSState(
            Phase.REVIEW,
            None,
            stability,
            rng.uniform(1, 10),
            START,
            START - timedelta(days=elapsed),
        )
        exact = review(state, 3, state.due, plain)
        intervals.add(exact.interval)
        days = {review(state, 3, state.due, fuzzy, seed=seed).interval for seed in range(60)}
        # The draw's ends: py-fsrs's random() at 0 gives the range's start; just below 1 one day
        # past its end (it rounds a draw from start to end + 1), unless capped.
        lowest = (_fuzzed_by_py_fsrs(monkeypatch, plain, state, 0.0) - START).days
        highest = (_fuzzed_by_py_fsrs(monkeypatch, plain, state, 1 - 1e-12) - START).days
        if exact.interval < 3:
            assert days == {exact.interval}
            continue
        low, high = fuzz_range(exact.interval, maximum_interval)
        assert low == lowest and high in (highest - 1, highest) and high <= maximum_interval
        assert days <= set(range(low, high + 1))
        if high - low < 10:  # 60 seeds reach both ends of a narrow range
            assert (min(days), max(days)) == (low, high)
        spread += len(days)
        fuzzed = review(state, 3, state.due, fuzzy, seed=11)
        assert fuzzed == review(state, 3, state.due, fuzzy, seed=11)
        assert (fuzzed.stability, fuzzed.difficulty) == (exact.stability, exact.difficulty)
    assert spread > 20
    # The cases reach the edges: intervals left alone (1, 2 days) and the first fuzzed ones.
    assert {1, 2, 3} <= intervals


def test_fuzz_leaves_learning_steps_alone() -> None:
    fuzzy = FSRSConfig(fuzz=True)
    for seed in range(20):
        state = review(None, 1, START, fuzzy, seed=seed)
        assert state == review(None, 1, START, FSRSConfig())
