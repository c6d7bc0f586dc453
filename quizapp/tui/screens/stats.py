"""The Stats screen: streaks, a year's heatmap, retention, forecast, decks, hardest cards, and
for FSRS decks a calibration plot (`quizapp.tui.calibration`).

The figures are computed off the UI thread (a thread worker reads the review log through
`Collection.stats()` and does the numpy work) and shown when ready. Three filters, as the CLI's
`--deck`, `--tag` and `--since`, sit in a bar at the top: `d`, `t` and `p` open the deck, tag and
period lists (arrows and Enter pick, Escape leaves the list as it was), `c` clears all three and
`r` reads again.
Charts are Textual's own widgets: a bar chart is a column of text bars, which reads better in a
terminal than a plotted chart at these sizes, and the heatmap is a week-by-weekday grid of
shaded cells, like a contribution graph.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Select, Static

from quizapp.stats.cards import STATES
from quizapp.stats.days import day_date
from quizapp.stats.text import bar, duration, percent, summary_rows
from quizapp.stats_render import heatmap_text
from quizapp.textsafe import printable
from quizapp.tui.calibration import calibration_text
from quizapp.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from quizapp.session import Collection
    from quizapp.stats.report import StatsReport

_BAR_WIDTH = 30


#: The period filter's choices: a label and how many study days back (None: all of them).
PERIODS: tuple[tuple[str, int | None], ...] = (
    ("All time", None),
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last year", 365),
)


@dataclass(frozen=True)
class StatsFilters:
    """What the figures are narrowed to: one deck, one tag, the last so many days (None: all)."""

    deck_id: str | None = None
    tag: str | None = None
    days: int | None = None

    def since(self, today: date) -> date | None:
        """The first study day counted: "last 7 days" is today and the six before it."""
        return None if self.days is None else today - timedelta(days=self.days - 1)

    def describe(self) -> str:
        period = next(label for label, days in PERIODS if days == self.days)
        parts = [f"deck {self.deck_id}" if self.deck_id else "all decks"]
        if self.tag:
            parts.append(f"tag {self.tag}")
        parts.append(period.lower())
        return " · ".join(parts)


def compute_report(collection: Collection, filters: StatsFilters | None = None) -> StatsReport:
    """Every figure for the filters (None: everything), read from the collection's store."""
    filters = filters or StatsFilters()
    return collection.stats(
        deck_ids=None if filters.deck_id is None else [filters.deck_id],
        tags=() if filters.tag is None else [filters.tag],
        since=filters.since(collection.today_study_day()),
    )


def summary_text(report: StatsReport) -> Text:
    text = Text()
    rows = summary_rows(report)
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


def spread_table(report: StatsReport) -> Table:
    e = report.spread
    last = len(e.low) - 1
    return _bars(
        [
            (f"{low:.1f}" + ("+" if i == last else ""), int(n))
            for i, (low, n) in enumerate(zip(e.low, e.cards, strict=True))
        ]
    )


def hardest_table(report: StatsReport) -> Table:
    """One line per card at 80 columns: the deck file's name and line, the key (cut with "…" if
    very long), the measure, lapses, and whether it is a leech."""
    table = Table(box=None, header_style="bold", pad_edge=False)
    measure = report.spread.measure.name
    for name in ("where", "card", measure, "lapses", "note"):
        right = name in (measure, "lapses")
        table.add_column(
            name,
            justify="right" if right else "left",
            no_wrap=True,
            overflow="ellipsis",
            # The key gives way first; the figures keep their headers' width.
            max_width=24 if name == "card" else None,
            min_width=None if name in ("where", "card") else len(name),
        )
    for c in report.hardest[:10]:
        table.add_row(
            Text(printable(c.where)),
            Text(printable(c.key)),
            f"{c.measure:.2f}",
            str(c.lapses),
            "leech" if c.leech else "",
        )
    return table


def exercises_table(report: StatsReport) -> Table:
    table = Table(box=None, header_style="bold")
    for name in ("exercise", "right", "accuracy"):
        table.add_column(name, justify="left" if name == "exercise" else "right")
    for g in report.exercises:
        table.add_row(Text(g.generator, style="bold"), f"{g.right}/{g.total}", percent(g.rate))
        for q in g.quantities:
            table.add_row(Text(f"  {q.label}"), f"{q.right}/{q.total}", percent(q.rate))
    return table


