"""CHINAOCS summit site generator: content -> typed records -> Markdown pages.

This package has no MkDocs imports; ``hooks/summit_hook.py`` adapts it to MkDocs.
"""

from __future__ import annotations

from .schedule import zones  # noqa: F401  first: every zone comes from the pinned IANA release (summit.schedule.zones)

__all__ = ["__version__"]

__version__ = "0.1.0"
