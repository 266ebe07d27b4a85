"""``schedule.xml``: the frab schedule in its XML form, which conference apps (ConfClerk, Giggity,
EventFahrplan) read, made from the same data as ``schedule.json`` (``exports.frab_schedule``) and valid
against the c3voc XSD: a ``<day>`` per day, a ``<room>`` per room, an ``<event>`` per entry."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
"""A slug the XSD accepts (an event id of fewer than four characters makes none)."""
CONFERENCE_FIELDS = ("acronym", "title", "start", "end", "daysCount", "timeslot_duration", "base_url", "url")
EVENT_FIELDS = (
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "url",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
)


def _text(parent: ET.Element, name: str, value: Any) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = "" if value is None else str(value)
    return element


def _empty_day(conference: dict[str, Any]) -> dict[str, Any]:
    """A day with no rooms on the conference's first day: the schedule of a summit with no dated events."""
    zone = ZoneInfo(conference["time_zone_name"])
    day = dt.date.fromisoformat(conference["start"])
    start, end = dt.datetime.combine(day, dt.time(), zone), dt.datetime.combine(day, dt.time(23, 59), zone)
    return {
        "index": 1,
        "date": day.isoformat(),
        "day_start": start.isoformat(),
        "day_end": end.isoformat(),
        "rooms": {},
    }


def frab_xml(data: dict[str, Any]) -> bytes:
    """The XML form of a ``frab_schedule`` result."""
    schedule = data["schedule"]
    conference = schedule["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=data.get("generator", {}).get("name", ""))
    _text(root, "version", schedule["version"])
    head = ET.SubElement(root, "conference")
    for name in CONFERENCE_FIELDS:
        if conference.get(name) is not None:
            _text(head, "days" if name == "daysCount" else name, conference[name])
    _text(head, "time_zone_name", conference["time_zone_name"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    days = conference["days"] or [_empty_day(conference)]  # the XSD wants a day, apps an empty one
    for day in days:
        day_element = ET.SubElement(
            root, "day", index=str(day["index"]), date=day["date"], start=day["day_start"], end=day["day_end"]
        )
        for room_name, entries in day["rooms"].items():
            room_element = ET.SubElement(day_element, "room", name=room_name, guid=guids[room_name])
            for entry in entries:
                event = ET.SubElement(room_element, "event", id=str(entry["id"]), guid=entry["guid"])
                for name in EVENT_FIELDS:
                    if name != "slug" or SLUG.fullmatch(entry["slug"]):  # optional; apps make one from the title
                        _text(event, name, entry.get(name))
                persons = ET.SubElement(event, "persons")
                for person in entry["persons"]:
                    element = _text(persons, "person", person["name"])
                    element.set("id", str(person["id"]))
                    element.set("guid", person["guid"])
                links = ET.SubElement(event, "links")
                for link in entry["links"]:
                    _text(links, "link", link["title"]).set("href", link["url"])
                ET.SubElement(event, "attachments")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
