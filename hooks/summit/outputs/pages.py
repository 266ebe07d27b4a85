"""Markdown pages from Jinja templates (one per page kind, the language a parameter), in the order a
build reads them."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from ..build.depends import paused, record
from ..content.kinds import EVENTS, KINDS, Kind, page_path
from ..content.models import SLUG_RE, Event, EventKind, Text
from ..i18n import LANGUAGES, Locale
from ..schedule.programme import clock, programme_grid, tracks
from ..schedule.site import Site
from ..schedule.timetext import TimeText
from ..schedule.views import Views, agenda
from . import changelog
from .blocks import Blocks
from .calendar import add_links, in_calendars, webcal
from .cards import Poster
from .embeds import HEIGHT as EMBED_HEIGHT
from .embeds import snippet as embed_snippet
from .exports import dumps, json_ld, organization, person_ld
from .feeds import feed_of
from .markup import front_matter, in_language, inline, localized_path, plain_of, rich, slug
from .share import Share
from .share import available as share_available

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class PageSpec:
    """A page to write: its path under docs/ in the default language, template and context (or what
    makes the context when the page is rendered: listing the pages stays cheap)."""

    path: str
    template: str
    context: Callable[[Renderer], dict[str, Any]] | None = field(default=None, hash=False, compare=False)
    """What makes the template's own values from the renderer (its site and views), as the page renders:
    a page's specification holds no record, so it stays right for another version of the content."""
    record: tuple[str, str] = ("site", "")
    """The record the page is about (kind, id): a failure names it."""

    def values(self, renderer: Renderer) -> dict[str, Any]:
        return self.context(renderer) if self.context is not None else {}


EVENT_KINDS = typing.get_args(EventKind)
SUMMIT_FEED_PAGES = ("index.md", "schedule.md", "changes.md")
"""Pages whose head names the summit's Atom feed."""
FILTER_VALUES = {
    "year": lambda e: [e.date.year],
    "station": lambda e: e.stations,
    "format": lambda e: [e.format] if e.format else [],
    "kind": lambda e: [e.kind],
    "industry": lambda e: e.industries,
}


@functools.cache
def _environment() -> Environment:
    """The templates, compiled once per process (a preview rebuilds with the same ones); a renderer
    binds its filters to its content before each page."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


MACROS = "_macros.md.j2"
_CONTEXT = re.compile(r"Context:(.*?)-#\}", re.S)


def declared_context(source: str) -> frozenset[str]:
    """The names a template's ``Context:`` header declares (``event (models.Event)`` declares ``event``)."""
    found = _CONTEXT.search(source)
    if found is None:
        return frozenset()
    text, depth, kept = found.group(1), 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and ch != ")":
            kept.append(ch)
    return frozenset(
        name for part in "".join(kept).split(",") if (name := part.strip().rstrip(".").strip()).isidentifier()
    )


@cache
def context_of(template: str) -> frozenset[str]:
    """What ``template`` is handed: the names its header declares, and those of the shared macros when
    it imports them with its context."""
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    names = declared_context(source)
    if f"import '{MACROS}'" in source:
        names |= declared_context((TEMPLATES / MACROS).read_text(encoding="utf-8"))
    return names


