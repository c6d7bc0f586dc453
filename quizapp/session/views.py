"""What the session hands the front ends: plain frozen values, no store rows, no widgets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from quizapp.model import Prompt

if TYPE_CHECKING:
    from quizapp.decks.problems import Problem
    from quizapp.scheduling.base import Scheduler


@dataclass(frozen=True)
class DeckSummary:
    """A deck on the home screen: what today holds for it."""

    deck_id: str
    title: str
    path: str
    new: int
    due: int
    learning: int
    total: int


@dataclass(frozen=True)
class GradeChoice:
    """One answer button: the rating, as the deck's scheduler names it, and when the card
    would come back."""

    grade: int
    label: str
    #: The key that gives it.
    key: str
    #: The time until the card is due again ("1d", "10m" on the button).
    interval: timedelta
    #: The study day it would be due.
    due: date
    #: The rating asks the card again before the session ends.
    repeats: bool

    @property
    def interval_days(self) -> int:
        """The interval in whole days."""
        return self.interval.days


@dataclass(frozen=True)
class StudyItem:
    """The card being asked."""

    prompt: Prompt
    deck_title: str
    deck_path: str
    #: The deck's scheduler: its ratings are the answer buttons.
    scheduler: Scheduler
    #: The deck's tags followed by the card's own.
    tags: tuple[str, ...]
    is_new: bool
    #: Asked again in the same session (it does not change the card's state).
    is_repeat: bool
    #: Exercise cards: the seed to draw the numbers with (stored with the answer).
    seed: int | None
    #: Choice cards: how many times the card was answered before (its review log), which
    #: shuffles its options anew each time (`quizapp.session.judging.option_order`).
    showing: int = 0
    #: Typed cards: the deck's terms, other answers the judge holds against this one (shared
    #: by the deck's cards: `quizapp.judge.KnownTerms`).
    known: Sequence[str] = ()


@dataclass(frozen=True)
class SuspendedCard:
    """A card set aside with suspend: it is not asked again until it is unsuspended."""

    deck_id: str
    key: str
    #: The card as its deck file has it now.
    prompt: Prompt


@dataclass(frozen=True)
class SessionProgress:
    done: int
    left: int


@dataclass(frozen=True)
class SessionSummary:
    #: Cards (prompts) answered at least once in the session.
    reviewed: int
    #: Every answer given, the same-session repeats included.
    answers: int
    #: Answers whose rating counts as recalled (SM-2: 3 or more), and the others.
    right: int
    wrong: int
    seconds: float
    #: The first study day after today on which a card of the session's decks falls due.
    next_due: date | None
    #: Cards of the session's decks due tomorrow (overdue ones left today included).
    due_tomorrow: int
    #: Cards in learning steps due later today, after the session ended, and when the first is.
    learning_later: int = 0
    next_learning: datetime | None = None


@dataclass(frozen=True)
class Today:
    reviews: int
    #: Study days in a row, up to today, with enough reviews (today counts once it has them).
    streak_days: int
    seconds: float


@dataclass(frozen=True)
class HomeView:
    """What the home screen shows: each deck's counts, today's line, the decks' problems."""

    summaries: list[DeckSummary]
    today: Today
    problems: list[Problem]
