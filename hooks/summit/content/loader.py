"""Load a content folder: read every file, validate every record, cross-check every reference.

All mistakes in all files are collected and raised together as ``ContentErrors``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import os
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, ContentErrors, Message, Position, say
from ..schedule.programme import check_programme
from ..schedule.timing import build_time, exists, status, timing
from .images import ImageError, Probe, Probes, locate, probe
from .kinds import BY_NAME, EVENTS, KINDS, ONE_FILE
from .messages import message
from .models import (
    Event,
    Name,
    Partner,
    Person,
    Project,
    Site,
    Station,
    Text,
    pictures,
)
from .suggest import Names, hint
from .where import where_of
from .yamlsource import Document, Loc, Read, read_files, read_yaml

CONTENT_ENV = "SUMMIT_CONTENT"
LIST_FILES: dict[str, tuple[type[BaseModel], str, type[BaseModel]]] = {
    kind.file: (kind.file_model(), kind.key, kind.model) for kind in ONE_FILE.values()
}
"""Each kind kept in one file (``kinds``): its file -> (the file's model, the list key, the record's model)."""
KIND_OF = {kind.key: kind.name for kind in KINDS}
EVENTS_FILE = EVENTS.file_model()
KNOWN_FILES = {"site.yml", *LIST_FILES}
EVENTS_FILE_RE = re.compile(r"^(\d{4})\.yml$")
MAX_RECORDS = 10_000
"""Most records one content file may hold."""


@dataclass
class Content:
    """Every record of one content folder, validated and cross-checked."""

    site: Site
    stations: dict[str, Station]
    partners: dict[str, Partner]
    projects: dict[str, Project]
    events: list[Event]
    """Sorted by date, then id."""
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) -> content file path of the record; ("site", "") -> that of site.yml."""
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    """kind ("events", "stations", "projects") -> former id -> current id."""
    warnings: list[ContentError] = field(default_factory=list)
    """What does not stop the build: missing English, links worth adding, unused records."""
    images: dict[str, Probe] = field(default_factory=dict)
    """Image path as written (``images/x.png``) -> the checked file."""
    people: dict[str, Person] = field(default_factory=dict)
    """Speakers, moderators and guests (people.yml), by id."""


@dataclass
class _FileRecords:
    """What validating one file's records found (kept by ``ContentCache`` while the file is unchanged)."""

    records: list[tuple[Any, Document, Loc]]
    known: set[str]
    raw: list[tuple[Any, Document, Loc]]
    errors: list[ContentError]
    warnings: list[ContentError]


@dataclass
class ContentCache:
    """What loading made of each file, kept while the file's size and modification time stay the same:
    a preview loads again only the files an editor saved (and checks across all of them as always).
    Records of an unchanged file are the same objects in the next ``Content``."""

    reads: dict[Path, tuple[tuple[int, int], Read]] = field(default_factory=dict)
    records: dict[str, tuple[Document, _FileRecords]] = field(default_factory=dict)
    pictures: dict[int, tuple[Any, list]] = field(default_factory=dict)
    """id of a record -> (the record, its pictures)."""
    checks: dict[int, tuple[Any, list[ContentError], list[ContentError]]] = field(default_factory=dict)
    """id of an event -> (the event, the errors and warnings of its times and programme), kept while
    the site's zone and the people's ids stay the same (``context``)."""
    context: tuple = ()
    """By the file's shown path: the document read and what its records gave."""

    @staticmethod
    def key(file: Path) -> tuple[int, int]:
        stat = file.stat()
        return (stat.st_size, stat.st_mtime_ns)


def content_dir(root: Path, env: typing.Mapping[str, str] = os.environ) -> Path:
    """The content folder: ``$SUMMIT_CONTENT`` (relative to the project root) or ``content/``."""
    return (root / env.get(CONTENT_ENV, "content")).resolve()


def display_path(file: Path, root: Path) -> str:
    """``file`` relative to the project root when inside it, else as an absolute path."""
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.resolve().as_posix()


