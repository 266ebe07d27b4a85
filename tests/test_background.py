"""The background work (pages, data files and search index made beside MkDocs): pages are written in
the order MkDocs reads them and waited for one by one, the rest lands in the built site, and a failure
in it is reported, not lost."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from mkdocs.structure.files import _file_sort_key

from summit.build import pipeline
from summit.build.background import Background, BuildError
from summit.build.docs import docs_changes
from summit.i18n import LANGUAGES
from summit.outputs.pages import page_jobs, read_order, render_pages
from summit.schedule.site import Site


def _work(site: Site, tmp: Path, fork: bool) -> Background:
    """The work as a build (forked: the child makes the site itself) or the preview (at once) starts it."""
    work = Background(tmp / "cache", tmp / "docs")
    if not fork:
        return work.run(site)
    work.start(lambda: site)
    assert work.pages() == [path for path, _, _ in page_jobs(site)]
    return work


def _slow(site: Site) -> Site:
    """A content that takes long to load (a build that stops meanwhile)."""
    time.sleep(30)
    return site


def _mkdocs_order(docs: Path) -> list[str]:
    """The order MkDocs finds files in (mkdocs.structure.files.get_files walks the folder so)."""
    found = []
    for folder, dirs, names in os.walk(docs):
        dirs.sort()
        names.sort(key=_file_sort_key)
        found += [Path(folder, n).relative_to(docs).as_posix() for n in names]
    return found


@pytest.mark.parametrize("fork", [True, False])
def test_the_work_lands_in_the_site(fixture_site: Site, tmp_path: Path, fork: bool) -> None:
    docs = tmp_path / "docs"
    work = _work(fixture_site, tmp_path, fork)
    for path, text in render_pages(fixture_site).items():
        work.page(path)  # returns once the page is written
        assert (docs / path).read_text(encoding="utf-8") == text
    site = tmp_path / "site"
    work.finish(site)
    assert (site / "calendar/events.ics").is_file() and (site / "en/calendar/events.ics").is_file()
    assert (site / "qr/stations/vancouver.svg").is_file() and (site / "en/api/events.json").is_file()
    assert (site / "pagefind/pagefind.js").is_file() and (site / "pagefind/summit-words.json").is_file()
    work.finish(site)  # the i18n plugin ends the build once per language: nothing changes
    assert (site / "calendar/events.ics").is_file() and (site / "pagefind/pagefind.js").is_file()
    if fork:  # a build's work is moved into its site (one rename a folder), not linked file by file
        assert not [f for f in (tmp_path / "cache/data").rglob("*") if f.is_file()]
        return
    work.begin()
    work.finish(tmp_path / "again")  # a preview rebuild puts it into its new folder too
    assert (tmp_path / "again/calendar/events.ics").read_bytes() == (site / "calendar/events.ics").read_bytes()
    assert (tmp_path / "again/pagefind/pagefind.js").read_bytes() == (site / "pagefind/pagefind.js").read_bytes()


def test_pages_are_made_in_the_order_mkdocs_reads_them(fixture_site: Site, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    _work(fixture_site, tmp_path, fork=False)
    made = [path for path, _, _ in page_jobs(fixture_site)]
    read = [p for p in _mkdocs_order(docs) if p in set(made)]

    # each language is built in turn (the i18n plugin), each in MkDocs's order
    def language(path: str) -> str:
        return next((lang for lang in LANGUAGES[1:] if path.endswith(f".{lang}.md")), LANGUAGES[0])

    by_language = [[p for p in read if language(p) == lang] for lang in LANGUAGES]
    assert made == [p for part in by_language for p in part]


@pytest.mark.parametrize("fork", [True, False])
def test_a_failure_is_reported(fixture_site: Site, tmp_path: Path, fork: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("no calendar today")

    monkeypatch.setattr(pipeline, "render_data", broken)
    work = _work(fixture_site, tmp_path, fork)
    with pytest.raises(BuildError, match="RuntimeError: no calendar today"):
        work.finish(tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_a_page_that_fails_stops_the_build_at_that_page(
    fixture_site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("template broken")

    monkeypatch.setattr(pipeline.Renderer, "render", broken)
    work = _work(fixture_site, tmp_path, fork=True)
    first = page_jobs(fixture_site)[0][0]
    with pytest.raises(BuildError, match="RuntimeError: template broken"):
        work.page(first)
    work.page("about-us.md")  # not one of the generated pages: nothing to wait for


def test_a_build_stopped_early_leaves_no_work_running(fixture_site: Site, tmp_path: Path) -> None:
    work = Background(tmp_path / "cache", tmp_path / "docs").start(lambda: _slow(fixture_site))
    started = time.monotonic()
    work.cancel()  # the content had errors: the build stops at once
    assert time.monotonic() - started < 5 and work.pid is None
    work.wait()  # nothing left to wait for, no error to report


def test_content_errors_reach_the_build_as_reported(tmp_path: Path, content_copy: Path) -> None:
    """The forked process loads the content: its errors stop the build with the editor's report."""
    from summit.build.pipeline import load_site

    target = content_copy / "events/2024.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("    date: 2024-04-15", "    date: 2024-13-01", 1))
    work = Background(tmp_path / "cache", tmp_path / "docs").start(lambda: load_site(tmp_path, content_copy))
    with pytest.raises(BuildError) as info:
        work.pages()
    assert "events/2024.yml" in str(info.value) and "› date: '2024-13-01' is not a date" in str(info.value)
    assert "Traceback" not in str(info.value) and work.pid is None
    assert not (tmp_path / "docs").exists()  # nothing written


