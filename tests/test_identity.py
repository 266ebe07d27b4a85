"""The summit's identity from site.yml: brand colours, checked for contrast, in both colour schemes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from summit.colours import DARK_BACKGROUND, WHITE, contrast, palette

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
    assert re.fullmatch(r"content/site\.yml:\d+:12: brand\.primary: (.*)", line)[1] == message


def test_the_site_wears_the_brand(built_site: Path) -> None:
    for page in ("index.html", "en/events/2024-04-15-roadshow/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "--md-primary-fg-color: #1f4e9c;" in html
        assert re.search(r'\[data-md-color-scheme="slate"\] \{ --md-typeset-a-color: #[0-9a-f]{6};', html)
        assert 'data-md-color-media="(prefers-color-scheme: dark)"' in html  # dark follows the system
