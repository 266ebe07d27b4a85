"""Typed records of the summit. Every field has a one-line docstring: it becomes the description
editors see in the JSON Schema. Values arrive as text (see yamlsource) and are parsed here."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
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

from ..errors import say
from ..schedule import zones
from ..texts import has_line_break, tidy, tidy_markdown
from .colours import AA_TEXT, HEX_RE, WHITE, contrast

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
        raise ValueError(say("value.id", value=value))
    if len(value) > 80:
        raise ValueError(say("value.id_long", length=len(value)))
    return value


Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern})]
"""A lowercase id such as ``silicon-valley``: it becomes part of permanent URLs."""

NonEmpty = Annotated[str, Field(min_length=1)]


def _one_line(value: str) -> str:
    if has_line_break(value):
        raise ValueError(say("value.line_break"))
    return value


OneLine = Annotated[
    str,
    Field(min_length=1),
    AfterValidator(_one_line),
    AfterValidator(tidy),
    WithJsonSchema({"type": "string", "minLength": 1, "pattern": r"^[^\n\r\u2028\u2029\u0085\u000b\u000c]*$"}),
]
"""Text with no line break (refused at its line): names, titles, labels, codes; tidied as ``Prose``."""
Prose = Annotated[str, Field(min_length=1), AfterValidator(tidy)]
"""Text as readers see it in every output (``texts.tidy``): one paragraph, the seams of YAML's line
folding gone between Chinese characters."""
MarkdownText = Annotated[str, Field(min_length=1), AfterValidator(tidy_markdown)]
"""Markdown with its lines kept, soft wraps between Chinese characters gone (``texts.tidy_markdown``)."""


_NOT_IN_ADDRESSES = set('<>"`{}|\\^')
"""Characters an address never holds as they are (RFC 3986 has them percent-encoded: %3C for <)."""


def _url(value: str) -> str:
    if any(ch.isspace() for ch in value):
        raise ValueError(say("value.address_space", value=repr(value)))
    if found := sorted(set(value) & _NOT_IN_ADDRESSES):
        raise ValueError(say("value.address_marks", value=repr(value), marks=" ".join(found)))
    parts = urlsplit(value)
    if parts.scheme == "mailto" and len(value) > len("mailto:"):
        return value
    if parts.scheme in ("http", "https") and parts.netloc:
        return value
    raise ValueError(say("value.link", value=value))


Url = Annotated[
    str,
    AfterValidator(_url),
    WithJsonSchema(
        {"type": "string", "pattern": '^(https?://[^\\s/<>"`{}|\\\\^]+|mailto:[^\\s<>"`{}|\\\\^]+)[^\\s<>"`{}|\\\\^]*$'}
    ),
]


def _zone(value: str) -> str:
    if value in zones.names():
        return value
    close = difflib.get_close_matches(value, sorted(zones.names()), n=1)
    if not close:  # a city's name: Tokyo, 东京
        close = [name for name in zones.names() if name.rpartition("/")[2].lower() == value.strip().lower()][:1]
    if not close and (named := zones.by_chinese_city().get(value.strip())):
        close = [named]
    hint = say("field.did_you_mean", name=close[0]) if close else say("value.zone_hint")
    raise ValueError(say("content.with_hint", message=say("value.zone", value=value), hint=hint))


Zone = Annotated[str, AfterValidator(_zone), WithJsonSchema({"type": "string", "examples": ["Asia/Shanghai"]})]
"""An IANA time zone name such as ``Asia/Shanghai`` or ``America/Vancouver``."""


def _matching(pattern: re.Pattern[str], problem: str) -> AfterValidator:
    """A validator that refuses a value ``pattern`` does not find, with the message ``problem``."""

    def check(value: str) -> str:
        if not pattern.search(value):
            raise ValueError(say(problem, value=value))
        return value

    return AfterValidator(check)


CITY_ZONE_RE = re.compile(r"^[A-Z][a-z]+/[A-Z][a-z]+|UTC$")
"""The zone names conference apps accept for a whole schedule (the c3voc schema's ``time_zone_name``)."""
SiteZone = Annotated[
    str,
    AfterValidator(_zone),
    _matching(
        CITY_ZONE_RE,
        "value.site_zone",
    ),
    WithJsonSchema({"type": "string", "pattern": CITY_ZONE_RE.pattern, "examples": ["Asia/Shanghai"]}),
]
"""The site's zone: a region/city IANA name such as ``Asia/Shanghai``, or ``UTC``."""

ACRONYM_RE = re.compile(r"^[A-Za-z0-9]{4,20}$")
Acronym = Annotated[
    str,
    _matching(
        ACRONYM_RE,
        "value.acronym",
    ),
    WithJsonSchema({"type": "string", "pattern": ACRONYM_RE.pattern}),
]


def _year(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"\d{4}", value.strip()):
        raise ValueError(say("value.year", value=value))
    return value


Year = Annotated[int, BeforeValidator(_year), Field(ge=1900, le=2200)]


def _time_of_day(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(say("value.time", value=value))
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
        raise ValueError(say("value.date", value=value))
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else None
    if not 1 <= month <= 12:
        raise ValueError(say("value.date_impossible", value=value, problem=say("value.month_out_of_range")))
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(say("value.date_impossible", value=value, problem=say("value.day_out_of_range")))
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(say("value.date_impossible", value=value, problem=say("value.year_out_of_range")))
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
        raise ValueError(say("value.needs_day", value=value))
    return parsed.first_day if isinstance(parsed, EventDate) else parsed


Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]


class Text(Record):
    """Text in both languages of the site; a paragraph may be written over several lines (readers see
    one paragraph, with no space between Chinese characters). 中英文文本，可分多行书写。"""

    zh: Prose
    """Simplified Chinese (required). 简体中文（必填）。"""
    en: Prose | None = None
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


class Line(Text):
    """One line of text in both languages (a name, a title, a label): a line break is refused.
    单行中英文文本（名称、标题）：不可换行。"""

    zh: OneLine
    """Simplified Chinese (required), on one line. 简体中文（必填），单行。"""
    en: OneLine | None = None
    """English, on one line; while it is missing the English page shows the Chinese, marked
    "translation pending". 英文，单行；缺少时英文页面显示中文并注明“待翻译”。"""


class Name(Line):
    """A person's name as the person writes it: with no English form, the English pages show it as
    written (not a missing translation). 人名（按本人写法；无英文写法时英文页面照原样显示）。"""

    en: OneLine | None = None
    """The English form, if the person has one. 英文写法（如有）。"""


class Markdown(Text):
    """Markdown in both languages: its lines are kept, but a line break between two Chinese characters
    goes (``texts.tidy_markdown``). 中英文 Markdown 文本。"""

    zh: MarkdownText
    """Simplified Chinese (required), in Markdown. 简体中文（必填），Markdown 格式。"""
    en: MarkdownText | None = None
    """English, in Markdown; while it is missing the English page shows the Chinese, marked
    "translation pending". 英文，Markdown 格式；缺少时英文页面显示中文并注明“待翻译”。"""


class Link(Record):
    """A labelled link."""

    label: Line
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
    value: int = Field(ge=0, le=999_999_999_999_999)
    """The number, without separators (at most 15 digits)."""
    qualifier: Literal["exact", "about", "more-than", "nearly"] = "exact"
    """How exact the number is."""
    label: Line
    """What is counted."""
    as_of: Year
    """The year the figure holds for."""


class Industry(Record):
    """An industry the summit focuses on."""

    id: Slug
    """Identifier, used by events and projects."""
    name: Line
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
    domestic_cities: list[Line] = []
    """Cities in China where activities are held."""
    overseas_cities: list[Line] = []
    """Overseas places that join, e.g. by online live session."""
    formats: list[Text] = []
    """How the exchanges are carried out."""


class Footer(Record):
    """What the footer of every page shows; each part is hidden while it is unset."""

    organisers: list[Line] = []
    """The organisers of the summit."""
    copyright: Line | None = None
    """The copyright line, e.g. © 2026 ..."""
    icp: OneLine | None = None
    """The ICP filing number (ICP备案号), e.g. 辽ICP备12345678号; it links to beian.miit.gov.cn."""
    police: OneLine | None = None
    """The public security filing number (公安备案号), e.g. 辽公网安备21020000000000号."""


def _colour(value: str) -> str:
    if not HEX_RE.match(value):
        raise ValueError(say("value.colour", value=value))
    ratio = contrast(value, WHITE)
    if ratio < AA_TEXT:
        raise ValueError(say("value.contrast", value=value, ratio=f"{ratio:.1f}", need=AA_TEXT))
    return value.lower()


Colour = Annotated[str, AfterValidator(_colour), WithJsonSchema({"type": "string", "pattern": HEX_RE.pattern})]
"""A colour as #RRGGBB that white text can be read on (WCAG AA)."""


class Brand(Record):
    """The summit's colours. 品牌色。"""

    primary: Colour = "#3f51b5"
    """Main colour (#RRGGBB): the header, the hero, buttons and date blocks, with white text on it."""
    accent: Colour = "#c62828"
    """Second colour (#RRGGBB): links when pointed at, highlights; white text must be readable on it."""


class Analytics(Record):
    """Optional analytics; off unless set."""

    baidu_tongji: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")
    """The site id of Baidu Tongji (百度统计), 32 hexadecimal characters; leave out for no analytics."""


class Picture(Record):
    """An image file under content/images/ with its text for readers who do not see it. 图片。"""

    path: NonEmpty
    """Its path in the content folder, e.g. images/partners/alpha.png (JPEG, PNG, WebP, GIF or SVG, at
    most 10 MB). 图片路径，例如 images/partners/alpha.png。"""
    alt: Line | None = None
    """What it shows, in both languages (required unless decorative). 图片说明（中英文，必填，装饰性图片除外）。"""
    decorative: bool = False
    """True when the image adds nothing a reader would miss (then no alt text). 仅作装饰时为 true。"""

    @model_validator(mode="after")
    def _alt_or_decorative(self) -> Picture:
        if self.alt is None and not self.decorative:
            raise ValueError(say("value.alt_missing"))
        return self


class Photo(Picture):
    """A photograph of an event or a station, with an optional caption. 照片。"""

    caption: Text | None = None
    """What it shows, who and when, in both languages (printed under it). 图片说明文字（显示在图片下方）。"""

    @model_validator(mode="after")
    def _alt_is_not_the_caption(self) -> Photo:
        if self.alt is not None and self.caption is not None:
            for lang in ("zh", "en"):
                alt, caption = getattr(self.alt, lang), getattr(self.caption, lang)
                if alt and caption and alt.strip().casefold() == caption.strip().casefold():
                    raise ValueError(say("value.alt_repeats", language=say(f"language.short.{lang}")))
        return self


class Site(Record):
    """The summit itself: names, history, mission, figures, programme."""

    name: Line
    """Full name of the summit."""
    short_name: Line
    """Short name."""
    acronym: Acronym
    """The acronym, e.g. CHINAOCS: 4 to 20 Latin letters and digits (it names the summit in calendar
    entries' ids and to conference apps)."""
    host_city: Line
    """The city that hosts the summit."""
    timezone: SiteZone = "Asia/Shanghai"
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
    brand: Brand = Brand()
    """The summit's colours (the theme's indigo and a red when left out)."""
    logo: Picture | None = None
    """The summit's logo (SVG or PNG under content/images/): the header, the favicon and the phone icons
    are made from it; without one, a mark is set from the short name. 海创周标志。"""
    hero: Picture | None = None
    """A photograph for the home page's first band (JPEG, PNG or WebP under content/images/). 首页主图。"""


class Station(Record):
    """An overseas station of the summit."""

    id: Slug
    """Identifier; the station's page is stations/<id>/."""
    name: Line
    """Name of the station."""
    city: Line
    """City."""
    country: Line
    """Country."""
    timezone: Zone
    """Local IANA time zone."""
    description: Text | None = None
    """A paragraph about the station."""
    links: list[Link] = []
    """Contact and other links."""
    photos: list[Photo] = []
    """Photographs of the station and its events, shown on its page."""
    aliases: list[Slug] = []
    """Former ids, first id first: old pages redirect here; calendars and feeds know the record by its first id."""


PartnerKind = Literal["investor", "company", "institution", "government"]


class Partner(Record):
    """An investor, company, institution or government body that takes part in the summit."""

    id: Slug
    """Identifier; the partner's anchor on the partners page."""
    name: Line
    """Name."""
    kind: PartnerKind
    """What kind of partner it is."""
    website: Url | None = None
    """Website."""
    description: Text | None = None
    """A sentence about the partner."""
    logo: Picture | None = None
    """The partner's logo (a file under content/images/), shown on the partners' wall."""


class Project(Record):
    """A project showcased at the summit."""

    id: Slug
    """Identifier; the project's page is projects/<id>/."""
    name: Line
    """Name of the project."""
    station: Slug | None = None
    """Id of the overseas station that brought it."""
    industries: list[Slug] = []
    """Ids of industries from site.yml."""
    stage: Line | None = None
    """Financing stage, e.g. Series A."""
    status: Literal["seeking", "funded", "landed"] | None = None
    """Where it stands: seeking investment, funded, or landed in Dalian."""
    summary: Text
    """What the project does."""
    links: list[Link] = []
    """Links about the project."""
    logo: Picture | None = None
    """The project's logo (a file under content/images/), shown on its card and page."""
    aliases: list[Slug] = []
    """Former ids, first id first: old pages redirect here; calendars and feeds know the record by its first id."""


class Person(Record):
    """A speaker, moderator or guest of the summit's sessions. 嘉宾。"""

    id: Slug
    """Identifier; the person's page is people/<id>/."""
    name: Name
    """The name as the person writes it; with no English form, the English page shows it as written."""
    unverified: bool = False
    """True while a form of the name is not checked with the person or a public source: pages then show
    both forms with a note (as in NAMES.md). 姓名写法未核实时为 true。"""
    title: Line | None = None
    """Position, e.g. 教授 / Professor."""
    affiliation: Line | None = None
    """Organisation."""
    bio: Markdown | None = None
    """A short biography, in Markdown."""
    photo: Picture | None = None
    """A portrait (a file under content/images/)."""
    links: list[Link] = []
    """Links about the person."""


class Room(Record):
    """A room of an event, where its sessions take place. 会场。"""

    id: Slug
    """Identifier, unique within the event; sessions name it."""
    name: Line
    """Name, e.g. 主会场 / Main hall."""


SpokenLanguage = Literal["zh", "en", "zh-en"]
Interpretation = Literal["zh", "en"]
SessionKind = Literal[
    "ceremony", "keynote", "forum", "panel", "roadshow", "signing", "exchange", "workshop", "break", "other"
]


class Session(Record):
    """One session of an event's programme: a time in a room. 日程中的一场。"""

    id: Slug
    """Identifier, unique within the event; the session's anchor on the event's page."""
    title: Line
    """Title."""
    kind: SessionKind
    """Kind of session."""
    day: Date
    """Its day (YYYY-MM-DD), one of the event's days."""
    start: TimeOfDay
    """Starting time (HH:MM), in the event's time zone."""
    end: TimeOfDay
    """Ending time (HH:MM), in the event's time zone."""
    room: Slug | None = None
    """Id of one of the event's rooms."""
    track: Line | None = None
    """Track (theme) it belongs to."""
    speakers: list[Slug] = []
    """Ids of people from people.yml who speak."""
    moderators: list[Slug] = []
    """Ids of people from people.yml who moderate."""
    summary: Text | None = None
    """What it is, in a sentence or two."""
    livestream: Url | None = None
    """Address of its live stream."""
    language: SpokenLanguage | None = None
    """Language spoken: zh (Chinese), en (English) or zh-en (both)."""
    interpretation: list[Interpretation] = []
    """Simultaneous interpretation offered: into zh (Chinese), into en (English)."""

    @property
    def people(self) -> list[str]:
        """The ids of its speakers and moderators, once each, speakers first."""
        return list(dict.fromkeys(self.speakers + self.moderators))

    @property
    def followable(self) -> list[str]:
        """The languages a listener can follow it in (spoken, or interpreted into), zh first; empty
        when the content says neither."""
        spoken = {"zh": ["zh"], "en": ["en"], "zh-en": ["zh", "en"]}.get(self.language or "", [])
        return [lang for lang in ("zh", "en") if lang in spoken or lang in self.interpretation]


EventKind = Literal["roadshow", "forum", "exchange", "signing", "conference", "launch"]
EventFormat = Literal["online", "offline", "hybrid"]
EventStatus = Literal["scheduled", "held", "unreported", "postponed", "cancelled"]


class Event(Record):
    """One event of the summit's programme."""

    id: Slug
    """Identifier; the event's page is events/<id>/."""
    title: Line
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
    city: Line | None = None
    """City of an offline or hybrid event."""
    venue: Line | None = None
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
    body: Markdown | None = None
    """Longer description, in Markdown."""
    livestream: Url | None = None
    """Address of the live stream."""
    registration: Url | None = None
    """Address to register."""
    status: EventStatus = "scheduled"
    """scheduled; held once it has taken place; unreported once its day has passed with no report of how
    it went; postponed; or cancelled."""
    photos: list[Photo] = []
    """Photographs of the event, shown on its page."""
    rooms: list[Room] = []
    """The rooms of its programme, in the order the programme shows them."""
    sessions: list[Session] = []
    """Its programme: sessions in rooms across its days (people.yml names their speakers)."""
    aliases: list[Slug] = []
    """Former ids, first id first: old pages redirect here; calendars and feeds know the record by its first id."""

    def room_of(self, session: Session) -> Room | None:
        """The room of one of its sessions, if it names one."""
        return next((room for room in self.rooms if room.id == session.room), None)


def pictures(record: BaseModel) -> list[tuple[tuple[str | int, ...], Picture]]:
    """The images a record names, each with its place in the record: (("logo",), ...), (("photos", 0), ...)."""
    found: list[tuple[tuple[str | int, ...], Picture]] = []
    for name in ("logo", "hero", "photo"):
        value = getattr(record, name, None)
        if isinstance(value, Picture):
            found.append(((name,), value))
    for index, photo in enumerate(getattr(record, "photos", [])):
        found.append((("photos", index), photo))
    return found
