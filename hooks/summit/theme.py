"""What the theme needs beyond the pages: the footer, analytics and the finished site's sitemaps.

The hook puts ``theme_context`` into ``config.extra.summit`` and calls ``finish_site`` after the build.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from .i18n import LANGUAGES
from .models import Site
from .search import ui_strings

ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
HREFLANG = {"zh": "zh-Hans", "en": "en"}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def theme_context(site: Site) -> dict[str, Any]:
    """Footer and analytics for the theme, per language; parts that are unset are left out."""
    footer = site.footer
    context: dict[str, Any] = {"hreflang": HREFLANG, "baidu_tongji": site.analytics.baidu_tongji}
    for lang in LANGUAGES:
        police_code = "".join(re.findall(r"\d", footer.police or ""))
        context[lang] = {
            "organisers": [o.get(lang) for o in footer.organisers],
            "copyright": footer.copyright.get(lang) if footer.copyright else None,
            "icp": footer.icp,
            "icp_url": ICP_URL,
            "police": footer.police,
            "police_url": POLICE_URL.format(code=police_code) if police_code else None,
            "search": ui_strings(lang),
        }
    return context


def sitemap(text: str) -> str:
    """The sitemap with every page's language versions: hreflang zh-Hans and en, and x-default (Chinese)."""
    root = ElementTree.fromstring(text)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for url in root.findall(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "").strip()
        versions = {
            link.get("hreflang", "").split("-")[0]: link.get("href", "")
            for link in url.findall(f"{{{XHTML_NS}}}link")
            if link.get("hreflang") != "x-default"
        }
        lines.append("  <url>")
        lines.append(f"    <loc>{_xml(loc)}</loc>")
        for lang in LANGUAGES:
            if versions.get(lang):
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="{HREFLANG[lang]}" href="{_xml(versions[lang])}"/>'
                )
        default = versions.get(LANGUAGES[0])
        if default:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{_xml(default)}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def finish_site(site_dir: Path) -> None:
    """One sitemap with every language's alternates, also at /<lang>/sitemap.xml (where the theme's
    language selector looks for it), plain and gzipped."""
    main = site_dir / "sitemap.xml"
    other = site_dir / LANGUAGES[1] / "sitemap.xml"
    if not main.is_file() or (other.is_file() and other.read_bytes() == main.read_bytes()):
        return  # no sitemap, or finished already (the i18n plugin ends a build once per language)
    text = sitemap(main.read_text(encoding="utf-8")).encode("utf-8")
    packed = gzip.compress(text, mtime=0)
    for folder in [site_dir, *(site_dir / lang for lang in LANGUAGES[1:])]:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sitemap.xml").write_bytes(text)
        (folder / "sitemap.xml.gz").write_bytes(packed)
