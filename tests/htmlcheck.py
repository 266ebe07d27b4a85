"""A check of built pages that needs no browser: every element and attribute must be one the site's own
templates (and the theme) make, no event handler, no address that runs script; the content's text may
reach text, the attributes that hold text, and JSON (that a ``<`` cannot end), nowhere else. A finding
names the page and, through the breakout's number (``breakout.Marks``), the field its text came from."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

GLOBAL = {"class", "id", "hidden", "lang", "dir", "title", "tabindex", "role", "translate", "inert"}
"""Attributes any element may have (besides ``aria-*`` and ``data-*``)."""
ELEMENTS: dict[str, set[str]] = {
    "html": {"data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"},
    "head": set(),
    "body": {"dir"},
    "title": set(),
    "meta": {"charset", "name", "content", "property", "http-equiv"},
    "link": {"rel", "href", "hreflang", "type", "sizes", "media", "crossorigin", "as"},
    "style": {"media"},
    "script": {"src", "type", "defer", "async", "integrity", "crossorigin"},
    "noscript": set(),
    "header": set(),
    "footer": set(),
    "main": set(),
    "nav": set(),
    "article": set(),
    "aside": set(),
    "section": set(),
    "div": {"style"},
    "span": set(),
    "p": set(),
    "a": {"href", "rel", "target", "download", "hreflang", "type"},
    "h1": set(),
    "h2": set(),
    "h3": set(),
    "h4": set(),
    "h5": set(),
    "h6": set(),
    "ul": set(),
    "ol": {"start"},
    "li": set(),
    "dl": set(),
    "dt": set(),
    "dd": set(),
    "strong": set(),
    "em": set(),
    "b": set(),
    "i": set(),
    "small": set(),
    "code": set(),
    "pre": set(),
    "kbd": set(),
    "blockquote": set(),
    "br": set(),
    "hr": set(),
    "table": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"align", "scope", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "time": {"datetime"},
    "abbr": set(),
    "sup": set(),
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "fetchpriority"},
    "picture": set(),
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "figure": set(),
    "figcaption": set(),
    "form": {"action", "method", "name", "novalidate", "autocomplete"},
    "label": {"for"},
    "input": {
        "type",
        "name",
        "value",
        "checked",
        "placeholder",
        "autocomplete",
        "autocorrect",
        "autocapitalize",
        "spellcheck",
        "required",
        "enterkeyhint",
        "for",
    },
    "button": {"type", "name", "value", "for"},
    "select": {"name"},
    "option": {"value", "selected"},
    "output": {"for"},
    "svg": {"xmlns", "viewbox", "width", "height", "fill", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule", "stroke"},  # stroke: the QR code on a hall's screen (segno)
    "g": {"fill"},
    "circle": {"cx", "cy", "r", "fill"},
    "rect": {"x", "y", "width", "height", "rx", "fill"},
    "text": {"x", "y", "font-size", "font-weight", "font-family", "text-anchor", "fill", "dominant-baseline"},
    "fieldset": set(),
    "legend": set(),
    "template": set(),
    "details": {"open"},
    "summary": set(),
    "iframe": {"height"},  # the embeddable view's own preview (its address set by the page's script)
}
"""The elements the templates and the theme make, each with the attributes it may carry."""
ADDRESSES = {"href", "src", "action", "formaction", "poster", "srcset", "xlink:href", "data"}
SAFE_ADDRESS = re.compile(r"\s*(?:https?:|mailto:|webcal:|[^:]*$|[^:/?#]*[/?#])", re.I)
"""http(s), mailto and webcal addresses, and relative ones (no scheme before the first / ? or #)."""
TEXT_ATTRIBUTES = {"content", "alt", "title", "aria-label", "value", "placeholder", "href", "datetime"}
"""Attributes that may hold the content's text (escaped): descriptions, alt texts, labels, links."""
JSON_TYPES = {"application/ld+json", "application/json"}
MARK = re.compile(r"alert\((\d+)\)")


@dataclass
class Finding:
    page: str
    what: str
    numbers: list[int] = field(default_factory=list)

    def describe(self, name: Callable[[int], str] | None = None) -> str:
        source = f" (from {name(self.numbers[0])})" if name and self.numbers else ""
        return f"{self.page}: {self.what}{source}"


class _Checker(HTMLParser):
    def __init__(self, page: str, marked: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.marked = marked
        self.findings: list[Finding] = []
        self.raw: tuple[str, dict[str, str | None]] | None = None
        self.raw_text: list[str] = []

    def _add(self, what: str, text: str) -> None:
        self.findings.append(Finding(self.page, what, [int(n) for n in MARK.findall(text)]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = " ".join(f"{k}={v!r}" if v is not None else k for k, v in attrs)
        allowed = ELEMENTS.get(tag)
        if allowed is None:
            self._add(f"<{tag}> is not an element of the site's templates", shown)
            allowed = set()
        for name, value in attrs:
            text = value or ""
            if name.startswith("on"):
                self._add(f"<{tag} {name}>: an event handler", f"{name}={text}")
            elif not (name in GLOBAL or name in allowed or name.startswith(("aria-", "data-"))):
                self._add(f"<{tag} {name}> is not an attribute the templates give <{tag}>", f"{name}={text}")
            if name in ADDRESSES and not all(SAFE_ADDRESS.match(part) for part in text.split(",")):
                self._add(f"<{tag} {name}={text!r}>: an address that is not http(s), mailto or relative", text)
            if self.marked and MARK.search(text) and not (name in TEXT_ATTRIBUTES or name.startswith("data-")):
                self._add(f"<{tag} {name}> holds the content's text", text)
        if tag in ("script", "style"):
            self.raw = (tag, dict(attrs))
            self.raw_text = []

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if self.raw and tag == self.raw[0]:
            self._raw_element("".join(self.raw_text))
            self.raw = None

    def handle_data(self, data: str) -> None:
        if self.raw:
            self.raw_text.append(data)

    def handle_comment(self, data: str) -> None:
        if self.marked and MARK.search(data):
            self._add("a comment holds the content's text", data)

    def _raw_element(self, text: str) -> None:
        assert self.raw is not None
        tag, attrs = self.raw
        if tag == "script" and attrs.get("type") in JSON_TYPES:  # every JSON: one cut short may hold no mark
            if "<" in text:
                self._add("JSON in a <script> holds a raw '<' (a '</script>' or '<!--' in it changes the page)", text)
            try:
                json.loads(text)
            except ValueError:
                self._add("JSON in a <script> is not valid JSON", text)
            return
        if self.marked and MARK.search(text):
            self._add(f"a <{tag}> holds the content's text", text)


def check_page(html: str, page: str, marked: bool = True) -> list[Finding]:
    """What in ``html`` the templates do not make (``marked``: also where the breakouts' text is)."""
    checker = _Checker(page, marked)
    checker.feed(html)
    checker.close()
    return checker.findings


def check_site(site: Path, marked: bool = True) -> list[Finding]:
    """``check_page`` for every HTML page of a built site."""
    findings = []
    for path in sorted(site.rglob("*.html")):
        findings += check_page(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix(), marked)
    return findings
