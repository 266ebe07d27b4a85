"""Reading offline at the venue, in Chromium: after one visit the home page, the schedule, the agenda, an
opened event with its programme, its people and its api file open with no network, in the language they
were read in (days and filters work); a page never opened says so in both languages; back online after
a new build the new pages are shown with a quiet notice and only the changed files are fetched again;
the cache stays within its bounds and a page kept again is never missing meanwhile; nothing is
registered from file://, and the preview's worker removes itself."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_programme import SUMMIT_WEEK, built  # noqa: F401 (the fixture)

from browser import local_context, serve

pytestmark = pytest.mark.site

EVENT = f"events/{SUMMIT_WEEK}/"


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Path:  # noqa: F811 (test_programme's site with the summit week)
    """A copy of the built site that a test may build "again" (change and give a new worker)."""
    copy = tmp_path / "site"
    shutil.copytree(built, copy)
    return copy


@pytest.fixture
def asked() -> list[str]:
    """The paths the server was asked for."""
    return []


@pytest.fixture
def base(site: Path, asked: list[str]) -> Iterator[str]:
    with serve(site, asked) as url:
        yield url


def kept(page, name: str = "summit-pages") -> list[str]:
    return page.evaluate(f"caches.open('{name}').then(c => c.keys()).then(keys => keys.map(r => r.url))")


def wait_kept(page, urls: list[str], name: str = "summit-pages", seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not set(urls) <= set(kept(page, name)):
        assert time.monotonic() < deadline, sorted(set(urls) - set(kept(page, name)))
        page.wait_for_timeout(100)


def until(page, promise: str, seconds: float = 20) -> None:
    """Wait until the page's ``promise`` resolves to a true value."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(promise):
        assert time.monotonic() < deadline, promise
        page.wait_for_timeout(100)


