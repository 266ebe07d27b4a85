"""An event's programme in the content: people.yml, rooms and sessions, and what `make check` says of
them, each at its line. The people and sessions are made up for the tests (the seed names none)."""

from __future__ import annotations

import json
import random
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from summit.content.loader import load_content

from conftest import NOW, ROOT, edit

sys.path.insert(0, str(ROOT / "bench"))
import synth

PEOPLE = """people:
  - id: li-ming
    name: {zh: 李明, en: Li Ming}
    title: {zh: 教授, en: Professor}
    affiliation: {zh: 测试大学, en: Test University}
    bio:
      zh: 研究**人工智能**。
      en: Works on **artificial intelligence**.
  - id: wang-fang
    name: {zh: 王芳}
  - id: ann-smith
    name: {zh: 安·史密斯, en: Ann Smith}
    unverified: true
"""

PROGRAMME = """    rooms:
      - {id: main, name: {zh: 主会场, en: Main hall}}
      - {id: hall-b, name: {zh: B厅, en: Hall B}}
    sessions:
      - id: opening
        title: {zh: 开幕式, en: Opening}
        kind: ceremony
        day: 2030-09-01
        start: "10:00"
        end: "10:30"
        room: main
        speakers: [li-ming]
      - id: ai-forum
        title: {zh: 人工智能论坛, en: AI forum}
        kind: forum
        day: 2030-09-01
        start: "10:30"
        end: "12:00"
        room: main
        track: {zh: 人工智能, en: AI}
        speakers: [wang-fang]
        moderators: [ann-smith]
      - id: roadshow
        title: {zh: 项目路演, en: Roadshow}
        kind: roadshow
        day: 2030-09-02
        start: "10:00"
        end: "12:00"
        room: hall-b
"""


def with_programme(content: Path) -> None:
    (content / "people.yml").write_text(PEOPLE, encoding="utf-8")
    edit(
        content / "events" / "2030.yml",
        "    summary: {zh: 两天的论坛。, en: A two-day forum.}\n",
        "    summary: {zh: 两天的论坛。, en: A two-day forum.}\n" + PROGRAMME,
    )


SUMMIT_WEEK = "2030-07-10-summit-week"


def with_summit_week(content: Path) -> None:
    """``with_programme``, and a summit week of three days in six rooms (109 sessions) with 60 more people,
    made by the benchmark's generator."""
    with_programme(content)
    rng = random.Random(7)
    text = synth.Text(rng)
    crowd = synth.people(rng, text, 60)
    event = {
        "id": SUMMIT_WEEK,
        "title": {"zh": "海创周主会", "en": "Summit week"},
        "kind": "conference",
        "format": "offline",
        "date": "2030-07-10",
        "end_date": "2030-07-12",
        "start": "08:30",
        "end": "17:30",
        "city": {"zh": "大连", "en": "Dalian"},
        "summary": {"zh": "三天六个会场。", "en": "Three days in six halls."},
        **synth.summit_week(rng, text, "2030-07-10", [p["id"] for p in crowd]),
    }
    with (content / "people.yml").open("a", encoding="utf-8") as people:
        people.write(textwrap.indent(yaml.safe_dump(crowd, allow_unicode=True, sort_keys=False), "  "))
    with (content / "events" / "2030.yml").open("a", encoding="utf-8") as events:
        events.write(textwrap.indent(yaml.safe_dump([event], allow_unicode=True, sort_keys=False), "  "))


