"""The files beside the pages: calendars, JSON exports, QR codes and redirect pages of former ids."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import segno
from markupsafe import escape

from ..content.images import WIDTHS, ImageCache
from ..content.kinds import BY_KEY, EVENTS
from ..content.models import Event, pictures
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, Locale
from ..schedule.site import Site
from ..schedule.views import station_events
from .api import ApiFeeds, api_people, api_people_schema, api_schema
from .calendar import Calendars, in_calendars
from .embeds import embed_files
from .exports import INLANGUAGE, dumps, frab_schedule
from .feeds import feed_files
from .frabxml import frab_xml
from .icons import icons, manifest
from .pages import check_inside
from .screens import screen_files


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


def image_files(site: Site, images: ImageCache, linked: bool = False) -> dict[str, bytes | Path]:
    """Every editor's image in the sizes its fields need (``images.WIDTHS``), by path under the site's
    root: the languages share them (``Blocks.image_url``). ``linked``: the made files in the cache's
    folder, to be linked into the site, rather than their bytes."""
    content = site.content
    records = [content.site, *content.stations.values(), *content.partners.values(), *content.projects.values()]
    records += content.people.values()
    widths: dict[str, set[int]] = {}
    for record in [*records, *content.events]:
        for where, picture in pictures(record):
            widths.setdefault(picture.path, set()).update(WIDTHS[where[0]])
    files: dict[str, bytes | Path] = {}
    for written, sizes in widths.items():
        with site.making("site", "", f"the image {written}"):
            found, made = content.images[written], tuple(sorted(sizes))
            files.update(images.paths(found, made) if linked else images.files(found, made))
    return files


def compact(data: object) -> bytes:
    """JSON with no spaces, for a file only scripts read (an event's own feed: one per event)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def frab_files(site: Site, loc: Locale, event: Event | None = None) -> dict[str, bytes]:
    """The frab schedule as JSON and as XML (what conference apps read), from the same data: the
    summit's at the root, an event's (in its venue's zone) beside its page."""
    schedule = frab_schedule(site, loc, event)
    folder = f"events/{event.id}/" if event is not None else ""
    return {f"{folder}schedule.json": dumps(schedule).encode(), f"{folder}schedule.xml": frab_xml(schedule)}


def data_files(site: Site, lang: str, qr: QrCodes) -> dict[str, bytes]:
    """Calendars, JSON exports and QR codes of one language, by docs path in the default language's form."""
    content = site.content
    loc = Locale(lang)
    calendars = Calendars(site, loc)
    feeds = ApiFeeds(site, loc)
    short = content.site.short_name.get(lang)
    with site.making("site", "", f"the site's calendar and schedule ({lang})"):
        files = {
            "calendar/events.ics": calendars.ics(content.events, loc.t("calendar.feed_all", short=short)),
            **frab_files(site, loc),
            "api/events.json": dumps(feeds.feed(content.events)).encode(),
            "api/people.json": dumps(api_people(site, loc)).encode(),
        }
    files.update(feed_files(site, loc))
    files.update(embed_files(site, loc))
    files.update(screen_files(site, lang, qr.svg))
    for station in content.stations.values():
        with site.making("station", station.id, f"its calendar, feed and QR code ({lang})"):
            events = station_events(content, station.id)
            name = loc.t("calendar.feed_station", short=short, station=station.name.get(lang))
            files[f"calendar/stations/{station.id}.ics"] = calendars.ics(events, name)
            files[f"api/stations/{station.id}.json"] = dumps(feeds.feed(events, station.id)).encode()
            files[f"qr/stations/{station.id}.svg"] = qr.svg(site.record_url("station", station.id, lang))
    for event in content.events:
        with site.making("event", event.id, f"its calendar and QR code ({lang})"):
            if in_calendars(event):
                files[f"calendar/events/{event.id}.ics"] = calendars.ics([event], event.title.get(lang), sessions=True)
                for session in event.sessions:
                    name = f"{session.title.get(lang)} · {event.title.get(lang)}"
                    entry = calendars.ics_of([calendars.session(event, session)], name)
                    files[f"calendar/events/{event.id}/{session.id}.ics"] = entry
            if event.sessions and in_calendars(event):
                files.update(frab_files(site, loc, event))
            files[f"api/events/{event.id}.json"] = compact(feeds.feed([event]))
            files[f"qr/events/{event.id}.svg"] = qr.svg(site.record_url("event", event.id, lang))
    with site.making("site", "", f"the icons and the web app manifest ({lang})"):
        logo = content.images[content.site.logo.path] if content.site.logo else None
        files.update(icons(content.site, logo))
        files["manifest.webmanifest"] = manifest(content.site, lang, logo)
    for path in files:
        check_inside(path)
    if lang == DEFAULT_LANGUAGE:
        files["api/events.schema.json"] = dumps(api_schema()).encode()
        files["api/people.schema.json"] = dumps(api_people_schema()).encode()
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
    for key, aliases in site.content.aliases.items():
        kind = BY_KEY[key]
        records = site.content.events if kind is EVENTS else list(getattr(site.content, key).values())
        by_id = {r.id: r for r in records}
        for old, new in aliases.items():
            former = kind.address(old)
            with site.making(kind.name, new, f"the redirect from {former} ({lang})"):
                check_inside(f"{former}index.html")
                name = getattr(by_id[new], kind.title).get(lang)
                html = REDIRECT.format(
                    lang=INLANGUAGE[lang],
                    title=escape(name),
                    canonical=escape(site.record_url(kind.name, new, lang)),
                    target=f"../{new}/",
                )
                files[f"{former}index.html"] = html.encode()
    return files


IMAGES = ImageCache()
"""Images made in this process, when no folder keeps them between builds."""


def data_at(
    site: Site,
    qr: QrCodes | None,
    where: Callable[[str, str], str],
    images: ImageCache | None = None,
    linked: bool = False,
) -> dict[str, bytes | Path]:
    """Every calendar, export, QR code and redirect page in every language, at ``where(path, lang)``,
    and the images once, at the default language's place (``linked``: see ``image_files``)."""
    qr = qr or QrCodes()
    files: dict[str, bytes | Path] = {
        where(path, lang): data
        for lang in LANGUAGES
        for path, data in {**data_files(site, lang, qr), **redirects(site, lang)}.items()
    }
    for path, data in image_files(site, images or IMAGES, linked).items():
        check_inside(path)
        files[where(path, DEFAULT_LANGUAGE)] = data
    return files


def render_data(
    site: Site, qr: QrCodes | None = None, images: ImageCache | None = None, linked: bool = False
) -> dict[str, bytes | Path]:
    """Path in the built site -> bytes, for every calendar, export, QR code and redirect page in every
    language (the default language at the root, another under /<lang>/) and every image (at the root);
    ``qr`` and ``images`` keep what they made between builds when they have a folder; ``linked``: an
    image is given as its file in ``images``' folder (to link into the site), not as bytes."""

    def where(path: str, lang: str) -> str:
        return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"

    return data_at(site, qr, where, images, linked)
