"""The mistakes a Chinese keyboard makes in YAML, found in the text before YAML reads it, each at its own
line and column with the fix in words: a tab or a full-width space in the indentation, full-width
punctuation where YAML needs ASCII (``：`` after a key, ``，`` between items, ``【】`` for a list, ``“”``
around a key, ``－`` for a list item), a missing space after a key's colon. YAML would read most of them
as text (``kind： forum`` becomes part of the line before; ``{zh：开幕式}`` a field named ``zh：开幕式``)
or stop a line later with a message that names none of them.

Only a key's punctuation is looked at: a Chinese comma or colon inside a text is the editor's own. Lines
inside a block text (after ``|`` or ``>``) and comments are left alone. A key indented one space off its
siblings (``misindented``) is looked for only when YAML could not read the file: it is then the likely
cause, and is said at its own line."""

from __future__ import annotations

import re

from ..errors import Message, Position, say

KEY = r"[A-Za-z_][A-Za-z0-9_]*"
FIELD = r"[a-z_][a-z0-9_]*"
"""A field's name as the content spells them (inside braces, where a text may hold ``AI，ML：``)."""
_BLOCK_TEXT = re.compile(r"(?:^|:|-)\s*[|>][-+0-9]*\s*(?:#.*)?$")
_WIDE_COLON_KEY = re.compile(rf"^(?:-\s+)?({KEY})\s*：")
_QUOTED_KEY = re.compile(rf"^(?:-\s+)?([“”‘’「」])({KEY})[“”‘’「」]\s*[:：]")
_WIDE_DASH = re.compile(r"^([－—–])\s*")
_NO_SPACE = re.compile(rf"^(?:-\s+)?(?!mailto:)({KEY}):(?!//)([^\s:].*)$")
_FLOW_WIDE_COLON = re.compile(rf"[{{,]\s*({FIELD})\s*：")
_FLOW_NO_SPACE = re.compile(rf"[{{,]\s*({KEY}):(?!//)([^\s,}}\]][^,}}\]]*)")
_COMMA_BEFORE_KEY = re.compile(rf"，(?=\s*{FIELD}\s*[:：])")
_COMMA_BETWEEN_IDS = re.compile(r"(?<=[A-Za-z0-9-])\s*，\s*(?=[A-Za-z0-9])")
_WIDE_BRACKET = re.compile(r"(?:^-\s*|:\s+)([【［｛〔])")
_SUSPECT = (
    re.compile(r"^[ ]*(?:- +)?[\t\u3000－—–“”‘’「」]", re.M),  # in the indentation, or starting a line (item)
    re.compile(r"^[ ]*(?:- +)?[A-Za-z_][A-Za-z0-9_]*:[^\s:/]", re.M),  # no space after a key's colon
    re.compile(r"[【［｛〔]"),  # a full-width bracket
    re.compile(r"[{,][ ]*[a-z_][a-z0-9_]*:\S"),  # no space after a key's colon, in braces
)
"""Anything that may be such a mistake (with ``_wide_mark``): a file without it is not looked at line by
line (most are not; the look would cost a second at archive scale)."""
_AFTER_COMMA = re.compile(r"[ ]*[a-z_][a-z0-9_]*[ ]*[:：]")


def _wide_mark(text: str) -> bool:
    """A full-width colon after an ASCII word, or a full-width comma before a key or between ASCII words
    (each found by ``str.find``: Chinese prose has many, which a regular expression would try one by one)."""
    for mark in ("：", "，"):
        at = text.find(mark)
        while at != -1:
            before = text[max(0, at - 4) : at].rstrip(" \t")[-1:]
            word = before.isascii() and (before.isalnum() or before in "_-")
            if mark == "：" and word:
                return True
            if mark == "，" and (
                _AFTER_COMMA.match(text, at + 1) or (word and text[at + 1 : at + 3].lstrip()[:1].isascii())
            ):
                return True
            at = text.find(mark, at + 1)
    return False


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')


def _blank_quotes(text: str) -> str:
    """``text`` with what ASCII quotes hold replaced by spaces (same length): punctuation there is text."""
    return _QUOTED.sub(lambda m: m[0][0] + " " * (len(m[0]) - 2) + m[0][-1], text)


_OPEN_QUOTE = re.compile(r"""(?:^|[:\[{,]\s|^-\s|[\[{,])\s*(["'])""")


