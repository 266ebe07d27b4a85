"""The editing page (``/admin/``): Decap CMS's browser files, self-hosted from its npm package
(``node_modules/decap-cms/dist``, which ``make`` installs from ``package-lock.json``), put beside the
page (``docs/admin/index.html``) and its forms (``docs/admin/config.yml``, ``content/cms.py``) in the
built site, with the yaml package's browser modules (``admin/yaml/``) that the page's format writes
with. Nothing of it is loaded from another host; it is not a public page (no sitemap, search or
navigation entry: MkDocs copies ``docs/admin/`` as static files)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ..content.cms import config as forms
from ..content.cms import render

__all__ = ["DIST", "FOLDER", "EditorSettingsError", "backend", "editor_files", "install_editor"]

DIST = Path("node_modules") / "decap-cms" / "dist"
YAML_DIST = Path("node_modules") / "yaml" / "browser" / "dist"  # the format's YAML (docs/admin/format.js)
FOLDER = "admin"


class EditorSettingsError(ValueError):
    """A deployment's editing-page setting is wrong (named, with what it should be)."""


_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
_URL = re.compile(r"^https://[^\s/]+(/\S*)?$")


def backend(env: Mapping[str, str]) -> dict[str, Any] | None:
    """Where the editing page signs in and opens pull requests, from the deployment's settings; None
    when none is set (the forms keep config.yml's, which only the local proxy serves).

    - ``SUMMIT_CMS_REPO`` (owner/name) and ``SUMMIT_CMS_BRANCH`` (default main);
    - ``SUMMIT_CMS_BACKEND``: ``github`` (default) or ``forgejo`` (a self-hosted Forgejo or Gitea);
    - GitHub: ``SUMMIT_CMS_AUTH_URL``, the OAuth relay's address (its ``/auth`` starts the sign-in);
      without it editors sign in with an access token;
    - Forgejo: ``SUMMIT_CMS_API_ROOT`` (https://git.example.cn/api/v1) and ``SUMMIT_CMS_APP_ID``, its
      OAuth2 application's client id (PKCE: no relay, no secret).
    """
    repo = env.get("SUMMIT_CMS_REPO", "").strip()
    if not repo:
        return None
    if not _REPO.match(repo):
        raise EditorSettingsError(f"SUMMIT_CMS_REPO={repo!r}: write the repository as owner/name")
    name = env.get("SUMMIT_CMS_BACKEND", "github").strip() or "github"
    made: dict[str, Any] = {"name": name, "repo": repo, "branch": env.get("SUMMIT_CMS_BRANCH", "main") or "main"}
    if name == "github":
        relay = env.get("SUMMIT_CMS_AUTH_URL", "").strip().rstrip("/")
        if relay:
            if not _URL.match(relay):
                raise EditorSettingsError(f"SUMMIT_CMS_AUTH_URL={relay!r}: an https:// address")
            made |= {"base_url": relay, "auth_endpoint": "auth"}
        return made
    if name == "forgejo":
        api, app = env.get("SUMMIT_CMS_API_ROOT", "").strip().rstrip("/"), env.get("SUMMIT_CMS_APP_ID", "").strip()
        if not _URL.match(api) or not api.endswith("/api/v1"):
            raise EditorSettingsError(f"SUMMIT_CMS_API_ROOT={api!r}: the server's API, https://<host>/api/v1")
        if not app:
            raise EditorSettingsError("SUMMIT_CMS_APP_ID: the OAuth2 application's client id (Forgejo settings)")
        return made | {"api_root": api, "app_id": app}
    raise EditorSettingsError(f"SUMMIT_CMS_BACKEND={name!r}: github or forgejo")


def editor_files(root: Path) -> list[Path]:
    """The files the page loads: the bundle, its chunks (loaded as a form needs them) and its WebAssembly;
    empty when the package is not installed."""
    dist = root / DIST
    if not dist.is_dir():
        return []
    return sorted(p for p in dist.iterdir() if p.name.endswith("decap-cms.js") or p.suffix == ".wasm")


def install_editor(root: Path, site_dir: Path, content: Path | None = None, env: Mapping[str, str] = os.environ) -> int:
    """Put the editor's files into ``site_dir/admin/`` (beside its page and forms); its forms made for
    the ``content`` being built (its years of events and the next) and told the deployment's repository
    and sign-in (``backend``). How many files were put."""
    settings = backend(env)
    config = site_dir / FOLDER / "config.yml"
    if config.is_file() and (settings is not None or content is not None):
        made = forms(content) if content is not None and content.is_dir() else yaml.safe_load(config.read_text("utf-8"))
        if settings is not None:
            made["backend"] = {**settings, "commit_messages": made["backend"].get("commit_messages", {})}
        config.write_text(render(made), encoding="utf-8")
    found = editor_files(root)
    target = site_dir / FOLDER
    if found:
        target.mkdir(parents=True, exist_ok=True)
    for file in found:
        _put(file, target / file.name)
    modules = root / YAML_DIST
    if found and modules.is_dir():
        shutil.copytree(modules, target / "yaml", dirs_exist_ok=True, copy_function=_put)
    return len(found)


def _put(source: str | Path, target: str | Path) -> None:
    """Copy ``source`` unless ``target`` is already that file (the live preview's full builds: 7 MB)."""
    was, there = Path(source).stat(), Path(target)
    if there.is_file() and (now := there.stat()).st_size == was.st_size and now.st_mtime_ns == was.st_mtime_ns:
        return
    shutil.copy2(source, target)
