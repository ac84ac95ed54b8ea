"""Classifying a source phrase: a phrase of a sentence and a knowledge base in, its kind
(``state_media``, ``outlet``, ``body``, ``person``, ``vague``) and state affiliation out, as
a :class:`Candidate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...findings import AttributionKind
from ...kb import KnowledgeBase, Outlet
from ...languages.calendar import MONTH_AND_WEEKDAY_NAMES
from ...languages.casefold import fold_case
from ..entities import known_person
from .outlets import kb_tables, outlet_mentions
from .vocabulary import (
    ANONYMOUS,
    BODY_NOUNS,
    CAPITALS,
    DETERMINERS,
    DOCUMENTS,
    ORG_WORDS,
    OUTLET_NOUNS,
    OUTLET_WORDS,
    PROPER,
    QUALIFIABLE,
    ROLES,
    STATE_MEDIA_GENERIC,
    TITLES,
    VAGUE_ALWAYS,
)

__all__ = ["Candidate", "classify", "outlet_candidate", "person_name"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A source phrase at ``start:end`` of the sentence; ``cue`` is 2 for a framing cue or
    a reporting verb, 1 for a hedge."""

    kind: AttributionKind
    start: int
    end: int
    cue: int
    affiliation: str | None = None


def outlet_candidate(outlet: Outlet, start: int, end: int, cue: int) -> Candidate:
    kind: AttributionKind = ("state_media" if outlet.state_affiliation == "state_media"
                             else "outlet")
    return Candidate(kind, start, end, cue, outlet.state_affiliation)


_RELATIVE_CLAUSE = re.compile(r"\s(?:who|which|whose|whom|that)\b")
_PREPOSITION = re.compile(r"\s(of|for|at|from|in|with|by|on|inside|within)\s")


def classify(text: str, start: int, end: int, kb: KnowledgeBase) -> Candidate | None:
    """The source kind of the phrase ``text[start:end]``, or None when it names no source.

    The phrase is judged by its core, the part before a relative clause ("journalists who
    exposed X" is judged as "journalists"), except that anonymity anywhere makes it vague.
    """
    while start < end and text[start] in "\"“”‘’' ":
        start += 1
    phrase = text[start:end]
    if not phrase:
        return None
    # Articles credit the same few sources again and again ("the ministry", "Reuters"): a
    # phrase is judged once per knowledge base, like a name looked up in it.
    judged = kb_tables(kb).judged
    if phrase not in judged:
        if len(judged) >= _MAX_JUDGED:
            judged.clear()
        judged[phrase] = _judge(phrase, kb)
    found = judged[phrase]
    return Candidate(found[0], start, end, 2, found[1]) if found is not None else None


_MAX_JUDGED = 1 << 16


def _judge(phrase: str, kb: KnowledgeBase) -> tuple[AttributionKind, str | None] | None:
    """The kind and state affiliation of the source ``phrase`` names (see :func:`classify`)."""
    relative = _RELATIVE_CLAUSE.search(phrase)
    core = phrase[:relative.start()] if relative else phrase
    if len(core.split()) > 10:
        return None
    for outlet, _, _ in outlet_mentions(core, kb):
        found = outlet_candidate(outlet, 0, 0, 2)
        return found.kind, found.affiliation
    if STATE_MEDIA_GENERIC.search(fold_case(core)):
        return "state_media", "state_media"
    if ANONYMOUS.search(fold_case(phrase)) and _kind_of_phrase(core, kb) is not None:
        return "vague", None
    kind = _kind_of_phrase(core, kb)
    return (kind, None) if kind is not None else None


