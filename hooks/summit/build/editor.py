"""The editing page (``/admin/``): Decap CMS's browser files, self-hosted from its npm package
(``node_modules/decap-cms/dist``, which ``make`` installs from ``package-lock.json``), put beside the
page (``docs/admin/index.html``) and its forms (``docs/admin/config.yml``, ``content/cms.py``) in the
built site, with the yaml package's browser modules (``admin/yaml/``) that the page's format writes
with. Nothing of it is loaded from another host; it is not a public page (no sitemap, search or
navigation entry: MkDocs copies ``docs/admin/`` as static files)."""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["DIST", "FOLDER", "editor_files", "install_editor"]

DIST = Path("node_modules") / "decap-cms" / "dist"
YAML_DIST = Path("node_modules") / "yaml" / "browser" / "dist"  # the format's YAML (docs/admin/format.js)
FOLDER = "admin"


def editor_files(root: Path) -> list[Path]:
    """The files the page loads: the bundle, its chunks (loaded as a form needs them) and its WebAssembly;
    empty when the package is not installed."""
    dist = root / DIST
    if not dist.is_dir():
        return []
    return sorted(p for p in dist.iterdir() if p.name.endswith("decap-cms.js") or p.suffix == ".wasm")


def install_editor(root: Path, site_dir: Path) -> int:
    """Put the editor's files into ``site_dir/admin/`` (beside its page and forms); how many were put."""
    found = editor_files(root)
    target = site_dir / FOLDER
    if found:
        target.mkdir(parents=True, exist_ok=True)
    for file in found:
        shutil.copyfile(file, target / file.name)
    modules = root / YAML_DIST
    if found and modules.is_dir():
        shutil.copytree(modules, target / "yaml", dirs_exist_ok=True)
    return len(found)
