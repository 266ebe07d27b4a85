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
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import EditorError, say

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


class ImageError(EditorError, ValueError):
    """An image that cannot be used; ``message`` says why, for the editor."""


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
        raise ImageError(say("image.outside", path=written, folder=IMAGES_FOLDER))
    folder = (content / IMAGES_FOLDER).resolve()
    path = (content / written).resolve()
    if not path.is_relative_to(folder):
        raise ImageError(say("image.escapes", path=written, folder=IMAGES_FOLDER))
    if not path.is_file():
        raise ImageError(say("image.missing", path=written))
    return path


def probe(path: Path, known: Probes | None = None) -> Probe:
    """Check the image file at ``path`` and say what it is (raises ImageError); a file ``known`` has
    checked before (by its hash) is not decoded again."""
    stat = path.stat()
    if stat.st_size > MAX_BYTES:
        raise ImageError(say("image.too_big", size=f"{stat.st_size / 1e6:.1f}", limit=f"{MAX_BYTES / 1e6:.0f}"))
    digest = known.digest_of(path, stat) if known is not None else None
    data = b""
    if digest is None:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
    if known is not None and digest in known.seen and path.suffix.lower() == known.seen[digest][0]:
        _, kind, width, height = known.seen[digest]
        known.hashed(path, stat, digest)
        return Probe(path, kind, width, height, digest)
    data = data or path.read_bytes()
    if path.suffix.lower() == ".svg":
        width, height = _check_svg(data)
        found = Probe(path, "SVG", width, height, digest)
    else:
        with _opened(data) as image:
            kind = image.format or "?"
            if kind not in FORMATS:
                raise ImageError(say("image.format", kind=kind))
            if path.suffix.lower() not in FORMATS[kind]:
                raise ImageError(say("image.misnamed", kind=kind, ending=path.suffix or say("image.no_ending")))
            found = Probe(path, kind, image.width, image.height, digest)
    if known is not None:
        known.add(found)
        known.hashed(path, stat, digest)
    return found


class Probes:
    """Images checked before, by the hash of the file: a build where no image changed decodes none
    (kept in ``folder``/probed.json between builds when given a folder). A file whose size and
    modification time (to the nanosecond) are those it had when it was hashed is not read again."""

    def __init__(self, folder: Path | None = None) -> None:
        self.file = folder / "probed.json" if folder else None
        self.seen: dict[str, tuple[str, str, int, int]] = {}
        """hash -> (the file name ending it was checked under, format, width, height)"""
        self.hashes: dict[str, tuple[int, int, str]] = {}
        """file path -> (size, modification time in ns, hash) when it was last hashed"""
        self.changed = False
        if self.file is not None and self.file.is_file():
            try:
                saved = json.loads(self.file.read_text(encoding="utf-8"))
                self.seen = {k: tuple(v) for k, v in saved["seen"].items()}
                self.hashes = {k: tuple(v) for k, v in saved["hashes"].items()}
            except (ValueError, OSError, TypeError, KeyError, AttributeError):
                self.seen, self.hashes = {}, {}

    def digest_of(self, path: Path, stat: os.stat_result) -> str | None:
        """The hash of the file at ``path`` if it is unchanged since it was hashed."""
        size, mtime, digest = self.hashes.get(str(path), (-1, -1, ""))
        return digest if (size, mtime) == (stat.st_size, stat.st_mtime_ns) else None

    def hashed(self, path: Path, stat: os.stat_result, digest: str) -> None:
        if self.hashes.get(str(path)) != (stat.st_size, stat.st_mtime_ns, digest):
            self.hashes[str(path)] = (stat.st_size, stat.st_mtime_ns, digest)
            self.changed = True

    def add(self, found: Probe) -> None:
        self.seen[found.digest] = (found.path.suffix.lower(), found.format, found.width, found.height)
        self.changed = True

    def save(self) -> None:
        if self.file is None or not self.changed:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{self.file.name}.tmp")
        tmp.write_text(json.dumps({"seen": self.seen, "hashes": self.hashes}), encoding="utf-8")
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
            raise ImageError(say("image.bomb", limit=f"{MAX_PIXELS:,}")) from None
        except UnidentifiedImageError:
            raise ImageError(say("image.unreadable")) from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageError(say("image.truncated", problem=exc)) from None
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
        raise ImageError(say("image.svg_doctype"))
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ImageError(say("image.svg_malformed", problem=exc)) from None
    if root.tag != f"{_SVG_NS}svg":
        raise ImageError(say("image.svg_root"))
    for element in root.iter():
        name = element.tag.rpartition("}")[2]
        if name in _SVG_BANNED:
            raise ImageError(say("image.svg_element", name=name))
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2].lower()
            if local.startswith("on"):
                raise ImageError(say("image.svg_handler", name=local))
            if (attribute == _XLINK or local == "href") and not value.startswith("#"):
                raise ImageError(say("image.svg_reference", value=value))
            if "url(" in value and not re.search(r"url\(\s*['\"]?#", value):
                raise ImageError(say("image.svg_style_file"))
        if (
            name == "style"
            and element.text
            and ("@import" in element.text or re.search(r"url\(\s*['\"]?[^#'\"\s]", element.text))
        ):
            raise ImageError(say("image.svg_style_fetch"))
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
    raise ImageError(say("image.svg_size"))


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
PORTRAIT_WIDTHS = (160, 320)
"""A person's photo: its width on the person's page and cards, and twice that."""
WIDTHS = {"logo": LOGO_WIDTHS, "photos": PHOTO_WIDTHS, "hero": HERO_WIDTHS, "photo": PORTRAIT_WIDTHS}
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

    def paths(self, probe: Probe, widths: tuple[int, ...]) -> dict[str, Path]:
        """Every made file of ``probe`` at ``widths`` as a file in the cache folder, by its published name:
        a build links them into the site instead of copying them."""
        assert self.folder is not None, "files on disk need a cache folder"
        out = {}
        for width in useful_widths(probe, widths):
            for file in self._made_on_disk(probe, width):
                out[file_name(probe, width, file.suffix[1:].upper())] = file
        return out

    def get(self, probe: Probe, width: int) -> dict[str, bytes]:
        if self.folder is None:
            if (probe.digest, width) not in self._memory:
                self._memory[probe.digest, width] = resized(probe, width)
                self.made += 1
            return self._memory[probe.digest, width]
        return {file.suffix[1:].upper(): file.read_bytes() for file in self._made_on_disk(probe, width)}

    def _made_on_disk(self, probe: Probe, width: int) -> list[Path]:
        key = self.folder / f"{probe.digest[:32]}-{width}"  # type: ignore[operator]
        if not key.is_dir():
            tmp = key.with_name(f".{key.name}.tmp")
            tmp.mkdir(parents=True, exist_ok=True)
            for kind, data in resized(probe, width).items():
                (tmp / f"image.{kind.lower()}").write_bytes(data)
            tmp.rename(key)
            self.made += 1
        return [f for f in sorted(key.iterdir()) if not f.name.startswith(".")]
