"""`quizapp stats`: progress statistics as tables and bar charts, or as JSON for scripts.

Read-only: the review database is opened, read and closed; nothing is synced or written. The
JSON structure is documented in docs/stats.md and kept stable (see its `version` field).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp.textsafe import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from quizapp.config import Config
    from quizapp.model import Deck
    from quizapp.session.reader import CollectionReader
    from quizapp.stats.report import StatsReport

_RELATIVE = re.compile(r"^(\d+)([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
_BAR_WIDTH = 40


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--deck",
        action="append",
        default=[],
        metavar="ID",
        help="only this deck (by its `deck:` id); repeat for several",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only cards with this tag (deck or card tags); repeat for any of several",
    )
    parser.add_argument(
        "--since",
        metavar="WHEN",
        help="count answers from this day on: a date (2024-05-01) or a span back (30d, 8w, 6m, 1y)",
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="make the report as if today were DATE (reproducible reports)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/stats.md)")


def _parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} '{text}' is not a date: write it as YYYY-MM-DD") from None


def _since(text: str, today: date) -> date:
    match = _RELATIVE.match(text.strip().lower())
    if match:
        count, unit = int(match.group(1)), match.group(2)
        if count < 1:
            raise ValueError(f"--since '{text}': a span counts at least one day back (1d is today)")
        # "7d" means the last seven days, today included.
        return today - timedelta(days=count * _UNIT_DAYS[unit] - 1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"--since '{text}' is neither a date (2024-05-01) nor a span (30d, 8w, 6m, 1y)"
        ) from None


def _fail(message: str, code: int = 2) -> int:
    print(f"quizapp stats: {message}", file=sys.stderr)
    return code


def _load_decks(config: Config) -> list[Deck]:
    """The learner's deck files (bundled and configured), for tags and exercise specs."""
    from quizapp import paths
    from quizapp.commands.review import deck_paths
    from quizapp.decks import load_decks

    return list(load_decks(deck_paths(config, []), cache_dir=paths.cache_dir()).decks)


def run(args: argparse.Namespace) -> int:
    from quizapp import config as config_module
    from quizapp import paths
    from quizapp.session.reader import CollectionReader
    from quizapp.store import StoreError

    try:
        config = config_module.load()
    except config_module.ConfigError as error:
        return _fail(f"{error}\nFix or remove the config file and run the command again.")
    url: str = getattr(args, "db", None) or paths.default_db_url()
    try:
        # Read-only: nothing is synced, migrated or written, whatever the database's state.
        reader = CollectionReader.open(url, config=config)
    except StoreError as error:
        return _fail(str(error), 1)
    try:
        return _report_and_print(reader, config, args)
    except StoreError as error:
        return _fail(str(error), 1)
    finally:
        if reader is not None:
            reader.close()


def _report_and_print(
    reader: CollectionReader | None, config: Config, args: argparse.Namespace
) -> int:
    from quizapp.stats.days import day_number

    try:
        if args.as_of:
            today = _parse_day(args.as_of, "--as-of")
        elif reader is not None:
            today = reader.today_study_day()
        else:
            today = _today(config)
        since = _since(args.since, today) if args.since else None
    except ValueError as error:
        return _fail(str(error))
    filters: dict[str, Any] = {
        "decks": sorted(args.deck),
        "tags": sorted(args.tag),
        "since": since.isoformat() if since else None,
    }
    if reader is None:
        # Nothing studied yet: say so rather than create an empty database.
        report = _empty_report(config, day_number(today))
    else:
        deck_ids: list[str] | None = None
        if args.deck:
            known = reader.known_decks()
            unknown = sorted(set(args.deck) - set(known))
            if unknown:
                listing = ", ".join(known) or "none yet"
                return _fail(
                    f"no deck with id {', '.join(unknown)} in the review database "
                    f"(known: {listing})"
                )
            deck_ids = list(args.deck)
        # The deck files are only needed for tags and to check exercise answers again.
        decks = _load_decks(config) if reader.needs_deck_files(args.tag) else []
        report = reader.stats(
            decks=decks, deck_ids=deck_ids, tags=args.tag, since=since, today=today
        )

    from quizapp.stats.report import to_json

    if args.json:
        json.dump(to_json(report, filters), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print(report, filters)
    return 0


def _today(config: Config) -> date:
    from quizapp.clock import SystemClock
    from quizapp.scheduling.days import StudyCalendar

    return StudyCalendar(config.rollover_hour).day_of(SystemClock().now())


def _empty_report(config: Config, today: int) -> StatsReport:
    from quizapp.session.collection import scheduler_for
    from quizapp.stats import CardTable, ReviewLog, StatsSettings, compute

    settings = StatsSettings(
        today=today,
        measure=scheduler_for(config).measure,
        mature_days=config.mature_days,
        streak_min_reviews=config.streak_min_reviews,
        leech_lapses=config.leech_lapses,
    )
    return compute(ReviewLog.empty(), CardTable.empty(), settings)


# -- text output -----------------------------------------------------------------------------


def _print(report: StatsReport, filters: dict[str, Any]) -> None:
    from rich.console import Console

    from quizapp.textsafe import raw

    # The guard of the command line would escape rich's own colours: deck text in the tables
    # goes through `printable` instead, and the console writes to the stream underneath.
    console = Console(file=raw(sys.stdout), highlight=False)
    parts = render_empty(report, filters) if _nothing_answered(report) else render(report, filters)
    for part in parts:
        console.print(part)
        console.print()


def _nothing_answered(report: StatsReport) -> bool:
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


def _short_path(path: str) -> str:
    """A deck file's path as short as it stays clear: relative to here, or to the home folder."""
    if not path:
        return path
    full = Path(path)
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(full.relative_to(base))
        except ValueError:
            continue
    return path


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

    hardest = Table(title="Hardest cards", title_justify="left")
    for name in ("where", "deck", "card", measure.name, "lapses", "note"):
        hardest.add_column(
            name,
            justify="right" if name in (measure.name, "lapses") else "left",
            overflow="fold",
        )
    for c in report.hardest:
        where = f"{_short_path(c.path)}:{c.line}" if c.line else _short_path(c.path)
        flags = ("leech" if c.leech else "") + (" suspended" if c.suspended else "")
        hardest.add_row(
            *(Text(printable(text)) for text in (where, c.deck, c.key)),
            f"{c.measure:.2f}",
            str(c.lapses),
            flags.strip(),
        )
    parts.append(hardest if report.hardest else "Hardest cards: none yet")

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
