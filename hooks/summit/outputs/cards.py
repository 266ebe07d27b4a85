"""Share cards and posters, drawn with Pillow in Noto Sans CJK (Debian's ``fonts-noto-cjk``).

- A card (1200 x 630 PNG) for a page's Open Graph image: the summit's mark and colours, the page's
  title in its language, for an event its date and place.
- A poster (portrait, 1080 px wide PNG, and an A4 PDF for print) for an upcoming event: title, date and
  time in Beijing time and at its stations, place, the summit's name, and the QR code of the event's
  page in that language.

A card or poster is named by the hash of what it shows (``Card.name``): pages that show the same text
share one file, a page's file changes only when its text does, and the build draws only files it has
not drawn before (``Drawer``, with its cache folder). Long titles wrap by character in Chinese (no line
starts with a closing mark) and by word in English; a title that still does not fit is cut with an
ellipsis: nothing is drawn outside the picture.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import shutil
import subprocess
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

from ..content.colours import WHITE, mix

__all__ = ["Card", "Drawer", "FontsMissing", "Poster", "cjk_font", "wrap"]

VERSION = 3
"""Part of every file's hash: a change to the drawing makes every file again."""
CARD_COLOURS = 48
"""A card is a few flat colours and their text's edges: as 48 colours its PNG is made in half the time
(Pillow's PNG encoder costs 13 ms for 1200 x 630 in full colour even uncompressed) and is 20 KB, not 55."""
CARD_SIZE = (1200, 630)
POSTER_WIDTH = 1080
A4_MM = (210, 297)
PRINT_DPI = 200
FONTS_HELP = "install Debian's fonts-noto-cjk (sudo apt-get install fonts-noto-cjk)"

_CJK = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)
NO_START = set("，。、；：？！）》」』】〕〉…—～·,.;:?!)]}%’”") | {"\u3001", "\u3002"}
"""Marks a line must not start with (a closing mark stays with what it closes)."""
NO_END = set("（《「『【〔〈([{‘“")
"""Marks a line must not end with."""


class FontsMissing(Exception):
    """No CJK font on this machine: no cards or posters are made."""


PDF_DATE = time.gmtime(946_684_800)  # 2000-01-01
"""The date a poster's PDF says it was made (the summit's first year): not the time it was drawn."""


@functools.cache
def cjk_font(bold: bool = True) -> tuple[str, int] | None:
    """The file and face index of Noto Sans CJK SC on this machine (``fc-match``), if any."""
    if shutil.which("fc-match") is None:
        return None
    pattern = "Noto Sans CJK SC:bold" if bold else "Noto Sans CJK SC:regular"
    found = subprocess.run(["fc-match", "-f", "%{file}:%{index}", pattern], capture_output=True, text=True, check=False)
    path, _, index = found.stdout.rpartition(":")
    if not path or "CJK" not in path or not Path(path).is_file():
        return None
    return path, int(index or 0)


@functools.cache
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    found = cjk_font(bold)
    if found is None:
        raise FontsMissing(f"no CJK font for share cards and posters: {FONTS_HELP}")
    return ImageFont.truetype(found[0], size, index=found[1])


def _units(text: str) -> list[str]:
    """Where a line may break: each CJK character is a unit, a run of other letters (a word) is one,
    a space is one."""
    return re.findall(r"\s+|" + _CJK.pattern + r"|[^\s" + _CJK.pattern[1:-1] + r"]+", text)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``width`` pixels in ``font``: by character in
    Chinese, by word elsewhere (a word longer than a line by character); the last line cut with an
    ellipsis when the text does not fit."""
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())
    out: list[str] = []
    line = ""
    units = _units(text)
    i = 0
    while i < len(units):
        unit = units[i]
        candidate = line + unit
        if font.getlength(candidate.rstrip()) <= width or not line.strip():
            if font.getlength(candidate.rstrip()) > width:  # one word wider than a line: by character
                units[i : i + 1] = list(unit)
                continue
            line = candidate
            i += 1
            continue
        # break before ``unit``: keep a closing mark with the line before, an opening one with the next
        if unit in NO_START and len(line) > 1:
            line, units[i:i] = line[:-1], [line[-1]]
        while len(line) > 1 and line[-1] in NO_END:
            line, units[i:i] = line[:-1], [line[-1]]
        out.append(line.strip())
        line = ""
        if unit.isspace():
            i += 1
    if line.strip():
        out.append(line.strip())
    if len(out) > lines:
        last = out[lines - 1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        out = [*out[: lines - 1], last.rstrip() + "…"]
    return out


@dataclass(frozen=True)
class Card:
    """What a share card shows."""

    lang: str
    title: str
    kind: str = ""
    """What the page is (活动 / Event); above the title."""
    lines: tuple[str, ...] = ()
    """Under the title: an event's date, its place."""
    site: str = ""
    """The summit's name in the page's language."""
    mark: str = ""
    host: str = ""
    primary: str = "#0b3d91"
    accent: str = "#f5a623"

    @property
    def name(self) -> str:
        """The file's name: the hash of everything it shows."""
        data = json.dumps({"v": VERSION, "kind": type(self).__name__, **asdict(self)}, ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]

    @property
    def file(self) -> str:
        return f"cards/{self.name}.png"


