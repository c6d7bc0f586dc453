"""`quizapp stats`'s text report: the tables and bar charts printed for a `StatsReport`, each
fitting 80 columns (`quizapp.commands.stats` reads the report and prints them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizapp.textsafe import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from quizapp.stats.report import StatsReport

_BAR_WIDTH = 40


def nothing_answered(report: StatsReport) -> bool:
    """No answer at all among the cards asked for (in any period): every figure would be zero."""
    return (
        report.totals.reviews == 0
        and report.streaks.longest == 0
        and report.spread.mean is None
        and not report.hardest
    )


def _title(report: StatsReport, filters: dict[str, Any]) -> str:
    from quizapp.stats.days import day_date

    shown = [f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in filters.items() if v]
    title = f"quizapp statistics on {day_date(report.settings.today).isoformat()}"
    return title + (" (" + "; ".join(shown) + ")" if shown else "")


def render_empty(report: StatsReport, filters: dict[str, Any]) -> list[RenderableType]:
    """What `quizapp stats` prints before any answer: a line saying so and the decks' cards,
    instead of a page of zeros and empty tables."""
    from rich.text import Text

    narrowed = any(filters.get(name) for name in ("decks", "tags"))
    where = "for these filters" if narrowed else "yet"
    parts: list[RenderableType] = [
        Text(_title(report, filters), style="bold"),
        f"No answers recorded {where}: study some cards first (run `quizapp`), then come back "
        "for streaks, retention and forecasts.",
    ]
    if report.decks:
        parts.append(_decks_table(report))
    return parts


def _bar_rows(rows: list[tuple[str, float, str]]) -> RenderableType:
    """A bar chart as a grid: label, bar, figure."""
    from rich.table import Table

    from quizapp.stats.text import bar

    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="dim")
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(justify="right")
    largest = max((value for _, value, _ in rows), default=0)
    for label, value, shown in rows:
        table.add_row(label, bar(value, largest, _BAR_WIDTH), shown)
    return table


def render(report: StatsReport, filters: dict[str, Any]) -> list[RenderableType]:
    """The report as rich renderables, one per section (what `quizapp stats` prints)."""
    from rich.table import Table
    from rich.text import Text

    from quizapp.stats.days import day_date
    from quizapp.stats.text import duration, percent, summary_rows
    from quizapp.stats_render import heatmap_text

    s = report.settings
    parts: list[RenderableType] = []
    summary = Table(title=_title(report, filters), show_header=False, title_justify="left")
    summary.add_column(style="bold")
    summary.add_column()
    for label, value in summary_rows(report):
        summary.add_row(label, value)
    parts.append(summary)

    parts.append(_titled("Answers per day, last year", heatmap_text(report)))

    last = report.heatmap[-14:]
    first = s.today - len(last) + 1
    days = [
        (day_date(first + i).strftime("%a %m-%d"), float(n), str(int(n)))
        for i, n in enumerate(last)
    ]
    parts.append(_titled("Answers, last 14 days", _bar_rows(days)))

    for period, count in (("week", 8), ("month", 6)):
        counts = report.periods[period]
        retention = report.period_retention[period]
        table = Table(title=f"Per {period}", title_justify="left")
        for name in ("from", "answers", "time", "retention", "young", "mature"):
            table.add_column(name, justify="left" if name == "from" else "right")
        at = {int(start): i for i, start in enumerate(retention.start)}
        for i in range(max(0, len(counts.start) - count), len(counts.start)):
            start = int(counts.start[i])
            kept = retention.at(at[start]) if start in at else None
            table.add_row(
                day_date(start).isoformat(),
                str(int(counts.reviews[i])),
                duration(float(counts.seconds[i])),
                percent(kept.all.rate) if kept else "–",
                percent(kept.young.rate) if kept else "–",
                percent(kept.mature.rate) if kept else "–",
            )
        parts.append(table)

    f = report.forecast
    coming = [
        (day_date(f.first + i).strftime("%a %m-%d"), float(n), str(int(n)))
        for i, n in enumerate(f.due[:14])
    ]
    later = int(f.due[14:].sum())
    note = f"then {later} more in the following {len(f.due) - 14} days" if len(f.due) > 14 else ""
    if f.overdue:
        note = f"today includes {f.overdue} overdue; " + note
    parts.append(_titled(f"Due, next 14 days ({note})" if note else "Due", _bar_rows(coming)))

    parts.append(_decks_table(report))

    spread = report.spread
    measure = spread.measure
    bins = [
        (f"{low:.1f}" + ("+" if i == len(spread.low) - 1 else ""), float(n), str(int(n)))
        for i, (low, n) in enumerate(zip(spread.low, spread.cards, strict=True))
    ]
    mean = (
        f"mean {spread.mean:.2f}, median {spread.median:.2f}"
        if spread.mean is not None and spread.median is not None
        else "no answers"
    )
    parts.append(_titled(f"{measure.title} ({mean})", _bar_rows(bins)))

    parts.append(_hardest_table(report) if report.hardest else "Hardest cards: none yet")

    if report.exercises:
        exercises = Table(title="Exercises", title_justify="left")
        for name in ("generator", "quantity", "right", "of", "accuracy"):
            left = name in ("generator", "quantity")
            exercises.add_column(name, justify="left" if left else "right")
        for g in report.exercises:
            exercises.add_row(g.generator, "all", str(g.right), str(g.total), percent(g.rate))
            for q in g.quantities:
                exercises.add_row("", Text(q.label), str(q.right), str(q.total), percent(q.rate))
        parts.append(exercises)
    return parts


def _hardest_table(report: StatsReport) -> RenderableType:
    """One line per card at 80 columns: where it is (its file's name and line: the deck, and
    the line to open; `--json` has the whole path), its key (cut with "…" if very long), the
    measure, lapses and whether it is a leech or suspended."""
    from rich.table import Table
    from rich.text import Text

    measure = report.spread.measure
    hardest = Table(title="Hardest cards", title_justify="left")
    hardest.add_column("where", no_wrap=True, overflow="ellipsis", max_width=28)
    hardest.add_column("card", no_wrap=True, overflow="ellipsis", max_width=30)
    hardest.add_column(measure.name, justify="right", no_wrap=True)
    hardest.add_column("lapses", justify="right", no_wrap=True)
    hardest.add_column("note", no_wrap=True)
    for c in report.hardest:
        flags = [flag for flag, on in (("leech", c.leech), ("suspended", c.suspended)) if on]
        hardest.add_row(
            Text(printable(c.where)),
            Text(printable(c.key)),
            f"{c.measure:.2f}",
            str(c.lapses),
            ", ".join(flags),
        )
    return hardest


def _decks_table(report: StatsReport) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    from quizapp.stats.cards import STATES
    from quizapp.stats.text import percent

    decks = Table(title="Decks", title_justify="left")
    decks.add_column("deck")
    for name in (*STATES, "total", "mastery"):
        decks.add_column(name, justify="right")
    for d, deck in enumerate(report.decks):
        counts_row = [str(int(n)) for n in report.deck_states.counts[d]]
        decks.add_row(
            Text(printable(deck)),
            *counts_row,
            str(int(report.deck_states.total[d])),
            percent(report.deck_states.mastery[d]),
        )
    return decks


def _titled(title: str, body: RenderableType) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    return Group(Text(title, style="italic"), body)
