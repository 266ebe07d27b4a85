"""Command line of the summit site.

- ``python -m summit check [--strict]``: check the content folder, print every problem on its line
  (and GitHub annotations under GitHub Actions), then a translation report;
- ``python -m summit generate``: write docs/ as the build would ($SUMMIT_TODAY, $SUMMIT_SITE_URL apply);
- ``python -m summit schema``: write the JSON Schemas of the content files into content/schema/;
- ``python -m summit new KIND ID``: append a skeleton record to the right content file;
- ``python -m summit deploy [--dry-run] [--site site]``: publish the built site to the S3 mirror
  ($SUMMIT_MIRROR_*; see ``deploy.py``);
- ``python -m summit extras``: (run by the live preview) the data files and search index of the
  content into the cache folder (``preview.Extras``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .content.kinds import KINDS
from .content.loader import content_dir, display_path, load_content
from .errors import ContentError, ContentErrors, count, report, say
from .schedule.zones import IANA_VERSION


def translation_report(problems: list[ContentError], every: bool = False) -> str:
    """For each language, the texts that are missing (Chinese: errors; English: pending); where each
    is, with ``every``."""
    lines = [say("translations.head").text()]
    for lang in ("zh", "en"):
        language = say(f"language.{lang}")
        missing = [p for p in problems if p.kind == "translation" and p.loc and p.loc[-1] == lang]
        if not missing:
            lines.append(say("translations.complete", language=language).text())
            continue
        key = "translations.missing" if any(p.severity == "error" for p in missing) else "translations.pending"
        lines.append(say(key, language=language, count=count(len(missing), "text")).text())
        if every or key == "translations.missing":
            lines.extend(f"    {p.place()}: {p.located()}" for p in missing)
    return "\n".join(lines)


def check(root: Path, strict: bool, every: bool = False) -> int:
    try:
        content = load_content(root, content_dir(root), strict=strict, share=True)
        problems, failed = content.warnings, False
    except ContentErrors as exc:
        problems, failed = exc.errors + exc.warnings, True
    stream = sys.stderr if failed else sys.stdout
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in sorted(problems, key=lambda p: (p.severity != "error", p.sort_key())):
            print(problem.annotation(), file=stream)
    print(report(problems, every=every), file=stream)
    print(translation_report(problems, every), file=stream)
    if not failed:
        counts = {key: count(len(getattr(content, key)), noun) for noun, key in NOUNS}
        print(say("ready", **counts, iana=IANA_VERSION).text(), file=stream)
    return 1 if failed else 0


NOUNS = (("event", "events"), ("station", "stations"), ("partner", "partners"), ("project", "projects"))
"""What the check counts when the content is ready: (noun, collection)."""


def extras(root: Path, folder: Path, url: str, out: Path) -> None:
    """(Run by the live preview, ``preview.Extras``) stages 1 and 4 of the pipeline: the data files and
    the search index of the content into ``out/data`` and ``out/search`` (``out``: the cache folder)."""
    from .build.pipeline import load_site, make_extras

    os.nice(10)  # the preview's pages first
    make_extras(load_site(root, folder, url), out, lambda text: print(f"WARNING - {text}", file=sys.stderr))


def verify_site(root: Path, site: Path) -> int:
    """``summit verify``: the built ``site`` of the content, checked from outside (``build.verify``)."""
    from .build.pipeline import DEFAULT_BASE_URL
    from .build.verify import verify

    try:
        content = load_content(root, content_dir(root))
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    base_url = os.environ.get("SUMMIT_SITE_URL") or DEFAULT_BASE_URL
    if not (site / "index.html").is_file():
        print(say("line.error.bare", message=say("deploy.not_built", site=site)).text(), file=sys.stderr)
        return 1
    problems = verify(site, content, base_url)
    for problem in problems:
        print(say("line.error.bare", message=problem).text(), file=sys.stderr)
    if problems:
        print(say("verify.failed", count=len(problems)).text(), file=sys.stderr)
        return 1
    print(say("verify.ok", files=sum(1 for f in site.rglob("*") if f.is_file())).text())
    return 0


def deploy(site: Path, dry_run: bool) -> int:
    from .build.deploy import DeployError, Mirror, address_warning
    from .build.deploy import deploy as publish

    try:
        mirror = Mirror.from_env()
        print(say("deploy.dry_start" if dry_run else "deploy.start", site=site, address=mirror.address).text())
        if (site / "sitemap.xml").is_file() and (warning := address_warning(site, os.environ.get("SUMMIT_MIRROR_URL"))):
            print(warning.text(), file=sys.stderr)
        report = publish(site, mirror, dry_run)
    except DeployError as exc:
        print(say("line.error.bare", message=exc.message).text(), file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="summit", description="CHINAOCS summit content tools")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="check the content folder ($SUMMIT_CONTENT or content/)")
    chk.add_argument("--strict", action="store_true", help="missing English translations are errors")
    chk.add_argument("--all", action="store_true", help="list every warning (some are otherwise counted)")
    gen = sub.add_parser("generate", help="write the pages, calendars and exports into docs/")
    gen.add_argument("--base-url", default=None, help="absolute URL of the site (default: $SUMMIT_SITE_URL)")
    sub.add_parser("schema", help="write the JSON Schemas of the content files into content/schema/")
    new = sub.add_parser("new", help="append a skeleton record to the right content file")
    new.add_argument("kind", choices=[kind.name for kind in KINDS] + ["session"])
    new.add_argument("id", help="the new record's id, e.g. 2026-05-20-boston-roadshow")
    new.add_argument("--event", default=None, help="(a session) the id of its event")
    dep = sub.add_parser("deploy", help="publish the built site to the S3-compatible mirror ($SUMMIT_MIRROR_*)")
    dep.add_argument("--site", type=Path, default=None, help="the built site (default: site/)")
    dep.add_argument("--dry-run", action="store_true", help="list what would be uploaded and deleted ($DRY_RUN=1)")
    ver = sub.add_parser("verify", help="check a built site from outside: pages, links, calendars, data files")
    ver.add_argument("--site", type=Path, default=None, help="the built site (default: site/)")
    ext = sub.add_parser("extras", help="(the live preview's) data files and search index into the cache folder")
    ext.add_argument("--content", type=Path, required=True)
    ext.add_argument("--url", required=True)
    ext.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "extras":
        from .errors import describe

        try:
            extras(root, args.content, args.url, args.out)
        except ContentErrors as exc:
            print(exc.report(), file=sys.stderr)
            return 1
        except Exception as exc:  # said in one line by the preview server
            print(describe(exc), file=sys.stderr)
            return 1
        return 0
    if args.command == "deploy":
        return deploy(args.site or root / "site", args.dry_run or os.environ.get("DRY_RUN", "") not in ("", "0"))
    if args.command == "check":
        return check(root, args.strict, args.all)
    if args.command == "verify":
        return verify_site(root, args.site or root / "site")
    if args.command == "schema":
        from .content.reference import write_reference
        from .content.schema import write_schemas

        for path in write_schemas(content_dir(root)):
            print(f"wrote {path}")
        if (root / "CONTRIBUTING.md").is_file() and write_reference(root / "CONTRIBUTING.md"):
            print(f"wrote {root / 'CONTRIBUTING.md'} (the field reference)")
        if (root / "docs").is_dir():
            from .content.cms import write_config

            print(f"wrote {write_config(root / 'docs', content_dir(root))} (the editing page's forms)")
        return 0
    if args.command == "new":
        from .content.skeleton import SkeletonError, add_record, add_session

        try:
            if args.kind == "session" and not args.event:
                raise SkeletonError(say("new.usage_session"))
            if args.kind == "session":
                path, line = add_session(content_dir(root), args.event, args.id)
            else:
                path, line = add_record(content_dir(root), args.kind, args.id)
        except SkeletonError as exc:
            print(say("line.error.bare", message=exc.message).text(), file=sys.stderr)
            return 1
        place = f"{display_path(path, root)}:{line}"
        print(say("new.added", place=place, kind=say(f"kind.{args.kind}"), id=args.id).text())
        return 0
    from .build.pipeline import DEFAULT_BASE_URL, generate_docs, load_site

    base_url = args.base_url or os.environ.get("SUMMIT_SITE_URL") or DEFAULT_BASE_URL
    try:
        site = load_site(root, content_dir(root), base_url)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    result = generate_docs(site, root / "docs", root / ".cache" / "qr")
    print(f"{len(result.written)} files written, {len(result.removed)} removed, {result.unchanged} unchanged")
    return 0
