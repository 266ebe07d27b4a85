"""View-models: the schedule and the stations' agendas, shared by every output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from ..build.depends import Dep, paused, view
from ..content.loader import Content
from ..content.models import Event, Session
from .timing import build_time

__all__ = [
    "Agenda",
    "Views",
    "agenda",
    "build_time",
    "events_by_project",
    "sessions_by_person",
    "station_events",
]


def last_day(event: Event) -> dt.date:
    """The last day the event may take place on (the month's end while only the month is known)."""
    return event.end_date or event.date.last_day


@dataclass
class MonthGroup:
    year: int
    month: int
    events: list[Event]


@dataclass
class YearGroup:
    year: int
    months: list[MonthGroup]


@dataclass
class Agenda:
    """Events split into upcoming (soonest first) and past (latest month first), by year and month."""

    upcoming: list[YearGroup] = field(default_factory=list)
    past: list[YearGroup] = field(default_factory=list)
    next: list[Event] = field(default_factory=list)
    """Upcoming events, soonest first."""
    recent: list[Event] = field(default_factory=list)
    """Past events, the latest first."""


def _group(events: list[Event], newest_first: bool) -> list[YearGroup]:
    ordered = sorted(events, key=lambda e: (e.date.year, e.date.month), reverse=newest_first)
    years = []
    for year, in_year in groupby(ordered, key=lambda e: e.date.year):
        months = [
            MonthGroup(year, month, list(in_month)) for month, in_month in groupby(in_year, key=lambda e: e.date.month)
        ]
        years.append(YearGroup(year, months))
    return years


def agenda(events: list[Event], standing: Callable[[Event], str]) -> Agenda:
    """Group ``events`` (sorted by date) by where each stands (``Site.status``): an event on now counts
    as upcoming."""
    stands = {e.id: standing(e) for e in events}
    past = [e for e in events if stands[e.id] == "past"]
    upcoming = [e for e in events if stands[e.id] != "past"]
    return Agenda(
        upcoming=_group(upcoming, False),
        past=_group(past, True),
        next=upcoming,
        recent=sorted(past, key=lambda e: (last_day(e), e.date.precise), reverse=True),
    )


def station_events(content: Content, station_id: str) -> list[Event]:
    return [e for e in content.events if station_id in e.stations]


def events_by_project(content: Content) -> dict[str, list[Event]]:
    """Project id -> the events that present it, in the content's order (one pass over the events)."""
    found: dict[str, list[Event]] = {}
    for event in content.events:
        for project_id in dict.fromkeys(event.projects):
            found.setdefault(project_id, []).append(event)
    return found


def sessions_by_person(content: Content) -> dict[str, list[tuple[Event, Session]]]:
    """Person id -> the (event, session) pairs they speak at or moderate, in time order."""
    found: dict[str, list[tuple[Event, Session]]] = {}
    for event in content.events:
        for session in sorted(event.sessions, key=lambda s: (s.day, s.start, s.id)):
            for person in session.people:
                found.setdefault(person, []).append((event, session))
    return found


class Views:
    """The values many pages share, each made once, in one pass, when a page first asks; a page's asking
    is recorded (``depends.view``), and ``values`` gives every one of them to compare two versions of
    the content by."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._made: dict[str, dict[str, list]] = {}

    def _index(self, name: str) -> dict[str, list]:
        if name not in self._made:
            with paused():
                if name == "station_events":
                    found: dict[str, list] = {}
                    for event in self.content.events:
                        for station_id in dict.fromkeys(event.stations):
                            found.setdefault(station_id, []).append(event)
                    self._made[name] = found
                elif name == "events_by_project":
                    self._made[name] = events_by_project(self.content)
                else:
                    self._made[name] = sessions_by_person(self.content)
        return self._made[name]

    def _get(self, name: str, key: str) -> list:
        return view(name, key, lambda: self._index(name).get(key, []))

    def event(self, event_id: str) -> Event:
        """The event of this id (its fields are recorded as the page reads them)."""
        if "events" not in self._made:
            with paused():
                self._made["events"] = {e.id: e for e in self.content.events}  # type: ignore[misc]
        return self._made["events"][event_id]  # type: ignore[return-value]

    def station_events(self, station_id: str) -> list[Event]:
        return self._get("station_events", station_id)

    def events_by_project(self, project_id: str) -> list[Event]:
        return self._get("events_by_project", project_id)

    def sessions_by_person(self, person_id: str) -> list[tuple[Event, Session]]:
        return self._get("sessions_by_person", person_id)

    def values(self) -> dict[Dep, tuple]:
        """Every shared value, by what a page records on reading it (ids stand for the records, whose
        own fields pages record as they read them)."""
        found: dict[Dep, tuple] = {}
        with paused():
            for name in ("station_events", "events_by_project"):
                for key, events in self._index(name).items():
                    found[("view", name, key)] = tuple(e.id for e in events)
            for key, pairs in self._index("sessions_by_person").items():
                found[("view", "sessions_by_person", key)] = tuple((e.id, s) for e, s in pairs)  # the session as shown
        return found
