"""Each template's ``Context:`` header says what it uses, and it is handed only that (``pages.context_of``):
the names a template reads are declared, every declared name is read, and every one is provided."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment, meta

from summit.content.loader import load_content
from summit.outputs.pages import MACROS, TEMPLATES, Renderer, context_of, declared_context, page_specs
from summit.schedule.site import Site
from test_programme import with_programme

from conftest import BASE_URL, NOW

SOURCES = {path.name: path.read_text(encoding="utf-8") for path in sorted(TEMPLATES.glob("*.j2"))}


def used(source: str) -> set[str]:
    """The names a template reads from its context (not those it sets itself)."""
    names = meta.find_undeclared_variables(Environment().parse(source))
    assigned = {
        n for group in re.findall(r"\{%-?\s*set\s+([A-Za-z_, ]+?)\s*=", source) for n in re.findall(r"\w+", group)
    }
    return set(names) - assigned


def test_the_header_is_read() -> None:
    assert declared_context("{#- x\nContext: lang, L, event (models.Event), pairs (list of (a, b)). -#}") == {
        "lang",
        "L",
        "event",
        "pairs",
    }


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_a_template_declares_what_it_uses_and_nothing_else(name: str) -> None:
    source = SOURCES[name]
    declared = declared_context(source)
    assert declared, f"{name} has no Context: header"
    assert used(source) - declared == set(), f"{name} uses names its header does not declare"
    assert declared - used(source) == set(), f"{name} declares names it does not use"


def test_every_declared_name_is_provided(content_copy: Path) -> None:
    with_programme(content_copy)  # people's pages too
    site = Site(load_content(content_copy.parent, content_copy, now=NOW), NOW, BASE_URL)
    renderer = Renderer(site)
    seen = set()
    for spec in page_specs(site):
        provided = set(renderer.helpers(spec, "zh")) | set(spec.values(renderer))
        assert context_of(spec.template) - provided == set(), spec.template
        seen.add(spec.template)
    assert seen == set(SOURCES) - {MACROS}  # every page template is rendered by some page
