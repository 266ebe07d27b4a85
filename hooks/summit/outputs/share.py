"""What each page shows when it is shared: its card (Open Graph image) and, for an upcoming event, its
poster (``cards.py`` draws them).

A card costs about 17 ms to draw (most of it reducing its colours and writing the PNG), so an archive
of 40,000 pages cannot have a card per page in a build that must stay as fast as plain MkDocs. The
pages people share get one of their own: the site's pages, the stations, the upcoming events and the
``OWN_EVENTS`` newest past ones (at seed scale, every event), and the people and projects of upcoming
events. Other projects and people and older events share their list's card (the link's title still
names the page). Which records those are is each kind's ``card`` (``kinds``); what a card says of a
record, its ``card_lines``. Only upcoming events have posters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ..build import depends
from ..content.kinds import BY_NAME, EVENTS, KINDS, Kind
from ..content.models import Event, Session, Text
from ..i18n import LANGUAGES, Locale
from ..schedule.site import Site
from ..schedule.times import place_of
from ..schedule.timetext import TimeText, event_dates
from .cards import FONTS_HELP, Card, Drawer, Poster, cjk_font
from .icons import mark_text

__all__ = ["OWN_EVENTS", "Share", "available", "share_files"]

OWN_EVENTS = 60
"""Past events with a card of their own (the newest); older ones share the events' card."""
PAGES = {
    "about.md": "about.title",
    "agenda.md": "agenda.title",
    **{kind.list_page: f"{kind.list_name}.title" for kind in KINDS if kind.list_page},
}
"""The site's own pages and the phrase of their title."""
CHOSEN = {kind.name for kind in KINDS if kind.card in ("current", "of-upcoming")}
"""The kinds of which some records have a card of their own and the others their list's."""


class _Say:
    """What a card says of a record, in one language, as plain text (``kinds.Say``)."""

    def __init__(self, site: Site, lang: str) -> None:
        self.site, self.lang, self.loc = site, lang, Locale(lang)

    def text(self, text: Text | None) -> str:
        return text.get(self.lang) if text is not None else ""

    def names(self, texts: Iterable[Text | None]) -> str:
        return self.loc.join([t.get(self.lang) for t in texts if t is not None])

    rich = text

    def phrases(self, keys: Iterable[str]) -> str:
        return self.loc.join([self.loc.t(key) for key in keys])

    def name(self, kind: str, record_id: str) -> Text:
        return BY_NAME[kind].name_of(self.site.content, record_id)

    def industry(self, industry_id: str) -> Text | None:
        return next((i.name for i in self.site.content.site.industries if i.id == industry_id), None)

    def dates(self, event: Event) -> str:
        return event_dates(self.site.times(event), self.loc)

    def place(self, event: Event) -> str:
        return place_of(event, self.loc)

    def appearances(self, person_id: str) -> list[tuple[Event, Session]]:
        return []


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
        past = [e for e in self.content.events if site.status(e) == "past"]
        past.sort(key=lambda e: site.times(e).first_day, reverse=True)
        self.upcoming = [e for e in self.content.events if site.status(e) != "past"]
        own_events = {e.id for e in self.upcoming} | {e.id for e in past[:OWN_EVENTS]}
        self.events = {e.id: e for e in self.content.events}
        # the people and projects of upcoming events, which are shared before the event
        self.own = {kind.name: own_events if kind.card == "current" else self._named(kind) for kind in KINDS}

    def _named(self, kind: Kind) -> set[str]:
        """The ids of the records of ``kind`` an upcoming event names."""
        return {i for event in self.upcoming for i in kind.in_event(event)} if kind.in_event else set()

    def has_own(self, kind: str, record_id: str) -> bool:
        """True when the page of the record has a card of its own."""
        return BY_NAME[kind].card == "every" or record_id in self.own.get(kind, ())

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
        of = BY_NAME.get(kind)
        if kind in CHOSEN:
            depends.record(("view", "card", f"{kind}:{record_id}"))
        if of is not None and of.card is not None and self.has_own(kind, record_id):
            if of is EVENTS:
                return self.event(self.events[record_id], lang)
            item = of.record(self.content, record_id)
            lines = tuple(line for line in of.card_lines(item, _Say(self.site, lang)) if line) if of.card_lines else ()
            return self._card(lang, getattr(item, of.title).get(lang), loc.t(of.label(item)), lines)
        if of is not None and of.list_page:
            return self._card(lang, self._phrase(lang, f"{of.list_name}.title"))
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
            for kind in KINDS:
                if kind.name in CHOSEN:
                    chosen = self.own[kind.name]
                    for record in kind.records(self.content):
                        found[("view", "card", f"{kind.name}:{record.id}")] = record.id in chosen
            for event, lang, poster in self.posters():
                found[("view", "poster", f"{event.id}:{lang}")] = poster
        return found

    def event(self, event: Event, lang: str) -> Card:
        assert EVENTS.card_lines is not None
        lines = tuple(line for line in EVENTS.card_lines(event, _Say(self.site, lang)) if line)
        return self._card(lang, event.title.get(lang), Locale(lang).t(EVENTS.label(event)), lines)

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
