"""iCalendar (RFC 5545) feeds and "add to calendar" links, made with the icalendar library.

Times are written in UTC (no VTIMEZONE needed); all-day events as DATE values; month-only events stay
out until their day is known. UIDs are stable: the same event has the same UID in every feed and build
(and after a rename: ``Site.uid``); LAST-MODIFIED and SEQUENCE come from the content's history.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

from icalendar import Calendar, vText
from icalendar import Event as VEvent

from ..content.kinds import language_keys
from ..content.models import Event, Session
from ..i18n import Locale
from ..schedule.site import Site
from ..schedule.times import place_of
from ..schedule.timing import UTC

ICS_STATUS = {
    "scheduled": "CONFIRMED",
    "held": "CONFIRMED",
    "unreported": "TENTATIVE",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def in_calendars(event: Event) -> bool:
    """Month-only events are left out of calendars until their day is known."""
    return event.date.precise


def _vevent(site: Site, event: Event, loc: Locale) -> VEvent:
    t = site.times(event)
    item = VEvent()
    item.add("uid", site.uid(event))
    item.add("dtstamp", dt.datetime.combine(site.now.astimezone(UTC).date(), dt.time(), UTC))
    if t.start is not None:
        item.add("dtstart", t.start.astimezone(UTC))
        if t.end is not None:
            item.add("dtend", t.end.astimezone(UTC))
    else:
        item.add("dtstart", t.first_day)
        item.add("dtend", t.last_day + dt.timedelta(days=1))
    item.add("summary", event.title.get(loc.lang))
    url = site.record_url("event", event.id, loc.lang)
    item.add("description", f"{event.summary.get(loc.lang)}\n\n{url}")
    item.add("url", url)
    place = place_of(event, loc)
    if place:
        item.add("location", place)
    item.add("status", ICS_STATUS[event.status])
    item.add("categories", [loc.t(f"kind.{event.kind}")])
    _revision(site, event, item)
    return item


def _revision(site: Site, event: Event, item: VEvent) -> None:
    """When the event last changed (its content's history, else the build) and how many times its date,
    time, place or status changed: a client that keeps a copy replaces it when SEQUENCE rises."""
    item.add("last-modified", site.updated("event", event.id).astimezone(UTC))
    item.add("sequence", site.sequence(event))


def _session_vevent(site: Site, event: Event, session: Session, loc: Locale) -> VEvent:
    """A session as an event of its own: its room (and the event's place) as location."""
    times = site.times(event).session(session)
    start, end = times.start, times.end
    item = VEvent()
    item.add("uid", f"{event.id}.{session.id}@{site.content.site.acronym.lower()}")
    item.add("dtstamp", dt.datetime.combine(site.now.astimezone(UTC).date(), dt.time(), UTC))
    item.add("dtstart", start.astimezone(UTC))
    item.add("dtend", end.astimezone(UTC))
    item.add("summary", f"{session.title.get(loc.lang)} · {event.title.get(loc.lang)}")
    url = site.record_url("event", event.id, loc.lang) + f"#session-{session.id}"
    about = [session.summary.get(loc.lang)] if session.summary is not None else []
    spoken = language_keys(session)[1]
    if spoken:  # 语言：中英双语、同声传译（译为英文）
        about.append(loc.t("programme.language") + loc.t("colon") + loc.join([loc.t(key) for key in spoken]))
    item.add("description", "\n\n".join([*about, url]))
    item.add("url", url)
    room = event.room_of(session)
    place = loc.join([p for p in (room.name.get(loc.lang) if room else None, place_of(event, loc)) if p])
    if place:
        item.add("location", place)
    item.add("status", ICS_STATUS[event.status])
    _revision(site, event, item)
    return item


class Calendars:
    """Calendars of one language. Each event's VEVENT is made and serialised once, then shared by every
    feed it belongs to (the feed of all events, its stations' feeds, its own file); each session's too
    (its event's file and its own)."""

    def __init__(self, site: Site, loc: Locale) -> None:
        self.site = site
        self.loc = loc
        self._vevents: dict[str, bytes] = {}
        self._sessions: dict[tuple[str, str], bytes] = {}

    def vevent(self, event: Event) -> bytes:
        if event.id not in self._vevents:
            with self.site.making("event", event.id, f"its calendar entry ({self.loc.lang})"):
                self._vevents[event.id] = _vevent(self.site, event, self.loc).to_ical()
        return self._vevents[event.id]

    def ics(self, events: list[Event], name: str, sessions: bool = False) -> bytes:
        """A calendar of ``events`` (those with a day), with their sessions when asked (an event's own
        file: the feeds of all events and of a station keep to the events)."""
        entries = [self.vevent(e) for e in events if in_calendars(e)]
        if sessions:
            entries += [self.session(e, s) for e in events if in_calendars(e) for s in e.sessions]
        return self.ics_of(entries, name)

    def ics_of(self, entries: list[bytes], name: str) -> bytes:
        """A calendar named ``name`` holding the serialised ``entries``."""
        cal = Calendar()
        cal.add("prodid", f"-//{self.site.content.site.acronym}//Summit site//{self.loc.lang.upper()}")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("name", vText(name))  # TEXT (RFC 7986), escaped as SUMMARY is: icalendar knows neither
        cal.add("x-wr-calname", vText(name))
        end = b"END:VCALENDAR\r\n"
        head = cal.to_ical()
        assert head.endswith(end)
        return head[: -len(end)] + b"".join(entries) + end

    def session(self, event: Event, session: Session) -> bytes:
        """A session's VEVENT, made once for its event's calendar and its own file."""
        key = (event.id, session.id)
        if key not in self._sessions:
            with self.site.making(
                "event", event.id, f"the calendar entry of its session '{session.id}' ({self.loc.lang})"
            ):
                self._sessions[key] = _session_vevent(self.site, event, session, self.loc).to_ical()
        return self._sessions[key]


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def add_links(site: Site, event: Event, loc: Locale) -> dict[str, str]:
    """Google Calendar and Outlook links with the event's times (empty for a month-only event)."""
    if not in_calendars(event):
        return {}
    t = site.times(event)
    title = event.title.get(loc.lang)
    url = site.record_url("event", event.id, loc.lang)
    details = f"{event.summary.get(loc.lang)}\n\n{url}"
    place = place_of(event, loc)
    if t.start is not None:
        end = t.end or t.start
        google_dates = f"{_stamp(t.start)}/{_stamp(end)}"
        outlook = {
            "startdt": t.start.astimezone(UTC).isoformat(),
            "enddt": end.astimezone(UTC).isoformat(),
            "allday": "false",
        }
    else:
        after = t.last_day + dt.timedelta(days=1)
        google_dates = f"{t.first_day:%Y%m%d}/{after:%Y%m%d}"
        outlook = {"startdt": t.first_day.isoformat(), "enddt": after.isoformat(), "allday": "true"}
    google = {"action": "TEMPLATE", "text": title, "dates": google_dates, "details": details, "location": place}
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        **outlook,
        "body": details,
        "location": place,
    }
    return {
        "google": "https://calendar.google.com/calendar/render?" + urlencode(google, quote_via=quote),
        "outlook": "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(outlook, quote_via=quote),
    }


def webcal(url: str) -> str:
    """The subscription form of a feed's https:// address."""
    return "webcal://" + url.split("://", 1)[1]
