"""A synthetic learner's history: N cards, M answers over D days, written in bulk through the store.

The learner is simulated through the real scheduler (`SM2Scheduler.answer`), so every state,
interval and due day in the log is one SM-2 really produces. Each study day the learner answers
the cards due (most overdue first) and meets new cards in deck order, within a daily budget of
answers that spreads the M answers evenly over the D days; answers graded below 4 are asked
again the same day (SM-2's step 7), as repeats that leave the card's state alone.
Whether an answer is remembered is drawn from a seeded generator: 70 % on first sight, then 88 %
for young cards and 95 % for mature ones, so the same arguments always give the same history.

Used by benchmarks/bench_stats.py and by tests that need a realistic history:

    history = simulate(cards=1000, reviews=10_000, days=90, end=date(2024, 6, 30))
    write(database, history)
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, cast

import numpy as np

from quizapp.model import Card, CardKind, Deck
from quizapp.scheduling.days import StudyCalendar
from quizapp.scheduling.sm2 import SM2Scheduler, SM2State

#: Chance the learner remembers a card: on first sight, when young (< 21 days), when mature.
RECALL_FIRST, RECALL_YOUNG, RECALL_MATURE = 0.70, 0.88, 0.95
#: Grades given when remembered (3, 4, 5) and when not (0, 1, 2), with their chances.
PASS_GRADES, PASS_WEIGHTS = np.array([3, 4, 5]), np.array([0.2, 0.5, 0.3])
FAIL_GRADES, FAIL_WEIGHTS = np.array([0, 1, 2]), np.array([0.2, 0.4, 0.4])
#: A step-7 repeat is remembered well: 4 or 5 nine times in ten.
REPEAT_GRADES, REPEAT_WEIGHTS = np.array([3, 4, 5]), np.array([0.1, 0.6, 0.3])
_BATCH = 20_000


@dataclass(frozen=True)
class SyntheticHistory:
    """The decks the cards belong to and every answer, as columns (one row per answer)."""

    decks: tuple[Deck, ...]
    #: Index of the answered card in `cards` (deck order, then card order).
    card: np.ndarray[Any, np.dtype[np.int64]]
    #: The study day of each answer, and the second of that day (from the rollover) it came at.
    day: list[date]
    second: np.ndarray[Any, np.dtype[np.int64]]
    grade: np.ndarray[Any, np.dtype[np.int64]]
    response_ms: np.ndarray[Any, np.dtype[np.int64]]
    state_before: list[dict[str, Any]]
    state_after: list[dict[str, Any]]
    repeat: np.ndarray[Any, np.dtype[np.bool_]]
    #: Each card's state after its last answer, due day, lapses and first day (None: never met).
    final: list[tuple[SM2State, date, int, date] | None]
    rollover_hour: int
    tz: tzinfo

    @property
    def cards(self) -> list[tuple[str, str]]:
        return [(deck.id, card.id) for deck in self.decks for card in deck.cards]

    def __len__(self) -> int:
        return len(self.card)


def make_decks(cards: int, decks: int = 10) -> tuple[Deck, ...]:
    """`decks` decks sharing `cards` basic cards (the first decks get the odd ones)."""
    sizes = [cards // decks + (1 if i < cards % decks else 0) for i in range(decks)]
    made = []
    for d, size in enumerate(sizes):
        deck_id = f"synthetic-{d:02d}"
        made.append(
            Deck(
                id=deck_id,
                title=f"Synthetic deck {d}",
                path=f"synthetic/{deck_id}.yaml",
                content_hash=f"{d:064x}",
                tags=("synthetic", f"group-{d % 3}"),
                cards=tuple(
                    Card(
                        id=f"c{i:06d}",
                        kind=CardKind.BASIC,
                        front=f"Question {d}.{i}",
                        back=f"Answer {d}.{i}",
                        line=6 + 3 * i,
                    )
                    for i in range(size)
                ),
            )
        )
    return tuple(made)


def simulate(
    *,
    cards: int,
    reviews: int,
    days: int,
    end: date,
    decks: int = 10,
    seed: int = 0,
    rollover_hour: int = 4,
    tz: tzinfo = UTC,
    max_interval_days: int = 36_500,
) -> SyntheticHistory:
    """Simulate `reviews` answers to `cards` cards over the `days` study days ending on `end`.

    The budget is exact when the cards give enough work; with too few cards for the answers
    asked, the learner runs out of due cards and the history holds fewer answers.
    """
    rng = np.random.default_rng(seed)
    # Drawn in bulk up front: one numpy call per answer would cost more than SM-2 itself.
    chance = iter(rng.random(reviews).tolist())
    passed = iter(rng.choice(PASS_GRADES, size=reviews, p=PASS_WEIGHTS).tolist())
    failed = iter(rng.choice(FAIL_GRADES, size=reviews, p=FAIL_WEIGHTS).tolist())
    repeated = iter(rng.choice(REPEAT_GRADES, size=reviews, p=REPEAT_WEIGHTS).tolist())
    scheduler = SM2Scheduler(max_interval_days=max_interval_days)
    made = make_decks(cards, decks)
    state: list[SM2State | None] = [None] * cards
    due = np.full(cards, np.iinfo(np.int64).max, dtype=np.int64)
    lapses = np.zeros(cards, dtype=np.int64)
    due_date: list[date | None] = [None] * cards
    introduced: list[date | None] = [None] * cards
    next_new = 0
    # Columns, filled as the learner answers.
    col_card: list[int] = []
    col_day: list[date] = []
    col_grade: list[int] = []
    col_before: list[dict[str, Any]] = []
    col_after: list[dict[str, Any]] = []
    col_repeat: list[bool] = []
    first = end - timedelta(days=days - 1)
    # New cards are met over the first 80 % of the days, so late days are mostly reviews.
    new_per_day = math.ceil(cards / max(1, int(days * 0.8)))

    for n in range(days):
        today = first + timedelta(days=n)
        left = reviews - len(col_card)
        if left <= 0:
            break
        budget = math.ceil(left / (days - n))
        # A twentieth of the day is kept for step-7 repeats, so a busy day still has some.
        reserve = budget // 20
        budget -= reserve
        waiting = np.flatnonzero(due <= n)
        waiting = waiting[np.argsort(due[waiting], kind="stable")][:budget]
        # More new cards on a day with too little due to fill the budget.
        meet = max(new_per_day, budget - len(waiting))
        fresh = list(range(next_new, min(cards, next_new + meet)))
        queue = [int(c) for c in waiting] + fresh
        short = budget - len(queue)
        if short > 0:
            # Nothing more due and no new card left: the learner reviews ahead, soonest first.
            ahead = np.flatnonzero((due > n) & (due < np.iinfo(np.int64).max))
            queue += [int(c) for c in ahead[np.argsort(due[ahead], kind="stable")][:short]]
        again: list[int] = []
        for c in queue:
            if len(col_card) >= reviews or budget <= 0:
                break
            before = state[c] or scheduler.initial_state()
            if state[c] is None:
                next_new += 1
                introduced[c] = today
                p = RECALL_FIRST
            else:
                p = RECALL_MATURE if before.interval >= 21 else RECALL_YOUNG
            grade = next(passed) if next(chance) < p else next(failed)
            outcome = scheduler.answer(before, grade, today)
            after = outcome.state
            assert isinstance(after, SM2State)
            state[c] = after
            due[c] = n + outcome.interval
            lapses[c] += outcome.lapse
            due_date[c] = outcome.due
            col_card.append(c)
            col_day.append(today)
            col_grade.append(grade)
            col_before.append(before.to_dict())
            col_after.append(after.to_dict())
            col_repeat.append(False)
            budget -= 1
            if grade < 4:
                again.append(c)
        # Step 7: ask again, until each scores 4 or more; the state is left as it is.
        budget += reserve
        while again and budget > 0 and len(col_card) < reviews:
            c = again.pop(0)
            grade = next(repeated)
            kept = state[c]
            assert kept is not None
            col_card.append(c)
            col_day.append(today)
            col_grade.append(grade)
            col_before.append(kept.to_dict())
            col_after.append(kept.to_dict())
            col_repeat.append(True)
            budget -= 1
            if grade < 4:
                again.append(c)

    count = len(col_card)
    final: list[tuple[SM2State, date, int, date] | None] = []
    for c in range(cards):
        s, d, met = state[c], due_date[c], introduced[c]
        final.append(None if s is None or d is None or met is None else (s, d, int(lapses[c]), met))
    return SyntheticHistory(
        decks=made,
        card=np.asarray(col_card, dtype=np.int64),
        day=col_day,
        # Answers come between 08:00 and 23:00 after the rollover hour's start of day.
        second=rng.integers(4 * 3600, 19 * 3600, size=count).astype(np.int64),
        grade=np.asarray(col_grade, dtype=np.int64),
        response_ms=np.clip(rng.lognormal(8.6, 0.6, size=count), 500, 120_000).astype(np.int64),
        state_before=col_before,
        state_after=col_after,
        repeat=np.asarray(col_repeat, dtype=np.bool_),
        final=final,
        rollover_hour=rollover_hour,
        tz=tz,
    )


def _batches(n: int) -> Iterator[range]:
    for start in range(0, n, _BATCH):
        yield range(start, min(n, start + _BATCH))


def write(database: Any, history: SyntheticHistory) -> None:
    """Write the decks, cards, card states and answers through the store, in bulk.

    `database` is a `quizapp.store.database.Database`. Cards are created by the store's own
    deck sync; answers go in with one executemany per batch of rows.
    """
    from sqlalchemy import Table, bindparam, insert, update

    from quizapp.store import queries
    from quizapp.store.deck_sync import sync_decks
    from quizapp.store.models import CardStateRow, ReviewRow

    started = datetime.combine(history.day[0] if history.day else date(2000, 1, 1), time(12))
    now = started.replace(tzinfo=history.tz)
    with database.writing() as db:
        sync_decks(
            db,
            history.decks,
            now=now,
            schedulers=lambda _deck: SM2Scheduler(),
            calendar=StudyCalendar(history.rollover_hour, history.tz),
        )
    with database.reading() as db:
        ids_by_key = queries.card_ids(db, [d.id for d in history.decks])
    card_id = np.asarray([ids_by_key[key] for key in history.cards], dtype=np.int64)

    # Answer times: the study day's rollover hour, plus the drawn second, in the learner's zone.
    day_starts = {
        day: datetime.combine(day, time(history.rollover_hour), tzinfo=history.tz)
        for day in set(history.day)
    }
    ids = np.random.default_rng(len(history)).integers(0, 2**63, size=(len(history), 2))
    with database.writing() as db:
        for batch in _batches(len(history)):
            rows = [
                {
                    "id": str(uuid.UUID(int=(int(ids[i, 0]) << 64) | int(ids[i, 1]), version=4)),
                    "card_id": int(card_id[history.card[i]]),
                    "reviewed_at": day_starts[history.day[i]]
                    + timedelta(seconds=int(history.second[i])),
                    "study_day": history.day[i],
                    "grade": int(history.grade[i]),
                    "response_ms": int(history.response_ms[i]),
                    "scheduler": SM2Scheduler.name,
                    "state_before": history.state_before[i],
                    "state_after": history.state_after[i],
                    "seed": None,
                    "given": None,
                    "repeat": bool(history.repeat[i]),
                }
                for i in batch
            ]
            # The Core table, not the ORM entity: plain executemany, no ORM bookkeeping per row.
            db.connection().execute(insert(cast(Table, ReviewRow.__table__)), rows)
        states = cast(Table, CardStateRow.__table__)
        set_state = (
            update(states)
            .where(states.c.card_id == bindparam("b_card_id"))
            .values(
                state=bindparam("state"),
                due_at=bindparam("due_at"),
                interval=bindparam("interval"),
                easiness=bindparam("easiness"),
                repetitions=bindparam("repetitions"),
                lapses=bindparam("lapses"),
                introduced=bindparam("introduced"),
            )
        )
        answered = [(i, f) for i, f in enumerate(history.final) if f is not None]
        calendar = StudyCalendar(history.rollover_hour, history.tz)
        for batch in _batches(len(answered)):
            db.connection().execute(
                set_state,
                [
                    {
                        "b_card_id": int(card_id[i]),
                        "state": s.to_dict(),
                        # The due day as the instant it begins, as the session stores it.
                        "due_at": calendar.start_of(due),
                        "interval": s.interval,
                        "easiness": s.easiness,
                        "repetitions": s.repetitions,
                        "lapses": lapses,
                        "introduced": first,
                    }
                    for i, (s, due, lapses, first) in (answered[j] for j in batch)
                ],
            )
