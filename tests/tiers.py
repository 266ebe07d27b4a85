"""The test tiers (``conftest`` marks them): a test in neither is a unit test, which ``make test-fast`` runs
alone; the helpers that build a site or start Chromium ask ``needs_tier`` first, so the marks hold."""

from __future__ import annotations

from typing import Any

TIERS = {"site": "builds a site with MkDocs", "browser": "drives Chromium"}
running: list[Any] = []
"""The test running now (pytest items; empty outside pytest: scripts and the benchmark use the helpers too)."""


def needs_tier(tier: str) -> None:
    """Fail a test that builds a site or starts Chromium without its tier's marker."""
    for item in running:
        if item.get_closest_marker(tier) is None:
            raise RuntimeError(f"{item.nodeid} {TIERS[tier]} but is not marked @pytest.mark.{tier}")
