"""Text as readers see it (``summit.texts``), and what the property test found, kept as regressions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from summit.build.pipeline import site_of
from summit.content.loader import load_content
from summit.errors import ContentErrors, OutputError
from summit.i18n import Locale
from summit.outputs import calendar as summit_calendar
from summit.outputs.exports import frab_schedule
from summit.outputs.render import render_all
from summit.texts import tidy, tidy_markdown

from conftest import NOW, ROOT, edit, run_summit

C3VOC = json.loads((ROOT / "tests" / "fixtures" / "schemas" / "c3voc-schedule.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # a >- block joins lines with a space: none is left between Chinese characters or after full-width punctuation
        ("涵盖人工智能、医疗健康等领域， 其中部分项目", "涵盖人工智能、医疗健康等领域，其中部分项目"),
        ("温哥华 工作站", "温哥华工作站"),
        ("温哥华\n工作站", "温哥华工作站"),
        ("温哥华\u2028工作站\u2029路演", "温哥华工作站路演"),
        ("领域 ，其中", "领域，其中"),
        ("“云签约” ， AI", "“云签约”，AI"),
        # a space between Chinese and Latin words stays as written, and none is added
        ("微软中国、Dalian Shengsuo Technology 举行", "微软中国、Dalian Shengsuo Technology 举行"),
        ("完成A轮融资", "完成A轮融资"),
        ("AI 领域", "AI 领域"),
        # whitespace of every kind is one space; ends trimmed
        ("  Cloud\n  exchange\t of\r\nscholars  ", "Cloud exchange of scholars"),
        ("a\u3000b", "a b"),
        # what is not whitespace stays: joiners, marks, emoji
        ("👩\u200d👩\u200d👧 \u200f", "👩\u200d👩\u200d👧 \u200f"),
    ],
)
def test_tidy(written: str, read: str) -> None:
    assert tidy(written) == read


def test_tidy_markdown_keeps_lines_but_not_soft_wraps_between_chinese() -> None:
    written = "第一段，\n第二行。\n\n- 项目\n  继续\n- AI\n  领域\r\n\r\n甲  \n乙\n\n    代码\n"
    assert tidy_markdown(written) == "第一段，第二行。\n\n- 项目继续\n- AI\n  领域\n\n甲  \n乙\n\n    代码"


# -- regressions the property test found (each with the content that showed it) ---------------------------


def test_a_line_break_in_a_station_name_is_refused_at_its_line(
    content_copy: Path, errors_of: Callable[[Path], list[str]]
) -> None:
    stations = content_copy / "stations.yml"
    edit(
        stations,
        "name: {zh: 东京工作站, en: Tokyo Station}",
        "name:\n      zh: |\n        东京\n        工作站\n      en: Tokyo Station",
    )
    edit(stations, "name: {zh: 伦敦工作站, en: London Station}", 'name: {zh: 伦敦工作站, en: "London\\nStation"}')
    line = "a line break in a one-line text (a name, title or label): write it on one line (a YAML '|' block keeps line breaks; '>-' joins lines)"
    assert errors_of(content_copy) == [
        f"content/stations.yml:12:11: error: station tokyo (Tokyo Station) › name (Chinese): {line}",
        f"content/stations.yml:20:27: error: station london (London\\nStation) › name (English): {line}",
    ]


def test_a_line_break_in_a_summary_is_built_as_a_space(content_copy: Path) -> None:
    events = content_copy / "events" / "2024.yml"
    edit(
        events,
        "summary: {zh: 线上路演。, en: An online roadshow.}",
        'summary: {zh: "线上\\n路演。", en: "An online\\u2028roadshow,\\r\\nlive."}',
    )
    content = load_content(content_copy.parent, content_copy, now=NOW)
    outputs = render_all(site_of(content, NOW, "https://summit.example.org/"))
    for path, lang, text in (
        ("calendar/events/2024-04-15-roadshow.ics", "zh", "线上路演。"),
        ("calendar/events/2024-04-15-roadshow.en.ics", "en", "An online roadshow, live."),
    ):
        event = Calendar.from_ical(outputs[path]).walk("VEVENT")[0]
        assert str(event["description"]).split("\n\n")[0] == text, lang


def test_a_figure_too_large_to_print_is_refused(content_copy: Path, errors_of: Callable[[Path], list[str]]) -> None:
    edit(content_copy / "site.yml", "value: 12345", "value: 999999999999999999999999999999")
    assert errors_of(content_copy) == [
        "content/site.yml:21:12: error: figure 1 “scholars” › value: "
        "must be at most 999999999999999 (got '999999999999999999999999999999')"
    ]


def test_a_one_letter_event_id_is_a_valid_frab_slug(content_copy: Path) -> None:
    edit(content_copy / "events" / "2024.yml", "- id: 2024-04-15-roadshow", "- id: q")
    content = load_content(content_copy.parent, content_copy, now=NOW)
    schedule = frab_schedule(site_of(content, NOW), Locale("en"))
    jsonschema.Draft6Validator(C3VOC).validate(schedule)
    slugs = [e["slug"] for d in schedule["schedule"]["conference"]["days"] for r in d["rooms"].values() for e in r]
    assert "testis-q" in slugs


def test_a_city_without_english_builds(content_copy: Path) -> None:
    edit(content_copy / "events" / "2030.yml", "city: {zh: 大连, en: Dalian}", "city: {zh: 大连}")
    content = load_content(content_copy.parent, content_copy, now=NOW)
    outputs = render_all(site_of(content, NOW))
    assert 'data-city="other"' in outputs["schedule.en.md"] or "大连" in outputs["schedule.en.md"]


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "acronym: TESTIS",
            "acronym: OCS",
            "content/site.yml:4:10: error: acronym: 'OCS' is not an acronym: write 4 to 20 Latin letters and digits, such as CHINAOCS (it names the summit in calendar entries' ids and to conference apps)",
        ),
        (
            "host_city: {zh: 大连, en: Dalian}",
            "host_city: {zh: 大连, en: Dalian}\ntimezone: US/Pacific",
            "content/site.yml:6:11: error: time zone: 'US/Pacific' is a time zone, but the site's own zone must be named by a region and city, such as Asia/Shanghai (or UTC): conference apps read no other",
        ),
        (
            "acronym: TESTIS",
            'acronym: "TEST\\nIS"',
            "content/site.yml:4:10: error: acronym: 'TEST\\nIS' is not an acronym: write 4 to 20 Latin letters and digits, such as CHINAOCS (it names the summit in calendar entries' ids and to conference apps)",
        ),
    ],
)
def test_values_no_output_can_carry_are_refused(
    content_copy: Path, errors_of: Callable[[Path], list[str]], old: str, new: str, error: str
) -> None:
    edit(content_copy / "site.yml", old, new)
    assert errors_of(content_copy) == [error]


def test_a_lone_surrogate_escape_is_refused_at_its_line(content_copy: Path) -> None:
    edit(
        content_copy / "partners.yml",
        "name: {zh: 阿尔法资本, en: Alpha Capital}",
        'name: {zh: "阿尔法\\ud800资本", en: Alpha Capital}',
    )
    with pytest.raises(ContentErrors) as info:
        load_content(content_copy.parent, content_copy)
    assert [str(e) for e in info.value.errors] == [
        "content/partners.yml:3:22: error: YAML syntax error: found invalid Unicode character escape code "
        "(\\ud800 to \\udfff write half a character: write the whole character instead)"
    ]


def test_an_error_is_one_line_whatever_the_value(content_copy: Path) -> None:
    edit(content_copy / "events" / "2024.yml", "kind: roadshow", 'kind: "road\\nshow\\u200f"')
    result = run_summit("check", content=content_copy, extra_env={"SUMMIT_EDITOR_LANG": "en"})
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "› kind:" in line]
    assert lines == [
        f"{content_copy}/events/2024.yml:4:11: error: event 2024-04-15-roadshow (Vancouver project roadshow) › kind: "
        "must be one of roadshow, forum, exchange, signing, conference or launch (got 'road\\nshow\\u200f'); "
        "did you mean 'roadshow' (Roadshow)?"
    ]


def test_a_failure_after_the_check_names_the_record(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mistake of the generator's (the check should have refused what it cannot make) names the
    record's file and id and the output, not only an exception's message."""
    content = load_content(content_copy.parent, content_copy, now=NOW)

    def broken(site: object, event: object, loc: object) -> object:
        raise RuntimeError("Content line can not contain unescaped new line characters.")

    monkeypatch.setattr(summit_calendar, "_vevent", broken)
    with pytest.raises(OutputError) as info:
        render_all(site_of(content, NOW))
    assert str(info.value) == (
        "content/events/2024.yml: event '2024-04-15-roadshow': its calendar entry (zh) could not be made: "
        "RuntimeError: Content line can not contain unescaped new line characters."
    )


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (
            "研究**机器学习**，工作十年。 著有三本书。",
            "研究**机器学习**，工作十年。著有三本书。",
        ),  # a `>-` block's seam
        ("工作 十年", "工作十年"),
        ("第一行。  \n第二行", "第一行。  \n第二行"),  # two trailing spaces: a hard break
        ("- （一）项目\n- 二", "- （一）项目\n- 二"),  # a list item's marker keeps its space
        ("中文 English 中文", "中文 English 中文"),
    ],
)
def test_markdown_loses_the_seams_of_chinese_lines(written: str, kept: str) -> None:
    assert tidy_markdown(written) == kept


def test_a_markdown_description_is_plain_text() -> None:
    from summit.content.models import Markdown
    from summit.outputs.markup import plain_of

    bio = Markdown.model_validate({"zh": "研究**机器学习**，工作十年。\n著有[三本书](https://example.org/)。"})
    assert plain_of(bio, "zh") == "研究机器学习，工作十年。著有三本书。"
    assert plain_of(bio, "en") == "研究机器学习，工作十年。著有三本书。"


@pytest.mark.parametrize(
    "text", ["工作十年，著有三本书。", "Works on AI; ten years, 3 books.", "a - b, 1.5 c", "第一段。\n\n第二段。"]
)
def test_a_markdown_description_without_marks_is_read_as_written(text: str) -> None:
    """The fast path of ``plain_markdown`` (no Markdown marks) gives what rendering would."""
    from html import unescape

    import markdown
    import nh3

    from summit.outputs.markup import plain, plain_markdown

    rendered = plain(unescape(nh3.clean(markdown.markdown(text), tags=set())))
    assert plain_markdown(text) == rendered
