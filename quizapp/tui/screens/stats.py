"""The Stats screen: streaks, a year's heatmap, retention, forecast, decks, hardest cards.

The figures are computed off the UI thread (a thread worker reads the review log and does the
numpy work) and shown when ready; `d` steps the deck filter through every deck, `r` reads again.
Charts are Textual's own widgets: a bar chart is a column of text bars, which reads better in a
terminal than a plotted chart at these sizes, and the heatmap is a week-by-weekday grid of
shaded cells, like a contribution graph.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizapp.stats.cards import STATES
from quizapp.stats.days import day_date, day_number
from quizapp.stats.text import bar, duration, heatmap_levels, percent

if TYPE_CHECKING:
    from quizapp.session import Collection
    from quizapp.stats.report import StatsReport

#: Heatmap shades from no answer to the busiest days (quartiles of the days with answers).
_SHADES = ("grey23", "dark_green", "green4", "green3", "green1")
_BAR_WIDTH = 30


def _zone(collection: Collection) -> tzinfo | None:
    """The zone to count study days in: the system's (DST-aware) unless the clock says otherwise."""
    from quizapp.clock import SystemClock

    if isinstance(collection.clock, SystemClock):
        return None
    return collection.clock.now().tzinfo


def compute_report(collection: Collection, deck_id: str | None = None) -> StatsReport:
    """Every figure for one deck (None: all), read from the collection's review store."""
    from quizapp.store.stats_queries import build_report

    database: Any = collection._database  # the Stats screen reads the same store the session uses
    today = day_number(collection.today_study_day())
    with database.reading() as db:
        return build_report(
            db,
            config=collection.config,
            today=today,
            decks=collection.decks,
            deck_ids=None if deck_id is None else [deck_id],
            tz=_zone(collection),
        )


def heatmap_text(report: StatsReport) -> Text:
    """Weeks as columns, Monday to Sunday as rows; one shaded cell per day of the last year."""
    rows = heatmap_levels(report.heatmap.tolist(), day_date(report.heatmap_first).weekday())
    text = Text()
    for name, row in zip(("Mon", "", "Wed", "", "Fri", "", "Sun"), rows, strict=True):
        text.append(f"{name:>3} ", style="dim")
        # One character a day keeps a year (53 weeks) within an 80-column terminal.
        for level in row:
            text.append(" " if level < 0 else "■", style=_SHADES[max(level, 0)])
        text.append("\n")
    text.append("    less ", style="dim")
    for colour in _SHADES:
        text.append("■", style=colour)
    text.append(" more", style="dim")
    return text


def summary_text(report: StatsReport) -> Text:
    r = report.retention
    text = Text()
    rows = [
        ("Answers", f"{report.totals.reviews} on {report.totals.days_studied} days"),
        ("Time", duration(report.totals.seconds)),
        ("Streak", f"{report.streaks.current} days (longest {report.streaks.longest})"),
        (
            "Retention",
            f"{percent(r.all.rate)} of {r.all.total} reviews "
            f"(young {percent(r.young.rate)}, mature {percent(r.mature.rate)})",
        ),
        ("Leeches", str(report.leeches)),
    ]
    for label, value in rows:
        text.append(f"{label:<10}", style="bold")
        text.append(value + "\n")
    return text