def unwrap(annotation: Any) -> Any:
    """The model or list type inside Optional[...] and Annotated[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the model found at ``loc`` inside ``model`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        current = unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        else:
            return []
    current = unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


class _Loader:
    def __init__(
        self, root: Path, folder: Path, strict: bool, now: dt.datetime | None, share: bool, cache: ContentCache | None
    ) -> None:
        self.cache = cache
        self.root = root
        self.folder = folder
        self.strict = strict
        self.now = now
        self.share = share
        self.read_ahead: dict[Path, Read] = {}
        self.errors: list[ContentError] = []
        self.warnings: list[ContentError] = []
        self.known_ids: dict[str, set[str]] = {k: set() for k in ("station", "partner", "project", "event", "person")}
        self.sources: dict[tuple[str, str], tuple[Document, Loc]] = {}
        self.unreadable: set[str] = set()
        self.raw_items: dict[str, list[tuple[Any, Document, Loc]]] = {k: [] for k in self.known_ids}
        self.probes = Probes(root / ".cache" / "images")
        self.industry_names: dict[str, Names] = {}

    def error(self, doc: Document, loc: Loc, text: str | Message, *, key: bool = False) -> None:
        where = where_of(doc.data, loc)
        self.errors.append(ContentError(doc.path, doc.position(loc, key=key), loc, text, where=where))

    def warn(self, doc: Document, loc: Loc, text: str | Message, kind: str) -> None:
        where = where_of(doc.data, loc)
        self.warnings.append(ContentError(doc.path, doc.position(loc), loc, text, "warning", kind, where))

    def candidates(self, kind: str) -> dict[str, Names]:
        """The records of ``kind`` as written (valid or not), by id, with their names."""
        if kind == "industry":
            return self.industry_names
        title = BY_NAME[kind].title
        found: dict[str, Names] = {}
        for item, _, _ in self.raw_items[kind]:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                name = item.get(title)
                names = (name.get("zh"), name.get("en")) if isinstance(name, dict) else (name, name)
                found[item["id"]] = tuple(n if isinstance(n, str) else None for n in names)  # type: ignore[assignment]
        return found

    def no_such(self, kind: str, ref: str, file: str | None = None) -> Message:
        """No record of ``kind`` with the id ``ref`` (in ``file``), and the one probably meant."""
        if kind == "industry":
            base = say("content.no_industry", id=ref)
        elif file:
            base = say("content.no_record_in", kind=say(f"kind.{kind}"), id=ref, file=file)
        else:
            base = say("content.no_record", kind=say(f"kind.{kind}"), id=ref)
        return say("content.with_hint", message=base, hint=hint(ref, self.candidates(kind)))

    def said_once(self, doc: Document, loc: Loc, message: Message) -> None:
        """An unknown reference, said once at its place: this says which id was meant, where the model may
        only have said that it is not an id."""
        self.errors = [e for e in self.errors if not (e.path == doc.path and e.loc == loc)]
        self.error(doc, loc, message)

    def check_translations(self, value: Any, doc: Document, loc: Loc) -> None:
        """Warn of every text whose English is missing (the Chinese stands in for it)."""
        if isinstance(value, Text):
            if value.en is None and not isinstance(value, Name):  # a name is as its person writes it
                self.warn(
                    doc,
                    (*loc, "en"),
                    say("content.english_missing"),
                    "translation",
                )
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                self.check_translations(getattr(value, name), doc, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.check_translations(item, doc, (*loc, index))

    def read(self, file: Path, kind: str | None = None) -> Document | None:
        doc, errors = self.read_ahead.pop(file, None) or read_yaml(file, display_path(file, self.root))
        self.errors.extend(errors)
        if doc is None and kind:
            self.unreadable.add(kind)  # its ids are unknown: do not report references to them
        return doc

    def validate(self, model: type[BaseModel], data: Any, doc: Document, prefix: Loc = ()) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = (*prefix, *err["loc"])
                here = tuple(err["loc"])
                siblings = fields_at(model, here if err["type"].startswith(("model_", "dict_")) else here[:-1])
                kind = "translation" if err["type"] == "missing" and loc[-1:] in (("zh",), ("en",)) else ""
                self.errors.append(
                    ContentError(
                        doc.path,
                        doc.position(loc, key=err["type"] == "extra_forbidden"),
                        loc,
                        message(err, siblings),
                        "error",
                        kind,
                        where_of(doc.data, loc),
                    )
                )
            return None

    def records(
        self, doc: Document, wrapper: type[BaseModel], key: str, model: type[BaseModel], kind: str
    ) -> list[Any]:
        """Validate the list under ``key`` item by item, so one bad record hides no other."""
        cached = self.cache.records.get(doc.path) if self.cache is not None else None
        found = cached[1] if cached is not None and cached[0] is doc else self._file_records(doc, wrapper, key, model)
        if self.cache is not None:
            self.cache.records[doc.path] = (doc, found)
        self.errors += found.errors
        self.warnings += found.warnings
        self.known_ids[kind] |= found.known
        self.raw_items[kind] += found.raw
        result = []
        for record, rdoc, loc in found.records:
            where = (*loc, "id")
            if (kind, record.id) in self.sources:
                first_doc, first_loc = self.sources[(kind, record.id)]
                pos = first_doc.position(first_loc)
                self.error(
                    doc,
                    where,
                    say(
                        "content.duplicate_id",
                        kind=say(f"kind.{kind}"),
                        id=record.id,
                        path=first_doc.path,
                        line=pos.line,
                    ),
                )
                continue
            self.sources[(kind, record.id)] = (rdoc, where)
            result.append((record, rdoc, loc))
        return result

    def _file_records(self, doc: Document, wrapper: type[BaseModel], key: str, model: type[BaseModel]) -> _FileRecords:
        errors, warnings = self.errors, self.warnings
        self.errors, self.warnings = [], []
        found = _FileRecords([], set(), [], self.errors, self.warnings)
        try:
            if self.validate(wrapper, doc.data, doc) is None:
                return found
            items = doc.data.get(key) or []
            if len(items) > MAX_RECORDS:
                self.error(doc, (key,), say("content.too_many", count=len(items), limit=MAX_RECORDS))
                return found
            for index, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    found.known.add(item["id"])
                found.raw.append((item, doc, (key, index)))
                record = self.validate(model, item, doc, (key, index))
                if record is None:
                    continue
                self.check_translations(record, doc, (key, index))
                found.records.append((record, doc, (key, index)))
            return found
        finally:
            self.errors, self.warnings = errors, warnings

    def load(self) -> Content:
        if not self.folder.is_dir():
            raise ContentErrors(
                [ContentError(display_path(self.folder, self.root), Position(1, 1), None, say("content.no_folder"))]
            )
        self.check_file_names()
        files = [self.folder / name for name in sorted(KNOWN_FILES)] + sorted((self.folder / "events").glob("*.yml"))
        shown = [(file, display_path(file, self.root)) for file in files if file.is_file()]
        if self.cache is None:
            self.read_ahead = read_files(shown, share=self.share)
        else:
            keys = {file: ContentCache.key(file) for file, _ in shown}
            kept = {f: self.cache.reads[f] for f in keys if f in self.cache.reads and self.cache.reads[f][0] == keys[f]}
            fresh = read_files([(f, name) for f, name in shown if f not in kept], share=self.share)
            self.cache.reads = {f: kept[f] if f in kept else (keys[f], fresh[f]) for f in keys}
            names = {name for _, name in shown}
            self.cache.records = {name: r for name, r in self.cache.records.items() if name in names}
            self.read_ahead = {f: read for f, (_, read) in self.cache.reads.items()}
        site_doc = self.read(self.folder / "site.yml") if (self.folder / "site.yml").is_file() else None
        if not (self.folder / "site.yml").is_file():
            self.errors.append(
                ContentError(
                    display_path(self.folder / "site.yml", self.root), Position(1, 1), None, say("content.file_missing")
                )
            )
        site = self.validate(Site, site_doc.data, site_doc) if site_doc else None
        if site is not None and site_doc is not None:
            self.check_translations(site, site_doc, ())
        lists: dict[str, list[Any]] = {}
        for name, (wrapper, key, model) in LIST_FILES.items():
            file = self.folder / name
            doc = self.read(file, KIND_OF[key]) if file.is_file() else None
            lists[key] = self.records(doc, wrapper, key, model, KIND_OF[key]) if doc else []
        events = []
        for file in sorted((self.folder / "events").glob("*.yml")):
            doc = self.read(file, "event")
            if doc is None:
                continue
            year = int(EVENTS_FILE_RE.match(file.name)[1]) if EVENTS_FILE_RE.match(file.name) else None
            for event, edoc, loc in self.records(doc, EVENTS_FILE, EVENTS.key, Event, EVENTS.name):
                if year is not None and event.date.year != year:
                    self.error(
                        edoc,
                        (*loc, "date"),
                        say("content.wrong_year", year=event.date.year, file_year=year),
                    )
                events.append((event, edoc, loc))
        people = None if "person" in self.unreadable else self.known_ids["person"]
        zone = site.timezone if site else "Asia/Shanghai"
        checks = self.cache.checks if self.cache is not None else {}
        if self.cache is not None and self.cache.context != (zone, people):
            self.cache.context, checks = (zone, None if people is None else set(people)), {}
        kept: dict[int, tuple[Any, list[ContentError], list[ContentError]]] = {}
        for event, doc, loc in events:
            known = checks.get(id(event))
            if known is None or known[0] is not event:
                errors, warnings = self.errors, self.warnings
                self.errors, self.warnings = [], []
                try:
                    self.check_event(event, doc, loc, zone, people)
                    known = (event, self.errors, self.warnings)
                finally:
                    self.errors, self.warnings = errors, warnings
            kept[id(event)] = known
            self.errors += known[1]
            self.warnings += known[2]
        if self.cache is not None:
            self.cache.checks = kept
        self.check_references(site)
        aliases = {
            kind.key: self.check_aliases(events if kind is EVENTS else lists[kind.key], kind.name)
            for kind in KINDS
            if kind.aliases
        }
        if site is not None:
            self.check_use(site, lists, events)
        records = [(site, site_doc, ())] if site is not None and site_doc is not None else []
        records += [r for kind in ONE_FILE.values() for r in lists[kind.key]] + events
        images = self.check_images(records)
        if self.strict:
            promoted = [dataclasses.replace(w, severity="error") for w in self.warnings if w.kind == "translation"]
            self.errors += promoted
            self.warnings = [w for w in self.warnings if w.kind != "translation"]
        if self.errors or site is None:
            raise ContentErrors(self.errors, self.warnings)
        return Content(
            site=site,
            **{kind.key: {r.id: r for r, _, _ in lists[kind.key]} for kind in ONE_FILE.values()},
            events=sorted(
                (e for e, _, _ in events),
                key=lambda e: (e.date.first_day, e.date.precise is False, e.start or dt.time.min, e.id),
            ),
            sources={("site", ""): site_doc.path if site_doc else "site.yml"}
            | {k: d.path for k, (d, _) in self.sources.items()},
            aliases=aliases,
            warnings=sorted(self.warnings, key=ContentError.sort_key),
            images=images,
        )

    def check_event(self, event: Event, doc: Document, loc: Loc, zone: str, people: set[str] | None) -> None:
        """An event's times and programme."""
        self.check_event_times(event, doc, loc, zone)
        check_programme(
            event,
            event.timezone or zone,
            people,
            lambda where, text: self.error(doc, (*loc, *where), text),
            lambda where, text: self.warn(doc, (*loc, *where), text, "programme"),
            missing=lambda ref: self.no_such("person", ref, "people.yml"),
        )

    def pictures(self, record: Any) -> list:
        """``models.pictures`` of the record (kept by the cache while the record is the same)."""
        if self.cache is None:
            return list(pictures(record))
        known = self.cache.pictures.get(id(record))
        if known is None or known[0] is not record:
            known = (record, list(pictures(record)))
        self.pictures_seen[id(record)] = known
        return known[1]

    def check_images(self, records: list[tuple[Any, Document, Loc]]) -> dict[str, Probe]:
        """Every image a record names (a site's logo and hero, a logo, photos): a readable file of an
        accepted kind under images/ (images.py), refused at the line of its path."""
        found: dict[str, Probe] = {}
        self.pictures_seen: dict[int, tuple[Any, list]] = {}
        for record, doc, loc in records:
            for where, picture in self.pictures(record):
                try:
                    known = found.get(picture.path)
                    found[picture.path] = known or probe(locate(self.folder, picture.path), self.probes)
                except ImageError as exc:
                    self.error(doc, (*loc, *where, "path"), exc.message)
                    continue
                if isinstance(record, Site) and where == ("logo",) and found[picture.path].format not in ("SVG", "PNG"):
                    self.error(doc, (*loc, *where, "path"), say("content.logo_format"))
        if self.cache is not None:
            self.cache.pictures = self.pictures_seen
        with contextlib.suppress(OSError):  # a read-only project still builds; it decodes its images again next time
            self.probes.save()
        return found

    def check_aliases(self, records: list[tuple[Any, Document, Loc]], kind: str) -> dict[str, str]:
        """Former ids -> current ids; a former id may not be a current one or belong to two records."""
        result: dict[str, str] = {}
        for record, doc, loc in records:
            for index, alias in enumerate(record.aliases):
                where = (*loc, "aliases", index)
                if (kind, alias) in self.sources:
                    self.error(doc, where, say("content.alias_in_use", alias=alias, kind=say(f"kind.{kind}")))
                elif alias in result:
                    self.error(
                        doc,
                        where,
                        say("content.alias_taken", alias=alias, kind=say(f"kind.{kind}"), other=result[alias]),
                    )
                else:
                    result[alias] = record.id
        return result

    def check_use(self, site: Site, lists: dict[str, list[Any]], events: list[tuple[Event, Document, Loc]]) -> None:
        """Warnings of what an editor probably wants to fix, but which does not stop the build."""
        now = self.now or build_time(site.timezone)
        used_stations = {s for e, _, _ in events for s in e.stations}
        used_stations |= {p.station for p, _, _ in lists["projects"] if p.station}
        used_partners = {p for e, _, _ in events for p in e.partners}
        for event, doc, loc in events:
            state = status(event, site.timezone, now) if event.status == "scheduled" else None
            if state == "past":
                self.warn(
                    doc,
                    (*loc, "status"),
                    say("content.still_scheduled"),
                    "status",
                )
            elif state is not None and not (event.registration or event.livestream):
                self.warn(doc, (*loc, "registration"), say("content.no_links"), "links")
        for station, doc, loc in lists["stations"]:
            if station.id not in used_stations:
                self.warn(doc, (*loc, "id"), say("content.station_unused", id=station.id), "unused")
        for partner, doc, loc in lists["partners"]:
            if partner.id not in used_partners:
                self.warn(doc, (*loc, "id"), say("content.partner_unused", id=partner.id), "unused")

    def check_file_names(self) -> None:
        for file in sorted(self.folder.iterdir()):
            if file.is_file() and file.suffix in (".yml", ".yaml") and file.name not in KNOWN_FILES:
                self.errors.append(
                    ContentError(
                        display_path(file, self.root),
                        Position(1, 1),
                        None,
                        say("content.unknown_file", files=", ".join(sorted(KNOWN_FILES))),
                    )
                )
        events = self.folder / "events"
        if events.is_dir():
            for file in sorted(events.iterdir()):
                if file.is_file() and not EVENTS_FILE_RE.match(file.name):
                    self.errors.append(
                        ContentError(
                            display_path(file, self.root),
                            Position(1, 1),
                            None,
                            say("content.events_file_name"),
                        )
                    )

    def check_refs(self, item: Any, doc: Document, loc: Loc, field: str, kind: str) -> None:
        """Check the ids under ``field`` of a record as written, valid or not."""
        value = item.get(field) if isinstance(item, dict) else None
        refs = [(value, (*loc, field))] if isinstance(value, str) else []
        if isinstance(value, list):
            refs = [(ref, (*loc, field, i)) for i, ref in enumerate(value) if isinstance(ref, str)]
        for ref, where in refs:
            if ref not in self.known_ids[kind] and kind not in self.unreadable:
                self.said_once(doc, where, self.no_such(kind, ref))

    def check_references(self, site: Site | None) -> None:
        for item, doc, loc in self.raw_items["event"]:
            self.check_refs(item, doc, loc, "stations", "station")
            self.check_refs(item, doc, loc, "partners", "partner")
            self.check_refs(item, doc, loc, "projects", "project")
        for item, doc, loc in self.raw_items["project"]:
            self.check_refs(item, doc, loc, "station", "station")
        industries = {i.id for i in site.industries} if site else None
        if site is not None:
            self.industry_names = {i.id: (i.name.zh, i.name.en) for i in site.industries}
        for kind in ("event", "project"):
            for item, doc, loc in self.raw_items[kind]:
                refs = item.get("industries") if isinstance(item, dict) else None
                if industries is None or not isinstance(refs, list):
                    continue
                for index, ref in enumerate(refs):
                    if isinstance(ref, str) and ref not in industries:
                        self.said_once(doc, (*loc, "industries", index), self.no_such("industry", ref))

    def check_event_times(self, event: Event, doc: Document, loc: Loc, site_zone: str) -> None:
        if not event.date.precise:
            for name in ("start", "end", "end_date"):
                if getattr(event, name) is not None:
                    self.error(doc, (*loc, name), say("content.month_only", name=name))
            return
        if event.end_date is not None and event.end_date < event.date.first_day:
            self.error(doc, (*loc, "end_date"), say("content.end_before_date", end=event.end_date, date=event.date))
            return
        if event.end is not None and event.start is None:
            self.error(doc, (*loc, "end"), say("content.end_without_start"))
            return
        if event.start is None:
            return
        t = timing(event, site_zone)
        for name, moment in (("start", t.start), ("end", t.end)):
            if moment is not None and not exists(moment):
                self.error(
                    doc,
                    (*loc, name),
                    say("content.no_such_time", time=f"{moment:%H:%M}", date=f"{moment:%Y-%m-%d}", zone=t.zone),
                )
                return
        if t.end is not None and t.start is not None and t.end <= t.start:
            self.error(doc, (*loc, "end"), say("content.ends_before_start"))


def load_content(
    root: Path,
    folder: Path,
    *,
    strict: bool = False,
    now: dt.datetime | None = None,
    share: bool = False,
    cache: ContentCache | None = None,
) -> Content:
    """Load and check the content ``folder``; ``root`` is the project root (for messages).
    ``strict`` makes missing translations errors; ``now`` is the build time (for the warnings);
    ``share`` (a process with no threads only) reads large content with a second process
    (``yamlsource.read_files``).

    The cycle collector is paused meanwhile: loading makes hundreds of thousands of objects and no
    garbage cycles, and the collector's repeated passes over them took over half the time at archive
    scale (3.5 s against 1.3 s for 7,300 records)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Loader(root, folder, strict, now, share, cache).load()
    finally:
        if collecting:
            gc.enable()
