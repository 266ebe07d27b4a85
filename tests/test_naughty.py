"""Every naughty string (and known injection payloads) in every kind of text field: the check refuses it
naming file, line and field, or the site shows it as text, and no page runs injected script."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from naughty import BODY_PAYLOADS, PAYLOADS, SEPARATOR, STRINGS, chunks, naughty_content
from summit.content.loader import load_content
from summit.errors import ContentErrors
from summit.outputs.markup import RICH_TAGS
from summit.texts import tidy

from browser import local_context, serve
from sitebuild import copy_project, mkdocs_build, page_text

pytestmark = pytest.mark.site
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def unsafe(html: str) -> list[str]:
    """Tags, attributes and addresses in sanitised HTML that could run script or restyle the page."""
    parser = _Tags()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.found:
        if tag not in RICH_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "src", "srcdoc", "formaction"):
                problems.append(f"{tag} {name}")
            if (
                name == "href"
                and re.match(r"\s*[a-z][a-z0-9+.-]*:", value or "", re.I)
                and not re.match(r"\s*(https?|mailto):", value or "", re.I)
            ):
                problems.append(f"{tag} href={value}")
    return problems


def refused(s: str) -> bool:
    """Refused in every field."""
    return not s.strip() or bool(CONTROL.search(s))


def refused_in_a_line(s: str) -> bool:
    """Refused in a one-line field (a name, a title); a paragraph takes it (test_properties, test_text)."""
    return bool(LINE_BREAK.search(s.strip()))


ACCEPTED = [s for s in STRINGS + PAYLOADS if not refused(s) and not LINE_BREAK.search(s)]
"""What every field takes (several strings are joined in one field: a line break anywhere would be inside)."""
PER_RECORD = 8
"""Strings per text field in the built site (each field holds several, so that the site stays small)."""


def shown(s: str) -> str:
    """The string as a page shows it: whitespace collapsed, none between Chinese characters."""
    return tidy(s)


def test_refusals_name_file_line_and_field(tmp_path: Path) -> None:
    content = naughty_content(tmp_path / "content", STRINGS)
    with pytest.raises(ContentErrors) as info:
        load_content(tmp_path, content)
    refused_indexes = {i for i, s in enumerate(STRINGS) if refused(s) or refused_in_a_line(s)}
    assert {i for i, s in enumerate(STRINGS) if refused(s)}  # the corpus has empty, blank and control-character strings
    for error in info.value.errors:
        # the place first, then the record and the field in words
        assert re.match(r"content/[a-z/0-9]+\.yml:\d+:\d+: error: [a-z]+ [^ ]+ .*› .*: ", str(error)), str(error)
        assert str(error.message).startswith(
            ("missing Chinese (zh) translation", "contains the control character", "a line break in a one-line text")
        )
    for kind, offset in (("events", 0), ("partners", 2), ("projects", 2), ("stations", 3)):
        flagged = {e.loc[1] - offset for e in info.value.errors if e.loc and e.loc[0] == kind}
        assert flagged == refused_indexes, kind


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("naughty")
    content = naughty_content(root / "content", ACCEPTED, per_record=PER_RECORD)
    project = copy_project(root / "project")
    result = mkdocs_build(project, content, today="2025-06-01")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def text_of(site: Path, path: str) -> str:
    return page_text((site / path / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_accepted_string_is_shown_as_text(site: Path, prefix: str) -> None:
    missing = []
    partners = text_of(site, prefix + "partners")
    for i, chunk in enumerate(chunks(ACCEPTED, PER_RECORD)):
        pages = {
            path: text_of(site, prefix + path)
            for path in (f"events/2025-01-01-n{i}", f"stations/n{i}", f"projects/n{i}")
        }
        for s in chunk.split(SEPARATOR):
            want = shown(s)
            missing += [(path, s) for path, text in pages.items() if want not in text]
            if want not in partners:
                missing.append(("partners", s))
    assert missing == []


def test_body_markdown_is_sanitised(site: Path) -> None:
    for i, s in enumerate(chunks(ACCEPTED, PER_RECORD)):
        html = (site / f"events/2025-01-01-n{i}/index.html").read_text(encoding="utf-8")
        body = html.split('<div class="summit-body">', 1)[1].split("</div>", 1)[0] if "summit-body" in html else ""
        assert unsafe(body) == [], s


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def test_no_page_runs_injected_script(chromium, site: Path, base: str) -> None:
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    dialogs, errors, external = [], [], []
    context = local_context(chromium, external)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
    page.on("console", lambda m: errors.append((page.url, m.text)) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append((page.url, str(e))))
    for path in pages:
        page.goto(base + ("" if path == "." else path + "/"), wait_until="domcontentloaded")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    context.close()
    assert len(pages) > 6 * len(ACCEPTED) // PER_RECORD
    assert dialogs == []
    assert errors == []
    assert external == []


def test_body_payloads_in_a_page(tmp_path: Path) -> None:
    content = naughty_content(tmp_path / "content", [])
    events = [
        {
            "id": f"2025-01-02-b{i}",
            "title": {"zh": "甲"},
            "kind": "forum",
            "date": "2025-01-02",
            "status": "held",
            "summary": {"zh": "甲"},
            "body": {"zh": payload},
        }
        for i, payload in enumerate(BODY_PAYLOADS)
    ]
    (content / "events" / "2025.yml").write_text(yaml.safe_dump({"events": events}, allow_unicode=True), "utf-8")
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, content, today="2025-06-01")
    assert result.returncode == 0, result.stdout + result.stderr
    html = "".join(
        (project / f"site/events/2025-01-02-b{i}/index.html").read_text("utf-8") for i in range(len(BODY_PAYLOADS))
    )
    bodies = re.findall(r'<div class="summit-body">(.*?)</div>', html, re.S)
    assert len(bodies) >= len(BODY_PAYLOADS) - 3  # a payload may be dropped whole
    joined = "".join(bodies)
    assert unsafe(joined) == []
    assert '<a href="https://example.org/page" rel="noopener noreferrer">ok</a>' in joined


def test_search_results_show_payloads_as_text(chromium, base: str) -> None:
    context = local_context(chromium)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "en/")
    for query in ("alert", "script", "onerror", "img"):
        page.fill("#summit-search-input", query)
        page.wait_for_function(
            "q => document.querySelector('.summit-search').dataset.searched === q", arg=query, timeout=15000
        )
        assert page.locator(".summit-search__results li").count() > 0
    assert (
        page.evaluate("document.querySelectorAll('.summit-search img, .summit-search script, [onerror]').length") == 0
    )
    context.close()
    assert dialogs == []
