"""One schedule, told the same everywhere: for every timed event and every session of a content with
events in four zones (Beijing, Tokyo, Vancouver, and London across the end of its summer time), the day
and times agree in the page's date block, heading, tabs and rows, the agenda, every calendar, the frab
JSON and XML (the summit's and the event's own), the api and JSON-LD. The expected values are the
record's own: a session's day and clock as written, in its venue's zone."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from summit.schedule.zones import zone
from test_programme import with_programme

from browser import local_context, serve
from conftest import FIXTURE
from sitebuild import copy_project, mkdocs_build

pytestmark = pytest.mark.site
TODAY = "2027-10-01"


def _session(sid: str, day: str, start: str, end: str, room: str | None) -> dict:
    data = {"id": sid, "title": {"zh": f"场次{sid}", "en": f"Session {sid}"}, "kind": "forum", "day": day}
    data.update(start=start, end=end)
    if room:
        data["room"] = room
    return data


def _away(eid: str, zh: str, en: str, days: tuple[str, str], zone_name: str, city: tuple[str, str], **more) -> dict:
    """A two-day event held in ``zone_name`` (its times from 10:00 on the first day to 16:00 on the last
    unless ``more`` says otherwise)."""
    return {
        "id": eid,
        "title": {"zh": zh, "en": en},
        "kind": "forum",
        "date": days[0],
        "end_date": days[1],
        "start": "10:00",
        "end": "16:00",
        "timezone": zone_name,
        "city": {"zh": city[0], "en": city[1]},
        "summary": {"zh": "两天。", "en": "Two days."},
        **more,
    }


AWAY = [
    # two days in Vancouver (UTC-7 all year by 2026f): evenings there are the next morning in Beijing
    _away(
        "2027-11-06-vancouver-forum",
        "温哥华论坛",
        "Vancouver forum",
        ("2027-11-06", "2027-11-07"),
        "America/Vancouver",
        ("温哥华", "Vancouver"),
        format="offline",
        start="17:00",
        end="21:00",
        stations=["vancouver"],
        rooms=[{"id": "hall", "name": {"zh": "大厅", "en": "Hall"}}],
        sessions=[
            _session("v1", "2027-11-06", "17:00", "18:00", "hall"),
            _session("v2", "2027-11-06", "19:30", "21:00", None),  # no room: the city's
            _session("v3", "2027-11-07", "09:00", "10:30", "hall"),
        ],
    ),
    # London across the end of British Summer Time (2030-10-27 02:00 BST -> 01:00 GMT)
    _away(
        "2030-10-26-london-forum",
        "伦敦论坛",
        "London forum",
        ("2030-10-26", "2030-10-27"),
        "Europe/London",
        ("伦敦", "London"),
        format="hybrid",
        stations=["london"],
        rooms=[{"id": "main", "name": {"zh": "主厅", "en": "Main"}}],
        sessions=[
            _session("l1", "2030-10-26", "10:00", "11:00", "main"),
            _session("l2", "2030-10-27", "10:00", "11:00", "main"),
        ],
    ),
]


@dataclass(frozen=True)
class Expected:
    """A session (or an event, session None) as its record says: venue zone, day, clock."""

    event: str
    session: str | None
    zone: str
    day: dt.date
    start: str
    end: str | None

    @property
    def instant(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time.fromisoformat(self.start), zone(self.zone))

    @property
    def until(self) -> dt.datetime | None:
        if self.end is None:
            return None
        return dt.datetime.combine(self.day, dt.time.fromisoformat(self.end), zone(self.zone))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Expected]]:
    root = tmp_path_factory.mktemp("one-schedule")
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    with_programme(content)  # the Tokyo forum's sessions, in Asia/Tokyo
    year = content / "events" / "2027.yml"
    year.write_text(yaml.safe_dump({"events": AWAY[:1]}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = content / "events" / "2030.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["events"].append(AWAY[1])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    project = copy_project(root / "project")
    result = mkdocs_build(project, content, today=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = []
    for file in sorted((content / "events").glob("*.yml")):
        for event in yaml.safe_load(file.read_text(encoding="utf-8"))["events"]:
            if "start" not in event or len(str(event["date"])) != 10:
                continue
            venue = event.get("timezone", "Asia/Shanghai")
            day = dt.date.fromisoformat(str(event["date"]))
            expected.append(Expected(event["id"], None, venue, day, event["start"], event.get("end")))
            for s in event.get("sessions", []):
                expected.append(
                    Expected(event["id"], s["id"], venue, dt.date.fromisoformat(str(s["day"])), s["start"], s["end"])
                )
    assert {e.zone for e in expected} == {"Asia/Shanghai", "Asia/Tokyo", "America/Vancouver", "Europe/London"}
    return project / "site", expected


def sessions(expected: list[Expected]) -> list[Expected]:
    return [e for e in expected if e.session is not None]


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_event_page(built: tuple[Path, list[Expected]], lang: str) -> None:
    site, expected = built
    for e in expected:
        html = read(site, f"{lang}events/{e.event}/index.html")
        if e.session is None:
            big = re.search(r'<span class="summit-date__big">(\d+)</span>', html)
            assert big and int(big.group(1)) == e.day.day, e.event  # the date block: the venue's first day
            when = unescape(re.search(r'class="summit-header__when">.*?<strong>(.*?)</strong>', html, re.S).group(1))
            assert f" {e.start}" in when and str(e.day.year) in when, (e.event, when)  # the heading: the venue's clock
            away = e.zone != "Asia/Shanghai"
            assert ("summit-header__site" in html) == away, e.event  # Beijing time beside, only when it differs
            if away:
                assert ("UTC-7" if "vancouver" in e.event else "UTC+") in when
            continue
        assert f'id="tab-{e.day.isoformat()}"' in html, e  # the tab of the session's venue day
        row = re.search(rf'<div [^>]*id="session-{e.session}"[^>]*>(.*?)</p>', html, re.S)
        assert row, e
        start = re.search(r'data-start="([^"]+)"', row.group(0)).group(1)
        assert dt.datetime.fromisoformat(start) == e.instant, e
        assert f'id="day-{e.day.isoformat()}"' in html
        section = html.split(f'id="day-{e.day.isoformat()}"', 1)[1].split('class="summit-day"', 1)[0]
        assert f'id="session-{e.session}"' in section, e  # the row is under its venue day
        clock = re.search(r'class="summit-session__clock">([^<]+)<', row.group(0)).group(1)
        assert clock == f"{e.start}–{e.end}", (e, clock)  # the row: the venue's clock


def test_every_calendar(built: tuple[Path, list[Expected]]) -> None:
    site, expected = built
    for lang in ("", "en/"):
        for e in expected:
            feed = site / f"{lang}calendar/events/{e.event}.ics"
            uid = f"{e.event}.{e.session}@testis" if e.session else f"{e.event}@testis"
            files = [feed, site / f"{lang}calendar/events.ics"] if e.session is None else [feed]
            if e.session:
                files.append(site / f"{lang}calendar/events/{e.event}/{e.session}.ics")
            for path in files:
                entries = [v for v in Calendar.from_ical(path.read_bytes()).walk("VEVENT") if str(v["uid"]) == uid]
                assert len(entries) == 1, (path, uid)
                assert entries[0]["dtstart"].dt == e.instant, (path, uid)
                if e.until is not None and e.session:
                    assert entries[0]["dtend"].dt == e.until, (path, uid)


def _frab_entries(data: dict) -> Iterator[tuple[str, dict, dict]]:
    for day in data["schedule"]["conference"]["days"]:
        for room, entries in day["rooms"].items():
            for entry in entries:
                yield room, day, entry


def test_frab_json_the_summits_and_the_events_own(built: tuple[Path, list[Expected]]) -> None:
    site, expected = built
    for lang in ("", "en/"):
        summit = {
            entry["url"].rsplit("#session-", 1)[-1]: entry
            for _, _, entry in _frab_entries(json.loads(read(site, f"{lang}schedule.json")))
        }
        for e in sessions(expected):
            entry = summit[e.session]
            assert dt.datetime.fromisoformat(entry["date"]) == e.instant, e
            own = json.loads(read(site, f"{lang}events/{e.event}/schedule.json"))
            assert own["schedule"]["conference"]["time_zone_name"] == e.zone
            found = [
                (room, day, x) for room, day, x in _frab_entries(own) if x["url"].endswith(f"#session-{e.session}")
            ]
            assert len(found) == 1, e
            room, day, x = found[0]
            assert (day["date"], x["start"]) == (e.day.isoformat(), e.start), e  # the venue's day and clock
            assert dt.datetime.fromisoformat(x["date"]) == e.instant
            if e.session == "v2":
                assert room == ("温哥华" if lang == "" else "Vancouver")  # no room: the city, in the file's language


def test_frab_xml_the_events_own(built: tuple[Path, list[Expected]]) -> None:
    site, expected = built
    for e in sessions(expected):
        tree = ET.parse(site / f"events/{e.event}/schedule.xml")
        found = [
            (day, event)
            for day in tree.getroot().iter("day")
            for event in day.iter("event")
            if (event.findtext("url") or "").endswith(f"#session-{e.session}")
        ]
        assert len(found) == 1, e
        day, event = found[0]
        assert day.get("date") == e.day.isoformat() and event.findtext("start") == e.start, e
        assert dt.datetime.fromisoformat(event.findtext("date")) == e.instant, e


def test_the_api_and_json_ld(built: tuple[Path, list[Expected]]) -> None:
    site, expected = built
    for e in expected:
        api = json.loads(read(site, f"api/events/{e.event}.json"))["events"][0]
        page = read(site, f"events/{e.event}/index.html")
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        if e.session is None:
            assert api["timezone"] == e.zone
            assert dt.datetime.fromisoformat(api["start"]) == e.instant
            assert dt.datetime.fromisoformat(ld["startDate"]) == e.instant
            assert api["start"] == ld["startDate"]  # written alike: the venue's offset
            continue
        (item,) = [s for s in api["sessions"] if s["id"] == e.session]
        assert (
            dt.datetime.fromisoformat(item["start"]) == e.instant and dt.datetime.fromisoformat(item["end"]) == e.until
        )
        (sub,) = [s for s in ld["subEvent"] if s["url"].endswith(f"#session-{e.session}")]
        assert sub["startDate"] == item["start"], e


@pytest.fixture(scope="module")
def base(built: tuple[Path, list[Expected]]) -> Iterator[str]:
    with serve(built[0]) as url:
        yield url


@pytest.mark.parametrize(
    ("lang", "session", "shown"),
    [
        ("", "v1", "17:00–18:00（UTC-7）"),
        ("en/", "v3", "09:00–10:30 (UTC-7)"),
        ("", "l2", "10:00–11:00（UTC+0）"),
        ("en/", "opening", "10:00–10:30 (UTC+9)"),
    ],
)
def test_the_agenda_shows_each_time_at_its_venue_with_its_zone(
    chromium, built: tuple[Path, list[Expected]], base: str, lang: str, session: str, shown: str
) -> None:
    _, expected = built
    (e,) = [x for x in expected if x.session == session]
    context = local_context(chromium, timezone_id="Europe/Berlin")
    page = context.new_page()
    page.goto(f"{base}{lang}events/{e.event}/#session-{session}")  # opens the session's day
    page.locator(f"#session-{session} .summit-star").click()
    page.goto(f"{base}{lang}agenda/")
    when = page.locator(".summit-agenda__when").first
    when.wait_for()
    text = when.inner_text()
    context.close()
    assert text.endswith(shown), text
    day = e.day
    assert (f"{day.month}月{day.day}日" if lang == "" else f"{day:%b} {day.day}") in text, text


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["events/2027-11-06-vancouver-forum/", "en/events/2030-10-26-london-forum/", "agenda/"])
def test_an_event_away_passes_axe(chromium, base: str, url: str, scheme: str) -> None:
    from test_audit import axe_violations

    assert axe_violations(chromium, base + url, scheme) == []