def visit(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    return page


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_what_was_read_opens_offline_in_its_language(chromium, base: str, prefix: str) -> None:
    context = local_context(chromium, viewport={"width": 390, "height": 844}, timezone_id="Asia/Shanghai")
    home = visit(context, base + prefix)
    heading = home.inner_text("h1")
    wait_kept(home, [base + prefix, base + prefix + "schedule/", base + prefix + "agenda/"])
    event = visit(context, base + prefix + EVENT)
    people = event.eval_on_selector_all(
        ".summit-programme a[href*='/people/']", "links => [...new Set(links.map(a => a.href.split('#')[0]))]"
    )
    assert len(people) > 50
    wait_kept(event, [base + prefix + EVENT, base + prefix + f"api/events/{SUMMIT_WEEK}.json", *people])
    event.locator("label[for=tab-2030-07-11]").click()
    event.locator("#session-d2-3-hall-a .summit-star").click()  # a session for my agenda
    title = event.inner_text("h1")

    context.set_offline(True)
    page = context.new_page()
    page.goto(base + prefix)
    assert page.inner_text("h1") == heading
    page.goto(base + prefix + "schedule/")
    assert page.locator(".summit-events li").count() > 0
    page.goto(base + prefix + EVENT)
    assert page.inner_text("h1") == title
    page.locator("label[for=tab-2030-07-11]").click()  # another day
    assert page.locator("#session-d2-3-hall-a").is_visible()
    page.select_option("select[name=room]", "hall-a")  # a filter, kept in the address
    assert page.url.endswith("?room=hall-a")
    assert not page.locator("#session-d2-3-hall-b").is_visible()
    name = page.locator("#session-d2-3-hall-a .summit-session__people a").first
    expected = name.inner_text()
    name.click()
    page.wait_for_url(f"**/{prefix}people/**")
    assert expected in page.inner_text("h1")
    page.goto(base + prefix + "agenda/")
    page.locator(".summit-agenda__when").first.wait_for()
    said = page.locator(".summit-update--offline[role=status]")
    assert said.inner_text() == (
        "离线浏览：显示的是本机保存的内容。" if not prefix else "Offline: showing what this device has kept."
    )
    assert "d2-3-hall-a" in page.inner_html(".summit-agenda") or page.locator(".summit-agenda li").count() == 1
    # a page never opened: said in both languages, with the way home
    never = page.goto(base + prefix + "about/")
    assert never is not None and never.status == 503
    text = page.inner_text("body")
    assert "这个页面还没有保存到本机" in text and "This page has not been saved on this device yet" in text
    page.click(f"text={'返回首页' if not prefix else 'Back to the home page'}")
    assert page.inner_text("h1") == heading
    # the other language was not read: not kept
    other = "en/" if not prefix else ""
    assert page.goto(base + other + EVENT).status == 503
    usage = page.evaluate("navigator.storage.estimate().then(e => e.usage)")
    print(f"\nkept after the home page and the summit week ({prefix or 'zh'}): {usage / 1e6:.2f} MB")
    assert usage < 6_000_000
    context.close()


def test_a_new_build_is_taken_online_with_a_quiet_notice(chromium, site: Path, base: str, asked: list[str]) -> None:
    from summit.outputs.offline import precache, write_worker

    context = local_context(chromium, viewport={"width": 1280, "height": 900})
    page = visit(context, base + EVENT)
    before = dict(precache(site))
    wait_kept(page, [f"{base}{path}?v={digest}" for path, digest in before.items()], "summit-assets")
    wait_kept(page, [base + EVENT])  # (the first visit is kept once the page has asked for it)
    context.set_offline(True)
    page.reload()
    assert page.inner_text("h1") == "海创周主会"
    context.set_offline(False)

    # a new build: the event renamed, the site's style changed, a new worker
    page_file = site / EVENT / "index.html"
    page_file.write_text(
        page_file.read_text(encoding="utf-8").replace("海创周主会", "海创周主会（新）"), encoding="utf-8"
    )
    style = site / "assets/stylesheets/extra.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n/* the new build */\n", encoding="utf-8")
    asked.clear()
    write_worker(site, dt.datetime.now(dt.UTC))
    after = dict(precache(site))
    assert [p for p in after if after[p] != before[p]] == ["assets/stylesheets/extra.css"]

    page.goto(base + EVENT)
    if page.inner_text("h1") != "海创周主会（新）":  # (a loaded machine: the server took longer than TIMEOUT)
        page.reload()
    assert page.inner_text("h1") == "海创周主会（新）"  # the network first
    assert page.locator(".summit-update--offline").count() == 0  # online again: no offline line
    notice = page.locator(".summit-update:not(.summit-update--offline)[role=status]")
    notice.wait_for(timeout=20_000)
    assert notice.inner_text().startswith("网站已更新。")
    wait_kept(page, [f"{base}assets/stylesheets/extra.css?v={after['assets/stylesheets/extra.css']}"], "summit-assets")
    until(page, "navigator.serviceWorker.getRegistration().then(r => r.active.state === 'activated')")
    assets = kept(page, "summit-assets")
    assert f"{base}assets/stylesheets/extra.css?v={before['assets/stylesheets/extra.css']}" not in assets
    assert len(assets) == len(after)
    # only what changed was fetched again (the rest stayed in the cache)
    fetched = {path.split("?")[0] for path in asked if path.startswith("/assets/")}
    assert fetched == {"/assets/stylesheets/extra.css"}, fetched
    notice.locator("button").click()
    page.wait_for_load_state()
    assert page.locator(".summit-update:not(.summit-update--offline)").count() == 0
    context.set_offline(True)
    page.reload()
    assert page.inner_text("h1") == "海创周主会（新）"  # and kept for offline
    context.close()