def test_a_programme_loads_with_its_people(content_copy: Path) -> None:
    with_programme(content_copy)
    content = load_content(content_copy.parent, content_copy, now=NOW)
    forum = next(e for e in content.events if e.id == "2030-09-01-tokyo-forum")
    assert [s.id for s in forum.sessions] == ["opening", "ai-forum", "roadshow"]
    assert [r.name.en for r in forum.rooms] == ["Main hall", "Hall B"]
    assert content.people["wang-fang"].name.get("en") == "王芳"  # shown as written
    assert content.people["ann-smith"].unverified
    # a Chinese name with no English form is not a missing translation
    assert not [w for w in content.warnings if "people.yml" in w.path]


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "day: 2030-09-02\n",
            "day: 2030-09-03\n",
            r"session 3 “Roadshow” › day: 2030-09-03 is not a day of the event \(2030-09-01 to 2030-09-02\)",
        ),
        (
            'start: "10:30"\n        end: "12:00"\n        room: main',
            'start: "10:30"\n        end: "10:00"\n        room: main',
            r"session 2 “AI forum” › end: ends \(10:00\) before it starts \(10:30\)",
        ),
        (
            "room: hall-b\n",
            "room: hall-c\n",
            r"session 3 “Roadshow” › room: no room 'hall-c' among this event's rooms \(listed: main, hall-b\); "
            r"did you mean 'hall-b' \(Hall B\)\?",
        ),
        (
            "speakers: [wang-fang]",
            "speakers: [wang-fung]",
            r"session 2 “AI forum” › speakers \(item 1\): no person with id 'wang-fung' in people\.yml; "
            r"did you mean 'wang-fang' \(王芳\)\?",
        ),
        (
            'start: "10:30"\n        end: "12:00"\n        room: main',
            'start: "10:15"\n        end: "12:00"\n        room: main',
            r"session 2 “AI forum” › start: 'ai-forum' is in the room 'main' while 'opening' \(session 1, 10:00–10:30\) is",
        ),
        (
            "id: roadshow\n",
            "id: opening\n",
            r"session 3 “Roadshow” › id: the session id 'opening' is already used by session 1",
        ),
        (
            "      - {id: hall-b,",
            "      - {id: main, name: {zh: 二号厅, en: Hall 2}}\n      - {id: hall-b,",
            r"room 2 “Hall 2” › id: the room 'main' is already listed as room 1",
        ),
        ("kind: roadshow\n        day:", "kind: party\n        day:", r"session 3 “Roadshow” › kind: "),
    ],
)
def test_a_programme_mistake_is_reported_at_its_line(
    content_copy: Path, errors_of: Callable[[Path], list[str]], old: str, new: str, error: str
) -> None:
    with_programme(content_copy)
    edit(content_copy / "events" / "2030.yml", old, new)
    lines = errors_of(content_copy)
    assert len(lines) == 1, lines
    forum = r"error: event 2030-09-01-tokyo-forum \(Tokyo industry forum\) › "
    assert re.match(r"content/events/2030\.yml:\d+:\d+: " + forum + error, lines[0]), lines[0]
    line = int(lines[0].split(":")[1])
    text = (content_copy / "events" / "2030.yml").read_text(encoding="utf-8").splitlines()[line - 1]
    field = re.search(r"› ([a-z_]+)(?: \(item \d+\))?: ", lines[0])[1]
    assert f"{field}:" in text, (field, text)  # the line of the field named


def test_a_speaker_in_two_rooms_at_once_is_a_warning(content_copy: Path) -> None:
    with_programme(content_copy)
    edit(
        content_copy / "events" / "2030.yml",
        '        day: 2030-09-02\n        start: "10:00"\n        end: "12:00"\n        room: hall-b\n',
        '        day: 2030-09-01\n        start: "11:00"\n        end: "12:00"\n        room: hall-b\n'
        "        speakers: [wang-fang]\n",
    )
    content = load_content(content_copy.parent, content_copy, now=NOW)
    (warning,) = [w for w in content.warnings if w.kind == "programme"]
    assert re.match(
        r"content/events/2030\.yml:\d+:\d+: warning: event 2030-09-01-tokyo-forum \(Tokyo industry forum\) › "
        r"session 3 “Roadshow” › speakers: 'wang-fang' is also in 'ai-forum' \(session 2\)",
        str(warning),
    ), str(warning)


def test_sessions_need_the_events_day(content_copy: Path, errors_of: Callable[[Path], list[str]]) -> None:
    with_programme(content_copy)
    text = (content_copy / "events" / "2030.yml").read_text(encoding="utf-8")
    text = text.replace(
        '    date: 2030-09-01\n    end_date: 2030-09-02\n    start: "10:00"\n    end: "17:00"\n',
        "    date: 2030-09\n",
        1,
    )
    (content_copy / "events" / "2030.yml").write_text(text, encoding="utf-8")
    (line,) = errors_of(content_copy)
    assert "(Tokyo industry forum) › sessions: sessions need the event's day" in line


