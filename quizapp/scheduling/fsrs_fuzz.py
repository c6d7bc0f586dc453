"""FSRS's fuzz and Anki's load balancing: which day, near the one FSRS computed, a review lands on.

Fuzz spreads review intervals of 3 days and more over a small range around the computed one
(`fuzz_range`, py-fsrs's and Anki's ranges), so cards learnt together and always rated alike do
not stay together. Load balancing (Anki's, since 24.11) goes one step further: among the days
the fuzz allows, it prefers those with fewer cards already due. Each allowed day gets the weight
Anki gives it, 1 for a day with nothing due, else (1/count)² · (1/interval) (the second factor
leans towards the earlier days, which would otherwise lose to the later, emptier ones), and the
day is drawn with those weights. Intervals over 90 days are not balanced (little is due that far
out, and the need is small), only fuzzed.

Both are deterministic: the draw is a hash of the caller's seed (the card's) and the instant of
the review, not a random generator, so the same answer gives the same day, in a replay too.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from datetime import datetime

#: FSRS's fuzz: d days may move by 1 day, plus 15 % of the part of d from 2.5 to 7 days, 10 % of
#: the part from 7 to 20 and 5 % of the part beyond 20 (py-fsrs's and Anki's ranges).
_FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.10), (20.0, math.inf, 0.05))
#: Intervals longer than this are fuzzed but not balanced (Anki's MAX_LOAD_BALANCE_INTERVAL).
MAX_BALANCED_INTERVAL = 90

#: Cards already due `days` days from the review (the caller's count of its collection).
DueLoad = Callable[[int], int]


def fuzz_range(days: int, maximum_interval: int) -> tuple[int, int]:
    """The first and last whole day an interval of `days` may be fuzzed to (from 3 days on;
    a shorter one is not fuzzed), within the maximum interval."""
    delta = 1.0 + sum(
        factor * max(min(float(days), end) - start, 0.0) for start, end, factor in _FUZZ_RANGES
    )
    high = min(round(days + delta), maximum_interval)
    return min(max(2, round(days - delta)), high), high


def _draw(seed: int, now: datetime) -> float:
    """A number in [0, 1) fixed by the seed and the instant."""
    key = f"{seed}:{now.isoformat()}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") / 2.0**64


def fuzzed_interval(
    days: int, maximum_interval: int, seed: int, now: datetime, load: DueLoad | None = None
) -> int:
    """The interval (days) a review of `days` gets with fuzz, balanced over `load` if given."""
    if days < 2.5:
        return days
    low, high = fuzz_range(days, maximum_interval)
    draw = _draw(seed, now)
    if load is None or days > MAX_BALANCED_INTERVAL or low > MAX_BALANCED_INTERVAL:
        return low + min(int(draw * (high - low + 1)), high - low)
    candidates = range(low, high + 1)
    # Anki's weight of a day (see above), written out: this runs for each day of the range.
    weights = [1.0 if (due := load(day)) <= 0 else (1.0 / due) ** 2 / day for day in candidates]
    target = draw * sum(weights)
    for day, weight in zip(candidates, weights, strict=True):
        target -= weight
        if target < 0:
            return day
    return high
