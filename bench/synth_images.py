"""Images for the synthetic archive (`make bench IMAGES=1`), drawn with Pillow: a logo for every partner
and a third of the projects, two photos for a tenth of the events, each file its own (no two alike, so
that nothing is shared by hash)."""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from PIL import Image, ImageDraw


def logo(path: Path, rng: random.Random) -> None:
    colour = (rng.randrange(200), rng.randrange(200), rng.randrange(200), 255)
    image = Image.new("RGBA", (480, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([0, 0, 200, 200], fill=colour)
    draw.rounded_rectangle([230, 50, 230 + rng.randrange(100, 250), 90], radius=18, fill=colour)
    draw.rounded_rectangle([230, 120, 230 + rng.randrange(60, 200), 150], radius=14, fill=(60, 60, 60, 255))
    image.save(path, optimize=False)


def photo(path: Path, rng: random.Random) -> None:
    width, height = 1600, 1066
    base = Image.linear_gradient("L").resize((width, height)).rotate(rng.randrange(360), expand=False)
    tint = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
    image = Image.merge("RGB", [base.point(lambda v, c=c: (v + c) % 256) for c in tint])
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 80):
        top = rng.randrange(height // 3, height)
        draw.rectangle([x, top, x + 60, height], fill=(30, 30, 50))
    image.save(path, quality=85)


def illustrate(content: Path, seed: int = 2000) -> dict[str, int]:
    """Give the archive in ``content`` its images; returns how many files of each kind."""
    rng = random.Random(seed)
    folder = content / "images"
    for sub in ("partners", "projects", "events"):
        (folder / sub).mkdir(parents=True, exist_ok=True)

    def rewrite(file: Path, key: str, change) -> None:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for index, record in enumerate(data[key]):
            change(index, record)
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")

    counts = {"logos": 0, "photos": 0}

    def with_logo(kind: str):
        def change(index: int, record: dict) -> None:
            if kind == "projects" and index % 3:
                return
            logo(folder / kind / f"{record['id']}.png", rng)
            name = record["name"]
            alt = {"zh": f"{name['zh']}标志", "en": f"{name['en']} logo"}
            record["logo"] = {"path": f"images/{kind}/{record['id']}.png", "alt": alt}
            counts["logos"] += 1

        return change

    def with_photos(index: int, record: dict) -> None:
        if index % 10:
            return
        record["photos"] = []
        for n in range(2):
            photo(folder / "events" / f"{record['id']}-{n}.jpg", rng)
            record["photos"].append(
                {
                    "path": f"images/events/{record['id']}-{n}.jpg",
                    "alt": {"zh": f"活动照片{n + 1}", "en": f"Photo {n + 1}"},
                    "caption": {"zh": "活动现场", "en": "At the event"},
                }
            )
            counts["photos"] += 1

    rewrite(content / "partners.yml", "partners", with_logo("partners"))
    rewrite(content / "projects.yml", "projects", with_logo("projects"))
    for file in sorted((content / "events").glob("*.yml")):
        rewrite(file, "events", with_photos)
    return counts
