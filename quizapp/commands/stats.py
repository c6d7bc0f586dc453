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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.config import Config
    from quizapp.model import Deck
    from quizapp.session.reader import CollectionReader
    from quizapp.stats.report import StatsReport

_RELATIVE = re.compile(r"^(\d+)([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


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
    from quizapp.commands.stats_text import nothing_answered, render, render_empty

    parts = render_empty(report, filters) if nothing_answered(report) else render(report, filters)
    for part in parts:
        console.print(part)
        console.print()
