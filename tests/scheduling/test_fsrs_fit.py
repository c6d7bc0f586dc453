"""The FSRS fit (quizapp.scheduling.fsrs_fit): on logs drawn from py-fsrs with known parameters
it predicts held-out reviews better than the defaults and nearly as well as the truth; its
gradient agrees with finite differences, its memory model with py-fsrs; it is deterministic and
refuses bad input by name."""

from __future__ import annotations

import random
import warnings
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
import pytest
from fsrs import Card, Rating, Scheduler

from benchmarks.synthetic_fsrs_log import TRUE_PARAMETERS, simulate
from quizapp.scheduling.fsrs import FSRSConfig
from quizapp.scheduling.fsrs_config import DEFAULT_PARAMETERS, PARAMETER_BOUNDS
from quizapp.scheduling.fsrs_fit import (
    NotEnoughHistory,
    ReviewLogError,
    fit,
    fit_history,
    fit_parameters,
)
from quizapp.scheduling.fsrs_fit_data import Review, history_from_reviews, training_set
from quizapp.scheduling.fsrs_fit_eval import log_loss
from quizapp.scheduling.fsrs_fit_gradient import batch_loss_and_gradient
from quizapp.scheduling.fsrs_fit_model import predict

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def log() -> list[Review]:
    return simulate(8000, seed=3)


def _held_out_loss(log: list[Review], parameters: tuple[float, ...], cutoff: float) -> float:
    history = history_from_reviews(log)
    test = (history.timestamp >= cutoff) & (history.delta_t > 0)
    recall, _ = predict(history, parameters)
    return log_loss(recall[test], history.rating[test] > 1)


def test_fit_beats_the_defaults_and_nears_the_truth_on_held_out_reviews(log: list[Review]) -> None:
    cutoff = float(np.quantile([when.timestamp() for _, when, _ in log], 0.75))
    earlier = [review for review in log if review[1].timestamp() < cutoff]
    fitted = fit_parameters(earlier)
    assert len(fitted) == 21
    FSRSConfig(parameters=fitted)  # within FSRS's bounds
    for value, (low, high) in zip(fitted, PARAMETER_BOUNDS, strict=True):
        assert low <= value <= high
    default = _held_out_loss(log, DEFAULT_PARAMETERS, cutoff)
    true = _held_out_loss(log, TRUE_PARAMETERS, cutoff)
    ours = _held_out_loss(log, fitted, cutoff)
    assert true < default
    assert ours < default
    # Most of the way from the defaults to the truth.
    assert ours - true < 0.35 * (default - true)
    # The initial stabilities of the common first ratings (Again, Good, Easy), the easiest
    # parameters to identify, land near the true ones.
    for i in (0, 2, 3):
        assert abs(np.log(fitted[i] / TRUE_PARAMETERS[i])) < np.log(1.6), f"w{i}"


def test_the_same_log_in_any_order_gives_the_same_parameters(log: list[Review]) -> None:
    part = log[:3000]
    shuffled = list(part)
    random.Random(7).shuffle(shuffled)
    first = fit(part)
    assert first.fitted
    assert fit(shuffled).parameters == first.parameters
    assert fit(part).parameters == first.parameters
    # Nor does it matter what the cards are called.
    renamed = [(card_id[::-1] + "!", when, rating) for card_id, when, rating in part]
    assert fit(renamed).parameters == first.parameters


def test_the_gradient_is_the_derivative_of_the_loss(log: list[Review]) -> None:
    batches = training_set(history_from_reviews(log[:3000])).batches
    w = np.array(TRUE_PARAMETERS)
    for batch in (batches[0], batches[-1]):
        _, gradient = batch_loss_and_gradient(batch, w)
        for i in range(21):
            step = 1e-6 * max(1.0, abs(w[i]))
            up, down = w.copy(), w.copy()
            up[i] += step
            down[i] -= step
            numeric = (
                batch_loss_and_gradient(batch, up)[0] - batch_loss_and_gradient(batch, down)[0]
            ) / (2 * step)
            assert gradient[i] == pytest.approx(numeric, rel=1e-5, abs=1e-6), f"w{i}"


def test_the_memory_model_agrees_with_py_fsrs(log: list[Review]) -> None:
    """The stability before each review, same-day steps included, as py-fsrs replays it."""
    history = history_from_reviews(log[:2000])
    _, before = predict(history, TRUE_PARAMETERS)
    scheduler = Scheduler(parameters=TRUE_PARAMETERS, enable_fuzzing=False)
    checked = 0
    for c in range(len(history.card_ids)):
        card = Card()
        for i in range(int(history.starts[c]), int(history.starts[c + 1])):
            when = datetime.fromtimestamp(float(history.timestamp[i]), UTC)
            if card.stability is not None:
                assert before[i] == pytest.approx(card.stability, rel=1e-9)
                checked += 1
            card, _ = scheduler.review_card(card, Rating(int(history.rating[i])), when)
    assert checked > 500
    assert (history.delta_t[history.position > 0] == 0).sum() > 100  # same-day steps were in it


def test_too_little_history_keeps_the_defaults_and_says_so(log: list[Review]) -> None:
    short = log[:300]
    with pytest.warns(NotEnoughHistory, match="defaults are kept"):
        assert fit_parameters(short) == DEFAULT_PARAMETERS
    result = fit(short)
    assert not result.fitted
    assert result.parameters == DEFAULT_PARAMETERS
    assert "needs" in result.message
    with pytest.warns(NotEnoughHistory):
        assert fit_parameters([]) == DEFAULT_PARAMETERS


@pytest.mark.parametrize(
    ("review", "message"),
    [
        (("a", datetime(2024, 1, 1, 9, 0), 3), "naive datetime"),  # noqa: DTZ001
        (("a", T0, 0), "rating must be 1"),
        (("a", T0, 5), "rating must be 1"),
        (("a", T0, True), "rating must be 1"),
        (("a", "2024-01-01", 3), "must be a datetime"),
        ((7, T0, 3), "card id must be a string"),
        (("a", T0), "expected \\(card id"),
    ],
    ids=["naive", "zero", "five", "bool", "string-time", "int-card", "pair"],
)
def test_bad_reviews_are_refused_by_position(review: object, message: str) -> None:
    reviews = [("b", T0, 3), review]
    with pytest.raises(ReviewLogError, match=message) as caught:
        fit_parameters(reviews)  # type: ignore[arg-type]
    assert str(caught.value).startswith("review 1")
    assert isinstance(caught.value, ValueError)


def test_days_are_utc_calendar_days_unless_a_zone_and_rollover_are_given() -> None:
    reviews: list[Review] = [
        ("a", datetime(2024, 1, 1, 23, 30, tzinfo=UTC), 3),
        ("a", datetime(2024, 1, 2, 0, 30, tzinfo=UTC), 3),
        ("a", datetime(2024, 1, 4, 10, 0, tzinfo=UTC), 3),
    ]
    assert history_from_reviews(reviews).delta_t.tolist() == [0, 1, 2]
    # At UTC+2 with the day starting at 04:00 the first two are 01:30 and 02:30 on 2 January
    # local time, both still the study day of 1 January.
    zone = timezone(timedelta(hours=2))
    assert history_from_reviews(reviews, zone=zone, rollover_hour=4).delta_t.tolist() == [0, 0, 3]


def test_fit_history_reports_progress(log: list[Review]) -> None:
    seen: list[tuple[int, int]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = fit_history(
            history_from_reviews(log[:2500]), progress=lambda d, t: seen.append((d, t))
        )
    assert result.fitted
    assert seen[-1][0] == seen[-1][1] == len(seen)
