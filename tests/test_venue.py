"""The venue's outputs made in memory (the unit tier): the offline worker's precache list and values, a
hall's screen data. Chromium meets them in test_offline.py and test_screens.py."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from test_programme import with_programme

from conftest import BASE_URL, NOW


def small_site(root: Path) -> Path:
    (root / "assets").mkdir(parents=True)
    (root / "en" / "icons").mkdir(parents=True)
    (root / "assets" / "main.css").write_text("body{}", encoding="utf-8")
    (root / "assets" / "summit.js").write_text("1", encoding="utf-8")
    (root / "en" / "icons" / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    (root / "index.html").write_text(
        '<head><link rel="stylesheet" href="assets/main.css"><script src="assets/summit.js"></script>'
        '<script src="https://cdn.example.org/x.js"></script><link rel="preconnect" href="assets/none.css">'
        '<link rel="alternate" href="feeds/events.xml"></head>',
        encoding="utf-8",
    )
    (root / "en" / "index.html").write_text(
        '<head><link rel="stylesheet" href="../assets/main.css?v=1"><link rel="icon" href="icons/favicon.svg">'
        '<link rel="manifest" href="../../outside.webmanifest"></head>',
        encoding="utf-8",
    )
    return root


def test_the_precache_list_is_what_the_homes_heads_load_by_content_hash(tmp_path: Path) -> None:
    from summit.outputs.offline import precache

    site = small_site(tmp_path / "site")
    first = dict(precache(site))
    # each file once, by its path from the root; another host's, a missing file and one outside are not
    assert sorted(first) == ["assets/main.css", "assets/summit.js", "en/icons/favicon.svg"]
    (site / "assets" / "main.css").write_text("body{color:red}", encoding="utf-8")
    second = dict(precache(site))
    assert [path for path in first if first[path] != second[path]] == ["assets/main.css"]


def test_the_worker_carries_the_builds_values_and_the_bilingual_note(tmp_path: Path) -> None:
    from summit.outputs.offline import MAX_PAGES, precache, worker

    site = small_site(tmp_path / "site")
    built = dt.datetime(2030, 7, 10, 8, 0, tzinfo=dt.UTC)
    text = worker(precache(site), built).decode()
    assert not re.search(r"__[A-Z_]+__", text)  # every value filled in
    assert f"var BUILD = {int(built.timestamp() * 1000)};" in text
    assert f"var MAX_PAGES = {MAX_PAGES};" in text
    listed = json.loads(re.search(r"var PRECACHE = (.*);", text).group(1))
    assert listed == [[path, digest] for path, digest in precache(site)]
    page = re.search(r"var OFFLINE_PAGE = (.*);", text).group(1)
    assert "这个页面还没有保存到本机" in page and "This page has not been saved on this device yet" in page
    assert '<base href=\\"" + ROOT + "\\">' in page  # its links lead to the worker's root


def test_a_screens_data_has_the_venues_offsets_and_both_languages(content_copy: Path) -> None:
    from summit.build.pipeline import site_of
    from summit.content.loader import load_content
    from summit.outputs.screens import _json, screen_data

    with_programme(content_copy)
    site = site_of(load_content(content_copy.parent, content_copy, now=NOW), NOW, BASE_URL)
    forum = next(e for e in site.content.events if e.id == "2030-09-01-tokyo-forum")
    data = screen_data(site, forum, "en")
    assert data["order"] == ["en", "zh"]
    assert data["rooms"] == [{"zh": "主会场", "en": "Main hall"}, {"zh": "B厅", "en": "Hall B"}]
    opening = data["sessions"][0]
    assert opening["start"] == "2030-09-01T10:00:00+09:00" and opening["room"] == 0  # Tokyo's offset
    assert opening["title"] == {"zh": "开幕式", "en": "Opening"}
    assert data["words"]["zh"]["zone"] == "东京时间" and data["words"]["en"]["zone"] == "Tokyo time"
    # the api files of both languages, from the English page's folder (en/events/<id>/screen/)
    assert data["feeds"] == {
        "en": "../../../../en/api/events/2030-09-01-tokyo-forum.json",
        "zh": "../../../../api/events/2030-09-01-tokyo-forum.json",
    }
    assert "<" not in _json({"title": "</script><!--"})
