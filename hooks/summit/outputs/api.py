"""``api/``: the summit's agenda as JSON for other sites to embed (``api/events.json``, a feed per
station and per event), each event with its sessions and their people; the people (``api/people.json``);
and JSON Schemas made from the models below."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..content.models import Event, Session
from ..i18n import Locale
from ..schedule.site import Site
from ..schedule.views import sessions_by_person
from .calendar import in_calendars
from .markup import slug


class ApiRef(BaseModel):
    """A station, partner or project an event involves."""

    id: str = Field(description="Its id.")
    name: str = Field(description="Its name in the feed's language.")
    url: str | None = Field(description="Its page, if it has one.")


class ApiSession(BaseModel):
    """One session of an event's programme."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Unique within its event; its anchor on the event's page is #session-<id>.")
    title: str
    kind: str = Field(
        description="ceremony, keynote, forum, panel, roadshow, signing, exchange, workshop, break or other."
    )
    start: str = Field(description="ISO 8601 date-time with offset.")
    end: str = Field(description="ISO 8601 date-time with offset.")
    room: str | None = Field(description="The room's name in the feed's language.")
    track: str | None
    summary: str | None
    url: str = Field(description="The session on its event's page.")
    ics: str = Field(description="The session's own .ics file.")
    speakers: list[ApiRef] = Field(description="People who speak; url is their page.")
    moderators: list[ApiRef] = Field(description="People who moderate; url is their page.")
    language: str | None = Field(description="Language spoken: zh, en or zh-en (both); null when not said.")
    interpretation: list[str] = Field(description="Simultaneous interpretation into: zh, en.")


class ApiEvent(BaseModel):
    """One event in ``api/events.json``."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Stable id; the page is events/<id>/.")
    title: str
    kind: str = Field(description="roadshow, forum, exchange, signing, conference or launch.")
    format: Literal["online", "offline", "hybrid"] | None
    status: Literal["scheduled", "held", "unreported", "postponed", "cancelled"]
    precision: Literal["time", "day", "month"] = Field(
        description="time: start (and end) are date-times; day: whole days; month: the day is not known yet."
    )
    start: str = Field(description="ISO 8601: a date-time with offset (time), a date (day) or YYYY-MM (month).")
    end: str | None = Field(description="Like start; for day precision the last day (inclusive).")
    timezone: str = Field(description="IANA zone the times were given in.")
    city: str | None
    venue: str | None
    summary: str
    url: str = Field(description="The event's page in the feed's language.")
    ics: str | None = Field(description="The event's .ics file (none for month precision).")
    livestream: str | None
    registration: str | None
    stations: list[ApiRef]
    partners: list[ApiRef]
    projects: list[ApiRef]
    sessions: list[ApiSession] = Field(default=[], description="Its programme, in time order (empty without one).")


class ApiFeed(BaseModel):
    """``api/events.json`` and ``api/stations/<id>.json``: a summit's agenda for other sites to embed."""

    version: Literal[1] = 1
    language: Literal["zh", "en"]
    generated: str = Field(description="The day the site was built (YYYY-MM-DD).")
    timezone: str = Field(description="The site's zone.")
    station: str | None = Field(description="The station of a station feed.")
    events: list[ApiEvent]


