"""Machine-readable exports of the schedule: frab/c3voc ``schedule.json`` (``frabxml`` writes its XML
form) and schema.org JSON-LD for event and person pages (``api`` makes the site's own ``api/``).

frab mapping: the summit is the conference (acronym lower-cased); every day that has events is a day;
a "room" is where the event takes place, in the file's language: 线上 / Online for online events, the
city for offline and hybrid ones (or 线下 / Offline when no city is given), a session's own room (or the
event's place when it names none); the track and type are the event's
kind (a session's track and kind); an event with a programme is listed as its sessions; an all-day event
starts at 00:00 and lasts 24 hours a day; month-only events are left out until their day is known.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from ..content.models import Event, Person, Session
from ..i18n import Locale
from ..schedule.site import Site
from .calendar import in_calendars

INLANGUAGE = {"zh": "zh-CN", "en": "en"}
SCHEMA_STATUS = {
    "scheduled": "EventScheduled",
    "held": "EventScheduled",
    "unreported": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
}
SCHEMA_MODE = {
    "online": "OnlineEventAttendanceMode",
    "offline": "OfflineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}


def _guid(site: Site, kind: str, key: str) -> str:
    namespace = uuid.uuid5(uuid.NAMESPACE_DNS, f"{site.content.site.acronym.lower()}.summit")
    return str(uuid.uuid5(namespace, f"{kind}:{key}"))


def _number(site: Site, key: str, kind: str = "event") -> int:
    """A stable positive integer id of an event, session or person (frab still requires one)."""
    return int(_guid(site, kind, key).replace("-", "")[:7], 16) + 1


def _room(event: Event, loc: Locale) -> str:
    """The room of an event (or of a session with none), in the file's language: online, its city, or offline."""
    if event.format == "online":
        return loc.t("format.online")
    return event.city.get(loc.lang) if event.city is not None else loc.t("format.offline")


