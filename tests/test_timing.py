"""Zones, DST and midnight: Beijing time first, each station's clock, and the content errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summit.content.models import Event, Station
from summit.i18n import Locale
from summit.schedule.times import Schedule, event_times
from summit.schedule.timetext import TimeText
from summit.schedule.timing import UTC, exists, local, status, timing, utc_offset

from conftest import edit

SITE = "Asia/Shanghai"


def words(lang: str) -> TimeText:
    """Times worded in ``lang`` (a schedule of its own each time: the test events share an id)."""
    return TimeText(Locale(lang), Schedule([], SITE))


def event(**fields: object) -> Event:
    base = {"id": "e", "title": {"zh": "甲", "en": "A"}, "kind": "forum", "summary": {"zh": "甲", "en": "A"}}
    return Event.model_validate({**base, **fields})


def station(zone: str, city: str = "温哥华") -> Station:
    return Station.model_validate(
        {
            "id": "s",
            "name": {"zh": city, "en": city},
            "city": {"zh": city, "en": city},
            "country": {"zh": "x", "en": "x"},
            "timezone": zone,
        }
    )


@pytest.mark.parametrize(
    ("day", "start", "zone", "expected"),
    [
        # Vancouver springs forward on 2024-03-10 at 02:00 local (10:00 UTC)
        ("2024-03-10", "17:00", "America/Vancouver", "01:00 UTC-8"),
        ("2024-03-10", "18:00", "America/Vancouver", "03:00 UTC-7"),
        # ... and falls back on 2024-11-03 at 02:00 PDT: 01:30 happens twice
        ("2024-11-03", "16:30", "America/Vancouver", "01:30 UTC-7"),
        ("2024-11-03", "17:30", "America/Vancouver", "01:30 UTC-8"),
        # London: 2024-03-31 01:00 GMT -> 02:00 BST; 2024-10-27 02:00 BST -> 01:00 GMT
        ("2024-03-31", "08:30", "Europe/London", "00:30 UTC+0"),
        ("2024-03-31", "09:30", "Europe/London", "02:30 UTC+1"),
        ("2024-10-27", "08:30", "Europe/London", "01:30 UTC+1"),
        ("2024-10-27", "09:30", "Europe/London", "01:30 UTC+0"),
        # Boston on the day the US changes clocks in March; Tokyo has no DST
        ("2024-03-10", "15:30", "America/New_York", "03:30 UTC-4"),
        ("2024-03-10", "15:30", "Asia/Tokyo", "16:30 UTC+9"),
    ],
)
def test_station_clock_around_dst(day: str, start: str, zone: str, expected: str) -> None:
    t = event_times(event(date=day, start=start), SITE)
    assert words("zh").clock(t, zone) == expected


def test_date_shown_when_it_differs_across_midnight() -> None:
    e = event(date="2024-04-15", start="14:00", end="16:30")
    assert words("zh").at_stations(e, [station("America/Vancouver")]) == ["温哥华：4月14日 23:00 – 4月15日 01:30 UTC-7"]
    assert words("en").at_stations(e, [station("Asia/Tokyo", "Tokyo")]) == ["Tokyo: 15:00–17:30 UTC+9"]
    early = event(date="2024-04-15", start="00:30")
    assert words("zh").at_stations(early, [station("America/Vancouver")]) == ["温哥华：4月14日 09:30 UTC-7"]


def test_beijing_time_is_named_with_its_offset() -> None:
    e = event(date="2024-04-15", start="14:00", end="16:30")
    assert words("zh").when(e) == "2024年4月15日 星期一 14:00–16:30（北京时间）"
    assert words("en").when(e) == "Monday, April 15, 2024, 14:00–16:30 (Beijing time, UTC+8)"
    assert words("zh").on_site(e) == ""  # no second reading


def test_event_in_another_zone_is_told_in_the_venues_time_first() -> None:
    e = event(date="2024-11-03", start="01:30", timezone="America/Vancouver")  # the first 01:30 (PDT)
    t = timing(e, SITE)
    assert t.start.astimezone(UTC) == dt.datetime(2024, 11, 3, 8, 30, tzinfo=UTC)
    assert words("zh").when(e) == "2024年11月3日 星期日 01:30（温哥华时间 UTC-7）"
    assert words("zh").on_site(e) == "北京时间 11月3日 16:30"
    assert words("en").when(e) == "Sunday, November 3, 2024, 01:30 (Vancouver time, UTC-7)"
    assert words("en").on_site(e) == "Beijing time: Nov 3 16:30"


def test_an_event_across_a_clock_change_names_both_offsets() -> None:
    e = event(date="2030-10-26", end_date="2030-10-27", start="10:00", end="16:00", timezone="Europe/London")
    assert words("en").when(e).endswith("16:00 (London time, UTC+1/UTC+0)")
    assert words("zh").on_site(e) == "北京时间 10月26日 17:00 – 10月28日 00:00"


def test_station_page_puts_local_time_first() -> None:
    e = event(date="2024-04-15", start="14:00")
    assert words("en").for_station(e, station("America/Vancouver", "Vancouver")) == (
        "Sunday, April 14, 2024, 23:00 UTC-7 (Beijing time: Apr 15 14:00)"
    )


def test_all_day_and_month_only_have_no_clock() -> None:
    assert words("zh").at_stations(event(date="2024-04-15"), [station("America/Vancouver")]) == []
    assert words("zh").when(event(date="2024-05")) == "2024年5月（日期待定）"
    assert words("en").when(event(date="2024-05")) == "May 2024 (date to be announced)"


def test_status_against_the_clock() -> None:
    e = event(date="2024-04-15", start="14:00", end="16:00")
    at = lambda h, m=0: dt.datetime(2024, 4, 15, h, m, tzinfo=UTC) - dt.timedelta(hours=8)  # noqa: E731
    assert [status(e, SITE, at(h)) for h in (13, 14, 15, 16)] == ["upcoming", "now", "now", "past"]
    all_day = event(date="2024-04-15")
    beijing_midnight = dt.datetime(2024, 4, 14, 16, 0, tzinfo=UTC)
    assert status(all_day, SITE, beijing_midnight - dt.timedelta(seconds=1)) == "upcoming"
    assert status(all_day, SITE, beijing_midnight) == "now"
    assert status(all_day, SITE, beijing_midnight + dt.timedelta(days=1)) == "past"
    month = event(date="2024-05")
    assert status(month, SITE, dt.datetime(2024, 5, 31, 12, tzinfo=UTC)) == "now"


def test_skipped_wall_clock_time() -> None:
    assert not exists(local(dt.date(2024, 3, 10), dt.time(2, 30), "America/Vancouver"))
    assert exists(local(dt.date(2024, 11, 3), dt.time(1, 30), "America/Vancouver"))
    assert utc_offset(local(dt.date(2024, 1, 1), dt.time(), "Asia/Kolkata")) == "UTC+5:30"


def test_time_errors_in_content(content_copy: Path, errors_of) -> None:
    path = content_copy / "events/2030.yml"
    edit(path, "    timezone: Asia/Tokyo", "    timezone: America/Los_Angeles")  # Vancouver keeps UTC-7 from 2026
    edit(path, "    date: 2030-09-01", "    date: 2030-03-10")
    edit(path, '    start: "10:00"', '    start: "02:30"')
    edit(content_copy / "events/2024.yml", '    start: "14:00"', "    start: 2024-04-15T14:00")
    assert errors_of(content_copy) == [
        "content/events/2024.yml:7:12: error: event 2024-04-15-roadshow (Vancouver project roadshow) › start: "
        "'2024-04-15T14:00' is not a time of day: "
        "write HH:MM on a 24-hour clock, e.g. 14:30",
        "content/events/2030.yml:8:12: error: event 2030-09-01-tokyo-forum (Tokyo industry forum) › start: "
        "02:30 does not exist on 2030-03-10 in America/Los_Angeles: "
        "the clocks go forward then",
    ]
