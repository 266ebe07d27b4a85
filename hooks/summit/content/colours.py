"""Brand colours: contrast as WCAG 2 measures it, and the variants the light and dark schemes use."""

from __future__ import annotations

import re

HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
DARK_BACKGROUND = "#272a35"
"""The lightest background text sits on in the theme's dark scheme (slate): its code and header blocks
(the page itself is #1e2129, darker: what reads here reads there)."""
AA_TEXT = 4.5
"""WCAG 2 level AA: the least contrast of normal text against its background."""


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(255.0, max(0.0, c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2): 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of ``other`` mixed in."""
    return _hex(tuple(a + (b - a) * share for a, b in zip(_rgb(colour), _rgb(other), strict=True)))  # type: ignore[arg-type]


def readable_on(colour: str, background: str, towards: str) -> str:
    """``colour`` mixed towards ``towards`` (white or black) just enough to be read as text on
    ``background`` (AA); the colour itself when it already is."""
    for step in range(21):
        candidate = mix(colour, towards, step / 20)
        if contrast(candidate, background) >= AA_TEXT:
            return candidate
    return towards


def palette(primary: str, accent: str) -> dict[str, str]:
    """The theme's colour variables for the light and the dark scheme (CSS custom properties)."""
    return {
        "primary": primary.lower(),
        "primary_light": mix(primary, WHITE, 0.25),
        "primary_dark": mix(primary, "#000000", 0.25),
        "accent": accent.lower(),
        "dark_link": readable_on(primary, DARK_BACKGROUND, WHITE),
        "dark_accent": readable_on(accent, DARK_BACKGROUND, WHITE),
    }