class ApiFeeds:
    """The api/ feeds of one language. Each event's entry is made once and shared by every feed that
    holds it (all events, its stations', its own)."""

    def __init__(self, site: Site, loc: Locale) -> None:
        self.site = site
        self.loc = loc
        self._entries: dict[str, dict[str, Any]] = {}

    def feed(self, events: list[Event], station: str | None = None) -> dict[str, Any]:
        content = self.site.content
        day = self.site.now.date().isoformat()
        head = ApiFeed(
            language=self.loc.lang, generated=day, timezone=content.site.timezone, station=station, events=[]
        )
        data = head.model_dump(mode="json")
        data["events"] = [self.entry(event) for event in events]
        return data

    def entry(self, event: Event) -> dict[str, Any]:
        if event.id not in self._entries:
            with self.site.making("event", event.id, f"its entry in api/ ({self.loc.lang})"):
                self._entries[event.id] = self._event(event).model_dump(mode="json")
        return self._entries[event.id]

    def _refs(self, ids: list[str], records: dict[str, Any], path: str | None) -> list[ApiRef]:
        lang = self.loc.lang
        url = (lambda i: self.site.page_url(path.format(id=i), lang)) if path else (lambda i: None)
        return [ApiRef(id=i, name=records[i].name.get(lang), url=url(i)) for i in ids]

    def _session(self, event: Event, item: Session) -> ApiSession:
        site, lang, content = self.site, self.loc.lang, self.site.content
        times = site.times(event).session(item)
        start, end = times.start, times.end
        page = site.record_url("event", event.id, lang)
        room = event.room_of(item)
        return ApiSession(
            id=item.id,
            title=item.title.get(lang),
            kind=item.kind,
            start=start.isoformat(),
            end=end.isoformat(),
            room=room.name.get(lang) if room else None,
            track=item.track.get(lang) if item.track else None,
            summary=item.summary.get(lang) if item.summary else None,
            url=f"{page}#session-{item.id}",
            ics=site.page_url(f"calendar/events/{event.id}/{item.id}.ics", lang),
            speakers=self._refs(item.speakers, content.people, "people/{id}/"),
            moderators=self._refs(item.moderators, content.people, "people/{id}/"),
            language=item.language,
            interpretation=list(item.interpretation),
        )

    def _event(self, event: Event) -> ApiEvent:
        site, lang, content = self.site, self.loc.lang, self.site.content
        t = site.times(event)
        if t.precision == "time":
            start, end = t.start.isoformat(), t.end.isoformat() if t.end else None
        elif t.precision == "day":
            start, end = t.first_day.isoformat(), t.last_day.isoformat()
        else:
            start, end = f"{t.first_day:%Y-%m}", None
        return ApiEvent(
            id=event.id,
            title=event.title.get(lang),
            kind=event.kind,
            format=event.format,
            status=event.status,
            precision=t.precision,
            start=start,
            end=end,
            timezone=t.zone,
            city=event.city.get(lang) if event.city else None,
            venue=event.venue.get(lang) if event.venue else None,
            summary=event.summary.get(lang),
            url=site.record_url("event", event.id, lang),
            ics=site.page_url(f"calendar/events/{event.id}.ics", lang) if in_calendars(event) else None,
            livestream=event.livestream,
            registration=event.registration,
            stations=self._refs(event.stations, content.stations, "stations/{id}/"),
            partners=self._refs(event.partners, content.partners, None),
            projects=self._refs(event.projects, content.projects, "projects/{id}/"),
            sessions=[self._session(event, s) for s in sorted(event.sessions, key=lambda s: (s.day, s.start, s.id))],
        )


def api_schema() -> dict[str, Any]:
    return ApiFeed.model_json_schema()


class ApiAppearance(BaseModel):
    """A session a person speaks at or moderates."""

    event: str = Field(description="The event's id.")
    session: str = Field(description="The session's id within its event.")
    title: str = Field(description="The session's title.")
    start: str = Field(description="ISO 8601 date-time with offset.")
    role: Literal["speaker", "moderator"]
    url: str = Field(description="The session on its event's page.")


class ApiPerson(BaseModel):
    """One person in ``api/people.json``."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Stable id; the page is people/<id>/.")
    name: str = Field(description="As the person writes it in the feed's language (else as written).")
    unverified: bool = Field(description="A written form of the name is not checked yet.")
    title: str | None
    affiliation: str | None
    bio: str | None = Field(description="A short biography, in Markdown.")
    url: str = Field(description="The person's page in the feed's language.")
    links: list[ApiRef] = Field(description="Links about the person: id is the label's slug, url the link.")
    sessions: list[ApiAppearance] = Field(description="In time order.")


class ApiPeople(BaseModel):
    """``api/people.json``: the speakers and moderators of the summit's sessions."""

    version: Literal[1] = 1
    language: Literal["zh", "en"]
    generated: str = Field(description="The day the site was built (YYYY-MM-DD).")
    people: list[ApiPerson]


def api_people(site: Site, loc: Locale) -> dict[str, Any]:
    content = site.content
    lang = loc.lang
    appearances = sessions_by_person(content)
    people = []
    for person in content.people.values():
        sessions = []
        for event, session in appearances.get(person.id, []):
            start = site.times(event).session(session).start
            sessions.append(
                ApiAppearance(
                    event=event.id,
                    session=session.id,
                    title=session.title.get(lang),
                    start=start.isoformat(),
                    role="speaker" if person.id in session.speakers else "moderator",
                    url=site.record_url("event", event.id, lang) + f"#session-{session.id}",
                )
            )
        people.append(
            ApiPerson(
                id=person.id,
                name=person.name.get(lang),
                unverified=person.unverified,
                title=person.title.get(lang) if person.title else None,
                affiliation=person.affiliation.get(lang) if person.affiliation else None,
                bio=person.bio.get(lang) if person.bio else None,
                url=site.record_url("person", person.id, lang),
                links=[
                    ApiRef(id=slug(link.label.get("en")), name=link.label.get(lang), url=link.url)
                    for link in person.links
                ],
                sessions=sessions,
            )
        )
    feed = ApiPeople(language=lang, generated=site.now.date().isoformat(), people=people)
    return feed.model_dump(mode="json")


def api_people_schema() -> dict[str, Any]:
    return ApiPeople.model_json_schema()