def _kind_of_phrase(phrase: str, kb: KnowledgeBase) -> AttributionKind | None:
    """The kind a source phrase (without its relative clause) names, judged by its head
    noun, then by a proper name at its end, then by organisation and outlet words."""
    head_part, _, modifier = _split_head(phrase)
    tokens = head_part.split()
    while len(tokens) > 1 and tokens[-1].islower() and tokens[-1].endswith(("ing", "ed")):
        tokens.pop()  # "claims circulating", "the statement released"
    if not tokens:
        return None
    head = tokens[-1].lower().strip("’'")
    possessive = _possessor(tokens)
    if possessive is not None:
        owner_kind = _kind_of_phrase(possessive, kb)
        if head in VAGUE_ALWAYS:
            return "vague"
        if head in ROLES and owner_kind == "person":
            return "person"
        return "body" if owner_kind in ("person", "body") else owner_kind
    lowered = [t.lower() for t in tokens]
    indefinite = lowered[0] in ("a", "an", "one", "some", "several", "two", "three")
    if ANONYMOUS.search(fold_case(phrase)) or (head in VAGUE_ALWAYS
                                               and head not in DOCUMENTS):
        if head in ("reports", "claims", "documents", "studies") and _named(modifier, kb):
            return _kind_of_phrase(modifier, kb)
        if head in ("analysts", "experts", "researchers", "scientists", "economists",
                    "historians", "scholars", "specialists") and _named(modifier, kb):
            return "body"  # "analysts at Chatham House"
        return "vague"
    if head in DOCUMENTS:
        if _named(modifier, kb):
            return _kind_of_phrase(modifier, kb)
        definite = lowered[0] in ("the", "this", "that")
        return "body" if definite else "vague"
    if head in QUALIFIABLE:  # the head itself, capitalised first in a sentence, is no qualifier
        qualified = any(_is_qualifier(t, kb) for t in tokens[:-1]) or _named(modifier, kb)
        return "body" if qualified else "vague"
    if head in ROLES:
        if head.startswith("spokes") and (indefinite or len(tokens) > 1) and \
                (any(t[:1].isupper() or t.lower() in BODY_NOUNS for t in tokens[:-1])
                 or _named(modifier, kb)):
            return "body"  # "a Kremlin spokesman", "a spokeswoman for the ministry"
        return "vague" if indefinite and not _named(modifier, kb) else "person"
    name = person_name(tokens, kb)
    if name is not None:
        return "person"
    if head in BODY_NOUNS or any(t.strip("’'") in ORG_WORDS for t in tokens):
        return "body"
    if head in OUTLET_NOUNS or any(t in OUTLET_WORDS for t in tokens):
        return "outlet"
    if _is_place_or_acronym(tokens, kb):
        return "body"
    return None


def _split_head(phrase: str) -> tuple[str, str, str]:
    """``phrase`` cut before its first preposition: (head part, preposition, rest)."""
    match = _PREPOSITION.search(phrase)
    if match is None:
        return phrase, "", ""
    return phrase[:match.start()], match.group(1), phrase[match.end():]


def _possessor(tokens: list[str]) -> str | None:
    for i, token in enumerate(tokens[:-1]):
        if token.endswith(("’s", "'s")):
            return " ".join([*tokens[:i], token[:-2]])
        if token.endswith(("s’", "s'")) and token[:1].isupper():
            return " ".join([*tokens[:i], token[:-1]])
    return None


def _named(phrase: str, kb: KnowledgeBase) -> bool:
    """Whether ``phrase`` (a modifier) names an organisation, outlet, place or person."""
    if not phrase.strip():
        return False
    if outlet_mentions(phrase, kb):
        return True
    tokens = phrase.split()
    return any(t[:1].isupper() for t in tokens) or any(t.lower() in BODY_NOUNS
                                                       for t in tokens)


def _is_qualifier(token: str, kb: KnowledgeBase) -> bool:
    bare = token.strip("’'").removesuffix("’s").removesuffix("'s")
    if bare in ORG_WORDS or bare in CAPITALS or (bare.isupper() and len(bare) >= 2):
        return True
    return bare.rstrip(".") in _jurisdiction_words(kb)


def _jurisdiction_words(kb: KnowledgeBase) -> frozenset[str]:
    """Country and organisation names and adjectives of ``kb``, and each of their words."""
    return kb_tables(kb).places


def person_name(tokens: list[str], kb: KnowledgeBase) -> str | None:
    """The proper name that ends ``tokens`` once titles are stripped ("Foreign Minister
    Elina Valtonen" -> "Elina Valtonen"), or None when the phrase does not end in one."""
    run: list[str] = []
    for token in reversed(tokens):
        bare = token.strip("’'\"")
        if not PROPER.fullmatch(bare) or (bare.isupper() and len(bare) > 1):
            break
        run.insert(0, bare.rstrip("."))
    places = _jurisdiction_words(kb)
    titles = [i for i, word in enumerate(run) if word in TITLES or word in places]
    if titles:  # "Finnish Foreign Minister Elina Valtonen": the name follows the last title
        run = run[titles[-1] + 1:]
    if not run or len(run) > 4:
        return None
    name = " ".join(run)
    if known_person(kb, name) is not None:
        return name
    if any(w in ORG_WORDS or w in OUTLET_WORDS or w in CAPITALS or w in MONTH_AND_WEEKDAY_NAMES
           or w in places or w in TITLES for w in run):
        return None
    if len(run) == 1 and run[0].lower() in VAGUE_ALWAYS | BODY_NOUNS | ROLES:
        return None
    return name


def _is_place_or_acronym(tokens: list[str], kb: KnowledgeBase) -> bool:
    bare = [t.strip("’'") for t in tokens if t.lower() not in DETERMINERS]
    if not bare:
        return False
    joined = " ".join(bare).rstrip(".")
    if joined in CAPITALS or joined in _jurisdiction_words(kb):
        return True
    return len(bare) == 1 and bare[0].isupper() and 2 <= len(bare[0]) <= 6
