"""Breakouts: strings that leave every context a page can put text in (the raw-text elements, quoted
and unquoted attributes, comments, CDATA, scripts and JSON, addresses), put into every free-text field
of every record kind (found by walking the models, so a new field is covered or the test says so), in
both languages. Each string calls ``alert(n)`` with its own number ``n``: a dialog in the browser, or an
element the templates do not make in the built HTML, names the field it came from."""

from __future__ import annotations

import shutil
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel

from pictures import illustrate, photo
from summit.content import models
from summit.content.kinds import KINDS
from test_programme import with_programme

from conftest import FIXTURE

CLOSERS = [
    # the raw-text and escapable raw-text elements, in lower, upper and mixed case
    "</title>",
    "</TITLE>",
    "</TiTlE >",
    "</textarea>",
    "</TEXTAREA>",
    "</TextArea\t>",
    "</style>",
    "</STYLE>",
    "</StYlE>",
    "</script>",
    "</SCRIPT>",
    "</sCrIpT >",
    "</noscript>",
    "</NoScRiPt>",
    "</xmp>",
    "</iframe>",
    "</noembed>",
    "</noframes>",
    "</template>",
    "</svg>",
    # attribute values: double, single and back quotes, unquoted values
    '"',
    "'",
    "`",
    '">',
    "'>",
    '" ',
    "' ",
    " ",
    # comments, CDATA, scripts and JSON strings
    "-->",
    "--!>",
    "]]>",
    "*/",
    '"};',
    "';",
    "\\",
    "</script><!--",
    "<!--<script>",
]
VECTORS = [
    "<svg/onload=alert({n})>",
    "<img src=x onerror=alert({n})>",
    "<script>alert({n})</script>",
    "<SCRIPT>alert({n})</SCRIPT>",
    "<details open ontoggle=alert({n})>",
    " autofocus onfocus=alert({n}) x=",
    "<iframe srcdoc='<script>parent.alert({n})</script>'></iframe>",
    "<a href=javascript:alert({n})>x</a>",
    "};alert({n});//",
    "<style>@import'//x/{n}'</style>",
]
WHOLE = [
    # the string of issue 26: one breakout from every context at once
    "'\"-->]]>*/</script></style></title></textarea><svg/onload=alert({n})>",
    "'\"-->]]>*/</SCRIPT></STYLE></TITLE></TEXTAREA><SVG/ONLOAD=alert({n})>",
    '{: onclick="alert({n})" }',
    "[x](javascript:alert({n}))",
    "&lt;svg onload=alert({n})&gt;",
    "&#60;/title&#62;&#60;svg onload=alert({n})&#62;",
    "javascript:alert({n})",
]
MARKDOWN = [
    "<script>alert({n})</script>",
    "[x](javascript:alert({n}))",
    "[x](JaVaScRiPt:alert({n}))",
    '<a href="javascript:alert({n})">x</a>',
    "![x](x onerror=alert({n}))",
    "<img src=x onerror=alert({n})>",
    '<div onclick="alert({n})">x</div>',
    "<style>body{display:none}</style>",
    "`</title><svg/onload=alert({n})>`",
    "    </textarea><svg/onload=alert({n})>",
    "<!-- --><svg/onload=alert({n})> -->",
    "<![CDATA[ ]]><svg/onload=alert({n})> ]]>",
    '[x](https://example.org/" onmouseover="alert({n}))',
]
URLS = [
    # what an address may hold: quotes of one kind, parentheses, encoded brackets
    "https://example.org/#'onmouseover=alert({n})//",
    "https://example.org/?q=%22%3E%3Csvg/onload=alert({n})%3E",
    "https://example.org/?a='-alert({n})-'&b=&quot;",
    "mailto:x@example.org?subject='onmouseover=alert({n})//",
]
REFUSED_URLS = [
    "https://example.org/?q=\"'><svg/onload=alert(1)>",
    "https://example.org/</script><svg/onload=alert(1)>",
    'mailto:"><svg/onload=alert(1)>@example.org',
    "https://example.org/`onmouseover=alert(1)`",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,alert(1)",
    "//example.org/",
]
ONE_LINE = [closer + vector for closer in CLOSERS for vector in VECTORS[:3]] + [
    closer + vector for closer, vector in zip(CLOSERS, VECTORS[3:] * len(CLOSERS), strict=False)
]
CORPUS = ONE_LINE + WHOLE
"""Every one-line string (each field gets all of them, in a different order)."""