def test_a_person_of_an_unreadable_people_file_is_not_reported_missing(
    content_copy: Path, errors_of: Callable[[Path], list[str]]
) -> None:
    with_programme(content_copy)
    (content_copy / "people.yml").write_text("people:\n  - id: [\n", encoding="utf-8")
    lines = errors_of(content_copy)
    assert lines and all(line.startswith("content/people.yml") for line in lines), lines


# -- the pages ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built(programme_site: Path) -> Path:
    """The fixture content with the summit week's programme, built once (``conftest.programme_site``)."""
    return programme_site


def test_the_events_page_shows_its_programme_by_day_in_both_languages(built: Path) -> None:
    for prefix, day, tab, speaker, room in (
        ("", "2030年9月1日", "9月1日周日", "李明", "主会场"),
        ("en/", "Sunday, September 1, 2030", "Sun, Sep 1", "Li Ming", "Main hall"),
    ):
        html = (built / prefix / "events/2030-09-01-tokyo-forum/index.html").read_text(encoding="utf-8")
        tabs = re.findall(r'<label class="summit-days__tab" for="tab-([0-9-]+)">([^<]+)</label>', html)
        assert [d for d, _ in tabs] == ["2030-09-01", "2030-09-02"] and tabs[0][1] == tab
        days = re.findall(r'<h3 class="summit-day__title" id="day-([0-9-]+)-title">([^<]+)</h3>', html)
        assert [d for d, _ in days] == ["2030-09-01", "2030-09-02"] and day in days[0][1]
        sessions = re.findall(r'class="summit-session summit-session--[a-z]+"[^>]* id="session-([a-z-]+)"', html)
        assert sessions == ["opening", "ai-forum", "roadshow"]
        opening = html[html.index('id="session-opening"') : html.index('id="session-ai-forum"')]
        # times in Beijing time: the Tokyo forum's 10:00 is 09:00 there
        assert "09:00–09:30" in opening and room in opening
        (link,) = re.findall(r'<a href="([^"]+)">' + speaker + "</a>", opening)
        assert link == "../../people/li-ming/"
        assert (built / prefix / "people/li-ming/index.html").is_file()


def test_a_persons_page_lists_their_sessions_and_says_when_a_name_is_unchecked(built: Path) -> None:
    html = (built / "en/people/ann-smith/index.html").read_text(encoding="utf-8")
    assert "Ann Smith (安·史密斯)" in html
    assert "The written forms of this name have not been checked yet." in html
    assert 'href="../../events/2030-09-01-tokyo-forum/#session-ai-forum"' in html and "Moderator" in html
    chinese = (built / "people/wang-fang/index.html").read_text(encoding="utf-8")
    english = (built / "en/people/wang-fang/index.html").read_text(encoding="utf-8")
    assert "<h1" in english and "王芳" in english.split("<h1", 1)[1][:200]  # shown as written
    assert "人工智能论坛" in chinese
    # each session in its own day's date block (not its event's first day), its times in Beijing time
    seen = set()
    for page in (built / "en/people").glob("person-*/index.html"):
        html = page.read_text(encoding="utf-8")
        days = re.findall(r'<span class="summit-date__big">(\d+)</span>', html)
        when = re.findall(r'<span class="summit-card__when">([^<]+)</span>', html)
        assert len(days) == len(when) > 0
        for day, line in zip(days, when, strict=True):
            assert f"July {day}, 2030" in line and line.endswith("(Beijing time)")
        seen.update(days)
    assert seen == {"10", "11", "12"}
    index = (built / "en/people/index.html").read_text(encoding="utf-8")
    assert index.count('class="summit-card__title"') == 3 + 60


