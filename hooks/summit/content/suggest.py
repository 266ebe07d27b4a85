"""Did you mean: the record an editor probably meant by an id that is not there, found by its id or by
its name in either language (``东京`` finds ``tokyo``, ``chen-jin`` finds ``chen-jing``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from ..errors import Both, Message, say

Names = tuple[str | None, str | None]
"""A record's name in Chinese and English."""
_WIDE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def suggest(ref: str, candidates: Mapping[str, Names]) -> str | None:
    """The id among ``candidates`` (id -> names) that ``ref`` most probably means, or None."""
    wanted = ref.strip().lower()
    if not wanted or not candidates:
        return None
    for record_id, names in candidates.items():
        if any(name and name.strip().lower() == wanted for name in names):
            return record_id
    shortest = 2 if _WIDE.search(wanted) else 3
    if len(wanted) >= shortest:
        inside = [
            (len(name), record_id)
            for record_id, names in candidates.items()
            for name in names
            if name and (wanted in name.lower() or (len(name) >= shortest and name.lower() in wanted))
        ]
        if inside:
            return min(inside)[1]
    close = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.6)
    if close:
        return close[0]
    by_name = {name.lower(): record_id for record_id, names in candidates.items() for name in names if name}
    close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.6)
    return by_name[close[0]] if close else None


def hint(ref: str, candidates: Mapping[str, Names]) -> Message | str:
    """``；是不是「tokyo」（东京）？`` for ``ref``, or nothing."""
    found = suggest(ref, candidates)
    if found is None:
        return ""
    zh, en = candidates[found]
    if (zh or en) and (zh or en) != found:
        return say("content.did_you_mean_named", id=found, name=Both(zh or en or "", en or zh or ""))
    return say("content.did_you_mean", id=found)
