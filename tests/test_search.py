"""Site search, through the real search box in Chromium: Chinese and English queries find their page in
the first three results, in the reader's language only, with kind, date and a highlighted excerpt; the
box works by keyboard, passes axe-core and asks nothing of another host. Also the search documents."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from synth import generate

from summit.content.loader import load_content
from summit.outputs.search import (
    HALF,
    KINDS,
    SearchDoc,
    SearchError,
    dictionary,
    documents,
    part_size,
    parts,
    terms,
    ui_strings,
)
from summit.schedule.site import Site
from test_audit import AXE, TAGS

from browser import local_context, serve
from conftest import BASE_URL, NOW, ROOT
from sitebuild import copy_project, mkdocs_build

pytestmark = pytest.mark.site

QUERIES = yaml.safe_load((ROOT / "tests" / "fixtures" / "search" / "queries.yml").read_text("utf-8"))
ARCHIVE_PART = 40
"""Pages per index part in the archive fixture (about four parts a language)."""


def test_chinese_is_indexed_by_its_character_pairs_spelled_in_letters() -> None:
    assert terms("人工智能") == "qbdvebjon qbjonbmva qbmvabwwb qbwwbzzzz"
    assert terms("北湾 北湾") == terms("北湾")  # each once
    assert terms("CHINAOCS 2020") == ""
    assert terms("AI路演，海") == " ".join(sorted(terms("路演").split() + terms("海").split()))
    assert terms("海") == "qbplvzzzz"  # a character alone still begins a term


def test_a_document_keeps_title_kind_and_date_and_its_terms_apart() -> None:
    doc = SearchDoc("/events/x/", "zh", "路演 <b>", "event", "2020年4月15日", ("<script>&amp;北湾",))
    html = doc.html()
    assert '<html lang="zh-Hans">' in html
    assert '<meta data-pagefind-meta="title[content]" content="路演 &lt;b&gt;">' in html
    assert '<meta data-pagefind-meta="date[content]" content="2020年4月15日">' in html
    assert '<meta data-pagefind-meta="url[content]" content="/events/x/">' in html
    assert f'<h1 data-pagefind-weight="10">路演 &lt;b&gt; ⟦{terms("路演")}⟧</h1>' in html
    assert f"<p><script>&amp;北湾 ⟦{terms('北湾')}⟧</p>" in html


def test_a_large_index_is_cut_into_parts_that_keep_the_sites_own_pages_first() -> None:
    own = [SearchDoc("/", "en", "t", "page"), SearchDoc("/stations/a/", "en", "t", "station")]
    events = [SearchDoc(f"/events/20{year}-01-01-x/", "en", "t", "event") for year in (10, 12, 11)]
    projects = [SearchDoc(f"/projects/{name}/", "en", "t", "project") for name in "cab"]
    docs = [events[0], *own, projects[0], events[1], projects[1], events[2], projects[2]]
    assert parts(docs, 8) == [None] * 8  # one part: no filter at all
    cut = dict(zip((d.url for d in docs), parts(docs, 3), strict=True))
    # part 0: the site's own pages and the newest event; then the other records three by three, events
    # newest first, then projects
    by_part = [sorted(url for url, n in cut.items() if n == part) for part in (0, 1, 2)]
    assert by_part == [
        ["/", "/events/2012-01-01-x/", "/stations/a/"],
        ["/events/2010-01-01-x/", "/events/2011-01-01-x/", "/projects/a/"],
        ["/projects/b/", "/projects/c/"],
    ]
    assert '<main data-pagefind-body data-pagefind-filter="part:2">' in docs[0].html(2)
    assert "data-pagefind-filter" not in docs[0].html()
    assert part_size({}) == 500 and part_size({"SUMMIT_SEARCH_PART": "40"}) == 40
    with pytest.raises(SearchError, match="SUMMIT_SEARCH_PART must be a whole number of pages, 1 or more, not '0'"):
        part_size({"SUMMIT_SEARCH_PART": "0"})


def test_every_page_of_both_languages_is_a_document(fixture_site: Site) -> None:
    docs = documents(fixture_site)
    content = fixture_site.content
    pages = 7 + len(content.events) + len(content.stations) + len(content.projects) + len(content.partners)
    assert len(docs) == 2 * pages
    assert {d.kind for d in docs} == set(KINDS) - {"person"}  # the fixture names no people (test_programme)
    assert all(d.url.startswith("/en/") for d in docs if d.lang == "en")
    assert not any(d.url.startswith("/en/") for d in docs if d.lang == "zh")
    event = next(d for d in docs if d.url == "/en/events/2024-04-15-roadshow/")
    assert event.title == "Vancouver project roadshow" and event.date == "April 15, 2024"
    assert len({d.url for d in docs}) == len(docs)


def test_the_dictionary_holds_the_contents_own_short_names() -> None:
    words = dictionary(load_content(ROOT, ROOT / "content"))
    assert {"海创周", "赛伯乐", "温哥华", "温哥华工作站", "大连高新区"} <= set(words)
    assert all(len(w) <= 8 for w in words)


def test_search_phrases_exist_in_both_languages() -> None:
    zh, en = ui_strings("zh"), ui_strings("en")
    assert zh.keys() == en.keys() and zh["kinds"].keys() == en["kinds"].keys() == set(KINDS)
    assert zh["label"] != en["label"]


# -- through the browser ---------------------------------------------------------------------------


def _build(tmp: Path, content: Path, today: str, **env: str) -> Path:
    project = copy_project(tmp)
    result = mkdocs_build(project, content, today=today, extra_env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
    return project / "site"


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("search-real"), ROOT / "content", "2026-11-26")


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("archive") / "content"
    generate(content, 0.02)
    # small parts, so the archive is searched part by part as a large one is
    return _build(
        tmp_path_factory.mktemp("search-archive"), content, "2026-01-01", SUMMIT_SEARCH_PART=str(ARCHIVE_PART)
    )


class Visitor:
    """One browser page on a served site that may reach that site only."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str) -> None:
        self.page.goto(self.base + path.lstrip("/"))

    def search(self, query: str) -> list[dict]:
        """Type ``query`` into the search box; the results shown, first to last."""
        box = self.page.locator("#summit-search-input")
        box.click()
        box.fill(query)
        self.page.wait_for_function(
            "q => document.querySelector('.summit-search').dataset.searched === q", arg=query, timeout=15000
        )
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.summit-search__results li')].map(li => ({
                href: li.querySelector('a').getAttribute('href'),
                kind: li.querySelector('.summit-search__kind').textContent,
                title: li.querySelector('.summit-search__title').textContent,
                date: li.querySelector('.summit-search__date')?.textContent || '',
                excerpt: li.querySelector('.summit-search__excerpt').innerHTML,
            }))"""
        )

    def path(self, href: str) -> str:
        assert href.startswith(self.base), href
        return "/" + href[len(self.base) :]


def _visitor(chromium, site: Path) -> Iterator[Visitor]:
    with serve(site) as base:
        outside: list[str] = []
        context = local_context(chromium, outside)
        visitor = Visitor(context.new_page(), base)
        visitor.outside = outside
        yield visitor
        context.close()


@pytest.fixture(scope="module")
def real(chromium, real_site: Path) -> Iterator[Visitor]:
    yield from _visitor(chromium, real_site)


@pytest.fixture(scope="module")
def archive(chromium, archive_site: Path) -> Iterator[Visitor]:
    yield from _visitor(chromium, archive_site)


def _check(visitor: Visitor, lang: str, query: str, expected: str) -> None:
    visitor.open("/" if lang == "zh" else "/en/")
    results = visitor.search(query)
    paths = [visitor.path(r["href"]) for r in results]
    assert expected in paths[:3], f"{query!r}: {expected} not in the first three of {paths[:5]}"
    # the reader's language only
    assert all(p.startswith("/en/") == (lang == "en") for p in paths), paths
    assert visitor.outside == [] and visitor.errors == []


CASES = [
    pytest.param(part, lang, query, expected, id=f"{part}-{lang}-{query}")
    for part in ("real", "archive")
    for lang in ("zh", "en")
    for query, expected in QUERIES[part][lang]
]


@pytest.mark.parametrize(("part", "lang", "query", "expected"), CASES)
def test_queries_find_their_page(
    request: pytest.FixtureRequest, part: str, lang: str, query: str, expected: str
) -> None:
    """Real content, then the synthetic archive; Chinese, then English."""
    _check(request.getfixturevalue(part), lang, query, expected)


def _pairs(query: str) -> str:
    """The terms the box looks a query up by (a word's pairs, not the end-of-run terms documents hold)."""
    return " ".join(t for word in query.split() for t in terms(word).split() if not t.endswith("zzzz")) or query.lower()


@pytest.mark.parametrize(("lang", "query"), [("zh", "路演"), ("en", "roadshow"), ("zh", "工作站")])
def test_an_archive_searched_part_by_part_ranks_as_one_search_would(archive: Visitor, lang: str, query: str) -> None:
    archive.open("/" if lang == "zh" else "/en/")
    shown = [archive.path(r["href"]) for r in archive.search(query)]
    whole = archive.page.evaluate(
        """async (terms) => {
            const form = document.querySelector('.summit-search');
            const pagefind = await import(new URL('pagefind.js', new URL(form.dataset.bundle, location.href)).href);
            const parts = Object.keys((await pagefind.filters()).part || {});
            const found = (await pagefind.search(terms)).results;
            const cutoff = found[Math.min(5, found.length - 1)].score;
            const best = found.filter((r) => r.score >= cutoff);
            const urls = await Promise.all(best.map((r) => r.data().then((d) => d.meta.url)));
            return { parts: parts.length, count: found.length, urls };
        }""",
        _pairs(query),
    )
    assert whole["parts"] >= 3  # the archive's index is in parts, searched one after another
    assert len(shown) == min(6, whole["count"])
    assert set(shown) <= set(whole["urls"]), (shown, whole["urls"])  # the best of the whole index, ties aside
    count = archive.page.locator(".summit-search__count").text_content()
    assert str(whole["count"]) in count
    assert int(archive.page.evaluate("document.querySelector('.summit-search').dataset.firstMs")) >= 0


def test_query_lists_are_long_enough() -> None:
    for part in ("real", "archive"):
        assert len(QUERIES[part]["zh"]) >= 20 and len(QUERIES[part]["en"]) >= 20


def test_a_result_shows_kind_date_and_the_query_highlighted(real: Visitor) -> None:
    real.open("/")
    results = real.search("温哥华")
    by_path = {real.path(r["href"]): r for r in results}
    event = by_path["/events/2020-04-15-vancouver-roadshow/"]
    assert (event["kind"], event["title"], event["date"]) == ("活动", "温哥华工作站7个优质项目路演", "2020年4月15日")
    assert "<mark>温哥华</mark>" in event["excerpt"]
    assert "⟦" not in event["excerpt"] and "qb" not in event["excerpt"]  # the index's terms never show
    assert by_path["/stations/vancouver/"]["kind"] == "海外工作站"
    real.open("/en/")
    results = real.search("Cybernaut")
    assert (results[0]["kind"], results[0]["title"]) == ("Partner", "Cybernaut")
    assert real.path(results[0]["href"]) == "/en/partners/#cybernaut"
    assert "<mark>Cybernaut" in results[0]["excerpt"]


def test_nothing_found_is_said(real: Visitor) -> None:
    real.open("/en/")
    assert real.search("zzqxj") == []
    assert real.page.locator(".summit-search__status").text_content() == "No results"


def test_keyboard_moves_through_results_and_escape_closes(real: Visitor) -> None:
    real.open("/en/")
    real.page.keyboard.press("/")
    assert real.page.evaluate("document.activeElement.id") == "summit-search-input"
    results = real.search("roadshow")
    assert len(results) >= 2
    page = real.page
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('li') !== null")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "summit-search-input"
    assert page.locator(".summit-search__panel").is_hidden()
    page.keyboard.press("Enter")  # the first result opens
    page.wait_for_url(first)


def test_the_open_search_has_no_accessibility_violation(real: Visitor) -> None:
    for path, query in (("/", "路演"), ("/en/", "roadshow")):
        real.open(path)
        assert real.search(query)
        real.page.add_script_tag(content=AXE)
        result = real.page.evaluate(
            "tags => axe.run(document.querySelector('.summit-search'), {runOnly: {type: 'tag', values: tags}})", TAGS
        )
        assert [(v["id"], [n["html"][:80] for n in v["nodes"]]) for v in result["violations"]] == []
        status = real.page.locator(".summit-search__status").text_content()
        assert re.fullmatch(r"找到 \d+ 个结果|\d+ results?", status), status


def test_an_address_with_a_query_opens_its_results(real: Visitor) -> None:
    real.open("/en/?q=Sequoia")
    real.page.wait_for_function("document.querySelector('.summit-search').dataset.searched === 'Sequoia'")
    assert real.page.locator(".summit-search__results a").first.get_attribute("href").endswith("#sequoia-capital-china")


def test_the_bundle_holds_one_index_per_language(real_site: Path) -> None:
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"zh-hans", "en"}
    words = json.loads((real_site / "pagefind" / "summit-words.json").read_text("utf-8"))
    assert "赛伯乐" in words
    assert not (real_site / "pagefind" / HALF).exists()  # a small site's index is not halved


