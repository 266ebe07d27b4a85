"""Atom feeds (RFC 4287) of the summit's events, per language: the whole summit (``feeds/events.xml``)
and each station (``feeds/stations/<id>.xml``).

An entry per event, the latest changed first (``FEED_ENTRIES`` at most): its title with its status when
it is postponed, cancelled or not reported (so a follower sees the change in the title), when and where
it is, its summary, and the page's address. ``updated`` is when the event last changed, ``published``
when it was added (the content's history; the build's time where there is none). Ids are tag URIs made
of the site's host and the event's first id: the same in every build, and after a rename.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from ..content.models import Event
from ..i18n import Locale
from ..schedule.site import Site, origin
from ..schedule.times import place_of
from ..schedule.timetext import TimeText
from ..schedule.timing import UTC
from ..schedule.views import station_events
from .exports import INLANGUAGE
from .markup import plain_of

__all__ = ["FEED_ENTRIES", "atom", "feed_files", "feed_of"]

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 100
"""The most entries a feed holds (the most recently changed events)."""
MARKED = ("postponed", "cancelled", "unreported")
"""Statuses a feed's entry names in its title."""


def _time(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


class Feeds:
    """The feeds of one language."""

    def __init__(self, site: Site, loc: Locale) -> None:
        self.site = site
        self.loc = loc
        self.times = TimeText(loc, site.schedule)
        host = urlsplit(site.base_url).hostname or "localhost"
        founded = min((m.year for m in site.content.site.history), default=2000)
        self.tag = f"tag:{host},{founded}:"

    def title(self, event: Event) -> str:
        title = event.title.get(self.loc.lang)
        if event.status in MARKED:
            return self.loc.t("feed.status_title", status=self.loc.t(f"label.{event.status}"), title=title)
        return title

    def entry(self, feed: ET.Element, event: Event) -> None:
        site, lang = self.site, self.loc.lang
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{self.tag}{lang}/events/{origin(event)}")
        _sub(entry, "title", self.title(event), type="text")
        _sub(entry, "updated", _time(site.updated("event", event.id)))
        _sub(entry, "published", _time(site.added("event", event.id)))
        _sub(entry, "link", rel="alternate", type="text/html", href=site.record_url("event", event.id, lang))
        _sub(entry, "category", term=event.kind, label=self.loc.t(f"kind.{event.kind}"))
        line = self.loc.join([p for p in (self.times.when(event), place_of(event, self.loc)) if p])
        summary = plain_of(event.summary, lang)
        _sub(entry, "summary", f"{line}\n\n{summary}" if summary else line, type="text")

    def feed(self, events: list[Event], title: str, path: str, page: str) -> bytes:
        """A feed of ``events`` named ``title``, at ``path`` (in the default language's form), the
        feed of the page at ``page`` (a docs path's address)."""
        site, lang = self.site, self.loc.lang
        ordered = sorted(events, key=lambda e: (-site.updated("event", e.id).timestamp(), e.id))[:FEED_ENTRIES]
        feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": INLANGUAGE[lang]})
        _sub(feed, "id", f"{self.tag}{lang}/{path.removesuffix('.xml')}")
        _sub(feed, "title", title, type="text")
        _sub(feed, "subtitle", site.content.site.name.get(lang), type="text")
        latest = max((site.updated("event", e.id) for e in ordered), default=site.last_change)
        _sub(feed, "updated", _time(latest))
        _sub(feed, "link", rel="self", type="application/atom+xml", href=site.page_url(path, lang))
        _sub(feed, "link", rel="alternate", type="text/html", href=site.page_url(page, lang))
        author = _sub(feed, "author")
        _sub(author, "name", site.content.site.name.get(lang))
        _sub(author, "uri", site.page_url("", lang))
        for event in ordered:
            with site.making("event", event.id, f"its feed entry ({lang})"):
                self.entry(feed, event)
        ET.indent(feed)
        return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_of(site: Site, loc: Locale, station: str | None = None) -> tuple[str, str]:
    """(path in the default language's form, title) of the summit's feed, or a station's."""
    short = site.content.site.short_name.get(loc.lang)
    if station is None:
        return "feeds/events.xml", loc.t("calendar.feed_all", short=short)
    name = site.content.stations[station].name.get(loc.lang)
    return f"feeds/stations/{station}.xml", loc.t("calendar.feed_station", short=short, station=name)


def atom(site: Site, loc: Locale, station: str | None = None) -> tuple[str, bytes]:
    """(path, bytes) of the summit's feed, or a station's."""
    path, title = feed_of(site, loc, station)
    if station is None:
        return path, Feeds(site, loc).feed(site.content.events, title, path, "schedule/")
    events = station_events(site.content, station)
    return path, Feeds(site, loc).feed(events, title, path, f"stations/{station}/")


EMPTY_SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b"<!-- No pages here: the theme asks for a sitemap beside every rel=alternate link, the feeds' too. -->\n"
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)


def feed_files(site: Site, loc: Locale) -> dict[str, bytes]:
    """Every Atom feed of one language, by path in the default language's form (and an empty sitemap in
    each feeds folder: the theme looks for one beside every alternate link of a page's head)."""
    files = dict([atom(site, loc)])
    files["feeds/sitemap.xml"] = files["feeds/stations/sitemap.xml"] = EMPTY_SITEMAP
    for station in site.content.stations:
        with site.making("station", station, f"its feed ({loc.lang})"):
            files.update([atom(site, loc, station)])
    return files
