"""A stored outlet in; what its page shows about who runs it out: the infrastructure
indicators of its articles' pages, the look-alike flags on its name, and its affiliation
with the source that states it (a link only when it is a plain http(s) URL)."""

from __future__ import annotations

from dataclasses import dataclass

from ..kb.model import KnowledgeBase
from ..outlets.fingerprints import Indicator, indicators
from ..outlets.names import NameFlag, lookalike_flags
from ..report.safety import http_url
from ..store import Store
from ..store.outlets import OutletRecord

__all__ = ["OutletProfile", "outlet_profile"]


@dataclass(frozen=True)
class OutletProfile:
    record: OutletRecord
    indicators: list[Indicator]
    flags: list[NameFlag]
    source_url: str | None


def outlet_profile(store: Store, kb: KnowledgeBase, ref: str) -> OutletProfile | None:
    """The profile of the outlet with key, domain or name ``ref``, or None."""
    record = store.get_outlet(ref)
    if record is None:
        return None
    own = [(kind, value) for _, kind, value, _ in store.outlet_indicators(record.key)]
    flags = lookalike_flags(record.name, record.domains, kb.outlets.values())
    return OutletProfile(record, indicators(own), flags, http_url(record.affiliation_source))
