"""What a visitor's browser and an auditor see on every page kind, in both languages: no request to any
other host, no failed request or console error, no axe-core violation (WCAG 2.2 AA and best practice),
and a 404 page in the language of the address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import local_context, serve

pytestmark = pytest.mark.site

AXE = (Path(__file__).parent / "fixtures" / "axe" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(chromium, url: str, scheme: str = "light") -> list[tuple[str, list]]:
    """axe-core's violations of the page at ``url`` in the light or dark colour scheme: (rule, targets)."""
    context = local_context(chromium, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.add_script_tag(content=AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    context.close()
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


PAGE_KINDS = [
    "",
    "schedule/",
    "about/",
    "partners/",
    "stations/",
    "stations/vancouver/",
    "projects/",
    "projects/smart-clinic/",
    "events/2024-04-15-roadshow/",
    "events/2024-05-policy-conference/",
    "events/2030-09-01-tokyo-forum/",
    "changes/",
]
"""(The embeddable views: test_embeds.)"""
URLS = [prefix + kind for prefix in ("", "en/") for kind in PAGE_KINDS]


@pytest.fixture(scope="module")
def base(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture
def visitor(chromium):
    """A page that records what it asks of other hosts, what fails and what it logs as an error."""
    external: list[str] = []
    context = local_context(chromium, external)
    page = context.new_page()
    page.external, page.failed, page.errors = external, [], []
    page.on("response", lambda r: page.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


@pytest.mark.parametrize("url", URLS)
def test_only_its_own_host_and_nothing_fails(base: str, visitor, url: str) -> None:
    visitor.goto(base + url, wait_until="networkidle")
    assert visitor.external == []
    assert visitor.failed == []
    assert visitor.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", URLS)
def test_no_accessibility_violation(base: str, chromium, url: str, scheme: str) -> None:
    """In the light and the dark scheme (the theme follows the system's setting)."""
    context = local_context(chromium, color_scheme=scheme)
    page = context.new_page()
    page.goto(base + url, wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    page.add_script_tag(content=AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [("no-such-page/", "zh-Hans", "页面未找到"), ("en/no-such-page/", "en", "Page not found")],
)
def test_404_speaks_the_language_of_the_address(base: str, visitor, url: str, lang: str, heading: str) -> None:
    response = visitor.goto(base + url)
    assert response.status == 404
    assert visitor.locator("html").get_attribute("lang") == lang
    assert visitor.locator(".summit-404 h1:visible").inner_text() == heading
    assert visitor.external == []


def test_keyboard_reaches_the_skip_link_first(base: str, visitor) -> None:
    visitor.goto(base + "en/schedule/")
    visitor.keyboard.press("Tab")
    focused = visitor.evaluate("document.activeElement.className + ' ' + document.activeElement.getAttribute('href')")
    assert focused.startswith("md-skip")
    outline = visitor.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
