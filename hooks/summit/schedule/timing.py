"""When an event happens, as instants: the three precisions, zones, DST and midnight.

- ``time``: a start (and maybe an end) time of day on a day, in the event's IANA zone;
- ``day``: one or more whole days (all-day), with no time of day;
- ``month``: only the month is known; the day is to be announced.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from ..content.models import Event

UTC = dt.UTC
TODAY_ENV = "SUMMIT_TODAY"
Precision = Literal["time", "day", "month"]


@dataclass(frozen=True)
class Timing:
    """An event's time, resolved against the site's zone."""

    precision: Precision
    zone: str
    """The zone the event's times are written in."""
    first_day: dt.date
    """The first day (the month's first day for a month-only event)."""
    last_day: dt.date
    """The last day (the month's last day for a month-only event)."""
    start: dt.datetime | None = None
    """Aware start, for a timed event."""
    end: dt.datetime | None = None
    """Aware end, for a timed event that gives one."""

    def span(self, site_zone: str) -> tuple[dt.datetime, dt.datetime]:
        """The instants between which the event is on: from its start to its end (or start), or
        from the first day's midnight to the midnight after the last day, in the site's zone."""
        if self.start is not None:
            return self.start, self.end or self.start
        zone = ZoneInfo(site_zone)
        begin = dt.datetime.combine(self.first_day, dt.time(), zone)
        after = dt.datetime.combine(self.last_day + dt.timedelta(days=1), dt.time(), zone)
        return begin, after

    def status(self, site_zone: str, now: dt.datetime) -> Literal["upcoming", "now", "past"]:
        """Where the event stands at ``now``."""
        begin, finish = self.span(site_zone)
        if now < begin:
            return "upcoming"
        return "past" if (now >= finish and finish > begin) or now > finish else "now"


def build_time(site_zone: str = "Asia/Shanghai", env: Mapping[str, str] | None = None) -> dt.datetime:
    """Now in the site's zone; for reproducible builds the midnight that starts ``$SUMMIT_TODAY``
    (YYYY-MM-DD), or the moment ``$SOURCE_DATE_EPOCH`` (seconds since 1970) names."""
    env = os.environ if env is None else env
    if env.get(TODAY_ENV):
        return dt.datetime.combine(dt.date.fromisoformat(env[TODAY_ENV]), dt.time(), ZoneInfo(site_zone))
    if env.get("SOURCE_DATE_EPOCH", "").isdigit():
        return dt.datetime.fromtimestamp(int(env["SOURCE_DATE_EPOCH"]), ZoneInfo(site_zone))
    return dt.datetime.now(ZoneInfo(site_zone)).replace(microsecond=0)


def local(day: dt.date, time: dt.time, zone: str) -> dt.datetime:
    """The aware date-time of a wall-clock time in ``zone`` (the earlier one when clocks go back)."""
    return dt.datetime.combine(day, time, ZoneInfo(zone))


def exists(moment: dt.datetime) -> bool:
    """False for a wall-clock time skipped when clocks go forward (e.g. 02:30 on a DST start day)."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def timing(event: Event, site_zone: str) -> Timing:
    zone = event.timezone or site_zone
    if not event.date.precise:
        return Timing("month", zone, event.date.first_day, event.date.last_day)
    first = event.date.first_day
    last = event.end_date or first
    if event.start is None:
        return Timing("day", zone, first, last)
    start = local(first, event.start, zone)
    end = local(last, event.end, zone) if event.end is not None else None
    return Timing("time", zone, first, last, start, end)


def status(event: Event, site_zone: str, now: dt.datetime) -> Literal["upcoming", "now", "past"]:
    """Where the event stands at ``now`` (for the content's checks; outputs ask ``Site.status``)."""
    return timing(event, site_zone).status(site_zone, now)


def utc_offset(moment: dt.datetime) -> str:
    """UTC+8, UTC-7, UTC+5:30."""
    offset = moment.utcoffset() or dt.timedelta()
    sign = "+" if offset >= dt.timedelta() else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