def test_json_ld_names_the_sessions_and_their_people(built: Path) -> None:
    html = (built / "en/events/2030-09-01-tokyo-forum/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    sessions = {s["name"]: s for s in data["subEvent"]}
    assert sorted(sessions) == ["AI forum", "Opening", "Roadshow"]
    forum = sessions["AI forum"]
    assert forum["startDate"] == "2030-09-01T10:30:00+09:00" and forum["location"]["name"] == "Main hall"
    assert [p["name"] for p in forum["performer"]] == ["王芳", "Ann Smith"]
    assert forum["url"].endswith("/en/events/2030-09-01-tokyo-forum/#session-ai-forum")
    person = (built / "people/li-ming/index.html").read_text(encoding="utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', person, re.S)[1])
    assert ld["@type"] == "Person" and ld["name"] == "李明" and ld["jobTitle"] == "教授"


def test_each_session_is_in_the_events_calendar_and_has_its_own(built: Path) -> None:
    from icalendar import Calendar

    def entries(path: str) -> list:
        calendar = Calendar.from_ical((built / path).read_bytes())
        return [c for c in calendar.walk() if c.name == "VEVENT"]

    own = entries("en/calendar/events/2030-09-01-tokyo-forum.ics")
    assert [str(e["summary"]) for e in own] == [
        "Tokyo industry forum",
        "Opening · Tokyo industry forum",
        "AI forum · Tokyo industry forum",
        "Roadshow · Tokyo industry forum",
    ]
    forum = own[2]
    assert forum.decoded("dtstart").isoformat() == "2030-09-01T01:30:00+00:00"  # 10:30 in Tokyo
    assert str(forum["location"]) == "Main hall, Conference Centre, Tokyo"
    assert str(forum["url"]).endswith("/en/events/2030-09-01-tokyo-forum/#session-ai-forum")
    (alone,) = entries("calendar/events/2030-09-01-tokyo-forum/ai-forum.ics")
    assert str(alone["summary"]) == "人工智能论坛 · 东京产业论坛" and str(alone["uid"]) == str(forum["uid"])
    feed = entries("en/calendar/events.ics")  # the feed of all events keeps to the events
    assert len(feed) == 5 and not [e for e in feed if "#session-" in str(e["url"])]
    html = (built / "en/events/2030-09-01-tokyo-forum/index.html").read_text(encoding="utf-8")
    assert 'href="../../calendar/events/2030-09-01-tokyo-forum/ai-forum.ics" download' in html


@pytest.fixture(scope="module")
def searcher(chromium, built: Path):
    from test_search import _visitor

    yield from _visitor(chromium, built)


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("zh", "李明", "/people/li-ming/"),
        ("zh", "Li Ming", "/people/li-ming/"),  # the other language's form of the name
        ("en", "Li Ming", "/en/people/li-ming/"),
        ("en", "李明", "/en/people/li-ming/"),
        ("en", "王芳", "/en/people/wang-fang/"),  # a name with no English form, as written
        ("en", "AI forum", "/en/events/2030-09-01-tokyo-forum/"),  # a session's title finds its event
    ],
)
def test_a_name_in_either_language_finds_the_persons_page(searcher, lang: str, query: str, expected: str) -> None:
    from test_search import _check

    _check(searcher, lang, query, expected)


def test_schedule_json_holds_the_sessions_for_conference_apps(built: Path) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parent / "fixtures/schemas/c3voc-schedule.schema.json").read_text())
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    for lang in ("", "en/"):
        data = json.loads((built / lang / "schedule.json").read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == []
    conference = json.loads((built / "en/schedule.json").read_text(encoding="utf-8"))["schedule"]["conference"]
    first = next(d for d in conference["days"] if d["date"] == "2030-09-01")
    assert sorted(first["rooms"]) == ["Main hall"]  # the forum is its sessions, each in its room
    opening, forum = first["rooms"]["Main hall"]
    assert (forum["title"], forum["subtitle"], forum["track"], forum["type"]) == (
        "AI forum",
        "Tokyo industry forum",
        "AI",
        "forum",
    )
    assert (forum["date"], forum["start"], forum["duration"]) == ("2030-09-01T09:30:00+08:00", "09:30", "01:30")
    assert [p["name"] for p in forum["persons"]] == ["王芳", "Ann Smith"]
    assert forum["persons"][1]["url"].endswith("/en/people/ann-smith/")
    assert forum["url"].endswith("#session-ai-forum") and opening["guid"] != forum["guid"]
    second = next(d for d in conference["days"] if d["date"] == "2030-09-02")
    assert [e["title"] for e in second["rooms"]["Hall B"]] == ["Roadshow"]
    assert "Hall B" in [r["name"] for r in conference["rooms"]]


def test_schedule_xml_is_valid_frab_xml_with_the_same_sessions(built: Path) -> None:
    from lxml import etree

    xsd = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "fixtures/schemas/c3voc-schedule.xml.xsd")))
    for lang in ("", "en/"):
        document = etree.parse(str(built / lang / "schedule.xml"))
        assert xsd.validate(document), xsd.error_log
    document = etree.parse(str(built / "en/schedule.xml"))
    data = json.loads((built / "en/schedule.json").read_text(encoding="utf-8"))
    in_json = [
        (day["date"], room, entry["guid"], entry["title"])
        for day in data["schedule"]["conference"]["days"]
        for room, entries in day["rooms"].items()
        for entry in entries
    ]
    in_xml = [
        (day.get("date"), room.get("name"), event.get("guid"), event.findtext("title"))
        for day in document.iterfind("day")
        for room in day.iterfind("room")
        for event in room.iterfind("event")
    ]
    # two timed events (the whole-day signing is left out), the forum as its three sessions and the
    # summit week as its 109
    assert in_xml == in_json and len(in_xml) == 2 + 3 + 109
    forum = document.find(".//event[title='AI forum']")
    assert [p.text for p in forum.iterfind("persons/person")] == ["王芳", "Ann Smith"]
    assert (forum.findtext("start"), forum.findtext("duration"), forum.findtext("room")) == (
        "09:30",
        "01:30",
        "Main hall",
    )
    # the check can fail: an event with no guid is refused
    del forum.attrib["guid"]
    assert not xsd.validate(document)


