"""Markdown pages from Jinja templates (one per page kind, the language a parameter), and the files
that go beside them: calendars and JSON exports."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import posixpath
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import nh3
import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from .calendar import Calendars, Site, add_links, in_calendars, webcal
from .exports import INLANGUAGE, api_feed, api_schema, dumps, frab_schedule, json_ld, organization
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, Locale
from .models import SLUG_RE, Event, EventKind, Station, Text
from .texts import tidy
from .timetext import TimeText
from .timing import status, timing
from .views import agenda, events_by_project, station_events

TEMPLATES = Path(__file__).parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|{}#])")


@dataclass(frozen=True)
class PageSpec:
    """A page to write: its path under docs/ in the default language, template and context (or what
    makes the context when the page is rendered: listing the pages stays cheap)."""

    path: str
    template: str
    context: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)
    record: tuple[str, str] = ("site", "")
    """The record the page is about (kind, id): a failure names it."""

    def values(self) -> dict[str, Any]:
        return self.context() if callable(self.context) else self.context


KINDS = typing.get_args(EventKind)
FILTER_VALUES = {
    "year": lambda e: [e.date.year],
    "station": lambda e: e.stations,
    "format": lambda e: [e.format] if e.format else [],
    "kind": lambda e: [e.kind],
    "industry": lambda e: e.industries,
}


def localized_path(path: str, lang: str) -> str:
    """``events/x.md`` -> ``events/x.en.md`` (any extension) for a language other than the default."""
    if lang == DEFAULT_LANGUAGE:
        return path
    stem, _, ext = path.rpartition(".")
    return f"{stem}.{lang}.{ext}"


def inline(text: str) -> str:
    """Text as one Markdown line: whitespace collapsed (none left between Chinese characters),
    Markdown punctuation escaped, ``<`` and ``&`` as entities."""
    text = tidy(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


RICH_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def rich(markdown_text: str) -> str:
    """An editor's Markdown as sanitised HTML: an allow-list of tags, ``href`` only on links and only to
    http(s), mailto or relative addresses, ``rel="noopener noreferrer"`` on every link; no script,
    no event handler, no style, no iframe."""
    html = markdown.markdown(markdown_text, extensions=["tables"], output_format="html")
    clean = nh3.clean(
        html,
        tags=RICH_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    lines = [line for line in clean.splitlines() if line.strip()]
    return '<div class="summit-body">\n' + "\n".join(lines) + "\n</div>" if lines else ""


def plain(text: str, limit: int = 160) -> str:
    """Text for a meta description: one line, no space between Chinese characters, at most ``limit``."""
    text = tidy(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def front_matter(**values: Any) -> str:
    """A YAML front matter block (JSON values are YAML) of the values that are set."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n" if lines else ""


class QrCodes:
    """QR codes as SVG (vector: sharp on screen and at any print size), made once per address: kept in
    memory for the process (``make serve``) and, when given a folder, on disk between builds."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._made: dict[str, bytes] = {}

    def svg(self, url: str) -> bytes:
        if url in self._made:
            return self._made[url]
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        cached = self.folder / f"{key}.svg" if self.folder else None
        if cached is not None and cached.is_file():
            data = cached.read_bytes()
        else:
            out = io.BytesIO()
            code = segno.make(url, error="m", mask=0, boost_error=False)  # a fixed mask: 10 times faster
            code.save(out, kind="svg", border=4, xmldecl=False, title=url, omitsize=True)  # viewBox: any size
            data = out.getvalue()
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(data)
        self._made[url] = data
        return data


def slug(text: str) -> str:
    """A filter value for free text such as a city: lowercase words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "other"


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


