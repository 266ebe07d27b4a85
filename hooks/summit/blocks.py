"""HTML pieces of the landing page and of cards (raw HTML in a Markdown page: MkDocs neither converts
nor rewrites links in it, so text is escaped here and links are the built pages' own addresses)."""

from __future__ import annotations

import posixpath
from zoneinfo import ZoneInfo

from babel.dates import get_month_names
from markupsafe import escape

from .calendar import Site
from .i18n import Locale
from .images import LOGO_WIDTHS, fallback_kind, file_name, shown_size
from .markup import in_language
from .models import Event, Picture, Station, Text
from .timing import timing, utc_offset


class Blocks:
    """HTML pieces for one page (``page_dir``: its address's folder, relative to the language root)."""

    def __init__(self, site: Site, loc: Locale, page_dir: str) -> None:
        self.site = site
        self.loc = loc
        self.page_dir = page_dir
        self.zone = site.content.site.timezone

    def text(self, text: Text | None) -> str:
        """A text as escaped HTML in the page's language (``markup.in_language``)."""
        return in_language(text, self.loc, lambda value: str(escape(value)))

    def href(self, docs_path: str) -> str:
        """The address of the page made from ``docs_path`` (``events/x.md`` -> ``events/x/``), relative
        to this page, optionally with ``#anchor``."""
        path, _, anchor = docs_path.partition("#")
        stem = path.removesuffix(".md")
        folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
        link = posixpath.relpath(folder or ".", self.page_dir or ".")
        link = "./" if link == "." else link + "/"
        return str(escape(f"{link}#{anchor}" if anchor else link))

    def file_url(self, target: str) -> str:
        """The address of the data file ``target`` (a calendar, QR code or image, under the language's
        root) from this page, escaped for raw HTML: data files are put into the built site beside MkDocs,
        not read by it."""
        return str(escape(posixpath.relpath(target, self.page_dir or ".")))

    def date_block(self, event: Event) -> tuple[str, str]:
        """The large and the small line of an event's date block: (15, 4月) / (15, Apr); for a month
        only, (5月, 日期待定) / (May, date TBA)."""
        first = timing(event, self.zone).first_day
        month = get_month_names("abbreviated", locale=self.loc.babel)[first.month]
        if not event.date.precise:
            return month, self.loc.t("card.date_tba")
        return str(first.day), month

    def meta(self, event: Event) -> str:
        """Kind, format and stations of an event, as escaped HTML: 路演 · 线上 · 温哥华工作站."""
        parts = [self.loc.t(f"kind.{event.kind}")]
        if event.format:
            parts.append(self.loc.t(f"format.{event.format}"))
        parts += [self.site.content.stations[s].name.get(self.loc.lang) for s in event.stations]
        return str(escape(" · ".join(parts)))

    def picture(self, picture: Picture | None, widths: tuple[int, ...] = LOGO_WIDTHS) -> str:
        """An editor's image at its first width (the others for sharper screens): WebP with a fallback,
        its width and height (no shift while it loads), its alt text, loaded lazily."""
        if picture is None:
            return ""
        found = self.site.content.images[picture.path]
        alt = "" if picture.decorative or picture.alt is None else escape(picture.alt.get(self.loc.lang))
        width, height = shown_size(found, widths[0])
        if found.format == "SVG":
            src = self.file_url(file_name(found, widths[0], "SVG"))
            return f'<img src="{src}" width="{width}" height="{height}" alt="{alt}" loading="lazy" decoding="async">'

        def srcset(kind: str) -> str:
            return ", ".join(f"{self.file_url(file_name(found, w, kind))} {w / widths[0]:g}x" for w in widths)

        fallback = fallback_kind(found)
        return (
            f'<picture><source type="image/webp" srcset="{srcset("WEBP")}">'
            f'<img src="{self.file_url(file_name(found, widths[0], fallback))}" srcset="{srcset(fallback)}" '
            f'width="{width}" height="{height}" alt="{alt}" loading="lazy" decoding="async"></picture>'
        )

    def zone_offset(self, station: Station) -> str:
        """A station's zone and its UTC offset at the build (what a page without JavaScript shows)."""
        now = self.site.now.astimezone(ZoneInfo(station.timezone))
        return str(escape(f"{utc_offset(now)} · {station.timezone}"))

    def countdown(self, event: Event) -> str:
        """Attributes of an element the browser fills with the time left until ``event`` (reserved, empty:
        without JavaScript the date beside it says when)."""
        start, end = timing(event, self.zone).span(self.zone)
        now = escape(self.loc.t("status.now"))
        return f'data-start="{start.isoformat()}" data-end="{end.isoformat()}" data-now="{now}"'