def test_a_conference_tools_frab_reader_loads_schedule_xml(built: Path) -> None:
    """schedule-convert's importer (the frab XML reader of a tool that feeds conference apps) sees every
    session in its room at its time, with its speakers."""
    from schedule_convert.importers.frab_xml import FrabXmlImporter

    with (built / "en/schedule.xml").open("rb") as xml:
        conference = FrabXmlImporter().parse(xml)
    week = [e for e in conference.events if e.url and SUMMIT_WEEK in e.url]
    assert len(week) == 109 and len({r.name for r in conference.rooms}) >= 6
    talk = next(e for e in week if e.url.endswith("#session-d2-3-hall-c"))
    assert (talk.room.name, talk.start.isoformat(), talk.duration) == ("Hall C", "2030-07-11T11:30:00", 30)
    assert len(talk.speakers) == 3  # two speakers and the moderator, as frab persons
    forum = next(e for e in conference.events if e.title == "AI forum")
    assert [s.name for s in forum.speakers] == ["王芳", "Ann Smith"] and str(conference.timezone) is not None


def test_the_api_gives_each_event_its_sessions_and_their_people(built: Path) -> None:
    import jsonschema

    schema = json.loads((built / "api/events.schema.json").read_text(encoding="utf-8"))
    feed = json.loads((built / "en/api/events.json").read_text(encoding="utf-8"))
    jsonschema.validate(feed, schema)
    forum = next(e for e in feed["events"] if e["id"] == "2030-09-01-tokyo-forum")
    assert [s["id"] for s in forum["sessions"]] == ["opening", "ai-forum", "roadshow"]
    talk = forum["sessions"][1]
    assert (talk["start"], talk["room"], talk["track"]) == ("2030-09-01T10:30:00+09:00", "Main hall", "AI")
    assert [p["name"] for p in talk["moderators"]] == ["Ann Smith"]
    assert talk["moderators"][0]["url"].endswith("/en/people/ann-smith/")
    assert talk["ics"].endswith("/en/calendar/events/2030-09-01-tokyo-forum/ai-forum.ics")
    assert "sessions" in schema["$defs"]["ApiEvent"]["properties"]
    assert all(e["sessions"] == [] for e in feed["events"] if e["id"] not in (forum["id"], SUMMIT_WEEK))


