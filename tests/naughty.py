"""A content folder that puts every naughty string into every kind of text field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from conftest import FIXTURE

STRINGS: list[str] = json.loads((Path(__file__).parent / "fixtures" / "blns" / "blns.json").read_text(encoding="utf-8"))
PAYLOADS = [
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    '<svg onload="alert(1)">',
    '{: onclick="alert(1)" }',
    "[link](javascript:alert(1))",
    "![x](x onerror=alert(1))",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<iframe src="javascript:alert(1)"></iframe>',
    "`<script>alert(1)</script>`",
    "\u202eevil\u202c",
]
BODY_PAYLOADS = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<img src=x onerror=alert(1)>",
    '<div style="position:fixed;top:0" onclick="alert(1)">x</div>',
    '<iframe src="https://example.org"></iframe>',
    "[vb](vbscript:msgbox(1))",
    "<style>body{display:none}</style>",
    "[ok](https://example.org/page)",
]


def text(value: str) -> dict[str, str]:
    return {"zh": value, "en": value}


SEPARATOR = " ⁂ "


def chunks(strings: list[str], size: int) -> list[str]:
    """``strings`` joined ``size`` at a time: each record's texts carry several of them."""
    return [SEPARATOR.join(strings[i : i + size]) for i in range(0, len(strings), size)]


def naughty_content(target: Path, strings: list[str], per_record: int = 1) -> Path:
    """Copy the fixture content and add records whose every text is ``per_record`` of ``strings``."""
    shutil.copytree(FIXTURE, target)
    strings = chunks(strings, per_record) if per_record > 1 else strings
    n = len(strings)
    events = [
        {
            "id": f"2025-01-01-n{i}",
            "title": text(s),
            "kind": "forum",
            "format": "hybrid",
            "date": "2025-01-01",
            "city": text(s),
            "venue": text(s),
            "summary": text(s),
            "body": text(s),
            "stations": ["vancouver"],
            "status": "held",
        }
        for i, s in enumerate(strings)
    ]
    (target / "events" / "2025.yml").write_text(yaml.safe_dump({"events": events}, allow_unicode=True), "utf-8")
    partners = yaml.safe_load((target / "partners.yml").read_text(encoding="utf-8"))
    partners["partners"] += [
        {"id": f"n{i}", "name": text(s), "kind": "investor", "description": text(s)} for i, s in enumerate(strings)
    ]
    (target / "partners.yml").write_text(yaml.safe_dump(partners, allow_unicode=True), "utf-8")
    projects = yaml.safe_load((target / "projects.yml").read_text(encoding="utf-8"))
    projects["projects"] += [
        {
            "id": f"n{i}",
            "name": text(s),
            "stage": text(s),
            "summary": text(s),
            "links": [{"label": text(s), "url": "https://example.org/"}],
        }
        for i, s in enumerate(strings)
    ]
    (target / "projects.yml").write_text(yaml.safe_dump(projects, allow_unicode=True), "utf-8")
    stations = yaml.safe_load((target / "stations.yml").read_text(encoding="utf-8"))
    stations["stations"] += [
        {
            "id": f"n{i}",
            "name": text(s),
            "city": text(s),
            "country": text(s),
            "description": text(s),
            "timezone": "Asia/Tokyo",
        }
        for i, s in enumerate(strings[:n])
    ]
    (target / "stations.yml").write_text(yaml.safe_dump(stations, allow_unicode=True), "utf-8")
    return target
