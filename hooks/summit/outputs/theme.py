"""What the theme needs beyond the pages: the footer, analytics and the finished site's sitemaps.

The hook puts ``theme_context`` into ``config.extra.summit`` (``overrides/`` reads it) and calls ``finish_site``
after the build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from markupsafe import escape

from ..content.colours import palette
from ..content.images import LOGO_WIDTHS, Probe, fallback_kind, file_name, shown_size
from ..content.models import Site
from ..i18n import LANGUAGES, Locale
from .icons import favicon, mark_text
from .search import ui_strings

ICP_URL = "https://beian.miit.gov.cn/"
POLICE_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
HREFLANG = {"zh": "zh-Hans", "en": "en"}


def theme_context(site: Site, images: dict[str, Probe] | None = None) -> dict[str, Any]:
    """Footer, analytics, colours and mark for the theme, per language; parts that are unset are left
    out. ``images``: the checked image files (``Content.images``), for the logo. The values are text: the
    templates escape them (``| e``; the config is copied between processes, ``Markup`` would not survive)."""
    footer = site.footer
    logo = (images or {}).get(site.logo.path) if site.logo else None
    icon, icon_type = favicon(logo)
    context: dict[str, Any] = {
        "hreflang": HREFLANG,
        "baidu_tongji": site.analytics.baidu_tongji,
        "brand": palette(site.brand.primary, site.brand.accent),
        "mark": mark_text(site)[:1],
        "favicon": {"href": icon, "type": icon_type},
        "logo": header_logo(logo),
    }
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
            "star": {"add": Locale(lang).t("star.add"), "remove": Locale(lang).t("star.remove")},
            "offline": {key: Locale(lang).t(f"offline.{key}") for key in ("updated", "reload", "reading")},
        }
    return context


def escaped_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """A page's metadata as the theme gets it: every text (and every text in a list) as escaped HTML
    (``Markup``). MkDocs's templates are not auto-escaped and Material prints ``page.meta.title`` as it
    is: escaped once here, a text is right whether a template prints it as it is or escapes it (``| e``
    leaves ``Markup`` alone). Structured values (JSON-LD) are left to ``tojson``."""

    def safe(value: Any) -> Any:
        if isinstance(value, str):
            return escape(value)
        if isinstance(value, list):
            return [safe(item) for item in value]
        return value

    return {key: safe(value) for key, value in meta.items()}


_DEFAULT_404: dict[str, str] = {}


def one_404(template_name: str, language: str, output: str) -> str:
    """The one 404 page a host serves (at the site's root) is the default language's: the i18n plugin
    builds every language into the same root, the last one's 404 page would win. Its script shows the
    other language's text for their addresses (``overrides/404.html``)."""
    if template_name != "404.html":
        return output
    if language == LANGUAGES[0]:
        _DEFAULT_404["page"] = output
        return output
    return _DEFAULT_404.get("page", output)


def header_logo(logo: Probe | None) -> dict[str, Any] | None:
    """The logo's image in the header (made by summit.outputs.datafiles at the logo sizes, at the site's root):
    its file, its file for sharp screens, and its size at 1x."""
    if logo is None:
        return None
    low, high = LOGO_WIDTHS
    kind = "SVG" if logo.format == "SVG" else fallback_kind(logo)
    width, height = shown_size(logo, low)
    return {
        "src": file_name(logo, low, kind),
        "src2x": file_name(logo, high, kind) if kind != "SVG" and logo.width > low else None,
        "width": width,
        "height": height,
    }


def finish_site(site_dir: Path) -> None:
    """The sitemap, which the theme writes with every language's alternates (``overrides/sitemap.xml``),
    also at /<lang>/sitemap.xml, where the theme's language selector looks for it; plain and gzipped."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        main = site_dir / name
        if main.is_file():
            for lang in LANGUAGES[1:]:
                (site_dir / lang).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(main, site_dir / lang / name)