def _fragments(bundle: Path) -> list[dict]:
    """What an index shows of its pages (Pagefind's fragments: gzip, a signature, JSON)."""
    return [
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in bundle.glob("fragment/*")
    ]


def test_an_archive_in_parts_is_indexed_in_two_halves_of_every_kind(archive_site: Path) -> None:
    halves = [_fragments(archive_site / "pagefind" / half) for half in ("", HALF)]
    urls = [{page["url"] for page in half} for half in halves]
    assert not urls[0] & urls[1]
    for english in (False, True):
        for kind in KINDS:
            counts = [
                sum(1 for page in half if (page["meta"]["kind"], page["url"].startswith("/en/")) == (kind, english))
                for half in halves
            ]
            assert min(counts) >= 1 and abs(counts[0] - counts[1]) <= 1, (english, kind, counts)
    entry = json.loads((archive_site / "pagefind" / HALF / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"zh-hans", "en"}


def test_without_scripting_the_box_is_not_shown(chromium, real_site: Path) -> None:
    with serve(real_site) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base)
        assert page.locator(".summit-search").is_hidden()
        context.close()


def test_search_documents_take_no_part_of_the_build_day() -> None:
    content = load_content(ROOT, ROOT / "content")
    one = documents(Site(content, NOW, BASE_URL))
    other = documents(Site(content, NOW + dt.timedelta(days=400), BASE_URL))
    assert [d.html() for d in one] == [d.html() for d in other]
