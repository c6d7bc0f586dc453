"""FSRS-6's memory model over many cards at once, in numpy: the predicted recall of each review,
and, for a batch, the log loss with its exact gradient in the 21 parameters.

The gradient is forward-mode: beside each card's stability S and difficulty D the pass carries
dS/dw and dD/dw (21 numbers each), through the same formulas as `quizapp.scheduling.fsrs` and
fsrs-rs's training model, clamps included (a clamped value passes no gradient). Each step works
on the k-th review of every card in the batch; there is no loop over single reviews.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.fsrs_fit_data import Batch, ReviewHistory

S_MIN, S_MAX = 0.001, 36_500.0
D_MIN, D_MAX = 1.0, 10.0
#: fsrs-rs clamps the predicted recall into [1e-7, 1 - 1e-7] inside the log loss.
P_MIN, P_MAX = 1e-7, 1.0 - 1e-7

Floats = NDArray[np.float64]


def _curve_terms(w: Floats) -> tuple[float, float, float]:
    """decay = -w20, factor = 0.9^(1/decay) - 1, and d factor / d w20."""
    decay = -float(w[20])
    root = math.exp(math.log(0.9) / decay)
    return decay, root - 1.0, root * math.log(0.9) / (decay * decay)


def _initial(w: Floats, rating: NDArray[np.int64]) -> tuple[Floats, Floats]:
    stability = np.clip(w[rating - 1], S_MIN, S_MAX)
    difficulty = np.clip(w[4] - np.exp(w[5] * (rating - 1)) + 1.0, D_MIN, D_MAX)
    return stability, difficulty


def _next_difficulty(w: Floats, d: Floats, g: NDArray[np.int64]) -> Floats:
    damped = d + (10.0 - d) * (-w[6] * (g - 3)) / 9.0
    easy = w[4] - math.exp(3.0 * w[5]) + 1.0
    result: Floats = np.clip(w[7] * easy + (1.0 - w[7]) * damped, D_MIN, D_MAX)
    return result


def _next_stability(
    w: Floats, s: Floats, d: Floats, r: Floats, t: Floats, g: NDArray[np.int64]
) -> Floats:
    short = s * np.exp(w[17] * (g - 3 + w[18])) * s ** (-w[19])
    short = np.where(g >= 2, np.maximum(short, s), short)
    forgot = w[11] * d ** (-w[12]) * ((s + 1.0) ** w[13] - 1.0) * np.exp((1.0 - r) * w[14])
    forgot = np.minimum(forgot, s / math.exp(w[17] * w[18]))
    bonus = np.where(g == 2, w[15], 1.0) * np.where(g == 4, w[16], 1.0)
    grown = s * (
        1.0 + math.exp(w[8]) * (11.0 - d) * s ** (-w[9]) * (np.exp((1.0 - r) * w[10]) - 1.0) * bonus
    )
    result: Floats = np.clip(np.where(t == 0, short, np.where(g == 1, forgot, grown)), S_MIN, S_MAX)
    return result


def predict(history: ReviewHistory, parameters: Sequence[float]) -> tuple[Floats, Floats]:
    """The predicted recall at each review (NaN at a card's first) and the stability before it.

    Cards run side by side, the longest first: the k-th step updates every card with a k-th
    review at once.
    """
    w = np.asarray(parameters, dtype=np.float64)
    decay, factor, _ = _curve_terms(w)
    recall = np.full(history.size, np.nan)
    before = np.full(history.size, np.nan)
    lengths = np.diff(history.starts)
    if not lengths.size:
        return recall, before
    order = np.argsort(-lengths, kind="stable")
    starts = history.starts[:-1][order]
    counts = (lengths[order][None, :] > np.arange(int(lengths.max()))[:, None]).sum(axis=1)
    s, d = _initial(w, history.rating[starts])
    for k in range(1, counts.size):
        m = int(counts[k])
        at = starts[:m] + k
        s, d = s[:m], d[:m]
        t = history.delta_t[at].astype(np.float64)
        g = history.rating[at]
        r = (1.0 + factor * t / s) ** decay
        recall[at], before[at] = r, s
        s, d = _next_stability(w, s, d, r, t, g), _next_difficulty(w, d, g)
    return recall, before


def _unit(m: int, column: int, values: Floats | float) -> Floats:
    out = np.zeros((m, 21))
    out[:, column] = values
    return out


def batch_loss_and_gradient(batch: Batch, parameters: Floats) -> tuple[float, Floats]:
    """The summed weighted log loss of a batch's scored reviews and its gradient in w0..w20."""
    w = parameters
    decay, factor, dfactor = _curve_terms(w)
    grad = np.zeros(21)
    loss = 0.0
    g0 = batch.rating[0]
    n = g0.size
    s_raw = w[g0 - 1]
    ds = np.zeros((n, 21))
    ds[np.arange(n), g0 - 1] = 1.0
    ds[(s_raw < S_MIN) | (s_raw > S_MAX)] = 0.0
    s = np.clip(s_raw, S_MIN, S_MAX)
    d_raw = w[4] - np.exp(w[5] * (g0 - 1)) + 1.0
    dd = np.zeros((n, 21))
    dd[:, 4] = 1.0
    dd[:, 5] = -(g0 - 1) * np.exp(w[5] * (g0 - 1))
    dd[(d_raw < D_MIN) | (d_raw > D_MAX)] = 0.0
    d = np.clip(d_raw, D_MIN, D_MAX)
    easy = w[4] - math.exp(3.0 * w[5]) + 1.0
    for k in range(1, batch.active.size):
        m = int(batch.active[k])
        s, d, ds, dd = s[:m], d[:m], ds[:m], dd[:m]
        t = batch.delta_t[k, :m]
        g = batch.rating[k, :m]
        u = 1.0 + factor * t / s
        r = u**decay
        # dR/dS and the direct dR/dw20 (through the decay and the factor).
        dr_ds = r * decay * (-factor * t / (s * s)) / u
        dr_dw20 = r * (-np.log(u) + decay * (t / s) * dfactor / u)
        weight = batch.weight[k, :m]
        if weight.any():
            y = batch.label[k, :m]
            p = np.clip(r, P_MIN, P_MAX)
            loss -= float(np.sum(weight * (y * np.log(p) + (1.0 - y) * np.log(1.0 - p))))
            g_r = -weight * (y / p - (1.0 - y) / (1.0 - p)) * ((r >= P_MIN) & (r <= P_MAX))
            grad += (g_r * dr_ds) @ ds
            grad[20] += float(np.sum(g_r * dr_dw20))
        new_s = np.empty(m)
        new_ds = np.empty((m, 21))
        short = np.flatnonzero(t == 0)
        if short.size:
            _short_term(w, s, ds, g, short, new_s, new_ds)
        forgot = np.flatnonzero((t > 0) & (g == 1))
        if forgot.size:
            _forgotten(w, s, d, r, ds, dd, dr_ds, dr_dw20, forgot, new_s, new_ds)
        recalled = np.flatnonzero((t > 0) & (g > 1))
        if recalled.size:
            _recalled(w, s, d, r, g, ds, dd, dr_ds, dr_dw20, recalled, new_s, new_ds)
        new_ds[(new_s < S_MIN) | (new_s > S_MAX)] = 0.0
        s, ds = np.clip(new_s, S_MIN, S_MAX), new_ds
        # Difficulty: linear damping towards 10, mean reversion towards D0(Easy), clamp.
        delta = -w[6] * (g - 3)
        damped = d + (10.0 - d) * delta / 9.0
        d_raw = w[7] * easy + (1.0 - w[7]) * damped
        dd = dd * ((1.0 - w[7]) * (1.0 - delta / 9.0))[:, None]
        dd[:, 6] += (1.0 - w[7]) * (10.0 - d) / 9.0 * -(g - 3)
        dd[:, 4] += w[7]
        dd[:, 5] += -w[7] * 3.0 * math.exp(3.0 * w[5])
        dd[:, 7] += easy - damped
        dd[(d_raw < D_MIN) | (d_raw > D_MAX)] = 0.0
        d = np.clip(d_raw, D_MIN, D_MAX)
    return loss, grad


def _short_term(
    w: Floats,
    s: Floats,
    ds: Floats,
    g: NDArray[np.int64],
    at: NDArray[np.intp],
    new_s: Floats,
    new_ds: Floats,
) -> None:
    """S' = S e^(w17 (G - 3 + w18)) S^-w19, never below S for a pass."""
    sa, ga = s[at], g[at]
    value = sa ** (1.0 - w[19]) * np.exp(w[17] * (ga - 3 + w[18]))
    jac = ds[at] * (value * (1.0 - w[19]) / sa)[:, None]
    jac[:, 17] += value * (ga - 3 + w[18])
    jac[:, 18] += value * w[17]
    jac[:, 19] -= value * np.log(sa)
    floor = (ga >= 2) & (value < sa)
    new_s[at] = np.where(floor, sa, value)
    new_ds[at] = np.where(floor[:, None], ds[at], jac)


def _forgotten(
    w: Floats,
    s: Floats,
    d: Floats,
    r: Floats,
    ds: Floats,
    dd: Floats,
    dr_ds: Floats,
    dr_dw20: Floats,
    at: NDArray[np.intp],
    new_s: Floats,
    new_ds: Floats,
) -> None:
    """A lapse: S' = w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)), at most S / e^(w17 w18)."""
    sa, da, ra = s[at], d[at], r[at]
    grown = (sa + 1.0) ** w[13]
    value = w[11] * da ** (-w[12]) * (grown - 1.0) * np.exp((1.0 - ra) * w[14])
    dr = ds[at] * dr_ds[at][:, None]
    dr[:, 20] += dr_dw20[at]
    log_jac = (
        dd[at] * (-w[12] / da)[:, None]
        + ds[at] * (w[13] * (sa + 1.0) ** (w[13] - 1.0) / (grown - 1.0))[:, None]
        - w[14] * dr
    )
    log_jac[:, 11] += 1.0 / w[11]
    log_jac[:, 12] -= np.log(da)
    log_jac[:, 13] += grown * np.log(sa + 1.0) / (grown - 1.0)
    log_jac[:, 14] += 1.0 - ra
    jac = log_jac * value[:, None]
    cap = sa / math.exp(w[17] * w[18])
    cap_jac = ds[at] * (cap / sa)[:, None]
    cap_jac[:, 17] -= cap * w[18]
    cap_jac[:, 18] -= cap * w[17]
    capped = cap < value
    new_s[at] = np.where(capped, cap, value)
    new_ds[at] = np.where(capped[:, None], cap_jac, jac)


def _recalled(
    w: Floats,
    s: Floats,
    d: Floats,
    r: Floats,
    g: NDArray[np.int64],
    ds: Floats,
    dd: Floats,
    dr_ds: Floats,
    dr_dw20: Floats,
    at: NDArray[np.intp],
    new_s: Floats,
    new_ds: Floats,
) -> None:
    """A recall: S' = S (1 + e^w8 (11 - D) S^-w9 (e^(w10 (1-R)) - 1) hard easy)."""
    sa, da, ra, ga = s[at], d[at], r[at], g[at]
    hard = np.where(ga == 2, w[15], 1.0)
    easy = np.where(ga == 4, w[16], 1.0)
    base = math.exp(w[8]) * (11.0 - da) * sa ** (-w[9])
    boost = np.exp((1.0 - ra) * w[10])
    k = base * (boost - 1.0)
    growth = k * hard * easy
    dr = ds[at] * dr_ds[at][:, None]
    dr[:, 20] += dr_dw20[at]
    dk = (dd[at] * (-1.0 / (11.0 - da))[:, None] + ds[at] * (-w[9] / sa)[:, None]) * k[:, None]
    dk[:, 8] += k
    dk[:, 9] -= k * np.log(sa)
    dk += (base * boost)[:, None] * (-w[10] * dr)
    dk[:, 10] += base * boost * (1.0 - ra)
    dgrowth = dk * (hard * easy)[:, None]
    dgrowth[:, 15] += np.where(ga == 2, k * easy, 0.0)
    dgrowth[:, 16] += np.where(ga == 4, k * hard, 0.0)
    new_s[at] = sa * (1.0 + growth)
    new_ds[at] = ds[at] * (1.0 + growth)[:, None] + dgrowth * sa[:, None]
