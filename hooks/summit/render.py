"""Markdown pages from Jinja templates: one template per page kind, the language a parameter."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .content import Content
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, Locale
from .models import SLUG_RE, Event, Text
from .views import agenda, project_events, station_events

TEMPLATES = Path(__file__).parent / "templates"
_CJK = r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"
_CJK_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


@dataclass(frozen=True)
class PageSpec:
    """A page to write: its path under docs/ in the default language, template and context."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


def localized_path(path: str, lang: str) -> str:
    """``events/x.md`` -> ``events/x.en.md`` for a language other than the default."""
    if lang == DEFAULT_LANGUAGE:
        return path
    return f"{path[: -len('.md')]}.{lang}.md"


def inline(text: str) -> str:
    """Text as one Markdown line: whitespace collapsed (none left between Chinese characters),
    Markdown punctuation escaped, ``<`` and ``&`` as entities."""
    text = _CJK_GAP.sub("", " ".join(text.split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


class Renderer:
    """Renders page specs in one language."""

    def __init__(self, content: Content, today: dt.date) -> None:
        self.content = content
        self.today = today
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, spec: PageSpec, lang: str) -> str:
        loc = Locale(lang)
        here = posixpath.dirname(spec.path)

        def rel(target: str) -> str:
            """Link from this page to ``target`` (a docs path, optionally with #anchor)."""
            path, _, anchor = target.partition("#")
            link = posixpath.relpath(path, here or ".")
            return f"{link}#{anchor}" if anchor else link

        def tx(text: Text | None) -> str:
            return inline(text.get(lang)) if text is not None else ""

        def when(event: Event) -> str:
            return self.when(event, loc)

        def txs(texts: list[Text]) -> str:
            return loc.join([tx(text) for text in texts])

        def record_link(kind: str) -> Any:
            records = getattr(self.content, kind)

            def link(record_id: str) -> str:
                target = f"partners.md#{record_id}" if kind == "partners" else f"{kind}/{record_id}.md"
                return f"[{tx(records[record_id].name)}]({rel(target)})"

            return link

        industries = {i.id: i.name for i in self.content.site.industries}
        site_zone = self.content.site.timezone
        site_words = {"short": tx(self.content.site.short_name), "city": tx(self.content.site.host_city)}
        self.env.filters.update(
            station_link=record_link("stations"),
            partner_link=record_link("partners"),
            project_link=record_link("projects"),
            industry_name=industries.__getitem__,
        )
        template = self.env.get_template(spec.template)
        text = template.render(
            lang=lang,
            L=loc,
            t=lambda key, **values: loc.t(key, **{**site_words, **values}),
            tx=tx,
            txs=txs,
            zone_label=lambda key: (
                f"{key}（{loc.zone(key, site_zone)}）" if lang == "zh" else f"{key} ({loc.zone(key, site_zone)})"
            ),
            md=inline,
            rel=rel,
            when=when,
            site=self.content.site,
            content=self.content,
            today=self.today,
            **spec.context,
        )
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    def when(self, event: Event, loc: Locale) -> str:
        """The event's date and time as a reader of ``loc`` reads it."""
        if not event.date.precise:
            return loc.t("date.month_tba", month=loc.month(event.date.year, event.date.month))
        first = loc.day(event.date.first_day)
        last = loc.day(event.end_date) if event.end_date and event.end_date != event.date.first_day else None
        if event.start is None:
            days = f"{first} – {last}" if last else first
            return loc.t("date.unknown_time", day=days, note=loc.t("date.time_tba"))
        start = event.start.strftime("%H:%M")
        end = event.end.strftime("%H:%M") if event.end else None
        if last:
            text = loc.t("date.day_time", day=first, time=start) + " – "
            text += loc.t("date.day_time", day=last, time=end) if end else last
        else:
            text = loc.t("date.day_time", day=first, time=f"{start}–{end}" if end else start)
        zone = loc.zone(event.timezone or self.content.site.timezone, self.content.site.timezone)
        return loc.t("date.zoned", text=text, zone=zone)


def page_specs(content: Content, today: dt.date) -> list[PageSpec]:
    """Every page of the site, in the default language's paths."""
    schedule = agenda(content.events, today)
    specs = [
        PageSpec("index.md", "home.md.j2", {"agenda": schedule}),
        PageSpec("schedule.md", "schedule.md.j2", {"agenda": schedule}),
        PageSpec("about.md", "about.md.j2"),
        PageSpec("partners.md", "partners.md.j2"),
        PageSpec("stations/index.md", "stations.md.j2"),
        PageSpec("projects/index.md", "projects.md.j2"),
    ]
    for event in content.events:
        specs.append(PageSpec(f"events/{event.id}.md", "event.md.j2", {"event": event}))
    for station in content.stations.values():
        events = agenda(station_events(content, station.id), today)
        specs.append(PageSpec(f"stations/{station.id}.md", "station.md.j2", {"station": station, "agenda": events}))
    for project in content.projects.values():
        events = project_events(content, project.id)
        specs.append(PageSpec(f"projects/{project.id}.md", "project.md.j2", {"project": project, "events": events}))
    for spec in specs:
        _check_inside(spec.path)
    return specs


def _check_inside(path: str) -> None:
    """Refuse a page path that would leave docs/ (ids are slugs, so this only guards mistakes)."""
    parts = path[: -len(".md")].split("/")
    if posixpath.isabs(path) or any(not SLUG_RE.match(p) for p in parts):
        raise ValueError(f"page path outside the docs folder: {path!r}")


def render_all(content: Content, today: dt.date) -> dict[str, str]:
    """docs-relative path -> Markdown text, for every page in every language."""
    renderer = Renderer(content, today)
    pages = {}
    for spec in page_specs(content, today):
        for lang in LANGUAGES:
            pages[localized_path(spec.path, lang)] = renderer.render(spec, lang)
    return pages
