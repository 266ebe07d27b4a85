"""UI phrases and localized dates, times and numbers for the site's two languages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton, get_timezone_location, get_timezone_name
from babel.numbers import format_decimal

from .content.yamlsource import read_yaml

LANGUAGES = ("zh", "en")
"""The site's languages; the first is the default, served at /."""
DEFAULT_LANGUAGE = LANGUAGES[0]
STRINGS_DIR = Path(__file__).parent / "strings"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The phrases of ``lang``, read from strings/<lang>.yml."""
    doc, errors = read_yaml(STRINGS_DIR / f"{lang}.yml", f"strings/{lang}.yml")
    if errors or doc is None or not isinstance(doc.data, dict):
        raise RuntimeError("\n".join(str(e) for e in errors) or f"strings/{lang}.yml is not a mapping")
    return {str(k): str(v) for k, v in doc.data.items()}


@dataclass(frozen=True)
class Locale:
    """Phrases and formats of one language."""

    lang: str

    @property
    def babel(self) -> str:
        return self.t("locale")

    def t(self, key: str, **values: object) -> str:
        """The phrase ``key``, falling back to the default language, then to the key itself."""
        text = catalogue(self.lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
        return text.format(**values) if values else text

    def join(self, items: list[str]) -> str:
        return self.t("list_separator").join(items)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.babel)

    def day(self, day: dt.date) -> str:
        """2020年4月15日 星期三 / Wednesday, April 15, 2020."""
        if self.lang == "zh":
            return f"{format_date(day, 'long', locale=self.babel)} {format_date(day, 'EEEE', locale=self.babel)}"
        return format_date(day, "full", locale=self.babel)

    def date(self, day: dt.date) -> str:
        """2020年4月15日 / April 15, 2020."""
        return format_date(day, "long", locale=self.babel)

    def short_day(self, day: dt.date) -> str:
        """9月1日周日 / Sun, Sep 1."""
        return format_skeleton("MMMEd", day, locale=self.babel)

    def month_day(self, day: dt.date) -> str:
        """4月14日 / Apr 14."""
        return format_skeleton("MMMd", day, locale=self.babel)

    def month(self, year: int, month: int) -> str:
        """2020年5月 / May 2020."""
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=self.babel)

    def zone(self, key: str, site_zone: str, city: str | None = None) -> str:
        """北京时间 for the site's zone; otherwise the time of ``city`` (the venue's or the station's:
        波士顿时间 / Boston time), or of the zone's own city (温哥华时间): a name that stays true when a
        place changes its rules (CLDR's "Pacific Time" would not)."""
        if key == site_zone == "Asia/Shanghai":
            return self.t("zone.site")
        city = city or get_timezone_location(key, locale=self.babel, return_city=True)
        return self.t("zone.city", city=city) if city else get_timezone_name(ZoneInfo(key), "long", locale=self.babel)
