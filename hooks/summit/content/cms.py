"""The editing page's configuration (Decap CMS, ``docs/admin/config.yml``), made from the models as the JSON
Schemas and the field reference are: a collection for every content file, every field with its name in
Chinese and English (``strings/fields.yml``) and what it holds (``schema.ZH`` and the field's docstring)
as its hint, required or not, a widget by its type (dates, times, a zone picker, choices, relations to
stations, partners, projects and people by id, ``{zh, en}`` texts as a pair of fields, Markdown, images
into ``content/images/``), an event's rooms and sessions as nested lists. ``make schema`` writes it; a
test fails when it is stale or cannot hold a content file. The build writes the built content's own
(``build/editor.py``), with the deployment's repository and sign-in.

The editorial workflow (a branch and a pull request per change) is on; ``local_backend`` lets Decap's
local proxy (``decap-server``) serve a checkout for previews and tests. The repository is a placeholder
here; the build puts in the one ``SUMMIT_CMS_REPO`` names.
"""

from __future__ import annotations

import types
import typing
import zoneinfo
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel

from ..errors import wording
from .kinds import KINDS
from .models import Site
from .schema import ZH

__all__ = ["CONFIG", "RELATIONS", "config", "render", "write_config"]

CONFIG = Path("admin") / "config.yml"
"""Where the configuration is, under the docs folder (served at /admin/config.yml)."""
REPO = "OWNER/REPOSITORY"
LOCAL_PROXY = "http://127.0.0.1:8081/api/v1"
"""Decap's local proxy (``decap-server``, its default port), for a preview of a checkout and the tests."""
FORMAT = "summit-yaml"  # docs/admin/format.js: a save keeps the file's schema line, comments and order
HEAD = "# Made from the models by `make schema` (summit/content/cms.py): do not edit by hand.\n"
COMMITS = {  # each save is a commit on its pull request's branch: named as an editor would name it
    "create": "{{path}}：新增 / Create “{{slug}}” (editing page)",
    "update": "{{path}}：修改 / Edit (editing page)",
    "delete": "{{path}}：删除 / Delete (editing page)",
    "uploadMedia": "{{path}}：上传图片 / Upload image (editing page)",
    "deleteMedia": "{{path}}：删除图片 / Delete image (editing page)",
}
RELATIONS = {
    ("Event", "stations"): ("stations", "station"),
    ("Event", "partners"): ("partners", "partner"),
    ("Event", "projects"): ("projects", "project"),
    ("Project", "station"): ("stations", "station"),
    ("Session", "speakers"): ("people", "person"),
    ("Session", "moderators"): ("people", "person"),
}
"""Fields that name records of another file by id: (the model, the field) -> (the collection, its kind)."""
INDUSTRIES = {("Event", "industries"), ("Project", "industries")}
"""Fields that name the site's industries by id."""
TEXTS = {"Text": "text", "Line": "string", "Name": "string", "Markdown": "markdown"}
"""The two-language texts: the widget of each language's field."""
IMAGES = {"Picture", "Photo"}
ZONES = sorted(zoneinfo.available_timezones())
"""The zone picker's choices (the pinned tzdata's); one list, written once (YAML refers to it again)."""


def _label(name: str) -> str:
    entry = wording("fields").get(name)
    return f"{entry['zh']} / {entry['en']}" if entry else name