@dataclass
class Marks:
    """Which field and which string each number ``n`` stands for."""

    of: dict[int, str] = field(default_factory=dict)
    paths: set[str] = field(default_factory=set)

    def fill(self, templates: list[str], where: str, offset: int) -> list[str]:
        """``templates`` rotated by ``offset`` (each field leads with another string: short contexts
        such as a description cut at 160 characters see different ones), each given its number."""
        turned = templates[offset % len(templates) :] + templates[: offset % len(templates)]
        out = []
        for template in turned:
            n = len(self.of) + 1
            self.of[n] = f"{where}: {template.replace('{n}', 'n')}"
            out.append(template.replace("{n}", str(n)))
        return out

    def field(self, n: int) -> str:
        return self.of.get(n, "an unknown field")


def _choices(annotation: Any) -> list[Any]:
    """The types a field may hold (``X | None`` -> ``[X]``)."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if a is not type(None)]
    return [annotation]


def _validators(annotation: Any, metadata: list[Any]) -> set[Any]:
    if get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        metadata = [*metadata, *more]
    return {getattr(m, "func", None) for m in metadata}


def classify(annotation: Any, metadata: list[Any]) -> tuple[str, Any] | None:
    """What a field holds: a text ("line", "prose", "markdown"), a bare one-line string, an address, a
    list or a record; None for what no reader sees as text (ids, dates, numbers, choices)."""
    for choice in _choices(annotation):
        base = get_args(choice)[0] if get_origin(choice) is Annotated else choice
        if isinstance(base, type) and issubclass(base, models.Text):
            kind = (
                "markdown"
                if issubclass(base, models.Markdown)
                else "line"
                if issubclass(base, models.Line)
                else "prose"
            )
            return kind, base
        if get_origin(base) is list:
            return "list", get_args(base)[0]
        if isinstance(base, type) and issubclass(base, BaseModel):
            return "record", base
        if base is str:
            found = _validators(choice, metadata)
            if models._url in found:
                return "url", None
            if models._one_line in found:
                return "oneline", None
    return None


def text_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every free-text field of ``model`` and the records in it, as ``a[].b`` paths."""
    for name, info in model.model_fields.items():
        yield from _paths(classify(info.annotation, info.metadata), f"{prefix}{name}")


def _paths(kind: tuple[str, Any] | None, path: str) -> Iterator[str]:
    if kind is None:
        return
    what, inner = kind
    if what == "record":
        yield from text_fields(inner, path + ".")
    elif what == "list":
        yield from _paths(classify(inner, []), path + "[]")
    else:
        yield path


def every_field() -> set[str]:
    """Every free-text field of every content file, e.g. ``events.yml:events[].sessions[].title``."""
    return {
        f"{name}:{key + '[].' if key else ''}{path}"
        for name, (key, model) in _files().items()
        for path in text_fields(model)
    }


def _files() -> dict[str, tuple[str | None, type[BaseModel]]]:
    """Each content file: the key of its list of records (None: the file is one record) and their model."""
    files: dict[str, tuple[str | None, type[BaseModel]]] = {
        kind.file if kind.one_file else f"{kind.key}.yml": (kind.key, kind.model) for kind in KINDS
    }
    return {"site.yml": (None, models.Site), **files}


def _fill(model: type[BaseModel], data: dict[str, Any], where: str, path: str, marks: Marks) -> None:
    for name, info in model.model_fields.items():
        if name in data:
            place = f"{where}{name}" if where.endswith(":") else f"{where}.{name}"
            data[name] = _fill_value(
                classify(info.annotation, info.metadata), data[name], place, f"{path}{name}", marks
            )


