"""The sourcing findings: an article with its sentences, attributions and claims in,
``vague_attribution`` and ``state_media_origin`` findings out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ...findings import Attribution, Claim, Evidence, Finding, Severity
from ...kb import KnowledgeBase, Outlet, load_default
from ...languages.accusations import accusation_terms
from ...languages.casefold import caseless, fold_case
from ...model import Article, Sentence
from ..entities import known_person
from .outlets import outlet_mentions
from .phrases import person_name
from .reader import attribute
from .vocabulary import MAX_SENTENCE_CHARS, PERSON_TITLES

__all__ = ["sourcing_findings"]


_CAPITALISED_RUN = re.compile(r"(?:[A-ZÀ-ÞĀ-Ž][\w’'\-]*\.? ?)+")
_PERSONAL_PRONOUN = caseless(r"\b(?:he|she|him|his|her|hers)\b")
_HEDGE_WORD = re.compile(
    r"(?i:reportedly|allegedly|purportedly|supposedly|reputedly|rumou?redly|alleged"
    r"|(?:is|are|was|were) \w+ to|it \w+(?: been)? \w+)")


def sourcing_findings(article: Article, sentences: Sequence[Sentence],
                      attributions: Sequence[Attribution], claims: Sequence[Claim] | None,
                      *, kb: KnowledgeBase | None = None) -> list[Finding]:
    """The sourcing findings of ``article``: ``vague_attribution`` for each accusation whose
    only source is vague, and ``state_media_origin`` for the article's own state-media
    outlet and for each state-media outlet it credits.

    ``attributions`` and ``claims`` are matched to ``sentences`` by ``Sentence.index``
    (:func:`attribute` and the claim scorer number sentences by position, which is the
    index for a whole article); a sentence without an attribution is attributed here. A
    Claim of type ``accusation`` counts as an accusation besides the vocabulary. Finding
    offsets are into ``article.text``.
    """
    base = kb or load_default()
    by_index = {a.sentence: a for a in attributions}
    accusing = {c.sentence for c in claims or () if c.type == "accusation"}
    findings = _own_outlet_findings(article, base)
    credited = {e.text.split(":", 1)[0] for f in findings for e in f.evidence}
    for position, sentence in enumerate(sentences):
        attribution = by_index.get(sentence.index)
        if attribution is None:
            attribution = attribute([sentence.text], kb=base)[0]
        vague = _vague_finding(sentence, attribution, sentence.index in accusing, base)
        if vague is not None:
            findings.append(vague)
        for finding in _credited_state_media(sentence, position, base):
            name = finding.evidence[-1].text.split(":", 1)[0]
            if name not in credited:
                credited.add(name)
                findings.append(finding)
    return findings


def _own_outlet_findings(article: Article, kb: KnowledgeBase) -> list[Finding]:
    for label, value, confidence in (("URL", article.url, 1.0), ("domain", article.domain, 1.0),
                                     ("outlet name", article.outlet, 0.85)):
        outlet = kb.outlet_for(value) if value else None
        if outlet is None or outlet.state_affiliation != "state_media":
            continue
        unsure = "" if confidence == 1.0 else " (matched by name only, not by web address)"
        message = (f"The article is published by {outlet.name}, state media "
                   f"({outlet.owner}); its {label} is {value}{unsure}.")
        return [Finding("state_media_origin", "medium", confidence, message, None, None, None,
                        (_outlet_evidence(outlet),))]
    return []


def _outlet_evidence(outlet: Outlet) -> Evidence:
    source = outlet.sources[0].url if outlet.sources else None
    return Evidence("outlet", f"{outlet.name}: {outlet.state_affiliation}, owner "
                              f"{outlet.owner}", source)


def _vague_finding(sentence: Sentence, attribution: Attribution, claimed: bool,
                   kb: KnowledgeBase) -> Finding | None:
    if attribution.kind != "vague" or attribution.start is None or attribution.end is None:
        return None
    text = sentence.text[:MAX_SENTENCE_CHARS]
    terms, strong = accusation_terms(text)
    if not terms and not claimed:
        return None
    outside = text[:attribution.start] + " " * (attribution.end - attribution.start) + \
        text[attribution.end:]
    people = _people_named(outside, kb)
    pronoun = None if people else _PERSONAL_PRONOUN.search(fold_case(outside))
    severity: Severity = "high" if people or pronoun else "medium"
    accused = f" against {', '.join(people)}" if people else ""
    if pronoun is not None:
        called = outside[pronoun.start():pronoun.end()]
        accused = f" against a person the article calls \u201c{called}\u201d"
    what = ", ".join(terms) if terms else "an accusation (claim type)"
    reasons = []
    if terms and not strong:
        reasons.append("the accusation is read from suggestive words only")
    if not terms:
        reasons.append("the accusation comes from the claim classifier, not from its words")
    if attribution.source and _HEDGE_WORD.fullmatch(attribution.source):
        reasons.append(f"the only sourcing is the hedge \u201c{attribution.source}\u201d, "
                       "which may stand for a source named elsewhere in the article")
    confidence = 0.9 - 0.15 * len(reasons)
    lowered = f" Confidence lowered: {'; '.join(reasons)}." if reasons else ""
    message = (f"Accusation ({what}){accused} rests only on an unnamed source: "
               f"\u201c{attribution.source}\u201d.{lowered}")
    return Finding("vague_attribution", severity, round(confidence, 3), message,
                   sentence.index, sentence.start + attribution.start,
                   sentence.start + attribution.end,
                   (Evidence("sentence", str(attribution.source), None, sentence.index),))


def _people_named(text: str, kb: KnowledgeBase) -> list[str]:
    """Names of people in ``text``: knowledge-base people, proper names after a title, and
    runs of two to four capitalised words that are not places or organisations."""
    names: list[str] = []
    for match in _CAPITALISED_RUN.finditer(text):
        tokens = [t.removesuffix("’s").removesuffix("'s").strip("’'")
                  for t in match.group().split()]
        while tokens:
            name = person_name(tokens, kb)
            if name is not None:
                known = known_person(kb, name) is not None
                titled = any(t.rstrip(".") in PERSON_TITLES for t in tokens)
                if known or titled or len(name.split()) >= 2:
                    names.append(name)
                    break
            tokens.pop()
    return list(dict.fromkeys(names))


_CHANNEL_BEFORE = caseless(
    r"\b(?:told|telling|to|with|via|from|by|on|in|according to|cited|quoting|quoted)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}$")
_CHANNEL_AFTER = re.compile(
    r"^\W{0,3}(?:reported|reports|said|says|quoted|cited|wrote|writes|published|released"
    r"|carried|broadcast|aired|news agency|agency|correspondent)\b|^\s*[)/]")


def _credited_state_media(sentence: Sentence, position: int, kb: KnowledgeBase
                          ) -> Iterator[Finding]:
    """``state_media_origin`` for each state-media outlet the sentence credits."""
    text = sentence.text[:MAX_SENTENCE_CHARS]
    for outlet, start, end in outlet_mentions(text, kb):
        if outlet.state_affiliation != "state_media":
            continue
        if not (_CHANNEL_BEFORE.search(fold_case(text[max(0, start - 50):start]))
                or _CHANNEL_AFTER.search(text[end:end + 30])):
            continue
        lead = position <= 2
        confidence = 0.9 if lead else 0.7
        where = ("in the lead of the article, so it is likely the source of its core content"
                 if lead else f"in sentence {sentence.index + 1}, after the lead: it may be "
                 "the source of part of the article only (confidence lowered)")
        message = (f"The article credits {outlet.name}, state media ({outlet.owner}), "
                   f"{where}.")
        yield Finding("state_media_origin", "medium", confidence, message, sentence.index,
                      sentence.start + start, sentence.start + end,
                      (Evidence("sentence", text, None, sentence.index),
                       _outlet_evidence(outlet)))