class Renderer:
    """Renders page specs in one language."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.content = site.content
        self.env = _environment()

    def helpers(self, spec: PageSpec, lang: str) -> dict[str, Any]:
        """The functions templates call, bound to the page and its language."""
        loc = Locale(lang)
        here = posixpath.dirname(spec.path)
        stem = spec.path.removesuffix(".md")
        page_dir = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
        site_zone = self.content.site.timezone
        times = TimeText(loc, site_zone)
        words = {
            "short": inline(self.content.site.short_name.get(lang)),
            "city": inline(self.content.site.host_city.get(lang)),
        }

        def rel(target: str) -> str:
            """Link from this page to ``target`` (a docs path, optionally with #anchor)."""
            path, _, anchor = target.partition("#")
            link = posixpath.relpath(path, here or ".")
            return f"{link}#{anchor}" if anchor else link

        def file_url(target: str) -> str:
            """Address of the data file ``target`` (calendar, QR code) from this page's address, for raw
            HTML: data files are put into the built site beside MkDocs, not read by it."""
            return escape(posixpath.relpath(target, page_dir or "."))

        def tx(text: Text | None) -> str:
            """A text in the page's language; the Chinese, marked as such, while the English is pending."""
            if text is None:
                return ""
            if text.pending(lang):
                note = escape(loc.t("translation.pending"))
                return f'<span lang="zh-Hans">{inline(text.zh)}</span> <small class="summit-pending">({note})</small>'
            return inline(text.get(lang))

        def txs(texts: list[Text]) -> str:
            return loc.join([tx(text) for text in texts])

        def record_link(kind: str) -> Any:
            records = getattr(self.content, kind)

            def link(record_id: str) -> str:
                target = f"partners.md#{record_id}" if kind == "partners" else f"{kind}/{record_id}.md"
                return f"[{tx(records[record_id].name)}]({rel(target)})"

            return link

        def attrs(**values: Any) -> str:
            return " ".join(f'{k.replace("_", "-")}="{escape(v)}"' for k, v in values.items() if v is not None)

        def span(event: Event) -> str:
            begin, end = timing(event, site_zone).span(site_zone)
            return attrs(data_start=begin.isoformat(), data_end=end.isoformat())

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
            now = status(event, site_zone, self.site.now)
            labels = {f"data_{s}": loc.t(f"status.{s}") for s in ("upcoming", "now", "past")}
            label = escape(loc.t(f"status.{now}"))
            return f'<span class="summit-status summit-status--{now}" {span(event)} {attrs(**labels)}>{label}</span>'

        def viewer_time(event: Event) -> str:
            """A placeholder the browser script fills with the viewer's own local time."""
            t = timing(event, site_zone)
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
                "kind": [(k, loc.t(f"kind.{k}")) for k in KINDS if k in used["kind"]],
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
            lang=lang,
            L=loc,
            t=lambda key, **values: loc.t(key, **{**words, **values}),
            tx=tx,
            txs=txs,
            md=inline,
            rel=rel,
            file_url=file_url,
            slug=slug,
            attrs=attrs,
            filters=filters,
            when=times.when,
            times=times,
            zone_label=times.zone_label,
            event_data=event_data,
            status_badge=status_badge,
            viewer_time=viewer_time,
            in_calendars=in_calendars,
            calendar_file=calendar_file,
            add_links=lambda event: add_links(self.site, event, loc),
            plain=lambda text: plain(text.get(lang)) if text is not None else "",
            rich=lambda text: rich(text.get(lang)) if text is not None else "",
            front_matter=front_matter,
            organization=lambda: organization(self.site, loc),
            feed_url=lambda path: webcal(self.site.page_url(path, lang)),
            json_ld=lambda event: json_ld(self.site, event, loc),
            dumps=dumps,
            site=self.content.site,
            content=self.content,
            now=self.site.now,
        )

    def render(self, spec: PageSpec, lang: str) -> str:
        with self.site.making(*spec.record, f"the page {localized_path(spec.path, lang)}"):
            template = self.env.get_template(spec.template)
            text = template.render(**self.helpers(spec, lang), **spec.values())
            return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def page_specs(site: Site) -> list[PageSpec]:
    """Every page of the site, in the default language's paths."""
    content = site.content
    zone = content.site.timezone
    schedule = functools.cache(lambda: {"agenda": agenda(content.events, site.now, zone)})
    specs = [
        PageSpec("index.md", "home.md.j2", schedule),
        PageSpec("schedule.md", "schedule.md.j2", schedule),
        PageSpec("about.md", "about.md.j2"),
        PageSpec("partners.md", "partners.md.j2"),
        PageSpec("stations/index.md", "stations.md.j2"),
        PageSpec("projects/index.md", "projects.md.j2"),
    ]
    for event in content.events:
        stations = [content.stations[s] for s in event.stations]
        context = {"event": event, "stations": stations}
        specs.append(PageSpec(f"events/{event.id}.md", "event.md.j2", context, ("event", event.id)))
    for station in content.stations.values():

        def station_context(station: Station = station) -> dict[str, Any]:
            return {"station": station, "agenda": agenda(station_events(content, station.id), site.now, zone)}

        specs.append(PageSpec(f"stations/{station.id}.md", "station.md.j2", station_context, ("station", station.id)))
    presented = events_by_project(content)
    for project in content.projects.values():
        events = presented.get(project.id, [])
        context = {"project": project, "events": events}
        specs.append(PageSpec(f"projects/{project.id}.md", "project.md.j2", context, ("project", project.id)))
    for spec in specs:
        _check_inside(spec.path)
    return specs


