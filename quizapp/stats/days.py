"""Study days as whole numbers, for arrays: answer times to days, days to weeks and months.

A study day starts at the rollover hour (local time), so an answer at 01:30 with the default
rollover at 04:00 counts for the evening before, as the session counts it: `study_days` is
`quizapp.scheduling.days.StudyCalendar.day_of` over an array (a test holds the two equal).
Days are numbered from 1970-01-01 (day 0), which numpy's ``datetime64[D]`` shares, so months
come for free.
Weeks start on Monday (ISO 8601).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

import numpy as np
import numpy.typing as npt

from quizapp.stats.history import IntArray

EPOCH = date(1970, 1, 1)
_SECONDS_PER_DAY = 86_400
#: 1970-01-01 was a Thursday; shifting by 3 makes every Monday start a week.
_MONDAY_SHIFT = 3


def day_number(day: date) -> int:
    """A date as a day number (days since 1970-01-01)."""
    return (day - EPOCH).days


def day_date(number: int) -> date:
    """A day number back as a date."""
    return EPOCH + timedelta(days=int(number))


def _utc_offset_seconds(timestamp: float, tz: tzinfo | None) -> int:
    # astimezone() with no argument is the system's zone, with the offset of that very moment.
    moment = datetime.fromtimestamp(timestamp, UTC)
    offset = moment.astimezone(tz).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def study_days(timestamps: npt.ArrayLike, rollover_hour: int, tz: tzinfo | None = None) -> IntArray:
    """The study day of each answer time (POSIX seconds, UTC) in `tz` (None: the system's zone).

    The UTC offset can change (daylight saving time), so it is looked up once per distinct UTC
    day at the day's start and end; only answers on a day whose offset changes get their own
    look-up. That keeps the Python work to a few thousand calls for any number of answers.
    """
    if not 0 <= rollover_hour <= 23:
        raise ValueError(f"rollover hour {rollover_hour} is not between 0 and 23")
    seconds = np.asarray(timestamps, dtype=np.int64)
    if seconds.size == 0:
        return np.zeros(0, dtype=np.int64)
    utc_day = seconds // _SECONDS_PER_DAY
    unique_days, where = np.unique(utc_day, return_inverse=True)
    starts = [_utc_offset_seconds(int(d) * _SECONDS_PER_DAY, tz) for d in unique_days]
    ends = [_utc_offset_seconds(int(d + 1) * _SECONDS_PER_DAY - 1, tz) for d in unique_days]
    offset_start = np.asarray(starts, dtype=np.int64)
    offset = offset_start[where]
    changing = np.flatnonzero(offset_start != np.asarray(ends, dtype=np.int64))
    if changing.size:
        on_changing_day = np.flatnonzero(np.isin(where, changing))
        offset = offset.copy()
        offset[on_changing_day] = [
            _utc_offset_seconds(int(seconds[i]), tz) for i in on_changing_day
        ]
    local = seconds + offset - rollover_hour * 3600
    return local // _SECONDS_PER_DAY


def week_start(days: IntArray) -> IntArray:
    """The day number of the Monday starting each day's week."""
    return days - (days + _MONDAY_SHIFT) % 7


def month_start(days: IntArray) -> IntArray:
    """The day number of the first day of each day's month."""
    months = np.asarray(days, dtype="datetime64[D]").astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64)


def utc_timestamp(moment: datetime) -> int:
    """POSIX seconds of an aware moment (helper for tests and the synthetic history)."""
    if moment.tzinfo is None:
        raise ValueError("utc_timestamp needs a timezone-aware datetime")
    return int(moment.astimezone(UTC).timestamp())
