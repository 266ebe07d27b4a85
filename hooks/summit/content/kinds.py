"""Every kind of record, described once: its model, its content file and list key, its page's address and
template, how it is named, its list page, what its search document holds and what its share card shows.
The loader, the JSON Schemas, ``make new``, the pages, the redirects, the preview's record tracking,
search and share cards read it here; a new kind is a new ``Kind`` (and its model and template).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field, create_model

from .models import Event, Partner, Person, Project, Record, Session, Station, Text


class Say(Protocol):
    """How a record's search document and share card are worded, in one language: search's texts are
    escaped HTML, a card's are plain text."""

    def text(self, text: Text | None) -> str: ...
    def names(self, texts: Iterable[Text | None]) -> str: ...
    def rich(self, text: Text | None) -> str: ...
    def phrases(self, keys: Iterable[str]) -> str: ...
    def name(self, kind: str, record_id: str) -> Text: ...
    def industry(self, industry_id: str) -> Text | None: ...
    def dates(self, event: Event) -> str: ...
    def place(self, event: Event) -> str: ...
    def appearances(self, person_id: str) -> list[tuple[Event, Session]]: ...


Words = Callable[[Any, Say], tuple[str, ...]]
"""What a record's search document or share card says of it, part by part (empty parts are left out)."""


@dataclass(frozen=True)
class Kind:
    """One kind of record."""

    name: str
    """What one record is called in messages and ids of outputs: ``station``."""
    key: str
    """The list key in its file, the collection of ``Content`` and the first part of its pages'
    addresses: ``stations``."""
    model: type[Record]
    """Its typed model."""
    file: str
    """Its content file: ``stations.yml``, or ``events/<year>.yml`` for the events of a year."""
    about: str
    """What its file holds, in English and Chinese (the JSON Schema's description)."""
    items: str
    """What its list holds (the list's description in the JSON Schema)."""
    page: str | None
    """Its page (a docs path, ``{id}`` for the record's id), or its place on a shared page."""
    template: str | None = None
    """The template of its own page."""
    title: str = "name"
    """The field that names a record."""
    aliases: bool = False
    """Former ids redirect to its page."""
    required: bool = True
    """Its file must exist."""
    list_page: str | None = None
    """The page that lists every record of the kind (a docs path)."""
    list_name: str = ""
    """The phrases of its list page: ``<list_name>.title`` and ``.intro``."""
    list_template: str | None = None
    """The template of its list page (None: the list is a part of another page)."""
    search: Words | None = None
    """The searchable parts of a record (beside its name, the document's title), or None: not searched."""
    dated: bool = False
    """Its search results show the record's dates."""
    both_names: bool = False
    """Its name in the other language finds it too (a person's)."""
    card: Literal["every", "current", "of-upcoming"] | None = None
    """Which records' pages have a share card of their own: ``every`` one; ``current``: an upcoming event
    or one of the newest past; ``of-upcoming``: one an upcoming event names (``in_event``). The others
    share their list page's card."""
    card_label: Callable[[Any], str] | None = None
    """The phrase over a card's title (default: the kind's name, ``search.kind.<name>``)."""
    card_lines: Words | None = None
    """The lines under a card's title."""
    in_event: Callable[[Event], Iterable[str]] | None = None
    """The ids of records of this kind an event names."""

    @property
    def one_file(self) -> bool:
        """True for a kind kept in one file (not a file a year)."""
        return "<" not in self.file

    def records(self, content: Any) -> Iterable[Any]:
        """Its records in ``content`` (a ``Content``), in their files' order."""
        found = getattr(content, self.key)
        return found.values() if isinstance(found, dict) else found

    def record(self, content: Any, record_id: str) -> Any:
        """Its record ``record_id`` in ``content`` (a kind kept in a dict by id, or in a list: events)."""
        found = getattr(content, self.key)
        if isinstance(found, dict):
            return found[record_id]
        return next(record for record in found if record.id == record_id)

    def name_of(self, content: Any, record_id: str) -> Any:
        """The name (a ``Text``) of its record ``record_id``."""
        return getattr(self.record(content, record_id), self.title)

    def label(self, record: Any) -> str:
        """The phrase key over a record's share card."""
        return self.card_label(record) if self.card_label else f"search.kind.{self.name}"

    def page_path(self, record_id: str) -> str:
        """The docs path of a record's page (``stations/tokyo.md``; ``partners.md#alpha`` for a kind
        shown on a shared page)."""
        assert self.page is not None, f"{self.name} records have no page"
        return self.page.format(id=record_id)

    def address(self, record_id: str) -> str:
        """The address of a record's page under a language's root: ``stations/tokyo/``, ``partners/#alpha``."""
        path, _, anchor = self.page_path(record_id).partition("#")
        stem = path.removesuffix(".md")
        folder = stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"
        return folder + (f"#{anchor}" if anchor else "")

    def file_model(self, typed: bool = False) -> type[BaseModel]:
        """The model of its content file: ``{stations: [...]}``; its records as ``Any`` for the loader
        (which validates each record on its own, so that one bad record hides no other), or ``typed`` for
        the JSON Schema."""
        item: Any = self.model if typed else Any
        if self.required and typed:
            fields: dict[str, Any] = {self.key: (list[item], Field(description=self.items))}
        else:
            fields = {self.key: (list[item], Field(default_factory=list, description=self.items))}
        name = f"{self.key.title()}File"
        return create_model(name, __base__=Record, __doc__=f"content/{self.file}: {self.about}", **fields)


