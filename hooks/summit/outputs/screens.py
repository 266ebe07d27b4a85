"""The halls' screens (``events/<id>/screen/``, and the same under each other language's root): for an
event with a programme, a page for a 1920 x 1080 screen in a lobby, showing each room's session now and
the next, in Chinese and English together (the page's language first), the venue's clock and the
event's QR code.

One HTML file, its style and script inside (``screen.css``, ``screen.js`` beside this module), nothing
from another host, well under 100 KB. The programme is written into the page as JSON; the script moves on
by the clock (it works "now" out from the clock at each minute, not by counting its timers) without
reloading, and takes content changes by fetching the event's two ``api/events/<id>.json`` files (zh and
en) every ``REFRESH`` seconds. Venue times are read at the offsets the build worked out with the pinned
zone rules (``2030-07-10T09:00:00+08:00``), so a kiosk browser with older zone data shows the same hour.
On a day without sessions it says so, with the programme's days and the summit's other events of that
day (those within ``AROUND`` days of the programme). ``?theme=dark|light`` (else the screen's setting).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from markupsafe import escape

from ..content.models import Event
from ..i18n import LANGUAGES, Locale
from ..schedule.site import Site
from ..schedule.times import place_of
from ..schedule.timetext import TimeText, event_dates
from .exports import INLANGUAGE
from .icons import favicon

__all__ = ["AROUND", "REFRESH", "screen_files", "screen_page"]

REFRESH = 300
"""Seconds between two fetches of the event's api files."""
AROUND = 3
"""The summit's other events within this many days of the programme are written into the page."""
WORDS = ("now", "next", "all", "free", "ended", "none", "also", "scan")


def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _json(data: object) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` or ``<!--`` can end or open anything."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _others(site: Site, event: Event) -> list[dict[str, Any]]:
    """The summit's other events with a day, within ``AROUND`` days of ``event``'s programme (not those
    postponed or cancelled), each in both languages."""
    mine = site.times(event)
    first, last = mine.first_day - dt.timedelta(days=AROUND), mine.last_day + dt.timedelta(days=AROUND)
    locales = [Locale(lang) for lang in LANGUAGES]
    texts = [TimeText(loc, site.schedule) for loc in locales]
    found = []
    for other in site.content.events:
        t = site.times(other)
        if other.id == event.id or other.status in ("postponed", "cancelled") or t.precision == "month":
            continue
        if t.last_day < first or t.first_day > last:
            continue
        found.append(
            {
                "first": t.first_day.isoformat(),
                "last": t.last_day.isoformat(),
                "title": {loc.lang: other.title.get(loc.lang) for loc in locales},
                "when": {loc.lang: text.when(other) for loc, text in zip(locales, texts, strict=True)},
                "place": {loc.lang: place_of(other, loc) for loc in locales},
            }
        )
    return found


def screen_data(site: Site, event: Event, lang: str) -> dict[str, Any]:
    """What the page's script reads: the event, its rooms and sessions, the words of both languages."""
    times = site.times(event)
    rooms = {room.id: index for index, room in enumerate(event.rooms)}
    sessions = []
    for session in event.sessions:
        at = times.session(session)
        sessions.append(
            {
                "id": session.id,
                "start": at.start.isoformat(),
                "end": at.end.isoformat(),
                "room": rooms.get(session.room or ""),
                "title": {code: session.title.get(code) for code in LANGUAGES},
                "language": session.language,
                "interpretation": list(session.interpretation),
            }
        )
    city = {code: event.city.get(code) if event.city else None for code in LANGUAGES}
    words: dict[str, dict[str, Any]] = {}
    for code in LANGUAGES:
        loc = Locale(code)
        words[code] = {key: loc.t(f"screen.{key}") for key in WORDS}
        words[code]["zone"] = loc.zone(times.zone, site.content.site.timezone, city[code])
        words[code]["days"] = loc.t("screen.days", days=event_dates(times, loc))
        words[code]["mark"] = {
            **{spoken: loc.t(f"spoken.short.{spoken}") for spoken in ("zh", "en", "zh-en")},
            "interp": loc.t("interpret.short"),
        }
    root = "../../../" + ("" if lang == LANGUAGES[0] else "../")
    return {
        "lang": lang,
        "order": [lang, *(code for code in LANGUAGES if code != lang)],
        "title": {code: event.title.get(code) for code in LANGUAGES},
        "rooms": [{code: room.name.get(code) for code in LANGUAGES} for room in event.rooms],
        "sessions": sessions,
        "others": _others(site, event),
        "words": words,
        "feeds": {
            code: f"{root}{'' if code == LANGUAGES[0] else code + '/'}api/events/{event.id}.json" for code in LANGUAGES
        },
        "refresh": REFRESH,
    }


def screen_page(site: Site, event: Event, lang: str, qr_svg: bytes) -> bytes:
    """The screen page of ``event`` in ``lang`` (its language first, the other beside it)."""
    loc = Locale(lang)
    title = f"{event.title.get(lang)} · {loc.t('screen.title')}"
    url = site.record_url("event", event.id, lang)
    data = _json(screen_data(site, event, lang))
    content = site.content
    logo = content.images.get(content.site.logo.path) if content.site.logo else None
    icon, icon_type = favicon(logo)  # the language root's (else the browser asks for /favicon.ico)
    qr = qr_svg.decode()
    html = (
        f'<!doctype html>\n<html lang="{INLANGUAGE[lang]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<link rel="icon" href="../../../{icon}" type="{icon_type}">\n'
        f"<title>{escape(title)}</title>\n<style>{_asset('screen.css')}</style>\n</head>\n<body>\n"
        '<header class="top">\n<div class="event"><h1 id="title"></h1><p id="subtitle"></p></div>\n'
        '<div class="clock"><p id="clock" aria-live="off"></p><p id="date"></p></div>\n'
        f'<figure class="qr">{qr}<figcaption id="scan"></figcaption></figure>\n</header>\n'
        '<p id="banner" class="banner" hidden></p>\n<main id="rooms" class="rooms"></main>\n'
        f'<noscript><p class="none"><a href="{escape(url)}">{escape(event.title.get(lang))}</a></p></noscript>\n'
        f'<script type="application/json" id="screen-data">{data}</script>\n'
        f"<script>{_asset('screen.js')}</script>\n</body>\n</html>\n"
    )
    return html.encode()


def screen_files(site: Site, lang: str, qr_svg: Callable[[str], bytes]) -> dict[str, bytes]:
    """The screen page of every event with a programme, in ``lang``, by path in the default language's
    form. ``qr_svg(url)`` makes the QR code of an address (``datafiles.QrCodes.svg``)."""
    made = {}
    for event in site.content.events:
        if not event.sessions:
            continue
        with site.making("event", event.id, f"its halls' screen ({lang})"):
            code = qr_svg(site.record_url("event", event.id, lang))
            made[f"events/{event.id}/screen/index.html"] = screen_page(site, event, lang, code)
    return made