@dataclass(frozen=True)
class Poster(Card):
    """What an event's poster shows beyond a card: the page's address as a QR code."""

    url: str = ""
    scan: str = ""
    """The words beside the QR code."""
    times: tuple[str, ...] = field(default=())
    """Date and time in Beijing time, then at each station."""

    @property
    def pdf(self) -> str:
        return f"cards/{self.name}.pdf"


def _background(size: tuple[int, int], primary: str) -> Image.Image:
    """The brand colour, darker towards the bottom right, with a band of the lighter colour."""
    image = Image.new("RGB", size, primary)
    draw = ImageDraw.Draw(image)
    w, h = size
    dark = mix(primary, "#000000", 0.35)
    draw.polygon([(w * 0.55, h), (w, h * 0.25), (w, h)], fill=dark)
    return image


@functools.lru_cache(maxsize=8)
def _card_background(primary: str, accent: str, mark: str, site: str, host: str) -> Image.Image:
    w, h = CARD_SIZE
    image = _background(CARD_SIZE, primary)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, h - 14, w, h], fill=accent)
    _mark(draw, (72, 64), 88, mark, primary)
    draw.text((184, 108), site, font=_font(34, True), fill=WHITE, anchor="lm")
    if host:
        draw.text((72, h - 62), host, font=_font(28, False), fill=mix(primary, WHITE, 0.75), anchor="ls")
    return image


