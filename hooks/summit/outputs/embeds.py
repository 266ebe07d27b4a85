"""Embeddable views (``stations/<id>/embed/``, ``events/<id>/embed/``, ``schedule/embed/``, and the same
under each other language's root): a page made for another website's ``<iframe>``, without the site's
header, navigation and footer.

Each is one HTML file with its styles and script inside: nothing is loaded from anywhere else. It shows
the coming events (or, when none is coming, the latest past ones), or one event with its programme;
every link opens the full page at the top level (``target="_top"``). Light or dark as the embedding page
asks (``?theme=light|dark``; by default the reader's system setting). Its script tells the embedding
page its height (``postMessage({type: "summit-embed", height})``, again when the fonts have loaded and
whenever it changes); without the host's listener, or without script, the frame keeps the height the
snippet gives (``HEIGHT``) and scrolls inside. Made for readers, not search engines: ``noindex``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..content.colours import DARK_BACKGROUND, WHITE, palette, readable_on
from ..content.models import Event
from ..i18n import Locale
from ..schedule.site import Site
from ..schedule.times import place_of
from ..schedule.timetext import TimeText
from ..schedule.views import agenda, station_events
from .exports import INLANGUAGE

__all__ = ["HEIGHT", "LISTED", "embed_files", "snippet"]

HEIGHT = 480
"""The frame's height (px) in the snippet, for a host without its listener or a reader without script."""
LISTED = 6
"""The most events a list shows (the rest: on the full page, one link away)."""
MESSAGE = "summit-embed"

SCRIPT = (
    """(function(){var q=new URLSearchParams(location.search).get("theme");
if(q==="dark"||q==="light")document.documentElement.dataset.theme=q;
var last=0;function tell(){var h=Math.ceil(document.documentElement.getBoundingClientRect().height);
if(h!==last&&window.parent!==window){last=h;window.parent.postMessage({type:"%s",height:h},"*");}}
addEventListener("load",tell);if(document.fonts)document.fonts.ready.then(tell);
if(window.ResizeObserver)new ResizeObserver(tell).observe(document.documentElement);tell();})();"""
).replace("%s", MESSAGE)

STYLE = """:root{color-scheme:light dark;--fg:#1f2328;--muted:#555b63;--bg:#fff;--line:#d8dce1;--link:%(link)s;
--badge:#8a1c1c;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"Noto Sans CJK SC","Noto Sans SC",sans-serif}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--fg:#e6e8eb;--muted:#b4bac2;
--bg:%(dark)s;--line:#444a57;--link:%(dark_link)s;--badge:#ffb4ab}}
:root[data-theme=dark]{color-scheme:dark;--fg:#e6e8eb;--muted:#b4bac2;--bg:%(dark)s;--line:#444a57;
--link:%(dark_link)s;--badge:#ffb4ab}:root[data-theme=light]{color-scheme:light}
html{background:var(--bg);color:var(--fg)}body{margin:0;padding:12px 14px}
h1{font-size:1.1em;margin:0 0 .5em}h2{font-size:.95em;margin:1em 0 .4em;color:var(--muted)}
a{color:var(--link)}ul{list-style:none;margin:0;padding:0}
li{padding:.55em 0;border-top:1px solid var(--line)}li:first-child{border-top:0}
.when,.where{display:block;color:var(--muted);font-size:.9em}.title{font-weight:600}
.badge{font-size:.8em;font-weight:600;color:var(--badge);margin-inline-start:.4em}
.more{margin:.8em 0 0;font-size:.9em}p{margin:.3em 0}
.session .when{display:inline;margin-inline-end:.5em}"""


def _style(site: Site) -> str:
    colours = palette(site.content.site.brand.primary, site.content.site.brand.accent)
    link = readable_on(colours["primary"], WHITE, "#000000")
    return STYLE % {"link": link, "dark": DARK_BACKGROUND, "dark_link": colours["dark_link"]}


