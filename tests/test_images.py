"""Editors' images as untrusted files (summit.content.images): what is refused and why, and what is made of the
rest. The images are made here with Pillow (the project ships none)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from pictures import gps_exif, photo
from summit.build.pipeline import site_of
from summit.content.images import ImageCache, ImageError, locate, probe, resized
from summit.content.loader import load_content
from summit.outputs.datafiles import render_data
from summit.outputs.render import render_all

from conftest import NOW, edit


def test_a_photo_is_made_smaller_in_webp_and_jpeg_without_its_gps_position(tmp_path: Path) -> None:
    source = photo(tmp_path / "images" / "signing.jpg", exif=gps_exif())
    with Image.open(source) as original:
        assert original.getexif().get_ifd(0x8825)  # the camera wrote where it was
    info = probe(source)
    assert (info.format, info.width, info.height) == ("JPEG", 1600, 1000)
    made = resized(info, 800)
    assert set(made) == {"WEBP", "JPEG"}
    for kind, data in made.items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == kind and image.size == (800, 500)
            assert not image.getexif() and "exif" not in image.info
    assert resized(info, 4000)["JPEG"]  # never enlarged
    with Image.open(io.BytesIO(resized(info, 4000)["JPEG"])) as image:
        assert image.size == (1600, 1000)


def test_a_logo_with_transparency_keeps_it(tmp_path: Path) -> None:
    source = tmp_path / "images" / "logo.png"
    source.parent.mkdir(parents=True)
    Image.new("RGBA", (400, 200), (0, 0, 0, 0)).save(source)
    made = resized(probe(source), 200)
    assert set(made) == {"WEBP", "PNG"}
    with Image.open(io.BytesIO(made["WEBP"])) as image:
        assert image.mode == "RGBA" and image.size == (200, 100)


def test_hostile_and_broken_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "images"
    truncated = photo(folder / "cut.jpg")
    truncated.write_bytes(truncated.read_bytes()[:3000])
    mislabelled = folder / "label.jpg"
    Image.new("RGB", (10, 10)).save(mislabelled, format="PNG")
    bmp = folder / "old.bmp"
    Image.new("RGB", (10, 10)).save(bmp)
    text = folder / "notes.png"
    text.write_text("not an image")
    bomb = folder / "bomb.png"
    Image.new("1", (10_000, 5_000)).save(bomb)  # 50 million pixels in a few kilobytes
    big = folder / "big.png"
    big.write_bytes(b"\x89PNG" + bytes(10_000_001))
    reasons = {}
    for path in (truncated, mislabelled, bmp, text, bomb, big):
        with pytest.raises(ImageError) as info:
            probe(path)
        reasons[path.name] = str(info.value)
    assert reasons["cut.jpg"].startswith("the image cannot be read whole")
    assert reasons["label.jpg"] == "the file is a PNG image but is named .jpg"
    assert reasons["old.bmp"] == "a BMP image; use JPEG, PNG, WebP or GIF"
    assert reasons["notes.png"] == "not an image Pillow can read (corrupt, or another kind of file)"
    assert reasons["bomb.png"] == "more than 40,000,000 pixels: refused (it could be a decompression bomb)"
    assert reasons["big.png"] == "the file is 10.0 MB; an image may have at most 10 MB"
    assert Image.MAX_IMAGE_PIXELS != 40_000_000  # Pillow's own limit is left as it was


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("../site.yml", "'../site.yml' is not under images/: write a path such as images/logo.png"),
        ("images/../../secret.png", "'images/../../secret.png' leads out of images/"),
        ("/etc/passwd", "'/etc/passwd' is not under images/: write a path such as images/logo.png"),
        ("images/missing.png", "no image at 'images/missing.png'"),
    ],
)
def test_paths_stay_inside_the_images_folder(tmp_path: Path, written: str, reason: str) -> None:
    (tmp_path / "images").mkdir()
    with pytest.raises(ImageError) as info:
        locate(tmp_path, written)
    assert str(info.value) == reason


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120 60">{}</svg>'


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<script>alert(1)</script>", "an SVG with <script>: it could run or fetch something; remove it"),
        ('<rect width="1" height="1" onload="alert(1)"/>', "an SVG with an event handler (onload); remove it"),
        (
            '<image href="https://example.org/x.png"/>',
            "an SVG that refers to 'https://example.org/x.png'; only references inside the file are allowed",
        ),
        (
            '<use xlink:href="other.svg#a"/>',
            "an SVG that refers to 'other.svg#a'; only references inside the file are allowed",
        ),
        (
            "<foreignObject><p>x</p></foreignObject>",
            "an SVG with <foreignObject>: it could run or fetch something; remove it",
        ),
        ("<style>@import url(https://example.org/a.css);</style>", "an SVG whose style fetches something; remove it"),
        ('<rect fill="url(https://example.org/p)"/>', "an SVG that refers to another file in a style; remove it"),
    ],
)
def test_an_svg_that_could_run_or_fetch_is_refused(tmp_path: Path, body: str, reason: str) -> None:
    path = tmp_path / "logo.svg"
    path.write_text(SVG.format(body))
    with pytest.raises(ImageError) as info:
        probe(path)
    assert str(info.value) == reason


def test_an_svg_with_entities_is_refused_and_a_clean_one_accepted(tmp_path: Path) -> None:
    laughs = tmp_path / "laughs.svg"
    laughs.write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    )
    with pytest.raises(ImageError, match="DOCTYPE or entities"):
        probe(laughs)
    clean = tmp_path / "clean.svg"
    clean.write_text(
        SVG.format(
            '<defs><linearGradient id="g"/></defs><rect width="120" height="60" fill="url(#g)"/><use href="#g"/>'
        )
    )
    info = probe(clean)
    assert (info.format, info.width, info.height) == ("SVG", 120, 60)
    assert resized(info, 40) == {"SVG": clean.read_bytes()}


def test_made_images_are_kept_by_the_source_hash(tmp_path: Path) -> None:
    source = photo(tmp_path / "images" / "hall.jpg")
    cache = ImageCache(tmp_path / "cache")
    first = cache.get(probe(source), 640)
    again = ImageCache(tmp_path / "cache").get(probe(source), 640)
    assert first == again and cache.made == 1
    photo(source, size=(1200, 900))  # the editor replaces the photo: it is made anew
    fresh = ImageCache(tmp_path / "cache")
    with Image.open(io.BytesIO(fresh.get(probe(source), 640)["JPEG"])) as image:
        assert image.size == (640, 480)
    assert fresh.made == 1


# -- a partner's logo, from its record to the pages ------------------------------------------------------


def with_logo(content: Path, logo: str) -> None:
    edit(
        content / "partners.yml",
        "    website: https://alpha.example.org/\n",
        f"    website: https://alpha.example.org/\n    logo:\n{logo}",
    )


def test_a_partners_logo_is_on_the_wall_and_its_page_in_both_languages(content_copy: Path) -> None:
    logo = content_copy / "images" / "partners" / "alpha.png"
    logo.parent.mkdir(parents=True)
    Image.new("RGBA", (800, 400), (31, 78, 156, 255)).save(logo)
    with_logo(
        content_copy, "      path: images/partners/alpha.png\n      alt: {zh: 阿尔法资本标志, en: Alpha Capital logo}\n"
    )
    content = load_content(content_copy.parent, content_copy, now=NOW)
    site = site_of(content, NOW)
    outputs, data = render_all(site), render_data(site)
    made = sorted(p for p in data if "/images/" in f"/{p}")
    assert (
        made
        == sorted(  # once, at the site's root: the languages share them
            f"images/{content.images['images/partners/alpha.png'].digest[:20]}-{w}.{ext}"
            for w in (160, 320)
            for ext in ("webp", "png")
        )
    )
    for path in made:
        with Image.open(io.BytesIO(data[path])) as image:
            assert image.width == int(path.rsplit("-", 1)[1].split(".")[0]) and image.height * 2 == image.width
    for page, alt, up in (("index.md", "阿尔法资本标志", ""), ("partners.en.md", "Alpha Capital logo", "../../")):
        (img,) = re.findall(rf'<img [^>]*alt="{alt}"[^>]*>', outputs[page])
        assert f'alt="{alt}"' in img and 'width="160" height="80"' in img and 'loading="lazy"' in img
        assert f'src="{up}images/' in img
        assert '<source type="image/webp" srcset="' in outputs[page]


@pytest.mark.parametrize(
    ("logo", "error"),
    [
        (
            "      path: images/none.png\n      alt: {zh: 标志, en: Logo}\n",
            "logo › path: no image at 'images/none.png'",
        ),
        (
            "      path: ../site.yml\n      alt: {zh: 标志, en: Logo}\n",
            "logo › path: '../site.yml' is not under images/",
        ),
        (
            "      path: images/notes.png\n      alt: {zh: 标志, en: Logo}\n",
            "logo › path: not an image Pillow can read",
        ),
        ("      path: images/notes.png\n", "logo: an image needs its alt text in both languages"),
    ],
)
def test_a_bad_logo_is_refused_at_its_line(
    content_copy: Path, errors_of: Callable[[Path], list[str]], logo: str, error: str
) -> None:
    (content_copy / "images").mkdir()
    (content_copy / "images" / "notes.png").write_text("not an image")
    with_logo(content_copy, logo)
    (line,) = errors_of(content_copy)
    assert re.match(r"content/partners\.yml:\d+:\d+: error: partner alpha-capital \(Alpha Capital\) › ", line), line
    assert error in line
