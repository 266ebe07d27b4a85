"""A deterministic synthetic archive of a fictional summit, for the benchmark (never the real content).

Scale 1: 20 years, 2,000 events, 5,000 projects, 300 partners, 6 stations; every text in both
languages, with realistic lengths and real Chinese text.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path

import yaml

ZH_WORDS = [
    "海外",
    "学子",
    "创新",
    "创业",
    "项目",
    "路演",
    "投资",
    "机构",
    "人工智能",
    "大数据",
    "生物",
    "医药",
    "新能源",
    "制造",
    "智能",
    "芯片",
    "材料",
    "论坛",
    "交流",
    "签约",
    "合作",
    "平台",
    "孵化",
    "加速",
    "人才",
    "科技",
    "企业",
    "高校",
    "研究",
    "成果",
    "转化",
    "产业",
    "园区",
    "政策",
    "资本",
    "融资",
    "市场",
    "国际",
    "发展",
    "服务",
    "数字",
    "经济",
    "海洋",
    "绿色",
    "低碳",
    "健康",
    "医疗",
    "信息",
    "技术",
    "工业",
    "互联网",
    "云端",
    "专场",
    "发布",
    "对接",
    "会议",
    "城市",
    "中心",
    "计划",
    "工作站",
    "团队",
    "产品",
    "应用",
    "系统",
    "网络",
    "安全",
    "教育",
    "文化",
]
EN_WORDS = [
    "overseas",
    "scholars",
    "innovation",
    "startup",
    "project",
    "roadshow",
    "investment",
    "institution",
    "artificial",
    "intelligence",
    "big",
    "data",
    "biotech",
    "medicine",
    "new",
    "energy",
    "manufacturing",
    "smart",
    "chip",
    "materials",
    "forum",
    "exchange",
    "signing",
    "cooperation",
    "platform",
    "incubation",
    "acceleration",
    "talent",
    "technology",
    "enterprise",
    "university",
    "research",
    "transfer",
    "industry",
    "park",
    "policy",
    "capital",
    "financing",
    "market",
    "international",
    "development",
    "service",
    "digital",
    "economy",
    "ocean",
    "green",
    "health",
    "medical",
    "information",
    "industrial",
    "internet",
    "cloud",
    "launch",
    "meeting",
    "city",
    "centre",
    "programme",
    "station",
    "team",
    "product",
    "application",
    "system",
    "network",
    "security",
    "education",
    "culture",
]
CITIES = [
    ("大连", "Dalian"),
    ("北京", "Beijing"),
    ("上海", "Shanghai"),
    ("深圳", "Shenzhen"),
    ("沈阳", "Shenyang"),
    ("长春", "Changchun"),
    ("哈尔滨", "Harbin"),
]
STATIONS = [
    ("north-bay", "北湾", "North Bay", "美国", "United States", "America/Los_Angeles"),
    ("east-harbour", "东港", "East Harbour", "美国", "United States", "America/New_York"),
    ("rain-city", "雨城", "Rain City", "加拿大", "Canada", "America/Vancouver"),
    ("old-bridge", "古桥", "Old Bridge", "英国", "United Kingdom", "Europe/London"),
    ("cherry-hill", "樱丘", "Cherry Hill", "日本", "Japan", "Asia/Tokyo"),
    ("lake-view", "湖景", "Lake View", "德国", "Germany", "Europe/Berlin"),
]
INDUSTRIES = [
    ("ai", "人工智能", "artificial intelligence"),
    ("bio", "生物技术", "biotechnology"),
    ("energy", "新能源", "new energy"),
    ("data", "大数据", "big data"),
    ("making", "先进制造", "advanced manufacturing"),
]
KINDS = ["roadshow", "forum", "exchange", "signing", "conference", "launch"]
SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("胡", "Hu"),
    ("朱", "Zhu"),
    ("高", "Gao"),
    ("林", "Lin"),
    ("何", "He"),
    ("郭", "Guo"),
    ("马", "Ma"),
    ("罗", "Luo"),
]
GIVEN = [
    ("明", "ming"),
    ("华", "hua"),
    ("伟", "wei"),
    ("芳", "fang"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("洋", "yang"),
    ("艳", "yan"),
    ("勇", "yong"),
    ("军", "jun"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("超", "chao"),
    ("秀", "xiu"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("桂", "gui"),
    ("英", "ying"),
    ("文", "wen"),
    ("博", "bo"),
    ("宇", "yu"),
    ("晨", "chen"),
    ("欣", "xin"),
    ("然", "ran"),
    ("思", "si"),
    ("远", "yuan"),
]
ROOMS = [
    ("main-hall", "主会场", "Main hall"),
    ("hall-a", "A厅", "Hall A"),
    ("hall-b", "B厅", "Hall B"),
    ("hall-c", "C厅", "Hall C"),
    ("roadshow-hall", "路演厅", "Roadshow hall"),
    ("signing-hall", "签约厅", "Signing hall"),
]
SLOTS = [
    ("09:00", "10:00"),
    ("10:15", "11:30"),
    ("11:30", "12:00"),
    ("13:30", "14:45"),
    ("15:00", "16:15"),
    ("16:30", "17:30"),
]
SESSION_KINDS = ["keynote", "forum", "panel", "roadshow", "signing", "exchange", "workshop"]
TRACKS = [("人工智能", "AI"), ("生物医药", "Life sciences"), ("新能源", "New energy"), ("投资", "Investment")]


class Text:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def zh(self, words: int) -> str:
        return "".join(self.rng.choice(ZH_WORDS) for _ in range(words)) + "。"

    def en(self, words: int) -> str:
        text = " ".join(self.rng.choice(EN_WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def pair(self, zh_words: int, en_words: int) -> dict[str, str]:
        return {"zh": self.zh(zh_words), "en": self.en(en_words)}

    def title(self) -> dict[str, str]:
        zh = "".join(self.rng.choice(ZH_WORDS) for _ in range(self.rng.randint(3, 6)))
        en = " ".join(self.rng.choice(EN_WORDS) for _ in range(self.rng.randint(3, 7))).title()
        return {"zh": zh, "en": en}


def people(rng: random.Random, text: Text, count: int) -> list[dict]:
    """``count`` people with distinct names; one in ten has only a Chinese name (shown as written)."""
    names = [(s, g1, g2) for s in SURNAMES for g1 in GIVEN for g2 in GIVEN]
    found = []
    for index, (surname, first, second) in enumerate(rng.sample(names, count)):
        zh = surname[0] + first[0] + second[0]
        en = f"{surname[1]} {first[1].title()}{second[1]}"
        person: dict = {"id": f"person-{index}", "name": {"zh": zh} if index % 10 == 9 else {"zh": zh, "en": en}}
        if index % 3 == 0:
            person["title"] = {"zh": "教授", "en": "Professor"}
            person["affiliation"] = text.title()
            person["bio"] = text.pair(40, 45)
        found.append(person)
    return found


SPOKEN = {
    "main-hall": {"language": "zh", "interpretation": ["en"]},
    "hall-a": {"language": "en"},
    "hall-b": {"language": "zh-en"},
    "hall-c": {"language": "zh"},
}
"""What is spoken in a summit week's rooms (the other rooms say nothing)."""


