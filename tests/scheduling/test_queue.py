"""The study queue: orders, limits and repeats (SM-2's step 7), expectations written by hand."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.scheduling.queue import (
    DoneToday,
    Entry,
    EntryKind,
    Limits,
    QueueRow,
    StudyQueue,
    build_queue,
    pending_repeats,
)
from quizapp.scheduling.sm2 import SM2Scheduler
from quizapp.scheduling.spread import spread

TODAY = date(2026, 3, 10)
SM2 = SM2Scheduler()


def again(grade: int) -> bool:
    """Whether SM-2 asks a card graded so again in the session (step 7: below 4)."""
    return SM2.rating(grade).repeats


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


# (key, deck, position, due, suspended, buried_until)
ROWS: list[QueueRow[str]] = [
    ("a", "d1", 1, day(-1), False, None),  # 1 day overdue
    ("b", "d1", 2, day(-5), False, None),  # 5 days overdue
    ("c", "d2", 1, day(0), False, None),  # due today
    ("d", "d1", 3, day(1), False, None),  # due tomorrow: not today
    ("n1", "d1", 10, None, False, None),  # new, later in d1's file
    ("n2", "d1", 5, None, False, None),  # new, earlier in d1's file
    ("n3", "d2", 1, None, False, None),
    ("s", "d1", 4, day(-10), True, None),  # suspended: never
    ("sn", "d2", 0, None, True, None),  # suspended new card: never
    ("bu", "d1", 6, day(-3), False, day(1)),  # buried until tomorrow: not today
    ("bu2", "d1", 7, day(-2), False, day(0)),  # buried until today: back today
]


def keys(queue: StudyQueue[str]) -> list[tuple[str, EntryKind]]:
    return [(e.key, e.kind) for e in queue.planned()] + [(e.key, e.kind) for e in queue.repeats]


def test_order_due_most_overdue_first_then_new_in_deck_order() -> None:
    queue = build_queue(ROWS, TODAY, deck_order=["d1", "d2"])
    assert keys(queue) == [
        ("b", "due"),  # -5
        ("bu2", "due"),  # -2
        ("a", "due"),  # -1
        ("c", "due"),  # 0
        ("n2", "new"),  # d1, position 5
        ("n1", "new"),  # d1, position 10
        ("n3", "new"),  # d2
    ]
    assert queue.current() == Entry("b", "d1", "due")
    assert queue.left == 7
    assert (queue.due_count, len(queue.keys), queue.repeats) == (4, 7, ())


def test_deck_order_decides_new_cards_and_ties() -> None:
    rows: list[QueueRow[str]] = [
        ("x", "d2", 1, day(-2), False, None),
        ("y", "d1", 9, day(-2), False, None),
        ("z", "d1", 1, day(-2), False, None),
        ("m", "d2", 1, None, False, None),
        ("k", "d1", 1, None, False, None),
    ]
    first = build_queue(rows, TODAY, deck_order=["d1", "d2"])
    assert [e.key for e in first.planned()] == ["z", "y", "x", "k", "m"]
    second = build_queue(rows, TODAY, deck_order=["d2", "d1"])
    assert [e.key for e in second.planned()] == ["x", "z", "y", "m", "k"]
    # Without an order, decks go by id: d1 before d2.
    assert [e.key for e in build_queue(rows, TODAY).planned()] == ["z", "y", "x", "k", "m"]
    # Row order does not matter.
    assert build_queue(list(reversed(rows)), TODAY) == build_queue(rows, TODAY)


def test_unlisted_decks_come_after_listed_ones_by_id() -> None:
    rows: list[QueueRow[str]] = [
        ("p", "zeta", 1, None, False, None),
        ("q", "alpha", 1, None, False, None),
        ("r", "mid", 1, None, False, None),
    ]
    queue = build_queue(rows, TODAY, deck_order=["mid"])
    assert [e.key for e in queue.planned()] == ["r", "q", "p"]


def test_review_limit_keeps_the_most_overdue() -> None:
    # 200-limit idea at small scale: 3 a day, 1 already done -> room for 2: b (-5) and bu2 (-2).
    queue = build_queue(ROWS, TODAY, Limits(new_per_deck=20, reviews_per_day=3), DoneToday({}, 1))
    assert [e.key for e in queue.planned() if e.kind == "due"] == ["b", "bu2"]


def test_new_limit_is_per_deck_and_subtracts_what_was_done() -> None:
    # 2 new per deck; d1 already introduced 1 today -> 1 more (n2, first in file); d2 -> n3.
    queue = build_queue(ROWS, TODAY, Limits(new_per_deck=2), DoneToday({"d1": 1}))
    assert [e.key for e in queue.planned() if e.kind == "new"] == ["n2", "n3"]


def test_limits_already_exceeded_give_nothing_not_an_error() -> None:
    queue = build_queue(ROWS, TODAY, Limits(1, 1), DoneToday({"d1": 5, "d2": 5}, 9))
    assert queue.current() is None
    assert queue.left == 0


def test_zero_limits() -> None:
    assert build_queue(ROWS, TODAY, Limits(0, 0)).planned() == []


def test_negative_limits_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        Limits(-1, 200)


def test_deck_selection() -> None:
    queue = build_queue(ROWS, TODAY, deck_ids=["d2"])
    assert keys(queue) == [("c", "due"), ("n3", "new")]


def test_pending_repeats_come_last_and_are_not_due_or_new() -> None:
    # "d" was answered earlier today with a grade < 4 (so it is due tomorrow) and owes a repeat.
    queue = build_queue(ROWS, TODAY, repeats=["d", "s"])  # "s" is suspended: dropped
    assert keys(queue)[-1] == ("d", "repeat")
    assert ("s", "repeat") not in keys(queue)
    assert (queue.due_count, len(queue.keys), len(queue.repeats)) == (4, 7, 1)


def test_step7_session_flow() -> None:
    rows: list[QueueRow[str]] = [
        ("a", "d", 1, day(-1), False, None),
        ("b", "d", 2, day(0), False, None),
        ("n", "d", 3, None, False, None),
    ]
    q0 = build_queue(rows, TODAY)
    assert q0.current() == Entry("a", "d", "due")
    q1 = q0.answered(again(5))  # a done for good
    assert q1.current() == Entry("b", "d", "due")
    q2 = q1.answered(again(3))  # right but hard: repeat b at the end
    assert q2.current() == Entry("n", "d", "new")
    assert (q2.left, [e.key for e in q2.repeats]) == (2, ["b"])
    q3 = q2.answered(again(1))  # n wrong: repeat after b
    assert q3.current() == Entry("b", "d", "repeat")
    assert [e.key for e in q3.repeats] == ["b", "n"]
    q4 = q3.answered(again(2))  # b still below 4: to the back again
    assert [e.key for e in q4.repeats] == ["n", "b"]
    q5 = q4.answered(again(4))  # n learnt
    q6 = q5.answered(again(5))  # b learnt
    assert q6.current() is None
    assert q6.left == 0
    with pytest.raises(IndexError, match="finished"):
        q6.answered(again(4))
    # Undo is going back to an earlier value: nothing was changed in place.
    assert q1.current() == Entry("b", "d", "due")
    assert q1.left == 2
    assert q3.repeats == (Entry("b", "d", "repeat"), Entry("n", "d", "repeat"))


def test_skip_drops_current_and_its_repeats() -> None:
    rows: list[QueueRow[str]] = [
        ("a", "d", 1, day(-1), False, None),
        ("b", "d", 2, day(0), False, None),
    ]
    queue = build_queue(rows, TODAY).answered(again(2))  # a owes a repeat
    assert queue.skipped().current() == Entry("a", "d", "repeat")  # b skipped
    in_repeats = queue.answered(again(5))
    assert in_repeats.current() == Entry("a", "d", "repeat")
    assert in_repeats.skipped().current() is None  # buried while repeating: gone today
    with pytest.raises(IndexError):
        in_repeats.skipped().skipped()


def test_without_takes_prompts_out_of_what_is_left() -> None:
    queue = build_queue(ROWS, TODAY, deck_order=["d1", "d2"]).answered(again(5)).answered(again(1))
    # b and bu2 are asked (bu2 owes a repeat); take out bu2, a and n1.
    trimmed = queue.without(["bu2", "a", "n1"])
    assert [e.key for e in trimmed.planned()] == ["b", "bu2", "c", "n2", "n3"]
    assert trimmed.current() == Entry("c", "d2", "due")
    assert trimmed.repeats == ()
    assert (trimmed.due_count - trimmed.position, trimmed.left) == (1, 3)


def test_study_queue_checks_its_parts() -> None:
    with pytest.raises(ValueError, match="do not agree"):
        StudyQueue(keys=("a",), decks=(), due_count=0)
    with pytest.raises(ValueError, match="do not agree"):
        StudyQueue(keys=("a",), decks=("d",), due_count=2)


def test_pending_repeats_from_todays_answers() -> None:
    answers = [("a", 5), ("b", 2), ("c", 3), ("b", 4), ("a", 1)]
    # a's last is 1 (repeat), b's last 4 (done), c's last 3 (repeat); in order of last answer.
    assert pending_repeats((key, again(grade)) for key, grade in answers) == ["c", "a"]
    assert pending_repeats([]) == []


def test_due_instants_against_the_end_of_the_day() -> None:
    # Rows with due instants (a scheduler's due times): due when before the study day's end.
    end = datetime(2026, 3, 11, 4, 0, tzinfo=UTC)
    rows: list[QueueRow[str]] = [
        ("later", "d", 1, end + timedelta(minutes=1), False, None),
        ("soon", "d", 2, end - timedelta(minutes=10), False, None),
        ("at-end", "d", 3, end, False, None),  # the next day's start: not today
        ("old", "d", 4, end - timedelta(days=3), False, None),
        ("bu", "d", 5, end - timedelta(days=5), False, day(1)),  # buried until tomorrow
    ]
    queue = build_queue(rows, TODAY, due_before=end)
    assert keys(queue) == [("old", "due"), ("soon", "due")]


def test_integer_keys_from_a_database() -> None:
    rows: list[QueueRow[int]] = [(7, "d", 1, day(-1), False, None), (3, "d", 2, None, False, None)]
    queue = build_queue(rows, TODAY)
    assert [e.key for e in queue.planned()] == [7, 3]


def test_a_big_collection_is_quick() -> None:
    # 100,000 prompts over 20 decks; the aim is well under 100 ms (benchmarks print the figure).
    # The bound here is loose so a busy machine does not fail it; it catches quadratic work.
    rows: list[QueueRow[int]] = [
        (i, f"deck{i % 20}", i, None if i % 3 == 0 else day(i % 400 - 100), i % 97 == 0, None)
        for i in range(100_000)
    ]
    start = time.perf_counter()
    queue = build_queue(rows, TODAY, Limits(100_000, 1_000_000))
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    # i % 3 != 0 and i % 400 <= 100 are due; i % 3 == 0 are new; minus i % 97 == 0.
    due = sum(1 for i in range(100_000) if i % 3 and i % 400 <= 100 and i % 97)
    new = sum(1 for i in range(100_000) if i % 3 == 0 and i % 97)
    assert (queue.due_count, len(queue.keys) - queue.due_count, queue.repeats) == (due, new, ())


# --- properties ---------------------------------------------------------------------------


ROW_PARTS = st.tuples(
    st.sampled_from(["d1", "d2", "d3"]),
    st.integers(0, 9),
    st.one_of(st.none(), st.integers(-30, 30).map(day)),
    st.booleans(),
    st.one_of(st.none(), st.integers(-2, 2).map(day)),
)


@st.composite
def collections(draw: st.DrawFn) -> list[QueueRow[int]]:
    parts = draw(st.lists(ROW_PARTS, max_size=40))
    return [(key, *part) for key, part in enumerate(parts)]


@given(collections(), st.integers(0, 10), st.integers(0, 30))
def test_property_queue_is_sound(rows: list[QueueRow[int]], new_limit: int, reviews: int) -> None:
    queue = build_queue(rows, TODAY, Limits(new_limit, reviews))
    by_key = {row[0]: row for row in rows}
    planned = queue.planned()
    assert len({e.key for e in planned}) == len(planned)  # nobody twice
    assert sum(e.kind == "due" for e in planned) <= reviews
    due_days = []
    for entry in planned:
        _, deck, _, due, suspended, buried = by_key[entry.key]
        assert not suspended
        assert buried is None or buried <= TODAY
        assert entry.deck_id == deck
        if entry.kind == "due":
            assert due is not None and due <= TODAY
            due_days.append(due)
        else:
            assert due is None
    assert due_days == sorted(due_days)  # most overdue first
    for deck in ("d1", "d2", "d3"):
        assert sum(e.kind == "new" and e.deck_id == deck for e in planned) <= new_limit


def _card(key: str) -> str:
    return key.split("#")[0]


@pytest.mark.parametrize(
    ("order", "after", "expected"),
    [
        # Worked by hand: the sibling that would follow its own card waits for the next other card.
        ("A1 A2 B1 C1", None, "A1 B1 A2 C1"),
        ("A1 A2 A3 B1 C1 D1", None, "A1 B1 A2 C1 A3 D1"),
        ("A1 B1 B2 B3 C1", None, "A1 B1 C1 B2 B3"),  # nothing left to put between B2 and B3
        ("A1 A2", None, "A1 A2"),  # only siblings: they stay together
        ("A2 B1", "A", "B1 A2"),  # the plan before ended with card A
        ("A1 B1 A2 B2", None, "A1 B1 A2 B2"),  # already apart: unchanged
        ("", "A", ""),
    ],
)
def test_spread_takes_siblings_apart(order: str, after: str | None, expected: str) -> None:
    keys = [f"{k[0]}#{k[1]}" for k in order.split()]
    assert " ".join(k.replace("#", "") for k in spread(keys, _card, after)) == expected


@given(st.lists(st.sampled_from("ABCD"), max_size=40), st.sampled_from([None, "A", "B"]))
def test_spread_is_a_permutation_with_no_avoidable_neighbours(
    cards: list[str], after: str | None
) -> None:
    keys = [f"{card}#{i}" for i, card in enumerate(cards)]
    result = spread(keys, _card, after)
    assert sorted(result) == sorted(keys)
    groups = [after, *(_card(k) for k in result)]
    for i in range(1, len(groups) - 1):
        if groups[i] == groups[i + 1]:
            # Back to back only when every prompt after them is of that card too.
            assert all(_card(k) == groups[i] for k in result[i:]), result


def test_due_and_new_siblings_are_not_planned_back_to_back() -> None:
    rows: list[QueueRow[str]] = [
        # Two directions of card r, both due today; one more due card.
        ("r", "d", 0, day(-2), False, None),
        ("r#reverse", "d", 1, day(-2), False, None),
        ("x", "d", 2, day(-1), False, None),
        # New: the two deletions of cloze card z come first in the deck's order.
        ("z#c1", "d", 3, None, False, None),
        ("z#c2", "d", 4, None, False, None),
        ("n", "d", 5, None, False, None),
    ]
    queue = build_queue(rows, TODAY, sibling_group=_card)
    assert [(e.key, e.kind) for e in queue.planned()] == [
        ("r", "due"),
        ("x", "due"),
        ("r#reverse", "due"),
        ("z#c1", "new"),
        ("n", "new"),
        ("z#c2", "new"),
    ]
    # Without groups, the plain order: most overdue first, then the deck's order.
    assert [e.key for e in build_queue(rows, TODAY).planned()] == [
        "r",
        "r#reverse",
        "x",
        "z#c1",
        "z#c2",
        "n",
    ]
