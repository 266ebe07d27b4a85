"""Every time is computed with the IANA release the project pins (the tzdata package), not the machine's
zone files, which may be older: 2026f keeps America/Vancouver at UTC-7 all year from 2026-11-01."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import tzdata

from summit.content.models import Event
from summit.schedule.timing import timing, utc_offset
from summit.schedule.zones import IANA_VERSION, zone

from conftest import ROOT


def test_the_pinned_release_is_the_one_used() -> None:
    assert IANA_VERSION == tzdata.IANA_VERSION
    # a case the machine's rules (Debian's 2025b) and 2026f disagree on
    assert zone("America/Vancouver").utcoffset(dt.datetime(2027, 1, 15, 12)) == dt.timedelta(hours=-7)
    assert ZoneInfo("America/Vancouver").utcoffset(dt.datetime(2027, 1, 15, 12)) == dt.timedelta(hours=-7)


def test_an_event_in_vancouver_next_winter() -> None:
    event = Event.model_validate(
        {
            "id": "e",
            "title": {"zh": "甲"},
            "kind": "forum",
            "summary": {"zh": "甲"},
            "date": "2027-01-15",
            "start": "18:00",
            "timezone": "America/Vancouver",
        }
    )
    start = timing(event, "Asia/Shanghai").start
    assert start is not None
    assert utc_offset(start) == "UTC-7"
    assert start.astimezone(zone("Asia/Shanghai")).strftime("%m-%d %H:%M") == "01-16 09:00"


def test_the_machines_zone_files_are_not_read(tmp_path: Path) -> None:
    """A machine whose zone files put Vancouver at UTC-8 all year (an old release, exaggerated)."""
    fake = tmp_path / "zoneinfo" / "America"
    fake.mkdir(parents=True)
    (fake / "Vancouver").write_bytes((Path(tzdata.__file__).parent / "zoneinfo" / "Etc" / "GMT+8").read_bytes())
    probe = (
        "import datetime as dt, zoneinfo; "
        "print(zoneinfo.ZoneInfo('America/Vancouver').utcoffset(dt.datetime(2027, 7, 1))); "
        "import summit.schedule.zones as z; "
        "print(z.zone('America/Vancouver').utcoffset(dt.datetime(2027, 7, 1)), z.IANA_VERSION)"
    )
    env = {**os.environ, "PYTHONTZPATH": str(tmp_path / "zoneinfo"), "PYTHONPATH": str(ROOT / "hooks")}
    lines = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert lines == ["-1 day, 16:00:00", f"-1 day, 17:00:00 {IANA_VERSION}"]
