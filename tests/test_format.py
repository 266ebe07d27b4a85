"""The editing page's YAML format (docs/admin/format.js, run in Node by scripts/format.mjs): the content
files are in the form a save writes, so a form's save changes only the record it edited; a save keeps
the schema line, comments, key order and each text's style, writes a new record as an editor would (the
models' key order, short pairs on one line, long texts folded), leaves out what the form left empty, and
what it writes passes ``make check``."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT, run_summit

pytestmark = pytest.mark.site  # needs node_modules (make installs it)

SCRIPT = ROOT / "scripts" / "format.mjs"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    assert (ROOT / "node_modules" / "yaml").is_dir(), "node_modules is missing: run `make test`"
    return subprocess.run(
        ["node", str(SCRIPT), *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def save(file: Path, *edits: dict) -> str:
    """What the page writes to ``file`` after ``edits`` of its form (set, delete, push at a path)."""
    result = run("edit", str(file), stdin=json.dumps(list(edits)))
    assert result.returncode == 0, result.stderr
    return result.stdout


def changed(before: str, after: str) -> list[str]:
    """The diff's changed lines, '-' and '+'."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_the_content_files_are_in_the_form_a_save_writes() -> None:
    files = sorted((ROOT / "content").glob("*.yml")) + sorted((ROOT / "content" / "events").glob("*.yml"))
    files += [FIXTURE / "stations.yml", FIXTURE / "partners.yml", FIXTURE / "events" / "2030.yml"]
    result = run("check", *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_file_not_in_that_form_is_named_at_its_line(tmp_path: Path) -> None:
    file = tmp_path / "stations.yml"
    text = (FIXTURE / "stations.yml").read_text(encoding="utf-8")
    file.write_text(text.replace("timezone: Asia/Tokyo", "timezone:   Asia/Tokyo"), encoding="utf-8")
    result = run("check", str(file))
    assert result.returncode == 1
    assert f"{file}:14: not in the form the editing page writes (make format)" in result.stdout
    assert run("write", str(file)).returncode == 0
    assert file.read_text(encoding="utf-8") == text  # make format brings it back


def test_a_one_field_edit_changes_one_line() -> None:
    file = ROOT / "content" / "stations.yml"
    before = file.read_text(encoding="utf-8")
    after = save(file, {"op": "set", "path": ["stations", 5, "name", "zh"], "value": "东京站"})
    assert changed(before, after) == [
        "-    name: {zh: 东京工作站, en: Tokyo Station}",
        "+    name: {zh: 东京站, en: Tokyo Station}",
    ]
    assert after.startswith("# yaml-language-server: $schema=schema/stations.schema.json\n# The six overseas")


def test_a_deleted_record_takes_only_its_lines_and_the_comments_stay() -> None:
    file = ROOT / "content" / "partners.yml"
    before = file.read_text(encoding="utf-8")
    after = save(file, {"op": "delete", "path": ["partners", 0]})
    assert changed(before, after) == [
        "-  - id: shenzhen-capital-group",
        "-    name: {zh: 深创投, en: Shenzhen Capital Group}",
        "-    kind: investor",
    ]
    assert after.count("# verify: Chinese name") == before.count("# verify: Chinese name") == 4
    # a long text edited in a folded block stays folded, re-wrapped only where it changed
    file = ROOT / "content" / "events" / "2020.yml"
    before = file.read_text(encoding="utf-8")
    text = "Scholars from Silicon Valley, Vancouver and Tokyo met domestic investors online, in a “cloud exchange”."
    after = save(file, {"op": "set", "path": ["events", 0, "summary", "en"], "value": text})
    assert changed(before, after) == [
        "-        Scholars from Silicon Valley, Vancouver and Tokyo and domestic investors held a “cloud",
        "-        exchange” on the theme of talents' return and the implementation of projects.",
        "+        Scholars from Silicon Valley, Vancouver and Tokyo met domestic investors online, in a “cloud",
        "+        exchange”.",
    ]


NEW_EVENT = {  # as a form hands it over: keys in the order they were filled, empty fields included
    "status": "scheduled",
    "title": {"zh": "东京创业论坛", "en": "Tokyo start-up forum"},
    "id": "2020-09-01-tokyo-forum",
    "kind": "forum",
    "format": "offline",
    "date": "2020-09-01",
    "start": "09:00",
    "end": "",
    "stations": ["tokyo"],
    "partners": [],
    "summary": {"zh": "东京站的创业论坛。", "en": ""},
    "venue": {"zh": "东京国际论坛", "en": "Tokyo International Forum"},
    "body": {"zh": "第一段。\n\n第二段。", "en": "First paragraph.\n\nSecond."},
    "rooms": [{"id": "hall-a", "name": {"zh": "A厅", "en": "Hall A"}}],
    "sessions": [
        {
            "title": {
                "zh": "开幕致辞",
                "en": "Opening remarks by the summit office and the stations, with a welcome to every guest",
            },
            "id": "opening",
            "kind": "keynote",
            "day": "2020-09-01",
            "room": "hall-a",
            "start": "09:00",
            "end": "09:30",
            "speakers": [],
            "summary": {"zh": "", "en": ""},
        }
    ],
}


def test_a_new_record_is_written_as_an_editor_would(tmp_path: Path) -> None:
    file = ROOT / "content" / "events" / "2020.yml"
    before = file.read_text(encoding="utf-8")
    after = save(file, {"op": "push", "path": ["events"], "value": NEW_EVENT})
    assert after.startswith(before)  # the file's records untouched
    assert after[len(before) :] == (
        "  - id: 2020-09-01-tokyo-forum\n"
        "    title: {zh: 东京创业论坛, en: Tokyo start-up forum}\n"
        "    kind: forum\n"
        "    format: offline\n"
        "    date: 2020-09-01\n"
        "    start: 09:00\n"
        "    venue: {zh: 东京国际论坛, en: Tokyo International Forum}\n"
        "    stations: [tokyo]\n"
        "    summary: {zh: 东京站的创业论坛。}\n"
        "    body:\n"
        "      zh: |-\n"
        "        第一段。\n"
        "\n"
        "        第二段。\n"
        "      en: |-\n"
        "        First paragraph.\n"
        "\n"
        "        Second.\n"
        "    status: scheduled\n"
        "    rooms:\n"
        "      - id: hall-a\n"
        "        name: {zh: A厅, en: Hall A}\n"
        "    sessions:\n"
        "      - id: opening\n"
        "        title:\n"
        "          zh: 开幕致辞\n"
        "          en: Opening remarks by the summit office and the stations, with a welcome to every guest\n"
        "        kind: keynote\n"
        "        day: 2020-09-01\n"
        "        start: 09:00\n"
        "        end: 09:30\n"
        "        room: hall-a\n"
    )
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "events" / "2020.yml").write_text(after, encoding="utf-8")
    checked = run_summit("check", content=content, cwd=tmp_path, extra_env={"SUMMIT_EDITOR_LANG": "en"})
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "6 events" in checked.stdout + checked.stderr


