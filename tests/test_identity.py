"""The summit's identity from site.yml: brand colours, checked for contrast, in both colour schemes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from summit.content.colours import DARK_BACKGROUND, WHITE, contrast, palette

from conftest import edit


def test_contrast_as_wcag_measures_it() -> None:
    assert round(contrast("#000000", WHITE), 2) == 21.0
    assert round(contrast("#777777", WHITE), 2) == 4.48  # the well-known grey just short of AA
    assert contrast("#1f4e9c", "#1f4e9c") == 1.0


def test_the_dark_scheme_gets_readable_variants() -> None:
    colours = palette("#1F4E9C", "#b3261e")
    assert colours["primary"] == "#1f4e9c"
    assert contrast(colours["primary"], DARK_BACKGROUND) < 4.5  # as given: unreadable on the dark page
    assert contrast(colours["dark_link"], DARK_BACKGROUND) >= 4.5
    assert contrast(colours["dark_accent"], DARK_BACKGROUND) >= 4.5


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        (
            '"#ffd54f"',
            "#ffd54f and white text have a contrast of 1.4:1; WCAG AA needs 4.5:1 for text (the hero, buttons and "
            "date blocks put white text on it): choose a darker colour",
        ),
        ('"blue"', "'blue' is not a colour: write it as #RRGGBB, e.g. #1f4e9c"),
    ],
)
def test_a_colour_white_text_cannot_be_read_on_is_refused_at_its_line(
    content_copy: Path, errors_of: Callable[[Path], list[str]], colour: str, message: str
) -> None:
    edit(content_copy / "site.yml", 'primary: "#1f4e9c"', f"primary: {colour}")
    (line,) = errors_of(content_copy)
    assert re.fullmatch(r"content/site\.yml:\d+:12: error: brand colours › primary colour: (.*)", line)[1] == message


def test_the_site_wears_the_brand(built_site: Path) -> None:
    for page in ("index.html", "en/events/2024-04-15-roadshow/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "--md-primary-fg-color: #1f4e9c;" in html
        assert re.search(r'\[data-md-color-scheme="slate"\] \{ --md-typeset-a-color: #[0-9a-f]{6};', html)
        assert 'data-md-color-media="(prefers-color-scheme: dark)"' in html  # dark follows the system


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_icons_and_manifest_for_add_to_home_screen(built_site: Path, prefix: str) -> None:
    root = built_site / prefix
    manifest = json.loads((root / "manifest.webmanifest").read_text(encoding="utf-8"))
    names = {"": ("测试创业周", "测试周"), "en/": ("Test Innovation Summit", "TESTIS")}[prefix]
    assert (manifest["name"], manifest["short_name"]) == names
    assert manifest["theme_color"] == "#1f4e9c" and manifest["start_url"] == "./"
    sizes = {}
    for icon in manifest["icons"]:
        path = root / icon["src"]  # relative to the manifest
        if icon["type"] == "image/png":
            with Image.open(path) as image:
                sizes[icon["sizes"]] = f"{image.width}x{image.height}"
        else:
            svg = ElementTree.parse(path).getroot()
            assert svg.tag.endswith("svg") and not svg.findall(".//{http://www.w3.org/2000/svg}script")
    assert sizes == {"192x192": "192x192", "512x512": "512x512"}
    with Image.open(root / "icons" / "apple-touch-icon.png") as touch:
        assert touch.size == (180, 180) and touch.mode == "RGB"  # no transparency: iOS would fill it black
    # every page names them, relative to itself, in its own language
    page = root / "events" / "2024-04-15-roadshow" / "index.html"
    html = page.read_text(encoding="utf-8")
    for rel in ("icon", "apple-touch-icon", "manifest"):
        (href,) = re.findall(rf'<link rel="{rel}" href="([^"]+)"', html)
        assert (page.parent / href).resolve().is_file(), rel
        assert (page.parent / href).resolve().is_relative_to(root.resolve())
    assert '<meta name="theme-color" content="#1f4e9c">' in html


def test_the_header_wears_the_mark(built_site: Path) -> None:
    html = (built_site / "en" / "schedule" / "index.html").read_text(encoding="utf-8")
    mark = re.search(r'<svg class="summit-logo".*?</svg>', html, re.S)[0]
    assert 'fill="#1f4e9c">测</text>' in mark  # the short name's first character, in the brand colour
