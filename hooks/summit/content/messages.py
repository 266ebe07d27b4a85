"""How pydantic's validation errors read to an editor: one plain sentence each, in either language
(``errors.Message``), with the value meant when the editor wrote a near one."""

from __future__ import annotations

import difflib
from typing import Any

from ..errors import Message, choices, say
from .suggest import Names, hint

LANGUAGE_KEYS = ("zh", "en")
CHOICE_NAMES = ("kind.", "session.", "format.", "partners.", "status.", "label.", "figure.", "spoken.")
"""Where the site's phrases name a choice (``strings/<lang>.yml``): ``论坛`` finds ``forum``."""


def describe(value: Any) -> Message:
    """A short name for what the editor wrote."""
    if value is None:
        return say("got.nothing")
    if isinstance(value, dict):
        return say("got.mapping")
    if isinstance(value, list):
        return say("got.list")
    text = str(value)
    return say("got.value", value=f"{text[:60]}…" if len(text) > 60 else text)


def _choice_names(values: list[str]) -> dict[str, Names]:
    from ..i18n import catalogue

    zh, en = catalogue("zh"), catalogue("en")
    found: dict[str, Names] = {}
    for value in values:
        key = next((prefix + value for prefix in CHOICE_NAMES if prefix + value in zh), None)
        found[value] = (zh[key], en.get(key)) if key else (None, None)
    return found


def message(error: dict[str, Any], siblings: list[str]) -> Message:
    """The sentence for one pydantic error; ``siblings`` are the valid field names beside it."""
    kind = error["type"]
    loc = error["loc"]
    last = loc[-1] if loc else ""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        if last in LANGUAGE_KEYS:
            return say("field.missing_language", language=say(f"language.{last}"))
        return say("field.missing")
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(last), siblings, n=1)
        return say(
            "content.with_hint",
            message=say("field.unknown", name=last),
            hint=say("field.did_you_mean", name=close[0]) if close else "",
        )
    if kind == "value_error":
        raised = ctx.get("error")
        if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Message):
            return raised.args[0]
        return say("field.invalid", problem=str(raised or error["msg"]), got=describe(value))
    if kind in ("literal_error", "enum"):
        expected = [v.strip().strip("'") for v in ctx.get("expected", "").replace(" or ", ", ").split(",")]
        expected = [v for v in expected if v]
        found = say("field.must_be_one_of", choices=choices(expected), got=describe(value))
        meant = hint(str(value), _choice_names(expected)) if isinstance(value, str) else ""
        return say("content.with_hint", message=found, hint=meant)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if siblings == ["zh", "en"]:
            return say("field.pair_expected", got=describe(value))
        return say("field.mapping_expected", got=describe(value))
    if kind == "list_type":
        return say("field.list_expected", got=describe(value))
    if kind in ("string_type", "string_too_short"):
        if value is None or value == "":
            return say("field.empty")
        return say("field.text_expected", got=describe(value))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return say("field.number_expected", got=describe(value))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        key = {
            "greater_than_equal": "field.at_least",
            "less_than_equal": "field.at_most",
            "greater_than": "field.more_than",
            "less_than": "field.less_than",
        }[kind]
        return say(key, bound=bound, got=describe(value))
    return say("field.invalid", problem=error["msg"], got=describe(value))