class Renderer:
    """Renders page specs in one language."""

    def __init__(self, site: Site, views: Views | None = None) -> None:
        self.site = site
        self.content = site.content
        self.views = views or Views(site.content)
        self.env = _environment()
        self.share = Share(site) if share_available() else None
        self._posters: dict[tuple[str, str], Poster] | None = None

    def card(self, spec: PageSpec, lang: str) -> str | None:
        """The page's share card (``cards/<hash>.png`` at the site's root), if cards can be drawn here."""
        return self.share.page(spec.path, spec.record, lang).file if self.share else None

    def poster(self, event: Event, lang: str) -> Poster | None:
        """An upcoming event's poster, if posters can be drawn here."""
        if self.share is None:
            return None
        if self._posters is None:
            with paused():
                self._posters = {(e.id, code): poster for e, code, poster in self.share.posters()}
        record(("view", "poster", f"{event.id}:{lang}"))
        return self._posters.get((event.id, lang))

    def lastmod(self, spec: PageSpec) -> str:
        """When what the page shows last changed (the sitemap's ``lastmod``): its record's last change,
        else the content's (``Site.updated``, ``Site.last_change``)."""
        kind, record_id = spec.record
        moment = self.site.last_change if kind == "site" else self.site.updated(kind, record_id)
        return moment.astimezone(dt.UTC).isoformat(timespec="seconds")

    def feeds(self, spec: PageSpec, lang: str) -> list[dict[str, str]]:
        """The Atom feeds a page names in its head (``feeds``): a station's on its page, the summit's on
        the home page, the schedule and the recent changes (``feeds.feed_of``)."""
        kind, record_id = spec.record
        if kind == "station":
            path, name = feed_of(self.site, Locale(lang), record_id)
        elif spec.path in SUMMIT_FEED_PAGES:
            path, name = feed_of(self.site, Locale(lang))
        else:
            return []
        title = Locale(lang).t("feed.link_title", name=name)
        return [{"path": self.site.page_url(path, lang).removeprefix(self.site.base_url), "title": title}]

    def helpers(self, spec: PageSpec, lang: str) -> dict[str, Any]:
        """The functions templates call, bound to the page and its language."""
        loc = Locale(lang)
        here = posixpath.dirname(spec.path)
        stem = spec.path.removesuffix(".md")
        page_dir = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
        site_zone = self.content.site.timezone
        times = TimeText(loc, self.site.schedule)
        words = {
            "short": inline(self.content.site.short_name.get(lang)),
            "city": inline(self.content.site.host_city.get(lang)),
        }

        def rel(target: str) -> str:
            """Link from this page to ``target`` (a docs path, optionally with #anchor)."""
            path, _, anchor = target.partition("#")
            link = posixpath.relpath(path, here or ".")
            return f"{link}#{anchor}" if anchor else link

        blocks = Blocks(self.site, loc, page_dir)

        def tx(text: Text | None) -> str:
            """A text in the page's language as Markdown (``markup.in_language``)."""
            return in_language(text, loc, inline)

        def txs(texts: list[Text]) -> str:
            return loc.join([tx(text) for text in texts])

        def record_link(kind: str) -> Any:
            records = getattr(self.content, kind)

            def link(record_id: str) -> str:
                return f"[{tx(records[record_id].name)}]({rel(page_path(kind, record_id))})"

            return link

        def attrs(**values: Any) -> str:
            return " ".join(f'{k.replace("_", "-")}="{escape(v)}"' for k, v in values.items() if v is not None)

        def span(event: Event) -> str:
            t = self.site.times(event)
            begin, end = t.span(site_zone)
            zone = t.zone if t.start is not None else None  # a timed event's venue zone (the agenda names it)
            return attrs(data_start=begin.isoformat(), data_end=end.isoformat(), data_zone=zone)

        def event_data(event: Event) -> str:
            """Data attributes of an event's list item, read by the schedule filters."""
            industries = " ".join(event.industries)
            return attrs(
                data_event=event.id,
                data_year=str(event.date.year),
                data_station=" ".join(event.stations),
                data_city=slug(event.city.get("en")) if event.city else "",
                data_format=event.format or "",
                data_kind=event.kind,
                data_industry=industries,
            )

        def status_badge(event: Event) -> str:
            """The build-time status; the browser script keeps it right against the current clock.
            None for a postponed or cancelled event: its date no longer tells when it happens."""
            if event.status in ("postponed", "cancelled"):
                return ""
            now = self.site.status(event)
            labels = {f"data_{s}": loc.t(f"status.{s}") for s in ("upcoming", "now", "past")}
            label = escape(loc.t(f"status.{now}"))
            return f'<span class="summit-status summit-status--{now}" {span(event)} {attrs(**labels)}>{label}</span>'

        def viewer_time(event: Event) -> str:
            """A placeholder the browser script fills with the viewer's own local time."""
            t = self.site.times(event)
            if t.start is None:
                return ""
            label = attrs(data_label=loc.t("time.your_time"))
            return f'<span class="summit-viewer-time" {span(event)} {label} hidden></span>'

        def filters() -> list[tuple[str, list[tuple[str, str]]]]:
            """The schedule's filters: (name, [(value, label)]) for the values the events use."""
            events = self.content.events
            used = {name: {v for e in events for v in values(e)} for name, values in FILTER_VALUES.items()}
            cities = {slug(e.city.get("en")): e.city.get(lang) for e in events if e.city}
            options = {
                "year": [(str(y), loc.t("year", year=y)) for y in sorted(used["year"])],
                "station": [
                    (s.id, s.name.get(lang)) for s in self.content.stations.values() if s.id in used["station"]
                ],
                "city": sorted(cities.items(), key=lambda c: c[1]),
                "format": [(f, loc.t(f"format.{f}")) for f in ("online", "offline", "hybrid") if f in used["format"]],
                "kind": [(k, loc.t(f"kind.{k}")) for k in EVENT_KINDS if k in used["kind"]],
                "industry": [
                    (i.id, i.name.get(lang)) for i in self.content.site.industries if i.id in used["industry"]
                ],
            }
            return [(name, items) for name, items in options.items() if items]

        def calendar_file(event: Event) -> str:
            return f"calendar/events/{event.id}.ics"

        self.env.filters.update(
            station_link=record_link("stations"),
            partner_link=record_link("partners"),
            project_link=record_link("projects"),
            industry_name={i.id: i.name for i in self.content.site.industries}.__getitem__,
        )
        return dict(
            h=blocks,
            lang=lang,
            L=loc,
            t=lambda key, **values: loc.t(key, **{**words, **values}),
            tx=tx,
            txs=txs,
            md=inline,
            rel=rel,
            file_url=blocks.file_url,
            slug=slug,
            attrs=attrs,
            filters=filters,
            when=times.when,
            times=times,
            zone_label=times.zone_label,
            programme_grid=lambda event: programme_grid(event, self.site.times(event)),
            tracks=lambda event: tracks(event, lang),
            clock=lambda moment, day, zone=site_zone: clock(moment, zone, day),
            session_times=lambda event, session: self.site.times(event).session(session),
            event_times=self.site.times,
            on_site=times.on_site,
            event_data=event_data,
            status_badge=status_badge,
            viewer_time=viewer_time,
            in_calendars=in_calendars,
            calendar_file=calendar_file,
            add_links=lambda event: add_links(self.site, event, loc),
            plain=lambda text: plain_of(text, lang),
            rich=lambda text: rich(text.get(lang)) if text is not None else "",
            front_matter=lambda **values: front_matter(
                **values, image=self.card(spec, lang), lastmod=self.lastmod(spec), feeds=self.feeds(spec, lang)
            ),
            poster=lambda event: self.poster(event, lang),
            organization=lambda: organization(self.site, loc),
            feed_url=lambda path: webcal(self.site.page_url(path, lang)),
            atom_url=lambda path: self.site.page_url(path, lang),
            embed_snippet=lambda path, title: embed_snippet(self.site, path, lang, title),
            embed_height=EMBED_HEIGHT,
            json_ld=lambda event: json_ld(self.site, event, loc),
            person_ld=lambda person: person_ld(self.site, person, loc),
            dumps=dumps,
            site=self.content.site,
            content=self.content,
            now=self.site.now,
        )

    def render(self, spec: PageSpec, lang: str) -> str:
        with self.site.making(*spec.record, f"the page {localized_path(spec.path, lang)}"):
            template = self.env.get_template(spec.template)
            values = {**self.helpers(spec, lang), **spec.values(self)}
            names = context_of(spec.template)
            text = template.render({name: value for name, value in values.items() if name in names})
            return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _agenda(r: Renderer) -> dict[str, Any]:
    return {"agenda": agenda(r.content.events, r.site.status)}


