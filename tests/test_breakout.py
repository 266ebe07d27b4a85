"""No text of the content reaches a page unescaped: breakouts from every context (``breakout``) in every
free-text field of every record kind, in both languages, built; every page checked without a browser
(``htmlcheck``: only the templates' own elements and attributes) and loaded in Chromium with every
dialog and ``print`` trapped."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
import yaml

from breakout import CLOSERS, CORPUS, MARKDOWN, REFUSED_URLS, URLS, Marks, breakout_content, every_field
from htmlcheck import check_page, check_site
from summit.content.loader import load_content
from summit.errors import ContentErrors

from browser import local_context, serve
from sitebuild import copy_project, mkdocs_build

pytestmark = pytest.mark.site
TODAY = "2030-08-01"
"""The fixture's 2030 events are upcoming (their posters and share cards are made too)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Marks]:
    root = tmp_path_factory.mktemp("breakout")
    content, marks = breakout_content(root / "content")
    project = copy_project(root / "project")
    result = mkdocs_build(project, content, today=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site", marks


def test_every_text_field_of_every_kind_gets_the_corpus(tmp_path: Path) -> None:
    fields = every_field()
    assert {"stations.yml:stations[].name", "events.yml:events[].sessions[].title", "site.yml:footer.icp"} <= fields
    assert {"people.yml:people[].bio", "events.yml:events[].body", "people.yml:people[].links[].url"} <= fields
    content, marks = breakout_content(tmp_path / "content")
    assert fields - marks.paths == set()  # a new text field needs a place in breakout.complete
    load_content(tmp_path, content)  # every string is accepted: the site has to show it


def test_the_corpus_leaves_every_context() -> None:
    joined = "\n".join(CORPUS + MARKDOWN + URLS)
    for element in ("title", "textarea", "style", "script", "noscript", "xmp", "iframe", "noembed", "noframes"):
        assert f"</{element}>" in joined
    for element in ("title", "textarea", "style", "script"):
        assert f"</{element.upper()}>" in joined
        assert any(c.lower().startswith(f"</{element}") and not c.islower() and not c.isupper() for c in CLOSERS)
    for closer in ('"', "'", "`", "-->", "--!>", "]]>", "*/"):
        assert closer in CLOSERS
    assert "javascript:" in joined.lower()
    assert len(CORPUS) > 150


def test_addresses_that_would_break_out_are_refused(content_copy: Path) -> None:
    path = content_copy / "partners.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for partner, url in zip(data["partners"], REFUSED_URLS, strict=False):
        partner["website"] = url
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentErrors) as info:
        load_content(content_copy.parent, content_copy)
    errors = [str(e) for e in info.value.errors]
    assert len(errors) == min(len(data["partners"]), len(REFUSED_URLS)), errors
    for error in errors:
        assert re.match(
            r"content/partners\.yml:\d+:\d+: error: partner [a-z-]+ \(.*\) › website: '.*' is not an (allowed link|address)",
            error,
        )
    assert 'it holds " < > (an address writes them percent-encoded, e.g. %3C for <)' in errors[0]


def test_the_check_finds_each_door() -> None:
    page = (
        "<html><head><title>x</title><svg/onload=alert(7)> - site</title>"
        '<script type="application/ld+json">{"name": "</script><b>alert(8)"}</script></head>'
        '<body><a href="javascript:alert(9)">x</a><div onclick="alert(10)">y</div>'
        "<p>alert(11)</p><!-- alert(12) --><style>p{}/* alert(13) */</style></body></html>"
    )
    findings = [f.describe(lambda n: f"field {n}") for f in check_page(page, "x/index.html")]
    assert "x/index.html: <svg onload>: an event handler (from field 7)" in findings
    assert (
        "x/index.html: <a href='javascript:alert(9)'>: an address that is not http(s), mailto or relative (from field 9)"
        in findings
    )
    assert "x/index.html: <div onclick>: an event handler (from field 10)" in findings
    assert "x/index.html: a comment holds the content's text (from field 12)" in findings
    assert "x/index.html: a <style> holds the content's text (from field 13)" in findings
    assert not any("field 11" in f for f in findings)  # text in an element is where it belongs
    assert any(f.startswith("x/index.html: JSON in a <script> is not valid JSON") for f in findings)
    assert check_page('<script type="application/ld+json">{"a": "\\u003c/script\\u003e alert(1)"}</script>', "y") == []