def _hhmm(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _frab_event(
    site: Site,
    loc: Locale,
    event: Event,
    zone: ZoneInfo,
    by_day: dict[dt.date, list[dict[str, Any]]],
    rooms: dict[str, None],
) -> None:
    """Add ``event`` to its day (and its room to the rooms)."""
    t = site.times(event)
    if t.start is not None:
        start = t.start.astimezone(zone)
        end = t.end.astimezone(zone) if t.end else start
    else:
        start = dt.datetime.combine(t.first_day, dt.time(), zone)
        end = dt.datetime.combine(t.last_day + dt.timedelta(days=1), dt.time(), zone)
    links = [
        {"type": "web", "url": url, "title": loc.t(f"event.{name}")}
        for name, url in (("livestream", event.livestream), ("registration", event.registration))
        if url
    ]
    url = site.record_url("event", event.id, loc.lang)
    entry = {
        "id": _number(site, event.id),
        "guid": _guid(site, "event", event.id),
        "slug": f"{site.content.site.acronym.lower()}-{event.id}",
        "url": url,
        "title": event.title.get(loc.lang),
        "subtitle": "",
        "track": loc.t(f"kind.{event.kind}"),
        "type": event.kind,
        "language": None,  # frab's is the language spoken: said only of a programme's sessions
        "abstract": event.summary.get(loc.lang),
        "description": event.body.get(loc.lang) if event.body else "",
        "persons": [],
        "links": links,
        "attachments": [],
    }
    if not event.sessions:
        _place_entry(entry, start, end, _room(event, loc), by_day, rooms)
        return
    # an event with a programme is its sessions: what a conference app lists, each in its room
    for session in event.sessions:
        key = f"{event.id}.{session.id}"
        people = [site.content.people[p] for p in session.people]
        item = {
            **entry,
            "id": _number(site, key),
            "guid": _guid(site, "event", key),
            "slug": f"{site.content.site.acronym.lower()}-{event.id}-{session.id}",
            "url": f"{url}#session-{session.id}",
            "title": session.title.get(loc.lang),
            "subtitle": event.title.get(loc.lang),
            "track": session.track.get(loc.lang) if session.track else loc.t(f"kind.{event.kind}"),
            "type": session.kind,
            "language": session.language,  # spoken: zh, en or zh-en (both); null when not said
            "abstract": session.summary.get(loc.lang) if session.summary else "",
            "description": "",
            "persons": [_frab_person(site, loc, person) for person in people],
            "links": [{"type": "web", "url": session.livestream, "title": loc.t("event.livestream")}]
            if session.livestream
            else [],
        }
        room = event.room_of(session)
        times = site.times(event).session(session)
        begin, end = times.start, times.end
        name = room.name.get(loc.lang) if room else _room(event, loc)
        _place_entry(item, begin.astimezone(zone), end.astimezone(zone), name, by_day, rooms)


def _place_entry(
    entry: dict[str, Any],
    start: dt.datetime,
    end: dt.datetime,
    room: str,
    by_day: dict[dt.date, list[dict[str, Any]]],
    rooms: dict[str, None],
) -> None:
    """Put a frab entry on its day, in its room, with its times."""
    rooms[room] = None
    timed = {"date": start.isoformat(), "start": f"{start:%H:%M}", "end": end.isoformat()}
    by_day.setdefault(start.date(), []).append({**entry, **timed, "duration": _hhmm(end - start), "room": room})


def _frab_person(site: Site, loc: Locale, person: Person) -> dict[str, Any]:
    return {
        # the integer id is deprecated in the schema, but the apps' readers (ConfClerk's, schedule-convert's)
        # still tell people apart by it
        "id": _number(site, person.id, "person"),
        "guid": _guid(site, "person", person.id),
        "name": person.name.get(loc.lang),
        "url": site.record_url("person", person.id, loc.lang),
        "biography": person.bio.get(loc.lang) if person.bio else None,
    }


def frab_schedule(site: Site, loc: Locale, event: Event | None = None) -> dict[str, Any]:
    """The schedule in the frab/c3voc format that pretalx emits and conference apps read: the whole
    summit's in Beijing time, or one ``event``'s in its venue's zone (what an app should show at the
    venue: its days and times there; frab has one zone per conference)."""
    summit = site.content.site
    zone_name = site.times(event).zone if event is not None else summit.timezone
    zone = ZoneInfo(zone_name)
    # Timed events only: an event of whole days has no time of day in any zone, and the apps place an
    # entry by its time in the device's zone (00:00 in Beijing is the day before in the Americas). Whole
    # days stay in the calendars (as dates, which calendars show on their days) and in api/.
    chosen = [event] if event is not None else site.content.events
    events = [e for e in chosen if in_calendars(e) and site.times(e).start is not None]
    by_day: dict[dt.date, list[dict[str, Any]]] = {}
    rooms: dict[str, None] = {}
    for entry in events:
        with site.making("event", entry.id, f"its entry in schedule.json ({loc.lang})"):
            _frab_event(site, loc, entry, zone, by_day, rooms)
    days = []
    for index, (day, items) in enumerate(sorted(by_day.items()), start=1):
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": dt.datetime.combine(day, dt.time(), zone).isoformat(),
                "day_end": dt.datetime.combine(day, dt.time(23, 59), zone).isoformat(),
                "rooms": {
                    room: [i for i in items if i["room"] == room]
                    for room in rooms
                    if any(i["room"] == room for i in items)
                },
            }
        )
    first = min(by_day) if by_day else site.now.date()
    last = max(by_day) if by_day else first
    acronym = summit.acronym.lower()
    conference = {
        "acronym": f"{acronym}_{event.id.replace('-', '_')}" if event is not None else acronym,
        "title": event.title.get(loc.lang) if event is not None else summit.name.get(loc.lang),
        "start": first.isoformat(),
        "end": last.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": "00:15",
        "time_zone_name": zone_name,
        "url": site.record_url("event", event.id, loc.lang)
        if event is not None
        else site.page_url("schedule/", loc.lang),
        "rooms": [
            {"name": r, "guid": _guid(site, "room", r), "type": "online" if r == loc.t("format.online") else "other"}
            for r in rooms
        ],
        "days": days,
    }
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "chinaocs-summit-site"},
        "schedule": {
            "version": site.now.date().isoformat(),
            "base_url": site.page_url("", loc.lang),
            "conference": conference,
        },
    }


