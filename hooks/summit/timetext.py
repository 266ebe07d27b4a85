"""Event times as readers of each language read them: Beijing time first, then each station's clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .i18n import Locale
from .models import Event, Station
from .timing import Timing, timing, utc_offset


def event_dates(event: Event, zone: str, loc: Locale) -> str:
    """An event's day or days (2020年7月10日 – 2020年7月12日), or its month when no day is set."""
    t = timing(event, zone)
    if t.precision == "month":
        return loc.month(t.first_day.year, t.first_day.month)
    first = loc.date(t.first_day)
    return first if t.last_day == t.first_day else f"{first} – {loc.date(t.last_day)}"


class TimeText:
    """Formats the times of events for one language, against the site's zone."""

    def __init__(self, loc: Locale, site_zone: str) -> None:
        self.loc = loc
        self.site_zone = site_zone

    def _days(self, t: Timing) -> str:
        if t.last_day != t.first_day:
            return f"{self.loc.day(t.first_day)} – {self.loc.day(t.last_day)}"
        return self.loc.day(t.first_day)

    def _zone(self, zone: str, moment: dt.datetime) -> str:
        name = self.loc.zone(zone, self.site_zone)
        return self.loc.t("date.zone_offset", zone=name, offset=utc_offset(moment))

    def zone_label(self, zone: str) -> str:
        """America/Vancouver（北美太平洋时间） / America/Vancouver (Pacific Time)."""
        return self.loc.t("date.zoned", text=zone, zone=self.loc.zone(zone, self.site_zone))

    def when(self, event: Event) -> str:
        """The date and time in the site's zone (北京时间), or the date, or the month to be announced."""
        t = timing(event, self.site_zone)
        if t.precision == "month":
            return self.loc.t("date.month_tba", month=self.loc.month(t.first_day.year, t.first_day.month))
        if t.start is None:
            return self.loc.t("date.unknown_time", day=self._days(t), note=self.loc.t("date.time_tba"))
        return self.in_zone(t, self.site_zone, named=True)

    def in_zone(self, t: Timing, zone: str, *, named: bool) -> str:
        """A timed event's start (and end) in ``zone``: full day, times, zone name or abbreviation."""
        assert t.start is not None
        start = t.start.astimezone(ZoneInfo(zone))
        end = t.end.astimezone(ZoneInfo(zone)) if t.end else None
        if end is None:
            text = self.loc.t("date.day_time", day=self.loc.day(start.date()), time=f"{start:%H:%M}")
        elif end.date() == start.date():
            text = self.loc.t("date.day_time", day=self.loc.day(start.date()), time=f"{start:%H:%M}–{end:%H:%M}")
        else:
            text = self.loc.t("date.day_time", day=self.loc.day(start.date()), time=f"{start:%H:%M}") + " – "
            text += self.loc.t("date.day_time", day=self.loc.day(end.date()), time=f"{end:%H:%M}")
        if named:
            return self.loc.t("date.zoned", text=text, zone=self._zone(zone, start))
        return f"{text} {self.abbreviation(start, end)}"

    @staticmethod
    def abbreviation(start: dt.datetime, end: dt.datetime | None) -> str:
        """PDT; PST/PDT when the clocks change during the event."""
        names = [start.tzname() or utc_offset(start)]
        if end is not None and end.tzname() != start.tzname():
            names.append(end.tzname() or utc_offset(end))
        return "/".join(names)

    def clock(self, t: Timing, zone: str) -> str:
        """A timed event on the clock of ``zone``, the date given only where it differs from Beijing's:
        ``4月14日 23:00–01:30 PDT`` or ``23:00 JST``."""
        assert t.start is not None
        site_day = t.start.astimezone(ZoneInfo(self.site_zone)).date()
        start = t.start.astimezone(ZoneInfo(zone))
        end = t.end.astimezone(ZoneInfo(zone)) if t.end else None
        text = f"{start:%H:%M}"
        if start.date() != site_day:
            text = f"{self.loc.month_day(start.date())} {text}"
        if end is not None:
            text += (
                f"–{end:%H:%M}" if end.date() == start.date() else f" – {self.loc.month_day(end.date())} {end:%H:%M}"
            )
        return f"{text} {self.abbreviation(start, end)}"

    def at_stations(self, event: Event, stations: list[Station]) -> list[str]:
        """``温哥华：4月14日 23:00 PDT`` for each station of a timed event (none otherwise)."""
        t = timing(event, self.site_zone)
        if t.start is None:
            return []
        return [
            self.loc.t("date.at_station", place=s.city.get(self.loc.lang), time=self.clock(t, s.timezone))
            for s in stations
        ]

    def for_station(self, event: Event, station: Station) -> str:
        """On a station's page: the station's own local time first, Beijing time after it."""
        t = timing(event, self.site_zone)
        if t.start is None:
            return self.when(event)
        local = self.in_zone(t, station.timezone, named=False)
        if station.timezone == self.site_zone:
            return local
        site = t.start.astimezone(ZoneInfo(self.site_zone))
        return self.loc.t("date.also_site", text=local, site=f"{self.loc.month_day(site.date())} {site:%H:%M}")
