"""How pydantic's validation errors read to an editor: one plain sentence each."""

from __future__ import annotations

import difflib
from typing import Any

LANGUAGE_NAMES = {"zh": "Chinese (zh)", "en": "English (en)"}


def describe(value: Any) -> str:
    """A short name for what the editor wrote."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def message(error: dict[str, Any], siblings: list[str]) -> str:
    """The sentence for one pydantic error; ``siblings`` are the valid field names beside it."""
    kind = error["type"]
    loc = error["loc"]
    last = loc[-1] if loc else ""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        if last in LANGUAGE_NAMES:
            return f"missing {LANGUAGE_NAMES[last]} translation"
        return "required field is missing"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(last), siblings, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown field '{last}'{hint}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "").replace("'", "")
        return f"must be one of {expected} (got {describe(value)})"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if siblings == ["zh", "en"]:
            return f"expected a translation in both languages {{zh: ..., en: ...}}, got {describe(value)}"
        return f"expected a mapping of fields, got {describe(value)}"
    if kind == "list_type":
        return f"expected a list, got {describe(value)}"
    if kind in ("string_type", "string_too_short"):
        if value is None or value == "":
            return "must not be empty"
        return f"expected text, got {describe(value)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {describe(value)}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        word = {
            "greater_than_equal": "at least",
            "less_than_equal": "at most",
            "greater_than": "more than",
            "less_than": "less than",
        }[kind]
        return f"must be {word} {bound} (got {describe(value)})"
    return f"{error['msg']} (got {describe(value)})"
