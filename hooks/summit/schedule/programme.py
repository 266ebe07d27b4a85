"""An event's programme, checked as an editor needs it and laid out for its page.

The check: each session on one of the event's days, ending after it starts, in a room the event lists,
with people that people.yml knows; no two sessions in one room at once (an error) and no speaker in two
rooms at once (a warning: a speaker may leave early). Every finding names its place in the event
(``("sessions", 3, "room")``) for the loader to locate. The layout (``programme_grid``): by day, each
session in its room's column, between the grid lines of the day's start and end times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..content.models import Event, Session
from .timing import exists

if TYPE_CHECKING:
    from .times import EventTimes

Where = tuple[str | int, ...]
Report = Callable[[Where, str], None]


def check_programme(event: Event, zone: str, people: Collection[str] | None, error: Report, warn: Report) -> None:
    """Report what is wrong with ``event``'s rooms and sessions (times in ``zone``, the event's own or the
    site's); ``people``: the ids of people.yml, None when that file could not be read."""
    rooms: dict[str, int] = {}
    for index, room in enumerate(event.rooms):
        if room.id in rooms:
            error(("rooms", index, "id"), f"the room '{room.id}' is already listed as rooms[{rooms[room.id]}]")
        rooms.setdefault(room.id, index)
    if not event.sessions:
        return
    if not event.date.precise:
        error(("sessions",), "sessions need the event's day: give its date as YYYY-MM-DD, not only the month")
        return
    first = event.date.first_day
    last = event.end_date or first
    ids: dict[str, int] = {}
    placed: list[tuple[int, Session]] = []
    for index, session in enumerate(event.sessions):
        where: Where = ("sessions", index)
        if session.id in ids:
            error((*where, "id"), f"the session id '{session.id}' is already used by sessions[{ids[session.id]}]")
        ids.setdefault(session.id, index)
        for role in ("speakers", "moderators"):
            for n, person in enumerate(getattr(session, role)):
                if people is not None and person not in people:
                    error((*where, role, n), f"no person with id '{person}' in people.yml")
        if session.room is not None and session.room not in rooms:
            listed = ", ".join(rooms) or "none"
            error((*where, "room"), f"no room '{session.room}' among this event's rooms (listed: {listed})")
        if not first <= session.day <= last:
            days = str(first) if first == last else f"{first} to {last}"
            error((*where, "day"), f"{session.day} is not a day of the event ({days})")
            continue
        if session.end <= session.start:
            error((*where, "end"), f"ends ({session.end:%H:%M}) before it starts ({session.start:%H:%M})")
            continue
        missing = [name for name in ("start", "end") if not exists(moment(session, name, zone))]
        if missing:
            error(
                (*where, missing[0]),
                f"{getattr(session, missing[0]):%H:%M} does not exist on {session.day} in "
                f"{zone}: the clocks go forward then",
            )
            continue
        placed.append((index, session))
    _clashes(placed, error, warn)


def moment(session: Session, name: str, zone: str) -> dt.datetime:
    """The session's start or end as an aware time."""
    return dt.datetime.combine(session.day, getattr(session, name), tzinfo=ZoneInfo(zone))


def session_span(event: Event, session: Session, site_zone: str) -> tuple[dt.datetime, dt.datetime]:
    """A session's start and end as aware times in its event's zone (the event's own, else the site's)."""
    zone = event.timezone or site_zone
    return moment(session, "start", zone), moment(session, "end", zone)


def _clashes(placed: list[tuple[int, Session]], error: Report, warn: Report) -> None:
    def overlap(a: Session, b: Session) -> bool:
        return a.day == b.day and a.start < b.end and b.start < a.end

    ordered = sorted(placed, key=lambda item: (item[1].day, item[1].start, item[0]))
    for n, (index, session) in enumerate(ordered):
        for earlier_index, earlier in ordered[:n]:
            if not overlap(earlier, session):
                continue
            if session.room is not None and session.room == earlier.room:
                error(
                    ("sessions", index, "start"),
                    f"'{session.id}' is in the room '{session.room}' while '{earlier.id}' "
                    f"(sessions[{earlier_index}], {earlier.start:%H:%M}–{earlier.end:%H:%M}) is",
                )
            for person in sorted(set(session.people) & set(earlier.people)):
                if session.room != earlier.room:
                    warn(
                        ("sessions", index, "speakers" if person in session.speakers else "moderators"),
                        f"'{person}' is also in '{earlier.id}' (sessions[{earlier_index}]) at the same time, "
                        "in another room",
                    )


@dataclass(frozen=True)
class Slot:
    """A session placed on its day's grid: its column (1 = the first room; 0 = every room) and its rows
    (the grid's lines are the day's distinct start and end times, in order)."""

    session: Session
    start: dt.datetime
    end: dt.datetime
    column: int
    first_row: int
    last_row: int


@dataclass(frozen=True)
class ProgrammeDay:
    """One day of an event's programme: its sessions in time order, then in the order the rooms are listed."""

    day: dt.date
    slots: list[Slot]
    lines: list[dt.datetime]
    """The day's distinct start and end times: grid line ``i + 1`` is ``lines[i]``."""


def programme_grid(event: Event, times: EventTimes) -> list[ProgrammeDay]:
    """An event's sessions by day (the venue's), each placed in a column for its room and rows by time."""
    columns = {room.id: index + 1 for index, room in enumerate(event.rooms)}
    days: dict[dt.date, list[tuple[Session, dt.datetime, dt.datetime]]] = {}
    ordered = sorted(event.sessions, key=lambda s: (s.day, s.start, columns.get(s.room or "", 0), s.id))
    for session in ordered:
        placed = times.session(session)
        days.setdefault(placed.day, []).append((session, placed.start, placed.end))
    grid = []
    for day, placed in days.items():
        lines = sorted({t for _, start, end in placed for t in (start, end)})
        row = {moment: index + 1 for index, moment in enumerate(lines)}
        slots = [Slot(s, start, end, columns.get(s.room or "", 0), row[start], row[end]) for s, start, end in placed]
        grid.append(ProgrammeDay(day, slots, lines))
    return grid


def tracks(event: Event, lang: str) -> list[str]:
    """The tracks an event's sessions belong to, in the page's language, in order of first appearance."""
    return list(dict.fromkeys(s.track.get(lang) for s in event.sessions if s.track))


def clock(moment: dt.datetime, zone: str, day: dt.date) -> str:
    """``moment``'s time of day in ``zone`` (the venue's, or Beijing time's), with its date when that is
    not ``day`` (a session in a far zone falls on another day in Beijing): 10:30, or 08-31 23:30."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%H:%M}" if local.date() == day else f"{local:%m-%d %H:%M}"
