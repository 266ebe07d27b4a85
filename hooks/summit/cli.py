"""Command line: ``python -m summit check`` validates the content; ``generate`` writes docs/ as the
build would ($SUMMIT_TODAY and $SUMMIT_SITE_URL apply)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .content import content_dir, load_content
from .errors import ContentErrors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="summit", description="CHINAOCS summit content tools")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the content folder ($SUMMIT_CONTENT or content/)")
    gen = sub.add_parser("generate", help="write the Markdown pages into docs/")
    gen.add_argument("--base-url", default=None, help="absolute URL of the site (default: $SUMMIT_SITE_URL)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    folder = content_dir(root)
    try:
        content = load_content(root, folder)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if args.command == "check":
        print(
            f"{len(content.events)} events, {len(content.stations)} stations, "
            f"{len(content.partners)} partners, {len(content.projects)} projects: no errors"
        )
        return 0
    from .generate import DEFAULT_BASE_URL, generate_docs
    from .views import build_time

    base_url = args.base_url or os.environ.get("SUMMIT_SITE_URL") or DEFAULT_BASE_URL
    result = generate_docs(content, root / "docs", build_time(content.site.timezone), base_url)
    print(f"{len(result.written)} pages written, {len(result.removed)} removed, {result.unchanged} unchanged")
    return 0
