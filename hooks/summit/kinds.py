"""Every kind of record, described once: its model, its content file and list key, its page's address and
template, how it is named. The loader, the JSON Schemas, ``make new``, the pages, the redirects and the
preview's record tracking read it here; a new kind is a new ``Kind`` (and its model and template).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, create_model

from .models import Event, Partner, Person, Project, Record, Station


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

    @property
    def one_file(self) -> bool:
        """True for a kind kept in one file (not a file a year)."""
        return "<" not in self.file

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


KINDS: tuple[Kind, ...] = (
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
    ),
    Kind(
        "partner",
        "partners",
        Partner,
        "partners.yml",
        "investors, companies, institutions and government bodies. 合作伙伴。",
        "The partners.",
        "partners.md#{id}",
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
    ),
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
