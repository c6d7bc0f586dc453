"""Study days for arrays: rollover hour, time zones with daylight saving, weeks and months."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from quizapp.scheduling.days import StudyCalendar
from quizapp.stats.days import (
    day_date,
    day_number,
    month_start,
    study_days,
    utc_timestamp,
    week_start,
)

SEOUL = timezone(timedelta(hours=9))
NEW_YORK = ZoneInfo("America/New_York")


def test_day_numbers_count_from_1970() -> None:
    assert day_number(date(1970, 1, 1)) == 0
    assert day_number(date(1970, 2, 1)) == 31
    assert day_date(31) == date(1970, 2, 1)


@pytest.mark.parametrize(
    ("clock", "rollover", "expected"),
    [
        # 03:00 is before a 05:00 rollover (the evening before) but after a 02:00 one.
        ((3, 0), 2, date(2024, 3, 10)),
        ((3, 0), 5, date(2024, 3, 9)),
        ((1, 59), 2, date(2024, 3, 9)),
        ((2, 0), 2, date(2024, 3, 10)),
        ((4, 59), 5, date(2024, 3, 9)),
        ((5, 0), 5, date(2024, 3, 10)),
        ((23, 59), 5, date(2024, 3, 10)),
        ((0, 0), 0, date(2024, 3, 10)),
    ],
    ids=["3h-r2", "3h-r5", "1h59-r2", "2h-r2", "4h59-r5", "5h-r5", "23h59-r5", "midnight-r0"],
)
def test_rollover_hour_in_a_fixed_zone(
    clock: tuple[int, int], rollover: int, expected: date
) -> None:
    stamp = utc_timestamp(datetime(2024, 3, 10, *clock, tzinfo=SEOUL))
    assert study_days([stamp], rollover, SEOUL).tolist() == [day_number(expected)]


def test_many_answers_at_once_match_one_by_one() -> None:
    # Seoul 2024-03-10 03:00 is 2024-03-09 18:00 UTC: the UTC date is not the study day.
    times = [datetime(2024, 3, 10, h, 30, tzinfo=SEOUL) for h in (0, 3, 4, 12, 23)]
    got = study_days([utc_timestamp(t) for t in times], 4, SEOUL).tolist()
    ninth, tenth = day_number(date(2024, 3, 9)), day_number(date(2024, 3, 10))
    assert got == [ninth, ninth, tenth, tenth, tenth]


def test_daylight_saving_day_uses_each_answers_own_offset() -> None:
    # New York moved from EST (-5) to EDT (-4) at 02:00 on 2024-03-10.
    # 07:30 UTC is 03:30 EDT (before a 04:00 rollover: the 9th); 08:30 UTC is 04:30 EDT (the 10th).
    # Using EST for the whole UTC day would put 08:30 UTC at 03:30 and wrongly on the 9th.
    stamps = [
        utc_timestamp(datetime(2024, 3, 10, 7, 30, tzinfo=UTC)),
        utc_timestamp(datetime(2024, 3, 10, 8, 30, tzinfo=UTC)),
        utc_timestamp(datetime(2024, 3, 9, 12, 0, tzinfo=UTC)),
    ]
    got = study_days(stamps, 4, NEW_YORK).tolist()
    ninth, tenth = day_number(date(2024, 3, 9)), day_number(date(2024, 3, 10))
    assert got == [ninth, tenth, ninth]


def test_empty_and_bad_rollover() -> None:
    assert study_days([], 4, UTC).tolist() == []
    with pytest.raises(ValueError, match="rollover"):
        study_days([0], 24, UTC)


def test_one_moment_through_the_calendar() -> None:
    # One rollover rule: a single moment's study day is the calendar's.
    calendar = StudyCalendar(4, SEOUL)
    assert day_number(calendar.day_of(datetime(2024, 3, 10, 3, 0, tzinfo=SEOUL))) == day_number(
        date(2024, 3, 9)
    )
    with pytest.raises(ValueError, match="timezone-aware"):
        calendar.day_of(datetime(2024, 3, 10, 3, 0))  # noqa: DTZ001


@pytest.mark.parametrize("rollover", [0, 2, 4, 23])
@pytest.mark.parametrize("zone", [UTC, SEOUL, NEW_YORK, None], ids=["utc", "seoul", "ny", "local"])
def test_arrays_agree_with_the_calendar(rollover: int, zone: tzinfo | None) -> None:
    # 3,000 seeded instants over two years, DST changes included, plus every hour around the
    # 2024 spring-forward and fall-back nights in New York.
    rng = np.random.default_rng(rollover)
    start = utc_timestamp(datetime(2023, 1, 1, tzinfo=UTC))
    seconds = rng.integers(start, start + 2 * 365 * 86_400, size=3_000)
    edges = [datetime(2024, 3, 10, tzinfo=UTC), datetime(2024, 11, 3, tzinfo=UTC)]
    around = [utc_timestamp(e) + h * 1800 for e in edges for h in range(96)]
    seconds = np.concatenate([seconds, np.array(around, dtype=np.int64)])
    calendar = StudyCalendar(rollover, zone)
    expected = [day_number(calendar.day_of(datetime.fromtimestamp(int(t), UTC))) for t in seconds]
    assert study_days(seconds, rollover, zone).tolist() == expected


def test_weeks_start_on_monday_and_months_on_the_first() -> None:
    # 2024-01-01 was a Monday; 2024 is a leap year.
    days = np.array(
        [day_number(date(2024, 1, d)) for d in (1, 7, 8)] + [day_number(date(2024, 2, 29))]
    )
    assert [day_date(d) for d in week_start(days)] == [
        date(2024, 1, 1),
        date(2024, 1, 1),
        date(2024, 1, 8),
        date(2024, 2, 26),
    ]
    assert [day_date(d) for d in month_start(days)] == [
        date(2024, 1, 1),
        date(2024, 1, 1),
        date(2024, 1, 1),
        date(2024, 2, 1),
    ]
