"""Editors' images (logos, photos, a hero): checked as untrusted files, then made into the sizes pages use.

A raster image is opened with Pillow under a pixel limit (a decompression bomb is an error, not a
warning), decoded whole (a truncated file is an error), and must be what its name says. Each size is
written twice, WebP and the original format as a fallback, with no metadata (photos carry GPS
positions in their EXIF). An SVG is code: it is accepted only when it holds nothing that runs or
fetches (no script, event handler, external reference, ``foreignObject``, DOCTYPE or entity), and is
served as a file through ``<img>`` only. Made images are kept in a folder by the hash of the source
and the size, so a build where no image changed makes none.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10_000_000
"""Largest image file accepted (10 MB)."""
MAX_PIXELS = 40_000_000
"""Most pixels an image may have (a 8000 x 5000 photo); more is refused as a possible decompression bomb."""
FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",), "GIF": (".gif",)}
"""The raster formats accepted, with the file name endings each may have."""
IMAGES_FOLDER = "images"
"""Where images live inside the content folder."""

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK = "{http://www.w3.org/1999/xlink}href"


class ImageError(ValueError):
    """An image that cannot be used; the message says why, for the editor."""


@dataclass(frozen=True)
class Probe:
    """What an accepted image is."""

    path: Path
    format: str
    """JPEG, PNG, WEBP, GIF or SVG."""
    width: int
    height: int
    digest: str
    """SHA-256 of the file: the cache key of everything made from it."""


def locate(content: Path, written: str) -> Path:
    """The file an editor's path (relative to the content folder, under ``images/``) names; refuses a
    path that leaves ``content/images/``."""
    if "\\" in written or written.startswith("/") or not written.startswith(f"{IMAGES_FOLDER}/"):
        raise ImageError(f"'{written}' is not under {IMAGES_FOLDER}/: write a path such as {IMAGES_FOLDER}/logo.png")
    folder = (content / IMAGES_FOLDER).resolve()
    path = (content / written).resolve()
    if not path.is_relative_to(folder):
        raise ImageError(f"'{written}' leads out of {IMAGES_FOLDER}/")
    if not path.is_file():
        raise ImageError(f"no image at '{written}'")
    return path


def probe(path: Path, known: Probes | None = None) -> Probe:
    """Check the image file at ``path`` and say what it is (raises ImageError); a file ``known`` has
    checked before (by its hash) is not decoded again."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImageError(f"the file is {size / 1e6:.1f} MB; an image may have at most {MAX_BYTES / 1e6:.0f} MB")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if known is not None and digest in known.seen and path.suffix.lower() in known.seen[digest][0]:
        _, kind, width, height = known.seen[digest]
        return Probe(path, kind, width, height, digest)
    if path.suffix.lower() == ".svg":
        width, height = _check_svg(data)
        found = Probe(path, "SVG", width, height, digest)
    else:
        with _opened(data) as image:
            kind = image.format or "?"
            if kind not in FORMATS:
                raise ImageError(f"a {kind} image; use JPEG, PNG, WebP or GIF")
            if path.suffix.lower() not in FORMATS[kind]:
                raise ImageError(f"the file is a {kind} image but is named {path.suffix or 'without an ending'}")
            found = Probe(path, kind, image.width, image.height, digest)
    if known is not None:
        known.add(found)
    return found


class Probes:
    """Images checked before, by the hash of the file: a build where no image changed decodes none
    (kept in ``folder``/probed.json between builds when given a folder)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.file = folder / "probed.json" if folder else None
        self.seen: dict[str, tuple[str, str, int, int]] = {}
        """hash -> (the file name ending it was checked under, format, width, height)"""
        self.changed = False
        if self.file is not None and self.file.is_file():
            try:
                self.seen = {k: tuple(v) for k, v in json.loads(self.file.read_text(encoding="utf-8")).items()}
            except (ValueError, OSError, TypeError):
                self.seen = {}

    def add(self, found: Probe) -> None:
        self.seen[found.digest] = (found.path.suffix.lower(), found.format, found.width, found.height)
        self.changed = True

    def save(self) -> None:
        if self.file is None or not self.changed:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{self.file.name}.tmp")
        tmp.write_text(json.dumps(self.seen), encoding="utf-8")
        tmp.replace(self.file)
        self.changed = False


class _opened:
    """The image in ``data``, opened and decoded whole under the pixel limit, or ImageError."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(self.data))
                image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageError(f"more than {MAX_PIXELS:,} pixels: refused (it could be a decompression bomb)") from None
        except UnidentifiedImageError:
            raise ImageError("not an image Pillow can read (corrupt, or another kind of file)") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageError(f"the image cannot be read whole ({exc})") from None
        finally:
            Image.MAX_IMAGE_PIXELS = previous
        self.image = image
        return image

    def __exit__(self, *_: object) -> None:
        if self.image is not None:
            self.image.close()


_SVG_BANNED = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video", "animate", "set"}


