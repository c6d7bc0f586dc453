"""The log loss of a batch of cards and its exact gradient in FSRS-6's 21 parameters, by a
hand-written reverse pass through the recurrence (backpropagation through time, in numpy).

The forward pass runs the k-th review of every card in the batch at once, through the same
formulas as `quizapp.scheduling.fsrs` and fsrs-rs's training model, clamps included, keeping
what the backward pass needs; the backward pass walks the reviews from the last to the first,
carrying dLoss/dS and dLoss/dD of every card and summing each parameter's share. A clamped
value passes no gradient (outside its range; on the boundary it does, as torch and fsrs-rs do).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.fsrs_fit_data import Batch

S_MIN, S_MAX = 0.001, 36_500.0
D_MIN, D_MAX = 1.0, 10.0
#: fsrs-rs clamps the predicted recall into [1e-7, 1 - 1e-7] inside the log loss.
P_MIN, P_MAX = 1e-7, 1.0 - 1e-7

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


def _inside(x: Floats, low: float, high: float) -> Floats:
    result: Floats = ((x >= low) & (x <= high)).astype(np.float64)
    return result


def batch_loss_and_gradient(batch: Batch, w: Floats) -> tuple[float, Floats]:
    """The summed weighted log loss of the batch's scored reviews and its gradient (21,)."""
    decay = -float(w[20])
    root = math.exp(math.log(0.9) / decay)
    factor = root - 1.0
    dfactor = root * math.log(0.9) / (decay * decay)  # d factor / d w20
    easy = w[4] - math.exp(3.0 * w[5]) + 1.0
    steps = batch.active.size
    g0 = batch.rating[0]
    s_raw0 = w[g0 - 1]
    d_raw0 = w[4] - np.exp(w[5] * (g0 - 1)) + 1.0
    s = np.clip(s_raw0, S_MIN, S_MAX)
    d = np.clip(d_raw0, D_MIN, D_MAX)
    loss = 0.0
    tape: list[tuple[Floats, ...]] = []
    for k in range(1, steps):
        m = int(batch.active[k])
        s, d = s[:m], d[:m]
        t = batch.delta_t[k, :m]
        g = batch.rating[k, :m]
        u = 1.0 + factor * t / s
        r = u**decay
        weight = batch.weight[k, :m]
        y = batch.label[k, :m]
        p = np.clip(r, P_MIN, P_MAX)
        loss -= float(np.dot(weight, y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
        # dLoss/dR of the scored reviews (0 elsewhere, and where the clamp holds R).
        g_r = -weight * (y / p - (1.0 - y) / (1.0 - p)) * _inside(r, P_MIN, P_MAX)
        long_term = t > 0
        # Short term (same day): S' = S^(1 - w19) e^(w17 (G - 3 + w18)), never below S for a pass.
        short = s ** (1.0 - w[19]) * np.exp(w[17] * (g - 3 + w[18]))
        short_floor = (g >= 2) & (short < s)
        # A lapse: w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)), at most S / e^(w17 w18).
        grown = (s + 1.0) ** w[13]
        forgot = w[11] * d ** (-w[12]) * (grown - 1.0) * np.exp((1.0 - r) * w[14])
        cap = s * math.exp(-w[17] * w[18])
        capped = cap < forgot
        # A recall: S (1 + e^w8 (11 - D) S^-w9 (e^(w10 (1-R)) - 1) hard easy).
        base = math.exp(w[8]) * (11.0 - d) * s ** (-w[9])
        boost = np.exp((1.0 - r) * w[10])
        bonus = np.where(g == 2, w[15], 1.0) * np.where(g == 4, w[16], 1.0)
        k_growth = base * (boost - 1.0)
        recalled_s = s * (1.0 + k_growth * bonus)
        new_s = np.where(
            long_term,
            np.where(g == 1, np.where(capped, cap, forgot), recalled_s),
            np.where(short_floor, s, short),
        )
        delta = -w[6] * (g - 3)
        damped = d + (10.0 - d) * delta / 9.0
        new_d = w[7] * easy + (1.0 - w[7]) * damped
        tape.append(
            (
                s,
                d,
                t,
                u,
                r,
                g_r,
                short,
                grown,
                forgot,
                cap,
                base,
                boost,
                bonus,
                k_growth,
                damped,
                new_s,
                new_d,
            )
        )
        s = np.clip(new_s, S_MIN, S_MAX)
        d = np.clip(new_d, D_MIN, D_MAX)

    grad = np.zeros(21)
    a_s = np.zeros(0)
    a_d = np.zeros(0)
    for k in range(steps - 1, 0, -1):
        (
            s,
            d,
            t,
            u,
            r,
            g_r,
            short,
            grown,
            forgot,
            cap,
            base,
            boost,
            bonus,
            k_growth,
            damped,
            new_s,
            new_d,
        ) = tape[k - 1]
        m = s.size
        g = batch.rating[k, :m]
        # The adjoints of this step's outputs: the next step's inputs, 0 past its cards.
        a_new_s = np.zeros(m)
        a_new_s[: a_s.size] = a_s
        a_new_d = np.zeros(m)
        a_new_d[: a_d.size] = a_d
        a_new_s *= _inside(new_s, S_MIN, S_MAX)
        a_new_d *= _inside(new_d, D_MIN, D_MAX)
        # Difficulty: mean reversion over linear damping.
        delta = -w[6] * (g - 3)
        a_damped = a_new_d * (1.0 - w[7])
        a_d = a_damped * (1.0 - delta / 9.0)
        grad[6] += float(np.dot(a_damped, (10.0 - d) / 9.0 * -(g - 3)))
        grad[7] += float(np.dot(a_new_d, np.full(m, easy) - damped))
        total = float(a_new_d.sum()) * w[7]
        grad[4] += total
        grad[5] += total * -3.0 * math.exp(3.0 * w[5])
        a_s_in = np.zeros(m)
        a_r = g_r.copy()
        long_term = t > 0
        # Short term.
        same_day = ~long_term
        floor = same_day & (g >= 2) & (short < s)
        a_short = np.where(same_day & ~floor, a_new_s, 0.0) * short
        a_s_in += np.where(floor, a_new_s, 0.0) + a_short * (1.0 - w[19]) / s
        grad[17] += float(np.dot(a_short, g - 3 + w[18]))
        grad[18] += float(a_short.sum()) * w[17]
        grad[19] -= float(np.dot(a_short, np.log(s)))
        # A lapse.
        lapse = long_term & (g == 1)
        capped = lapse & (cap < forgot)
        a_cap = np.where(capped, a_new_s, 0.0) * cap
        a_s_in += a_cap / s
        grad[17] -= float(a_cap.sum()) * w[18]
        grad[18] -= float(a_cap.sum()) * w[17]
        a_forgot = np.where(lapse & ~capped, a_new_s, 0.0) * forgot
        if a_forgot.any():
            grad[11] += float(a_forgot.sum()) / w[11]
            grad[12] -= float(np.dot(a_forgot, np.log(d)))
            a_d -= a_forgot * w[12] / d
            a_s_in += a_forgot * w[13] * (s + 1.0) ** (w[13] - 1.0) / (grown - 1.0)
            grad[13] += float(np.dot(a_forgot, grown * np.log(s + 1.0) / (grown - 1.0)))
            a_r -= a_forgot * w[14]
            grad[14] += float(np.dot(a_forgot, 1.0 - r))
        # A recall.
        a_recall = np.where(long_term & (g > 1), a_new_s, 0.0)
        a_s_in += a_recall * (1.0 + k_growth * bonus)
        a_growth = a_recall * s  # d S' / d (K bonus)
        grad[15] += float(np.dot(a_growth, np.where(g == 2, k_growth, 0.0)))
        grad[16] += float(np.dot(a_growth, np.where(g == 4, k_growth, 0.0)))
        a_k = a_growth * bonus
        a_log_base = a_k * k_growth  # K = B (X - 1): d K / d ln B = K
        grad[8] += float(a_log_base.sum())
        a_d -= a_log_base / (11.0 - d)
        a_s_in -= a_log_base * w[9] / s
        grad[9] -= float(np.dot(a_log_base, np.log(s)))
        a_boost = a_k * base * boost  # d K / d (w10 (1-R)) = B X
        grad[10] += float(np.dot(a_boost, 1.0 - r))
        a_r -= a_boost * w[10]
        # Retrievability: R = (1 + factor t / S)^decay, decay = -w20.
        a_s_in += a_r * r * decay * (-factor * t / (s * s)) / u
        grad[20] += float(np.dot(a_r, r * (-np.log(u) + decay * (t / s) * dfactor / u)))
        a_s = a_s_in
    # The first review: S0 = w[G-1], D0 = w4 - e^(w5 (G-1)) + 1, each clamped.
    n = g0.size
    a_s0 = np.zeros(n)
    a_s0[: a_s.size] = a_s
    a_d0 = np.zeros(n)
    a_d0[: a_d.size] = a_d
    a_s0 *= _inside(s_raw0, S_MIN, S_MAX)
    a_d0 *= _inside(d_raw0, D_MIN, D_MAX)
    grad[:4] += np.bincount(g0 - 1, weights=a_s0, minlength=4)[:4]
    grad[4] += float(a_d0.sum())
    grad[5] += float(np.dot(a_d0, -(g0 - 1) * np.exp(w[5] * (g0 - 1))))
    return loss, grad
