"""The schedule's times, worked out once per site: each event's instants, days and zone, and each of its
sessions' (pretalx's one schedule data). Every output (pages, the agenda, calendars, frab JSON and XML,
the api, JSON-LD, search, cards) asks ``Site.schedule`` and only formats what it gets.

An event is told in its venue's time: its zone is its own ``timezone`` or the site's; its days are the
venue's days (a session's ``day`` as written); Beijing time is a second reading (``site_zone``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..build.depends import Dep, paused, view
from ..content.models import Event, Session
from ..i18n import Locale
from .timing import Timing, local, timing
from .zones import zone


@dataclass(frozen=True)
class SessionTimes:
    """When a session is: its venue day and its start and end (aware, in the venue's zone)."""

    day: dt.date
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class EventTimes(Timing):
    """When an event is (``Timing``: its precision, venue zone, days and instants), read against the
    site's zone, with its sessions' times."""

    site_zone: str = "Asia/Shanghai"
    sessions: dict[str, SessionTimes] = field(default_factory=dict)

    @property
    def away(self) -> bool:
        """True when the venue keeps another time than the site (Beijing time)."""
        return self.zone != self.site_zone

    def session(self, session: Session | str) -> SessionTimes:
        return self.sessions[session if isinstance(session, str) else session.id]

    def at(self, moment: dt.datetime, zone_name: str | None = None) -> dt.datetime:
        """``moment`` in the venue's zone, or in ``zone_name``."""
        return moment.astimezone(zone(zone_name or self.zone))

    def standing(self, now: dt.datetime) -> str:
        """Where the event stands at ``now``: upcoming, now or past (``Timing.status``)."""
        return self.status(self.site_zone, now)

    def on_site(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` in the site's zone (Beijing time)."""
        return moment.astimezone(zone(self.site_zone))


def event_times(event: Event, site_zone: str) -> EventTimes:
    """``event``'s times, worked out from its record."""
    t = timing(event, site_zone)
    sessions = {
        s.id: SessionTimes(s.day, local(s.day, s.start, t.zone), local(s.day, s.end, t.zone)) for s in event.sessions
    }
    return EventTimes(t.precision, t.zone, t.first_day, t.last_day, t.start, t.end, site_zone, sessions)


class Schedule:
    """Every event's times for one version of the content, each worked out once, when first asked. A
    page's asking is recorded (``depends.view``) and ``values`` gives them all, so the preview remakes
    the pages whose times changed."""

    def __init__(self, events: Iterable[Event], site_zone: str) -> None:
        self._events = events
        self.site_zone = site_zone
        self._made: dict[str, EventTimes] = {}

    def _make(self, event: Event) -> EventTimes:
        if event.id not in self._made:
            self._made[event.id] = event_times(event, self.site_zone)
        return self._made[event.id]

    def times(self, event: Event) -> EventTimes:
        """When ``event`` is."""
        return view("times", event.id, lambda: self._make(event))

    def values(self) -> dict[Dep, EventTimes]:
        """Every event's times, by what a page records on reading them."""
        with paused():
            return {("view", "times", e.id): self._make(e) for e in self._events}


def place_of(event: Event, loc: Locale) -> str:
    """Where an event is, as every output words it: its venue and city (会场、大连 / Venue, Dalian), or
    线上 / Online for an online event that names neither; empty when nothing is known."""
    parts = [t.get(loc.lang) for t in (event.venue, event.city) if t is not None]
    if not parts and event.format == "online":
        parts = [loc.t("format.online")]
    return loc.join(list(dict.fromkeys(parts)))
