"""Study days and the rollover hour, with dates worked out by hand (UTC offsets written out)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from quizapp.scheduling.days import (
    StudyCalendar,
    day_start,
    study_day,
)

PLUS2 = timezone(timedelta(hours=2))


def local_study_day(instant: datetime, tz: tzinfo) -> date:
    """The study day of `instant` in `tz`, by the calendar (rollover 04:00)."""
    return StudyCalendar(4, tz).day_of(instant)


def day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The start and end of the study day of `now` (rollover 04:00, in `now`'s own zone)."""
    calendar = StudyCalendar(4, now.tzinfo)
    day = calendar.day_of(now)
    return calendar.start_of(day), calendar.end_of(day)


MINUS5 = timezone(timedelta(hours=-5))


def berlin() -> ZoneInfo:
    try:
        return ZoneInfo("Europe/Berlin")
    except ZoneInfoNotFoundError:  # pragma: no cover - a machine without tz data
        pytest.skip("no time zone database on this machine")


@pytest.mark.parametrize(
    ("clock", "rollover", "expected"),
    [
        ("02:00", 4, date(2026, 3, 9)),  # before the rollover: still the evening before
        ("03:59:59", 4, date(2026, 3, 9)),
        ("04:00", 4, date(2026, 3, 10)),  # the rollover itself starts the new day
        ("05:00", 4, date(2026, 3, 10)),
        ("23:59", 4, date(2026, 3, 10)),
        ("00:00", 0, date(2026, 3, 10)),  # rollover 0: plain calendar days
        ("00:30", 1, date(2026, 3, 9)),
        ("22:59", 23, date(2026, 3, 9)),
        ("23:00", 23, date(2026, 3, 10)),
    ],
)
def test_rollover(clock: str, rollover: int, expected: date) -> None:
    now = datetime.fromisoformat(f"2026-03-10T{clock}+00:00")
    assert study_day(now, rollover) == expected


def test_default_rollover_is_four() -> None:
    assert study_day(datetime(2026, 3, 10, 3, 0, tzinfo=UTC)) == date(2026, 3, 9)
    assert study_day(datetime(2026, 3, 10, 4, 0, tzinfo=UTC)) == date(2026, 3, 10)


def test_the_datetimes_own_offset_decides() -> None:
    # 02:30 UTC is 04:30 at +02:00: a new day there, still the 9th in UTC.
    instant = datetime(2026, 3, 10, 2, 30, tzinfo=UTC)
    assert study_day(instant) == date(2026, 3, 9)
    assert study_day(instant.astimezone(PLUS2)) == date(2026, 3, 10)
    assert local_study_day(instant, PLUS2) == date(2026, 3, 10)
    # 08:00 UTC is 03:00 at -05:00: before that zone's rollover, so the 9th.
    assert local_study_day(datetime(2026, 3, 10, 8, 0, tzinfo=UTC), MINUS5) == date(2026, 3, 9)


def test_year_boundary() -> None:
    assert study_day(datetime(2027, 1, 1, 1, 0, tzinfo=UTC)) == date(2026, 12, 31)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        study_day(datetime(2026, 3, 10, 12, 0))  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="timezone-aware"):
        local_study_day(datetime(2026, 3, 10, 12, 0), UTC)  # noqa: DTZ001
    with pytest.raises(ValueError, match="timezone-aware"):
        day_bounds(datetime(2026, 3, 10, 12, 0))  # noqa: DTZ001


@pytest.mark.parametrize("hour", [-1, 24, 100])
def test_rollover_out_of_range(hour: int) -> None:
    with pytest.raises(ValueError, match="0 to 23"):
        study_day(datetime(2026, 3, 10, tzinfo=UTC), hour)
    with pytest.raises(ValueError, match="0 to 23"):
        day_start(date(2026, 3, 10), hour, UTC)


def test_rollover_must_be_whole() -> None:
    with pytest.raises(TypeError, match="whole hour"):
        study_day(datetime(2026, 3, 10, tzinfo=UTC), 4.5)  # type: ignore[arg-type]


def test_day_start_and_bounds_fixed_offset() -> None:
    assert day_start(date(2026, 3, 10), 4, PLUS2) == datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    assert day_start(date(2026, 3, 10), 4, PLUS2).tzinfo is UTC
    # 01:00 at +02:00 on the 11th belongs to the 10th: 04:00 on the 10th to 04:00 on the 11th.
    start, end = day_bounds(datetime(2026, 3, 11, 1, 0, tzinfo=PLUS2))
    assert start == datetime(2026, 3, 10, 4, 0, tzinfo=PLUS2)
    assert end == datetime(2026, 3, 11, 4, 0, tzinfo=PLUS2)
    assert end - start == timedelta(hours=24)


def test_dst_spring_forward_day_is_23_hours() -> None:
    tz = berlin()
    # Berlin leaves CET (+01:00) for CEST (+02:00) at 02:00 on 29 March 2026.
    # 28 March starts at 04:00+01:00 = 03:00 UTC, 29 March at 04:00+02:00 = 02:00 UTC.
    assert day_start(date(2026, 3, 28), 4, tz) == datetime(2026, 3, 28, 3, 0, tzinfo=UTC)
    assert day_start(date(2026, 3, 29), 4, tz) == datetime(2026, 3, 29, 2, 0, tzinfo=UTC)
    start, end = day_bounds(datetime(2026, 3, 28, 20, 0, tzinfo=tz))
    assert end - start == timedelta(hours=23)
    # 03:30 CEST on the 29th (01:30 UTC) is still the 28th's study day; 04:30 CEST is the 29th.
    assert local_study_day(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), tz) == date(2026, 3, 28)
    assert local_study_day(datetime(2026, 3, 29, 2, 30, tzinfo=UTC), tz) == date(2026, 3, 29)


def test_dst_fall_back_day_is_25_hours() -> None:
    tz = berlin()
    # Back from CEST to CET at 03:00 on 25 October 2026: 24 Oct starts at 02:00 UTC,
    # 25 Oct at 04:00+01:00 = 03:00 UTC, so the 24th's study day lasts 25 hours.
    start, end = day_bounds(datetime(2026, 10, 24, 12, 0, tzinfo=tz))
    assert start == datetime(2026, 10, 24, 2, 0, tzinfo=UTC)
    assert end == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
    assert end - start == timedelta(hours=25)


def test_rollover_hour_skipped_by_dst_starts_day_at_the_change() -> None:
    tz = berlin()
    # 02:00 does not exist in Berlin on 29 March 2026; the day starts at the jump, 01:00 UTC.
    assert day_start(date(2026, 3, 29), 2, tz) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
