"""The background work (data files and search index made beside MkDocs): it lands in the built site, and
a failure in it is reported, not lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit.background import Background, BuildError
from summit.calendar import Site


@pytest.mark.parametrize("fork", [True, False])
def test_the_work_lands_in_the_site(fixture_site: Site, tmp_path: Path, fork: bool) -> None:
    work = Background(fixture_site, tmp_path / "cache", fork=fork)
    site = tmp_path / "site"
    work.finish(site)
    assert (site / "calendar/events.ics").is_file() and (site / "en/calendar/events.ics").is_file()
    assert (site / "qr/stations/vancouver.svg").is_file() and (site / "en/api/events.json").is_file()
    assert (site / "pagefind/pagefind.js").is_file() and (site / "pagefind/summit-words.json").is_file()
    work.finish(tmp_path / "again")  # a preview rebuild puts it into its new folder too
    assert (tmp_path / "again/calendar/events.ics").read_bytes() == (site / "calendar/events.ics").read_bytes()


@pytest.mark.parametrize("fork", [True, False])
def test_a_failure_is_reported(tmp_path: Path, fork: bool) -> None:
    work = Background(None, tmp_path / "cache", fork=fork)  # type: ignore[arg-type]
    with pytest.raises(BuildError, match="AttributeError"):
        work.finish(tmp_path / "site")
    assert not (tmp_path / "site").exists()
