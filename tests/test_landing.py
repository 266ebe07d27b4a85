"""The home page is a landing page: a hero with the summit, its programme, the next event and what to do;
key figures as a band; events as cards with date blocks; the stations with their local time; the
partners as a wall. Read from the built fixture site and seen by a visitor in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

from browser import local_context, serve

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def base(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


def home(site: Path, lang: str) -> str:
    return (site / ("en" if lang == "en" else "") / "index.html").read_text(encoding="utf-8")


def texts(html: str, cls: str) -> list[str]:
    """The text of each element of class ``cls`` (tags removed, whitespace collapsed)."""
    found = re.findall(rf'<(\w+)\b[^>]*\bclass="{cls}"[^>]*>(.*?)</\1>', html, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", body)).split()) for _, body in found]


def test_the_hero_says_what_the_summit_is_and_what_to_do(built_site: Path) -> None:
    html = home(built_site, "en")
    assert texts(html, "summit-hero__title") == ["Test Innovation Summit"]
    assert texts(html, "summit-hero__slogan") == ["Test slogan"]
    assert texts(html, "summit-hero__programme") == ["Programme 2024 Activities all year."]
    assert texts(html, "summit-hero__kicker") == ["TESTIS · Since 2001"]  # the short name is the acronym
    # the next event as of the build (2025-06-01), its countdown left to the browser, the date beside it
    assert texts(html, "summit-next__label") == ["Next event"]
    assert texts(html, "summit-next__title") == ["Tokyo industry forum"]
    assert re.search(r'<a class="summit-next" href="events/2030-09-01-tokyo-forum/">', html)
    assert re.search(
        r'<span class="summit-countdown" data-start="2030-09-01T\S+" data-end="\S+" data-now="Happening now">', html
    )
    actions = re.search(r'<p class="summit-hero__actions">(.*?)</p>', html, re.S)[1]
    assert re.findall(r'href="([^"]+)"', actions)[0] == "schedule/"


def test_register_and_watch_when_the_next_event_has_them(built_site: Path) -> None:
    html = home(built_site, "zh")
    actions = re.search(r'<p class="summit-hero__actions">(.*?)</p>', html, re.S)[1]
    assert texts(actions, "md-button md-button--primary") == ["查看日程"]
    assert texts(actions, "md-button") == ["立即报名"]  # the Tokyo forum has a registration link, no stream
    assert 'href="https://register.example.org/"' in actions


def test_figures_cards_stations_and_partners(built_site: Path) -> None:
    html = home(built_site, "zh")
    assert texts(html, "summit-figures__value") == ["12,345余"]
    assert texts(html, "summit-note") == ["数据截至2024年"]
    # upcoming events as cards with their date block, soonest first; then the latest past ones
    cards = re.findall(r'<li class="summit-card summit-card--event"[^>]*>(.*?)</li>', html, re.S)
    blocks = [texts(card, "summit-date__big") + texts(card, "summit-date__small") for card in cards]
    assert blocks[:2] == [["1", "9月"], ["10", "10月"]]
    assert ["5月", "日期待定"] in blocks  # a month-only event
    assert texts(cards[1], "summit-badge summit-badge--postponed") == ["已延期"]
    # each station with its city and country and a clock the browser keeps (without it: zone and offset)
    stations = texts(html, "summit-station__place")
    assert stations[:2] == ["温哥华 · 加拿大", "东京 · 日本"]
    clocks = re.findall(r'<span class="summit-clock" data-zone="([^"]+)">([^<]+)</span>', html)
    assert clocks[:2] == [("America/Vancouver", "UTC-7 · America/Vancouver"), ("Asia/Tokyo", "UTC+9 · Asia/Tokyo")]
    # partners by kind, in the order of partners.yml, each linked to its entry
    assert texts(html, "summit-wall__kind") == ["投资机构", "政府部门"]
    assert re.findall(r'<a class="summit-tile" href="([^"]+)">', html) == [
        "partners/#alpha-capital",
        "partners/#test-zone",
    ]


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
def test_no_horizontal_scrolling(chromium, base: str, width: int) -> None:
    context = local_context(chromium, viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("", "en/", "schedule/", "en/events/2030-09-01-tokyo-forum/", "stations/vancouver/", "en/partners/"):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    context.close()


def test_a_phone_sees_the_summit_its_next_event_and_what_to_do_first(chromium, base: str) -> None:
    context = local_context(chromium, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(base + "en/")
    for selector in (".summit-hero__title", ".summit-next__title", ".summit-hero__actions .md-button--primary"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844, selector
    context.close()


@pytest.mark.parametrize(
    ("at", "clocks", "countdown"),
    [
        # 2030-03-31 is the day the clocks go forward in London, at 01:00 UTC
        ("2030-03-31T00:30:00Z", ["Sun 09:30", "Sun 00:30"], "in 154 days"),
        ("2030-03-31T01:30:00Z", ["Sun 10:30", "Sun 02:30"], "in 153 days"),
        ("2030-08-31T22:00:00Z", ["Sun 07:00", "Sat 23:00"], "in 3 hours"),
        ("2030-09-01T03:00:00Z", ["Sun 12:00", "Sun 04:00"], "Happening now"),
    ],
)
def test_clocks_and_countdown_follow_the_visitors_clock(
    chromium, base: str, at: str, clocks: list[str], countdown: str
) -> None:
    """Tokyo's and London's clocks (Vancouver's is the browser's own zone data, which may differ from the
    build's for years ahead), and the countdown to the Tokyo forum (10:00 in Tokyo, 01:00 UTC)."""
    context = local_context(chromium, timezone_id="Europe/Berlin")
    page = context.new_page()
    page.clock.set_fixed_time(at)
    page.goto(base + "en/")
    zones = page.locator(".summit-clock").evaluate_all("els => els.map(e => e.dataset.zone)")
    shown = dict(zip(zones, page.locator(".summit-clock").all_inner_texts(), strict=True))
    assert [shown["Asia/Tokyo"], shown["Europe/London"]] == clocks
    assert re.fullmatch(r"(Sat|Sun) \d\d:\d\d", shown["America/Vancouver"])
    assert page.locator(".summit-countdown").inner_text() == countdown
    context.close()


@pytest.mark.parametrize("path", ["en/events/2024-04-15-roadshow/", "stations/vancouver/"])
def test_record_pages_print_without_navigation(chromium, base: str, path: str) -> None:
    """On paper: no header, tabs, sidebars, footer or buttons; the title, the facts and the QR code stay,
    and links show their address."""
    context = local_context(chromium)
    page = context.new_page()
    page.goto(base + path)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".summit-actions"):
        if page.locator(hidden).count():
            assert not page.locator(hidden).first.is_visible(), hidden
    for shown in ("h1", ".summit-header", "img.summit-qr"):
        assert page.locator(shown).first.is_visible(), shown
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()