def test_the_kept_pages_are_bounded_least_recently_used_first(chromium, base: str) -> None:
    context = local_context(chromium)
    # the same worker with room for five pages (every page registers it: each asks for that one)
    context.add_init_script(
        "if (navigator.serviceWorker) { const real = navigator.serviceWorker.register.bind(navigator.serviceWorker);"
        " navigator.serviceWorker.register = (url, options) => real(url + '?pages=5', options);"
        # and each page notes the worker's answer to its request to keep (a reader stays that long)
        " navigator.serviceWorker.addEventListener('message', e => {"
        " if (e.data && e.data.type === 'summit-kept') window.__kept = true; }); }"
    )
    page = visit(context, base)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("sw.js?pages=5")
    page.wait_for_function("window.__kept === true")
    pages = ["schedule/", "about/", "partners/", "stations/", "projects/", "people/", "changes/"]
    for path in pages:
        page.goto(base + path)
        page.wait_for_function("window.__kept === true")
        # what every page asks for is never the one to go (it is used again by each page)
        assert {base, base + "schedule/", base + "agenda/"} <= set(kept(page)), (path, kept(page))
    until(page, "caches.open('summit-pages').then(c => c.keys()).then(keys => keys.length <= 5)")
    urls = kept(page)
    # the last page and what every page asks to keep (home, schedule, agenda) stay; the first pages went
    assert len(urls) <= 5 and base + "changes/" in urls and base + "schedule/" in urls, urls
    assert base + "about/" not in urls and base + "partners/" not in urls, urls
    context.close()


def test_a_kept_page_is_never_missing_while_it_is_kept_again(chromium, base: str) -> None:
    """Keeping a page again (a newer copy, or one counted as used) replaces it in one step: a reader who
    goes offline while the worker is busy keeping an event's people still finds the home page."""
    context = local_context(chromium)
    page = visit(context, base)
    wait_kept(page, [base, base + "schedule/", base + "agenda/"])
    people = [f"{base}people/person-{n}/" for n in range(60)]
    missing = page.evaluate(
        """async ([home, people]) => {
            const answered = new Promise(resolve => navigator.serviceWorker.addEventListener("message",
                e => { if (e.data && e.data.type === "summit-kept") resolve(true); }));
            // a lookup every 2 ms, not waiting for the one before: they queue among the worker's puts
            const looks = [];
            const timer = setInterval(() => looks.push(caches.match(home, {cacheName: "summit-pages"})), 2);
            navigator.serviceWorker.controller.postMessage({type: "summit-keep", urls: [home, ...people]});
            const done = await Promise.race([answered, new Promise(resolve => setTimeout(resolve, 20000, false))]);
            clearInterval(timer);
            const found = await Promise.all(looks);
            return [found.filter(f => !f).length, found.length, done];
        }""",
        [base, people],
    )
    # answered, and looked at many times while the people were kept
    assert missing[0] == 0 and missing[1] > 10 and missing[2], missing
    assert set(people) <= set(kept(page))
    context.close()


def test_nothing_is_registered_from_a_file(chromium, built: Path, base: str) -> None:  # noqa: F811
    spy = (
        "window.__registered = [];"
        "if (navigator.serviceWorker) { const real = navigator.serviceWorker.register.bind(navigator.serviceWorker);"
        " navigator.serviceWorker.register = (url, options) => { window.__registered.push([String(url), options && options.scope]);"
        " return real(url, options); }; }"
    )
    context = local_context(chromium)
    context.add_init_script(spy)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built / EVENT / "index.html").as_uri())
    page.wait_for_timeout(500)
    assert page.evaluate("window.__registered") == [] and errors == []
    page.goto(base + "en/" + EVENT)  # over http: once, at the site's root, for both languages
    page.wait_for_function("window.__registered.length > 0")
    assert page.evaluate("window.__registered") == [[base + "sw.js", base]]
    context.close()


def test_the_previews_worker_removes_itself_and_what_was_kept(chromium, site: Path, base: str) -> None:
    from summit.outputs.offline import RETIRE

    context = local_context(chromium)
    page = visit(context, base)
    wait_kept(page, [base + "schedule/"])
    (site / "sw.js").write_bytes(RETIRE)  # what the preview serves
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    until(
        page,
        "navigator.serviceWorker.getRegistrations().then(r => r.length === 0)"
        ".then(none => none && caches.keys()).then(names => names && names.length === 0)",
    )
    context.close()
