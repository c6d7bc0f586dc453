"""A search's syntax tree (`quizapp.search.ast`) compiled to one SQL condition (Core).

The condition is over the prompt's `cards` and `card_states` rows (joined by `card_listing`);
words and tags are looked for in `card_texts` by a subquery. Every leaf is true or false, never
NULL (a new card has no due instant: `prop:due<=1` is false for it, so `-prop:due<=1` is true),
so `-` is plain NOT.

`deck:` and a `tag:` with `*` are matched here against the decks and tags the caller knows,
and become plain lists in the SQL; words and phrases are substring matches on the folded text.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Table,
    and_,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.sql.elements import ColumnElement

from quizapp.scheduling.days import StudyCalendar
from quizapp.search import QueryError
from quizapp.search import ast as q
from quizapp.store.card_texts import LEECH_TAG
from quizapp.store.models import CardRow, CardStateRow, CardTagRow, CardTextRow, ReviewRow
from quizapp.store.types import UTCDateTime

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_texts = cast(Table, CardTextRow.__table__)
_tags = cast(Table, CardTagRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)

#: What a new card's missing due instant counts as where an index must not serve (see
#: `_unindexed`): the earliest instant there is.
_NEW = datetime(1970, 1, 1, tzinfo=UTC)
#: The escape character of the LIKE patterns built here.
_ESCAPE = "\\"


@dataclass(frozen=True, slots=True)
class SearchContext:
    """What a query is compiled against: the day, the rollover rule, the decks and tags known."""

    query: str
    today: date
    calendar: StudyCalendar
    #: The ids of the decks searched (deck: picks among these).
    deck_ids: tuple[str, ...]
    #: Every tag the decks use, folded (a `tag:` with `*` picks among these and the stored ones).
    tags: frozenset[str] = frozenset()


def condition(node: q.Node, context: SearchContext) -> ColumnElement[bool]:
    """The SQL condition a prompt meets when it matches `node`; `QueryError` for a `deck:`
    that names no deck searched."""
    if isinstance(node, q.Everything):
        return true()
    if isinstance(node, q.And):
        return and_(*(condition(operand, context) for operand in node.operands))
    if isinstance(node, q.Or):
        return or_(*(condition(operand, context) for operand in node.operands))
    if isinstance(node, q.Not):
        return not_(condition(node.operand, context))
    if isinstance(node, q.Text):
        pattern = f"%{_like(node.pattern)}%"
        return _with_text(_texts.c.text.like(pattern, escape=_ESCAPE))
    if isinstance(node, q.DeckIs):
        return _deck(node, context)
    if isinstance(node, q.TagIs):
        return _tag(node, context)
    if isinstance(node, q.KindIs):
        return _cards.c.kind == node.kind
    if isinstance(node, q.StateIs):
        return _state(node.state, context)
    if isinstance(node, q.Prop):
        return _prop(node, context)
    if isinstance(node, q.Rated):
        return _rated(node, context)
    raise TypeError(f"not a search node: {node!r}")  # pragma: no cover - the union is closed


def _like(pattern: str) -> str:
    """A folded pattern as LIKE's: its own `%`, `_` and backslash escaped, `*` as `%`."""
    escaped = re.sub(r"([%_\\])", r"\\\1", pattern)
    return escaped.replace("*", "%")


def _wildcard(pattern: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)


def _with_text(matches: ColumnElement[bool]) -> ColumnElement[bool]:
    """Prompts whose `card_texts` row `matches`: one scan of that table, its few matches then
    looked up by id (faster than a join that reads every prompt's text row)."""
    return _cards.c.id.in_(select(_texts.c.card_id).where(matches))


def _deck(node: q.DeckIs, context: SearchContext) -> ColumnElement[bool]:
    wanted = _wildcard(node.pattern.casefold())
    matched = [deck for deck in context.deck_ids if wanted.fullmatch(deck.casefold())]
    if not matched:
        known = ", ".join(sorted(context.deck_ids)) or "none"
        raise QueryError(
            f"no deck '{node.pattern}' is loaded (decks: {known})", context.query, node.column
        )
    return _cards.c.deck_id.in_(matched)