def _changes(r: Renderer) -> dict[str, Any]:
    return {
        "recent": partial(changelog.recent, r.site),
        "has_history": r.site.history is not None,
        "days": changelog.DAYS,
    }


def _event(event_id: str, r: Renderer) -> dict[str, Any]:
    event = r.views.event(event_id)
    return {"event": event, "stations": [r.content.stations[s] for s in event.stations]}


def _station(station_id: str, r: Renderer) -> dict[str, Any]:
    events = r.views.station_events(station_id)
    return {"station": r.content.stations[station_id], "agenda": agenda(events, r.site.status)}


def _project(project_id: str, r: Renderer) -> dict[str, Any]:
    return {"project": r.content.projects[project_id], "events": r.views.events_by_project(project_id)}


def _person(person_id: str, r: Renderer) -> dict[str, Any]:
    return {"person": r.content.people[person_id], "appearances": r.views.sessions_by_person(person_id)}


RECORD_PAGES: dict[str, Callable[[str, Renderer], dict[str, Any]]] = {
    "event": _event,
    "station": _station,
    "project": _project,
    "person": _person,
}
"""What a record page's template gets beyond its record (``kinds``: which kinds have a page, where, with
which template); a kind not named here hands its template the record alone, as ``<kind name>``."""
LIST_PAGES: dict[str, Callable[[Renderer], dict[str, Any]]] = {"event": _agenda}
"""What a kind's list page gets (by default only what every page gets)."""