def _mark(draw: ImageDraw.ImageDraw, at: tuple[int, int], size: int, mark: str, primary: str) -> None:
    x, y = at
    draw.rounded_rectangle([x, y, x + size, y + size], radius=size // 5, fill=WHITE)
    text_size = int(size * (0.46 if len(mark) <= 2 else 0.3))
    draw.text((x + size / 2, y + size / 2), mark, font=_font(text_size, True), fill=primary, anchor="mm")


def draw_card(card: Card) -> bytes:
    """The card as PNG."""
    image = _card_background(card.primary, card.accent, card.mark, card.site, card.host).copy()
    draw = ImageDraw.Draw(image)
    width = CARD_SIZE[0] - 144
    top = 200
    if card.kind:
        draw.text((72, top), card.kind, font=_font(30, False), fill=mix(card.primary, WHITE, 0.8), anchor="lt")
        top += 52
    size, lines = _fit(card.title, width, (64, 56, 48), 3 if not card.lines else 2)
    font = _font(size, True)
    for line in lines:
        draw.text((72, top), line, font=font, fill=WHITE, anchor="lt")
        top += round(size * 1.3)
    top += 12
    small = _font(32, False)
    for text in card.lines[:2]:
        draw.text((72, top), wrap(text, small, width, 1)[0], font=small, fill=WHITE, anchor="lt")
        top += 46
    return _png(image.quantize(CARD_COLOURS, method=Image.Quantize.FASTOCTREE))


def _fit(text: str, width: int, sizes: Sequence[int], lines: int) -> tuple[int, list[str]]:
    """The largest of ``sizes`` at which ``text`` fits ``lines`` lines; else the smallest, cut."""
    for size in sizes:
        found = wrap(text, _font(size, True), width, lines + 1)
        if len(found) <= lines:
            return size, found
    size = sizes[-1]
    return size, wrap(text, _font(size, True), width, lines)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def draw_poster(poster: Poster, width: int) -> Image.Image:
    """The poster at ``width`` pixels, A4's proportions: the mark and the summit's name, the title, the
    times and the place, and the QR code on white at the bottom. The title is set as large as leaves
    room for the rest; station times that do not fit are left out (Beijing time always stays)."""
    height = round(width * A4_MM[1] / A4_MM[0])
    s = width / POSTER_WIDTH
    image = _background((width, height), poster.primary)
    draw = ImageDraw.Draw(image)
    pad, inner = round(84 * s), width - 2 * round(84 * s)
    _mark(draw, (pad, pad), round(120 * s), poster.mark, poster.primary)
    head = _font(round(40 * s), True)
    draw.text(
        (pad + round(150 * s), pad + round(60 * s)),
        wrap(poster.site, head, inner - round(150 * s), 1)[0],
        font=head,
        fill=WHITE,
        anchor="lm",
    )
    top = pad + round(200 * s)
    if poster.kind:
        kind = _font(round(38 * s), False)
        draw.text((pad, top), poster.kind, font=kind, fill=mix(poster.primary, WHITE, 0.8), anchor="lt")
        top += round(64 * s)
    qr_size, box = round(300 * s), round(28 * s)
    panel_top = height - pad - qr_size - 2 * box
    room = panel_top - round(48 * s) - top
    step, gap = round(56 * s), round(10 * s)
    fonts = (_font(round(40 * s), True), _font(round(40 * s), False))
    times, places = poster.times[:8], poster.lines[:2]
    rule = round(84 * s)
    layout = None
    for shown in range(len(times), 0 if times else -1, -1):  # station times left out from the last
        items = [*times[: max(shown, 1)], *places]
        kept = [wrap(text, fonts[0] if n == 0 else fonts[1], inner, 3 if n == 0 else 2) for n, text in enumerate(items)]
        below = rule + sum(len(lines) * step + gap for lines in kept)
        for size, most in ((96, 4), (84, 4), (72, 4), (62, 5)):
            title = wrap(poster.title, _font(round(size * s), True), inner, most)
            if round(len(title) * size * 1.28 * s) + below <= room:
                layout = (round(size * s), title, kept)
                break
        if layout:
            break
    if layout is None:  # never with the titles the content allows; the smallest, cut to fit
        title = wrap(poster.title, _font(round(62 * s), True), inner, 2)
        layout = (round(62 * s), title, [wrap(times[0], fonts[0], inner, 1)] if times else [])
    size, title, kept = layout
    font = _font(size, True)
    for line in title:
        draw.text((pad, top), line, font=font, fill=WHITE, anchor="lt")
        top += round(size * 1.28)
    top += round(30 * s)
    draw.rectangle([pad, top, pad + round(96 * s), top + round(8 * s)], fill=poster.accent)
    top += rule - round(30 * s)
    for n, lines in enumerate(kept):
        for line in lines:
            draw.text((pad, top), line, font=fonts[0] if n == 0 else fonts[1], fill=WHITE, anchor="lt")
            top += step
        top += gap
    # the QR code on white, its quiet zone inside the panel, the words beside it
    draw.rounded_rectangle([pad, panel_top, width - pad, height - pad], radius=round(28 * s), fill=WHITE)
    code = _qr(poster.url, qr_size)
    image.paste(code, (pad + box + (qr_size - code.width) // 2, panel_top + box + (qr_size - code.height) // 2))
    words = _font(round(40 * s), True)
    text_left = pad + 2 * box + qr_size
    text_width = width - pad - box - text_left
    y = panel_top + box + round(16 * s)
    for line in wrap(poster.scan, words, text_width, 3):
        draw.text((text_left, y), line, font=words, fill=poster.primary, anchor="lt")
        y += round(56 * s)
    small = _font(round(28 * s), False)
    for line in wrap(poster.host, small, text_width, 2) if poster.host else []:
        draw.text(
            (text_left, y + round(12 * s)), line, font=small, fill=mix(poster.primary, "#000000", 0.2), anchor="lt"
        )
        y += round(38 * s)
    return image


def _qr(url: str, size: int) -> Image.Image:
    """The QR code of ``url`` in a ``size`` square, with its quiet zone of four modules."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    modules = code.symbol_size(border=4)[0]
    code.save(out, kind="png", scale=max(1, size // modules), border=4, dark="#000000", light="#ffffff")
    out.seek(0)
    with Image.open(out) as image:
        return image.convert("RGB")  # whole pixels a module, at most ``size``: every module as sharp


def poster_files(poster: Poster) -> dict[str, bytes]:
    """The poster as PNG (1080 px wide) and as an A4 PDF for print."""
    png = _png(draw_poster(poster, POSTER_WIDTH))
    a4 = draw_poster(poster, round(A4_MM[0] / 25.4 * PRINT_DPI))
    out = io.BytesIO()
    # the file is named by what it shows: the same bytes whenever it is drawn (no drawing time in it)
    a4.save(
        out,
        format="PDF",
        resolution=PRINT_DPI,
        quality=92,
        title=poster.title,
        author=poster.site,
        creationDate=PDF_DATE,
        modDate=PDF_DATE,
    )
    return {poster.file: png, poster.pdf: out.getvalue()}


class Drawer:
    """Draws cards and posters into ``folder`` (the cache), each file once: a file already there (its
    name is the hash of what it shows) is not drawn again. ``made`` counts what this one drew."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made = 0

    def files(self, cards: Sequence[Card], posters: Sequence[Poster]) -> dict[str, Path]:
        """Site path -> cached file of every card and poster. Raises FontsMissing."""
        _font(32, True)
        _font(32, False)
        self.folder.mkdir(parents=True, exist_ok=True)
        out: dict[str, Path] = {}
        for card in dict.fromkeys(cards):
            out[card.file] = self._cached(card.file, lambda card=card: {card.file: draw_card(card)})
        for poster in dict.fromkeys(posters):
            out[poster.file] = self._cached(poster.file, lambda poster=poster: poster_files(poster))
            out[poster.pdf] = self.folder / Path(poster.pdf).name
        return out

    def _cached(self, path: str, draw: Callable[[], dict[str, bytes]]) -> Path:
        """``path``'s file in the cache, drawn (with the files drawn beside it, ``path`` last) if absent."""
        target = self.folder / Path(path).name
        if not target.is_file():
            made = draw()
            for name in sorted(made, key=lambda name: name == path):
                tmp = self.folder / f".{Path(name).name}.tmp"
                tmp.write_bytes(made[name])
                tmp.replace(self.folder / Path(name).name)
            self.made += 1
        return target
