"""Every statistic at once, and its JSON form (the stable structure docs/stats.md documents).

`compute()` takes the review log and the card table (already narrowed to the decks and tags
asked for) and a `StatsSettings` saying which day is today; it never reads the clock.
The period filter (`since_day`) narrows what is *counted* (answers, time, retention, exercises);
streaks, forecast and card states describe the present and always use the whole history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from quizapp.scheduling.base import CardMeasure
from quizapp.stats import activity, cards, forecast, retention
from quizapp.stats.days import day_date
from quizapp.stats.exercises import GeneratorAccuracy, QuantityAnswers, exercise_accuracy
from quizapp.stats.history import CardTable, IntArray, ReviewLog
from quizapp.stats.recall import RecallSummary

#: Bumped only when a field of the JSON output is removed or changes meaning.
JSON_VERSION = 1
PERIODS: tuple[str, ...] = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class StatsSettings:
    #: The study day (day number) the report is made on.
    today: int
    #: What the scheduler's card spread shows (SM-2: the E-Factor).
    measure: CardMeasure
    mature_days: int = 21
    streak_min_reviews: int = 1
    leech_lapses: int = 8
    #: Count only answers from this study day on (None: all of them).
    since_day: int | None = None
    hardest_limit: int = 20
    forecast_days: int = 30
    heatmap_days: int = 365


@dataclass(frozen=True, slots=True)
class Totals:
    reviews: int
    seconds: float
    days_studied: int


@dataclass(frozen=True, slots=True)
class StatsReport:
    settings: StatsSettings
    totals: Totals
    streaks: activity.Streaks
    heatmap_first: int
    heatmap: IntArray
    periods: Mapping[str, activity.PeriodCounts]
    period_retention: Mapping[str, retention.PeriodRetention]
    retention: retention.Retention
    forecast: forecast.Forecast
    decks: tuple[str, ...]
    deck_titles: tuple[str, ...]
    deck_paths: tuple[str, ...]
    deck_states: cards.DeckStates
    spread: cards.MeasureHistogram
    hardest: list[cards.HardCard]
    leeches: int
    exercises: list[GeneratorAccuracy] = field(default_factory=list)
    #: The predicted recall now of the cards whose scheduler predicts it (FSRS decks).
    recall: RecallSummary | None = None


def compute(
    log: ReviewLog,
    table: CardTable,
    settings: StatsSettings,
    exercise_answers: QuantityAnswers | None = None,
) -> StatsReport:
    """All the statistics of one learner's history, as of `settings.today`."""
    today = settings.today
    # A report "as of" an earlier day ignores what came after it.
    history = log.select(log.day <= today) if len(log) and log.day.max() > today else log
    counted = history
    if settings.since_day is not None:
        counted = history.select(history.day >= settings.since_day)

    # Streaks need every day since the first answer; the heatmap needs the last year.
    heat_first = today - settings.heatmap_days + 1
    first = min(int(history.day.min()), heat_first) if len(history) else heat_first
    days = activity.per_day(history, first, today)
    present = table.present()
    due = activity.due_per_day(history, first, today, studied=present & ~table.suspended)
    streaks = activity.streaks(days.reviews, due, settings.streak_min_reviews)
    heatmap = activity.per_day_window(activity.per_day(counted, first, today), heat_first, today)

    current = table.select(present)
    states = cards.deck_states(current, settings.mature_days)
    answers = exercise_answers if exercise_answers is not None else QuantityAnswers.empty()
    answers = answers.select(answers.day <= today)
    if settings.since_day is not None:
        answers = answers.select(answers.day >= settings.since_day)

    return StatsReport(
        settings=settings,
        totals=Totals(
            reviews=len(counted),
            seconds=float(counted.response_ms.sum()) / 1000.0,
            days_studied=len(activity.group_days(counted.day)[0]),
        ),
        streaks=streaks,
        heatmap_first=heat_first,
        heatmap=heatmap,
        periods={p: activity.per_period(counted, p) for p in PERIODS},
        period_retention={
            p: retention.retention_per_period(counted, p, settings.mature_days) for p in PERIODS
        },
        retention=retention.retention(counted, settings.mature_days),
        forecast=forecast.forecast(current, today, settings.forecast_days),
        decks=table.decks,
        deck_titles=table.deck_titles or ("",) * len(table.decks),
        deck_paths=table.deck_paths or ("",) * len(table.decks),
        deck_states=states,
        spread=cards.measure_histogram(current, settings.measure),
        hardest=cards.hardest_cards(
            current, settings.measure, settings.hardest_limit, settings.leech_lapses
        ),
        leeches=cards.leech_count(current, settings.leech_lapses),
        exercises=exercise_accuracy(answers),
    )


