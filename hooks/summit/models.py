"""Typed records of the summit. Every field has a one-line docstring: it becomes the description
editors see in the JSON Schema. Values arrive as text (see yamlsource) and are parsed here."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import zoneinfo
from functools import cache
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Record(BaseModel):
    """Base of every record: unknown fields are errors, text is trimmed, records are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        use_attribute_docstrings=True,
        frozen=True,
        regex_engine="python-re",
    )


def _slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError(f"'{value}' is not a valid id: use lowercase letters a-z, digits and single hyphens")
    if len(value) > 80:
        raise ValueError(f"id is {len(value)} characters long; keep it to 80")
    return value


Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern})]
"""A lowercase id such as ``silicon-valley``: it becomes part of permanent URLs."""

NonEmpty = Annotated[str, Field(min_length=1)]


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme == "mailto" and len(value) > len("mailto:"):
        return value
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    raise ValueError(f"'{value}' is not an allowed link: use an http(s):// address or mailto:")


Url = Annotated[
    str,
    AfterValidator(_url),
    WithJsonSchema({"type": "string", "pattern": r"^(https?://[^\s/]+|mailto:\S+)"}),
]


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _zone(value: str) -> str:
    if value in _zones():
        return value
    close = difflib.get_close_matches(value, sorted(_zones()), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else " (use an IANA name such as Asia/Shanghai)"
    raise ValueError(f"unknown time zone '{value}'{hint}")


Zone = Annotated[str, AfterValidator(_zone), WithJsonSchema({"type": "string", "examples": ["Asia/Shanghai"]})]
"""An IANA time zone name such as ``Asia/Shanghai`` or ``America/Vancouver``."""


def _year(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"\d{4}", value.strip()):
        raise ValueError(f"'{value}' is not a year: write four digits such as 2020")
    return value


Year = Annotated[int, BeforeValidator(_year), Field(ge=1900, le=2200)]


def _time_of_day(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"'{value}' is not a time of day: write HH:MM on a 24-hour clock, e.g. 14:30")
    return dt.time(int(match[1]), int(match[2]))


TimeOfDay = Annotated[
    dt.time,
    BeforeValidator(_time_of_day),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"}),
]


class EventDate(BaseModel):
    """A calendar day, or only a year and month while the day is not fixed yet."""

    model_config = ConfigDict(frozen=True)

    year: int
    month: int
    day: int | None = None

    @property
    def precise(self) -> bool:
        """True when the day is known."""
        return self.day is not None

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The day itself, or the month's last day when only the month is known."""
        if self.day is not None:
            return self.first_day
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}"
        return f"{text}-{self.day:02d}" if self.day is not None else text


def _event_date(value: Any) -> Any:
    if isinstance(value, EventDate):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not match:
        raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD, or YYYY-MM while the day is not fixed")
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else None
    try:
        dt.date(year, month, day or 1)
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a date: {exc}") from None
    return EventDate(year=year, month=month, day=day)


DateOrMonth = Annotated[
    EventDate,
    BeforeValidator(_event_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}),
]


def _date(value: Any) -> Any:
    parsed = _event_date(value)
    if isinstance(parsed, EventDate) and not parsed.precise:
        raise ValueError(f"'{value}' needs a day: write YYYY-MM-DD")
    return parsed.first_day if isinstance(parsed, EventDate) else parsed


Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]


class Text(Record):
    """Text in both languages of the site. 中英文文本。"""

    zh: NonEmpty
    """Simplified Chinese (required). 简体中文（必填）。"""
    en: NonEmpty | None = None
    """English; while it is missing the English page shows the Chinese, marked "translation pending".
    英文；缺少时英文页面显示中文并注明“待翻译”。"""

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data: Any) -> Any:
        """An empty text counts as not written (a missing translation), not as a text."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``zh`` or ``en``), the Chinese while the English is pending."""
        return self.en if lang == "en" and self.en is not None else self.zh

    def pending(self, lang: str) -> bool:
        """True when the text of ``lang`` is missing and the Chinese stands in for it."""
        return lang == "en" and self.en is None


class Link(Record):
    """A labelled link."""

    label: Text
    """What the link is called."""
    url: Url
    """An http(s):// or mailto: address."""


class Milestone(Record):
    """A year in the summit's history."""

    year: Year
    """The year it happened."""
    text: Text
    """What happened."""


class Mission(Record):
    """The summit's mission as stated for the current edition."""

    year: Year
    """The edition that states it."""
    slogan: Text
    """The mission in one line."""
    principles: list[Text]
    """The activity principles."""
    goals: list[Text] = []
    """What the summit works towards."""


class Figure(Record):
    """A key figure of the summit."""

    id: Slug
    """Identifier of the figure."""
    value: int = Field(ge=0)
    """The number, without separators."""
    qualifier: Literal["exact", "about", "more-than", "nearly"] = "exact"
    """How exact the number is."""
    label: Text
    """What is counted."""
    as_of: Year
    """The year the figure holds for."""


class Industry(Record):
    """An industry the summit focuses on."""

    id: Slug
    """Identifier, used by events and projects."""
    name: Text
    """Name of the industry."""
    focus: bool = True
    """A focus industry of the summit (listed on the about page); false for others events touch."""


class Programme(Record):
    """The plan of one year's summit."""

    year: Year
    """The year of the programme."""
    summary: Text
    """The programme in a sentence or two."""
    phases: list[Text] = []
    """Its phases through the year."""
    domestic_cities: list[Text] = []
    """Cities in China where activities are held."""
    overseas_cities: list[Text] = []
    """Overseas places that join, e.g. by online live session."""
    formats: list[Text] = []
    """How the exchanges are carried out."""


