"""A failed build never replaces the site; the same content builds to the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT, edit
from sitebuild import copy_project, mkdocs_build

pytestmark = pytest.mark.site


def make_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUMMIT_CONTENT": "content", "SUMMIT_TODAY": "2025-06-01"}
    env.pop("MAKEFLAGS", None)
    return subprocess.run(
        ["make", "--no-print-directory", "build", f"VENV={ROOT / '.venv'}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(FIXTURE, target / "content")
    old = target / "site"
    old.mkdir()
    (old / "index.html").write_text("the site as it was\n", encoding="utf-8")
    return target


def test_failed_check_leaves_the_site(project: Path) -> None:
    edit(project / "content/events/2024.yml", "    kind: roadshow", "    kind: party")
    result = make_build(project)
    assert result.returncode != 0
    assert "(Vancouver project roadshow) › kind: must be one of" in result.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "the site as it was\n"


def test_failed_mkdocs_build_leaves_the_site(project: Path) -> None:
    (project / "docs/guide.md").write_text("# Guide\n\n[broken](nowhere.md)\n", encoding="utf-8")
    result = make_build(project)
    assert result.returncode != 0
    assert "nowhere.md" in result.stdout + result.stderr
    assert (project / "site/index.html").read_text(encoding="utf-8") == "the site as it was\n"
    assert (project / "docs/guide.md").is_file()  # a hand-written page is never touched


def test_good_build_replaces_the_site(project: Path) -> None:
    result = make_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "测试创业周" in (project / "site/index.html").read_text(encoding="utf-8")
    assert not (project / ".site.tmp").exists()


def test_builds_are_reproducible(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    trees = []
    for name in ("a", "b"):
        env_build = mkdocs_build(project, FIXTURE, site=f"site-{name}", epoch="1750000000")
        assert env_build.returncode == 0, env_build.stderr
        root = project / f"site-{name}"
        trees.append({p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert [path for path in trees[0] if trees[0][path] != trees[1][path]] == []
