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


@cache
def by_chinese_city() -> dict[str, str]:
    """A zone by its city's Chinese name (CLDR's, through babel): 东京 -> Asia/Tokyo. Made when a zone is
    not found (a few tenths of a second)."""
    from babel.dates import get_timezone_location

    found: dict[str, str] = {}
    for name in sorted(names()):
        if "/" not in name or name.startswith("Etc/"):
            continue
        try:
            found.setdefault(get_timezone_location(name, locale="zh_Hans_CN", return_city=True), name)
        except LookupError:
            continue
    return found