class Footer(Record):
    """What the footer of every page shows; each part is hidden while it is unset."""

    organisers: list[Text] = []
    """The organisers of the summit."""
    copyright: Text | None = None
    """The copyright line, e.g. © 2026 ..."""
    icp: str | None = None
    """The ICP filing number (ICP备案号), e.g. 辽ICP备12345678号; it links to beian.miit.gov.cn."""
    police: str | None = None
    """The public security filing number (公安备案号), e.g. 辽公网安备21020000000000号."""


class Analytics(Record):
    """Optional analytics; off unless set."""

    baidu_tongji: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")
    """The site id of Baidu Tongji (百度统计), 32 hexadecimal characters; leave out for no analytics."""


class Site(Record):
    """The summit itself: names, history, mission, figures, programme."""

    name: Text
    """Full name of the summit."""
    short_name: Text
    """Short name."""
    acronym: NonEmpty
    """The acronym, e.g. CHINAOCS."""
    host_city: Text
    """The city that hosts the summit."""
    timezone: Zone = "Asia/Shanghai"
    """Time zone of event times that name no zone."""
    description: Text
    """One paragraph describing the summit."""
    history: list[Milestone]
    """Milestones, oldest first."""
    mission: Mission
    """The current mission."""
    figures_intro: Text | None = None
    """A sentence that introduces the key figures."""
    figures: list[Figure]
    """Key figures."""
    programme: Programme | None = None
    """The current year's programme."""
    industries: list[Industry] = []
    """Focus industries."""
    activity_forms: list[Text] = []
    """Forms of activity (roadshow, forum...)."""
    footer: Footer = Footer()
    """Footer: organisers, copyright, ICP and public security filing numbers."""
    analytics: Analytics = Analytics()
    """Optional analytics (off by default)."""


class Station(Record):
    """An overseas station of the summit."""

    id: Slug
    """Identifier; the station's page is stations/<id>/."""
    name: Text
    """Name of the station."""
    city: Text
    """City."""
    country: Text
    """Country."""
    timezone: Zone
    """Local IANA time zone."""
    description: Text | None = None
    """A paragraph about the station."""
    links: list[Link] = []
    """Contact and other links."""
    aliases: list[Slug] = []
    """Former ids: their old pages redirect here."""


PartnerKind = Literal["investor", "company", "institution", "government"]


class Partner(Record):
    """An investor, company, institution or government body that takes part in the summit."""

    id: Slug
    """Identifier; the partner's anchor on the partners page."""
    name: Text
    """Name."""
    kind: PartnerKind
    """What kind of partner it is."""
    website: Url | None = None
    """Website."""
    description: Text | None = None
    """A sentence about the partner."""


class Project(Record):
    """A project showcased at the summit."""

    id: Slug
    """Identifier; the project's page is projects/<id>/."""
    name: Text
    """Name of the project."""
    station: Slug | None = None
    """Id of the overseas station that brought it."""
    industries: list[Slug] = []
    """Ids of industries from site.yml."""
    stage: Text | None = None
    """Financing stage, e.g. Series A."""
    status: Literal["seeking", "funded", "landed"] | None = None
    """Where it stands: seeking investment, funded, or landed in Dalian."""
    summary: Text
    """What the project does."""
    links: list[Link] = []
    """Links about the project."""
    aliases: list[Slug] = []
    """Former ids: their old pages redirect here."""


EventKind = Literal["roadshow", "forum", "exchange", "signing", "conference", "launch"]
EventFormat = Literal["online", "offline", "hybrid"]
EventStatus = Literal["scheduled", "held", "postponed", "cancelled"]


class Event(Record):
    """One event of the summit's programme."""

    id: Slug
    """Identifier; the event's page is events/<id>/."""
    title: Text
    """Title."""
    kind: EventKind
    """Kind of event."""
    format: EventFormat | None = None
    """Online, offline or hybrid; leave out while unknown."""
    date: DateOrMonth
    """The day (YYYY-MM-DD), or only the month (YYYY-MM) while the day is not fixed."""
    end_date: Date | None = None
    """Last day of an event of several days."""
    start: TimeOfDay | None = None
    """Starting time of day (HH:MM), in the event's time zone; leave out while unknown."""
    end: TimeOfDay | None = None
    """Ending time of day (HH:MM), in the event's time zone."""
    timezone: Zone | None = None
    """Time zone of start and end; the site's when left out."""
    city: Text | None = None
    """City of an offline or hybrid event."""
    venue: Text | None = None
    """Venue of an offline or hybrid event."""
    stations: list[Slug] = []
    """Ids of the overseas stations taking part."""
    partners: list[Slug] = []
    """Ids of the partners taking part."""
    projects: list[Slug] = []
    """Ids of the projects presented."""
    industries: list[Slug] = []
    """Ids of the industries it concerns, from site.yml."""
    summary: Text
    """What the event is, in a sentence or two."""
    body: Text | None = None
    """Longer description, in Markdown."""
    livestream: Url | None = None
    """Address of the live stream."""
    registration: Url | None = None
    """Address to register."""
    status: EventStatus = "scheduled"
    """scheduled; held once it has taken place; postponed; or cancelled."""
    aliases: list[Slug] = []
    """Former ids: their old pages redirect here."""


class StationsFile(Record):
    """content/stations.yml."""

    stations: list[Any] = []
    """The overseas stations."""


class PartnersFile(Record):
    """content/partners.yml."""

    partners: list[Any] = []
    """The partners."""


class ProjectsFile(Record):
    """content/projects.yml."""

    projects: list[Any] = []
    """The showcased projects."""


class EventsFile(Record):
    """content/events/<year>.yml."""

    events: list[Any] = []
    """The events of the year."""