def summit_week(rng: random.Random, text: Text, start: str, people_ids: list[str], days: int = 3) -> dict:
    """The rooms and sessions of a summit week: ``days`` days of six rooms and six slots each, after an
    opening ceremony for every room on the first morning."""
    first = dt.date.fromisoformat(start)
    rooms = [{"id": i, "name": {"zh": zh, "en": en}} for i, zh, en in ROOMS]
    sessions = []
    for day in range(days):
        date = (first + dt.timedelta(days=day)).isoformat()
        if day == 0:
            opening = {"zh": "开幕式", "en": "Opening ceremony"}
            sessions.append(
                {
                    "id": "opening",
                    "title": opening,
                    "kind": "ceremony",
                    "day": date,
                    "start": "08:30",
                    "end": "09:00",
                    "speakers": rng.sample(people_ids, 3),
                    "language": "zh",
                    "interpretation": ["en"],
                }
            )
        for slot, (begin, end) in enumerate(SLOTS):
            chosen = rng.sample(people_ids, 3 * len(ROOMS))  # nobody in two rooms at once
            for index, (room, *_) in enumerate(ROOMS):
                track = rng.choice(TRACKS)
                session = {
                    "id": f"d{day + 1}-{slot + 1}-{room}",
                    "title": text.title(),
                    "kind": rng.choice(SESSION_KINDS),
                    "day": date,
                    "start": begin,
                    "end": end,
                    "room": room,
                    "track": {"zh": track[0], "en": track[1]},
                    "speakers": chosen[3 * index : 3 * index + 2],
                    "moderators": chosen[3 * index + 2 : 3 * index + 3],
                    "summary": text.pair(20, 22),
                    **copy.deepcopy(SPOKEN.get(room, {})),  # a list shared would be written as a YAML alias
                }
                sessions.append(session)
    return {"rooms": rooms, "sessions": sessions}