def _lines(text: str, continuations: bool = False) -> list[tuple[int, str]]:
    """(line number, line) of the lines that are YAML structure: not in a block text, not inside a
    quoted text written over several lines, not the continuation of a plain text, not comments."""
    found: list[tuple[int, str]] = []
    block: int | None = None  # the indentation of the key whose block text follows
    quote: str | None = None  # the quote of a text that goes on to the next line
    last: tuple[int, bool] | None = None  # the indentation of the structure line before, and if it ends a value
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if quote is not None:
            closing = _blank_quotes(quote + line)
            if closing.count(quote) % 2 == 0:  # the text ends on this line
                quote = None
            continue
        if block is not None:
            if not stripped.strip() or indent > block:
                continue
            block = None
        if not stripped.strip() or stripped.startswith("#"):
            continue
        code = _blank_quotes(line.split(" #", 1)[0])
        if last is not None and last[1] and indent > last[0] and not stripped.startswith("- ") and not continuations:
            continue  # the continuation of a plain text written over several lines
        found.append((number, line))
        opened = _OPEN_QUOTE.search(code)
        if opened and code[opened.start(1) :].count(opened[1]) % 2 == 1:
            quote = opened[1]
        if _BLOCK_TEXT.search(code):
            block = indent
        ends_value = bool(re.search(r":\s+\S|^\s*-\s+[^\s:]+\s*$", code)) and not _BLOCK_TEXT.search(code)
        last = (indent + (len(stripped) - len(stripped[1:].lstrip()) if stripped.startswith("- ") else 0), ends_value)
    return found


def keyboard_mistakes(text: str) -> list[tuple[Position, Message]]:
    """Every such mistake in ``text``, in order."""
    found: list[tuple[Position, Message]] = []
    if not any(pattern.search(text) for pattern in _SUSPECT) and not _wide_mark(text):
        return found
    for number, line in _lines(text):
        lead = len(line) - len(line.lstrip(" \t\u3000"))
        for col, ch in enumerate(line[:lead], 1):
            if ch == "\t":
                found.append((Position(number, col), say("keys.tab")))
                break
            if ch == "\u3000":
                found.append((Position(number, col), say("keys.wide_space")))
                break
        if any(ch in "\t\u3000" for ch in line[:lead]):
            continue
        body = line[lead:]
        code = _blank_quotes(body.split(" #", 1)[0])
        at = lead + 1  # the column of body[0]
        if m := _WIDE_DASH.match(code):
            found.append((Position(number, at), say("keys.wide_dash", mark=m[1])))
            continue
        if m := _QUOTED_KEY.match(code):
            found.append((Position(number, at + m.start(1)), say("keys.wide_quote", mark=m[1])))
            continue
        if m := _WIDE_COLON_KEY.match(code):
            found.append((Position(number, at + code.index("：", m.end(1))), say("keys.wide_colon", key=m[1])))
            continue
        if m := _NO_SPACE.match(code):
            rest = body[m.start(2) :].split(" #", 1)[0].strip()
            found.append((Position(number, at + m.end(1)), say("keys.no_space", key=m[1], rest=rest)))
            continue
        if m := _WIDE_BRACKET.search(code):
            found.append((Position(number, at + m.start(1)), say("keys.wide_bracket", mark=m[1])))
            continue
        starts = re.match(rf"^(?:-\s+)?(?:{KEY}\s*:\s+)?(?:-\s+)?[\[{{]", code)
        if starts:  # a list or mapping in brackets starts the value: its keys and separators
            flow = code[starts.end() - 1 :]
            start = at + len(code) - len(flow)
            for pattern, key in ((_FLOW_WIDE_COLON, "keys.wide_colon"), (_FLOW_NO_SPACE, "keys.no_space")):
                for m in pattern.finditer(flow):
                    if key == "keys.wide_colon":
                        col = start + flow.index("：", m.end(1))
                        found.append((Position(number, col), say(key, key=m[1])))
                    else:
                        col = start + m.end(1)
                        found.append((Position(number, col), say(key, key=m[1], rest=m[2].strip())))
            commas = _COMMA_BETWEEN_IDS if flow.startswith("[") else _COMMA_BEFORE_KEY
            for m in commas.finditer(flow):
                col = start + flow.index("，", m.start())
                found.append((Position(number, col), say("keys.wide_comma")))
    found.sort(key=lambda item: (item[0].line, item[0].col))
    return found


_KEY_LINE = re.compile(rf"^( *)(-\s+)?({KEY})\s*:(?:\s|$)")


def misindented(text: str, near: int) -> tuple[Position, Message] | None:
    """A key at most a few lines before line ``near`` (where YAML stopped) that is indented one space
    more or less than the key before it, or None."""
    previous: tuple[int, str] | None = None
    candidate: tuple[Position, Message] | None = None
    for number, line in _lines(text, continuations=True):
        if number > near:
            break
        m = _KEY_LINE.match(line)
        if not m:
            continue
        col = len(m[1]) + len(m[2] or "") + 1
        if previous is not None and abs(col - previous[0]) == 1 and near - number <= 3:
            message = say("keys.indent", key=m[3], col=col, other=previous[1], other_col=previous[0])
            candidate = (Position(number, col), message)
        previous = (col, m[3])
    return candidate
