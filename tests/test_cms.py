"""The editing page's forms (Decap CMS's ``docs/admin/config.yml``) agree with the models and the content:
made from the models, not stale, able to hold every field of every content file, each field named in
both languages, relations pointing at collections that hold those ids."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

CONFIG = ROOT / "docs" / "admin" / "config.yml"


def collections() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return {c["name"]: c for c in data["collections"]}


def test_the_forms_are_made_from_the_models_and_not_stale() -> None:
    from summit.content.cms import config

    written = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    # which years have events is content, not the models (the build makes the forms of what it builds)
    assert fields_of(written) == fields_of(config(ROOT / "content")), "the forms are stale: run `make schema`"


def fields_of(made: dict[str, Any]) -> dict[str, Any]:
    """The forms with each collection's files reduced to their fields (one list for the events' years)."""
    return {
        **made,
        "collections": [{**c, "files": [{"fields": f["fields"]} for f in c["files"]][:1]} for c in made["collections"]],
    }


def test_the_events_forms_are_each_years_file_and_the_next() -> None:
    from summit.content.cms import config

    events = {c["name"]: c for c in config(ROOT / "tests" / "fixtures" / "content")["collections"]}["events"]
    assert [(f["label"], f["file"]) for f in events["files"]] == [
        ("2024", "content/events/2024.yml"),
        ("2030", "content/events/2030.yml"),
        ("2031", "content/events/2031.yml"),
    ]


def _holds(fields: list[dict[str, Any]], data: Any, where: str, found: list[str]) -> None:
    """Every key of ``data`` has a field in ``fields`` of a widget that can hold its value."""
    by_name = {f["name"]: f for f in fields}
    if not isinstance(data, dict):
        found.append(f"{where}: not a mapping")
        return
    for key, value in data.items():
        field = by_name.get(key)
        if field is None:
            found.append(f"{where}.{key}: no field")
            continue
        _value(field, value, f"{where}.{key}", found)


def _value(field: dict[str, Any], value: Any, where: str, found: list[str]) -> None:
    widget = field["widget"]
    if widget == "object":
        _holds(field["fields"], value, where, found)
    elif widget == "list" and "fields" in field:
        for index, item in enumerate(value or []):
            _holds(field["fields"], item, f"{where}[{index}]", found)
    elif widget == "list":
        for index, item in enumerate(value or []):
            _value(field["field"], item, f"{where}[{index}]", found)
    elif widget == "relation":
        if not isinstance(value, list if field["multiple"] else str):
            found.append(f"{where}: {value!r} for a relation")
    elif widget == "select":
        if str(value) not in [str(o) for o in field["options"]]:
            found.append(f"{where}: {value!r} is not a choice")
    elif widget in ("string", "text", "markdown", "datetime", "color", "image"):
        if not isinstance(value, str | int | float):
            found.append(f"{where}: {value!r} for {widget}")
    elif widget == "boolean" and value not in ("true", "false"):  # (read as written)
        found.append(f"{where}: {value!r} for a boolean")


@pytest.mark.parametrize("content", [ROOT / "content", ROOT / "tests" / "fixtures" / "content"])
def test_the_forms_hold_every_field_of_every_content_file(content: Path) -> None:
    from summit.content.cms import config

    found: list[str] = []
    for collection in config(content)["collections"]:
        for entry in collection["files"]:
            path = content / entry["file"].removeprefix("content/")
            if not path.is_file():  # an optional file not made yet (people.yml): the form makes it
                continue
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # texts as written
            _holds(entry["fields"], data, entry["file"], found)
    assert found == []


def test_every_field_is_named_in_both_languages_with_a_hint() -> None:
    unnamed: list[str] = []

    def walk(fields: list[dict[str, Any]], where: str) -> None:
        for field in fields:
            place = f"{where}.{field['name']}"
            if " / " not in field["label"]:
                unnamed.append(place)
            walk(field.get("fields", []), place)
            if "field" in field:
                walk([field["field"]], place)

    for collection in collections().values():
        assert " / " in collection["label"], collection["name"]
        for entry in collection["files"]:
            walk(entry["fields"], entry["file"])
    assert unnamed == []


def test_relations_point_at_the_records_they_name() -> None:
    found = collections()
    relations: list[dict[str, Any]] = []

    def walk(fields: list[dict[str, Any]]) -> None:
        for field in fields:
            if field["widget"] == "relation":
                relations.append(field)
            walk(field.get("fields", []))

    for collection in found.values():
        for entry in collection["files"]:
            walk(entry["fields"])
    targets = {(r["collection"], r["value_field"]) for r in relations}
    assert targets == {
        ("stations", "stations.*.id"),
        ("partners", "partners.*.id"),
        ("projects", "projects.*.id"),
        ("people", "people.*.id"),
        ("site", "industries.*.id"),
    }
    for relation in relations:
        (entry,) = [f for f in found[relation["collection"]]["files"] if f["name"] == relation["file"]]
        list_name = relation["value_field"].split(".")[0]
        assert list_name in {f["name"] for f in entry["fields"]}


def test_an_events_programme_is_nested_lists_with_typed_fields() -> None:
    (events,) = [f for f in collections()["events"]["files"] if f["file"] == "content/events/2020.yml"]
    event = {f["name"]: f for f in events["fields"][0]["fields"]}
    session = {f["name"]: f for f in event["sessions"]["fields"]}
    assert event["rooms"]["widget"] == "list" and session["speakers"]["collection"] == "people"
    assert session["start"]["widget"] == "datetime" and session["start"]["format"] == "HH:mm"
    assert session["language"]["options"] == ["zh", "en", "zh-en"] and not session["language"]["required"]
    assert event["timezone"]["widget"] == "select" and "Asia/Shanghai" in event["timezone"]["options"]
    assert event["body"]["fields"][0]["widget"] == "markdown" and event["title"]["fields"][1]["widget"] == "string"
    assert event["photos"]["fields"][0] == {**event["photos"]["fields"][0], "name": "path", "widget": "image"}


def test_the_forms_hold_a_programme_with_its_people(content_copy: Path) -> None:
    from summit.content.cms import config
    from test_programme import with_summit_week

    with_summit_week(content_copy)
    found: list[str] = []
    for collection in config(content_copy)["collections"]:
        for entry in collection["files"]:
            path = content_copy / entry["file"].removeprefix("content/")
            if not path.exists():  # the next year's events: made by its first event
                continue
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            _holds(entry["fields"], data, entry["file"], found)
    assert found == []
    # and a field the models do not know is found
    _holds(collections()["stations"]["files"][0]["fields"], {"stations": [{"id": "x", "fax": "1"}]}, "s", found)
    assert found == ["s.stations[0].fax: no field"]


# --- The deployment's repository and sign-in (summit/build/editor.py) --------------------------------


def test_the_deployment_names_its_repository_and_sign_in(tmp_path: Path) -> None:
    from summit.build.editor import backend, install_editor

    assert backend({}) is None  # the forms keep config.yml's (only the local proxy serves them)
    assert backend({"SUMMIT_CMS_REPO": "chinaocs/site"}) == {
        "name": "github",
        "repo": "chinaocs/site",
        "branch": "main",
    }
    relay = {"SUMMIT_CMS_REPO": "chinaocs/site", "SUMMIT_CMS_AUTH_URL": "https://auth.example.org/"}
    assert backend(relay) == {
        "name": "github",
        "repo": "chinaocs/site",
        "branch": "main",
        "base_url": "https://auth.example.org",
        "auth_endpoint": "auth",
    }
    forgejo = {
        "SUMMIT_CMS_REPO": "summit/site",
        "SUMMIT_CMS_BACKEND": "forgejo",
        "SUMMIT_CMS_API_ROOT": "https://git.example.cn/api/v1",
        "SUMMIT_CMS_APP_ID": "1f0c",
    }
    assert backend(forgejo) == {
        "name": "forgejo",
        "repo": "summit/site",
        "branch": "main",
        "api_root": "https://git.example.cn/api/v1",
        "app_id": "1f0c",
    }
    # the built forms carry it, and keep everything else (the commit messages, the local proxy)
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    (site / "admin" / "config.yml").write_text((ROOT / "docs" / "admin" / "config.yml").read_text("utf-8"), "utf-8")
    install_editor(tmp_path / "no-node-modules", site, env=forgejo)
    text = (site / "admin" / "config.yml").read_text(encoding="utf-8")
    assert text.startswith("# Made from the models")
    made = yaml.safe_load(text)
    original = yaml.safe_load((ROOT / "docs" / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert made["backend"] == {**backend(forgejo), "commit_messages": original["backend"]["commit_messages"]}
    assert {k: v for k, v in made.items() if k != "backend"} == {k: v for k, v in original.items() if k != "backend"}


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"SUMMIT_CMS_REPO": "chinaocs"}, "SUMMIT_CMS_REPO='chinaocs': write the repository as owner/name"),
        ({"SUMMIT_CMS_REPO": "a/b", "SUMMIT_CMS_BACKEND": "gitlab"}, "SUMMIT_CMS_BACKEND='gitlab': github or forgejo"),
        ({"SUMMIT_CMS_REPO": "a/b", "SUMMIT_CMS_AUTH_URL": "http://auth.example.org"}, "an https:// address"),
        (
            {"SUMMIT_CMS_REPO": "a/b", "SUMMIT_CMS_BACKEND": "forgejo", "SUMMIT_CMS_APP_ID": "x"},
            "https://<host>/api/v1",
        ),
        (
            {"SUMMIT_CMS_REPO": "a/b", "SUMMIT_CMS_BACKEND": "forgejo", "SUMMIT_CMS_API_ROOT": "https://g.cn/api/v1"},
            "SUMMIT_CMS_APP_ID",
        ),
    ],
)
def test_a_wrong_setting_is_named(settings: dict[str, str], named: str) -> None:
    from summit.build.editor import EditorSettingsError, backend

    with pytest.raises(EditorSettingsError, match=re.escape(named)):
        backend(settings)
