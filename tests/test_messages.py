"""What an editor reads: every message in Chinese (the default) and English, located in the editor's
terms (the record by id and title, the field by its name, counted from one), the mistakes a Chinese
keyboard makes found before YAML reads the file, a suggestion for every reference, errors before
warnings."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from summit.content import models
from summit.content.loader import load_content
from summit.errors import ContentErrors, report, wording
from test_programme import with_programme

from conftest import NOW, ROOT, edit, run_summit

EVENTS = "content/events/2030.yml"
HOOKS = ROOT / "hooks" / "summit"


def _errors(content: Path, lang: str) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load_content(content.parent, content, now=NOW)
    return [e.text(lang) for e in info.value.errors]


def _both(content: Path) -> tuple[list[str], list[str]]:
    return _errors(content, "zh"), _errors(content, "en")


# --- the catalogue -------------------------------------------------------------------------------


def test_every_message_in_both_languages_with_the_same_values() -> None:
    for name in ("messages", "fields"):
        for key, entry in wording(name).items():
            assert set(entry) == {"zh", "en"} and all(entry.values()), key
            names = [{n for _, n, _, _ in string.Formatter().parse(entry[lang]) if n} for lang in ("zh", "en")]
            assert names[0] == names[1], key
            for lang in ("zh", "en"):  # a brace meant as text is doubled
                entry[lang].format(**dict.fromkeys(names[0], 1))


def test_every_message_the_code_says_is_in_the_catalogue() -> None:
    said = set()
    for file in HOOKS.rglob("*.py"):
        said |= set(re.findall(r"""say\(\s*["']([a-z_.]+)["']""", file.read_text(encoding="utf-8")))
    assert said and not said - set(wording()), sorted(said - set(wording()))


def _fields(model: type[BaseModel], seen: set[str]) -> set[str]:
    found = set()
    for name, info in model.model_fields.items():
        found.add(name)
        for sub in re.findall(r"\b([A-Z][A-Za-z]+)\b", str(info.annotation)):
            kind = getattr(models, sub, None)
            if isinstance(kind, type) and issubclass(kind, BaseModel) and sub not in seen:
                seen.add(sub)
                found |= _fields(kind, seen)
    return found


def test_every_field_has_a_name_in_both_languages() -> None:
    names = set()
    for kind in ("Site", "Station", "Partner", "Project", "Person", "Event"):
        names |= _fields(getattr(models, kind), set())
    assert len(names) > 80
    assert not names - set(wording("fields")), sorted(names - set(wording("fields")))


# --- located in the editor's terms, with a suggestion ----------------------------------------------


def test_a_speaker_who_is_not_in_people_yml(content_copy: Path) -> None:
    with_programme(content_copy)
    (content_copy / "people.yml").write_text(
        (content_copy / "people.yml")
        .read_text(encoding="utf-8")
        .replace("wang-fang", "chen-jing")
        .replace("王芳", "陈静"),
        encoding="utf-8",
    )
    edit(content_copy / "events" / "2030.yml", "speakers: [wang-fang]", "speakers: [chen-jin]")
    zh, en = _both(content_copy)
    assert zh == [
        f"{EVENTS}:37:20: 错误：活动「2030-09-01-tokyo-forum」（东京产业论坛）的第2场会议「人工智能论坛」的嘉宾（第1项）："
        "people.yml 里没有编号为「chen-jin」的嘉宾；是不是「chen-jing」（陈静）？"
    ]
    assert en == [
        f"{EVENTS}:37:20: error: event 2030-09-01-tokyo-forum (Tokyo industry forum) › session 2 “AI forum” › "
        "speakers (item 1): no person with id 'chen-jin' in people.yml; did you mean 'chen-jing' (陈静)?"
    ]


STATION_NAMES = {"tokyo": ("东京工作站", "Tokyo Station"), "vancouver": ("温哥华工作站", "Vancouver Station")}


@pytest.mark.parametrize(
    ("written", "meant"),
    [("tokio", "tokyo"), ("东京", "tokyo"), ("Tokyo", "tokyo"), ("温哥华", "vancouver")],
)
def test_a_station_by_a_near_id_or_by_its_name(content_copy: Path, written: str, meant: str) -> None:
    edit(content_copy / "events" / "2030.yml", "stations: [tokyo]", f"stations: [{written}]")
    zh, en = _both(content_copy)
    name_zh, name_en = STATION_NAMES[meant]
    assert zh == [
        f"{EVENTS}:13:16: 错误：活动「2030-09-01-tokyo-forum」（东京产业论坛）的海外工作站（第1项）："
        f"没有编号为「{written}」的海外工作站；是不是「{meant}」（{name_zh}）？"
    ]
    assert en == [
        f"{EVENTS}:13:16: error: event 2030-09-01-tokyo-forum (Tokyo industry forum) › stations (item 1): "
        f"no station with id '{written}'; did you mean '{meant}' ({name_en})?"
    ]


@pytest.mark.parametrize(
    ("old", "new", "zh_end", "en_end"),
    [
        (
            "kind: forum\n",
            "kind: 论坛\n",
            "必须是以下之一：roadshow、forum、exchange、signing、conference或launch（写的是「论坛」）；是不是「forum」（论坛）？",
            "must be one of roadshow, forum, exchange, signing, conference or launch (got '论坛'); did you mean 'forum' (Forum)?",
        ),
        (
            "kind: forum\n",
            "kind: froum\n",
            "（写的是「froum」）；是不是「forum」（论坛）？",
            "(got 'froum'); did you mean 'forum' (Forum)?",
        ),
    ],
)
def test_a_choice_by_a_near_value_or_its_chinese_name(
    content_copy: Path, old: str, new: str, zh_end: str, en_end: str
) -> None:
    edit(content_copy / "events" / "2030.yml", old, new)
    zh, en = _both(content_copy)
    assert len(zh) == 1 and zh[0].endswith(zh_end) and en[0].endswith(en_end)


# --- the keyboard ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "zh", "en"),
    [
        (
            "    kind: forum\n",
            "\tkind: forum\n",
            ":4:1: 错误：这一行用 Tab 缩进：YAML 只能用空格缩进，请把 Tab 换成空格（通常每层两个空格）",
            ":4:1: error: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces (two per level)",
        ),
        (
            "    kind: forum\n",
            "    kind： forum\n",
            ":4:9: 错误：「kind」后面是全角冒号「：」：YAML 要用半角冒号「:」，后面再加一个空格",
            ":4:9: error: a full-width colon (：) after 'kind': YAML needs an ASCII colon and a space ('kind: ')",
        ),
        (
            "    kind: forum\n",
            "    kind:forum\n",
            ":4:9: 错误：「kind:」后面缺少空格：冒号后面要加一个空格（写成「kind: forum」）",
            ":4:9: error: no space after 'kind:': a colon needs a space after it ('kind: forum')",
        ),
        (
            "    stations: [tokyo]\n",
            "    stations: 【tokyo】\n",
            ":13:15: 错误：用了全角括号「【」：列表要用半角方括号「[ ]」，花括号「{ }」",
            ":13:15: error: a full-width bracket (【): a list needs ASCII brackets [ ] and a mapping { }",
        ),
        (
            "    stations: [tokyo]\n",
            "    stations: [tokyo，vancouver]\n",
            ":13:21: 错误：列表或花括号里用了全角逗号「，」分隔：请改成半角逗号「,」",
            ":13:21: error: a full-width comma (，) between items: use an ASCII comma (,)",
        ),
        (
            "  - id: 2030-09-01-tokyo-forum\n",
            "  － id: 2030-09-01-tokyo-forum\n",
            ":2:3: 错误：列表项用了全角「－」：请改成半角减号「-」，后面加一个空格",
            ":2:3: error: a full-width dash (－) starts a list item: use an ASCII hyphen and a space ('- ')",
        ),
    ],
)
def test_a_chinese_keyboards_mistakes_at_their_place(content_copy: Path, old: str, new: str, zh: str, en: str) -> None:
    edit(content_copy / "events" / "2030.yml", old, new)
    assert _both(content_copy) == ([EVENTS + zh], [EVENTS + en])


def test_a_full_width_colon_inside_braces(content_copy: Path) -> None:
    with_programme(content_copy)
    edit(content_copy / "events" / "2030.yml", "title: {zh: 开幕式, en: Opening}", "title: {zh：开幕式, en: Opening}")
    zh, en = _both(content_copy)
    assert zh == [f"{EVENTS}:22:19: 错误：「zh」后面是全角冒号「：」：YAML 要用半角冒号「:」，后面再加一个空格"]
    assert en == [
        f"{EVENTS}:22:19: error: a full-width colon (：) after 'zh': YAML needs an ASCII colon and a space ('zh: ')"
    ]


def test_chinese_punctuation_inside_a_text_is_the_editors_own(content_copy: Path) -> None:
    edit(
        content_copy / "events" / "2030.yml",
        "summary: {zh: 两天的论坛。, en: A two-day forum.}",
        'summary: {zh: 两天的论坛，含AI，ML：路演【重点】, en: "A two-day forum: AI, ML"}',
    )
    content = load_content(content_copy.parent, content_copy, now=NOW)
    assert (
        next(e for e in content.events if e.id == "2030-09-01-tokyo-forum").summary.zh
        == "两天的论坛，含AI，ML：路演【重点】"
    )


def test_a_key_one_space_off(content_copy: Path) -> None:
    edit(content_copy / "events" / "2030.yml", "    kind: forum\n", "     kind: forum\n")
    zh, en = _both(content_copy)
    assert zh == [f"{EVENTS}:4:6: 错误：「kind」的缩进和同一层的其他字段差一个空格（这里是6格，上面的「title」是5格）"]
    assert en == [
        f"{EVENTS}:4:6: error: 'kind' is indented one space off its siblings (column 6; 'title' above is at column 5)"
    ]


def test_yamls_own_words_are_translated(content_copy: Path) -> None:
    edit(content_copy / "stations.yml", "country: {zh: 日本, en: Japan}", "country: {zh: 日本, en: Japan")
    zh, en = _both(content_copy)
    assert len(zh) == 1 and zh[0].endswith("错误：YAML 格式错误：花括号里找不到应有的半角逗号「,」或右花括号「}」")
    assert en[0].endswith("error: YAML syntax error: did not find expected ',' or '}'")


# --- the report ------------------------------------------------------------------------------------


def test_errors_first_then_warnings_with_labels_and_counts(content_copy: Path) -> None:
    edit(content_copy / "events" / "2030.yml", "stations: [tokyo]", "stations: [tokio]")
    with pytest.raises(ContentErrors) as info:
        load_content(content_copy.parent, content_copy, now=NOW)
    zh = report(info.value.errors + info.value.warnings, "zh").splitlines()
    assert zh[0] == "错误（必须改正，否则网站不会生成）："
    assert zh[1].startswith(f"{EVENTS}:13:16: 错误：") and "「tokio」" in zh[1]
    assert zh[3] == "警告（网站照常生成）："
    assert all("警告：" in line or "make check ALL=1" in line for line in zh[4:-1])
    assert zh[-1].startswith("1个错误，在1个文件中，") and zh[-1].endswith("个警告。")
    en = report(info.value.errors + info.value.warnings, "en").splitlines()
    assert en[0] == "Errors (fix these: the site is not built until they are):"
    assert en[-1].startswith("1 error in 1 file, ")


def test_warnings_not_about_the_change_are_one_line_each_unless_all(tmp_path: Path) -> None:
    quiet = run_summit("check", content=ROOT / "content")
    assert quiet.returncode == 0
    lines = quiet.stdout.splitlines()
    assert lines[0] == "警告（网站照常生成）："
    grouped = [line for line in lines if "make check ALL=1" in line]
    assert len(grouped) == 1 and "“未被任何活动引用”" in grouped[0]
    assert not [line for line in lines if "content/partners.yml" in line]
    every = run_summit("check", "--all", content=ROOT / "content")
    assert len([line for line in every.stdout.splitlines() if "content/partners.yml" in line]) > 5
    english = run_summit("check", content=ROOT / "content", extra_env={"SUMMIT_EDITOR_LANG": "en"})
    assert english.stdout.splitlines()[0] == "Warnings (the site is built anyway):"
    assert english.stdout.splitlines()[-1].endswith(": ready to build (time zones: IANA 2026f)")


def test_the_seed_has_no_warning_an_editor_must_read() -> None:
    content = load_content(ROOT, ROOT / "content")
    assert [w.kind for w in content.warnings if w.kind not in ("unused", "translation")] == []


def test_annotations_in_both_languages(content_copy: Path) -> None:
    edit(content_copy / "events" / "2030.yml", "stations: [tokyo]", "stations: [tokio]")
    done = run_summit("check", content=content_copy, extra_env={"GITHUB_ACTIONS": "true"})
    first = done.stderr.splitlines()[0]
    assert first.startswith("::error file=") and ",line=13,col=16,title=活动「2030-09-01-tokyo-forum」" in first
    assert "没有编号为「tokio」的海外工作站" in first and "%0A" in first and "no station with id 'tokio'" in first


def test_the_catalogue_is_read_as_text() -> None:
    raw = yaml.load((HOOKS / "strings" / "messages.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert raw == wording()


@pytest.mark.parametrize(
    ("written", "meant"), [("Asia/Tokio", "Asia/Tokyo"), ("Tokyo", "Asia/Tokyo"), ("东京", "Asia/Tokyo")]
)
def test_a_time_zone_by_a_near_name_or_its_citys(content_copy: Path, written: str, meant: str) -> None:
    edit(content_copy / "stations.yml", "timezone: Asia/Tokyo", f"timezone: {written}")
    zh, en = _both(content_copy)
    assert zh == [
        f"content/stations.yml:14:15: 错误：海外工作站「tokyo」（东京工作站）的时区：未知的时区「{written}」；是不是「{meant}」？"
    ]
    assert en == [
        f"content/stations.yml:14:15: error: station tokyo (Tokyo Station) › time zone: "
        f"unknown time zone '{written}'; did you mean '{meant}'?"
    ]


@pytest.mark.parametrize(
    ("old", "new", "en_end"),
    [
        ("    format: online\n", "    format: 线上\n", "(got '线上'); did you mean 'online' (Online)?"),
        ("    status: held\n", "    status: 已取消\n", "(got '已取消'); did you mean 'cancelled' (Cancelled)?"),
        (
            "projects: [smart-clinic]",
            "projects: [智能诊所]",
            "no project with id '智能诊所'; did you mean 'smart-clinic' (Smart Clinic)?",
        ),
        (
            "projects: [smart-clinic]",
            "projects: [smart-clinc]",
            "no project with id 'smart-clinc'; did you mean 'smart-clinic' (Smart Clinic)?",
        ),
    ],
)
def test_formats_statuses_and_projects_by_a_near_value_or_a_name(
    content_copy: Path, old: str, new: str, en_end: str
) -> None:
    edit(content_copy / "events" / "2024.yml", old, new)
    zh, en = _both(content_copy)
    assert len(en) == 1 and en[0].endswith(en_end), en
    assert zh[0].startswith("content/events/2024.yml:") and "；是不是「" in zh[0]


def test_an_industry_by_its_chinese_name(content_copy: Path) -> None:
    edit(content_copy / "projects.yml", "industries: [artificial-intelligence]", "industries: [人工智能]")
    zh, en = _both(content_copy)
    assert zh == [
        "content/projects.yml:5:18: 错误：项目「smart-clinic」（智能诊所）的行业（第1项）："
        "site.yml 里没有编号为「人工智能」的行业；是不是「artificial-intelligence」（人工智能）？"
    ]
    assert en[0].endswith(
        "no industry with id '人工智能' in site.yml; did you mean 'artificial-intelligence' (artificial intelligence)?"
    )


@pytest.mark.parametrize(
    ("written", "zh_end", "en_end"),
    [
        (
            "中英双语",
            "的使用语言：必须是以下之一：zh、en或zh-en（写的是「中英双语」）；是不是「zh-en」（中英双语）？",
            "› language: must be one of zh, en or zh-en (got '中英双语'); did you mean 'zh-en' (Chinese and English)?",
        ),
        ("English", "是不是「en」（英文）？", "did you mean 'en' (English)?"),
        ("fr", "必须是以下之一：zh、en或zh-en（写的是「fr」）", "must be one of zh, en or zh-en (got 'fr')"),
    ],
)
def test_a_sessions_language_is_one_the_site_knows(content_copy: Path, written: str, zh_end: str, en_end: str) -> None:
    with_programme(content_copy)
    edit(
        content_copy / "events" / "2030.yml",
        "speakers: [wang-fang]",
        f"speakers: [wang-fang]\n        language: {written}",
    )
    zh, en = _both(content_copy)
    assert len(zh) == 1 and zh[0].endswith(zh_end), zh
    assert zh[0].startswith(
        f"{EVENTS}:38:19: 错误：活动「2030-09-01-tokyo-forum」（东京产业论坛）的第2场会议「人工智能论坛」"
    )
    assert en[0].endswith(en_end), en


def test_a_sessions_language_and_interpretation_are_read(content_copy: Path) -> None:
    from summit.content.loader import load_content

    from conftest import NOW

    with_programme(content_copy)
    edit(
        content_copy / "events" / "2030.yml",
        "speakers: [wang-fang]",
        "speakers: [wang-fang]\n        language: zh\n        interpretation: [en]",
    )
    content = load_content(content_copy.parent, content_copy, now=NOW)
    (session,) = [s for e in content.events for s in e.sessions if s.language]
    assert session.language == "zh" and session.interpretation == ["en"]
