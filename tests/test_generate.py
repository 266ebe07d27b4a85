"""Writing generated pages into docs/: only changed files are written, stale ones removed, others kept."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from summit.build.background import Background
from summit.build.docs import write_pages
from summit.build.pipeline import generate_docs, site_of
from summit.build.preview import Preview
from summit.i18n import LANGUAGES, catalogue
from summit.outputs.markup import localized_path
from summit.outputs.pages import PageSpec, page_specs
from summit.outputs.render import render_all

from conftest import BASE_URL, FIXTURE, NOW, ROOT


def test_second_run_writes_nothing(tmp_path: Path, fixture_content) -> None:
    first = generate_docs(site_of(fixture_content, NOW, BASE_URL), tmp_path)
    assert "events/2024-04-15-roadshow.en.md" in first.written
    mtimes = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    second = generate_docs(site_of(fixture_content, NOW, BASE_URL), tmp_path)
    assert second.written == [] and second.removed == []
    assert second.unchanged == len(first.written)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == mtimes


def test_a_later_build_the_same_day_writes_nothing(tmp_path: Path, fixture_content) -> None:
    """Otherwise `mkdocs serve`, which watches docs/, would rebuild for ever."""
    generate_docs(site_of(fixture_content, NOW, BASE_URL), tmp_path)
    later = generate_docs(
        site_of(fixture_content, NOW + dt.timedelta(hours=7, minutes=13, seconds=5), BASE_URL), tmp_path
    )
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


def _pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.md")}


def test_the_build_the_preview_and_the_command_line_make_the_same_pages(fixture_site, tmp_path: Path) -> None:
    """One pipeline (``summit.build.pipeline``): the build's work (here in this process), the live preview's
    full build (recording what each page reads) and ``summit generate`` write the same pages, byte for
    byte, in the same places, with the same manifest of generated files (the CLI's also lists its data
    files)."""
    built = Background(tmp_path / "cache", tmp_path / "built").run(fixture_site)
    assert built.error is None
    preview = Preview(ROOT, FIXTURE, tmp_path / "preview", BASE_URL)
    assert preview.full(fixture_site) == built.pages()
    generate_docs(fixture_site, tmp_path / "cli")
    made = {name: _pages(tmp_path / name) for name in ("built", "preview", "cli")}
    assert made["built"] and made["built"] == made["preview"] == made["cli"]
    assert sorted(made["built"]) == sorted(built.pages())
    manifests = {name: (tmp_path / name / ".generated").read_text().split() for name in made}
    assert manifests["built"] == manifests["preview"] == sorted(built.pages())
    assert set(manifests["built"]) < set(manifests["cli"])
