"""Study days: due dates are whole days, and a study day starts at the rollover hour, not midnight.

Why not midnight: a learner who studies from 23:00 to 00:30 means one evening's session, so by
default (rollover 04:00) the answers at 00:30 count for the evening before, and what falls due
"tomorrow" is not already due half an hour later. The hour is the learner's setting
(`Config.rollover_hour`).

Everything here takes the time as an argument (`quizapp.clock` is the one place that reads it)
and works in the datetime's own local offset: the study day of 02:00 is the day before in the
learner's time zone, whatever UTC says. Naive datetimes are refused, since their day is a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

#: The default hour at which a new study day begins (local time).
DEFAULT_ROLLOVER_HOUR = 4


def _check_rollover(rollover_hour: int) -> None:
    if isinstance(rollover_hour, bool) or not isinstance(rollover_hour, int):
        raise TypeError(f"rollover_hour must be a whole hour, not {rollover_hour!r}")
    if not 0 <= rollover_hour <= 23:
        raise ValueError(f"rollover_hour must be from 0 to 23, not {rollover_hour}")


def _check_aware(moment: datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{what} must be a timezone-aware datetime (e.g. datetime.now().astimezone()), "
            f"not the naive {moment.isoformat()}: a study day depends on the local time zone"
        )


def study_day(now: datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> date:
    """The study day `now` belongs to: its local date, or the day before if before the rollover.

    >>> from datetime import timezone
    >>> study_day(datetime(2026, 3, 10, 2, 0, tzinfo=timezone.utc))
    datetime.date(2026, 3, 9)
    """
    _check_aware(now, "now")
    _check_rollover(rollover_hour)
    if now.hour < rollover_hour:
        return now.date() - _ONE_DAY
    return now.date()


def day_start(day: date, rollover_hour: int, tz: tzinfo) -> datetime:
    """The moment study day `day` begins (`rollover_hour`:00 local time in `tz`), in UTC.

    UTC, because Python compares and subtracts two datetimes that share a tzinfo by their wall
    clocks: in local time the day of a daylight-saving change would look 24 hours long, and a
    time the clocks skipped would never equal any real instant. With a `zoneinfo.ZoneInfo`,
    days that cross a daylight-saving change are 23 or 25 hours long, and a rollover hour that
    does not exist that day (skipped by the clocks going forward) starts the day at the change.
    With a fixed offset (what `datetime.now().astimezone()` carries) the result is exact for the
    day that offset was read on.
    """
    _check_rollover(rollover_hour)
    return datetime.combine(day, time(rollover_hour), tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class StudyCalendar:
    """The one rollover rule, both ways: the study day of an instant, and when a day starts.

    `zone` is where the learner's days are counted: None for the machine's own zone, with its
    daylight-saving rules for every date (not just today's offset), so a due day weeks away
    starts at the rollover hour as the clocks will show it then. Tests and benchmarks pass a
    fixed zone.

    Day schedulers (SM-2) decide in whole study days; `start_of` turns their due day into the
    instant it begins, and `day_of` reads an instant back as the study day it falls in, so a
    card due "on the 25th" is due from the 25th's rollover on, whatever the zone's offset.
    """

    rollover_hour: int = DEFAULT_ROLLOVER_HOUR
    zone: tzinfo | None = None

    def __post_init__(self) -> None:
        _check_rollover(self.rollover_hour)

    def local(self, instant: datetime) -> datetime:
        """`instant` as the learner's clock shows it (aware, in the calendar's zone)."""
        _check_aware(instant, "instant")
        return instant.astimezone(self.zone)

    def day_of(self, instant: datetime) -> date:
        """The study day `instant` belongs to, in the calendar's zone (`study_day`'s rule; on
        every answer, so without its checks of the rollover hour, done once here)."""
        try:
            local = self.local(instant)
        except OverflowError:  # the last instant there is, seen from a zone ahead of UTC
            return date.max
        if local.hour < self.rollover_hour:
            return local.date() - _ONE_DAY
        return local.date()

    def start_of(self, day: date) -> datetime:
        """The instant (UTC) study day `day` begins: the rollover hour, local time."""
        return _start_of(day, self.rollover_hour, self.zone)

    def end_of(self, day: date) -> datetime:
        """The instant (UTC) the study day after `day` begins: `day`'s end, excluded."""
        if day == date.max:
            return _LATEST
        return self.start_of(day + _ONE_DAY)


_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=4096)
def _start_of(day: date, rollover_hour: int, zone: tzinfo | None) -> datetime:
    """`StudyCalendar.start_of`, remembered: the answers of a session fall due on a few days."""
    if zone is not None:
        return _clamped(lambda: day_start(day, rollover_hour, zone))
    # A naive local time's astimezone() applies the machine's rules for that very date.
    wall = datetime.combine(day, time(rollover_hour))
    return _clamped(lambda: wall.astimezone().astimezone(UTC))


#: The latest instant a due time can take (a due day past year 9999 is "never" in practice).
_LATEST = datetime.max.replace(tzinfo=UTC)
_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _clamped(start: Callable[[], datetime]) -> datetime:
    """A day's start, or the first or last instant there is when the day is at the calendar's
    very edge (date.max's rollover in a zone behind UTC would not fit a datetime)."""
    try:
        return start()
    except OverflowError:
        return _LATEST
    except ValueError as exc:  # astimezone() of a time before year 1 says so with ValueError
        if "year" in str(exc):
            return _EARLIEST
        raise