def json_ld(site: Site, event: Event, loc: Locale) -> dict[str, Any] | None:
    """schema.org Event data for the event's page; none for a month-only event."""
    if not in_calendars(event):
        return None
    t = site.times(event)
    lang = loc.lang
    url = site.record_url("event", event.id, lang)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title.get(lang),
        "description": event.summary.get(lang),
        "url": url,
        "inLanguage": INLANGUAGE[lang],
        "eventStatus": f"https://schema.org/{SCHEMA_STATUS[event.status]}",
        "organizer": {
            "@type": "Organization",
            "name": site.content.site.name.get(lang),
            "url": site.page_url("", lang),
        },
    }
    if t.start is not None:
        data["startDate"] = t.start.isoformat()
        if t.end is not None:
            data["endDate"] = t.end.isoformat()
    else:
        data["startDate"] = t.first_day.isoformat()
        data["endDate"] = t.last_day.isoformat()
    if event.format:
        data["eventAttendanceMode"] = f"https://schema.org/{SCHEMA_MODE[event.format]}"
    locations: list[dict[str, Any]] = []
    if event.format in ("online", "hybrid"):
        locations.append({"@type": "VirtualLocation", "url": event.livestream or url})
    named = event.venue or event.city
    if named is not None:
        place: dict[str, Any] = {"@type": "Place", "name": named.get(lang)}
        if event.city is not None:
            place["address"] = {"@type": "PostalAddress", "addressLocality": event.city.get(lang)}
        locations.append(place)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.sessions:
        data["subEvent"] = [session_ld(site, event, session, loc) for session in event.sessions]
    return data


def session_ld(site: Site, event: Event, session: Session, loc: Locale) -> dict[str, Any]:
    """schema.org Event data of one session, inside its event's (``subEvent``); its summary is on the page
    only (a summit week's 100 summaries would double the page's weight)."""
    lang = loc.lang
    times = site.times(event).session(session)
    start, end = times.start, times.end
    data: dict[str, Any] = {
        "@type": "Event",
        "name": session.title.get(lang),
        "url": site.record_url("event", event.id, lang) + f"#session-{session.id}",
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
    }
    room = event.room_of(session)
    if room is not None:
        data["location"] = {"@type": "Place", "name": room.name.get(lang)}
    people = [site.content.people[p] for p in session.people]
    if people:
        data["performer"] = [person_ld(site, person, loc, full=False) for person in people]
    return data


def person_ld(site: Site, person: Person, loc: Locale, full: bool = True) -> dict[str, Any]:
    """schema.org Person data of a person's page (``full``), or as a session's performer."""
    lang = loc.lang
    data: dict[str, Any] = {
        "@type": "Person",
        "name": person.name.get(lang),
        "url": site.record_url("person", person.id, lang),
    }
    if full:
        data = {"@context": "https://schema.org", **data}
        if person.title is not None:
            data["jobTitle"] = person.title.get(lang)
        if person.affiliation is not None:
            data["affiliation"] = {"@type": "Organization", "name": person.affiliation.get(lang)}
    return data


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def organization(site: Site, loc: Locale) -> dict[str, Any]:
    """schema.org Organization of the summit, for the home page."""
    summit = site.content.site
    founded = min((m.year for m in summit.history), default=None)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": summit.name.get(loc.lang),
        "alternateName": sorted({summit.short_name.get(loc.lang), summit.acronym}),
        "url": site.page_url("", loc.lang),
        "description": summit.description.get(loc.lang),
        "location": {"@type": "Place", "name": summit.host_city.get(loc.lang)},
        "logo": f"{site.base_url}assets/images/og.png",
    }
    if founded is not None:
        data["foundingDate"] = str(founded)
    return data
