"""Site search: one search document per page and language, indexed by Pagefind into per-language shards
that a visitor's browser loads on demand (a query downloads only the shards of its own terms).

Chinese is written without spaces, and a word segmenter splits names it does not know (海创周, 赛伯乐)
one way when the site is indexed and another way in the visitor's browser, so such a name is never
found; nor is a word inside a longer one (智能 in 人工智能). Indexing single characters instead finds
everything but costs too much at archive scale: a common character is on nearly every page, several
times, and a query of four of them downloads their four large shards. So each document carries, beside
its text, the set of its Chinese character pairs (and single characters) as search terms, once each:
the browser (`assets/javascripts/search.js`) looks a Chinese word up by its pairs, so every name and every
part of a word is found with no dictionary, and a term's shard holds each page once. The terms are
spelled in Latin letters (:func:`term`) so that neither the indexer nor the browser splits them again,
and stand between ``⟦`` and ``⟧`` so that the page's script can leave them out of what it shows.
English is indexed as words, stemmed (roadshows finds roadshow).

The documents are made from the content, not parsed back out of the built pages, so indexing runs in a
process of its own while MkDocs renders the site.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property
from html import escape, unescape
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

from ..build.files import link_tree, sync_files
from ..content.kinds import BY_NAME, Kind
from ..content.kinds import KINDS as RECORD_KINDS
from ..content.loader import Content
from ..content.models import Event, Session, Text
from ..i18n import LANGUAGES, Locale
from ..schedule.site import Site
from ..schedule.times import place_of
from ..schedule.timetext import event_dates
from ..schedule.views import sessions_by_person
from .markup import rich

__all__ = [
    "HALF",
    "KINDS",
    "SearchDoc",
    "SearchError",
    "build_index",
    "dictionary",
    "documents",
    "part_size",
    "parts",
    "terms",
    "ui_strings",
]

KINDS = (*(kind.name for kind in RECORD_KINDS if kind.search), "page")
"""What a result can be; the page shows the kind's name in the reader's language."""
PART_SIZE = 500
"""Pages per part of a language's index (see ``parts``); ``SUMMIT_SEARCH_PART`` sets another."""
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
ABOUT_SECTIONS = ("history", "mission", "principles", "goals", "figures", "programme", "industries", "forms")
"""The about page's section headings, searchable with it."""
BUNDLE = "pagefind"
"""The search bundle's folder in the built site."""
HALF = "half"
"""The folder, inside the bundle, of each language's second index (``build_index``); the page's script
merges it into the first (``assets/javascripts/search.js``)."""

