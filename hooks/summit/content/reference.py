"""The field reference of CONTRIBUTING, in Chinese and English, made from the models: every field of every
kind and of what it holds (a session, a room, a photo...), its name as an editor calls it
(``strings/fields.yml``), its type, whether it is required, its allowed values, and what it holds (the
Chinese of ``schema.ZH``, the English of the field's docstring, as the JSON Schemas say). ``make schema``
writes it between the markers of CONTRIBUTING; a test fails when it is stale or a field lacks a word."""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel

from ..errors import wording
from . import models
from .kinds import KINDS
from .schema import ZH

__all__ = ["END", "START", "reference", "write_reference"]

START = "<!-- fields:{lang}:start (make schema writes this part) -->"
END = "<!-- fields:{lang}:end -->"
VALIDATED = {
    "_slug": ("编号（小写字母、数字、连字符）", "id (lowercase letters, digits, hyphens)"),
    "_url": ("网址（http(s):// 或 mailto:）", "address (http(s):// or mailto:)"),
    "_zone": ("IANA 时区", "IANA time zone"),
    "_year": ("年份（四位数字）", "year (four digits)"),
    "_time_of_day": ("时刻 HH:MM", "time HH:MM"),
    "_event_date": ("日期 YYYY-MM-DD 或月份 YYYY-MM", "date YYYY-MM-DD or month YYYY-MM"),
    "_date": ("日期 YYYY-MM-DD", "date YYYY-MM-DD"),
    "_colour": ("颜色 #RRGGBB", "colour #RRGGBB"),
    "_one_line": ("一行文本", "one line of text"),
}
TEXTS = {
    "Text": ("中英文 {zh, en}", "both languages {zh, en}"),
    "Line": ("中英文，各一行", "both languages, one line each"),
    "Name": ("中英文名称（英文可省略）", "name in both languages (English optional)"),
    "Markdown": ("中英文，Markdown", "both languages, Markdown"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def _model_name(model: type[BaseModel], lang: str) -> str:
    entry = wording("fields").get(f"model.{model.__name__}")
    return entry[lang] if entry else model.__name__


def _type(annotation: Any, lang: str, nested: list[type[BaseModel]]) -> str:
    """What a field holds, in words; models met are added to ``nested``."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *extras = typing.get_args(annotation)
        for extra in extras:
            func = getattr(getattr(extra, "func", None), "__name__", "")
            if func in VALIDATED:
                return _pick(VALIDATED[func], lang)
        return _type(base, lang, nested)
    if origin in (typing.Union, types.UnionType):
        return " / ".join(_type(a, lang, nested) for a in typing.get_args(annotation) if a is not type(None))
    if origin is list:
        (item,) = typing.get_args(annotation)
        inner = _type(item, lang, nested)
        if isinstance(item, type) and issubclass(item, BaseModel) and item.__name__ not in TEXTS:
            name = _model_name(item, lang)
            return f"列表，每项见「{name}」" if lang == "zh" else f"list; each item: see “{name}”"
        return f"{inner}的列表" if lang == "zh" else f"list of {inner}"
    if origin is Literal:
        return ("以下之一：" if lang == "zh" else "one of: ") + ", ".join(f"`{v}`" for v in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation.__name__ in TEXTS:
            return _pick(TEXTS[annotation.__name__], lang)
        if annotation not in nested:
            nested.append(annotation)
        name = _model_name(annotation, lang)
        return f"见「{name}」" if lang == "zh" else f"see “{name}”"
    return {bool: ("true 或 false", "true or false"), int: ("整数", "whole number"), str: ("文本", "text")}.get(
        annotation, (str(annotation), str(annotation))
    )[0 if lang == "zh" else 1]


def _label(name: str, lang: str) -> str:
    entry = wording("fields").get(name)
    return entry[lang] if entry else name


def _table(model: type[BaseModel], lang: str, nested: list[type[BaseModel]]) -> list[str]:
    head = ("| 字段 | 名称 | 类型 | 必填 | 说明 |", "| field | name | type | required | what it holds |")
    rows = [_pick(head, lang), "|---|---|---|---|---|"]
    hints = typing.get_type_hints(model, include_extras=True)
    for name, info in model.model_fields.items():
        kind = _type(hints[name], lang, nested).replace("|", "\\|")
        required = ("是", "yes") if info.is_required() else ("", "")
        if lang == "zh":
            what = ZH.get(f"{model.__name__}.{name}") or ZH.get(name, "")
        else:  # (a docstring may end in Chinese)
            what = re.sub(r"\s*[\u3000-\u9fff].*$", "", re.sub(r"\s+", " ", info.description or ""))
        cells = [f"`{name}`", _label(name, lang), kind, _pick(required, lang), what.replace("|", "/")]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def reference(lang: str) -> str:
    """The reference in ``lang``: a table per kind of record and per thing a field holds, in file order."""
    files = [("site.yml", models.Site)] + [(kind.file, kind.model) for kind in KINDS]
    lines: list[str] = []
    done: set[type[BaseModel]] = set()
    for file, model in files:
        queue = [model]
        while queue:
            current = queue.pop(0)
            if current in done:
                continue
            done.add(current)
            nested: list[type[BaseModel]] = []
            where = f"`content/{file}`" if current is model else _model_name(model, lang)
            title = _model_name(current, lang)
            heading = f"#### {title}（{where}）" if lang == "zh" else f"#### {title} ({where})"
            lines += [heading, "", *_table(current, lang, nested), ""]
            queue += [n for n in nested if n not in done]
    return "\n".join(lines).rstrip() + "\n"


def write_reference(contributing: Path) -> bool:
    """Put both references between their markers in ``contributing``; True if it changed."""
    text = contributing.read_text(encoding="utf-8")
    new = text
    for lang in ("zh", "en"):
        start, end = START.format(lang=lang), END.format(lang=lang)
        if start not in new or end not in new:
            raise ValueError(f"{contributing.name} lacks the markers {start} ... {end}")
        before, rest = new.split(start, 1)
        _, after = rest.split(end, 1)
        new = f"{before}{start}\n\n{reference(lang)}\n{end}{after}"
    if new != text:
        contributing.write_text(new, encoding="utf-8")
    return new != text
