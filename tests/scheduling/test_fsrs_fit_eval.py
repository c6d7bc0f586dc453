"""The fit's scores and its pretraining, against values worked out by hand."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from quizapp.scheduling.fsrs_config import DEFAULT_PARAMETERS
from quizapp.scheduling.fsrs_fit_data import history_from_reviews
from quizapp.scheduling.fsrs_fit_eval import (
    calibration,
    log_loss,
    review_bins,
    rmse_bins,
    sm2_recall,
)
from quizapp.scheduling.fsrs_fit_pretrain import initial_stabilities, smooth_and_fill

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def test_log_loss_by_hand() -> None:
    got = log_loss(np.array([0.9, 0.2]), np.array([True, False]))
    assert got == pytest.approx(-(math.log(0.9) + math.log(0.8)) / 2)
    assert math.isnan(log_loss(np.array([]), np.array([], dtype=bool)))


def test_rmse_bins_by_hand() -> None:
    # Bin 0: mean prediction 0.8 against 1 of 2 recalled; bin 1: 0.5 against 1 of 1.
    got = rmse_bins(np.array([0.9, 0.7, 0.5]), np.array([True, False, True]), np.array([0, 0, 1]))
    assert got == pytest.approx(math.sqrt((2 * 0.3**2 + 1 * 0.5**2) / 3))


def test_review_bins_split_by_delay_length_and_lapses() -> None:
    day = timedelta(days=1)
    reviews = [
        ("a", T0, 3),
        ("a", T0 + day, 1),  # delay 1, 1st long-term review, no lapse before
        ("a", T0 + 4 * day, 3),  # delay 3 (same delay bin), 2nd (same length bin), 1 lapse
        ("b", T0, 3),
        ("b", T0 + 2 * day, 3),  # delay 2: the same bin as a's second review
        ("b", T0 + 18 * day, 3),  # delay 16: a bin of its own
    ]
    bins = review_bins(history_from_reviews(reviews)).tolist()
    a1, a2, b1, b2 = bins[1], bins[2], bins[4], bins[5]
    assert a1 == b1
    assert len({a1, a2, b2}) == 3


def test_sm2_interval_is_where_recall_is_90_percent() -> None:
    got = sm2_recall(np.array([10.0, 20.0, 0.0, 2.0]), np.array([10.0, 10.0, 10.0, 0.0]))
    assert got == pytest.approx([0.9, 0.81, 1.0, 0.81])


def test_calibration_bins() -> None:
    predicted = np.array([0.95, 0.91, 0.55, 0.05, 1.0])
    recalled = np.array([True, False, True, False, True])
    got = calibration(predicted, recalled, bins=10)
    assert [(b.low, b.count) for b in got] == [(0.0, 1), (0.5, 1), pytest.approx((0.9, 3))]
    top = got[-1]
    assert top.predicted == pytest.approx((0.95 + 0.91 + 1.0) / 3)
    assert top.recalled == pytest.approx(2 / 3)


def test_pretraining_recovers_a_first_stability() -> None:
    # Cards first rated Good with S0 = 5 days, recalled at 1..12 days as FSRS's curve says.
    rng = np.random.default_rng(1)
    decay = -DEFAULT_PARAMETERS[20]
    factor = 0.9 ** (1 / decay) - 1
    delays = np.repeat(np.arange(1, 13), 300)
    recalled = rng.random(delays.size) < (1 + factor * delays / 5.0) ** decay
    ratings = np.full(delays.size, 3)
    s = initial_stabilities(ratings, delays, recalled.astype(float), float(recalled.mean()))
    assert s[2] == pytest.approx(5.0, rel=0.15)
    # The others follow from Good's by the defaults' proportions, in order.
    assert s[0] < s[1] < s[2] < s[3]
    assert s[3] / s[2] == pytest.approx(DEFAULT_PARAMETERS[3] / DEFAULT_PARAMETERS[2], rel=1e-6)


def test_smooth_and_fill_orders_by_the_better_attested_rating() -> None:
    # Again (10 cards) above Hard (50 cards): Again takes Hard's value.
    got = smooth_and_fill({1: 3.0, 2: 2.0, 3: 5.0, 4: 9.0}, {1: 10, 2: 50, 3: 100, 4: 20})
    assert got == pytest.approx((2.0, 2.0, 5.0, 9.0))
    # Hard missing: fsrs-rs's ratio, S2 = S1^0.41 S3^0.59.
    got = smooth_and_fill({1: 1.0, 3: 8.0, 4: 20.0}, {1: 10, 3: 10, 4: 10})
    assert got[1] == pytest.approx(8.0**0.59)
