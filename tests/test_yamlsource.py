from __future__ import annotations

import os
from pathlib import Path

import pytest

from summit.content import yamlsource
from summit.content.yamlsource import read_files, read_yaml


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
    assert [str(e) for e in errors] == ["x.yml:3:1: error: a: duplicate key 'a' (first written at line 1)"]


def test_alias_is_refused(tmp_path: Path) -> None:
    _, errors = read(tmp_path, "a: &x [1]\nb: *x\n")
    assert [str(e) for e in errors] == ["x.yml:2:1: error: b: aliases (*name) are not supported; write the value out"]


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    doc, errors = read(tmp_path, "a: [1, 2\nb: 3\n")
    assert doc is None
    assert [str(e) for e in errors] == ["x.yml:2:2: error: YAML syntax error: did not find expected ',' or ']'"]


def _files(tmp_path: Path) -> list[tuple[Path, str]]:
    """Four files of different sizes, one with a mistake."""
    files = []
    for n, size in enumerate((400, 30, 250, 90)):
        file = tmp_path / f"f{n}.yml"
        items = "".join(f"  - id: r{i}\n    name: {{zh: 名{i}, en: Name {i}}}\n" for i in range(size))
        file.write_text(f"items:\n{items}" + ("a: 1\na: 2\n" if n == 1 else ""), encoding="utf-8")
        files.append((file, file.name))
    return files


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="on one core the content is read in one process")
def test_large_content_is_read_by_two_processes_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path)
    alone = read_files(files)
    real = yamlsource.read_yaml

    def marked(file: Path, shown: str):
        doc, errors = real(file, shown)
        doc.reader = os.getpid()  # handed back with the document (pickled)
        return doc, errors

    monkeypatch.setattr(yamlsource, "read_yaml", marked)
    monkeypatch.setattr(yamlsource, "SHARED_BYTES", 0)  # as if the content were large
    shared = read_files(files, share=True)
    assert len({doc.reader for doc, _ in shared.values()}) == 2  # this process and a helper, in parts
    assert {f: (d.data, e) for f, (d, e) in shared.items()} == {f: (d.data, e) for f, (d, e) in alone.items()}
    doc, errors = shared[tmp_path / "f1.yml"]
    assert [str(e) for e in errors] == ["f1.yml:63:1: error: a: duplicate key 'a' (first written at line 62)"]
    assert doc.position(("items", 2, "name", "en")).line == 7  # positions still found when asked for


def test_a_failing_helper_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files(tmp_path)
    parent = os.getpid()
    real = yamlsource.read_yaml

    def broken_elsewhere(file: Path, shown: str):
        if os.getpid() != parent:
            raise MemoryError  # the helper dies
        return real(file, shown)

    monkeypatch.setattr(yamlsource, "read_yaml", broken_elsewhere)
    monkeypatch.setattr(yamlsource, "SHARED_BYTES", 0)
    shared = read_files(files, share=True)
    assert sorted(shared) == sorted(file for file, _ in files)
    assert shared[tmp_path / "f0.yml"][0].data["items"][399]["id"] == "r399"
