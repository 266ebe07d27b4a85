"""Every output of a site: its pages (``pages``) and the data files beside them (``datafiles``)."""

from __future__ import annotations

from ..schedule.site import Site
from .datafiles import QrCodes, data_at
from .markup import localized_path
from .pages import render_pages


def render_all(site: Site, qr: QrCodes | None = None) -> dict[str, str | bytes]:
    """docs-relative path -> content, for every page and data file in every language (the files a
    standalone `summit generate` writes into docs/)."""
    return {**render_pages(site), **data_at(site, qr, localized_path)}