def test_mkdocs_is_given_the_pages_not_written_yet_and_not_the_stale_ones() -> None:
    found = ["about-us.md", "events/old.md", "index.md", "assets/x.css", "events/kept.md"]
    stale, missing = docs_changes(found, ["index.md", "events/kept.md", "events/new.md", "events/new.en.md"])
    assert stale == {"events/old.md"}  # the generator's, no longer made; about-us.md is an editor's
    assert missing == ["events/new.en.md", "events/new.md"]
    assert docs_changes(["index.md"], ["index.md"]) == (set(), [])
    order = sorted(["events/b.md", "index.md", "events/a/index.md", "about.md", "events/index.md"], key=read_order)
    assert order == ["index.md", "about.md", "events/index.md", "events/b.md", "events/a/index.md"]


def test_the_forked_work_leaves_a_core_to_mkdocs(
    fixture_site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a machine of several cores the work beside MkDocs (and Pagefind, which it runs) keeps off one
    once MkDocs has the list of pages (while the content loads, MkDocs's process waits)."""
    monkeypatch.setattr(pipeline, "prepare_pages", lambda *_: time.sleep(30))  # the pages take long
    cores = os.sched_getaffinity(0)
    work = Background(tmp_path / "cache", tmp_path / "docs").start(lambda: fixture_site)
    try:
        deadline = time.monotonic() + 10
        while os.sched_getaffinity(work.pid) == cores and len(cores) > 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert os.sched_getaffinity(work.pid) == (cores - {min(cores)} if len(cores) > 1 else cores)
        assert os.sched_getaffinity(0) == cores  # MkDocs's own process is left as it was
    finally:
        work.cancel()


@pytest.mark.parametrize("fork", [True, False])
def test_a_failure_after_the_check_names_the_record(
    fixture_site: Site, tmp_path: Path, fork: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the build says when it fails although the content was accepted: the record and its file."""
    from summit.outputs import calendar

    def broken(*_: object) -> object:
        raise AssertionError("Content line can not contain unescaped new line characters.")

    monkeypatch.setattr(calendar, "_vevent", broken)
    work = _work(fixture_site, tmp_path, fork)
    with pytest.raises(BuildError) as info:
        work.wait()
    assert str(info.value) == (
        "tests/fixtures/content/events/2024.yml: event '2024-04-15-roadshow': its calendar entry (zh) could not "
        "be made: AssertionError: Content line can not contain unescaped new line characters."
    )