def test_a_new_file_gets_its_schema_line(tmp_path: Path) -> None:
    file = tmp_path / "people.yml"
    file.write_text("", encoding="utf-8")
    person = {"id": "li-ming", "name": {"zh": "李明", "en": "Li Ming"}, "title": {"zh": "", "en": ""}}
    after = save(file, {"op": "set", "path": ["people"], "value": [person]})
    assert after == (
        "# yaml-language-server: $schema=schema/people.schema.json\n"
        "people:\n"
        "  - id: li-ming\n"
        "    name: {zh: 李明, en: Li Ming}\n"
    )


def test_the_first_record_of_an_empty_file() -> None:
    file = ROOT / "content" / "people.yml"
    before = file.read_text(encoding="utf-8")
    assert before.endswith("\npeople: []\n")
    person = {"id": "li-ming", "name": {"zh": "李明", "en": "Li Ming"}}
    after = save(file, {"op": "push", "path": ["people"], "value": person})
    assert after == before.replace("people: []\n", "people:\n  - id: li-ming\n    name: {zh: 李明, en: Li Ming}\n")


def test_the_first_event_of_a_new_year_makes_its_file(tmp_path: Path) -> None:
    file = tmp_path / "2021.yml"  # not there yet: the page reads it as empty
    file.write_text("", encoding="utf-8")
    event = {"id": "2021-03-01-forum", "title": {"zh": "论坛", "en": "Forum"}, "kind": "forum", "date": "2021-03"}
    after = save(file, {"op": "set", "path": ["events"], "value": [{**event, "summary": {"zh": "一场论坛。"}}]})
    assert after == (
        "# yaml-language-server: $schema=../schema/events.schema.json\n"
        "events:\n"
        "  - id: 2021-03-01-forum\n"
        "    title: {zh: 论坛, en: Forum}\n"
        "    kind: forum\n"
        "    date: 2021-03\n"
        "    summary: {zh: 一场论坛。}\n"
    )
