"""Screenshots of every page kind, as a visitor first sees them (the first screen), on a phone (390 x 844)
and a desktop (1280 x 900), in both languages: the site's own content, and the test content with an image
in every place (tests/pictures.py); a hall's screen (1920 x 1080) and my agenda offline. Written as WebP into .github/screenshots/ (``make screenshots``).

    python tests/screenshots.py [folder]
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).resolve().parent.parent / "hooks")]

from pictures import illustrate  # noqa: E402
from test_programme import SUMMIT_WEEK, with_summit_week  # noqa: E402

from browser import browser, local_context, serve  # noqa: E402
from conftest import FIXTURE, ROOT  # noqa: E402
from sitebuild import copy_project, mkdocs_build  # noqa: E402

SEED_PAGES = {
    "home": "",
    "schedule": "schedule/",
    "event": "events/2020-04-15-vancouver-roadshow/",
    "station": "stations/vancouver/",
    "stations": "stations/",
    "partners": "partners/",
    "projects": "projects/",
    "about": "about/",
    "404": "no-such-page/",
}
IMAGE_PAGES = {
    "images-home": "",
    "images-event": "events/2024-04-15-roadshow/",
    "images-station": "stations/vancouver/",
    "images-projects": "projects/",
}
PROGRAMME_PAGES = {
    "programme": f"events/{SUMMIT_WEEK}/",  # scrolled to the programme
    "person": "people/li-ming/",
    "people": "people/",
    "agenda": "agenda/",  # with three starred sessions, two of them at once
}
STARRED = ["d1-2-hall-a", "d1-2-hall-b", "d2-4-main-hall"]
SCREENS = {"phone": (390, 844), "desktop": (1280, 900)}
HALL_SCREENS = {
    # a hall's screen (1920 x 1080) on the second morning, in Chinese; at the opening, in English and dark
    "screen-zh": (f"events/{SUMMIT_WEEK}/screen/", "2030-07-11T10:30:00+08:00", "light"),
    "screen-en-dark": (f"en/events/{SUMMIT_WEEK}/screen/?theme=dark", "2030-07-10T08:40:00+08:00", "dark"),
}


def built(work: Path, name: str, content: Path) -> Path:
    project = copy_project(work / name)
    result = mkdocs_build(project, content)  # as of today: what a visitor sees now
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return project / "site"


def star(page, url: str) -> None:
    """Star the sessions of ``STARRED`` (the browser keeps them for the agenda page); none twice."""
    page.goto(url, wait_until="networkidle")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="networkidle")
    for session in STARRED:
        day = f"2030-07-{9 + int(session[1])}"  # the week's first day is the 10th
        page.locator(f"label[for=tab-{day}]").click()
        page.locator(f"#session-{session} .summit-star").click()


def save(page, out: Path, name: str) -> None:
    shot = Image.open(io.BytesIO(page.screenshot()))
    shot.save(out / name, format="WEBP", quality=70, method=6)
    print(name)


def venue_shots(chromium, base: str, out: Path) -> None:
    """The halls' screens, and my agenda opened with no network after one visit (a phone, both languages)."""
    for name, (path, at, scheme) in HALL_SCREENS.items():
        context = local_context(chromium, viewport={"width": 1920, "height": 1080}, color_scheme=scheme)
        page = context.new_page()
        page.clock.install(time=at)
        page.goto(base + path, wait_until="networkidle")
        save(page, out, f"{name}.webp")
        context.close()
    for lang in ("zh", "en"):
        prefix = base + ("" if lang == "zh" else "en/")
        width, height = SCREENS["phone"]
        context = local_context(chromium, viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(prefix)
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        star(page, prefix + PROGRAMME_PAGES["programme"])
        page.wait_for_timeout(1500)  # what the pages asked to keep
        context.set_offline(True)
        page.goto(prefix + "agenda/")
        page.locator(".summit-agenda__when").first.wait_for()
        save(page, out, f"offline-agenda-{lang}-phone.webp")
        context.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".github" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summit-shots-") as tmp:
        work = Path(tmp)
        pictured = work / "content"
        shutil.copytree(FIXTURE, pictured)
        illustrate(pictured)
        programme = work / "programme"
        shutil.copytree(FIXTURE, programme)
        with_summit_week(programme)
        sites = [
            (built(work, "seed", ROOT / "content"), SEED_PAGES),
            (built(work, "pictured", pictured), IMAGE_PAGES),
            (built(work, "programme-site", programme), PROGRAMME_PAGES),
        ]
        with browser() as chromium:
            for site, pages in sites:
                with serve(site) as base:
                    for screen, (width, height) in SCREENS.items():
                        context = local_context(chromium, viewport={"width": width, "height": height})
                        page = context.new_page()
                        for kind, path in pages.items():
                            for lang in ("zh", "en"):
                                prefix = base + ("" if lang == "zh" else "en/")
                                if kind == "agenda":
                                    star(page, prefix + PROGRAMME_PAGES["programme"])
                                page.goto(prefix + path, wait_until="networkidle")
                                page.wait_for_timeout(300)  # the clocks and the countdown
                                if kind == "programme":
                                    page.evaluate("document.querySelector('.summit-programme__zone').scrollIntoView()")
                                save(page, out, f"{kind}-{lang}-{screen}.webp")
                        context.close()
                    if pages is PROGRAMME_PAGES:
                        venue_shots(chromium, base, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
