"""Time zones from the IANA data the project pins (the ``tzdata`` package), never the machine's.

``zoneinfo`` reads the machine's zone files first (``TZPATH``) and the ``tzdata`` package only for a zone
they lack; a machine's files may be a year old (Debian 12 ships 2025b: it puts America/Vancouver at UTC-8
in winter from 2026-11-01, where 2026f keeps UTC-7 all year, as current browsers do). Importing the
package (``summit/__init__``) empties the search path before any zone is made, so every zone of the
build, of the preview and of the commands comes from the pinned release, whatever the machine has.
A new release: raise ``tzdata`` in requirements.txt (ARCHITECTURE, "Time zones").
"""

from __future__ import annotations

import zoneinfo
from functools import cache

import tzdata

zoneinfo.reset_tzpath(to=[])
zoneinfo.ZoneInfo.clear_cache()  # a zone made before this (by another package) is read again

IANA_VERSION: str = tzdata.IANA_VERSION
"""The release of the zone rules every time is computed with, e.g. 2026f."""


@cache
def names() -> frozenset[str]:
    """Every IANA zone name the pinned release knows."""
    return frozenset(zoneinfo.available_timezones())


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone ``name`` by the pinned rules."""
    return zoneinfo.ZoneInfo(name)