def generate(target: Path, scale: float = 1.0, seed: int = 2000) -> dict[str, int]:
    """Write the archive into ``target`` (a content folder); returns the record counts."""
    rng = random.Random(seed)
    text = Text(rng)
    n_events, n_projects, n_partners = round(2000 * scale), round(5000 * scale), round(300 * scale)
    years = list(range(2006, 2026))
    target.mkdir(parents=True, exist_ok=True)
    (target / "events").mkdir(exist_ok=True)
    site = {
        "name": {"zh": "示例海外学子创新周", "en": "Example Overseas Scholar Innovation Week"},
        "short_name": {"zh": "示例周", "en": "EXAMPLEWEEK"},
        "acronym": "EXAMPLEWEEK",
        "host_city": {"zh": "大连", "en": "Dalian"},
        "description": text.pair(40, 45),
        "history": [{"year": 2006, "text": text.pair(20, 20)}, {"year": 2016, "text": text.pair(20, 20)}],
        "mission": {"year": 2025, "slogan": text.pair(10, 10), "principles": [text.pair(3, 2) for _ in range(4)]},
        "figures": [
            {
                "id": f"figure-{i}",
                "value": rng.randint(10, 50000),
                "qualifier": "about",
                "label": text.pair(4, 4),
                "as_of": 2025,
            }
            for i in range(8)
        ],
        "industries": [{"id": i, "name": {"zh": zh, "en": en}} for i, zh, en in INDUSTRIES],
    }
    stations = [
        {
            "id": i,
            "name": {"zh": f"{zh}工作站", "en": f"{en} Station"},
            "city": {"zh": zh, "en": en},
            "country": {"zh": czh, "en": cen},
            "timezone": tz,
            "description": text.pair(30, 35),
        }
        for i, zh, en, czh, cen, tz in STATIONS
    ]
    partners = [
        {
            "id": f"partner-{i}",
            "name": text.title(),
            "kind": rng.choice(["investor", "company", "institution"]),
            "website": f"https://partner-{i}.example.org/",
            "description": text.pair(20, 25),
        }
        for i in range(n_partners)
    ]
    projects = [
        {
            "id": f"project-{i}",
            "name": text.title(),
            "station": rng.choice(STATIONS)[0],
            "industries": [rng.choice(INDUSTRIES)[0]],
            "stage": {"zh": "A轮", "en": "Series A"},
            "status": rng.choice(["seeking", "funded", "landed"]),
            "summary": text.pair(60, 70),
        }
        for i in range(n_projects)
    ]
    by_year: dict[int, list[dict]] = {y: [] for y in years}
    for i in range(n_events):
        year = years[i * len(years) // max(n_events, 1)]
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        city = rng.choice(CITIES)
        event = {
            "id": f"{year}-{month:02d}-{day:02d}-event-{i}",
            "title": text.title(),
            "kind": rng.choice(KINDS),
            "format": rng.choice(["online", "offline", "hybrid"]),
            "date": f"{year}-{month:02d}-{day:02d}",
            "start": f"{rng.randint(8, 20):02d}:00",
            "end": f"{rng.randint(21, 22):02d}:30",
            "city": {"zh": city[0], "en": city[1]},
            "stations": rng.sample([s[0] for s in STATIONS], 2),
            "partners": [f"partner-{rng.randrange(max(n_partners, 1))}"] if n_partners else [],
            "projects": [f"project-{rng.randrange(max(n_projects, 1))}"] if n_projects else [],
            "industries": [rng.choice(INDUSTRIES)[0]],
            "summary": text.pair(50, 60),
            "body": text.pair(150, 160),
            "status": "held",
            "registration": f"https://register.example.org/{i}",
        }
        by_year[year].append(event)
    n_weeks = round(20 * scale)
    n_people = max(round(3000 * scale), 18 if n_weeks else 0)
    crowd = people(rng, text, n_people)
    ids = [p["id"] for p in crowd]
    n_sessions = 0
    for year in years[-n_weeks:] if n_weeks else []:
        programme = summit_week(rng, text, f"{year}-07-10", ids)
        n_sessions += len(programme["sessions"])
        event = {
            "id": f"{year}-07-10-summit-week",
            "title": {"zh": f"{year}年海外学子创新周", "en": f"Innovation Week {year}"},
            "kind": "conference",
            "format": "hybrid",
            "date": f"{year}-07-10",
            "end_date": f"{year}-07-12",
            "start": "09:00",
            "end": "17:30",
            "city": {"zh": "大连", "en": "Dalian"},
            "venue": {"zh": "国际会议中心", "en": "International Conference Centre"},
            "stations": [s[0] for s in STATIONS[:2]],
            "summary": text.pair(50, 60),
            "status": "held",
            **programme,
        }
        by_year[year].append(event)
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)  # noqa: E731
    (target / "site.yml").write_text(dump(site), encoding="utf-8")
    (target / "stations.yml").write_text(dump({"stations": stations}), encoding="utf-8")
    (target / "partners.yml").write_text(dump({"partners": partners}), encoding="utf-8")
    (target / "projects.yml").write_text(dump({"projects": projects}), encoding="utf-8")
    if crowd:
        (target / "people.yml").write_text(dump({"people": crowd}), encoding="utf-8")
    for year, events in by_year.items():
        (target / "events" / f"{year}.yml").write_text(dump({"events": events}), encoding="utf-8")
    return {
        "events": n_events + n_weeks,
        "projects": n_projects,
        "partners": n_partners,
        "stations": len(stations),
        "sessions": n_sessions,
        "people": n_people,
    }
