"""The commands an editor runs: `summit check` and a MkDocs build, on good and bad content."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit.schedule.zones import IANA_VERSION

from conftest import FIXTURE, ROOT, edit, run_summit
from sitebuild import copy_project, mkdocs_build

summit = run_summit


def test_check_passes_on_good_content() -> None:
    result = summit("check", content=FIXTURE)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "tests/fixtures/content/events/2024.yml:20:5: events[1].status: warning: "
        "took place before the build but is still 'scheduled': set 'held', 'postponed' or 'cancelled'",
        "no errors, 1 warning.",
        "Translations:",
        "  Chinese (zh): complete",
        "  English (en): complete",
        f"5 events, 3 stations, 2 partners, 2 projects: ready to build (time zones: IANA {IANA_VERSION})",
    ]


def test_check_reports_all_errors_without_traceback(content_copy: Path) -> None:
    edit(content_copy / "stations.yml", "timezone: Asia/Tokyo", "timezone: Mars/Base")
    edit(content_copy / "events/2024.yml", "    kind: conference", "    kind: party")
    result = summit("check", content=content_copy, cwd=content_copy.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:3] == [
        "content/events/2024.yml:22:11: events[1].kind: must be one of roadshow, forum, exchange, signing, "
        "conference or launch (got 'party')",
        "content/stations.yml:14:15: stations[1].timezone: unknown time zone 'Mars/Base' "
        "(use an IANA name such as Asia/Shanghai)",
        "2 errors in 2 files.",
    ]


def test_real_content_is_valid() -> None:
    result = summit("check", content=ROOT / "content")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"5 events, 6 stations, 12 partners, 0 projects: ready to build (time zones: IANA {IANA_VERSION})"
    )


@pytest.mark.site
def test_build_with_bad_content_fails_cleanly_and_keeps_the_old_site(tmp_path: Path, content_copy: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project, FIXTURE).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    edit(content_copy / "events/2024.yml", "    date: 2024-04-15", "    date: 2024-13-01")
    result = mkdocs_build(project, content_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "events[0].date: '2024-13-01' is not a date: month must be in 1..12" in result.stdout + result.stderr
    assert "The site was not built." in result.stdout + result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
