"""Text as readers see it, the same in every output (pages, titles, calendars, JSON, search, Open Graph).

An editor writes a Chinese paragraph over several YAML lines (a ``>-`` block joins them with a space)
or with a line break in a ``|`` block; readers must not see the seams. ``tidy`` makes a text ready for
any output once, when the content is loaded (``models``), so that no output can forget it:

- whitespace of every kind (line breaks, U+2028, tabs, runs of spaces) becomes one space;
- no space is left between two Chinese characters, nor beside full-width punctuation;
- a space between Chinese and Latin words stays as the editor wrote it (and none is added).

``tidy_markdown`` does the same for Markdown, which keeps its line structure: a line break between two
Chinese characters (a soft wrap) goes, and so does a single space between them or after full-width
punctuation; every other line break stays.
"""

from __future__ import annotations

import re

_WIDE = (
    r"\u2e80-\u2fdf"  # CJK and Kangxi radicals
    r"\u3000-\u303f"  # CJK symbols and punctuation
    r"\u3040-\u30ff"  # kana
    r"\u3100-\u312f"  # bopomofo
    r"\u31a0-\u31ff"  # bopomofo extended, CJK strokes, katakana extensions
    r"\u3400-\u4dbf"  # extension A
    r"\u4e00-\u9fff"  # unified ideographs
    r"\uf900-\ufaff"  # compatibility ideographs
    r"\ufe30-\ufe4f"  # CJK compatibility forms (vertical punctuation)
    r"\uff00-\uffef"  # full-width and half-width forms
    r"\U00020000-\U0003134f"  # extensions B to H
)
_WIDE_PUNCTUATION = r"\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c"
"""What Python, YAML or a reader's program take for the end of a line."""
_LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")
_SPACE = re.compile(r"\s+")
_GAP = re.compile(
    rf"(?<=[{_WIDE}]) (?=[{_WIDE}])"  # between two Chinese characters
    rf"|(?<=[{_WIDE_PUNCTUATION}]) "  # after full-width punctuation
    rf"| (?=[{_WIDE_PUNCTUATION}])"  # before it
)
_MARKDOWN_GAP = re.compile(rf"(?<=[{_WIDE}]) (?=[{_WIDE}])|(?<=[{_WIDE_PUNCTUATION}]) (?=\S)")
"""A single space inside a Markdown line between Chinese characters or after full-width punctuation (a
YAML ``>-`` block joins its lines with one); not a space before a line end (two make a hard break)."""
_SOFT_WRAP = re.compile(rf"(?<=[{_WIDE}])[ \t]?\n[ \t]*(?=[{_WIDE}])")
"""A line end between Chinese characters in Markdown (not a hard break: two trailing spaces)."""


def tidy(text: str) -> str:
    """``text`` as one line, ready for any output: whitespace collapsed to single spaces and trimmed,
    no space between Chinese characters or beside full-width punctuation, Chinese-Latin spaces kept."""
    return _GAP.sub("", _SPACE.sub(" ", text).strip())


def tidy_markdown(text: str) -> str:
    """Markdown with its lines kept (paragraphs, lists, code): line ends unified to ``\\n``, trailing
    blanks of the whole text trimmed, and a line break between two Chinese characters removed (in a
    browser it would show as a space)."""
    text = text.replace("\r\n", "\n")
    text = _LINE_BREAK.sub("\n", text)
    return _MARKDOWN_GAP.sub("", _SOFT_WRAP.sub("", text)).strip()


def has_line_break(text: str) -> bool:
    """True when ``text`` holds any kind of line break."""
    return _LINE_BREAK.search(text) is not None
