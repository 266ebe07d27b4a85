"""The editor's tools: schemas in the editor, `make new`, warnings, GitHub annotations, pending translations."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from summit.content.loader import load_content
from summit.content.schema import schema_line, schemas
from summit.content.skeleton import SkeletonError, add_record, add_session
from summit.outputs.render import render_all
from summit.schedule.site import Site

from conftest import NOW, ROOT, edit, run_summit

CONTENT = ROOT / "content"


def test_committed_schemas_match_the_models() -> None:
    """Fails when a model changed and `make schema` was not run."""
    committed = {p.name: p.read_text(encoding="utf-8") for p in (CONTENT / "schema").glob("*.json")}
    assert committed == schemas()


def test_every_content_file_points_at_its_schema() -> None:
    for file in [*CONTENT.glob("*.yml"), *(CONTENT / "events").glob("*.yml")]:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_line(file, CONTENT), file
        target = (file.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), target


def test_schema_underlines_what_the_check_refuses() -> None:
    schema = json.loads(schemas()["stations.schema.json"])
    station = {
        "id": "x",
        "name": {"zh": "甲"},
        "city": {"zh": "甲", "en": "A"},
        "country": {"zh": "甲", "en": "A"},
        "timezone": "Asia/Tokyo",
    }
    jsonschema.validate({"stations": [station]}, schema)  # English may be pending
    for mistake in ({"colour": "red"}, {"id": "Bad_Id"}, {"name": {"en": "no Chinese"}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"stations": [{**station, **mistake}]}, schema)
    assert "编号" in json.dumps(schema, ensure_ascii=False)  # descriptions in Chinese too


def test_new_event_skeleton_then_filled_in(content_copy: Path, errors_of) -> None:
    file, line = add_record(content_copy, "event", "2031-02-03-seattle-forum")
    assert file == content_copy / "events" / "2031.yml"
    text = file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/events.schema.json"
    assert line == 3 and "    date: 2031-02-03  #" in text and '    # start: ""  #' in text
    assert errors_of(content_copy) == [
        "content/events/2031.yml:5:11: error: event 2031-02-03-seattle-forum › title (Chinese): "
        "missing Chinese (zh) translation",
        "content/events/2031.yml:25:11: error: event 2031-02-03-seattle-forum › summary (Chinese): "
        "missing Chinese (zh) translation",
    ]
    for old, new in (('zh: ""', "zh: 西雅图论坛"), ('en: ""', "en: Seattle forum")):
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    content = load_content(content_copy.parent, content_copy, now=NOW)
    assert content.events[-1].id == "2031-02-03-seattle-forum"
    assert content.events[-1].title.en == "Seattle forum"


def test_new_refuses_bad_or_taken_ids(content_copy: Path) -> None:
    with pytest.raises(SkeletonError, match="already exists"):
        add_record(content_copy, "station", "tokyo")
    with pytest.raises(SkeletonError, match="already exists"):
        add_record(content_copy, "event", "2024-04-15-roadshow")
    with pytest.raises(SkeletonError, match="not a valid id"):
        add_record(content_copy, "partner", "Big Fund")
    with pytest.raises(SkeletonError, match="starts with its date"):
        add_record(content_copy, "event", "seattle-forum")


def test_new_project_into_an_empty_list(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "projects.yml").write_text("projects: []\n", encoding="utf-8")
    add_record(content, "project", "quiet-robot")
    assert (content / "projects.yml").read_text(encoding="utf-8").startswith("projects:\n  - id: quiet-robot  #")


def test_warnings_an_editor_should_see(content_copy: Path) -> None:
    edit(content_copy / "events/2030.yml", "    registration: https://register.example.org/\n", "")
    (content_copy / "partners.yml").write_text(
        (content_copy / "partners.yml").read_text(encoding="utf-8")
        + "  - id: idle-fund\n    name: {zh: 闲置基金, en: Idle Fund}\n    kind: investor\n",
        encoding="utf-8",
    )
    (content_copy / "stations.yml").write_text(
        (content_copy / "stations.yml").read_text(encoding="utf-8")
        + "  - id: seattle\n    name: {zh: 西雅图工作站, en: Seattle Station}\n    city: {zh: 西雅图, en: Seattle}\n"
        "    country: {zh: 美国, en: United States}\n    timezone: America/Los_Angeles\n",
        encoding="utf-8",
    )
    warnings = [str(w) for w in load_content(content_copy.parent, content_copy, now=NOW).warnings]
    assert warnings == [
        "content/events/2024.yml:20:5: warning: event 2024-05-policy-conference (Policy conference) › status: "
        "took place before the build but is still 'scheduled': set 'held', 'unreported', 'postponed' or 'cancelled'",
        "content/events/2030.yml:2:5: warning: event 2030-09-01-tokyo-forum (Tokyo industry forum) › registration: "
        "upcoming event with no registration or livestream link",
        "content/partners.yml:10:9: warning: partner idle-fund (Idle Fund) › id: partner 'idle-fund' is referenced "
        "by no event",
        "content/stations.yml:21:9: warning: station seattle (Seattle Station) › id: station 'seattle' has no events",
    ]


def test_github_annotations(content_copy: Path) -> None:
    edit(content_copy / "stations.yml", "timezone: Asia/Tokyo", "timezone: Asia/Tokio")
    edit(content_copy / "events/2024.yml", "title: {zh: 政策落地会, en: Policy conference}", "title: {zh: 政策落地会}")
    env = {"GITHUB_ACTIONS": "true", "SUMMIT_EDITOR_LANG": "en"}
    result = run_summit("check", "--all", content=content_copy, cwd=content_copy.parent, extra_env=env)
    assert result.returncode == 1
    annotations = [line for line in result.stderr.splitlines() if line.startswith("::")]
    assert annotations == [  # errors first, each in the editors' language and then the other
        "::error file=content/stations.yml,line=14,col=15,title=station tokyo (Tokyo Station) › time zone::"
        "unknown time zone 'Asia/Tokio'; did you mean 'Asia/Tokyo'?%0A"
        "海外工作站「tokyo」（东京工作站）的时区: 未知的时区「Asia/Tokio」；是不是「Asia/Tokyo」？",
        "::warning file=content/events/2024.yml,line=20,col=5,title=event 2024-05-policy-conference (政策落地会) "
        "› status::took place before the build but is still 'scheduled': set 'held', 'unreported', 'postponed' or "
        "'cancelled'%0A活动「2024-05-policy-conference」（政策落地会）的状态: 活动在生成之前已经举行，但状态仍是 scheduled："
        "请改为 held（已举行）、unreported（结果未公布）、postponed（延期）或 cancelled（取消）",
        "::warning file=content/events/2024.yml,line=21,col=12,title=event 2024-05-policy-conference (政策落地会) "
        "› title (English)::missing English (en) translation; the English page shows the Chinese%0A"
        "活动「2024-05-policy-conference」（政策落地会）的标题的英文: 缺少英文翻译；英文页面暂时显示中文",
    ]
    assert "  English (en): 1 text pending" in result.stderr
    assert (
        "    content/events/2024.yml:21:12: event 2024-05-policy-conference (政策落地会) › title (English)"
        in result.stderr
    )


def test_pending_english_shows_the_chinese_marked(content_copy: Path) -> None:
    edit(content_copy / "events/2024.yml", "title: {zh: 政策落地会, en: Policy conference}", "title: {zh: 政策落地会}")
    content = load_content(content_copy.parent, content_copy, now=NOW)
    pages = render_all(Site(content, NOW, "https://summit.example.org/"))
    pending = '<span lang="zh-Hans">政策落地会</span> <small class="summit-pending">(translation pending)</small>'
    assert f"\n# {pending}\n" in pages["events/2024-05-policy-conference.en.md"]
    assert pending in pages["schedule.en.md"]
    assert "# 政策落地会\n" in pages["events/2024-05-policy-conference.md"]


def test_new_session_into_an_events_programme(content_copy: Path, errors_of) -> None:
    """`make new KIND=session EVENT=... ID=...`: a session with every field listed, in the event's
    programme (made when it has none), on the event's first day; the next goes after it."""
    file, line = add_session(content_copy, "2030-09-01-tokyo-forum", "opening")
    lines = file.read_text(encoding="utf-8").splitlines()
    assert lines[line - 2] == "    sessions:" and lines[line - 1].startswith("      - id: opening  #")
    assert any(text.startswith("        day: 2030-09-01  #") for text in lines)
    second, at = add_session(content_copy, "2030-09-01-tokyo-forum", "keynote")
    assert second == file and at > line
    assert file.read_text(encoding="utf-8").splitlines()[at - 1].startswith("      - id: keynote  #")
    errors = errors_of(content_copy)
    assert errors[0] == (
        "content/events/2030.yml:20:15: error: event 2030-09-01-tokyo-forum (Tokyo industry forum) › "
        "session 1 › title (Chinese): missing Chinese (zh) translation"
    )
    assert all("session 1" in e or "session 2" in e for e in errors)
    with pytest.raises(SkeletonError, match="already exists"):
        add_session(content_copy, "2030-09-01-tokyo-forum", "keynote")
    with pytest.raises(SkeletonError, match="no event with id"):
        add_session(content_copy, "2030-01-01-nothing", "keynote")
    with pytest.raises(SkeletonError, match="give it a day"):
        add_session(content_copy, "2024-05-policy-conference", "keynote")