def _station_search(station: Station, say: Say) -> tuple[str, ...]:
    return (
        say.names([station.city, station.country]),
        say.text(station.description),
        say.names(link.label for link in station.links),
    )


def _partner_search(partner: Partner, say: Say) -> tuple[str, ...]:
    return (say.phrases([f"partners.{partner.kind}"]), say.text(partner.description))


def _project_search(project: Project, say: Say) -> tuple[str, ...]:
    return (
        say.text(say.name("station", project.station)) if project.station else "",
        say.names(say.industry(i) for i in project.industries),
        say.text(project.stage),
        say.text(project.summary),
        say.names(link.label for link in project.links),
    )


def _person_search(person: Person, say: Say) -> tuple[str, ...]:
    appearances = say.appearances(person.id)
    return (
        say.names([person.title, person.affiliation]),
        say.rich(person.bio),
        say.names(session.title for _, session in appearances),
        say.names({event.id: event.title for event, _ in appearances}.values()),
    )


def language_keys(session: Session) -> tuple[list[str], list[str]]:
    """The phrases (their keys) of a session's spoken language and interpretation: the short mark's
    (中英 · 同传) and the full names' (中英双语、同声传译（译为英文）); both empty when the content says neither."""
    short, full = [], []
    if session.language:
        short.append(f"spoken.short.{session.language}")
        full.append(f"spoken.{session.language}")
    if session.interpretation:
        short.append("interpret.short")
        full += [f"interpret.{into}" for into in session.interpretation]
    return short, full


def _event_search(event: Event, say: Say) -> tuple[str, ...]:
    return (
        say.phrases([f"kind.{event.kind}", f"format.{event.format or 'unknown'}"]),
        say.names([event.venue, event.city]),
        say.names(say.name("station", s) for s in event.stations),
        say.names(say.name("partner", p) for p in event.partners),
        say.names(say.name("project", p) for p in event.projects),
        say.names(say.industry(i) for i in event.industries),
        say.text(event.summary),
        say.rich(event.body),
        say.names(session.title for session in event.sessions),
        say.phrases(dict.fromkeys(key for session in event.sessions for key in language_keys(session)[1])),
        say.names(say.name("person", p) for session in event.sessions for p in session.people),
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        "event",
        "events",
        Event,
        "events/<year>.yml",
        "the events of one year. 某一年的活动。",
        "The events of the year.",
        "events/{id}.md",
        "event.md.j2",
        title="title",
        aliases=True,
        required=False,
        list_page="schedule.md",
        list_template="schedule.md.j2",
        list_name="schedule",
        search=_event_search,
        dated=True,
        card="current",
        card_label=lambda event: f"kind.{event.kind}",
        card_lines=lambda event, say: (say.dates(event), say.place(event)),
    ),
    Kind(
        "station",
        "stations",
        Station,
        "stations.yml",
        "the overseas stations. 海外工作站。",
        "The overseas stations.",
        "stations/{id}.md",
        "station.md.j2",
        aliases=True,
        list_page="stations/index.md",
        list_template="stations.md.j2",
        list_name="stations",
        search=_station_search,
        card="every",
        card_lines=lambda station, say: (say.names([station.city, station.country]),),
        in_event=lambda event: event.stations,
    ),
    Kind(
        "project",
        "projects",
        Project,
        "projects.yml",
        "showcased projects. 展示项目。",
        "The projects.",
        "projects/{id}.md",
        "project.md.j2",
        aliases=True,
        required=False,
        list_page="projects/index.md",
        list_template="projects.md.j2",
        list_name="projects",
        search=_project_search,
        card="of-upcoming",
        card_lines=lambda project, say: (say.text(say.name("station", project.station)) if project.station else "",),
        in_event=lambda event: event.projects,
    ),
    Kind(
        "partner",
        "partners",
        Partner,
        "partners.yml",
        "investors, companies, institutions and government bodies. 合作伙伴。",
        "The partners.",
        "partners.md#{id}",
        list_page="partners.md",
        list_template="partners.md.j2",
        list_name="partners",
        search=_partner_search,
        in_event=lambda event: event.partners,
    ),
    Kind(
        "person",
        "people",
        Person,
        "people.yml",
        "speakers, moderators and guests of the sessions. 嘉宾。",
        "The people.",
        "people/{id}.md",
        "person.md.j2",
        required=False,
        list_page="people/index.md",
        list_template="people.md.j2",
        list_name="people",
        search=_person_search,
        both_names=True,
        card="of-upcoming",
        card_lines=lambda person, say: (say.names([person.title, person.affiliation]),),
        in_event=lambda event: (p for session in event.sessions for p in session.people),
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_KEY = {kind.key: kind for kind in KINDS}
ONE_FILE = {kind.file: kind for kind in KINDS if kind.one_file}
"""The kinds kept in one file each, by file name."""
EVENTS = BY_NAME["event"]


def page_path(kind: str, record_id: str) -> str:
    """The docs path of the page of a record of ``kind`` (a name or a key): ``events/x.md``."""
    return (BY_NAME.get(kind) or BY_KEY[kind]).page_path(record_id)


def address(kind: str, record_id: str) -> str:
    """The address of a record's page under a language's root: ``events/x/``."""
    return (BY_NAME.get(kind) or BY_KEY[kind]).address(record_id)