class StatsScreen(Screen[None]):
    """Progress statistics, narrowed by deck, tag and period from the filter bar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back", id="stats.back"),
        Binding("d", "choose('deck')", "Deck", tooltip="choose the deck", id="stats.deck"),
        Binding("t", "choose('tag')", "Tag", tooltip="choose a tag", id="stats.tag"),
        Binding("p", "choose('period')", "Period", tooltip="choose the period", id="stats.period"),
        Binding("c", "clear_filters", "Clear", tooltip="clear the filters", id="stats.clear"),
        Binding("r", "refresh", "Refresh", tooltip="read the figures again", id="stats.refresh"),
    ]
    DEFAULT_CSS = """
    StatsScreen #stats-filters { height: 1; padding: 0 2; margin-top: 1; }
    StatsScreen #stats-filters Label { margin-right: 1; color: $text-muted; }
    StatsScreen #stats-filters Select { margin-right: 2; }
    /* Label and list widths add up to 78 cells: the bar fits an 80-column terminal. */
    StatsScreen #filter-deck { width: 24; }
    StatsScreen #filter-tag { width: 16; }
    StatsScreen #filter-period { width: 16; }
    StatsScreen VerticalScroll { padding: 0 2; }
    StatsScreen .section-title { text-style: bold; color: $accent; margin-top: 1; }
    StatsScreen #stats-status { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection
        #: What the figures are narrowed to; the filter bar's lists set it.
        self.filters = StatsFilters()
        #: The figures on screen (None until the first read is done).
        self.report: StatsReport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        # Text prompts: a str prompt is read as markup, and titles and tags are the learner's.
        decks = [(Text(printable(deck.title)), deck.id) for deck in self.collection.decks]
        tags = [(Text(printable(tag)), tag) for tag in self.collection.tags()]
        periods = [(label, days or 0) for label, days in PERIODS]
        with Horizontal(id="stats-filters"):
            yield Label("Deck")
            yield Select(decks, prompt="All decks", id="filter-deck", compact=True)
            yield Label("Tag")
            yield Select(tags, prompt="Any tag", id="filter-tag", compact=True)
            yield Label("Period")
            yield Select(periods, value=0, allow_blank=False, id="filter-period", compact=True)
        with VerticalScroll(id="stats-body"):
            yield Static("Counting…", id="stats-status")
            for key, title in (
                ("summary", "Summary"),
                ("heatmap", "Answers per day, last year"),
                ("weeks", "Per week"),
                ("forecast", "Due, next 14 days"),
                ("decks", "Decks"),
                ("spread", self.collection.schedulers.default.measure.title),
                ("hardest", "Hardest cards"),
                ("exercises", "Exercises"),
                ("calibration", "FSRS: predicted recall against recall seen"),
            ):
                yield Static(title, classes="section-title", id=f"title-{key}")
                yield Static("", id=f"stats-{key}")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Statistics"
        # The calibration plot shows once there is one (FSRS decks only).
        for widget in (self.query_one("#title-calibration"), self.query_one("#stats-calibration")):
            widget.display = False
        # The page scrolls with the arrows; the lists open only with their keys.
        self.query_one("#stats-body", VerticalScroll).focus()
        self.action_refresh()

    def action_refresh(self) -> None:
        self.query_one("#stats-status", Static).update("Counting…")
        self._compute(self.filters)
        self._compute_calibration(self.filters)

    def action_choose(self, which: str) -> None:
        """Open one filter's list (deck, tag or period) for the arrows and Enter."""
        select = self.query_one(f"#filter-{which}", Select)
        select.focus()
        select.action_show_overlay()

    def action_clear_filters(self) -> None:
        self.query_one("#filter-deck", Select).clear()
        self.query_one("#filter-tag", Select).clear()
        self.query_one("#filter-period", Select).value = 0

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else str(event.value)
        which = event.select.id
        if which == "filter-deck":
            filters = replace(self.filters, deck_id=value)
        elif which == "filter-tag":
            filters = replace(self.filters, tag=value)
        else:
            # "All time" is 0 in the list (a Select needs a value for every choice).
            filters = replace(self.filters, days=int(value) if value and value != "0" else None)
        self.query_one("#stats-body", VerticalScroll).focus()
        if filters != self.filters:
            self.filters = filters
            self.action_refresh()

    @work(thread=True, exclusive=True, group="stats")
    def _compute(self, filters: StatsFilters) -> None:
        try:
            report = compute_report(self.collection, filters)
        except Exception as error:  # shown on the screen, never a traceback
            message = f"Statistics could not be read: {error}"
            self.app.call_from_thread(self._show_error, message)
            return
        self.app.call_from_thread(self._show, report, filters)

    @work(thread=True, exclusive=True, group="calibration")
    def _compute_calibration(self, filters: StatsFilters) -> None:
        """The calibration plot of the decks whose scheduler predicts recall (FSRS's), for the
        deck filter (the tag and period filters do not narrow it)."""
        schedulers = self.collection.schedulers
        decks = [deck.id for deck in self.collection.decks]
        shown = [filters.deck_id] if filters.deck_id else decks
        if not any(schedulers(deck_id).predicts_recall for deck_id in shown):
            self.app.call_from_thread(self._show_calibration, None, filters)
            return
        try:
            bins = self.collection.recall_calibration(None if filters.deck_id is None else shown)
        except Exception as error:  # shown on the screen, never a traceback
            plot = Text(f"could not be read: {error}", style="bold red")
        else:
            plot = calibration_text(bins)
        self.app.call_from_thread(self._show_calibration, plot, filters)

    def _show_calibration(self, plot: Text | None, filters: StatsFilters) -> None:
        if filters != self.filters:
            return
        for widget in (self.query_one("#title-calibration"), self.query_one("#stats-calibration")):
            widget.display = plot is not None
        if plot is not None:
            self.query_one("#stats-calibration", Static).update(plot)

    def _show_error(self, message: str) -> None:
        self.query_one("#stats-status", Static).update(Text(message, style="bold red"))

    def _show(self, report: StatsReport, filters: StatsFilters) -> None:
        if filters != self.filters:
            return  # an older read finished after the filters changed again
        self.report = report
        where = filters.describe()
        self.sub_title = f"{where} · {day_date(report.settings.today).isoformat()}"
        self.query_one("#stats-status", Static).update(Text(where, style="dim"))
        sections: dict[str, RenderableType] = {
            "summary": summary_text(report),
            "heatmap": heatmap_text(report),
            "weeks": weeks_table(report),
            "forecast": forecast_table(report),
            "decks": decks_table(report),
            "spread": spread_table(report),
            "hardest": hardest_table(report) if report.hardest else Text("none yet"),
            "exercises": exercises_table(report) if report.exercises else Text("none yet"),
        }
        for key, content in sections.items():
            self.query_one(f"#stats-{key}", Static).update(content)
