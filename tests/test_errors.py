"""Each kind of content mistake gives one exact line: path:line:col: field.path: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit.content.loader import load_content
from summit.errors import ContentErrors

from conftest import NOW, edit

EVENTS = "content/events/2024.yml"
ROADSHOW = "event 2024-04-15-roadshow (Vancouver project roadshow)"
POLICY = "event 2024-05-policy-conference (Policy conference)"
TOKYO_FORUM = "event 2030-09-01-tokyo-forum (Tokyo industry forum)"


def test_fixture_is_valid(fixture_content) -> None:
    assert len(fixture_content.events) == 5
    assert list(fixture_content.projects) == ["smart-clinic", "quiet-robot"]


def test_yaml_syntax_error(content_copy: Path, errors_of) -> None:
    edit(content_copy / "stations.yml", "    timezone: Asia/Tokyo", "    timezone: [Asia/Tokyo")
    assert errors_of(content_copy) == [
        "content/stations.yml:15:7: error: YAML syntax error: did not find expected ',' or ']'"
    ]


def test_wrong_type(content_copy: Path, errors_of) -> None:
    edit(content_copy / "events/2024.yml", "    stations: [vancouver]", "    stations: vancouver")
    assert errors_of(content_copy) == [f"{EVENTS}:9:15: error: {ROADSHOW} › stations: expected a list, got 'vancouver'"]


def test_unknown_field_suggests_the_right_one(content_copy: Path, errors_of) -> None:
    edit(
        content_copy / "events/2024.yml",
        "    kind: roadshow",
        "    kind: roadshow\n    sumary: {zh: 甲, en: A}",
    )
    assert errors_of(content_copy) == [
        f"{EVENTS}:5:5: error: {ROADSHOW} › sumary: unknown field 'sumary'; did you mean 'summary'?"
    ]


def test_missing_english_is_a_warning_and_an_error_when_strict(content_copy: Path, errors_of) -> None:
    edit(
        content_copy / "events/2024.yml",
        "title: {zh: 政策落地会, en: Policy conference}",
        "title: {zh: 政策落地会}",
    )
    content = load_content(content_copy.parent, content_copy, now=NOW)
    assert [str(w) for w in content.warnings if w.kind == "translation"] == [
        f"{EVENTS}:21:12: warning: event 2024-05-policy-conference (政策落地会) › title (English): "
        "missing English (en) translation; the English page shows the Chinese"
    ]
    with pytest.raises(ContentErrors) as info:
        load_content(content_copy.parent, content_copy, strict=True, now=NOW)
    assert [str(e) for e in info.value.errors] == [
        f"{EVENTS}:21:12: error: event 2024-05-policy-conference (政策落地会) › title (English): "
        "missing English (en) translation; the English page shows the Chinese"
    ]


def test_missing_chinese_is_an_error(content_copy: Path, errors_of) -> None:
    edit(
        content_copy / "events/2024.yml",
        "title: {zh: 政策落地会, en: Policy conference}",
        "title: {en: Policy conference}",
    )
    assert errors_of(content_copy) == [
        f"{EVENTS}:21:12: error: {POLICY} › title (Chinese): missing Chinese (zh) translation"
    ]


def test_text_instead_of_translations(content_copy: Path, errors_of) -> None:
    edit(
        content_copy / "events/2024.yml",
        "title: {zh: 政策落地会, en: Policy conference}",
        "title: 政策落地会",
    )
    assert errors_of(content_copy) == [
        f"{EVENTS}:21:12: error: event 2024-05-policy-conference (政策落地会) › title: "
        "expected a translation in both languages {zh: ..., en: ...}, got '政策落地会'"
    ]


def test_missing_required_field(content_copy: Path, errors_of) -> None:
    edit(
        content_copy / "events/2024.yml",
        "    summary: {zh: 日期待定的会议。, en: A conference whose day is not fixed.}\n",
        "",
    )
    assert errors_of(content_copy) == [f"{EVENTS}:20:5: error: {POLICY} › summary: required field is missing"]


def test_duplicate_id(content_copy: Path, errors_of) -> None:
    edit(content_copy / "stations.yml", "  - id: tokyo", "  - id: vancouver")
    assert errors_of(content_copy) == [
        # the station that was renamed is gone: its events are reported too, with the record meant
        f"content/events/2030.yml:13:16: error: {TOKYO_FORUM} › stations (item 1): "
        "no station with id 'tokyo'; did you mean 'vancouver' (Tokyo Station)?",
        "content/stations.yml:10:9: error: station vancouver (Tokyo Station) › id: "
        "duplicate station id 'vancouver' (first defined at content/stations.yml:2)",
    ]


def test_duplicate_event_id_across_files(content_copy: Path, errors_of) -> None:
    edit(content_copy / "events/2030.yml", "  - id: 2030-10-10-signing", "  - id: 2030-09-01-tokyo-forum")
    assert errors_of(content_copy) == [
        "content/events/2030.yml:17:9: error: event 2030-09-01-tokyo-forum (Cloud signing) › id: "
        "duplicate event id '2030-09-01-tokyo-forum' (first defined at content/events/2030.yml:2)"
    ]


def test_dangling_references(content_copy: Path, errors_of) -> None:
    edit(content_copy / "events/2024.yml", "stations: [vancouver]", "stations: [vancover]")
    edit(content_copy / "projects.yml", "    station: vancouver", "    station: boston")
    edit(content_copy / "projects.yml", "industries: [artificial-intelligence]", "industries: [robotics]")
    assert errors_of(content_copy) == [
        f"{EVENTS}:9:16: error: {ROADSHOW} › stations (item 1): "
        "no station with id 'vancover'; did you mean 'vancouver' (Vancouver Station)?",
        "content/projects.yml:4:14: error: project smart-clinic (Smart Clinic) › station: no station with id 'boston'",
        "content/projects.yml:5:18: error: project smart-clinic (Smart Clinic) › industries (item 1): "
        "no industry with id 'robotics' in site.yml",
    ]


def test_bad_dates(content_copy: Path, errors_of) -> None:
    edit(content_copy / "events/2024.yml", "    date: 2024-04-15", "    date: 2024-02-30")
    edit(content_copy / "events/2024.yml", "    date: 2024-05\n", "    date: 15.05.2024\n")
    assert errors_of(content_copy) == [
        f"{EVENTS}:6:11: error: {ROADSHOW} › date: '2024-02-30' is not a date: day is out of range for month",
        f"{EVENTS}:23:11: error: {POLICY} › date: '15.05.2024' is not a date: "
        "write YYYY-MM-DD, or YYYY-MM while the day is not fixed",
    ]


def test_bad_time_and_order(content_copy: Path, errors_of) -> None:
    edit(content_copy / "events/2024.yml", '    start: "14:00"', "    start: 14:00")  # unquoted: still text
    edit(content_copy / "events/2024.yml", '    end: "16:30"', "    end: 13:00")
    edit(content_copy / "events/2030.yml", '    end: "17:00"', "    end: 25:00")
    assert errors_of(content_copy) == [
        f"{EVENTS}:8:10: error: {ROADSHOW} › end: ends before it starts; for an event that passes midnight give end_date",
        f"content/events/2030.yml:9:10: error: {TOKYO_FORUM} › end: '25:00' is not a time of day: "
        "write HH:MM on a 24-hour clock, e.g. 14:30",
    ]


def test_time_on_a_month_only_date(content_copy: Path, errors_of) -> None:
    edit(content_copy / "events/2024.yml", "    date: 2024-05\n", '    date: 2024-05\n    start: "10:00"\n')
    assert errors_of(content_copy) == [
        f"{EVENTS}:24:12: error: {POLICY} › start: 'start' needs a date with a day; the date gives only the month"
    ]


def test_bad_zone_suggests(content_copy: Path, errors_of) -> None:
    edit(content_copy / "stations.yml", "timezone: Asia/Tokyo", "timezone: Asia/Tokio")
    assert errors_of(content_copy) == [
        "content/stations.yml:14:15: error: station tokyo (Tokyo Station) › time zone: "
        "unknown time zone 'Asia/Tokio'; did you mean 'Asia/Tokyo'?"
    ]


def test_bad_url_scheme(content_copy: Path, errors_of) -> None:
    edit(content_copy / "partners.yml", "website: https://alpha.example.org/", "website: javascript:alert(1)")
    assert errors_of(content_copy) == [
        "content/partners.yml:5:14: error: partner alpha-capital (Alpha Capital) › website: "
        "'javascript:alert(1)' is not an allowed link: "
        "use an http(s):// address or mailto:"
    ]


def test_bad_id_and_enum(content_copy: Path, errors_of) -> None:
    edit(content_copy / "partners.yml", "  - id: alpha-capital", "  - id: Alpha_Capital")
    edit(content_copy / "partners.yml", "    kind: government", "    kind: govt")
    assert errors_of(content_copy) == [
        f"{EVENTS}:10:16: error: {ROADSHOW} › partners (item 1): "
        "no partner with id 'alpha-capital'; did you mean 'Alpha_Capital' (Alpha Capital)?",
        "content/partners.yml:2:9: error: partner Alpha_Capital (Alpha Capital) › id: "
        "'Alpha_Capital' is not a valid id: use lowercase letters a-z, digits and single hyphens",
        "content/partners.yml:8:11: error: partner test-zone (Test High-Tech Zone) › kind: "
        "must be one of investor, company, institution or government (got 'govt')",
    ]


def test_event_in_the_wrong_year_file(content_copy: Path, errors_of) -> None:
    edit(content_copy / "events/2030.yml", "    date: 2030-10-10", "    date: 2031-10-10")
    assert errors_of(content_copy) == [
        "content/events/2030.yml:21:11: error: event 2030-10-10-signing (Cloud signing) › date: "
        "event of 2031 in the file of 2030: move it to events/2031.yml"
    ]


def test_duplicate_key(content_copy: Path, errors_of) -> None:
    edit(content_copy / "partners.yml", "    kind: investor", "    kind: investor\n    kind: company")
    assert errors_of(content_copy) == [
        "content/partners.yml:5:5: error: partner alpha-capital (Alpha Capital) › kind: "
        "duplicate key 'kind' (first written at line 4)"
    ]


def test_unknown_file_and_missing_site(content_copy: Path, errors_of) -> None:
    (content_copy / "site.yml").rename(content_copy / "sites.yml")
    assert errors_of(content_copy) == [
        "content/site.yml:1:1: error: file is missing",
        "content/sites.yml:1:1: error: unknown content file; "
        "expected one of partners.yml, people.yml, projects.yml, site.yml, stations.yml or events/<year>.yml",
    ]


def test_every_mistake_in_every_file_in_one_run(content_copy: Path, errors_of) -> None:
    edit(content_copy / "site.yml", "acronym: TESTIS", "acronym:")
    edit(content_copy / "stations.yml", "timezone: Asia/Tokyo", "timezone: Tokyo")
    edit(content_copy / "events/2024.yml", "    kind: conference", "    kind: party")
    edit(content_copy / "events/2030.yml", "partners: [test-zone]", "partners: [nobody]")
    errors = errors_of(content_copy)
    assert [e.split(":")[0] for e in errors] == [
        "content/events/2024.yml",
        "content/events/2030.yml",
        "content/site.yml",
        "content/stations.yml",
    ]