def _tag(node: q.TagIs, context: SearchContext) -> ColumnElement[bool]:
    if "*" in node.pattern:
        wanted = _wildcard(node.pattern)
        names = sorted(tag for tag in context.tags | {LEECH_TAG} if wanted.fullmatch(tag))
    else:
        names = [node.pattern]
    if not names:
        return false()
    in_file = _with_text(
        or_(*(_texts.c.tags.like(f"% {_like(name)} %", escape=_ESCAPE) for name in names))
    )
    stored = _cards.c.id.in_(select(_tags.c.card_id).where(_tags.c.tag.in_(names)))
    return or_(in_file, stored)


def _state(state: str, context: SearchContext) -> ColumnElement[bool]:
    due_at, today = _states.c.due_at, context.today
    buried = and_(_states.c.buried_until.is_not(None), _states.c.buried_until > today)
    if state == "new":
        return due_at.is_(None)
    if state == "learning":
        return and_(due_at.is_not(None), _states.c.interval == 0)
    if state == "review":
        return and_(due_at.is_not(None), _states.c.interval > 0)
    if state == "due":
        # What today's queue would ask: due by the end of today, neither suspended nor buried.
        # Compared through coalesce, as the queue's own read (`queries.QUEUE_ROWS`): a scan of
        # the states is faster than the due index and a lookup per row when many are due.
        return and_(
            due_at.is_not(None),
            _unindexed(due_at) < context.calendar.end_of(today),
            _states.c.suspended == false(),
            not_(buried),
        )
    if state == "suspended":
        return _states.c.suspended == true()
    if state == "buried":
        return buried
    if state == "leech":
        return _cards.c.id.in_(select(_tags.c.card_id).where(_tags.c.tag == LEECH_TAG))
    raise ValueError(f"is:{state}")  # pragma: no cover - the parser checks the states


#: The comparisons of `prop:`, on columns and on plain numbers alike.
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    "=": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    ">": operator.gt,
}


def _compare(left: Any, op: str, right: Any) -> ColumnElement[bool]:
    return cast(ColumnElement[bool], _OPERATORS[op](left, right))


def _prop(node: q.Prop, context: SearchContext) -> ColumnElement[bool]:
    if node.name == "ivl":
        return _compare(_states.c.interval, node.op, node.value)
    if node.name == "lapses":
        return _compare(_states.c.lapses, node.op, node.value)
    if node.name == "reps":
        return _reviews_count(node.op, node.value)
    return _due(node, context)


def _reviews_count(op: str, value: int) -> ColumnElement[bool]:
    """The card's answers (every review row) compared with `value`: one GROUP BY over the
    review log's card index, and a card never answered counts 0."""
    per_card = select(_reviews.c.card_id).group_by(_reviews.c.card_id)
    count = func.count()
    if _OPERATORS[op](0, value):
        # Zero answers match: every card but those answered a number of times that does not.
        failing = per_card.having(not_(_compare(count, op, value)))
        return _cards.c.id.not_in(failing)
    return _cards.c.id.in_(per_card.having(_compare(count, op, value)))


def _due(node: q.Prop, context: SearchContext) -> ColumnElement[bool]:
    """Due on the study day `value` days from today (negative: overdue), by the rollover rule."""
    day = context.today + timedelta(days=node.value)
    start, end = context.calendar.start_of(day), context.calendar.end_of(day)
    due_at = _unindexed(_states.c.due_at)
    compared = {
        "<": due_at < start,
        "<=": due_at < end,
        "=": and_(due_at >= start, due_at < end),
        "!=": or_(due_at < start, due_at >= end),
        ">=": due_at >= start,
        ">": due_at >= end,
    }[node.op]
    return and_(_states.c.due_at.is_not(None), compared)


def _unindexed(due_at: Any) -> Any:
    """`due_at` as an expression no index serves (the same values; a new card's NULL is the
    earliest instant, and every use also asks for a due instant)."""
    return func.coalesce(due_at, literal(_NEW, UTCDateTime()))


def _rated(node: q.Rated, context: SearchContext) -> ColumnElement[bool]:
    """Answered on one of the last `days` study days (1: today), with `rating` if given."""
    first_day = context.today - timedelta(days=node.days - 1)
    answered = select(_reviews.c.card_id).where(_reviews.c.study_day >= first_day)
    if node.rating is not None:
        answered = answered.where(_reviews.c.grade == node.rating)
    return _cards.c.id.in_(answered)


def searched(deck_ids: Collection[str]) -> ColumnElement[bool]:
    """The prompts any search looks at: in their files, of the decks searched."""
    return and_(_cards.c.removed == false(), _cards.c.deck_id.in_(list(deck_ids)))
