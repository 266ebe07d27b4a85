"""Text as Markdown and HTML for the pages: escaped inline text, sanitised rich text (an editor's
Markdown), meta descriptions, front matter, filter values and localized paths."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape
from typing import Any

import markdown
import nh3
from markupsafe import escape

from ..content.models import Markdown, Text
from ..i18n import DEFAULT_LANGUAGE, Locale
from ..texts import tidy

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|{}#])")


def localized_path(path: str, lang: str) -> str:
    """``events/x.md`` -> ``events/x.en.md`` (any extension) for a language other than the default."""
    if lang == DEFAULT_LANGUAGE:
        return path
    stem, _, ext = path.rpartition(".")
    return f"{stem}.{lang}.{ext}"


def inline(text: str) -> str:
    """Text as one Markdown line: whitespace collapsed (none left between Chinese characters),
    Markdown punctuation escaped, ``<`` and ``&`` as entities."""
    text = tidy(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


RICH_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def rich(markdown_text: str) -> str:
    """An editor's Markdown as sanitised HTML: an allow-list of tags, ``href`` only on links and only to
    http(s), mailto or relative addresses, ``rel="noopener noreferrer"`` on every link; no script,
    no event handler, no style, no iframe."""
    html = markdown.markdown(markdown_text, extensions=["tables"], output_format="html")
    clean = nh3.clean(
        html,
        tags=RICH_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    lines = [line for line in clean.splitlines() if line.strip()]
    return '<div class="summit-body">\n' + "\n".join(lines) + "\n</div>" if lines else ""


def plain(text: str, limit: int = 160) -> str:
    """Text for a meta description: one line, no space between Chinese characters, at most ``limit``."""
    text = tidy(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_MARKDOWN_MARKS = re.compile(r"[*_`\[\]<>&#|\\!]|^\s*([-+>]|\d+\.)\s|^\s{4}", re.M)
"""What could make a text more than its words in Markdown (a text without any is its own plain form)."""


def plain_markdown(markdown_text: str, limit: int = 160) -> str:
    """An editor's Markdown as ``plain`` text (its words without the marks: ``**机器学习**`` -> 机器学习)."""
    if not _MARKDOWN_MARKS.search(markdown_text):
        return plain(markdown_text, limit)
    html = markdown.markdown(markdown_text, extensions=["tables"], output_format="html")
    return plain(unescape(nh3.clean(html, tags=set())), limit)


def plain_of(text: Text | None, lang: str, limit: int = 160) -> str:
    """``text`` in ``lang`` as a description: ``plain``, or ``plain_markdown`` for a Markdown field."""
    if text is None:
        return ""
    value = text.get(lang)
    return plain_markdown(value, limit) if isinstance(text, Markdown) else plain(value, limit)


def front_matter(**values: Any) -> str:
    """A YAML front matter block (JSON values are YAML) of the values that are set."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n" if lines else ""


def slug(text: str) -> str:
    """A filter value for free text such as a city: lowercase words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "other"


def in_language(text: Text | None, loc: Locale, render: Callable[[str], str]) -> str:
    """``text`` in the page's language through ``render`` (``inline`` for Markdown, escaping for raw
    HTML); while the English is pending, the Chinese, marked as such."""
    if text is None:
        return ""
    if text.pending(loc.lang):
        note = escape(loc.t("translation.pending"))
        return f'<span lang="zh-Hans">{render(text.zh)}</span> <small class="summit-pending">({note})</small>'
    return render(text.get(loc.lang))
