"""Share cards and posters: text wraps by character in Chinese and by word in English and never leaves
its box (the longest titles of the content and the naughty strings); a poster's QR code is the page's
address; each file is drawn once; a built page names its card, an upcoming event offers its poster,
and WeChat's thumbnail is the first image, hidden; without a CJK font the build warns and draws none."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import segno
from PIL import Image, ImageChops

from naughty import STRINGS
from summit.content.loader import load_content
from summit.outputs import cards, share
from summit.outputs.cards import CARD_SIZE, Card, Drawer, Poster, _font, draw_card, draw_poster, wrap
from summit.outputs.share import Share, share_files
from summit.schedule.site import Site

from conftest import NOW, ROOT

LONG_ZH = "2020中国海外学子创业周暨海外人才创新创业大会开幕式及人工智能与生物医药产业高峰论坛（线上＋线下）"
LONG_EN = (
    "China Overseas Scholars Innovation and Entrepreneurship Week: opening ceremony and keynote forum on "
    "artificial intelligence, biomedicine and the new energy industries, online and in Dalian"
)
TEXT_BOX = (64, 190, CARD_SIZE[0] - 64, CARD_SIZE[1] - 90)
"""Where a card's text may be: inside its 72 px margins (less a glyph's overhang), above the address."""


def test_chinese_wraps_by_character_and_keeps_closing_marks_with_their_line() -> None:
    font = _font(64, True)
    lines = wrap(LONG_ZH, font, 1056, 5)
    assert len(lines) > 1 and "".join(lines) == LONG_ZH  # nothing lost, no space put in
    assert all(font.getlength(line) <= 1056 for line in lines)
    assert not any(line[0] in cards.NO_START for line in lines)
    # a closing mark that would start a line takes the character before it along
    narrow = wrap("海创周，海外学子创业周。", font, font.getlength("海创周"), 6)
    assert not any(line[0] in "，。" for line in narrow) and "".join(narrow) == "海创周，海外学子创业周。"


def test_english_wraps_by_word_and_a_word_too_long_for_a_line_by_character() -> None:
    font = _font(64, True)
    lines = wrap(LONG_EN, font, 1056, 10)
    assert " ".join(lines) == LONG_EN  # whole words, in order
    assert all(font.getlength(line) <= 1056 for line in lines)
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    cut = wrap(long_word, font, 600, 10)
    assert "".join(cut) == long_word and all(font.getlength(line) <= 600 for line in cut)


def test_text_too_long_for_its_lines_ends_with_an_ellipsis_inside_the_width() -> None:
    font = _font(64, True)
    for text in (LONG_ZH * 3, LONG_EN * 3):
        lines = wrap(text, font, 1056, 2)
        assert len(lines) == 2 and lines[-1].endswith("…")
        assert all(font.getlength(line) <= 1056 for line in lines)


@pytest.mark.parametrize("text", STRINGS, ids=range(len(STRINGS)))
def test_every_naughty_string_wraps_inside_its_width(text: str) -> None:
    font = _font(48, True)
    lines = wrap(text, font, 1056, 3)
    assert len(lines) <= 3
    assert all(font.getlength(line) <= 1056 for line in lines), lines


def _ink(image: Image.Image, blank: Image.Image) -> tuple[int, int, int, int] | None:
    """Where ``image`` differs from ``blank`` by more than a card's few colours may round."""
    difference = ImageChops.difference(image.convert("RGB"), blank.convert("RGB")).convert("L")
    return difference.point(lambda v: 255 if v > 24 else 0).getbbox()


def _png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def _longest_titles() -> list[tuple[str, str]]:
    texts = []
    for folder in (ROOT / "content", ROOT / "tests" / "fixtures" / "content"):
        content = load_content(ROOT, folder)
        for record in [*content.events, *content.stations.values(), *content.projects.values()]:
            name = getattr(record, "title", None) or record.name
            texts += [("zh", name.zh), ("en", name.get("en"))]
    texts.sort(key=lambda t: len(t[1]), reverse=True)
    naughty = sorted((s for s in STRINGS if s.strip()), key=len, reverse=True)[:8]
    return texts[:4] + [("zh", LONG_ZH), ("en", LONG_EN)] + [("en", s) for s in naughty]


@pytest.mark.parametrize(("lang", "title"), _longest_titles())
def test_a_card_keeps_every_line_inside_its_box(lang: str, title: str) -> None:
    look = {
        "site": "中国海外学子创业周" if lang == "zh" else "China Overseas Scholars Innovation Week",
        "mark": "海创周",
    }
    lines = ("2020年7月10日 – 2020年7月12日" if lang == "zh" else "July 10, 2020 – July 12, 2020", title)
    card = Card(lang, title, "活动" if lang == "zh" else "Event", lines, host="summit.example.org", **look)
    image = _png(draw_card(card))
    assert image.size == CARD_SIZE and image.format == "PNG"
    blank = _png(draw_card(Card(lang, "", "", (), host="summit.example.org", **look)))
    box = _ink(image, blank)
    assert box is not None
    left, top, right, bottom = box
    assert left >= TEXT_BOX[0] and top >= TEXT_BOX[1] and right <= TEXT_BOX[2] and bottom <= TEXT_BOX[3], box