def _check_inside(path: str) -> None:
    """Refuse an output path that would leave docs/ (ids are slugs, so this only guards mistakes)."""
    parts = path.rsplit(".", 1)[0].split("/")
    if posixpath.isabs(path) or any(not SLUG_RE.match(p) for p in parts):
        raise ValueError(f"output path outside the docs folder: {path!r}")


def data_files(site: Site, lang: str, qr: QrCodes) -> dict[str, bytes]:
    """Calendars, JSON exports and QR codes of one language, by docs path in the default language's form."""
    content = site.content
    loc = Locale(lang)
    calendars = Calendars(site, loc)
    short = content.site.short_name.get(lang)
    with site.making("site", "", f"the site's calendar and schedule ({lang})"):
        files = {
            "calendar/events.ics": calendars.ics(content.events, loc.t("calendar.feed_all", short=short)),
            "schedule.json": dumps(frab_schedule(site, loc)).encode(),
            "api/events.json": dumps(api_feed(site, loc, content.events)).encode(),
        }
    for station in content.stations.values():
        with site.making("station", station.id, f"its calendar, feed and QR code ({lang})"):
            events = station_events(content, station.id)
            name = loc.t("calendar.feed_station", short=short, station=station.name.get(lang))
            files[f"calendar/stations/{station.id}.ics"] = calendars.ics(events, name)
            files[f"api/stations/{station.id}.json"] = dumps(api_feed(site, loc, events, station.id)).encode()
            files[f"qr/stations/{station.id}.svg"] = qr.svg(site.page_url(f"stations/{station.id}/", lang))
    for event in content.events:
        with site.making("event", event.id, f"its calendar and QR code ({lang})"):
            if in_calendars(event):
                files[f"calendar/events/{event.id}.ics"] = calendars.ics([event], event.title.get(lang))
            files[f"qr/events/{event.id}.svg"] = qr.svg(site.page_url(f"events/{event.id}/", lang))
    for path in files:
        _check_inside(path)
    if lang == DEFAULT_LANGUAGE:
        files["api/events.schema.json"] = dumps(api_schema()).encode()
    return files


REDIRECT = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{title}</a></p>
<script>location.replace("{target}" + location.search + location.hash);</script>
</body>
</html>
"""


def redirects(site: Site, lang: str) -> dict[str, bytes]:
    """A page at every former id of a record that sends the reader on to the record's page."""
    files = {}
    for kind, aliases in site.content.aliases.items():
        records = site.content.events if kind == "events" else list(getattr(site.content, kind).values())
        by_id = {r.id: r for r in records}
        for old, new in aliases.items():
            with site.making(kind[:-1], new, f"the redirect from {kind}/{old}/ ({lang})"):
                _check_inside(f"{kind}/{old}.html")
                record = by_id[new]
                name = (record.title if kind == "events" else record.name).get(lang)
                html = REDIRECT.format(
                    lang=INLANGUAGE[lang],
                    title=escape(name),
                    canonical=escape(site.page_url(f"{kind}/{new}/", lang)),
                    target=f"../{new}/",
                )
                files[f"{kind}/{old}/index.html"] = html.encode()
    return files


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


def _data(site: Site, qr: QrCodes | None, where: Callable[[str, str], str]) -> dict[str, bytes]:
    """Every calendar, export, QR code and redirect page in every language, at ``where(path, lang)``."""
    qr = qr or QrCodes()
    return {
        where(path, lang): data
        for lang in LANGUAGES
        for path, data in {**data_files(site, lang, qr), **redirects(site, lang)}.items()
    }


def render_data(site: Site, qr: QrCodes | None = None) -> dict[str, bytes]:
    """Path in the built site -> bytes, for every calendar, export, QR code and redirect page in every
    language (the default language at the root, another under /<lang>/)."""
    return _data(site, qr, lambda path, lang: path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}")


def render_all(site: Site, qr: QrCodes | None = None) -> dict[str, str | bytes]:
    """docs-relative path -> content, for every page and data file in every language (the files a
    standalone `summit generate` writes into docs/)."""
    return {**render_pages(site), **_data(site, qr, localized_path)}
