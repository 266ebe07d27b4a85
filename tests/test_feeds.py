"""Calendars (RFC 5545), the frab schedule.json and the api feeds, as a calendar app or another site reads them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import icalendar
import jsonschema
import pytest

from summit.outputs.render import render_all

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"


@pytest.fixture(scope="module")
def outputs(fixture_site) -> dict[str, bytes]:
    return {p: d for p, d in render_all(fixture_site).items() if isinstance(d, bytes)}


def calendars(outputs: dict[str, bytes]) -> dict[str, bytes]:
    return {p: d for p, d in outputs.items() if p.endswith(".ics")}


def events_of(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_the_calendars_that_exist(outputs) -> None:
    assert sorted(calendars(outputs)) == sorted(
        [
            "calendar/events.ics",
            "calendar/events.en.ics",
            *(f"calendar/stations/{s}{lang}.ics" for s in ("vancouver", "tokyo", "london") for lang in ("", ".en")),
            *(
                f"calendar/events/{e}{lang}.ics"
                for e in (
                    "2024-04-15-roadshow",
                    "2030-09-01-tokyo-forum",
                    "2030-10-10-signing",
                    "2030-11-20-london-exchange",
                )
                for lang in ("", ".en")
            ),
        ]
    )  # the month-only 2024-05 conference has no calendar until its day is known


@pytest.mark.parametrize(
    "path", ["calendar/events.ics", "calendar/stations/vancouver.en.ics", "calendar/events/2030-09-01-tokyo-forum.ics"]
)
def test_rfc5545_lines(outputs, path: str) -> None:
    data = outputs[path]
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines), "bare LF"
    assert max(len(line) for line in lines) <= 75, "lines are folded at 75 octets"
    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    for item in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL", "STATUS"):
            assert prop in item, prop


def test_times_are_right(outputs) -> None:
    zh = events_of(outputs["calendar/events.ics"])
    roadshow = zh["2024-04-15-roadshow@testis"]
    assert roadshow.decoded("DTSTART") == dt.datetime(2024, 4, 15, 6, 0, tzinfo=dt.UTC)  # 14:00 Beijing time
    assert roadshow.decoded("DTEND") == dt.datetime(2024, 4, 15, 8, 30, tzinfo=dt.UTC)
    forum = zh["2030-09-01-tokyo-forum@testis"]
    assert forum.decoded("DTSTART") == dt.datetime(2030, 9, 1, 1, 0, tzinfo=dt.UTC)  # 10:00 in Tokyo
    assert forum.decoded("DTEND") == dt.datetime(2030, 9, 2, 8, 0, tzinfo=dt.UTC)
    signing = zh["2030-10-10-signing@testis"]
    assert signing.decoded("DTSTART") == dt.date(2030, 10, 10)  # all day: DATE values
    assert signing.decoded("DTEND") == dt.date(2030, 10, 11)
    assert b"DTSTART;VALUE=DATE:20301010" in outputs["calendar/events.ics"]


def test_status_url_and_language(outputs) -> None:
    en = events_of(outputs["calendar/events.en.ics"])
    assert str(en["2030-11-20-london-exchange@testis"]["STATUS"]) == "CANCELLED"
    assert str(en["2030-10-10-signing@testis"]["STATUS"]) == "TENTATIVE"  # postponed
    assert str(en["2024-04-15-roadshow@testis"]["URL"]) == "https://summit.example.org/en/events/2024-04-15-roadshow/"
    assert str(en["2024-04-15-roadshow@testis"]["SUMMARY"]) == "Vancouver project roadshow"
    zh = events_of(outputs["calendar/events.ics"])
    assert str(zh["2024-04-15-roadshow@testis"]["URL"]) == "https://summit.example.org/events/2024-04-15-roadshow/"
    assert str(zh["2024-04-15-roadshow@testis"]["SUMMARY"]) == "温哥华项目路演"


def test_station_feed_has_only_its_events(outputs) -> None:
    assert sorted(events_of(outputs["calendar/stations/vancouver.ics"])) == [
        "2024-04-15-roadshow@testis",
        "2030-11-20-london-exchange@testis",
    ]
    assert sorted(events_of(outputs["calendar/stations/tokyo.en.ics"])) == ["2030-09-01-tokyo-forum@testis"]


def test_uids_are_stable_across_feeds_and_builds(fixture_site, outputs) -> None:
    later = dataclasses.replace(fixture_site, now=fixture_site.now + dt.timedelta(days=400))
    again = {p: d for p, d in render_all(later).items() if p.endswith(".ics")}
    for path, data in calendars(outputs).items():
        assert sorted(events_of(data)) == sorted(events_of(again[path]))
    one = events_of(outputs["calendar/events/2024-04-15-roadshow.en.ics"])
    assert list(one) == ["2024-04-15-roadshow@testis"]


def test_schedule_json_is_valid_frab(outputs) -> None:
    schema = json.loads((SCHEMAS / "c3voc-schedule.schema.json").read_text())
    validator = jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.FormatChecker()
    )  # all formats, uuid included
    for path in ("schedule.json", "schedule.en.json"):
        data = json.loads(outputs[path])
        assert list(validator.iter_errors(data)) == []
    conference = json.loads(outputs["schedule.en.json"])["schedule"]["conference"]
    assert conference["acronym"] == "testis" and conference["time_zone_name"] == "Asia/Shanghai"
    # the signing of 2030-10-10 is a whole day: left out (apps would place 00:00 Beijing time on the day
    # before in the Americas); it is in the calendars as a date
    assert [d["date"] for d in conference["days"]] == ["2024-04-15", "2030-09-01", "2030-11-20"]
    assert "2030-10-10-signing@testis" in events_of(outputs["calendar/events.en.ics"])
    talk = conference["days"][0]["rooms"]["Online"][0]
    # rooms are named in the file's language: an online event's in Chinese in the Chinese file
    chinese = json.loads(outputs["schedule.json"])["schedule"]["conference"]
    assert list(chinese["days"][0]["rooms"]) == ["线上"]
    assert [r["type"] for r in chinese["rooms"] if r["name"] == "线上"] == ["online"]
    assert (talk["date"], talk["start"], talk["duration"]) == ("2024-04-15T14:00:00+08:00", "14:00", "02:30")
    assert talk["url"] == "https://summit.example.org/en/events/2024-04-15-roadshow/"
    # the check can fail: a broken guid and a bad URL are found
    talk["guid"], talk["url"] = "not-a-uuid", "no url"
    assert len(list(validator.iter_errors({"schedule": {"version": "1", "conference": conference}}))) == 2


def test_api_feed_follows_its_schema(outputs) -> None:
    schema = json.loads(outputs["api/events.schema.json"])
    for path in ("api/events.json", "api/events.en.json", "api/stations/vancouver.en.json"):
        jsonschema.validate(json.loads(outputs[path]), schema)
    feed = json.loads(outputs["api/stations/vancouver.en.json"])
    assert feed["station"] == "vancouver" and feed["language"] == "en"
    roadshow = feed["events"][0]
    assert roadshow["start"] == "2024-04-15T14:00:00+08:00" and roadshow["precision"] == "time"
    assert roadshow["ics"] == "https://summit.example.org/en/calendar/events/2024-04-15-roadshow.ics"
    month = next(e for e in json.loads(outputs["api/events.json"])["events"] if e["precision"] == "month")
    assert (month["start"], month["end"], month["ics"]) == ("2024-05", None, None)


def test_calendar_names_are_escaped_as_summaries_are(fixture_site) -> None:
    from summit.i18n import Locale
    from summit.outputs.calendar import Calendars

    data = Calendars(fixture_site, Locale("en")).ics_of([], "Forum, day one; Hall\\B")
    lines = data.decode().split("\r\n")
    assert "NAME:Forum\\, day one\\; Hall\\\\B" in lines
    assert "X-WR-CALNAME:Forum\\, day one\\; Hall\\\\B" in lines


def test_an_event_with_a_programme_has_its_own_frab_schedule_in_its_zone(content_copy: Path) -> None:
    from summit.content.loader import load_content
    from summit.schedule.site import Site
    from test_programme import with_programme

    from conftest import BASE_URL, NOW

    with_programme(content_copy)
    site = Site(load_content(content_copy.parent, content_copy, now=NOW), NOW, BASE_URL)
    outputs = render_all(site)
    schema = json.loads((SCHEMAS / "c3voc-schedule.schema.json").read_text())
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    own = [p for p in outputs if p.startswith("events/") and "schedule" in p]
    assert sorted(own) == [
        "events/2030-09-01-tokyo-forum/schedule.en.json",
        "events/2030-09-01-tokyo-forum/schedule.en.xml",
        "events/2030-09-01-tokyo-forum/schedule.json",
        "events/2030-09-01-tokyo-forum/schedule.xml",
    ]
    data = json.loads(outputs["events/2030-09-01-tokyo-forum/schedule.en.json"])
    assert list(validator.iter_errors(data)) == []
    conference = data["schedule"]["conference"]
    assert conference["time_zone_name"] == "Asia/Tokyo" and conference["title"] == "Tokyo industry forum"
    assert conference["url"] == "https://summit.example.org/en/events/2030-09-01-tokyo-forum/"
    days = conference["days"]
    assert [d["date"] for d in days] == ["2030-09-01", "2030-09-02"]
    assert days[0]["day_start"] == "2030-09-01T00:00:00+09:00"
    first = next(iter(days[0]["rooms"].values()))[0]
    assert (first["date"], first["start"]) == ("2030-09-01T10:00:00+09:00", "10:00")  # the venue's clock
