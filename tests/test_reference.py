"""The field reference in CONTRIBUTING is made from the models, in Chinese and English: every field of
every kind and of what it holds, with its name, type, whether it is required and what it holds."""

from __future__ import annotations

import re

from pydantic import BaseModel

from summit.content import models
from summit.content.reference import END, START, reference
from summit.content.schema import ZH, schemas
from test_messages import _fields

from conftest import ROOT

CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    for name in dir(models):
        thing = getattr(models, name)
        if isinstance(thing, type) and issubclass(thing, models.Record) and thing not in (models.Record,):
            found.append(thing)
    return found


def test_the_reference_in_contributing_is_the_one_the_models_make() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for lang in ("zh", "en"):
        written = text.split(START.format(lang=lang), 1)[1].split(END.format(lang=lang), 1)[0]
        assert written.strip() == reference(lang).strip(), f"stale: run make schema ({lang})"


def test_every_field_is_in_the_reference_with_words_in_both_languages() -> None:
    names = set()
    for kind in ("Site", "Station", "Partner", "Project", "Person", "Event"):
        names |= _fields(getattr(models, kind), set())
    for lang in ("zh", "en"):
        listed = set(re.findall(r"^\| `([a-z_]+)` \|", reference(lang), re.M))
        told = {"zh", "en", "month"}  # the parts of a text or of a date: told by its type
        assert names - told <= listed, sorted(names - told - listed)
    assert not names - set(ZH), sorted(names - set(ZH))  # a Chinese description for every field
    for model in _models():
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no docstring"
    rows = [line for line in reference("zh").splitlines() if line.startswith("| `")]
    assert all(line.split(" | ")[4].strip(" |") for line in rows), "a field without its Chinese description"
    headings = re.findall(r"^#### (\S+?)（", reference("zh"), re.M)
    assert headings and all(not h.isascii() for h in headings)  # every part named in Chinese


def test_the_json_schemas_speak_chinese_too() -> None:
    events = schemas()["events.schema.json"]
    assert "状态：scheduled 计划中" in events and "举办情况未公布" in events
