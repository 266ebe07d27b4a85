"""Broken and hostile files: each is read or refused with a message naming the file, in bounded time,
never with a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summit.content.loader import load_content
from summit.content.yamlsource import read_yaml
from summit.errors import ContentErrors
from summit.outputs.render import render_all
from summit.schedule.site import Site

from conftest import NOW, edit


def read(tmp_path: Path, data: bytes | str):
    file = tmp_path / "x.yml"
    file.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    started = time.monotonic()
    doc, errors = read_yaml(file, "x.yml")
    assert time.monotonic() - started < 10
    return doc, [str(e) for e in errors]


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    _, errors = read(tmp_path, "\n".join(lines) + "\n")
    assert errors[0] == "x.yml:2:4: error: b (item 1): aliases (*name) are not supported; write the value out"
    assert len(errors) == 8 * 9  # one per use of an anchor, nothing expanded


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert errors == ["x.yml:1:1003: error: YAML syntax error: exceeded maximum nesting depth"]
    _, errors = read(tmp_path, "a: " + "[" * 45 + "]" * 45 + "\n")
    assert errors[0].endswith("nested more than 40 levels deep")


def test_big_file_is_refused_before_parsing(tmp_path: Path) -> None:
    doc, errors = read(tmp_path, "a: '" + "x" * 10_000_000 + "'\n")  # 10 MB: read
    assert errors == [] and len(doc.data["a"]) == 10_000_000
    _, errors = read(tmp_path, "a: '" + "x" * 20_000_000 + "'\n")
    assert errors == ["x.yml:1:1: error: file is 20.0 MB; a content file may have at most 16 MB"]


def test_many_records_are_refused(content_copy: Path, errors_of) -> None:
    rows = "".join(f"  - {{id: p{i}, name: {{zh: 甲}}, kind: investor}}\n" for i in range(100_000))
    (content_copy / "partners.yml").write_text("partners:\n" + rows, encoding="utf-8")
    started = time.monotonic()
    errors = errors_of(content_copy)
    assert time.monotonic() - started < 60
    assert "content/partners.yml:2:3: error: partners: 100000 records; a file may hold at most 10000" in errors


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "x.yml:1:1: error: not UTF-8 text: byte 0x89 at offset 0 (save the file as UTF-8)",
        ),
        (b"a: 1\nb: \xff\xfe\n", "x.yml:2:1: error: not UTF-8 text: byte 0xff at offset 8 (save the file as UTF-8)"),
        (
            "a:\n\tb: 1\n",
            "x.yml:2:1: error: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces (two per level)",
        ),
        ("a: \x07bell\n", "x.yml:1:4: error: contains the control character U+0007; remove it"),
        ('a: "\\x07bell"\n', "x.yml:1:4: error: a: contains the control character U+0007; remove it"),
    ],
)
def test_junk_is_refused_with_its_line(tmp_path: Path, data: bytes | str, expected: str) -> None:
    _, errors = read(tmp_path, data)
    assert errors == [expected]


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    doc, errors = read(tmp_path, "\ufeffa: 1\r\nb:\r\n  - x\r\n")
    assert errors == [] and doc.data == {"a": "1", "b": ["x"]}
    assert doc.position(("b", 0)).line == 3


def test_content_files_with_bom_and_crlf_build(content_copy: Path) -> None:
    for file in content_copy.rglob("*.yml"):
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes().replace(b"\n", b"\r\n"))
    content = load_content(content_copy.parent, content_copy, now=NOW)
    assert len(content.events) == 5


TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
TEXTS = st.fixed_dictionaries({"zh": TEXT}, optional={"en": TEXT})
EVENT = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True),
        "title": TEXTS,
        "summary": TEXTS,
        "kind": st.sampled_from(["roadshow", "forum", "party"]),
        "date": st.sampled_from(["2024-04-15", "2024-05", "2024-13"]),
    },
    optional={
        "start": st.sampled_from(["14:00", "25:00", "2:5"]),
        "end": st.sampled_from(["16:00", "10:00"]),
        "city": TEXTS,
        "body": TEXTS,
        "stations": st.lists(st.sampled_from(["vancouver", "nowhere"]), max_size=2),
        "timezone": st.sampled_from(["Asia/Tokyo", "Mars/Base"]),
        "format": st.sampled_from(["online", "x"]),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(EVENT, max_size=4))
def test_generated_records_give_a_site_or_content_errors(content_copy: Path, events: list[dict]) -> None:
    (content_copy / "events" / "2024.yml").write_text(
        yaml.safe_dump({"events": events}, allow_unicode=True), encoding="utf-8"
    )
    try:
        content = load_content(content_copy.parent, content_copy, now=NOW)
    except ContentErrors as exc:
        assert exc.errors and all(e.path.startswith("content/") and e.pos.line >= 1 for e in exc.errors)
        return
    pages = render_all(Site(content, NOW, "https://summit.example.org/"))
    assert all(f"events/{e['id']}.md" in pages for e in events)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_generated_yaml_text_never_raises(tmp_path: Path, text: str) -> None:
    file = tmp_path / "x.yml"
    file.write_text(text, encoding="utf-8", errors="surrogatepass") if not any(
        0xD800 <= ord(c) <= 0xDFFF for c in text
    ) else file.write_bytes(b"\xed\xa0\x80")
    doc, errors = read_yaml(file, "x.yml")
    assert doc is not None or errors
    assert all(str(e).startswith("x.yml:") for e in errors)


def test_event_in_a_file_that_hides_a_path(content_copy: Path, errors_of) -> None:
    (content_copy / "events" / "..yml").write_text("events: []\n", encoding="utf-8")
    edit(content_copy / "stations.yml", "  - id: tokyo", "  - id: ../../etc")
    errors = errors_of(content_copy)
    assert "content/events/..yml:1:1: error: an events file is named by its year: events/<year>.yml" in errors
    assert any("station ../../etc (Tokyo Station) › id: '../../etc' is not a valid id" in e for e in errors)