def test_the_seed_site_has_only_the_templates_elements(built_site: Path) -> None:
    assert [f.describe() for f in check_site(built_site, marked=False)] == []


def test_no_page_has_an_element_or_attribute_the_templates_do_not_make(built: tuple[Path, Marks]) -> None:
    site, marks = built
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    found = [f.describe(marks.field) for f in check_site(site)]
    assert not found, summary(found)


def summary(found: list[str]) -> str:
    """What was found, by page and field, the first 20 and how many in all."""
    return f"{len(found)} in all:\n" + "\n".join(found[:20])


def _text(html: str, pattern: str) -> str:
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return " ".join(unescape(match.group(1)).split())


def test_titles_and_footer_show_the_text_once_escaped(built: tuple[Path, Marks]) -> None:
    site, _ = built
    content = yaml.safe_load((site.parent.parent / "content" / "stations.yml").read_text(encoding="utf-8"))
    station = next(s for s in content["stations"] if s["id"] == "tokyo")
    html = (site / "en/stations/tokyo/index.html").read_text(encoding="utf-8")
    name = " ".join(station["name"]["en"].split())
    assert _text(html, r"<title>(.*?)</title>") == f"{name} - China Overseas Scholar Innovation Summit"
    assert _text(html, r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>') == name
    assert _text(html, r'property="og:title" content="([^"]*)"') == name
    site_yml = yaml.safe_load((site.parent.parent / "content" / "site.yml").read_text(encoding="utf-8"))
    copyright = " ".join(site_yml["footer"]["copyright"]["en"].split())
    assert _text(html, r'<p class="md-copyright__highlight">(.*?)</p>') == copyright


def test_data_files_hold_the_text_as_data(built: tuple[Path, Marks]) -> None:
    site, _ = built
    files = [*site.rglob("*.json"), *site.rglob("*.webmanifest")]
    assert len(files) > 10
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))
    for path in site.rglob("*.xml"):
        tree = ET.parse(path)
        tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
        assert not tags & {"svg", "script", "img", "iframe", "style"}, path
    for path in site.rglob("*.svg"):
        assert "alert(" not in path.read_text(encoding="utf-8"), path


TRAP = """
(() => {
  const ran = (window.__ran = []);
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (message) => { ran.push(name + ":" + message); return null; };
  }
})();
"""


@pytest.fixture(scope="module")
def base(built: tuple[Path, Marks]) -> Iterator[str]:
    with serve(built[0]) as url:
        yield url


def test_no_page_runs_a_breakout(chromium, built: tuple[Path, Marks], base: str) -> None:
    site, marks = built
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    ran: list[str] = []
    external: list[str] = []
    context = local_context(chromium, external)
    context.add_init_script(TRAP)
    page = context.new_page()
    page.on("dialog", lambda d: (ran.append(f"{page.url}: dialog {d.message}"), d.dismiss()))
    for path in pages:
        page.goto(base + path.removesuffix("index.html"), wait_until="load")
        page.wait_for_timeout(50)  # what a breakout starts on load has run
        for call in page.evaluate("window.__ran") + [
            m for frame in page.frames[1:] for m in (frame.evaluate("window.__ran || []"))
        ]:
            number = re.search(r"\d+", call)
            ran.append(f"{path}: {call} (from {marks.field(int(number.group())) if number else '?'})")
    context.close()
    assert len(pages) > 40
    assert not ran, summary(ran)
    assert external == []
