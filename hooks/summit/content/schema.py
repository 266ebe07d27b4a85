"""JSON Schemas of the content files, generated from the models, for editors' autocompletion.

Each content file starts with ``# yaml-language-server: $schema=...`` pointing at its schema, so VS Code
(with the YAML extension) completes fields and underlines mistakes as the editor types.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .kinds import KINDS
from .models import Site

SCHEMA_DIR = "schema"


FILES: dict[str, tuple[type[BaseModel], str]] = {
    "site": (Site, "site.yml"),
    **{kind.key: (kind.file_model(typed=True), kind.file.replace("<year>", "*")) for kind in KINDS},
}
"""Each schema: the model of its file and the files it is for (``kinds``)."""


ZH = {
    "id": "编号：小写字母、数字和连字符，用于永久网址，勿改",
    "name": "名称",
    "short_name": "简称",
    "acronym": "英文缩写",
    "host_city": "主办城市",
    "timezone": "IANA 时区，例如 Asia/Shanghai",
    "description": "简介",
    "history": "发展历程（按年份）",
    "year": "年份",
    "text": "内容",
    "mission": "使命",
    "slogan": "口号",
    "principles": "活动原则",
    "goals": "工作目标",
    "figures_intro": "关键数据导语",
    "figures": "关键数据",
    "value": "数值（不加千分位）",
    "qualifier": "数值的精确程度：exact 精确、about 约、more-than 超过、nearly 近",
    "label": "说明",
    "as_of": "数据截至年份",
    "programme": "年度活动安排",
    "summary": "摘要",
    "phases": "阶段",
    "domestic_cities": "国内活动城市",
    "overseas_cities": "海外活动地",
    "formats": "活动方式",
    "industries": "产业领域（site.yml 中的编号）",
    "focus": "是否为重点产业",
    "activity_forms": "活动形式",
    "city": "城市",
    "country": "国家",
    "links": "链接",
    "url": "网址（http(s):// 或 mailto:）",
    "aliases": "曾用编号（最早的编号放在第一个）：旧网址将跳转到此；日历和订阅按最早的编号识别这条记录",
    "kind": "类型",
    "website": "网站",
    "station": "海外工作站编号",
    "stage": "融资阶段",
    "status": "状态",
    "title": "标题",
    "format": "形式：online 线上、offline 线下、hybrid 线上+线下；未知时留空",
    "date": "日期 YYYY-MM-DD；日期未定时只写月份 YYYY-MM",
    "end_date": "多日活动的最后一天",
    "start": "开始时间 HH:MM（活动时区）；未知时留空",
    "end": "结束时间 HH:MM",
    "venue": "场馆",
    "stations": "参与的海外工作站编号",
    "partners": "参与的合作伙伴编号",
    "projects": "展示的项目编号",
    "body": "详细介绍（Markdown）",
    "livestream": "直播网址",
    "registration": "报名网址",
    "events": "活动",
    "brand": "品牌色（白色文字在其上须清晰可读）",
    "logo": "标志图片",
    "path": "图片路径（content/images/ 之下）",
    "alt": "图片说明（中英文）",
    "decorative": "仅作装饰（无需说明）",
    "primary": "主色 #RRGGBB：页眉、首屏、按钮和日期块",
    "accent": "辅助色 #RRGGBB：链接悬停和强调",
    "hero": "首页主图",
    "photos": "照片（可加图注）",
    "caption": "图注（中英文）",
    "photo": "照片",
    "people": "嘉宾",
    "unverified": "姓名写法未核实时为 true（页面同时显示中英文）",
    "affiliation": "单位",
    "bio": "简介（Markdown）",
    "rooms": "会场（按日程显示的顺序）",
    "sessions": "日程：各会场、各天的场次",
    "day": "日期 YYYY-MM-DD（活动的某一天）",
    "room": "会场编号",
    "track": "专题",
    "speakers": "演讲嘉宾编号（people.yml）",
    "moderators": "主持人编号（people.yml）",
    "analytics": "统计代码（不写则不统计）",
    "baidu_tongji": "百度统计的站点编号（32位十六进制）",
    "copyright": "版权声明，例如 © 2026 ……",
    "footer": "页脚：主办单位、版权、备案号",
    "icp": "ICP 备案号，例如 辽ICP备12345678号",
    "police": "公安备案号",
    "organisers": "主办单位",
    "month": "月份",
    "zh": "中文",
    "en": "英文",
    # where a kind means something else by a field
    "Event.status": "状态：scheduled 计划中、held 已举行、unreported 举办情况未公布、postponed 延期、cancelled 取消",
    "Event.kind": "类型：roadshow 路演、forum 论坛、exchange 交流、signing 签约、conference 会议、launch 产品发布",
    "Site.industries": "重点产业：每项有编号、名称和是否为重点",
    "Person.name": "姓名（按本人的写法；英文可省略）",
    "Person.title": "头衔",
    "Partner.kind": "类型：investor 投资机构、company 企业、institution 机构、government 政府部门",
    "Project.status": "状态：seeking 寻求投资、funded 已获投资、landed 已落地",
    "Session.kind": "场次类型",
    "language": "使用语言：zh（中文）、en（英文）或 zh-en（中英双语）",
    "interpretation": "同声传译：zh（译为中文）、en（译为英文）",
}


def _bilingual(node: Any) -> None:
    """Add the Chinese to every field's English description."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            said = ZH.get(f"{node.get('title')}.{name}") or ZH.get(name)
            if said and isinstance(prop, dict) and said not in prop.get("description", ""):
                prop["description"] = f"{prop.get('description', '')}\n{said}".strip()
        for value in node.values():
            _bilingual(value)
    elif isinstance(node, list):
        for value in node:
            _bilingual(value)


def schemas() -> dict[str, str]:
    """File name under content/schema/ -> JSON text of the schema."""
    result = {}
    for name, (model, target) in FILES.items():
        schema: dict[str, Any] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$comment": f"Generated from the models for content/{target} by `make schema`; do not edit.",
            **model.model_json_schema(),
        }
        _bilingual(schema)
        result[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return result


def schema_line(file: Path, content: Path) -> str:
    """The modeline that points a content file at its schema."""
    name = "events" if file.parent.name == "events" else file.stem
    relative = Path("..", SCHEMA_DIR) if file.parent != content else Path(SCHEMA_DIR)
    return f"# yaml-language-server: $schema={(relative / f'{name}.schema.json').as_posix()}"


def write_schemas(content: Path) -> list[Path]:
    folder = content / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written
