"""Images for tests, drawn with Pillow (the project ships none): logos, photos with a camera's GPS
position in their EXIF, and a content folder with an image in every place an editor can put one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw

SVG_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 48" width="120" height="48">'
    '<rect width="120" height="48" rx="8" fill="#1f4e9c"/><circle cx="24" cy="24" r="14" fill="#ffffff"/>'
    '<rect x="46" y="14" width="60" height="8" rx="4" fill="#ffffff"/>'
    '<rect x="46" y="28" width="40" height="6" rx="3" fill="#ffd54f"/></svg>\n'
)


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif.get_ifd(0x8825).update({1: "N", 2: (38.0, 54.0, 50.0), 3: "E", 4: (121.0, 36.0, 9.0)})
    return exif.tobytes()


def photo(path: Path, size: tuple[int, int] = (1600, 1000), hue: int = 0, **save: Any) -> Path:
    """A landscape of bands and shapes (some detail, so that sizes differ), saved as ``path`` says."""
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    image = Image.new("RGB", size, (31, 78, 156))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = 90 + 120 * y // height
        draw.line([(0, y), (width, y)], fill=((shade + hue) % 256, (shade // 2 + 40) % 256, 180 - shade // 3))
    for x in range(0, width, max(1, width // 12)):
        top = height // 2 + (x * 7919 + hue * 31) % (height // 3)
        draw.rectangle([x, top, x + width // 16, height], fill=(30 + hue % 60, 40, 60))
    draw.ellipse([width * 0.7, height * 0.1, width * 0.85, height * 0.1 + width * 0.15], fill=(255, 213, 79))
    image.save(path, **save)
    return path


def logo(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (480, 200)) -> Path:
    """A logo with transparency: a disc and two bars in ``colour``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    disc = min(width, height) * (0.5 if width <= height else 1)
    draw.ellipse([0, 0, disc, disc], fill=(*colour, 255))
    left = disc * 1.1 if width > height else 0
    top = 0 if width > height else disc * 1.1
    bars = height - top
    draw.rounded_rectangle([left, top + bars * 0.25, width, top + bars * 0.45], radius=bars // 10, fill=(*colour, 255))
    draw.rounded_rectangle(
        [left, top + bars * 0.6, width * 0.8, top + bars * 0.75], radius=bars // 12, fill=(60, 60, 60, 255)
    )
    image.save(path)
    return path


def _alt(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def illustrate(content: Path, *, svg_logo: bool = True) -> None:
    """Give the content folder an image in every place: the site's logo (SVG, or PNG) and hero, every
    partner's logo but the last (a name tile stays), the first project's logo, photos of the first event
    and the first station."""
    images = content / "images"
    if svg_logo:
        (images).mkdir(parents=True, exist_ok=True)
        (images / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    else:
        logo(images / "logo.png", (31, 78, 156), (256, 256))
    photo(images / "hero.jpg", (2400, 1350), hue=20, exif=gps_exif(), quality=90)
    photo(images / "events" / "signing.jpg", (1600, 1066), hue=70, exif=gps_exif())
    photo(images / "events" / "hall.jpg", (1200, 1600), hue=140)
    photo(images / "stations" / "office.png", (900, 600), hue=200)

    def update(name: str, change: Any) -> None:
        path = content / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def site(data: dict[str, Any]) -> None:
        data["logo"] = {"path": f"images/logo.{'svg' if svg_logo else 'png'}", "decorative": True}
        data["hero"] = {"path": "images/hero.jpg", "alt": _alt("大连会场全景", "The summit's hall in Dalian")}

    def partners(data: dict[str, Any]) -> None:
        for index, partner in enumerate(data["partners"][:-1]):
            logo(images / "partners" / f"{partner['id']}.png", (31 + 60 * index, 78, 156 - 40 * index))
            name = partner["name"]
            partner["logo"] = {
                "path": f"images/partners/{partner['id']}.png",
                "alt": _alt(f"{name['zh']}标志", f"{name.get('en', name['zh'])} logo"),
            }

    def projects(data: dict[str, Any]) -> None:
        first = data["projects"][0]
        logo(images / "projects" / "first.png", (0, 121, 107), (300, 300))
        first["logo"] = {"path": "images/projects/first.png", "alt": _alt("项目标志", "The project's logo")}

    def events(data: dict[str, Any]) -> None:
        data["events"][0]["photos"] = [
            {
                "path": "images/events/signing.jpg",
                "alt": _alt("签约仪式现场", "Two people sign an agreement on stage"),
                "caption": _alt("签约仪式", "The signing ceremony"),
            },
            {"path": "images/events/hall.jpg", "alt": _alt("会场", "The hall")},
        ]

    def stations(data: dict[str, Any]) -> None:
        data["stations"][0]["photos"] = [
            {"path": "images/stations/office.png", "decorative": True, "caption": _alt("工作站办公室", "The office")}
        ]

    update("site.yml", site)
    update("partners.yml", partners)
    update("projects.yml", projects)
    update("events/2024.yml", events)
    update("stations.yml", stations)
