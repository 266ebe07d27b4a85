"""Whatever `summit check` accepts, the build makes: a property-based test.

Hypothesis writes content folders of every record kind with arbitrary text (line breaks, U+2028, lone
surrogate escapes, joiners, right-to-left marks, emoji, long runs), ids, dates, times and zones, in
every YAML style (plain, quoted, literal ``|`` and folded ``>-`` blocks). For each folder, the check
either refuses it with every error at its ``file:line:column: field`` or accepts it; an accepted one is
then made into every page, calendar, ``schedule.json``, ``api/`` feed, JSON-LD, QR code, redirect and
search document, and each output is parsed and validated as its readers (calendar apps, conference apps,
browsers, the search indexer) would.

Examples it found are kept below as ``@example``s (and in ``test_text.py``) so they run every time.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
import tempfile
import zoneinfo
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import feedparser
import jsonschema
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from lxml import etree
from PIL import Image

from summit.build.pipeline import site_of
from summit.content.loader import load_content
from summit.errors import ContentErrors
from summit.outputs.api import api_people_schema, api_schema
from summit.outputs.render import render_all
from summit.outputs.search import documents
from summit.outputs.theme import theme_context

ROOT = Path(__file__).resolve().parent.parent
C3VOC = jsonschema.Draft6Validator(
    json.loads((ROOT / "tests" / "fixtures" / "schemas" / "c3voc-schedule.schema.json").read_text(encoding="utf-8")),
    format_checker=jsonschema.FormatChecker(),
)
"""The c3voc schedule schema (formats checked too), which conference apps' schedule.json follows."""
FRAB_XSD = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "fixtures" / "schemas" / "c3voc-schedule.xml.xsd")))
"""The XSD of schedule.xml, the form ConfClerk and Giggity read."""
NOW = dt.datetime(2025, 6, 1, 9, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
ERROR_LINE = {
    "zh": re.compile(r"^[^:\n]+\.yml:\d+:\d+: 错误：\S.*$"),
    "en": re.compile(r"^[^:\n]+\.yml:\d+:\d+: error: \S.*$"),
}
"""A located error line, in either language: file, line, column, the label, then what is wrong."""

# -- text ---------------------------------------------------------------------------------------------

TRICKY = [
    "\n",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\u0085",
    "\t",
    chr(0xD800),  # a lone surrogate (only an escape can write it)
    chr(0xDFFF),
    "\u200d",  # zero-width joiner
    "\u200b",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\ufeff",
    "\x00",
    "\x1b",
    "\u3000",  # ideographic space
    "，",
    "。",
    "、",
    "“",
    "”",
    "👩‍👩‍👧",
    "🇨🇳",
    "\U0002a6d6",  # a CJK extension B character
    " ",
    "  ",
    "\\",
    '"',
    "'",
    "<",
    "&",
    "#",
    ":",
    "- ",
    "*",
    "[",
    "|",
    "{",
    "%",
    "`",
    "BEGIN:VEVENT",
    "END:VCALENDAR",
    "</script>",
    "-->",
]
WORDS = ["海创周", "人工智能", "医疗健康", "大连", "温哥华", "工作站", "路演", "AI", "Dalian", "Roadshow", "2020"]
REFUSED_IN_A_LINE = {"\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", chr(0xD800), chr(0xDFFF), "\x00", "\x1b"}
"""What a one-line field refuses (and any field, for the last four)."""
BREAKS = ["\n", "\r\n", "\u2028", "\u2029", "\n\n"]


printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
fine = st.one_of(
    st.sampled_from([t for t in TRICKY if t not in REFUSED_IN_A_LINE]),
    st.sampled_from(WORDS),
    st.text(printable, min_size=1, max_size=6),
)
anything = st.one_of(st.sampled_from(TRICKY), st.text(max_size=6), st.characters(codec="utf-8"))
long_texts = st.builds(lambda word, n: word * n, st.sampled_from(WORDS), st.integers(1000, 2500))  # 10,000 chars


def joined(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(parts, min_size=1, max_size=5).map("".join)


def around_a_word(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``parts`` before and after a word (so that the text is not blank, which is a missing text)."""
    return st.tuples(joined(parts), st.sampled_from(WORDS), joined(parts)).map("".join)


class Styled(str):
    """A string written in a chosen YAML style ('' plain, '"', "'", '|' or '>'); PyYAML falls back to
    double quotes (with escapes) where the style cannot hold the text."""

    style: str | None = None


def _represent(dumper: yaml.SafeDumper, value: Styled) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=value.style)


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(Styled, _represent)


def styled(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[Styled]:
    def make(text: str, style: str | None) -> Styled:
        value = Styled(text)
        value.style = style
        return value

    return st.builds(make, strategy, st.sampled_from([None, '"', "'", "|", ">"]))


class Values:
    """Strategies for the values of one sample. A ``nasty`` sample has, one field in ``one_in``, any text
    at all where a value belongs (a line break in a name, a word for a date, an empty id...); the others
    hold values of the right form, with arbitrary acceptable text, so that about half the samples are
    accepted and built."""

    def __init__(self, nasty: bool, one_in: int = 8) -> None:
        self.nasty = nasty
        self.one_in = one_in
        self.line_texts = self.weighted(around_a_word(fine), joined(anything), long_texts)
        """One-line texts (names, titles)."""
        self.texts = self.weighted(
            around_a_word(st.one_of(fine, st.sampled_from(BREAKS))), joined(anything), long_texts
        )
        """Paragraphs (summaries, descriptions, bodies): line breaks of every kind are fine there."""
        self.slugs = self.weighted(st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}\Z"), self.line_texts)
        self.zones = self.weighted(
            st.one_of(
                st.sampled_from(["Asia/Shanghai", "America/Vancouver", "Europe/London", "Pacific/Chatham"]),
                st.sampled_from(sorted(zoneinfo.available_timezones())),
            ),
            self.line_texts,
        )
        days = st.dates(dt.date(1999, 1, 1), dt.date(2031, 12, 31))
        self.dates = self.weighted(st.one_of(days.map(str), days.map(lambda d: f"{d:%Y-%m}")), self.line_texts)
        clock = st.one_of(st.times().map(lambda t: f"{t:%H:%M}"), st.sampled_from(["02:30", "01:30", "0:05"]))
        self.times = self.weighted(clock, st.sampled_from(["24:00", "9.30", "noon"]), self.line_texts)
        self.urls = self.weighted(
            st.one_of(
                st.sampled_from(["https://example.org/live", "mailto:a@example.org"]),
                st.builds(
                    lambda t: "https://example.org/" + quote(t, safe="/?=&", errors="surrogatepass"), self.line_texts
                ),
            ),
            self.line_texts,
        )
        self.years = self.weighted(st.sampled_from(["2000", "2010"]), st.sampled_from(["1899", "20x0", "2000.5"]))
        self.numbers = self.weighted(st.sampled_from(["12345", "0", "9" * 30]), st.sampled_from(["-1", "1e3", "1,000"]))
        self.partner_kinds = self.weighted(
            st.sampled_from(["investor", "company", "institution", "government"]), st.just("bank")
        )

    def weighted(self, common: st.SearchStrategy[Any], *rare: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        """``common``, or in a nasty sample one time in ``one_in`` one of ``rare``."""
        if not self.nasty:
            return common
        return st.integers(1, self.one_in).flatmap(lambda n: st.one_of(*rare) if n == 1 else common)

    @functools.cache  # noqa: B019  # two instances, kept for the session
    def bilingual(self, strategy: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
        """A text in both languages (or Chinese only), or, rarely, not a translation at all."""
        strategy = self.texts if strategy is None else strategy
        return self.weighted(
            st.one_of(
                st.fixed_dictionaries({"zh": styled(strategy)}, optional={"en": styled(strategy)}),
                st.fixed_dictionaries({"zh": styled(strategy), "en": styled(strategy)}),
            ),
            styled(strategy),
        )

    @functools.cache  # noqa: B019
    def line(self) -> st.SearchStrategy[Any]:
        return self.bilingual(self.line_texts)

    def aliases(self, record_id: Any) -> st.SearchStrategy[list[Any]]:
        """Former ids: of the record's own (``<id>-old``), or anything in a nasty sample."""
        own = st.lists(st.just(f"{record_id}-old"), max_size=1)
        return self.weighted(own, st.lists(self.slugs, min_size=1, max_size=2))

    @functools.cache  # noqa: B019
    def when(self) -> st.SearchStrategy[dict[str, Any]]:
        """An event's date, end_date, start and end: consistent, or anything in a nasty sample."""
        days = st.dates(dt.date(1999, 1, 1), dt.date(2031, 12, 31))
        month = days.map(lambda d: {"date": f"{d:%Y-%m}"})
        whole_days = st.builds(
            lambda d, n: {"date": str(d)} | ({"end_date": str(d + dt.timedelta(days=n))} if n else {}),
            days,
            st.integers(0, 3),
        )
        timed = st.builds(
            lambda d, t, minutes, n: {
                "date": str(d),
                "start": f"{t:%H:%M}",
                **(
                    {"end": f"{(dt.datetime.combine(d, t) + dt.timedelta(minutes=minutes)).time():%H:%M}"}
                    if minutes
                    else {}
                ),
                **({"end_date": str(d + dt.timedelta(days=n))} if n else {}),
            },
            days,
            st.times(),
            st.sampled_from([0, 30, 90, 600]),
            st.integers(0, 2),
        ).filter(lambda w: "end" not in w or "end_date" in w or w["end"] > w["start"])
        anything = st.fixed_dictionaries(
            {"date": self.dates}, optional={"end_date": self.dates, "start": self.times, "end": self.times}
        )
        return self.weighted(st.one_of(month, whole_days, timed), anything)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


VALUES = {nasty: Values(nasty) for nasty in (False, True)}
"""Made once: building strategies costs more than drawing from them."""


# -- records --------------------------------------------------------------------------------------------


@st.composite
def content_folder(draw: st.DrawFn) -> dict[str, Any]:
    """The records of a content folder: {file name: data}."""
    v = VALUES[draw(st.booleans())]
    industry_ids = draw(st.lists(v.slugs, max_size=2))
    site: dict[str, Any] = {
        "name": draw(v.line()),
        "short_name": draw(v.line()),
        "acronym": draw(styled(v.weighted(st.sampled_from(["TESTIS", "CHINAOCS"]), v.line_texts))),
        "host_city": draw(v.line()),
        "timezone": draw(v.zones),
        "description": draw(v.bilingual()),
        "history": [{"year": draw(v.years), "text": draw(v.bilingual())}],
        "mission": {
            "year": "2024",
            "slogan": draw(v.bilingual()),
            "principles": draw(st.lists(v.bilingual(), max_size=2)),
            "goals": draw(st.lists(v.bilingual(), max_size=1)),
        },
        "figures": [
            {
                "id": draw(v.slugs),
                "value": draw(v.numbers),
                "qualifier": draw(st.sampled_from(["exact", "about", "more-than", "nearly"])),
                "label": draw(v.line()),
                "as_of": "2024",
            }
        ],
        "programme": {
            "year": "2024",
            "summary": draw(v.bilingual()),
            "phases": draw(st.lists(v.bilingual(), max_size=2)),
            "domestic_cities": draw(st.lists(v.line(), max_size=2)),
            "overseas_cities": draw(st.lists(v.line(), max_size=1)),
            "formats": draw(st.lists(v.bilingual(), max_size=1)),
        },
        "industries": [{"id": i, "name": draw(v.line())} for i in industry_ids],
        "activity_forms": draw(st.lists(v.bilingual(), max_size=2)),
        "footer": {
            "organisers": draw(st.lists(v.line(), max_size=2)),
            "copyright": draw(maybe(v.line())),
            "icp": draw(maybe(styled(v.line_texts))),
            "police": draw(maybe(styled(v.line_texts))),
        },
    }
    station_ids = draw(st.lists(v.slugs, max_size=3, unique=True))
    stations = [
        {
            "id": sid,
            "name": draw(v.line()),
            "city": draw(v.line()),
            "country": draw(v.line()),
            "timezone": draw(v.zones),
            "description": draw(maybe(v.bilingual())),
            "links": [{"label": draw(v.line()), "url": draw(v.urls)}] if draw(st.booleans()) else [],
            "aliases": draw(v.aliases(sid)),
        }
        for sid in station_ids
    ]
    partner_ids = draw(st.lists(v.slugs, max_size=2, unique=True))
    partners = [
        {
            "id": pid,
            "name": draw(v.line()),
            "kind": draw(v.partner_kinds),
            "website": draw(maybe(v.urls)),
            "description": draw(maybe(v.bilingual())),
        }
        for pid in partner_ids
    ]
    project_ids = draw(st.lists(v.slugs, max_size=2, unique=True))
    projects = [
        {
            "id": pid,
            "name": draw(v.line()),
            "station": draw(maybe(st.sampled_from(station_ids) if station_ids else v.weighted(st.none(), v.slugs))),
            "industries": draw(st.lists(st.sampled_from(industry_ids), max_size=1)) if industry_ids else [],
            "stage": draw(maybe(v.line())),
            "status": draw(maybe(st.sampled_from(["seeking", "funded", "landed"]))),
            "summary": draw(v.bilingual()),
            "links": [{"label": draw(v.line()), "url": draw(v.urls)}] if draw(st.booleans()) else [],
            "aliases": draw(v.aliases(pid)),
        }
        for pid in project_ids
    ]
    events = []
    for eid in draw(st.lists(v.slugs, max_size=4, unique=True)):
        event = {
            "id": eid,
            "title": draw(v.line()),
            "kind": draw(st.sampled_from(["roadshow", "forum", "exchange", "signing", "conference", "launch"])),
            "format": draw(maybe(st.sampled_from(["online", "offline", "hybrid"]))),
            **draw(v.when()),
            "timezone": draw(maybe(v.zones)),
            "city": draw(maybe(v.line())),
            "venue": draw(maybe(v.line())),
            "stations": draw(st.lists(st.sampled_from(station_ids), max_size=2, unique=True)) if station_ids else [],
            "partners": draw(st.lists(st.sampled_from(partner_ids), max_size=2, unique=True)) if partner_ids else [],
            "projects": draw(st.lists(st.sampled_from(project_ids), max_size=1)) if project_ids else [],
            "industries": draw(st.lists(st.sampled_from(industry_ids), max_size=1)) if industry_ids else [],
            "summary": draw(v.bilingual()),
            "body": draw(maybe(v.bilingual())),
            "livestream": draw(maybe(v.urls)),
            "registration": draw(maybe(v.urls)),
            "status": draw(st.sampled_from(["scheduled", "held", "postponed", "cancelled"])),
            "aliases": draw(v.aliases(eid)),
        }
        events.append({k: v for k, v in event.items() if v not in (None, [])})
    files: dict[str, Any] = {
        "site.yml": site,
        "stations.yml": {"stations": stations},
        "partners.yml": {"partners": partners},
        "projects.yml": {"projects": projects},
    }
    years: dict[str, list[Any]] = {}
    for event in events:
        match = re.match(r"(\d{4})", str(event["date"]))
        years.setdefault(match[1] if match else "2020", []).append(event)
    for year, items in years.items():
        files[f"events/{year}.yml"] = {"events": items}
    return files


def write_folder(files: dict[str, Any], folder: Path) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=60)
        path.write_text(text, encoding="utf-8")


# -- what readers of each output check --------------------------------------------------------------------


def check_calendar(path: str, data: bytes) -> None:
    text = data.decode("utf-8")
    assert text.endswith("\r\n"), path
    for line in text.split("\r\n")[:-1]:
        assert "\n" not in line and "\r" not in line, f"{path}: a bare line break in {line!r}"
        assert len(line.encode("utf-8")) <= 75, f"{path}: an unfolded line {line!r}"
    calendar = Calendar.from_ical(data)
    for item in calendar.walk("VEVENT"):
        assert item.get("uid") and item.get("dtstart") is not None, path


def check_json(path: str, data: bytes) -> Any:
    value = json.loads(data.decode("utf-8"))
    if path.endswith("schedule.json"):
        C3VOC.validate(value)
    return value


def check_page(path: str, text: str) -> None:
    text.encode("utf-8")  # every character can be written
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
        assert "</" not in block, f"{path}: JSON-LD can close its script element"
        json.loads(block)
    assert "\x00" not in text


def check_outputs(files: dict[str, Any], api: jsonschema.protocols.Validator) -> None:
    for path, data in files.items():
        if isinstance(data, str):
            check_page(path, data)
        elif path.endswith(".ics"):
            check_calendar(path, data)
        elif path.endswith(".json"):
            value = check_json(path, data)
            if "/api/" in f"/{path}" and not path.endswith("schema.json"):
                (PEOPLE if re.search(r"api/people(\.[a-z]+)?\.json$", path) else api).validate(value)
        elif path.endswith(".svg"):
            ElementTree.fromstring(data)
        elif path.endswith(".html"):
            assert data.decode("utf-8").startswith("<!doctype html>"), path
        elif path.endswith(".png"):
            with Image.open(io.BytesIO(data)) as image:
                assert image.format == "PNG" and image.width == image.height, path
        elif path.endswith(".webmanifest"):
            assert json.loads(data)["icons"], path
        elif path.startswith(("feeds/", "en/feeds/")) and path.endswith("sitemap.xml"):
            ElementTree.fromstring(data)
        elif path.startswith(("feeds/", "en/feeds/")) and path.endswith(".xml"):
            feed = feedparser.parse(data)
            assert not feed.bozo, (path, feed.get("bozo_exception"))
            assert all(entry.get("id") and entry.get("updated") for entry in feed.entries), path
        elif path.split("/")[-1].startswith("schedule.") and path.endswith(".xml"):
            assert FRAB_XSD.validate(etree.fromstring(data).getroottree()), FRAB_XSD.error_log
        else:
            raise AssertionError(f"an output nobody checks: {path}")


# -- the property ---------------------------------------------------------------------------------------------


def build_or_refuse(files: dict[str, Any]) -> str:
    """Check the folder; if accepted, make and check every output. Returns 'refused' or 'built'."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "content"
        folder.mkdir()
        write_folder(files, folder)
        try:
            content = load_content(Path(tmp), folder, now=NOW)
        except ContentErrors as exc:
            assert exc.errors, "refused without an error"
            for error in exc.errors:
                for lang, line in ERROR_LINE.items():
                    assert line.match(error.text(lang)), f"not located: {error.text(lang)}"
                    # a field's mistake names the field (and its record) in words
                    assert error.loc is None or error.located(lang), f"no place in words: {error.text(lang)}"
                assert error.pos.line >= 1 and error.pos.col >= 1
            return "refused"
        site = site_of(content, NOW, "https://summit.example.org/")
        outputs = render_all(site)
        assert json.loads(outputs["api/events.schema.json"]) == api_schema()
        check_outputs(outputs, API)
        for doc in documents(site):
            html = doc.html(1)
            html.encode("utf-8")
        json.dumps(theme_context(content.site, content.images), ensure_ascii=False).encode("utf-8")
        return "built"


API = jsonschema.Draft202012Validator(api_schema())
"""The api/ feeds' own schema (as published at api/events.schema.json)."""
PEOPLE = jsonschema.Draft202012Validator(api_people_schema())
"""The people feed's (api/people.schema.json)."""

SAMPLE_SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@SAMPLE_SETTINGS
@given(content_folder())
def test_what_check_accepts_builds(files: dict[str, Any]) -> None:
    event(build_or_refuse(files))
