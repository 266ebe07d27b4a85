"""What each page shows when it is shared: its card (Open Graph image) and, for an upcoming event, its
poster (``cards.py`` draws them).

A card costs about 17 ms to draw (most of it reducing its colours and writing the PNG), so an archive
of 40,000 pages cannot have a card per page in a build that must stay as fast as plain MkDocs. The
pages people share get one of their own: the site's pages, the stations, the upcoming events and the
``OWN_EVENTS`` newest past ones (at seed scale, every event), and the people and projects of upcoming
events. Other projects and people and older events share their list's card (the link's title still
names the page). Only upcoming events have posters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from . import depends
from .calendar import Site
from .cards import FONTS_HELP, Card, Drawer, Poster, cjk_font
from .i18n import LANGUAGES, Locale
from .icons import mark_text
from .models import Event
from .schedule import place_of
from .timetext import TimeText, event_dates
from .timing import status

__all__ = ["OWN_EVENTS", "Share", "available", "share_files"]

OWN_EVENTS = 60
"""Past events with a card of their own (the newest); older ones share the events' card."""
PAGES = {
    "schedule.md": "schedule.title",
    "about.md": "about.title",
    "agenda.md": "agenda.title",
    "partners.md": "partners.title",
    "stations/index.md": "stations.title",
    "projects/index.md": "projects.title",
    "people/index.md": "people.title",
}
"""The site's own pages and the phrase of their title."""
OWN_SETS = {"event": "own", "person": "own_people", "project": "own_projects"}
"""The records that may have a card of their own, and the set of those that do."""
RECORDS = {
    "event": lambda content: [e.id for e in content.events],
    "person": lambda content: list(content.people),
    "project": lambda content: list(content.projects),
}
SHARED = {"event": "schedule.title", "project": "projects.title", "person": "people.title"}
"""The card a record of each kind shares when it has none of its own: its list's."""


def available() -> bool:
    """Cards and posters can be drawn on this machine (a CJK font is installed)."""
    return cjk_font(True) is not None and cjk_font(False) is not None


class Share:
    """The cards and posters of one site."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.content = site.content
        info = site.content.site
        self.host = urlsplit(site.base_url).netloc
        self.look = {
            "mark": mark_text(info),
            "primary": info.brand.primary,
            "accent": info.brand.accent,
        }
        zone = info.timezone
        past = [e for e in self.content.events if status(e, zone, site.now) == "past"]
        past.sort(key=lambda e: site.times(e).first_day, reverse=True)
        self.upcoming = [e for e in self.content.events if status(e, zone, site.now) != "past"]
        self.own = {e.id for e in self.upcoming} | {e.id for e in past[:OWN_EVENTS]}
        self.events = {e.id: e for e in self.content.events}
        # the people and projects of upcoming events, which are shared before the event
        self.own_people = {p for e in self.upcoming for s in e.sessions for p in s.people}
        self.own_projects = {p for e in self.upcoming for p in e.projects}

    def _card(self, lang: str, title: str, kind: str = "", lines: tuple[str, ...] = ()) -> Card:
        return Card(lang, title, kind, lines, self.content.site.name.get(lang), host=self.host, **self.look)

    def _phrase(self, lang: str, key: str) -> str:
        info = self.content.site
        return Locale(lang).t(key, short=info.short_name.get(lang), city=info.host_city.get(lang))

    def page(self, path: str, record: tuple[str, str], lang: str) -> Card:
        """The card of the page at docs ``path`` (default language's) about ``record``."""
        loc = Locale(lang)
        kind, record_id = record
        depends.record(("view", "look", ""))
        if kind in OWN_SETS:
            depends.record(("view", "card", f"{kind}:{record_id}"))
        if kind == "event" and record_id in self.own:
            return self.event(self.events[record_id], lang)
        if kind == "station":
            station = self.content.stations[record_id]
            place = loc.join([station.city.get(lang), station.country.get(lang)])
            return self._card(lang, station.name.get(lang), loc.t("search.kind.station"), (place,))
        if kind == "person" and record_id in self.own_people:
            person = self.content.people[record_id]
            about = loc.join([t.get(lang) for t in (person.title, person.affiliation) if t is not None])
            return self._card(lang, person.name.get(lang), loc.t("search.kind.person"), (about,) if about else ())
        if kind == "project" and record_id in self.own_projects:
            project = self.content.projects[record_id]
            station = self.content.stations[project.station].name.get(lang) if project.station else ""
            return self._card(lang, project.name.get(lang), loc.t("search.kind.project"), (station,) if station else ())
        if kind in SHARED:
            return self._card(lang, self._phrase(lang, SHARED[kind]))
        if path in PAGES:
            return self._card(lang, self._phrase(lang, PAGES[path]))
        info = self.content.site
        return self._card(
            lang, info.name.get(lang), "", (info.mission.slogan.get(lang),) if info.mission.slogan else ()
        )

    def views(self) -> dict[depends.Dep, object]:
        """What pages take from this share (``depends``): the look, which records have a card of their
        own, each upcoming event's posters."""
        found: dict[depends.Dep, object] = {("view", "look", ""): tuple(self.look.items())}
        with depends.paused():
            for kind, name in OWN_SETS.items():
                chosen = getattr(self, name)
                for record_id in RECORDS[kind](self.content):
                    found[("view", "card", f"{kind}:{record_id}")] = record_id in chosen
            for event, lang, poster in self.posters():
                found[("view", "poster", f"{event.id}:{lang}")] = poster
        return found

    def event(self, event: Event, lang: str) -> Card:
        loc = Locale(lang)
        return self._card(
            lang,
            event.title.get(lang),
            loc.t(f"kind.{event.kind}"),
            tuple(t for t in (event_dates(self.site.times(event), loc), place_of(event, loc)) if t),
        )

    def posters(self) -> Iterator[tuple[Event, str, Poster]]:
        """(event, language, poster) of every upcoming event."""
        for event in self.upcoming:
            stations = [self.content.stations[s] for s in event.stations]
            for lang in LANGUAGES:
                loc = Locale(lang)
                times = TimeText(loc, self.site.schedule)
                card = self.event(event, lang)
                yield (
                    event,
                    lang,
                    Poster(
                        lang,
                        card.title,
                        card.kind,
                        tuple(t for t in (place_of(event, loc),) if t),
                        card.site,
                        card.mark,
                        self.host,
                        card.primary,
                        card.accent,
                        url=self.site.record_url("event", event.id, lang),
                        scan=loc.t("poster.scan"),
                        times=times.lines(event, stations),
                    ),
                )

    def all_cards(self) -> list[Card]:
        """Every card the pages use (each once)."""
        from .pages import page_specs

        return list(
            dict.fromkeys(
                self.page(spec.path, spec.record, lang) for spec in page_specs(self.site) for lang in LANGUAGES
            )
        )


def share_files(site: Site, folder: Path, warn: Callable[[str], None]) -> dict[str, Path]:
    """Site path -> file (drawn into ``folder`` once) of every card and poster; none without a CJK
    font, and ``warn`` says so (the pages then keep the site's default share image)."""
    if not available():
        warn(f"no share cards or posters: no CJK font on this machine; {FONTS_HELP}")
        return {}
    share = Share(site)
    return Drawer(folder).files(share.all_cards(), [poster for _, _, poster in share.posters()])
