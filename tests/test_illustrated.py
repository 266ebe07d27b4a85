"""A site whose editors gave an image in every place (tests/pictures.py: the site's logo and hero, logos
of partners and a project, photos of an event and a station), built with MkDocs: what a visitor gets in
both languages, and what the build does with the files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from pictures import illustrate
from summit.build.pipeline import site_of
from summit.content.images import ImageCache
from summit.content.loader import load_content
from summit.outputs.datafiles import render_data

from browser import local_context, serve
from conftest import FIXTURE, NOW, edit
from sitebuild import copy_project, mkdocs_build

pytestmark = pytest.mark.site

PAGES = [
    "",
    "schedule/",
    "partners/",
    "projects/",
    "projects/smart-clinic/",
    "stations/",
    "stations/vancouver/",
    "events/2024-04-15-roadshow/",
]
URLS = [prefix + page for prefix in ("", "en/") for page in PAGES]


def build(root: Path, *, svg_logo: bool) -> Path:
    project = copy_project(root)
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    illustrate(content, svg_logo=svg_logo)
    result = mkdocs_build(project, content, today="2025-06-01")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("illustrated"), svg_logo=True)


class Images(HTMLParser):
    """Every <img> of a page (its attributes) and the <source> elements before it."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.sources: list[dict[str, str | None]] = []
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))
        elif tag == "source":
            self.sources.append(dict(attrs))
        elif tag == "link":
            self.links.append(dict(attrs))


def parsed(site: Path, url: str) -> Images:
    parser = Images()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


def candidates(srcset: str) -> list[tuple[str, str]]:
    return [tuple(part.strip().split()) for part in srcset.split(",")]  # type: ignore[misc]


def pixels(site: Path, page: str, address: str) -> tuple[str, int, int]:
    file = Path(urljoin(f"/{page}", address).lstrip("/"))
    with Image.open(site / file) as image:
        return image.format or "?", image.width, image.height


def test_every_image_a_page_names_is_there_at_the_width_it_says(site: Path) -> None:
    seen = 0
    for url in URLS:
        page = parsed(site, url)
        for img in page.images:
            assert img.get("width") and img.get("height") and img.get("alt") is not None, img
            if img["src"].endswith(".svg"):
                assert (site / Path(urljoin(f"/{url}", img["src"]).lstrip("/"))).is_file()
                continue
            _, width, height = pixels(site, url, img["src"])
            assert (width, height) == (int(img["width"]), int(img["height"])), img  # its 1x file, as big as shown
            for address, descriptor in candidates(img.get("srcset") or f"{img['src']} 1x"):
                _, real, _ = pixels(site, url, address)
                if descriptor.endswith("w"):
                    assert real == int(descriptor[:-1])
                else:
                    assert abs(real / int(img["width"]) - float(descriptor[:-1])) < 0.01
                seen += 1
        for source in page.sources:
            assert source["type"] == "image/webp"
            for address, _ in candidates(source["srcset"]):
                assert pixels(site, url, address)[0] == "WEBP"
    assert seen >= 40


def test_each_field_shows_its_image_in_both_languages(site: Path) -> None:
    alts = {
        "": {"大连会场全景", "阿尔法资本标志"},
        "en/": {"The summit's hall in Dalian", "Alpha Capital logo"},
        "events/2024-04-15-roadshow/": {"签约仪式现场", "会场", "项目标志", "阿尔法资本标志"},
        "en/events/2024-04-15-roadshow/": {
            "Two people sign an agreement on stage",
            "The hall",
            "The project's logo",
            "Alpha Capital logo",
        },
        "stations/vancouver/": {""},
        "projects/": {"项目标志"},
        "en/projects/smart-clinic/": {"The project's logo"},
        "partners/": {"阿尔法资本标志"},
    }
    for url, wanted in alts.items():
        shown = {img["alt"] for img in parsed(site, url).images if "summit-logo" not in (img.get("class") or "")}
        assert wanted <= shown, url
    home = parsed(site, "en/")
    (hero,) = [img for img in home.images if img["alt"] == "The summit's hall in Dalian"]
    assert hero.get("fetchpriority") == "high" and "loading" not in hero  # on the first screen: not lazy
    assert [d for _, d in candidates(hero["srcset"])] == ["640w", "1280w"] and hero.get("sizes")
    (logo,) = [img for img in home.images if img["alt"] == "Alpha Capital logo"]
    assert logo["loading"] == "lazy"
    html = (site / "en/events/2024-04-15-roadshow/index.html").read_text(encoding="utf-8")
    assert re.search(r"<figcaption>The signing ceremony</figcaption>", html)
    assert "<figcaption>工作站办公室</figcaption>" in (site / "stations/vancouver/index.html").read_text(
        encoding="utf-8"
    )


