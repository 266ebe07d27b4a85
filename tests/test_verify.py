"""`make verify`: the built site checked from outside, the quick verdict on a content-only pull request."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summit.build.deploy import built_for
from summit.build.verify import verify

pytestmark = pytest.mark.site


def test_a_sound_site_passes(built_site: Path, fixture_content) -> None:
    assert verify(built_site, fixture_content, built_for(built_site)) == []


def test_a_missing_page_a_broken_link_and_bad_files_are_each_named(
    built_site: Path, fixture_content, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "en" / "stations" / "tokyo")
    (site / "calendar" / "events.ics").write_text("BEGIN:VCALENDAR\n", encoding="utf-8")
    (site / "api" / "events.json").write_text("{", encoding="utf-8")
    said = [m.text("en") for m in verify(site, fixture_content, built_for(site))]
    assert "the page of the station 'tokyo' is missing: en/stations/tokyo/index.html" in said
    assert any(s.startswith("en/stations/index.html links to tokyo/, which is not in the site") for s in said)
    assert any(s.startswith("calendar/events.ics cannot be read: ") for s in said)
    assert any(s.startswith("api/events.json cannot be read: ") for s in said)
    assert not [s for s in said if "/stations/tokyo" not in s and "tokyo/" not in s and "cannot be read" not in s]
