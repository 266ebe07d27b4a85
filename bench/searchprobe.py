"""The search box at archive scale, in headless Chromium: what one query downloads and how soon its
first results show (a large index is searched in parts, the first part's best shown at once) and how
soon the whole ranked list. Figures, not assertions.

Each query runs in a fresh browser (nothing cached), typed into the search box of the home page of its
language: the download counts every response after the page itself (Pagefind's script, worker, WebAssembly,
metadata, index shards and result fragments, and the site's word list), text types gzipped as GitHub
Pages serves them. Latency is measured in the page, from the keystroke to the rendered results: typed
once the index the box starts loading on focus is ready (its shards for the query are what remain), and
cold (typed at once, everything fetched meanwhile)."""

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from browser import browser, serve  # noqa: E402

COMPRESSED = ("javascript", "json", "css", "html", "svg", "text/")
"""Content types a static host sends gzipped (Pagefind's own files are gzipped already)."""


def queries(content: Path) -> dict[str, list[tuple[str, str]]]:
    """Queries over the archive at ``content``, each with the page that should come first: names of
    stations, partners, events, projects and people, and common words that many pages hold (the largest shards)."""

    def load(name: str) -> list[dict]:
        return yaml.safe_load((content / name).read_text("utf-8")) or {}

    stations = load("stations.yml")["stations"]
    partners = load("partners.yml")["partners"]
    projects = load("projects.yml")["projects"]
    events = [e for f in sorted((content / "events").glob("*.yml")) for e in load(f"events/{f.name}")["events"]]
    people = load("people.yml")["people"] if (content / "people.yml").is_file() else []
    out: dict[str, list[tuple[str, str]]] = {"zh": [], "en": []}
    for lang, prefix in (("zh", "/"), ("en", "/en/")):
        pick = [
            *[(s["name"][lang], f"{prefix}stations/{s['id']}/") for s in stations[:4]],
            *[(p["name"][lang], f"{prefix}partners/#{p['id']}") for p in partners[:4]],
            *[(e["title"][lang], f"{prefix}events/{e['id']}/") for e in events[:: max(1, len(events) // 5)][:5]],
            *[(p["name"][lang], f"{prefix}projects/{p['id']}/") for p in projects[:: max(1, len(projects) // 3)][:3]],
            (stations[0]["city"][lang], f"{prefix}stations/{stations[0]['id']}/"),
            *[
                (p["name"].get(lang) or p["name"]["zh"], f"{prefix}people/{p['id']}/")
                for p in people[:: max(1, len(people) // 4)][:4]
            ],
        ]
        common = (
            ["人工智能", "海外学子 路演", "工作站", "创新创业", "投资机构"]
            if lang == "zh"
            else [
                "artificial intelligence",
                "overseas scholars roadshow",
                "station",
                "innovation",
                "investment institution",
            ]
        )
        out[lang] = pick + [(q, "") for q in common]
    return out


def _size(response) -> int:
    try:
        body = response.body()
    except Exception:  # a response without a body (redirect, aborted)
        return 0
    kind = (response.headers.get("content-type") or "").lower()
    return len(gzip.compress(body, 6)) if any(k in kind for k in COMPRESSED) else len(body)


def _search(page, query: str) -> tuple[int, int]:
    """Type ``query``; milliseconds to the first results shown and to the whole ranked list."""
    box = page.locator("#summit-search-input")
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('.summit-search').dataset.searched === q", arg=query, timeout=60000
    )
    first, done = page.evaluate(
        "[...['firstMs', 'searchMs']].map(k => document.querySelector('.summit-search').dataset[k])"
    )
    return int(first), int(done)


def probe(site: Path, content: Path, limit: int | None = None) -> dict:
    """Run the queries (``limit`` per language) against the built ``site``; per-query bytes and times,
    and their summary."""
    rows = []
    with serve(site) as base, browser() as chromium:
        for lang, items in queries(content).items():
            items = items[:limit] if limit else items
            home = base if lang == "zh" else base + "en/"
            for query, expected in items:
                # typed after the box got focus (the index loads on focus): what a visitor sees
                context = chromium.new_context()
                page = context.new_page()
                page.goto(home)
                page.wait_for_load_state("networkidle")
                sizes: list[int] = []
                page.on("response", lambda r, sizes=sizes: sizes.append(_size(r)))
                page.locator("#summit-search-input").click()
                page.wait_for_selector(".summit-search[data-ready]", state="attached", timeout=60000)
                typed_ms, done_ms = _search(page, query)
                page.wait_for_load_state("networkidle")
                downloaded = sum(sizes)
                hrefs = page.evaluate("[...document.querySelectorAll('.summit-search__results a')].map(a => a.href)")
                found = [h[len(base) - 1 :] for h in hrefs]
                total = page.evaluate("document.querySelector('.summit-search__count').textContent")
                context.close()
                # typed at once into a page that has loaded nothing of the index yet
                context = chromium.new_context()
                page = context.new_page()
                page.goto(home)
                page.wait_for_load_state("networkidle")
                page.locator("#summit-search-input").click()
                cold_ms, _ = _search(page, query)
                context.close()
                rows.append(
                    {
                        "lang": lang,
                        "query": query,
                        "bytes": downloaded,
                        "typed_ms": typed_ms,
                        "done_ms": done_ms,
                        "cold_ms": cold_ms,
                        "results": total,
                        "top3": (expected in found[:3]) if expected else None,
                    }
                )
    named = [r for r in rows if r["top3"] is not None]
    kib = [r["bytes"] / 1024 for r in rows]
    return {
        "search_queries": len(rows),
        "search_kib_max": round(max(kib), 1),
        "search_kib_median": round(statistics.median(kib), 1),
        "search_typed_ms_median": statistics.median(r["typed_ms"] for r in rows),
        "search_typed_ms_max": max(r["typed_ms"] for r in rows),
        "search_done_ms_median": statistics.median(r["done_ms"] for r in rows),
        "search_done_ms_max": max(r["done_ms"] for r in rows),
        "search_cold_ms_median": statistics.median(r["cold_ms"] for r in rows),
        "search_cold_ms_max": max(r["cold_ms"] for r in rows),
        "search_top3": f"{sum(1 for r in named if r['top3'])}/{len(named)}",
        "search_rows": rows,
    }
