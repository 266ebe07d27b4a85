"""Embeddable views as a station's own website shows them: a page served from another origin pastes the
snippet of a station's page (and of an event's, and the schedule's view), in both languages, at a phone's
width and a desktop's; the frame takes its content's height once the fonts have loaded (no scroll bar
inside), its links open the full page at the top, it loads nothing from another host, and axe finds
nothing in either colour scheme."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_programme import SUMMIT_WEEK, built  # noqa: F401 (the fixture: the fixture content with a programme)

from browser import local_context, serve

pytestmark = pytest.mark.site

BASE_URL = "https://summit.example.org/"
VIEWS = [
    ("stations/tokyo/", "stations/tokyo/embed/"),
    (f"events/{SUMMIT_WEEK}/", f"events/{SUMMIT_WEEK}/embed/"),
    (None, "schedule/embed/"),
]


@pytest.fixture(scope="module")
def site(built: Path) -> Iterator[str]:  # noqa: F811
    with serve(built) as url:
        yield url


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """Another origin (another port): the station's own website."""
    folder = tmp_path_factory.mktemp("host")
    with serve(folder) as url:
        yield folder, url


def snippet_of(built_site: Path, page: str | None, view: str, lang: str, site: str) -> str:
    """The snippet a page offers to copy (the schedule's view: the station's, pointed at the schedule),
    with the site's address as this machine serves it."""
    prefix = "" if lang == "zh" else "en/"
    text = (built_site / prefix / (page or "stations/tokyo/") / "index.html").read_text(encoding="utf-8")
    code = html.unescape(re.search(r'<pre class="summit-embed__code"><code>(.*?)</code></pre>', text, re.S).group(1))
    if page is None:
        code = code.replace(f"{prefix}stations/tokyo/embed/", f"{prefix}schedule/embed/")
    return code.replace(BASE_URL, site).replace(BASE_URL.rstrip("/"), site.rstrip("/"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [320, 1280])
def test_a_station_website_embeds_each_view(chromium, built: Path, site: str, host, lang: str, width: int) -> None:  # noqa: F811
    folder, host_url = host
    outside: list[str] = []
    context = local_context(chromium, outside, viewport={"width": width, "height": 800})
    for n, (page, view) in enumerate(VIEWS):
        code = snippet_of(built, page, view, lang, site)
        assert 'height="480"' in code and "postMessage" not in code  # the host's part: a frame, a listener
        name = f"{lang}-{width}-{n}.html"
        (folder / name).write_text(
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>A station's site</title>"
            f"<meta name='viewport' content='width=device-width'></head><body style='margin:0'>"
            f"<main><h1>Our events</h1>{code}</main></body></html>",
            encoding="utf-8",
        )
        tab = context.new_page()
        tab.goto(host_url + name, wait_until="networkidle")
        frame_element = tab.locator("iframe")
        assert frame_element.get_attribute("title")
        frame = tab.frames[1]
        assert frame.url.startswith(site) and not host_url.startswith(frame.url[: len(site)])  # another origin
        frame.evaluate("document.fonts.ready")
        tab.wait_for_function(
            "() => { const f = document.querySelector('iframe'); return Math.abs(f.getBoundingClientRect().height - "
            "parseFloat(f.style.height || 0)) < 1 && f.style.height !== ''; }"
        )
        tab.wait_for_timeout(150)
        inside = frame.evaluate(
            "() => ({scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight,"
            " wide: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,"
            " lang: document.documentElement.lang,"
            " targets: [...document.links].map(a => a.target), hrefs: [...document.links].map(a => a.href)})"
        )
        assert inside["scroll"] <= inside["client"], (view, inside)  # no scroll bar inside
        assert inside["wide"] <= inside["width"], (view, inside)
        assert inside["lang"] == ("zh-CN" if lang == "zh" else "en")
        assert inside["targets"] and set(inside["targets"]) == {"_top"}
        assert all(href.startswith(BASE_URL + ("" if lang == "zh" else "en/")) for href in inside["hrefs"])
        height = frame_element.evaluate("f => f.getBoundingClientRect().height")
        assert abs(height - inside["client"]) <= 1 and height != 480
        tab.close()
    context.close()
    assert outside == []


def test_dark_or_light_as_the_host_asks_and_a_fixed_height_without_script(chromium, site: str) -> None:
    context = local_context(chromium, color_scheme="light", viewport={"width": 600, "height": 800})
    tab = context.new_page()
    colours = {}
    for theme in ("dark", "light"):
        tab.goto(f"{site}stations/tokyo/embed/?theme={theme}")
        colours[theme] = tab.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert colours == {"dark": "rgb(39, 42, 53)", "light": "rgb(255, 255, 255)"}
    context.close()
    still = local_context(chromium, java_script_enabled=False, viewport={"width": 320, "height": 480})
    tab = still.new_page()
    tab.goto(f"{site}events/{SUMMIT_WEEK}/embed/")
    assert tab.locator("h1 a[target=_top]").count() == 1  # readable and scrollable at the snippet's height
    still.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_views_pass_axe(chromium, site: str, scheme: str) -> None:
    from test_audit import axe_violations

    for lang in ("", "en/"):
        for _, view in VIEWS:
            assert axe_violations(chromium, f"{site}{lang}{view}", scheme) == [], view


def test_the_page_shows_its_view_when_the_box_opens(chromium, site: str) -> None:
    context = local_context(chromium, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(f"{site}en/stations/tokyo/", wait_until="networkidle")
    preview = tab.locator(".summit-embed__preview")
    assert preview.get_attribute("src") is None  # nothing loaded until asked
    tab.locator(".summit-embed summary").click()
    tab.wait_for_function("() => document.querySelector('.summit-embed__preview').style.height !== ''")
    frame = next(f for f in tab.frames if f.url.endswith("/en/stations/tokyo/embed/"))
    assert frame.locator("h1").inner_text() == "Tokyo Station events"
    context.close()