_CJK = re.compile(r"[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK_RUN = re.compile(_CJK.pattern + "+")
_TAG = re.compile(r"<[^>]*>")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_END = "zzzz"
"""Spells no character (26**4 - 1 is above the last code point)."""


def ui_strings(lang: str) -> dict[str, object]:
    """The phrases of the search box in ``lang`` (the page's script reads them from the form)."""
    loc = Locale(lang)
    keys = ("label", "placeholder", "hint", "count", "count_one", "none", "unavailable", "more")
    strings: dict[str, object] = {key: loc.t(f"search.{key}") for key in keys}
    strings["kinds"] = {kind: loc.t(f"search.kind.{kind}") for kind in KINDS}
    return strings


class SearchError(Exception):
    """The search index could not be made."""


def _spell(ch: str) -> str:
    """A character as four Latin letters (26**4 covers every CJK code point)."""
    n, out = ord(ch), ""
    for _ in range(4):
        n, r = divmod(n, 26)
        out = _LETTERS[r] + out
    return out


def terms(text: str) -> str:
    """The search terms of ``text``'s Chinese: every character pair (``q`` + 8 letters) once, sorted, the
    last character of a run paired with ``zzzz``; search.js spells a query the same way, and looks a
    single character up as the start of a term."""
    found: set[str] = set()
    for run in _CJK_RUN.findall(text):
        spelled = [_spell(ch) for ch in run] + [_END]
        found.update("q" + a + b for a, b in itertools.pairwise(spelled))
    return " ".join(sorted(found))


def _plain(html: str) -> str:
    return unescape(_TAG.sub(" ", html))


@dataclass(frozen=True)
class SearchDoc:
    """What the index holds of one page in one language."""

    url: str
    """Site-relative address, starting with /: ``/en/events/x/``."""
    lang: str
    title: str
    kind: str
    date: str = ""
    parts: tuple[str, ...] = field(default=())
    """The page's searchable text, as HTML (escaped text or sanitised Markdown output)."""
    aliases: tuple[str, ...] = field(default=())
    """Other names of what the page is about, weighted as its title is."""

    def html(self, part: int | None = None) -> str:
        """The document Pagefind indexes: the title weighted above the text; title, kind and date kept
        as result metadata, unspaced; ``part``, if given, as the filter ``part`` (see ``parts``)."""
        meta = "".join(
            f'<meta data-pagefind-meta="{key}[content]" content="{escape(value)}">'
            for key, value in (("title", self.title), ("kind", self.kind), ("date", self.date), ("url", self.url))
            if value
        )
        body = " · ".join(part for part in self.parts if part)
        title = " · ".join(escape(t) for t in (self.title, *self.aliases))
        text = f'<h1 data-pagefind-weight="10">{title}{_block(_plain(title))}</h1><p>{body}{_block(_plain(body))}</p>'
        cut = "" if part is None else f' data-pagefind-filter="part:{part}"'
        return (
            f'<!doctype html><html lang="{HTML_LANG[self.lang]}"><head>{meta}</head>'
            f"<body><main data-pagefind-body{cut}>{text}</main></body></html>"
        )


def _block(text: str) -> str:
    found = terms(text)
    return f" ⟦{found}⟧" if found else ""


def _path(docs_path: str, lang: str) -> str:
    """``events/x.md`` -> ``/en/events/x/``; ``index.md`` -> ``/``."""
    stem = docs_path.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/")
    prefix = "/" if lang == LANGUAGES[0] else f"/{lang}/"
    return prefix + (stem + "/" if stem else "")


def documents(site: Site) -> list[SearchDoc]:
    """Every page of the site in every language, as search documents."""
    return [doc for lang in LANGUAGES for doc in _Documents(site, lang).all()]


class _Documents:
    """The search documents of one language."""

    def __init__(self, site: Site, lang: str) -> None:
        self.site = site
        self.content = site.content
        self.info = site.content.site
        self.lang = lang
        self.loc = Locale(lang)
        self.industries = {i.id: i.name for i in self.info.industries}
        self.words = {"short": self.info.short_name.get(lang), "city": self.info.host_city.get(lang)}

    def tx(self, text: Text | None) -> str:
        return escape(text.get(self.lang)) if text is not None else ""

    # what a kind's search words are made with (``kinds.Say``): escaped HTML
    text = tx

    def names(self, texts: Iterable[Text | None]) -> str:
        return self.loc.join([self.tx(t) for t in texts if t is not None])

    def rich(self, text: Text | None) -> str:
        return rich(text.get(self.lang)) if text is not None else ""

    def phrases(self, keys: Iterable[str]) -> str:
        return escape(self.loc.join([self.loc.t(key) for key in keys]))

    def name(self, kind: str, record_id: str) -> Text:
        return BY_NAME[kind].name_of(self.content, record_id)

    def industry(self, industry_id: str) -> Text | None:
        return self.industries.get(industry_id)

    def dates(self, event: Event) -> str:
        return event_dates(self.site.times(event), self.loc)

    def place(self, event: Event) -> str:
        return escape(place_of(event, self.loc))

    @cached_property
    def _appearances(self) -> dict[str, list[tuple[Event, Session]]]:
        return sessions_by_person(self.content)

    def appearances(self, person_id: str) -> list[tuple[Event, Session]]:
        return self._appearances.get(person_id, [])

    def phrase(self, key: str) -> str:
        return self.loc.t(key, **self.words)

    def doc(self, kind: str, path: str, title: str, *parts: str, date: str = "", **extra: tuple) -> SearchDoc:
        return SearchDoc(_path(path, self.lang), self.lang, title, kind, date, tuple(parts), **extra)

    def making(self, kind: str, record_id: str) -> AbstractContextManager[None]:
        return self.site.making(kind, record_id, f"its search entry ({self.lang})")

    def all(self) -> list[SearchDoc]:
        """The site's pages, each kind's list page, then every record of every kind searched (``kinds``)."""
        with self.making("site", ""):
            docs = [self.home(), self.about()]
        for kind in RECORD_KINDS:
            if kind.list_page:
                title, intro = self.phrase(f"{kind.list_name}.title"), self.phrase(f"{kind.list_name}.intro")
                docs.append(self.doc("page", kind.list_page, title, escape(intro)))
        for kind in RECORD_KINDS:
            if kind.search is None:
                continue
            for record in kind.records(self.content):
                with self.making(kind.name, record.id):
                    docs.append(self.record(kind, record))
        return docs

    def record(self, kind: Kind, record: Any) -> SearchDoc:
        """A record's page (or its place on a shared page), found by its name (by both, for a kind with
        ``both_names``) and by what ``kind.search`` says of it."""
        assert kind.search is not None
        path, _, anchor = kind.page_path(record.id).partition("#")
        name: Text = getattr(record, kind.title)
        title = name.get(self.lang)
        aliases = tuple(form for form in (name.zh, name.en) if form and form != title) if kind.both_names else ()
        date = self.dates(record) if kind.dated else ""
        doc = self.doc(kind.name, path, title, *kind.search(record, self), date=date, aliases=aliases)
        return dataclasses.replace(doc, url=f"{doc.url}#{anchor}") if anchor else doc

    def home(self) -> SearchDoc:
        info = self.info
        return self.doc(
            "page",
            "index.md",
            info.name.get(self.lang),
            self.tx(info.description),
            self.tx(info.mission.slogan),
            self.names(info.mission.principles),
            aliases=tuple(dict.fromkeys([info.short_name.get(self.lang), info.acronym])),
        )

    def about(self) -> SearchDoc:
        info, programme = self.info, self.info.programme
        years = {"mission": info.mission.year, "programme": programme.year if programme else ""}
        sections = [self.loc.t(f"about.{key}", year=years.get(key, "")) for key in ABOUT_SECTIONS]
        plan: tuple[str, ...] = ()
        if programme:
            lists = (programme.phases, programme.domestic_cities, programme.overseas_cities, programme.formats)
            plan = (self.tx(programme.summary), *(self.names(items) for items in lists))
        return self.doc(
            "page",
            "about.md",
            self.phrase("about.title"),
            escape(self.loc.join(sections)),
            self.tx(info.name),
            self.tx(info.description),
            *[self.tx(m.text) for m in info.history],
            self.tx(info.mission.slogan),
            self.names(info.mission.principles),
            *[self.tx(g) for g in info.mission.goals],
            *[self.tx(f.label) for f in info.figures],
            *plan,
            self.names([i.name for i in info.industries]),
            self.names(info.activity_forms),
        )


WORD_LIMIT = 8
"""Names up to this many characters go into the browser's dictionary (longer ones are phrases, not words)."""
WORDS_FILE = "summit-words.json"


def dictionary(content: Content) -> list[str]:
    """The content's own Chinese names, each a word when the browser splits a query written without
    spaces (温哥华路演 -> 温哥华 路演): site, stations, cities, partners, industries, short project names."""
    info = content.site
    texts: list[Text | None] = [info.name, info.short_name, info.host_city]
    texts += [i.name for i in info.industries]
    if info.programme:
        texts += info.programme.domestic_cities + info.programme.overseas_cities
    for station in content.stations.values():
        texts += [station.name, station.city, station.country]
    texts += [p.name for p in content.partners.values()]
    texts += [p.name for p in content.projects.values()]
    texts += [p.name for p in content.people.values()]
    texts += [e.city for e in content.events] + [e.venue for e in content.events]
    names = {t.zh.strip() for t in texts if t is not None}
    return sorted(n for n in names if _CJK.search(n) and len(n) <= WORD_LIMIT and not re.search(r"\s", n))


def part_size(env: Mapping[str, str] = os.environ) -> int:
    """Pages per part of a language's index: ``SUMMIT_SEARCH_PART`` or PART_SIZE. Raises SearchError."""
    raw = env.get("SUMMIT_SEARCH_PART", "").strip()
    if not raw:
        return PART_SIZE
    if not raw.isdigit() or int(raw) < 1:
        raise SearchError(f"SUMMIT_SEARCH_PART must be a whole number of pages, 1 or more, not {raw!r}")
    return int(raw)


def parts(docs: list[SearchDoc], size: int) -> list[int | None]:
    """The part of each of one language's ``docs``: none when they fit one part; otherwise part 0 holds
    the site's own pages, stations and partners (what names find) and the newest events, up to ``size``
    pages, and each further part the next ``size`` records (events newest first, then projects).

    Pagefind's search time grows with the pages a query matches times the pages its terms are on (it
    looks each result's terms up in a list of all of them), so a query common to thousands of pages
    takes a second at archive scale. The page searches part 0 first (in both halves, ``build_index``) and
    shows its best while it searches the others; a page scores the same in whichever part it is found, so
    the merged list is ranked as one search of both halves would rank it, and a query typed on stops the
    one before it after its current part. The filter
    costs a download of about two bytes a page (16 KB at archive scale)."""
    if len(docs) <= size:
        return [None] * len(docs)
    events = sorted((i for i, d in enumerate(docs) if d.kind == "event"), key=lambda i: docs[i].url, reverse=True)
    projects = sorted((i for i, d in enumerate(docs) if d.kind == "project"), key=lambda i: docs[i].url)
    records = events + projects
    room = max(0, size - (len(docs) - len(records)))
    out: list[int | None] = [0] * len(docs)
    for n, i in enumerate(records):
        out[i] = 0 if n < room else 1 + (n - room) // size
    return out


def build_index(docs: list[SearchDoc], words: list[str], cache: Path, size: int = PART_SIZE) -> Path:
    """Index ``docs`` with Pagefind (a program of its own) into ``cache/pagefind``; ``cache`` keeps the
    documents between builds, rewritten only where they changed. Raises SearchError.

    Pagefind holds every page's terms until it writes, about 750 bytes for each distinct (page, term)
    pair, and the Chinese pages carry 100 to 200 character pairs each. So each language is indexed on
    its own, and a language of more than ``size`` pages, which is searched part by part (``parts``), is
    also indexed in two halves, one run after the other: its pages are dealt alternately, like cards, into
    the bundle's own index and the one in ``HALF`` (merged in the visitor's browser by Pagefind's
    ``mergeIndex`` when the first has parts). Both halves hold the same mix of pages, so a term is on
    about the same share of pages in each and a page scores about as it would in one index; the parts
    are numbered across both. (A small site is not halved: with few pages, the halves' shares differ.)"""
    program = get_executable()
    if program is None:
        raise SearchError("the pagefind program is not installed (pip install -r requirements.txt)")
    fresh = cache / f"{BUNDLE}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    halves = ("", HALF)
    entries: dict[str, dict] = {}
    for lang in LANGUAGES:
        source = cache / "documents" / lang
        mine = [d for d in docs if d.lang == lang]
        cut = parts(mine, size)
        split = len(halves) if cut and cut[0] is not None else 1
        dealt = {f"{n % split}/{_file_of(d)}": d.html(part) for n, (d, part) in enumerate(zip(mine, cut, strict=True))}
        sync_files(source, {name: html.encode("utf-8") for name, html in dealt.items()})
        for n, half in enumerate(halves[:split]):
            out = cache / f"{BUNDLE}.{lang}.{n}"
            shutil.rmtree(out, ignore_errors=True)
            run = subprocess.run(
                [str(program), "--site", str(source / str(n)), "--output-path", str(out), "--silent"],
                capture_output=True,
                text=True,
                check=False,
            )
            if run.returncode != 0:
                raise SearchError((run.stderr or run.stdout).strip() or f"pagefind exited with {run.returncode}")
            found = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
            entry = entries.get(half, {})
            entries[half] = {**found, "languages": {**entry.get("languages", {}), **found["languages"]}}
            link_tree(out, fresh / half)
            shutil.rmtree(out)
    for half, entry in entries.items():
        (fresh / half / "pagefind-entry.json").write_text(json.dumps(entry, sort_keys=True), encoding="utf-8")
    (fresh / WORDS_FILE).write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    bundle = cache / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    fresh.rename(bundle)
    return bundle


def _file_of(doc: SearchDoc) -> str:
    """Where a document is kept for the indexer: its address as a folder (an anchor as a subfolder)."""
    path, _, anchor = doc.url.partition("#")
    return f"{path.strip('/')}/{anchor}/index.html".replace("//", "/").lstrip("/")
