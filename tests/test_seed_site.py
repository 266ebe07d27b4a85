"""The real content: every fact of the summit's 2020 introduction is on the built site, in both languages."""

from __future__ import annotations

import gzip
import json
import re
from html import unescape
from pathlib import Path

import pytest
from icalendar import Calendar

from htmlcheck import check_site

from conftest import ROOT
from sitebuild import copy_project, mkdocs_build, page_text

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("seed"))
    result = mkdocs_build(project, ROOT / "content", today="2026-11-26")
    assert result.returncode == 0, result.stderr
    return project / "site"


def text_of(site: Path, prefix: str) -> str:
    """The article text of every page of one language."""
    pages = (
        sorted((site / prefix).rglob("index.html"))
        if prefix
        else sorted(p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("en/"))
    )
    return "\n".join(page_text(p.read_text(encoding="utf-8")) for p in pages)


FACTS = {
    "zh": [
        "中国海外学子创业周",
        "海创周",
        "2000",
        "2010",
        "国家级引才平台",
        "35,000余",
        "3,900",
        "63",
        "近47,000",
        "约8,900",
        "4,000余",
        "约7,000",
        "4,900余",
        "近100,000",
        "约300",
        "40余",
        "数据截至2020年",
        "市场化",
        "专业化",
        "国际化",
        "精品化",
        "硅谷工作站",
        "波士顿工作站",
        "西雅图工作站",
        "伦敦工作站",
        "温哥华工作站",
        "东京工作站",
        "深创投",
        "红杉中国",
        "Green Pine Capital",
        "顺为资本",
        "真格基金",
        "赛伯乐",
        "China Equity Group",
        "China Youth Venture Capital",
        "英飞尼迪",
        "微软中国",
        "Dalian Shengsuo Technology",
        "大连高新区",
        "2020年3月10日",
        "2020年4月15日",
        "2020年4月17日",
        "2020年5月（日期待定）",
        "工业物联网",
        "A轮融资",
        "海外学子创业计划",
        "新一代信息技术",
        "人工智能",
        "大数据",
        "先进制造",
        "生物技术",
        "新能源",
        "线上项目路演",
        "产业论坛",
        "线下交流",
        "产品发布",
        "北京",
        "上海",
        "深圳",
        "沈阳",
        "长春",
        "哈尔滨",
        "线上海创周",
    ],
    "en": [
        "China Overseas Scholar Innovation Summit",
        "CHINAOCS",
        "2000",
        "2010",
        "national talent-introducing platform",
        "more than 35,000",
        "3,900",
        "63",
        "nearly 47,000",
        "about 8,900",
        "more than 4,000",
        "about 7,000",
        "more than 4,900",
        "nearly 100,000",
        "about 300",
        "more than 40",
        "Figures as of 2020",
        "Introduce overseas talents to Dalian, encourage overseas entrepreneurship in China",
        "marketization",
        "professionalization",
        "internationalization",
        "premiumisation",
        "Silicon Valley Station",
        "Boston Station",
        "Seattle Station",
        "London Station",
        "Vancouver Station",
        "Tokyo Station",
        "Shenzhen Capital Group",
        "Sequoia Capital",
        "Green Pine Capital",
        "Shunwei Capital",
        "ZhenFund",
        "Cybernaut",
        "China Equity Group",
        "China Youth Venture Capital",
        "Infinity Group",
        "Microsoft China",
        "Dalian Shengsuo Technology",
        "Dalian High-Tech Zone",
        "March 10, 2020",
        "April 15, 2020",
        "April 17, 2020",
        "May 2020 (date to be announced)",
        "Industrial Internet of Things",
        "round-A financing",
        "OSE Plan",
        "new generation of information technology",
        "artificial intelligence",
        "big data",
        "advanced manufacturing",
        "biotechnology",
        "new energy",
        "online project roadshow",
        "industry forum",
        "offline communication",
        "product release",
        "Beijing",
        "Shanghai",
        "Shenzhen",
        "Shenyang",
        "Changchun",
        "Harbin",
        "Online CHINAOCS",
    ],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_seed_fact_is_on_the_site(site: Path, lang: str) -> None:
    text = text_of(site, "en" if lang == "en" else "")
    missing = [fact for fact in FACTS[lang] if fact not in text]
    assert missing == []


def test_station_zones(site: Path) -> None:
    zones = {
        "silicon-valley": "America/Los_Angeles",
        "boston": "America/New_York",
        "seattle": "America/Los_Angeles",
        "london": "Europe/London",
        "vancouver": "America/Vancouver",
        "tokyo": "Asia/Tokyo",
    }
    for station, zone in zones.items():
        for prefix in ("", "en/"):
            assert zone in page_text((site / prefix / "stations" / station / "index.html").read_text("utf-8"))


def test_no_invented_day_for_the_may_events(site: Path) -> None:
    for event in ("2020-05-silicon-valley-roadshow", "2020-05-ose-plan-conference"):
        zh = page_text((site / "events" / event / "index.html").read_text("utf-8"))
        en = page_text((site / "en/events" / event / "index.html").read_text("utf-8"))
        assert "时间：2020年5月（日期待定）" in zh
        assert "When: May 2020 (date to be announced)" in en


SUMMARIES = [
    # written as a >- block over two lines, broken after a full-width comma
    (
        "2020-04-15-vancouver-roadshow",
        "zh",
        "温哥华海外工作站的7个优质项目进行路演，涵盖人工智能、医疗健康等领域，其中部分项目已完成A轮融资，并达成在大连落地的意向。",
    ),
    # Chinese and Latin words, with the space the editor wrote between them
    (
        "2020-04-17-iiot-accelerator-signing",
        "zh",
        "大连高新区与微软中国、Dalian Shengsuo Technology 举行“云签约”，共建具有“工业物联网（IIoT）”特色的国际加速器，"
        "为海外学子回国来连创业提供更优质、更高效的孵化加速平台。",
    ),
    (
        "2020-04-15-vancouver-roadshow",
        "en",
        "A roadshow of seven high-quality projects from the Vancouver overseas station, covering AI, medical health and "
        "other fields. Some had finished round-A financing and reached an intention to implement in Dalian.",
    ),
]


def _pagefind_texts(site: Path) -> str:
    """The text of every record Pagefind indexed (its fragments: gzipped, after a signature)."""
    texts = []
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        texts.append(json.loads(data[data.index(b"{") :])["content"])
    return "\n".join(texts)


@pytest.mark.parametrize(("event_id", "lang", "summary"), SUMMARIES)
def test_a_summary_reads_the_same_in_every_output(site: Path, event_id: str, lang: str, summary: str) -> None:
    """The page, its description and Open Graph, JSON-LD, the event's and the site's calendar,
    schedule.json, api/ and the search index all give the editor's text as a reader sees it."""
    root = site / ("en" if lang == "en" else "")
    html = (root / "events" / event_id / "index.html").read_text("utf-8")
    assert summary in page_text(html)
    for name in ('name="description"', 'property="og:description"'):
        (content,) = re.findall(rf"<meta {name} content=\"([^\"]*)\"", html)
        shown = unescape(content)  # a long one is cut at 160 characters
        assert shown == summary or (shown.endswith("…") and summary.startswith(shown[:-1])), name
    (ld,) = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    assert ld["description"] == summary
    uid = f"{event_id}@chinaocs"
    for feed in (root / "calendar" / "events" / f"{event_id}.ics", root / "calendar" / "events.ics"):
        (entry,) = [e for e in Calendar.from_ical(feed.read_bytes()).walk("VEVENT") if e["uid"] == uid]
        assert str(entry["description"]).split("\n\n")[0] == summary, feed.name
    schedule = json.loads((root / "schedule.json").read_text("utf-8"))
    abstracts = [
        e["abstract"]
        for day in schedule["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
        if e["slug"].endswith(event_id)
    ]
    # in the frab exports only with a time of day: apps would place a whole day on the day before in the
    # Americas (the seed's events are whole days)
    timed = "T" in str(ld.get("startDate", ""))
    assert abstracts == ([summary] if timed else [])
    api = json.loads((root / "api" / "events.json").read_text("utf-8"))
    assert [e["summary"] for e in api["events"] if e["id"] == event_id] == [summary]
    assert summary in _pagefind_texts(site)


def test_only_the_templates_elements(site: Path) -> None:
    """The allow-list of ``htmlcheck`` (which the breakout test holds every page to) fits the real site."""
    assert [f.describe() for f in check_site(site, marked=False)] == []
