"""Writing generated pages into docs/: only changed files are written, stale ones removed, others kept."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from summit.generate import generate_docs, write_pages
from summit.i18n import LANGUAGES, catalogue
from summit.markup import localized_path
from summit.pages import PageSpec, page_specs
from summit.render import render_all

from conftest import BASE_URL, NOW, ROOT


def test_second_run_writes_nothing(tmp_path: Path, fixture_content) -> None:
    first = generate_docs(fixture_content, tmp_path, NOW, BASE_URL)
    assert "events/2024-04-15-roadshow.en.md" in first.written
    mtimes = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    second = generate_docs(fixture_content, tmp_path, NOW, BASE_URL)
    assert second.written == [] and second.removed == []
    assert second.unchanged == len(first.written)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == mtimes


def test_a_later_build_the_same_day_writes_nothing(tmp_path: Path, fixture_content) -> None:
    """Otherwise `mkdocs serve`, which watches docs/, would rebuild for ever."""
    generate_docs(fixture_content, tmp_path, NOW, BASE_URL)
    later = generate_docs(fixture_content, tmp_path, NOW + dt.timedelta(hours=7, minutes=13, seconds=5), BASE_URL)
    assert later.written == []


def test_only_the_changed_page_is_rewritten(tmp_path: Path) -> None:
    write_pages({"index.md": "a\n", "events/x.md": "x\n"}, tmp_path)
    result = write_pages({"index.md": "b\n", "events/x.md": "x\n"}, tmp_path)
    assert result.written == ["index.md"]
    assert (tmp_path / "index.md").read_text() == "b\n"


def test_stale_pages_removed_hand_written_kept(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text("hand-written\n")
    write_pages({"index.md": "a\n", "events/old.md": "o\n", "events/old.en.md": "o\n"}, tmp_path)
    (tmp_path / "events" / "left-behind.md").write_text("from a lost manifest\n")
    result = write_pages({"index.md": "a\n"}, tmp_path)
    assert result.removed == ["events/left-behind.md", "events/old.en.md", "events/old.md"]
    assert not (tmp_path / "events").exists()
    assert (tmp_path / "guide.md").read_text() == "hand-written\n"


def test_page_paths_stay_inside_docs(fixture_site) -> None:
    specs = page_specs(fixture_site)
    assert all(not s.path.startswith(("/", "..")) and ".." not in s.path for s in specs)
    assert localized_path("events/x.md", "en") == "events/x.en.md"
    assert localized_path("events/x.md", "zh") == "events/x.md"
    assert PageSpec("a.md", "t").path == "a.md"


def test_catalogues_have_the_same_keys_and_no_empty_phrase() -> None:
    zh, en = (catalogue(lang) for lang in LANGUAGES)
    assert sorted(zh) == sorted(en)
    assert [k for k, v in {**zh, **en}.items() if not v.strip()] == []


def test_git_ignores_every_generated_file(fixture_site) -> None:
    """Generated files never end up in a commit."""
    paths = [f"docs/{p}" for p in render_all(fixture_site)] + ["docs/.generated"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True)
    assert sorted(result.stdout.split()) == sorted(paths)