def test_the_logo_is_in_the_header_and_the_icons_are_made_from_it(site: Path) -> None:
    for url in ("", "en/events/2024-04-15-roadshow/"):
        page = parsed(site, url)
        (header,) = {img["src"] for img in page.images if "summit-logo" in (img.get("class") or "")}
        svg = site / Path(urljoin(f"/{url}", header).lstrip("/"))
        assert svg.read_text(encoding="utf-8") == (site.parent / "content/images/logo.svg").read_text(encoding="utf-8")
    for lang in ("", "en/"):
        assert (site / lang / "icons/favicon.svg").read_bytes() == (
            site.parent / "content/images/logo.svg"
        ).read_bytes()
        with Image.open(site / lang / "icons/apple-touch-icon.png") as icon:
            assert icon.size == (180, 180) and icon.mode == "RGB"
            assert icon.getpixel((2, 2)) == (255, 255, 255)  # the logo on white, not the typographic mark
            assert icon.getpixel((90, 90)) != (255, 255, 255) or icon.getpixel((40, 90)) != (255, 255, 255)


def test_a_png_logo_makes_a_png_favicon(tmp_path: Path) -> None:
    site = build(tmp_path, svg_logo=False)
    for url in ("", "en/"):
        (icon,) = [link for link in parsed(site, url).links if link.get("rel") == "icon"]
        assert icon["type"] == "image/png"
        assert pixels(site, url, icon["href"])[1:] == (64, 64)
    manifest = (site / "en/manifest.webmanifest").read_text(encoding="utf-8")
    assert "favicon.svg" not in manifest


def test_made_images_carry_no_camera_data(site: Path) -> None:
    made = sorted((site / "images").iterdir())
    assert any(p.suffix == ".jpg" for p in made) and any(p.suffix == ".webp" for p in made)
    for path in made:
        if path.suffix in (".jpg", ".webp", ".png"):
            with Image.open(path) as image:
                assert not image.getexif(), path.name
                assert "exif" not in image.info, path.name
    assert not (site / "en" / "images").exists()  # the languages share one copy


def test_a_build_with_no_changed_image_makes_and_decodes_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    illustrate(content)
    first = load_content(tmp_path, content, now=NOW)
    cache = ImageCache(tmp_path / ".cache" / "images")
    made = render_data(site_of(first, NOW), None, cache)
    assert cache.made > 5

    from summit.content import images

    def no_decoding(*_: object) -> None:
        raise AssertionError("an unchanged image was decoded again")

    monkeypatch.setattr(images, "_opened", no_decoding)
    again = load_content(tmp_path, content, now=NOW)
    cache = ImageCache(tmp_path / ".cache" / "images")
    assert render_data(site_of(again, NOW), None, cache) == made
    assert cache.made == 0
    monkeypatch.undo()
    edit(content / "site.yml", "path: images/hero.jpg", "path: images/events/hall.jpg")  # an image now a hero
    third = load_content(tmp_path, content, now=NOW)
    cache = ImageCache(tmp_path / ".cache" / "images")
    render_data(site_of(third, NOW), None, cache)
    assert cache.made == 2  # its two hero sizes; its photo sizes were made before


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("url", URLS)
def test_in_the_browser_every_image_loads_with_its_size_and_alt(base: str, chromium, url: str) -> None:
    context = local_context(chromium, viewport={"width": 320, "height": 700})  # the narrowest phone
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(base + url, wait_until="networkidle")
    for index in range(page.locator("img").count()):  # brought into view, as a reader scrolls: lazy ones load
        image = page.locator("img").nth(index)
        if image.is_visible():
            image.scroll_into_view_if_needed()
            page.wait_for_function("i => i.complete", arg=image.element_handle(), timeout=5000)
    state = page.evaluate(
        """[...document.images].map(i => ({html: i.outerHTML.slice(0, 120), w: i.getAttribute('width'),
        h: i.getAttribute('height'), alt: i.hasAttribute('alt'), done: i.complete && i.naturalWidth > 0,
        shown: i.getBoundingClientRect().width}))"""
    )
    wide = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert failed == []
    assert wide <= 320
    assert state and all(i["w"] and i["h"] and i["alt"] for i in state), state
    assert all(i["done"] for i in state if i["shown"] > 0), state


