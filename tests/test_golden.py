"""Golden Markdown: every page of the fixture content, in both languages.

After an intended change of the output, regenerate with ``UPDATE_GOLDEN=1 make test`` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summit.outputs.render import render_all

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def pages(fixture_site) -> dict[str, str]:
    rendered = {p: t for p, t in render_all(fixture_site).items() if p.endswith(".md")}
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    return rendered


def test_same_pages_as_golden(pages: dict[str, str]) -> None:
    golden = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(pages) == golden


def test_every_page_in_both_languages(pages: dict[str, str]) -> None:
    zh = {p for p in pages if not p.endswith(".en.md")}
    assert {p.replace(".en.md", ".md") for p in pages if p.endswith(".en.md")} == zh


@pytest.mark.parametrize("path", sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")))
def test_page_matches_golden(pages: dict[str, str], path: str) -> None:
    assert pages[path] == (GOLDEN / path).read_text(encoding="utf-8")
