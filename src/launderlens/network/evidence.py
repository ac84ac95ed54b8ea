"""Evidence that two outlets act as one: shared infrastructure (from the indicators the
store keeps) and shared behaviour (from its stories), as :class:`Link` records per pair.

Infrastructure: outlets whose pages showed the same value of one kind (an AdSense account,
a template hash) are linked with that indicator's tier. Values of a supporting kind that
many outlets share (WordPress, a stock theme) are skipped outright: they say nothing, and
their pairs would grow as the square of the outlets.

Behaviour (:mod:`.behaviour`) adds co-publication and shared added sentences. Scoring is in
:mod:`.graph`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..outlets.fingerprints import KINDS, Tier

__all__ = ["MAX_SHARED", "MAX_STOCK_SHARED", "MAX_SUPPORTING_SHARED", "STOCK_KINDS", "Link",
           "infrastructure_links", "pair"]

#: Outlets one value may join; a value on more sites is a shared service, not an operator.
MAX_SHARED = 500
#: Outlets a supporting value may join before it is taken for a common one.
MAX_SUPPORTING_SHARED = 25
#: Kinds a stock product can give many unrelated sites (a theme's default icon or footer
#: blurb): as many outlets at most as a supporting value.
STOCK_KINDS = frozenset({"favicon", "about_text"})
MAX_STOCK_SHARED = MAX_SUPPORTING_SHARED


@dataclass(frozen=True, slots=True)
class Link:
    """One piece of evidence joining the outlets ``a`` < ``b`` (outlet keys)."""

    a: str
    b: str
    kind: str
    tier: Tier
    detail: str
    value: str = ""
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "tier": self.tier, "detail": self.detail}
        if self.value:
            out["value"] = self.value
        return out


def pair(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x < y else (y, x)


def infrastructure_links(rows: Iterable[tuple[str, str, str, int]]) -> Iterator[Link]:
    """Links between outlets that share an indicator value.

    ``rows`` are ``(outlet key, kind, value, articles)`` as
    :meth:`~launderlens.store.Store.outlet_indicators` gives them.
    """
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, kind, value, _articles in rows:
        if kind in KINDS:
            holders[(kind, value)].add(key)
    for (kind, value), keys in sorted(holders.items()):
        tier, sentence = KINDS[kind]
        limit = (MAX_SUPPORTING_SHARED if tier == "supporting" else
                 MAX_STOCK_SHARED if kind in STOCK_KINDS else MAX_SHARED)
        if len(keys) < 2 or len(keys) > limit:
            continue
        ordered = sorted(keys)
        detail = sentence.format(value=value)
        for i, x in enumerate(ordered):
            for y in ordered[i + 1:]:
                yield Link(x, y, kind, tier, detail, value)
