"""Each kind of record is described once (``summit.content.kinds``): its file, its pages, its search document
and its share card follow from that description."""

from __future__ import annotations

from collections import Counter

from summit.content.kinds import BY_NAME, KINDS, address
from summit.outputs.pages import page_specs
from summit.outputs.search import KINDS as RESULT_KINDS
from summit.outputs.search import documents
from summit.outputs.share import PAGES, Share
from summit.schedule.site import Site


def test_every_kind_with_a_page_is_searched_listed_and_shared() -> None:
    for kind in KINDS:
        assert kind.list_page and kind.search, kind.name
        assert PAGES[kind.list_page] == f"{kind.list_name}.title"
        if kind.template:  # a page of its own: a card of its own or its list's
            assert kind.card, kind.name
    assert set(RESULT_KINDS) == {kind.name for kind in KINDS} | {"page"}


def test_one_search_document_per_record_and_language_at_its_address(fixture_site: Site) -> None:
    docs = documents(fixture_site)
    for lang in ("zh", "en"):
        prefix = "/" if lang == "zh" else "/en/"
        found = Counter((d.kind, d.url) for d in docs if d.lang == lang)
        for kind in KINDS:
            for record in kind.records(fixture_site.content):
                assert found[(kind.name, prefix + address(kind.name, record.id))] == 1, (kind.name, record.id)
        lists = {prefix + page for page in ("schedule/", "stations/", "projects/", "partners/", "people/")}
        assert lists <= {d.url for d in docs if d.lang == lang and d.kind == "page"}


def test_a_record_page_shares_its_own_card_or_its_lists(fixture_site: Site) -> None:
    share = Share(fixture_site)
    by_path = {spec.path: spec for spec in page_specs(fixture_site)}
    seen = Counter()
    for spec in by_path.values():
        kind, record_id = spec.record
        if kind not in BY_NAME:
            continue
        card = share.page(spec.path, spec.record, "en")
        of = BY_NAME[kind]
        record = next(r for r in of.records(fixture_site.content) if r.id == record_id)
        name = getattr(record, of.title).get("en")
        if share.has_own(kind, record_id):
            assert card.title == name and card.kind, spec.path
            seen["own"] += 1
        else:
            assert card == share.page(of.list_page, ("", ""), "en"), spec.path
            seen["list"] += 1
    assert seen["own"] and seen["list"]
