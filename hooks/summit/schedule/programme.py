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
from ..content.suggest import hint
from ..errors import Message, say
from .timing import exists

if TYPE_CHECKING:
    from .times import EventTimes

Where = tuple[str | int, ...]
Report = Callable[[Where, Message], None]


def check_programme(
    event: Event,
    zone: str,
    people: Collection[str] | None,
    error: Report,
    warn: Report,
    missing: Callable[[str], Message] | None = None,
) -> None:
    """Report what is wrong with ``event``'s rooms and sessions (times in ``zone``, the event's own or the
    site's); ``people``: the ids of people.yml, None when that file could not be read; ``missing`` says
    that a person is not there (and whom the editor probably meant)."""
    rooms: dict[str, int] = {}
    for index, room in enumerate(event.rooms):
        if room.id in rooms:
            error(("rooms", index, "id"), say("programme.room_twice", id=room.id, n=rooms[room.id] + 1))
        rooms.setdefault(room.id, index)
    if not event.sessions:
        return
    if not event.date.precise:
        error(("sessions",), say("programme.needs_day"))
        return
    first = event.date.first_day
    last = event.end_date or first
    ids: dict[str, int] = {}
    placed: list[tuple[int, Session]] = []
    for index, session in enumerate(event.sessions):
        where: Where = ("sessions", index)
        if session.id in ids:
            error((*where, "id"), say("programme.session_twice", id=session.id, n=ids[session.id] + 1))
        ids.setdefault(session.id, index)
        for role in ("speakers", "moderators"):
            for n, person in enumerate(getattr(session, role)):
                if people is not None and person not in people:
                    no_one = say("content.no_record_in", kind=say("kind.person"), id=person, file="people.yml")
                    error((*where, role, n), missing(person) if missing else no_one)
        if session.room is not None and session.room not in rooms:
            listed = ", ".join(rooms) or say("programme.no_rooms")
            names = {room.id: (room.name.zh, room.name.en) for room in event.rooms}
            base = say("programme.no_room", room=session.room, listed=listed)
            error((*where, "room"), say("content.with_hint", message=base, hint=hint(session.room, names)))
        if not first <= session.day <= last:
            days = str(first) if first == last else say("programme.days", first=first, last=last)
            error((*where, "day"), say("programme.not_a_day", day=session.day, days=days))
            continue
        if session.end <= session.start:
            error(
                (*where, "end"),
                say("programme.ends_before_start", end=f"{session.end:%H:%M}", start=f"{session.start:%H:%M}"),
            )
            continue
        absent = [name for name in ("start", "end") if not exists(moment(session, name, zone))]
        if absent:
            error(
                (*where, absent[0]),
                say("content.no_such_time", time=f"{getattr(session, absent[0]):%H:%M}", date=session.day, zone=zone),
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
                    say(
                        "programme.room_clash",
                        id=session.id,
                        room=session.room,
                        other=earlier.id,
                        n=earlier_index + 1,
                        start=f"{earlier.start:%H:%M}",
                        end=f"{earlier.end:%H:%M}",
                    ),
                )
            for person in sorted(set(session.people) & set(earlier.people)):
                if session.room != earlier.room:
                    warn(
                        ("sessions", index, "speakers" if person in session.speakers else "moderators"),
                        say("programme.person_clash", person=person, other=earlier.id, n=earlier_index + 1),
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