def _iso(day: int) -> str:
    return day_date(day).isoformat()


def _tally(t: retention.Tally) -> dict[str, Any]:
    return {"right": t.right, "total": t.total, "rate": t.rate}


def _retention(r: retention.Retention) -> dict[str, Any]:
    return {"all": _tally(r.all), "young": _tally(r.young), "mature": _tally(r.mature)}


def _periods(report: StatsReport, period: str) -> list[dict[str, Any]]:
    counts = report.periods[period]
    kept = report.period_retention[period]
    # Periods with review answers are a subset of the periods with answers.
    where = np.searchsorted(counts.start, kept.start)
    at = {int(w): i for i, w in enumerate(where)}
    empty = retention.Retention(*(retention.Tally(0, 0),) * 3)
    return [
        {
            "start": _iso(int(start)),
            "reviews": int(counts.reviews[i]),
            "seconds": round(float(counts.seconds[i]), 3),
            "retention": _retention(kept.at(at[i]) if i in at else empty),
        }
        for i, start in enumerate(counts.start)
    ]


def _recall(recall: RecallSummary) -> dict[str, Any]:
    return {
        "cards": recall.cards,
        "mean": round(recall.mean, 6),
        "decks": [
            {"deck": deck, "cards": n, "mean": round(mean, 6)}
            for deck, (n, mean) in recall.decks.items()
        ],
    }


def to_json(report: StatsReport, filters: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The report as plain JSON-able data, in the structure docs/stats.md documents."""
    s = report.settings
    states = report.deck_states
    return {
        "version": JSON_VERSION,
        "today": _iso(s.today),
        "filters": dict(filters or {}),
        "settings": {
            "mature_days": s.mature_days,
            "streak_min_reviews": s.streak_min_reviews,
            "leech_lapses": s.leech_lapses,
        },
        "totals": {
            "reviews": report.totals.reviews,
            "seconds": round(report.totals.seconds, 3),
            "days_studied": report.totals.days_studied,
        },
        "streak": {"current": report.streaks.current, "longest": report.streaks.longest},
        "heatmap": {
            "first": _iso(report.heatmap_first),
            "last": _iso(s.today),
            "reviews": [int(n) for n in report.heatmap],
        },
        "retention": _retention(report.retention),
        "periods": {p: _periods(report, p) for p in PERIODS},
        "forecast": {
            "overdue": report.forecast.overdue,
            "days": [
                {"date": _iso(report.forecast.first + i), "due": int(n)}
                for i, n in enumerate(report.forecast.due)
            ],
        },
        "decks": [
            {
                "deck": deck,
                "title": report.deck_titles[d],
                "path": report.deck_paths[d],
                **{state: int(states.counts[d, k]) for k, state in enumerate(cards.STATES)},
                "total": int(states.total[d]),
                "mastery": states.mastery[d],
            }
            for d, deck in enumerate(report.decks)
        ],
        # Named as the scheduler names its measure (SM-2: its E-Factor).
        s.measure.name: {
            "mean": report.spread.mean,
            "median": report.spread.median,
            "bins": [
                {"low": low, "cards": int(n)}
                for low, n in zip(report.spread.low, report.spread.cards, strict=True)
            ],
        },
        "hardest": [
            {
                "deck": c.deck,
                "card": c.key,
                "path": c.path,
                "line": c.line,
                s.measure.name: c.measure,
                "lapses": c.lapses,
                "leech": c.leech,
                "suspended": c.suspended,
            }
            for c in report.hardest
        ],
        "leeches": report.leeches,
        **({} if report.recall is None else {"recall": _recall(report.recall)}),
        "exercises": [
            {
                "generator": g.generator,
                "right": g.right,
                "total": g.total,
                "accuracy": g.rate,
                "quantities": [
                    {
                        "quantity": q.name,
                        "label": q.label,
                        "right": q.right,
                        "total": q.total,
                        "accuracy": q.rate,
                    }
                    for q in g.quantities
                ],
            }
            for g in report.exercises
        ],
    }
