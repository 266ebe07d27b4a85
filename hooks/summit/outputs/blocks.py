"""HTML pieces of the landing page and of cards (raw HTML in a Markdown page: MkDocs neither converts
nor rewrites links in it, so text is escaped here and links are the built pages' own addresses)."""

from __future__ import annotations

import datetime as dt
import posixpath
from zoneinfo import ZoneInfo

from babel.dates import get_month_names
from markupsafe import escape

from ..content.images import WIDTHS, fallback_kind, file_name, shown_size, useful_widths
from ..content.kinds import language_keys, page_path
from ..content.models import Event, Picture, Session, Station, Text
from ..i18n import DEFAULT_LANGUAGE, Locale
from ..schedule.site import Site
from ..schedule.timing import utc_offset
from .markup import in_language

HERO_SIZES = "(min-width: 60em) 36rem, 100vw"
"""How wide the home page's photo is shown: beside the hero's text on a desktop, the screen's width on a phone."""


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

    def session_language(self, session: Session) -> str:
        """A session's spoken language and interpretation as a short mark (中英 · 同传) with its full name for
        screen readers and as its title; empty when the content says neither."""
        loc = self.loc
        short_keys, full_keys = language_keys(session)
        if not short_keys:
            return ""
        short, full = [loc.t(key) for key in short_keys], [loc.t(key) for key in full_keys]
        name = escape(loc.join(full))
        mark = escape(" · ".join(short))
        return (
            f'<span class="summit-lang" title="{name}"><span aria-hidden="true">{mark}</span>'
            f'<span class="summit-sr">{name}</span></span>'
        )

    def join(self, texts: list[Text | None]) -> str:
        """Texts (those that are set) in the page's language, escaped, joined as the language lists: 会场、大连."""
        return str(escape(self.loc.t("list_separator"))).join(self.text(text) for text in texts if text is not None)

    def href(self, docs_path: str) -> str:
        """The address of the page made from ``docs_path`` (``events/x.md`` -> ``events/x/``), relative
        to this page, optionally with ``#anchor``."""
        path, _, anchor = docs_path.partition("#")
        stem = path.removesuffix(".md")
        folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
        link = posixpath.relpath(folder or ".", self.page_dir or ".")
        link = "./" if link == "." else link + "/"
        return str(escape(f"{link}#{anchor}" if anchor else link))

    def record(self, kind: str, record_id: str, anchor: str | None = None) -> str:
        """The address of a record's page (``kinds.page_path``) from this page, optionally with ``#anchor``."""
        return self.href(page_path(kind, record_id) + (f"#{anchor}" if anchor else ""))

    def file_url(self, target: str) -> str:
        """The address of the data file ``target`` (a calendar, QR code or image, under the language's
        root) from this page, escaped for raw HTML: data files are put into the built site beside MkDocs,
        not read by it."""
        return str(escape(posixpath.relpath(target, self.page_dir or ".")))

    def date_block(self, event: Event, day: dt.date | None = None) -> tuple[str, str]:
        """The large and the small line of an event's date block (or of ``day``, a session's): (15, 4月)
        / (15, Apr); for a month only, (5月, 日期待定) / (May, date TBA)."""
        first = day or self.site.times(event).first_day
        month = get_month_names("abbreviated", locale=self.loc.babel)[first.month]
        if day is None and not event.date.precise:
            return month, self.loc.t("card.date_tba")
        return str(first.day), month

    def meta(self, event: Event) -> str:
        """Kind, format and stations of an event, as escaped HTML: 路演 · 线上 · 温哥华工作站."""
        parts = [self.loc.t(f"kind.{event.kind}")]
        if event.format:
            parts.append(self.loc.t(f"format.{event.format}"))
        parts += [self.site.content.stations[s].name.get(self.loc.lang) for s in event.stations]
        return str(escape(" · ".join(parts)))

    def image_url(self, target: str) -> str:
        """The address of a made image (``images/...``, at the site's root, shared by the languages)
        from this page, escaped."""
        here = self.page_dir if self.loc.lang == DEFAULT_LANGUAGE else f"{self.loc.lang}/{self.page_dir}".rstrip("/")
        return str(escape(posixpath.relpath(target, here or ".")))

    def picture(self, picture: Picture | None, role: str = "logo", *, first_screen: bool = False) -> str:
        """An editor's image in the sizes of its ``role`` (``images.WIDTHS``): WebP with a fallback, its
        width and height (no shift while it loads), its alt text; loaded lazily unless it is on the
        ``first_screen``. The hero is chosen by the width it is shown at (``srcset`` by width and
        ``sizes``), the others by the screen's density."""
        if picture is None:
            return ""
        found = self.site.content.images[picture.path]
        widths = WIDTHS[role]
        alt = "" if picture.decorative or picture.alt is None else escape(picture.alt.get(self.loc.lang))
        width, height = shown_size(found, widths[0])
        loading = 'fetchpriority="high"' if first_screen else 'loading="lazy"'
        tail = f'width="{width}" height="{height}" alt="{alt}" {loading} decoding="async">'
        if found.format == "SVG":
            return f'<img src="{self.image_url(file_name(found, widths[0], "SVG"))}" {tail}'
        made = useful_widths(found, widths)

        def srcset(kind: str) -> str:
            def one(w: int) -> str:
                real = min(w, found.width)  # never enlarged: a smaller file is its own width
                return f"{real}w" if role == "hero" else f"{round(real / width, 2):g}x"

            return ", ".join(f"{self.image_url(file_name(found, w, kind))} {one(w)}" for w in made)

        sizes = f' sizes="{HERO_SIZES}"' if role == "hero" else ""
        fallback = fallback_kind(found)
        return (
            f'<picture><source type="image/webp" srcset="{srcset("WEBP")}"{sizes}>'
            f'<img src="{self.image_url(file_name(found, widths[0], fallback))}" srcset="{srcset(fallback)}"{sizes} '
            f"{tail}</picture>"
        )

    def zone_offset(self, station: Station, with_zone: bool = True) -> str:
        """A station's UTC offset at the build and its zone (what a page without JavaScript shows in the
        place of its clock); only the offset where the zone is written beside it."""
        now = self.site.now.astimezone(ZoneInfo(station.timezone))
        return str(escape(f"{utc_offset(now)} · {station.timezone}" if with_zone else utc_offset(now)))

    def countdown(self, event: Event) -> str:
        """Attributes of an element the browser fills with the time left until ``event`` (reserved, empty:
        without JavaScript the date beside it says when)."""
        start, end = self.site.times(event).span(self.zone)
        now = escape(self.loc.t("status.now"))
        return f'data-start="{start.isoformat()}" data-end="{end.isoformat()}" data-now="{now}"'
