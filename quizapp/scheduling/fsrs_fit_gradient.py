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
from typing import Any

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.fsrs_fit_data import Batch

S_MIN, S_MAX = 0.001, 36_500.0
D_MIN, D_MAX = 1.0, 10.0
#: fsrs-rs clamps the predicted recall into [1e-7, 1 - 1e-7] inside the log loss.
P_MIN, P_MAX = 1e-7, 1.0 - 1e-7

Floats = NDArray[np.float64]


def batch_loss_and_gradient(batch: Batch, w: Floats) -> tuple[float, Floats]:
    """The summed weighted log loss of the batch's scored reviews and its gradient (21,)."""
    decay = -float(w[20])
    root = math.exp(math.log(0.9) / decay)
    factor = root - 1.0
    # d factor / d w20, over factor (R's w20 term is written with factor t / S).
    dfactor = root * math.log(0.9) / (decay * decay) / factor
    easy_d = w[4] - math.exp(3.0 * w[5]) + 1.0
    reverted = w[7] * easy_d
    keep = 1.0 - w[7]
    cap_scale = math.exp(-w[17] * w[18])
    grow_scale = math.exp(w[8])
    # What depends on the ratings and the parameters only, for the whole batch at once.
    factor_t = factor * batch.delta_t
    short_gain = np.exp(w[17] * (batch.offset + w[18]))
    bonus = 1.0 + batch.hard * (w[15] - 1.0) + batch.easy * (w[16] - 1.0)
    damping = batch.offset * (-w[6] / 9.0)
    steps = batch.active.size
    g0 = batch.rating[0]
    s_raw0 = w[g0 - 1]
    d_raw0 = w[4] - np.exp(w[5] * (g0 - 1)) + 1.0
    s = np.minimum(np.maximum(s_raw0, S_MIN), S_MAX)
    d = np.minimum(np.maximum(d_raw0, D_MIN), D_MAX)
    loss = 0.0
    tape: list[tuple[NDArray[Any], ...]] = []
    for k in range(1, steps):
        m = int(batch.active[k])
        s, d = s[:m], d[:m]
        ft = factor_t[k, :m] / s
        u = 1.0 + ft
        r = u**decay
        p = np.minimum(np.maximum(r, P_MIN), P_MAX)
        q = np.where(batch.recalled[k, :m], p, 1.0 - p)  # the likelihood of what happened
        loss -= float(np.dot(batch.weight[k, :m], np.log(q)))
        g_r = batch.signed_weight[k, :m] / q * (p == r)  # dLoss/dR, 0 where the clamp holds
        forgotten = 1.0 - r
        # Same day: S^(1 - w19) e^(w17 (G - 3 + w18)), never below S for a pass.
        short = s ** (1.0 - w[19]) * short_gain[k, :m]
        floor = batch.passed[k, :m] & (short < s)
        # A lapse: w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)), at most S / e^(w17 w18).
        grown = (s + 1.0) ** w[13]
        lapse_s = w[11] * d ** (-w[12]) * (grown - 1.0) * np.exp(forgotten * w[14])
        cap = s * cap_scale
        capped = cap < lapse_s
        # A recall: S (1 + e^w8 (11 - D) S^-w9 (e^(w10 (1-R)) - 1) hard easy).
        base = grow_scale * (11.0 - d) * s ** (-w[9])
        boost = np.exp(forgotten * w[10])
        growth = base * (boost - 1.0)
        new_s = np.where(
            batch.recall[k, :m],
            s * (1.0 + growth * bonus[k, :m]),
            np.where(batch.lapse[k, :m], np.minimum(cap, lapse_s), np.where(floor, s, short)),
        )
        damped = d + (10.0 - d) * damping[k, :m]
        new_d = reverted + keep * damped
        next_s = np.minimum(np.maximum(new_s, S_MIN), S_MAX)
        next_d = np.minimum(np.maximum(new_d, D_MIN), D_MAX)
        tape.append(
            (
                s,
                d,
                ft,
                u,
                r,
                g_r,
                forgotten,
                short,
                floor,
                grown,
                lapse_s,
                cap,
                capped,
                base,
                boost,
                growth,
                damped,
                new_s == next_s,
                new_d == next_d,
            )
        )
        s, d = next_s, next_d

    grad = np.zeros(21)
    a_s = np.zeros(0)
    a_d = np.zeros(0)
    for k in range(steps - 1, 0, -1):
        (
            s,
            d,
            ft,
            u,
            r,
            g_r,
            forgotten,
            short,
            floor,
            grown,
            lapse_s,
            cap,
            capped,
            base,
            boost,
            growth,
            damped,
            s_free,
            d_free,
        ) = tape[k - 1]
        m = s.size
        # The adjoints of this step's outputs are the next step's inputs' (0 past its cards),
        # through the clamps.
        a_new_s = np.zeros(m)
        a_new_s[: a_s.size] = a_s
        a_new_s *= s_free
        a_new_d = np.zeros(m)
        a_new_d[: a_d.size] = a_d
        a_new_d *= d_free
        # Difficulty: mean reversion over linear damping.
        a_damped = a_new_d * keep
        a_d = a_damped * (1.0 - damping[k, :m])
        grad[6] += float(np.dot(a_damped, (10.0 - d) * batch.offset[k, :m])) / -9.0
        grad[7] += float(np.dot(a_new_d, easy_d - damped))
        total = float(a_new_d.sum()) * w[7]
        grad[4] += total
        grad[5] -= total * 3.0 * math.exp(3.0 * w[5])
        log_s = np.log(s)
        same_day = batch.same_day[k, :m]
        # Same day.
        a_short = a_new_s * (same_day & ~floor) * short
        a_s_in = a_new_s * (same_day & floor) + a_short * ((1.0 - w[19]) / s)
        grad[17] += float(np.dot(a_short, batch.offset[k, :m] + w[18]))
        grad[18] += float(a_short.sum()) * w[17]
        grad[19] -= float(np.dot(a_short, log_s))
        # A lapse: capped, or by the lapse formula.
        lapse = batch.lapse[k, :m]
        a_cap = a_new_s * (lapse & capped) * cap
        a_s_in += a_cap / s
        capped_total = float(a_cap.sum())
        grad[17] -= capped_total * w[18]
        grad[18] -= capped_total * w[17]
        a_lapse = a_new_s * (lapse & ~capped) * lapse_s  # dLoss/d ln S'
        grad[11] += float(a_lapse.sum()) / w[11]
        grad[12] -= float(np.dot(a_lapse, np.log(d)))
        a_d -= a_lapse * (w[12] / d)
        ratio = grown / (grown - 1.0)
        plus_one = s + 1.0
        a_s_in += a_lapse * (w[13] * ratio / plus_one)
        grad[13] += float(np.dot(a_lapse, ratio * np.log(plus_one)))
        a_r = g_r - a_lapse * w[14]
        grad[14] += float(np.dot(a_lapse, forgotten))
        # A recall.
        a_recall = a_new_s * batch.recall[k, :m]
        a_s_in += a_recall * (1.0 + growth * bonus[k, :m])
        a_growth = a_recall * s  # dLoss/d (growth * bonus)
        grad[15] += float(np.dot(a_growth, growth * batch.hard[k, :m]))
        grad[16] += float(np.dot(a_growth, growth * batch.easy[k, :m]))
        a_log_base = a_growth * bonus[k, :m] * growth  # growth = base (boost - 1)
        grad[8] += float(a_log_base.sum())
        a_d -= a_log_base / (11.0 - d)
        a_s_in -= a_log_base * (w[9] / s)
        grad[9] -= float(np.dot(a_log_base, log_s))
        a_boost = a_growth * bonus[k, :m] * base * boost  # dLoss/d (w10 (1 - R))
        grad[10] += float(np.dot(a_boost, forgotten))
        a_r -= a_boost * w[10]
        # Retrievability: R = (1 + factor t / S)^decay, decay = -w20.
        a_s_in += a_r * r * ft * (-decay) / (s * u)
        grad[20] += float(np.dot(a_r, r * (decay * ft * dfactor / u - np.log(u))))
        a_s = a_s_in
    # The first review: S0 = w[G-1], D0 = w4 - e^(w5 (G-1)) + 1, each clamped.
    n = g0.size
    a_s0 = np.zeros(n)
    a_s0[: a_s.size] = a_s
    a_d0 = np.zeros(n)
    a_d0[: a_d.size] = a_d
    a_s0 *= (s_raw0 >= S_MIN) & (s_raw0 <= S_MAX)
    a_d0 *= (d_raw0 >= D_MIN) & (d_raw0 <= D_MAX)
    grad[:4] += np.bincount(g0 - 1, weights=a_s0, minlength=4)[:4]
    grad[4] += float(a_d0.sum())
    grad[5] += float(np.dot(a_d0, -(g0 - 1) * np.exp(w[5] * (g0 - 1))))
    return loss, grad