def test_the_hero_photo_leaves_the_next_event_on_a_phones_first_screen(base: str, chromium) -> None:
    context = local_context(chromium, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(base + "en/", wait_until="networkidle")
    for selector in (".summit-hero__title", ".summit-next__title", ".summit-hero__actions .md-button--primary"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844, selector
    photo = page.locator(".summit-hero__photo img").bounding_box()
    assert photo is not None and photo["y"] > page.locator(".summit-next").bounding_box()["y"]
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["", "en/events/2024-04-15-roadshow/", "stations/vancouver/", "en/projects/"])
def test_pages_with_images_pass_axe(base: str, chromium, url: str, scheme: str) -> None:
    from test_audit import axe_violations

    assert axe_violations(chromium, base + url, scheme) == []


def test_a_photo_whose_alt_repeats_its_caption_is_refused_at_its_line(
    content_copy: Path, errors_of: Callable[[Path], list[str]]
) -> None:
    illustrate(content_copy)
    edit(content_copy / "events/2024.yml", "Two people sign an agreement on stage", "The signing ceremony")
    (line,) = errors_of(content_copy)
    assert re.match(
        r"content/events/2024\.yml:\d+:\d+: error: event 2024-04-15-roadshow \(Vancouver project roadshow\) › "
        r"photo 1: the alt text \(English\) repeats",
        line,
    ), line


@pytest.mark.parametrize(
    ("where", "old", "new", "error"),
    [
        (
            "site.yml",
            "path: images/logo.svg",
            "path: images/hero.jpg",
            "logo › path: the summit's logo must be an SVG or PNG",
        ),
        (
            "site.yml",
            "path: images/hero.jpg",
            "path: images/nothing.jpg",
            "hero image › path: no image at 'images/nothing.jpg'",
        ),
        (
            "stations.yml",
            "decorative: true",
            "decorative: false",
            "station vancouver (Vancouver Station) › photo 1: an image needs its alt text",
        ),
        (
            "projects.yml",
            "path: images/projects/first.png",
            "path: ../first.png",
            "project smart-clinic (Smart Clinic) › logo › path: '../first.png'",
        ),
    ],
)
def test_every_image_field_is_checked_at_its_line(
    content_copy: Path, errors_of: Callable[[Path], list[str]], where: str, old: str, new: str, error: str
) -> None:
    illustrate(content_copy)
    edit(content_copy / where, old, new)
    (line,) = errors_of(content_copy)
    assert line.startswith(f"content/{where}:") and error in line, line


def test_the_built_site_links_its_images_from_the_cache(site: Path) -> None:
    """The images a build puts into the site are the cache's own files (hard links): an unchanged image
    is neither made nor copied again."""
    cache = site.parent / ".cache" / "images"
    made = {f.stat().st_ino for f in cache.rglob("image.*")}
    published = [f for f in (site / "images").iterdir() if f.suffix != ".svg"]
    assert published and all(f.stat().st_ino in made for f in published)