def _record(kind: Kind) -> Callable[[str, Renderer], dict[str, Any]]:
    def values(record_id: str, r: Renderer) -> dict[str, Any]:
        return {kind.name: kind.record(r.content, record_id)}

    return values


def page_specs(site: Site) -> list[PageSpec]:
    """Every page of the site, in the default language's paths. A page's context is made as it
    renders, so that what it is made of is read then (``depends``)."""
    content = site.content
    specs = [
        PageSpec("index.md", "home.md.j2", _agenda),
        PageSpec("about.md", "about.md.j2"),
        PageSpec("agenda.md", "agenda.md.j2"),
        PageSpec("changes.md", "changes.md.j2", _changes),
    ]
    for kind in KINDS:
        if kind.list_page and kind.list_template:
            specs.append(PageSpec(kind.list_page, kind.list_template, LIST_PAGES.get(kind.name)))
    with paused():
        for kind in KINDS:
            if kind.template is None:
                continue
            ids = [e.id for e in content.events] if kind is EVENTS else list(getattr(content, kind.key))
            make = RECORD_PAGES.get(kind.name) or _record(kind)
            specs += [PageSpec(kind.page_path(i), kind.template, partial(make, i), (kind.name, i)) for i in ids]
    for spec in specs:
        check_inside(spec.path)
    return specs


def check_inside(path: str) -> None:
    """Refuse an output path that would leave docs/ (ids are slugs, so this only guards mistakes)."""
    parts = path.rsplit(".", 1)[0].split("/")
    if posixpath.isabs(path) or any(not SLUG_RE.match(p) for p in parts):
        raise ValueError(f"output path outside the docs folder: {path!r}")


def read_order(path: str) -> tuple:
    """Where MkDocs reads a docs path: folders depth first in name order, a folder's files before its
    subfolders, an index first (``mkdocs.structure.files.get_files``)."""
    *folders, name = path.split("/")
    return (tuple(folders), posixpath.splitext(name)[0] not in ("index", "README"), name)


def page_jobs(site: Site) -> list[tuple[str, PageSpec, str]]:
    """(docs path, page, language) of every page, in the order a build reads them: the default
    language's pages (MkDocs), then each other language's (the i18n plugin's builds), each in
    ``read_order``."""
    specs = page_specs(site)
    jobs = [(localized_path(spec.path, lang), spec, lang) for lang in LANGUAGES for spec in specs]
    return sorted(jobs, key=lambda job: (LANGUAGES.index(job[2]), read_order(job[0])))


def render_pages(site: Site) -> dict[str, str]:
    """docs-relative path -> Markdown, for every page in every language (what MkDocs reads)."""
    renderer = Renderer(site)
    return {path: renderer.render(spec, lang) for path, spec, lang in page_jobs(site)}
