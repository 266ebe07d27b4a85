"""Build a whole site with MkDocs from a content folder, in a temporary copy of the project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

from summit.build.docs import owned

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides", "docs")


def copy_project(target: Path) -> Path:
    """Copy what a build needs (not content, generated pages, site or venv) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / part)
    # the editing page's files (installed by make from package-lock.json), shared, not copied
    if (ROOT / "node_modules").is_dir() and not (target / "node_modules").exists():
        (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    # generated pages of the editor's working tree must not leak into the test build
    docs = target / "docs"
    for stale in docs.rglob("*.md"):
        if owned(stale.relative_to(docs).as_posix()):
            stale.unlink()
    return target


def mkdocs_build(
    project: Path,
    content: Path,
    today: str | None = None,
    site: str = "site",
    url: str = "https://summit.example.org/",
    epoch: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    from tiers import needs_tier

    needs_tier("site")
    env = {**os.environ, "SUMMIT_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1", "SUMMIT_SITE_URL": url}
    env.pop("PYTHONPATH", None)  # the hook must find its package by itself
    env.pop("SUMMIT_TODAY", None)
    if today:
        env["SUMMIT_TODAY"] = today
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def page_text(html: str) -> str:
    """The visible text of the article (main content) of a built page, whitespace collapsed."""
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.S)
    body = match.group(1) if match else html
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"</?(p|li|ul|ol|h[1-6]|td|th|tr|div|blockquote|br|hr|table)\b[^>]*>", " ", body)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split())
