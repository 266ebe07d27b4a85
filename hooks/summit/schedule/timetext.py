"""Event times as readers of each language read them: the venue's time first (its days, its clock, its
zone named), Beijing time beside it when the venue keeps another, then each station's clock. The times
come from the schedule (``Site.schedule``); this module only words them."""

from __future__ import annotations

import datetime as dt

from ..content.models import Event, Station
from ..i18n import Locale
from .times import EventTimes, Schedule
from .timing import utc_offset
from .zones import zone


def event_dates(times: EventTimes, loc: Locale) -> str:
    """An event's day or days at its venue (2020年7月10日 – 2020年7月12日), or its month when no day is set."""
    if times.precision == "month":
        return loc.month(times.first_day.year, times.first_day.month)
    first = loc.date(times.first_day)
    return first if times.last_day == times.first_day else f"{first} – {loc.date(times.last_day)}"


class TimeText:
    """Words the times of events for one language."""

    def __init__(self, loc: Locale, schedule: Schedule) -> None:
        self.loc = loc
        self.schedule = schedule
        self.site_zone = schedule.site_zone

    def _days(self, t: EventTimes) -> str:
        if t.last_day != t.first_day:
            return f"{self.loc.day(t.first_day)} – {self.loc.day(t.last_day)}"
        return self.loc.day(t.first_day)

    def _city(self, event: Event | None) -> str | None:
        """The city an event names (its zone is called after it), if any."""
        return event.city.get(self.loc.lang) if event is not None and event.city is not None else None

    def venue_zone(self, event: Event) -> str:
        """The name of the zone an event's times are given in: 北京时间, 温哥华时间 / Vancouver time."""
        return self.loc.zone(self.schedule.times(event).zone, self.site_zone, self._city(event))

    def zone_name(
        self, zone_name: str, start: dt.datetime, end: dt.datetime | None = None, city: str | None = None
    ) -> str:
        """北京时间 / Beijing time, UTC+8; 温哥华时间 UTC-7 / Vancouver time, UTC-7 for another zone, both
        offsets when the clocks change between ``start`` and ``end`` (伦敦时间 UTC+1/UTC+0)."""
        name = self.loc.zone(zone_name, self.site_zone, city)
        if zone_name == self.site_zone:
            return self.loc.t("date.zone_offset", zone=name, offset=utc_offset(start))
        return self.loc.t("date.away_offset", zone=name, offset=self.offsets(start, end))

    def zone_short(self, event: Event, moment: dt.datetime) -> str:
        """北京时间 / Beijing time; 温哥华时间 UTC-7 / Vancouver time, UTC-7 for an event held in another zone."""
        zone_name = self.schedule.times(event).zone
        if zone_name == self.site_zone:
            return self.loc.zone(zone_name, self.site_zone)
        return self.zone_name(zone_name, moment, city=self._city(event))

    def zone_label(self, zone_name: str, city: str | None = None) -> str:
        """America/Vancouver（温哥华时间） / America/New_York (Boston time) for a station in ``city``."""
        return self.loc.t("date.zoned", text=zone_name, zone=self.loc.zone(zone_name, self.site_zone, city))

    def when(self, event: Event) -> str:
        """The date and time at the venue, its zone named; or the date, or the month to be announced."""
        t = self.schedule.times(event)
        if t.precision == "month":
            return self.loc.t("date.month_tba", month=self.loc.month(t.first_day.year, t.first_day.month))
        if t.start is None:
            return self.loc.t("date.unknown_time", day=self._days(t), note=self.loc.t("date.time_tba"))
        return self.in_zone(t, t.zone, named=True, city=self._city(event))

    def on_site(self, event: Event) -> str:
        """For an event whose venue keeps another time: its time in Beijing time (北京时间 11月7日 08:00–09:00);
        empty otherwise."""
        t = self.schedule.times(event)
        if t.start is None or not t.away:
            return ""
        return self.span_on_site(t.start, t.end)

    def span_on_site(self, start: dt.datetime, end: dt.datetime | None) -> str:
        """An event's or a session's time in Beijing time, its date given once: 北京时间 11月7日 08:00–09:00."""
        site = zone(self.site_zone)
        text = self._span(start.astimezone(site), end.astimezone(site) if end else None, None)
        return self.loc.t("date.on_site", zone=self.loc.zone(self.site_zone, self.site_zone), text=text)

    def _span(self, start: dt.datetime, end: dt.datetime | None, day: dt.date | None) -> str:
        """``start`` (and ``end``) on their clock, a date given where it is not ``day`` (always for None):
        ``11月7日 08:00–09:00``, ``23:00 – 4月15日 01:30``."""
        text = f"{start:%H:%M}" if start.date() == day else f"{self.loc.month_day(start.date())} {start:%H:%M}"
        if end is not None:
            text += (
                f"–{end:%H:%M}" if end.date() == start.date() else f" – {self.loc.month_day(end.date())} {end:%H:%M}"
            )
        return text

    def in_zone(self, t: EventTimes, zone_name: str, *, named: bool, city: str | None = None) -> str:
        """A timed event's start (and end) in ``zone_name``: full day, times, zone name or offset."""
        assert t.start is not None
        start = t.at(t.start, zone_name)
        end = t.at(t.end, zone_name) if t.end else None
        if end is None:
            text = self.loc.t("date.day_time", day=self.loc.day(start.date()), time=f"{start:%H:%M}")
        elif end.date() == start.date():
            text = self.loc.t("date.day_time", day=self.loc.day(start.date()), time=f"{start:%H:%M}–{end:%H:%M}")
        else:
            text = self.loc.t("date.day_time", day=self.loc.day(start.date()), time=f"{start:%H:%M}") + " – "
            text += self.loc.t("date.day_time", day=self.loc.day(end.date()), time=f"{end:%H:%M}")
        if named:
            return self.loc.t("date.zoned", text=text, zone=self.zone_name(zone_name, start, end, city))
        return f"{text} {self.offsets(start, end)}"

    @staticmethod
    def offsets(start: dt.datetime, end: dt.datetime | None) -> str:
        """UTC-7; UTC+1/UTC+0 when the clocks change during the event (offsets, not abbreviations:
        PST means UTC-8 to a reader though Vancouver now keeps UTC-7 all year)."""
        names = [utc_offset(start)]
        if end is not None and utc_offset(end) != names[0]:
            names.append(utc_offset(end))
        return "/".join(names)

    def clock(self, t: EventTimes, zone_name: str) -> str:
        """A timed event on the clock of ``zone_name``, the date given where it differs from the venue's
        day: ``4月14日 23:00 – 4月15日 01:30 UTC-7`` or ``23:00 UTC+9``."""
        assert t.start is not None
        start = t.at(t.start, zone_name)
        end = t.at(t.end, zone_name) if t.end else None
        return f"{self._span(start, end, t.first_day)} {self.offsets(start, end)}"

    def at_stations(self, event: Event, stations: list[Station]) -> list[str]:
        """``温哥华：4月14日 23:00 UTC-7`` for each station of a timed event whose clock is not already
        shown (the venue's, Beijing time's)."""
        t = self.schedule.times(event)
        if t.start is None:
            return []
        shown = {t.zone, t.site_zone}
        return [
            self.loc.t("date.at_station", place=s.city.get(self.loc.lang), time=self.clock(t, s.timezone))
            for s in stations
            if s.timezone not in shown
        ]

    def lines(self, event: Event, stations: list[Station]) -> tuple[str, ...]:
        """Every reading of an event's time, venue's first (a poster's lines)."""
        return tuple(t for t in (self.when(event), self.on_site(event), *self.at_stations(event, stations)) if t)

    def for_station(self, event: Event, station: Station) -> str:
        """On a station's page: the station's own local time first, Beijing time after it."""
        t = self.schedule.times(event)
        if t.start is None:
            return self.when(event)
        local = self.in_zone(t, station.timezone, named=False)
        if station.timezone == self.site_zone:
            return local
        site = t.on_site(t.start)
        return self.loc.t("date.also_site", text=local, site=f"{self.loc.month_day(site.date())} {site:%H:%M}")
