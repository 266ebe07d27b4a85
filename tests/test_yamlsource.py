from __future__ import annotations

from pathlib import Path

from summit.yamlsource import read_yaml


def read(tmp_path: Path, text: str):
    file = tmp_path / "x.yml"
    file.write_text(text, encoding="utf-8")
    return read_yaml(file, "x.yml")


def test_scalars_stay_text(tmp_path: Path) -> None:
    doc, errors = read(tmp_path, "a: 10:30\nb: no\nc: on\nd: 2020-04-15\ne: 0o17\nf: 1e3\ng: yes\n")
    assert errors == []
    assert doc.data == {
        "a": "10:30",
        "b": "no",
        "c": "on",
        "d": "2020-04-15",
        "e": "0o17",
        "f": "1e3",
        "g": "yes",
    }


def test_empty_and_null_become_none_but_quoted_stay_text(tmp_path: Path) -> None:
    doc, _ = read(tmp_path, "a:\nb: ~\nc: null\nd: 'null'\ne: ''\n")
    assert doc.data == {"a": None, "b": None, "c": None, "d": "null", "e": ""}


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    doc, _ = read(tmp_path, "items:\n  - id: x\n    name: {zh: 甲, en: A}\n")
    assert doc.position(("items", 0, "name", "en")).line == 3
    assert doc.position(("items", 0, "name", "en")).col == 23
    assert doc.position(("items", 0, "name"), key=True).col == 5
    # a missing field points at the nearest written ancestor
    assert doc.position(("items", 0, "missing")) == doc.position(("items", 0))


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [str(e) for e in errors] == ["x.yml:3:1: a: duplicate key 'a' (first written at line 1)"]


def test_alias_is_refused(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "a: &x [1]\nb: *x\n")
    assert [str(e) for e in errors] == ["x.yml:2:1: b: aliases (*name) are not supported; write the value out"]


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    doc, errors = read(tmp_path, "a: [1, 2\nb: 3\n")
    assert doc is None
    assert [str(e) for e in errors] == ["x.yml:2:2: (file): YAML syntax error: did not find expected ',' or ']'"]
