"""The dated knowledge base: who held which office when, dated events, and news outlets with
their state affiliation, each fact with a public source.

Checks ask it questions such as "who was President of Poland on 14 October 2025?" or "is
tass.com state media?"; users extend it with their own data files (YAML, or CSV and
Wikidata JSON through :mod:`launderlens.kb.importers`)::

    from launderlens.kb import load_default
    kb = load_default()
    kb.holders("pl.president", date(2025, 10, 14))   # [OfficeTerm(... karol-nawrocki ...)]
    kb.office_for_phrase("Polish president")          # "pl.president"
    kb.outlet_for("https://tass.com/world/1").state_affiliation   # "state_media"

``kb.as_of`` is the last day the data was verified through: a term without an end date
means "in office on as_of", and later dates are unknown to the KB (:meth:`KnowledgeBase.knows`).
"""

from __future__ import annotations

from .load import (
                   KnowledgeBaseError,
                   Problem,
                   default_data_dir,
                   load,
                   load_default,
                   load_user_kb,
                   user_kb_dir,
)
from .model import (
                   PRECISIONS,
                   ROLES,
                   STATE_AFFILIATIONS,
                   Event,
                   Jurisdiction,
                   KnowledgeBase,
                   Office,
                   OfficeTerm,
                   Outlet,
                   Person,
                   Records,
                   Source,
)

__all__ = [
    "PRECISIONS",
    "ROLES",
    "STATE_AFFILIATIONS",
    "Event",
    "Jurisdiction",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Office",
    "OfficeTerm",
    "Outlet",
    "Person",
    "Problem",
    "Records",
    "Source",
    "default_data_dir",
    "load",
    "load_default",
    "load_user_kb",
    "user_kb_dir",
]