def _check_svg(data: bytes) -> tuple[int, int]:
    """Refuse an SVG that could run or fetch anything; its size from width/height or the viewBox."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise ImageError("an SVG with a DOCTYPE or entities: remove them")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ImageError(f"not a well-formed SVG ({exc})") from None
    if root.tag != f"{_SVG_NS}svg":
        raise ImageError("not an SVG image (its root element is not <svg>)")
    for element in root.iter():
        name = element.tag.rpartition("}")[2]
        if name in _SVG_BANNED:
            raise ImageError(f"an SVG with <{name}>: it could run or fetch something; remove it")
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2].lower()
            if local.startswith("on"):
                raise ImageError(f"an SVG with an event handler ({local}); remove it")
            if (attribute == _XLINK or local == "href") and not value.startswith("#"):
                raise ImageError(f"an SVG that refers to '{value}'; only references inside the file are allowed")
            if "url(" in value and not re.search(r"url\(\s*['\"]?#", value):
                raise ImageError("an SVG that refers to another file in a style; remove it")
        if (
            name == "style"
            and element.text
            and ("@import" in element.text or re.search(r"url\(\s*['\"]?[^#'\"\s]", element.text))
        ):
            raise ImageError("an SVG whose style fetches something; remove it")
    return _svg_size(root)


def svg_size(data: bytes) -> tuple[int, int]:
    """The size of an SVG already checked (``probe``)."""
    return _svg_size(ElementTree.fromstring(data))


def _svg_size(root: ElementTree.Element) -> tuple[int, int]:
    def number(value: str | None) -> float | None:
        match = re.fullmatch(r"\s*([0-9.]+)\s*(px)?\s*", value or "")
        return float(match[1]) if match else None

    width, height = number(root.get("width")), number(root.get("height"))
    if width and height:
        return round(width), round(height)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            pass
    raise ImageError("an SVG without a size: give it width and height, or a viewBox")


def resized(probe: Probe, width: int) -> dict[str, bytes]:
    """The image at ``width`` pixels (never enlarged) as WebP and in its own format (PNG for a GIF),
    without metadata: {format name: bytes}. An SVG is returned as it is (it scales)."""
    data = probe.path.read_bytes()
    if probe.format == "SVG":
        return {"SVG": data}
    with _opened(data) as image:
        image = ImageOps.exif_transpose(image)  # upright as the camera meant, then the EXIF goes
        if image.width > width:
            image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        pixels = image.convert("RGBA" if has_alpha else "RGB")
        out: dict[str, bytes] = {}
        webp = io.BytesIO()
        pixels.save(webp, format="WEBP", quality=82, method=4)
        out["WEBP"] = webp.getvalue()
        fallback = fallback_kind(probe)
        other = io.BytesIO()
        if fallback == "JPEG":
            pixels.save(other, format="JPEG", quality=85, optimize=True, progressive=True)
        else:
            pixels.save(other, format="PNG", optimize=True)
        out[fallback] = other.getvalue()
        return out


EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png", "SVG": "svg"}
LOGO_WIDTHS = (160, 320)
"""A logo's sizes: its tile's width, and twice that for sharp screens."""
PHOTO_WIDTHS = (480, 960)
"""A photo's sizes: its width in the pages' galleries, and twice that."""
HERO_WIDTHS = (640, 1280)
"""The home page's photo: half a desktop's width, and twice that (a phone's whole width at 3x)."""
WIDTHS = {"logo": LOGO_WIDTHS, "photos": PHOTO_WIDTHS, "hero": HERO_WIDTHS}
"""The sizes made of an image, by the field that names it."""


def file_name(probe: Probe, width: int, kind: str) -> str:
    """Where a made image is published, under a language's root: ``images/<hash>-<width>.<ext>``."""
    if kind == "SVG":
        return f"images/{probe.digest[:20]}.svg"
    return f"images/{probe.digest[:20]}-{width}.{EXTENSIONS[kind]}"


def useful_widths(probe: Probe, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The sizes worth making of ``probe``: the first always, a larger one only while the image is
    wider than the size before it (an image is never enlarged)."""
    return tuple(w for i, w in enumerate(widths) if i == 0 or probe.width > widths[i - 1])


def fallback_kind(probe: Probe) -> str:
    """The format beside WebP: JPEG for a photo given as JPEG, else PNG (lossless, keeps transparency)."""
    return "JPEG" if probe.format == "JPEG" else "PNG"


def shown_size(probe: Probe, width: int) -> tuple[int, int]:
    """The width and height the page gives an image shown ``width`` pixels wide at most."""
    if probe.width <= width:
        return probe.width, probe.height
    return width, round(probe.height * width / probe.width)


class ImageCache:
    """Made images kept by the source's hash and the width (on disk when given a folder, else for the
    process): unchanged images are not made again."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.made = 0
        """How many images this cache had to make (not found on disk)."""
        self._memory: dict[tuple[str, int], dict[str, bytes]] = {}

    def files(self, probe: Probe, widths: tuple[int, ...]) -> dict[str, bytes]:
        """Every made file of ``probe`` at ``widths``, by its published name (``file_name``)."""
        out = {}
        for width in useful_widths(probe, widths):
            for kind, data in self.get(probe, width).items():
                out[file_name(probe, width, kind)] = data
        return out

    def get(self, probe: Probe, width: int) -> dict[str, bytes]:
        if self.folder is None:
            if (probe.digest, width) not in self._memory:
                self._memory[probe.digest, width] = resized(probe, width)
                self.made += 1
            return self._memory[probe.digest, width]
        key = self.folder / f"{probe.digest[:32]}-{width}"
        if key.is_dir():
            return {f.suffix[1:].upper(): f.read_bytes() for f in sorted(key.iterdir()) if not f.name.startswith(".")}
        made = resized(probe, width)
        tmp = key.with_name(f".{key.name}.tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        for kind, data in made.items():
            (tmp / f"image.{kind.lower()}").write_bytes(data)
        tmp.rename(key)
        self.made += 1
        return made