def test_the_api_gives_the_people_and_each_event_alone(built: Path) -> None:
    import jsonschema

    schema = json.loads((built / "api/people.schema.json").read_text(encoding="utf-8"))
    for lang in ("", "en/"):
        people = json.loads((built / lang / "api/people.json").read_text(encoding="utf-8"))
        jsonschema.validate(people, schema)
        assert len(people["people"]) == 3 + 60
    people = {p["id"]: p for p in json.loads((built / "en/api/people.json").read_text(encoding="utf-8"))["people"]}
    ann = people["ann-smith"]
    assert (ann["name"], ann["unverified"], ann["url"]) == (
        "Ann Smith",
        True,
        "https://summit.example.org/en/people/ann-smith/",
    )
    (forum,) = ann["sessions"]
    assert (forum["event"], forum["session"], forum["role"]) == ("2030-09-01-tokyo-forum", "ai-forum", "moderator")
    assert people["wang-fang"]["name"] == "王芳"  # as written
    bad = dict(ann, role="guest")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": 1, "language": "en", "generated": "2025-06-01", "people": [bad]}, schema)
    # one event's own feed, what the agenda page reads: the same entry as in api/events.json
    alone = json.loads((built / "en/api/events" / f"{SUMMIT_WEEK}.json").read_text(encoding="utf-8"))
    jsonschema.validate(alone, json.loads((built / "api/events.schema.json").read_text(encoding="utf-8")))
    everything = json.loads((built / "en/api/events.json").read_text(encoding="utf-8"))
    assert alone["events"] == [e for e in everything["events"] if e["id"] == SUMMIT_WEEK]
    assert len(alone["events"][0]["sessions"]) == 109


def test_a_sessions_language_is_marked_on_the_timetable_and_in_the_api(content_copy: Path) -> None:
    from summit.build.pipeline import site_of
    from summit.i18n import Locale
    from summit.outputs.api import ApiFeeds
    from summit.outputs.pages import Renderer, page_specs

    from conftest import BASE_URL

    with_programme(content_copy)
    edit(
        content_copy / "events" / "2030.yml",
        "speakers: [wang-fang]",
        "speakers: [wang-fang]\n        language: zh-en\n        interpretation: [en]",
    )
    site = site_of(load_content(content_copy.parent, content_copy, now=NOW), NOW, BASE_URL)
    spec = next(s for s in page_specs(site) if s.path == "events/2030-09-01-tokyo-forum.md")
    zh, en = (Renderer(site).render(spec, lang) for lang in ("zh", "en"))
    assert (
        '<span class="summit-lang" title="中英双语、同声传译（译为英文）"><span aria-hidden="true">中英 · 同传</span>'
        '<span class="summit-sr">中英双语、同声传译（译为英文）</span></span>' in zh
    )
    assert '<span aria-hidden="true">ZH/EN · interp.</span>' in en
    assert 'data-language="zh-en"' in zh and zh.count("summit-lang") == 1  # the other sessions say nothing
    event = next(e for e in ApiFeeds(site, Locale("en")).feed(site.content.events)["events"] if e["sessions"])
    said = {s["id"]: (s["language"], s["interpretation"]) for s in event["sessions"]}
    assert said["ai-forum"] == ("zh-en", ["en"]) and said["opening"] == (None, [])
    # frab's language is the one spoken (null when not said); the session's calendar entry and the
    # event's search document say it in the reader's language
    from icalendar import Calendar

    from summit.outputs.calendar import Calendars
    from summit.outputs.exports import frab_schedule
    from summit.outputs.search import documents

    forum = next(e for e in site.content.events if e.id == "2030-09-01-tokyo-forum")
    frab = frab_schedule(site, Locale("zh"), forum)["schedule"]["conference"]["days"]
    spoken = {t["slug"].rsplit("-", 1)[-1]: t["language"] for d in frab for r in d["rooms"].values() for t in r}
    assert spoken["forum"] == "zh-en" and spoken["opening"] is None
    ai = next(s for s in forum.sessions if s.id == "ai-forum")
    for lang, said_as in (
        ("zh", "听讲语言：中英双语、同声传译（译为英文）"),
        ("en", "Language: Chinese and English, interpretation into English"),
    ):
        entry = Calendar.from_ical(Calendars(site, Locale(lang)).session(forum, ai)).walk("VEVENT")[0]
        assert said_as in str(entry["DESCRIPTION"])
    docs = {(d.lang, d.url): d for d in documents(site)}
    assert "同声传译（译为英文）" in " ".join(docs["zh", "/events/2030-09-01-tokyo-forum/"].parts)
    assert "interpretation into English" in " ".join(docs["en", "/en/events/2030-09-01-tokyo-forum/"].parts)