def _poster(lang: str, title: str, times: tuple[str, ...]) -> Poster:
    return Poster(
        lang,
        title,
        "活动" if lang == "zh" else "Event",
        ("大连国际会议中心 · 大连",),
        "中国海外学子创业周",
        "海创周",
        "summit.example.org",
        url="https://summit.example.org/events/2030-09-01-summit-week/",
        scan="扫码打开活动页面",
        times=times,
    )


@pytest.mark.parametrize(("lang", "title"), [("zh", LONG_ZH), ("en", LONG_EN), ("en", LONG_EN * 2), ("zh", "路演")])
def test_a_poster_keeps_its_text_above_the_qr_code_which_is_the_pages_address(lang: str, title: str) -> None:
    times = ("2030年9月1日（周日）09:00–17:30 北京时间", *(f"工作站{n}：8月31日 18:00–02:30 PDT" for n in range(6)))
    poster = _poster(lang, title, times)
    image = draw_poster(poster, cards.POSTER_WIDTH)
    assert image.width == 1080 and abs(image.height / image.width - 297 / 210) < 0.002
    # the white panel of the QR code: the first row that is white across
    pad = 84
    white = (255, 255, 255)
    panel_top = next(
        y
        for y in range(image.height)
        if all(image.getpixel((x, y)) == white for x in range(pad + 30, 1080 - pad - 30, 7))
    )
    assert panel_top > image.height * 0.6
    text = image.crop((0, 0, image.width, panel_top))
    blank = draw_poster(_poster(lang, "", ()), cards.POSTER_WIDTH).crop((0, 0, image.width, panel_top))
    box = _ink(text, blank)
    assert box is not None and box[3] <= panel_top - 24 and box[2] <= image.width - pad and box[0] >= pad
    # the QR code, module by module, is segno's code of the page's address: found by its top left
    # finder pattern (the first dark pixel in the panel), seven modules wide
    panel = image.crop((pad, panel_top, image.width // 2, image.height - pad))
    dark = [(x, y) for y in range(panel.height) for x in range(panel.width) if panel.getpixel((x, y)) == (0, 0, 0)]
    left, top = min(dark, key=lambda p: (p[1], p[0]))
    run = next(x for x in range(left, panel.width) if panel.getpixel((x, top)) != (0, 0, 0)) - left
    scale = run // 7
    assert scale * 7 == run and scale >= 5
    matrix = segno.make(poster.url, error="m").matrix
    for y, row in enumerate(matrix):
        for x, module in enumerate(row):
            pixel = panel.getpixel((left + x * scale + scale // 2, top + y * scale + scale // 2))
            assert (pixel == (0, 0, 0)) == bool(module), (x, y)


def test_the_print_poster_is_one_a4_page() -> None:
    files = cards.poster_files(_poster("zh", LONG_ZH, ("2030年9月1日 09:00 北京时间",)))
    pdf = files[_poster("zh", LONG_ZH, ("2030年9月1日 09:00 北京时间",)).pdf]
    assert pdf.startswith(b"%PDF")
    size = re.search(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", pdf)
    assert size is not None
    width, height = (float(v) * 25.4 / 72 for v in size.groups())
    assert abs(width - 210) < 1 and abs(height - 297) < 1
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page>") >= 1


def test_each_card_is_drawn_once_and_again_only_when_its_text_changes(fixture_site, tmp_path: Path) -> None:
    first = share_files(fixture_site, tmp_path, warn=pytest.fail)
    made = {path: file.stat().st_mtime_ns for path, file in first.items()}
    assert len(first) >= 10 and all(file.is_file() for file in first.values())
    drawer = Drawer(tmp_path)
    the_share = Share(fixture_site)
    assert drawer.files(the_share.all_cards(), [p for _, _, p in the_share.posters()]).keys() == first.keys()
    assert drawer.made == 0
    assert {path: file.stat().st_mtime_ns for path, file in first.items()} == made
    changed = Card("zh", "新的标题", site="中国海外学子创业周")
    assert changed.name != Card("zh", "新的标题 ", site="中国海外学子创业周").name
    assert drawer.files([changed], []) and drawer.made == 1


def test_without_a_cjk_font_no_card_is_drawn_and_the_build_says_how_to_install_one(
    fixture_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cards, "cjk_font", lambda bold=True: None)
    monkeypatch.setattr(share, "cjk_font", lambda bold=True: None)
    said: list[str] = []
    assert share_files(fixture_site, tmp_path, said.append) == {}
    assert len(said) == 1 and "apt-get install fonts-noto-cjk" in said[0]
    assert not list(tmp_path.iterdir())


def test_the_newest_events_and_upcoming_ones_have_cards_of_their_own(fixture_site) -> None:
    the_share = Share(fixture_site)
    events = fixture_site.content.events
    cards_of = {e.id: the_share.page(f"events/{e.id}.md", ("event", e.id), "zh") for e in events}
    assert len(set(cards_of.values())) == len(events)  # the fixture's few events: each its own
    assert all(card.title == e.title.zh for e, card in zip(events, cards_of.values(), strict=True))
    project = the_share.page("projects/x.md", ("project", "x"), "en")
    assert project.title == "Projects"  # a project shares its kind's card
    assert NOW.year == 2025 and {e.id for e, _, _ in the_share.posters()} == {
        e.id for e in events if e.date.year >= 2030
    }


def _meta(html: str, prop: str) -> str:
    found = re.search(rf'<meta property="{prop}" content="([^"]*)"', html)
    assert found, prop
    return found.group(1)


@pytest.mark.site
def test_every_built_page_names_a_card_that_is_there(built_site: Path) -> None:
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 30
    cards_of: dict[str, str] = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect from a former address
        if page.parent.name in ("embed", "screen", "admin"):
            continue  # a view for another site's frame, a hall's screen, the editing page: not pages to share
        image = _meta(html, "og:image")
        assert image.startswith("https://summit.example.org/"), page
        file = built_site / image.removeprefix("https://summit.example.org/")
        with Image.open(file) as card:
            assert card.size == CARD_SIZE and card.format == "PNG", page
        cards_of[page.relative_to(built_site).as_posix()] = image
    # both languages, a card of their own for the fixture's events, stations and the site's pages
    events = {p: c for p, c in cards_of.items() if "/events/" in f"/{p}"}
    assert len(set(events.values())) == len(events) >= 10
    assert cards_of["index.html"] != cards_of["en/index.html"] != cards_of["en/schedule/index.html"]
    assert "cards/" in cards_of["stations/vancouver/index.html"]


@pytest.mark.site
def test_an_upcoming_event_offers_its_poster_and_a_past_one_none(built_site: Path) -> None:
    for lang in ("", "en/"):
        page = built_site / f"{lang}events/2030-09-01-tokyo-forum/index.html"
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+\.(?:png|pdf))" download>', html)
        assert [link.rsplit(".", 1)[1] for link in links] == ["png", "pdf"], links
        files = [(page.parent / link).resolve() for link in links]
        with Image.open(files[0]) as poster:
            assert poster.width == 1080 and poster.height > poster.width
        assert files[1].read_bytes().startswith(b"%PDF")
        past = (built_site / f"{lang}events/2024-04-15-roadshow/index.html").read_text(encoding="utf-8")
        assert not re.search(r'href="[^"]+\.pdf" download', past)
    zh, en = (built_site / f"{lang}events/2030-09-01-tokyo-forum/index.html" for lang in ("", "en/"))
    assert re.findall(r'href="([^"]+\.png)" download', zh.read_text("utf-8")) != re.findall(
        r'href="([^"]+\.png)" download', en.read_text("utf-8")
    )


@pytest.mark.site
def test_wechats_thumbnail_is_the_first_image_hidden_and_never_loaded(chromium, built_site: Path) -> None:
    from browser import local_context, serve

    for path in ("index.html", "en/events/2024-04-15-roadshow/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        body = html[html.index("<body") :]
        first = re.search(r"<img [^>]*>", body)
        assert first is not None
        assert "icons/icon-512.png" in first.group(0) and 'width="512"' in first.group(0)
        assert '<div class="summit-thumbnail" hidden aria-hidden="true">' in body[: first.start()][-80:]
        with Image.open((built_site / path).parent / re.search(r'src="([^"]+)"', first.group(0)).group(1)) as icon:
            assert icon.size == (512, 512)
    with serve(built_site) as base:
        context = local_context(chromium)
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(base + "en/events/2024-04-15-roadshow/")
        page.wait_for_load_state("networkidle")
        assert page.locator(".summit-thumbnail img").is_hidden()
        assert not any(url.endswith("icon-512.png") for url in asked)
        context.close()


def test_the_people_and_projects_of_upcoming_events_have_cards_of_their_own(tmp_path: Path) -> None:
    from test_programme import with_programme

    from conftest import BASE_URL, FIXTURE

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    with_programme(content)
    loaded = load_content(ROOT, content)
    upcoming = next(i for i, e in enumerate(loaded.events) if e.date.year >= 2030)
    project = next(iter(loaded.projects))
    loaded.events[upcoming] = loaded.events[upcoming].model_copy(update={"projects": [project]})
    site = Site(loaded, NOW, BASE_URL)
    the_share = Share(site)
    other = [p for p in loaded.projects if p != project]
    assert other and the_share.page(f"projects/{other[0]}.md", ("project", other[0]), "zh").title == "项目"
    speakers = {p for e in site.content.events if e.date.year >= 2030 for s in e.sessions for p in s.people}
    assert speakers
    for person in site.content.people.values():
        card = the_share.page(f"people/{person.id}.md", ("person", person.id), "en")
        if person.id in speakers:  # their name, "Person" above it
            assert (card.title, card.kind) == (person.name.get("en"), "Person")
        else:  # the people's list's card
            assert (card.title, card.kind) == ("People", "")
    shown = [e for e in site.content.events if e.date.year >= 2030 and e.projects]
    assert shown
    for event in shown:
        for project in event.projects:
            card = the_share.page(f"projects/{project}.md", ("project", project), "zh")
            assert card.title == site.content.projects[project].name.zh
