"""What each page reads is recorded, and an edit makes stale exactly the pages that read what changed:
the preview's engine (summit.build.preview) on the fixture content, without MkDocs. After each edit, making
the stale pages again leaves docs/ as a clean generation of the new content would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summit.build.depends import reading, track
from summit.build.pipeline import site_of
from summit.build.preview import Preview
from summit.content.loader import load_content
from summit.errors import ContentErrors
from summit.outputs.pages import render_pages

from conftest import BASE_URL, FIXTURE, NOW, edit


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Preview:
    monkeypatch.setenv("SUMMIT_TODAY", NOW.date().isoformat())
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE, folder)
    engine = Preview(tmp_path, folder, tmp_path / "docs", BASE_URL)
    engine.full(engine.load())
    return engine


def catch_up(engine: Preview) -> None:
    while (path := engine.next_stale()) is not None:
        engine.refresh(path)


def same_as_clean(engine: Preview) -> None:
    content = load_content(engine.root, engine.folder)
    expected = render_pages(site_of(content, NOW, BASE_URL))
    written = {p.relative_to(engine.docs).as_posix() for p in engine.docs.rglob("*.md")}
    assert written == set(expected)
    for path, text in expected.items():
        assert (engine.docs / path).read_text(encoding="utf-8") == text, path


def test_reads_are_recorded_by_field_and_collection(fixture_content) -> None:
    content = track(load_content(FIXTURE.parent, FIXTURE))
    event = next(e for e in content.events if e.id == "2024-04-15-roadshow")
    with reading() as reads:
        _ = event.title
        _ = content.stations["vancouver"].name
        _ = [s.id for s in content.stations.values()]
    assert ("event", "2024-04-15-roadshow", "title") in reads
    assert ("station", "vancouver", "name") in reads
    assert ("station", "*", "ids") in reads
    assert ("event", "2024-04-15-roadshow", "date") not in reads
    _ = event.date  # outside ``reading`` nothing is recorded
    assert ("event", "2024-04-15-roadshow", "date") not in reads


def test_a_title_makes_stale_the_pages_that_show_it(preview: Preview) -> None:
    edit(preview.folder / "events" / "2024.yml", "en: Vancouver project roadshow", "en: Renamed roadshow")
    update = preview.update()
    assert update is not None
    assert update.changed == {("event", "2024-04-15-roadshow", "title")}
    stale = update.stale
    for page in ("events/2024-04-15-roadshow.md", "events/2024-04-15-roadshow.en.md", "schedule.en.md"):
        assert page in stale
    assert "stations/vancouver.en.md" in stale and "projects/smart-clinic.en.md" in stale
    # pages that never show the event are left alone
    assert (
        "about.md" not in stale and "stations/tokyo.en.md" not in stale and "events/2030-10-10-signing.md" not in stale
    )
    catch_up(preview)
    same_as_clean(preview)


def test_a_station_name_reaches_every_page_that_names_it(preview: Preview) -> None:
    edit(preview.folder / "stations.yml", "en: Tokyo Station", "en: Tokyo Hub")
    update = preview.update()
    assert update is not None
    names = {path for path in preview.jobs if "Tokyo Station" in (preview.docs / path).read_text(encoding="utf-8")}
    assert names and names <= update.stale  # every page that named it, and (checked next) it is gone
    catch_up(preview)
    assert not any("Tokyo Station" in (preview.docs / path).read_text(encoding="utf-8") for path in preview.jobs)
    same_as_clean(preview)


def test_a_date_that_moves_an_event_changes_its_months(preview: Preview) -> None:
    edit(preview.folder / "events" / "2024.yml", "date: 2024-04-15", "date: 2024-09-15")
    update = preview.update()
    assert update is not None and "schedule.md" in update.stale and "index.md" in update.stale
    catch_up(preview)
    same_as_clean(preview)


def test_added_or_removed_pages_ask_for_a_full_build(preview: Preview) -> None:
    edit(preview.folder / "events" / "2024.yml", "- id: 2024-04-15-roadshow", "- id: 2024-04-15-renamed")
    assert preview.update() is None


def test_a_mistake_keeps_the_last_good_version(preview: Preview) -> None:
    generation = preview.generation
    edit(preview.folder / "events" / "2024.yml", "en: Vancouver project roadshow", "en: [Vancouver")
    with pytest.raises(ContentErrors):
        preview.update()
    assert preview.generation == generation and not preview.stale
    edit(preview.folder / "events" / "2024.yml", "en: [Vancouver", "en: Fixed roadshow")
    update = preview.update()
    assert update is not None and "events/2024-04-15-roadshow.en.md" in update.stale
    catch_up(preview)
    same_as_clean(preview)