class Embeds:
    """The embeddable views of one language."""

    def __init__(self, site: Site, loc: Locale) -> None:
        self.site = site
        self.loc = loc
        self.times = TimeText(loc, site.schedule)
        self.style = _style(site)

    def page(self, title: str, body: str) -> bytes:
        lang = INLANGUAGE[self.loc.lang]
        html = (
            f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            '<meta name="robots" content="noindex">\n'
            f"<title>{escape(title)}</title>\n<style>{self.style}</style>\n</head>\n"
            f"<body>\n<main>\n{body}</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
        )
        return html.encode()

    def link(self, kind: str, record_id: str, text: str) -> Markup:
        url = self.site.record_url(kind, record_id, self.loc.lang)
        return Markup(f'<a href="{escape(url)}" target="_top">{escape(text)}</a>')

    def badge(self, event: Event) -> str:
        if event.status in ("postponed", "cancelled", "unreported"):
            return f' <span class="badge">{escape(self.loc.t(f"label.{event.status}"))}</span>'
        return ""

    def item(self, event: Event) -> str:
        lang = self.loc.lang
        place = place_of(event, self.loc)
        where = f'<span class="where">{escape(place)}</span>' if place else ""
        return (
            f'<li><span class="when">{escape(self.times.when(event))}</span>'
            f'<span class="title">{self.link("event", event.id, event.title.get(lang))}</span>'
            f"{self.badge(event)}{where}</li>\n"
        )

    def listing(self, events: list[Event], heading: str, more_url: str, more: str) -> bytes:
        """Coming events, soonest first; or, when none is coming, the latest past ones."""
        plan = agenda(events, self.site.status)
        shown, title = plan.next[:LISTED], self.loc.t("schedule.upcoming")
        body = f"<h1>{escape(heading)}</h1>\n"
        if not shown:
            body += f"<p>{escape(self.loc.t('embed.none_coming'))}</p>\n"
            shown, title = plan.recent[:LISTED], self.loc.t("schedule.past")
        if shown:
            items = "".join(self.item(e) for e in shown)
            body += f"<h2>{escape(title)}</h2>\n<ul>\n{items}</ul>\n"
        body += f'<p class="more"><a href="{escape(more_url)}" target="_top">{escape(more)}</a></p>\n'
        return self.page(heading, body)

    def schedule(self) -> bytes:
        name = self.site.content.site.short_name.get(self.loc.lang)
        heading = self.loc.t("embed.schedule", short=name)
        url = self.site.page_url("schedule/", self.loc.lang)
        return self.listing(self.site.content.events, heading, url, self.loc.t("embed.all_events"))

    def station(self, station_id: str) -> bytes:
        station = self.site.content.stations[station_id]
        heading = self.loc.t("embed.station", station=station.name.get(self.loc.lang))
        url = self.site.record_url("station", station_id, self.loc.lang)
        events = station_events(self.site.content, station_id)
        return self.listing(events, heading, url, self.loc.t("embed.station_page"))

    def event(self, event: Event) -> bytes:
        lang, loc = self.loc.lang, self.loc
        title = event.title.get(lang)
        place = place_of(event, loc)
        body = f"<h1>{self.link('event', event.id, title)}{self.badge(event)}</h1>\n"
        body += f'<p class="when">{escape(self.times.when(event))}</p>\n'
        if place:
            body += f'<p class="where">{escape(place)}</p>\n'
        if event.summary is not None:
            body += f"<p>{escape(event.summary.get(lang))}</p>\n"
        if event.sessions:
            times = self.site.times(event)
            items = []
            for session in event.sessions[: LISTED * 2]:
                at = times.session(session)
                room = event.room_of(session)
                span = f"{at.start:%H:%M}–{at.end:%H:%M}"
                where = f'<span class="where">{escape(room.name.get(lang))}</span>' if room else ""
                items.append(
                    f'<li class="session"><span class="when">{escape(loc.short_day(at.start.date()))} {span}</span>'
                    f"{escape(session.title.get(lang))}{where}</li>\n"
                )
            body += f"<h2>{escape(loc.t('programme.title'))}</h2>\n<ul>\n{''.join(items)}</ul>\n"
        url = self.site.record_url("event", event.id, lang)
        body += f'<p class="more"><a href="{escape(url)}" target="_top">{escape(loc.t("embed.event_page"))}</a></p>\n'
        return self.page(title, body)


def embed_files(site: Site, loc: Locale) -> dict[str, bytes]:
    """Every embeddable view of one language, by path in the default language's form."""
    embeds = Embeds(site, loc)
    with site.making("site", "", f"the schedule's embeddable view ({loc.lang})"):
        files = {"schedule/embed/index.html": embeds.schedule()}
    for station in site.content.stations:
        with site.making("station", station, f"its embeddable view ({loc.lang})"):
            files[f"stations/{station}/embed/index.html"] = embeds.station(station)
    for event in site.content.events:
        with site.making("event", event.id, f"its embeddable view ({loc.lang})"):
            files[f"events/{event.id}/embed/index.html"] = embeds.event(event)
    return files


def snippet(site: Site, path: str, lang: str, title: str) -> str:
    """The HTML a station's own website pastes to show the view at ``path`` (``stations/x/embed/``):
    the frame, and the listener that gives it the height its page asks."""
    url = site.page_url(path, lang)
    parts = urlsplit(site.base_url)
    host = f"{parts.scheme}://{parts.netloc}"
    return (
        f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" height="{HEIGHT}" '
        'style="border:0;width:100%;max-width:100%" loading="lazy"></iframe>\n'
        "<script>\n"
        'addEventListener("message", function (e) {\n'
        f'  if (e.origin !== "{host}" || !e.data || e.data.type !== "{MESSAGE}") return;\n'
        '  document.querySelectorAll("iframe").forEach(function (f) {\n'
        '    if (f.contentWindow === e.source) f.style.height = e.data.height + "px";\n'
        "  });\n"
        "});\n"
        "</script>"
    )
