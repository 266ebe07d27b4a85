"""The summit's mark and what browsers and phones show of it: an SVG favicon, PNG icons (Pillow) for
"add to home screen", and a web app manifest per language.

With a logo (``site.yml``'s ``logo``, an SVG or PNG checked by summit.content.images) the icons are made from
it: the logo centred on white (iOS fills transparency with black), drawn from an SVG with CairoSVG, and
the favicon is the SVG itself or a small PNG. With no logo the mark is typographic: the short name on
the brand colour. That SVG is written here (no script, no external reference) and drawn by the reader's
own fonts; its PNGs are drawn with a CJK font of this machine when there is one (Debian's
fonts-noto-cjk), else with the acronym in Pillow's own font.
"""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

from markupsafe import escape
from PIL import Image, ImageDraw, ImageFont

from ..content.colours import WHITE
from ..content.images import Probe, svg_size
from ..content.models import Site
from .cards import cjk_font

ICON_SIZES = {"icons/apple-touch-icon.png": 180, "icons/icon-192.png": 192, "icons/icon-512.png": 512}
"""The PNG icons: the touch icon iOS asks for, and the two sizes a manifest needs."""
FAVICON = "icons/favicon.svg"
FAVICON_PNG = "icons/favicon.png"


def mark_text(site: Site) -> str:
    """What the mark says: the Chinese short name (at most three characters), else the acronym."""
    short = site.short_name.zh
    return short if len(short) <= 3 else site.acronym[:4]


def favicon_svg(colour: str, mark: str, acronym: str) -> bytes:
    """The mark as SVG: the brand colour, the mark's text in white, the acronym below it."""
    size = 220 if len(mark) <= 2 else 150
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" rx="96" fill="{colour}"/>'
        f'<text x="256" y="300" font-size="{size}" font-weight="700" text-anchor="middle" fill="{WHITE}" '
        'font-family="PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, sans-serif">'
        f"{escape(mark)}</text>"
        f'<text x="256" y="430" font-size="64" font-weight="700" text-anchor="middle" fill="{WHITE}" '
        f'font-family="Arial, Helvetica, sans-serif" letter-spacing="4">{escape(acronym[:10])}</text>'
        "</svg>\n"
    )
    return svg.encode("utf-8")


def _font(text: str, size: int) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, str]:
    cjk = cjk_font(bold=True)
    if cjk is not None:
        return ImageFont.truetype(cjk[0], size, index=cjk[1]), text
    latin = "".join(ch for ch in text if ch.isascii()) or "?"
    return ImageFont.load_default(size), latin


def icon_png(colour: str, mark: str, acronym: str, size: int) -> bytes:
    """The mark as a square PNG of ``size`` pixels (no transparency: iOS fills it black)."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font, shown = _font(mark, int(size * (0.42 if len(mark) <= 2 else 0.3)))
    draw.text((size / 2, size * 0.47), shown, fill=WHITE, font=font, anchor="mm")
    small, below = _font(acronym[:10], int(size * 0.11))
    if below.isascii():
        draw.text((size / 2, size * 0.8), below, fill=WHITE, font=small, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def icons(site: Site, logo: Probe | None = None) -> dict[str, bytes]:
    """The favicon and the PNG icons, by path under a language's root (each language has its set, so
    that every page finds them relative to its own language, from disk too), made from the ``logo``
    when there is one. Made once per process for a given look (logo, or colour, mark and acronym):
    every language and every preview rebuild shares them."""
    if logo is not None:
        return _from_logo(logo.path, logo.format, logo.digest)
    return _drawn(site.brand.primary, mark_text(site), site.acronym)


def favicon(logo: Probe | None) -> tuple[str, str]:
    """The favicon's path under a language's root and its media type."""
    if logo is not None and logo.format != "SVG":
        return FAVICON_PNG, "image/png"
    return FAVICON, "image/svg+xml"


@functools.cache
def _drawn(colour: str, mark: str, acronym: str) -> dict[str, bytes]:
    return {
        FAVICON: favicon_svg(colour, mark, acronym),
        **{path: icon_png(colour, mark, acronym, size) for path, size in ICON_SIZES.items()},
    }


@functools.cache
def _from_logo(path: Path, kind: str, digest: str) -> dict[str, bytes]:
    """Icons of the logo file at ``path`` (``digest``: its hash, so that a changed file is made again)."""
    del digest
    data = path.read_bytes()
    files = {p: logo_png(data, kind, size, WHITE, margin=0.12) for p, size in ICON_SIZES.items()}
    if kind == "SVG":
        files[FAVICON] = data
    else:
        files[FAVICON_PNG] = logo_png(data, kind, 64, None, margin=0)
    return files


def logo_png(data: bytes, kind: str, size: int, background: str | None, margin: float) -> bytes:
    """The logo fitted into a ``size`` square (its sides ``margin`` of the size away from the edges),
    on ``background`` or transparent, as PNG."""
    box = round(size * (1 - 2 * margin))
    logo = _raster(data, kind, box)
    logo.thumbnail((box, box), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (size, size), background or (0, 0, 0, 0))
    square.alpha_composite(logo, ((size - logo.width) // 2, (size - logo.height) // 2))
    out = io.BytesIO()
    (square.convert("RGB") if background else square).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _raster(data: bytes, kind: str, box: int) -> Image.Image:
    """The logo as RGBA pixels, at least ``box`` pixels on its longer side when drawn from an SVG."""
    if kind != "SVG":
        with Image.open(io.BytesIO(data)) as image:
            return image.convert("RGBA")
    try:
        import cairosvg
    except OSError as exc:
        raise RuntimeError(
            f"drawing the SVG logo as PNG icons needs the Cairo library ({exc}): "
            "sudo apt-get install libcairo2, or give a PNG logo"
        ) from None
    width, height = svg_size(data)
    scale = box / max(width, height)
    png = cairosvg.svg2png(bytestring=data, output_width=round(width * scale), output_height=round(height * scale))
    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGBA")


def manifest(site: Site, lang: str, logo: Probe | None = None) -> bytes:
    """The web app manifest of one language, at its root beside its icons."""
    svg = favicon(logo)[0] == FAVICON
    data = {
        "name": site.name.get(lang),
        "short_name": site.short_name.get(lang),
        "lang": "zh-Hans" if lang == "zh" else lang,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": site.brand.primary,
        "background_color": WHITE,
        "icons": [
            {"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for path, size in ICON_SIZES.items()
            if path != "icons/apple-touch-icon.png"
        ]
        + ([{"src": FAVICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}] if svg else []),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