def _bars(rows: list[tuple[str, int]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="dim")
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(justify="right")
    largest = max((n for _, n in rows), default=0)
    for label, n in rows:
        table.add_row(label, bar(n, largest, _BAR_WIDTH), str(n))
    return table


def forecast_table(report: StatsReport) -> Table:
    f = report.forecast
    return _bars(
        [(day_date(f.first + i).strftime("%a %d"), int(n)) for i, n in enumerate(f.due[:14])]
    )


def weeks_table(report: StatsReport) -> Table:
    counts = report.periods["week"]
    kept = report.period_retention["week"]
    at = {int(s): i for i, s in enumerate(kept.start)}
    table = Table(box=None, header_style="bold")
    for name in ("week of", "answers", "time", "retention", "young", "mature"):
        table.add_column(name, justify="left" if name == "week of" else "right")
    for i in range(max(0, len(counts.start) - 8), len(counts.start)):
        start = int(counts.start[i])
        if start in at:
            r = kept.at(at[start])
            rates = [percent(r.all.rate), percent(r.young.rate), percent(r.mature.rate)]
        else:
            rates = ["–"] * 3
        table.add_row(
            day_date(start).isoformat(),
            str(int(counts.reviews[i])),
            duration(float(counts.seconds[i])),
            *rates,
        )
    return table


def decks_table(report: StatsReport) -> Table:
    table = Table(box=None, header_style="bold")
    table.add_column("deck")
    for name in (*STATES, "mastery"):
        table.add_column(name, justify="right")
    for d, deck in enumerate(report.decks):
        counts = [str(int(n)) for n in report.deck_states.counts[d]]
        table.add_row(deck, *counts, percent(report.deck_states.mastery[d]))
    return table


def easiness_table(report: StatsReport) -> Table:
    e = report.easiness
    last = len(e.low) - 1
    return _bars(
        [
            (f"{low:.1f}" + ("+" if i == last else ""), int(n))
            for i, (low, n) in enumerate(zip(e.low, e.cards, strict=True))
        ]
    )


def hardest_table(report: StatsReport) -> Table:
    table = Table(box=None, header_style="bold")
    for name in ("where", "card", "easiness", "lapses", ""):
        table.add_column(name, justify="right" if name in ("easiness", "lapses") else "left")
    for c in report.hardest[:10]:
        where = f"{c.path}:{c.line}" if c.line else c.path
        table.add_row(where, c.key, f"{c.easiness:.2f}", str(c.lapses), "leech" if c.leech else "")
    return table


def exercises_table(report: StatsReport) -> Table:
    table = Table(box=None, header_style="bold")
    for name in ("exercise", "right", "accuracy"):
        table.add_column(name, justify="left" if name == "exercise" else "right")
    for g in report.exercises:
        table.add_row(Text(g.generator, style="bold"), f"{g.right}/{g.total}", percent(g.rate))
        for q in g.quantities:
            table.add_row(f"  {q.label}", f"{q.right}/{q.total}", percent(q.rate))
    return table


class StatsScreen(Screen[None]):
    """Progress statistics for every deck, or for one (`d` steps through them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back", id="stats.back"),
        Binding("d", "next_deck", "Deck filter", id="stats.deck"),
        Binding("r", "refresh", "Refresh", id="stats.refresh"),
    ]
    DEFAULT_CSS = """
    StatsScreen VerticalScroll { padding: 0 2; }
    StatsScreen .section-title { text-style: bold; color: $accent; margin-top: 1; }
    StatsScreen #stats-status { color: $text-muted; }
    """

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection
        #: The deck the figures are narrowed to (None: every deck).
        self.deck_id: str | None = None
        self.report: StatsReport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Counting…", id="stats-status")
            for key, title in (
                ("summary", "Summary"),
                ("heatmap", "Answers per day, last year"),
                ("weeks", "Per week"),
                ("forecast", "Due, next 14 days"),
                ("decks", "Decks"),
                ("easiness", "Easiness of answered cards"),
                ("hardest", "Hardest cards"),
                ("exercises", "Exercises"),
            ):
                yield Static(title, classes="section-title", id=f"title-{key}")
                yield Static("", id=f"stats-{key}")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Statistics"
        self.action_refresh()

    def action_refresh(self) -> None:
        self.query_one("#stats-status", Static).update("Counting…")
        self._compute(self.deck_id)

    def action_next_deck(self) -> None:
        ids = [deck.id for deck in self.collection.decks]
        if not ids:
            return
        if self.deck_id is None or self.deck_id not in ids:
            self.deck_id = ids[0]
        else:
            position = ids.index(self.deck_id) + 1
            self.deck_id = ids[position] if position < len(ids) else None
        self.action_refresh()

    @work(thread=True, exclusive=True, group="stats")
    def _compute(self, deck_id: str | None) -> None:
        try:
            report = compute_report(self.collection, deck_id)
        except Exception as error:  # shown on the screen, never a traceback
            message = f"Statistics could not be read: {error}"
            self.app.call_from_thread(self._show_error, message)
            return
        self.app.call_from_thread(self._show, report, deck_id)

    def _show_error(self, message: str) -> None:
        self.query_one("#stats-status", Static).update(Text(message, style="bold red"))

    def _show(self, report: StatsReport, deck_id: str | None) -> None:
        self.report = report
        where = f"deck {deck_id}" if deck_id else "all decks"
        self.sub_title = f"{where} · {day_date(report.settings.today).isoformat()}"
        self.query_one("#stats-status", Static).update(
            Text(f"{where} — press d for another deck, r to refresh", style="dim")
        )
        sections: dict[str, RenderableType] = {
            "summary": summary_text(report),
            "heatmap": heatmap_text(report),
            "weeks": weeks_table(report),
            "forecast": forecast_table(report),
            "decks": decks_table(report),
            "easiness": easiness_table(report),
            "hardest": hardest_table(report) if report.hardest else Text("none yet"),
            "exercises": exercises_table(report) if report.exercises else Text("none yet"),
        }
        for key, content in sections.items():
            self.query_one(f"#stats-{key}", Static).update(content)