def _fill_value(kind: tuple[str, Any] | None, value: Any, where: str, path: str, marks: Marks) -> Any:
    if kind is None or value is None:
        return value
    what, inner = kind
    offset = len(marks.paths) * 7 + len(marks.of)
    if what == "record":
        if isinstance(value, dict):  # not a date written as text
            _fill(inner, value, where, path + ".", marks)
        return value
    if what == "list":
        item = classify(inner, [])
        return [_fill_value(item, v, f"{where}[{i}]", path + "[]", marks) for i, v in enumerate(value)]
    marks.paths.add(path)
    if what == "url":
        return marks.fill(URLS, where, offset)[0]
    if what == "oneline":
        return " ".join(marks.fill(CORPUS, where, offset))
    joined = "\n\n".join if what == "markdown" else " ".join
    return {
        lang: joined(marks.fill(CORPUS + (MARKDOWN if what == "markdown" else []), f"{where}.{lang}", offset))
        for lang in ("zh", "en")
    }


def complete(content: Path) -> None:
    """Give the fixture (with a programme and images) every optional text a record can have."""
    photo(content / "images" / "people" / "li.png", (400, 400), hue=90)

    def update(name: str, change: Any) -> None:
        path = content / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def text(value: str) -> dict[str, str]:
        return {"zh": value, "en": value}

    def people(data: dict[str, Any]) -> None:
        first = data["people"][0]
        first["photo"] = {"path": "images/people/li.png", "alt": text("肖像")}
        first["links"] = [{"label": text("主页"), "url": "https://example.org/"}]

    def site(data: dict[str, Any]) -> None:
        footer = data.setdefault("footer", {})
        footer.setdefault("organisers", [text("大连市人民政府")])
        footer.setdefault("copyright", text("© 2030"))
        footer.setdefault("icp", "辽ICP备12345678号")
        footer.setdefault("police", "辽公网安备21020000000000号")
        data.setdefault("figures_intro", text("数字"))
        data["mission"].setdefault("goals", [text("目标")])
        programme = data["programme"]
        for key in ("phases", "formats", "overseas_cities"):
            programme.setdefault(key, [text("一")])
        data["hero"]["alt"] = text("会场")
        data["logo"] = {"path": data["logo"]["path"], "alt": text("标志")}

    def events(data: dict[str, Any]) -> None:
        event = data["events"][0]
        for key in ("city", "venue", "body"):
            event.setdefault(key, text("大连"))
        event.setdefault("livestream", "https://example.org/live")
        event.setdefault("registration", "https://example.org/register")
        for session in event.get("sessions", []):
            session.setdefault("summary", text("一场"))
            session.setdefault("track", text("主题"))
            session.setdefault("livestream", "https://example.org/live")

    def stations(data: dict[str, Any]) -> None:
        data["stations"][0].setdefault("description", text("工作站"))
        data["stations"][0]["photos"][0] = {
            **data["stations"][0]["photos"][0],
            "alt": text("办公室"),
            "decorative": False,
        }

    def partners(data: dict[str, Any]) -> None:
        for partner in data["partners"]:
            partner.setdefault("description", text("伙伴"))
            partner.setdefault("website", "https://example.org/")

    def projects(data: dict[str, Any]) -> None:
        for project in data["projects"]:
            project.setdefault("stage", text("A轮"))
            project.setdefault("links", [{"label": text("主页"), "url": "https://example.org/"}])

    update("people.yml", people)
    update("site.yml", site)
    update("events/2030.yml", events)
    update("stations.yml", stations)
    update("partners.yml", partners)
    update("projects.yml", projects)


def breakout_content(target: Path) -> tuple[Path, Marks]:
    """The fixture with a programme, people and images, every text of every record replaced by the
    breakouts (in both languages), and which field each number stands for."""
    shutil.copytree(FIXTURE, target)
    with_programme(target)
    illustrate(target)
    complete(target)
    marks = Marks()
    for path in sorted(target.rglob("*.yml")):
        name = path.relative_to(target).as_posix()
        kind = "events.yml" if name.startswith("events/") else name
        key, model = _files()[kind]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        records = data[key] if key else [data]
        for index, record in enumerate(records):
            _fill(
                model,
                record,
                f"{name}:{key}[{index}]" if key else f"{name}:",
                f"{kind}:{key + '[].' if key else ''}",
                marks,
            )
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target, marks