def _hint(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    english = " ".join((info.description or "").split())
    chinese = ZH.get(f"{model.__name__}.{name}") or ZH.get(name, "")
    english = english.split(chinese)[0].strip() if chinese and chinese in english else english
    return " · ".join(part for part in (chinese, english) if part)


def _validator(annotation: Any) -> str:
    for extra in typing.get_args(annotation)[1:]:
        name = getattr(getattr(extra, "func", None), "__name__", "")
        if name:
            return name
    return ""


def _widget(model: type[BaseModel], name: str, annotation: Any) -> dict[str, Any]:
    """The widget (and its settings) of a field of ``annotation``."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base = typing.get_args(annotation)[0]
        check = _validator(annotation)
        if check == "_date":
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
        if check == "_time_of_day":
            return {"widget": "datetime", "format": "HH:mm", "date_format": False, "time_format": "HH:mm"}
        if check == "_zone":
            return {"widget": "select", "options": ZONES}
        if check == "_colour":
            return {"widget": "color"}
        if check == "_year":
            return {"widget": "number", "value_type": "int"}
        if check == "_event_date":
            return {"widget": "string", "pattern": [r"^\d{4}-\d{2}(-\d{2})?$", "YYYY-MM-DD / YYYY-MM"]}
        return _widget(model, name, base)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _widget(model, name, options[0])
    if origin is Literal:
        return {"widget": "select", "options": list(typing.get_args(annotation))}
    if origin is list:
        (item,) = typing.get_args(annotation)
        if (model.__name__, name) in RELATIONS:
            collection, _ = RELATIONS[model.__name__, name]
            return _relation(collection, multiple=True)
        if (model.__name__, name) in INDUSTRIES:
            return _industries()
        if isinstance(item, type) and issubclass(item, BaseModel) and item.__name__ not in TEXTS:
            made = {"widget": "list", "fields": fields(item)}
            title = next((t for t in ("title", "name") if t in item.model_fields), None)
            if "id" in item.model_fields and title:  # a closed room or session: its id and name
                made["summary"] = _summary(title)
            return made
        inner = _widget(model, name, item)
        if inner["widget"] == "object":  # texts in both languages
            return {"widget": "list", "fields": inner["fields"]}
        return {"widget": "list", "field": {"name": "item", "label": _label(name), **inner}}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        kind = annotation.__name__
        if kind in TEXTS:
            required = {"zh": True, "en": kind != "Name"}
            pair = [
                {"name": lang, "label": _label(lang), "widget": TEXTS[kind], "required": required[lang]}
                for lang in ("zh", "en")
            ]
            if kind == "Markdown":  # Markdown as written (a labelled text box), not the rich-text editor
                for field in pair:
                    field |= {"modes": ["raw"], "buttons": [], "editor_components": []}
            return {"widget": "object", "collapsed": False, "summary": "{{fields.zh}}", "fields": pair}
        return {"widget": "object", "fields": fields(annotation)}
    if (model.__name__, name) in RELATIONS:
        return _relation(RELATIONS[model.__name__, name][0], multiple=False)
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return {"widget": "number", "value_type": "int"}
    if name == "path" and model.__name__ in IMAGES:
        return {"widget": "image", "choose_url": False}
    return {"widget": "string"}


def _relation(collection: str, multiple: bool) -> dict[str, Any]:
    kind = next(k for k in KINDS if k.key == collection)
    return {
        "widget": "relation",
        "collection": collection,
        "file": collection,
        "value_field": f"{collection}.*.id",
        "search_fields": [f"{collection}.*.id", f"{collection}.*.{kind.title}.zh", f"{collection}.*.{kind.title}.en"],
        "display_fields": [f"{collection}.*.{kind.title}.zh"],
        "multiple": multiple,
    }


def _industries() -> dict[str, Any]:
    return {
        "widget": "relation",
        "collection": "site",
        "file": "site",
        "value_field": "industries.*.id",
        "search_fields": ["industries.*.id", "industries.*.name.zh", "industries.*.name.en"],
        "display_fields": ["industries.*.name.zh"],
        "multiple": True,
    }


def fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The form's fields of ``model``, in its order."""
    hints = typing.get_type_hints(model, include_extras=True)
    made = []
    for name, info in model.model_fields.items():
        field = {"name": name, "label": _label(name), **_widget(model, name, hints[name])}
        field["required"] = info.is_required()
        if not field["required"]:
            _loosen(field)
        hint = _hint(model, name)
        if hint:
            field["hint"] = hint
        made.append(field)
    return made


def _summary(title: str) -> str:
    """How a list shows a closed record: its id and its Chinese name (``tokyo · 东京工作站``)."""
    return f"{{{{fields.id}}}} · {{{{fields.{title}.zh}}}}"


def _loosen(field: dict[str, Any]) -> None:
    """An optional object's own fields are not required of the form: Decap checks them even when the
    object is left out (a station without a description). ``make check`` still asks for both languages
    of a text that is given."""
    for sub in field.get("fields", []) if field.get("widget") == "object" else []:
        sub["required"] = False
        _loosen(sub)


def _collection(name: str, label: str, files: list[tuple[str, str, list[dict[str, Any]]]]) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "editor": {"preview": False},
        "format": FORMAT,
        "publish": False,  # publishing is a merge on GitHub once the checks pass (branch protection)
        "files": [{"name": key, "label": title, "file": path, "fields": made} for key, title, path, made in files],
    }


def config(content: Path) -> dict[str, Any]:
    """The configuration for the content folder ``content`` (its events' year files as they are)."""
    collections = [_collection("site", _label("model.Site"), [("site", "site.yml", "content/site.yml", fields(Site))])]
    for kind in KINDS:
        item = {"name": kind.key, "label": _label(f"model.{kind.model.__name__}"), "widget": "list"}
        item["summary"] = _summary(kind.title)
        item["fields"] = fields(kind.model)
        if kind.one_file:
            file = f"content/{kind.file}"
            collections.append(
                _collection(kind.key, _label(f"model.{kind.model.__name__}"), [(kind.key, kind.file, file, [item])])
            )
            continue
        folder = kind.file.split("<")[0]
        years = sorted(p.stem for p in (content / folder).glob("*.yml") if p.stem.isdigit())
        if years:  # and the year after the last: its file is made by the first event saved in it
            years.append(str(int(years[-1]) + 1))
        made = [(f"{kind.key}-{year}", year, f"content/{folder}{year}.yml", [item]) for year in years]
        collections.append(_collection(kind.key, _label(f"model.{kind.model.__name__}"), made))
    return {
        "backend": {"name": "github", "repo": REPO, "branch": "main", "commit_messages": COMMITS},
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": LOCAL_PROXY},
        "locale": "zh_Hans",
        "media_folder": "content/images",
        "public_folder": "images",
        "collections": collections,
    }


def render(made: dict[str, Any]) -> str:
    """A configuration as its file: the note that it is made, then YAML."""
    return HEAD + yaml.safe_dump(made, allow_unicode=True, sort_keys=False, width=120)


def write_config(docs: Path, content: Path) -> Path:
    """Write the configuration under ``docs`` (``CONFIG``)."""
    target = docs / CONFIG
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(config(content)), encoding="utf-8")
    return target
