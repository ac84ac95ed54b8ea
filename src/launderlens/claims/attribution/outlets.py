"""Outlets named in a sentence: text and a knowledge base in, each outlet the text names
(by name, alias or web address) with its span out; and the per-knowledge-base tables that
make the lookup cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...findings import AttributionKind
from ...kb import KnowledgeBase, Outlet

__all__ = ["kb_tables", "outlet_mentions"]


def outlet_mentions(text: str, kb: KnowledgeBase) -> list[tuple[Outlet, int, int]]:
    """Every outlet of ``kb`` named in ``text``, with its span, in order of position.

    Names and aliases match as whole words and case-sensitively, so that "AP" is the
    agency and "ap" is not; an all-capitals name of four letters or more also matches in
    title case ("Tass"). A web address matches the outlet that owns its domain.
    """
    found: list[tuple[Outlet, int, int]] = []
    tables = kb_tables(kb)
    if tables.any_outlet.search(text) is not None:
        # Only the outlets whose names occur at all are searched for as whole words.
        present = {name for name in tables.names if name in text}
        for outlet, names, pattern in tables.outlets:
            if not names.isdisjoint(present):
                found += [(outlet, m.start(), m.end()) for m in pattern.finditer(text)]
    if _TOP_LEVEL_DOMAIN.search(text) is not None:  # a cheap scan before the costly one
        for match in _DOMAIN.finditer(text):
            owner = kb.outlet_for(match.group())
            if owner is not None:
                found.append((owner, match.start(), match.end()))
    found.sort(key=lambda item: (item[1], -item[2]))
    kept: list[tuple[Outlet, int, int]] = []
    for item in found:
        if not kept or item[1] >= kept[-1][2]:
            kept.append(item)
    return kept


_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|ru|cn|ir|by|tr|net|org|uk)\b")
_TOP_LEVEL_DOMAIN = re.compile(r"\.(?:com|ru|cn|ir|by|tr|net|org|uk)\b")


@dataclass(frozen=True, slots=True)
class _Tables:
    kb: KnowledgeBase
    #: Each outlet, the names its pattern matches, and the pattern.
    outlets: list[tuple[Outlet, frozenset[str], re.Pattern[str]]]
    names: tuple[str, ...]  # every outlet's names
    places: frozenset[str]
    #: Any outlet name at all, without word boundaries: one search rules out the
    #: per-outlet patterns for the many sentences that name no outlet.
    any_outlet: re.Pattern[str]
    #: Source phrases already judged: phrase -> (kind, affiliation), or None (no source).
    judged: dict[str, tuple[AttributionKind, str | None] | None] = field(default_factory=dict)


_TABLES: dict[int, _Tables] = {}


def kb_tables(kb: KnowledgeBase) -> _Tables:
    """The lookups built from ``kb``, built once per knowledge base."""
    cached = _TABLES.get(id(kb))
    if cached is not None and cached.kb is kb:
        return cached
    patterns = []
    every_name: set[str] = set()
    for outlet in kb.outlets.values():
        names = {outlet.name, *outlet.aliases}
        names |= {n.title() for n in names if n.isupper() and len(n) >= 4}
        names |= {n.removeprefix("The ") for n in names}
        every_name |= names
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        patterns.append((outlet, frozenset(names),
                         re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])")))
    any_outlet = re.compile("|".join(re.escape(n) for n in sorted(every_name) if n) or "(?!)")
    places: set[str] = {"European", "Kremlin", "Pentagon"}
    for item in kb.jurisdictions.values():
        for text in (item.name, *item.aliases, *item.adjectives):
            places.add(text.rstrip("."))
            places.update(text.rstrip(".").split())
    tables = _Tables(kb, patterns, tuple(sorted(every_name)), frozenset(places), any_outlet)
    if len(_TABLES) > 8:  # a long-lived process that loads many KBs keeps the latest few
        _TABLES.clear()
    _TABLES[id(kb)] = tables
    return tables
