"""The attribution reader: sentence texts in, one :class:`Attribution` per sentence out,
found from framing cues, datelines, reporting verbs and hedges (see the package docstring).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...findings import Attribution
from ...kb import KnowledgeBase, load_default
from ...languages.casefold import caseless, fold_case
from .phrases import Candidate, classify, outlet_candidate
from .vocabulary import (
    AMBIGUOUS,
    AUXILIARIES,
    CHUNK_SKIP,
    CLAUSE_OPENERS,
    CLAUSE_WORDS,
    CONJUNCTIONS,
    DETERMINERS,
    HEDGES,
    MAX_SENTENCE_CHARS,
    NOT_ADVERBS,
    NOUN_CONTEXT,
    PASSIVE,
    POSTPOSED,
    QUANTIFIERS,
    RAISING,
    RELATIVES,
    REPORTING,
    SEE_AS,
    TOKEN,
)

__all__ = ["attribute"]


def attribute(sentences: Sequence[str], *, kb: KnowledgeBase | None = None
              ) -> list[Attribution]:
    """One :class:`Attribution` per sentence, in order; ``Attribution.sentence`` is the
    position in ``sentences``.

    ``source`` is the source phrase as written, and ``start``/``end`` its offsets *within
    the sentence* (both None, like ``source``, for kind ``none``). ``affiliation`` is the
    outlet's state affiliation from ``kb`` (the shipped knowledge base by default), or
    ``"state_media"`` for an unnamed "state media" credit.
    """
    base = kb or load_default()
    out = []
    for index, text in enumerate(sentences):
        chosen = _choose(_candidates(text[:MAX_SENTENCE_CHARS], base))
        if chosen is None:
            out.append(Attribution(index, None, "none"))
        else:
            out.append(Attribution(index, text[chosen.start:chosen.end], chosen.kind,
                                   chosen.affiliation, chosen.start, chosen.end))
    return out


def _choose(candidates: list[Candidate]) -> Candidate | None:
    """The earliest state-media credit, else the earliest cued source, else the earliest
    hedge: a sentence is credited to whoever frames it first."""
    cued = [c for c in candidates if c.cue >= 2]
    for pool in ([c for c in cued if c.kind == "state_media"], cued, candidates):
        if pool:
            return min(pool, key=lambda c: (c.start, -c.end))
    return None


_FRAMING = caseless(
    r"\b(?:according to|in the words of|as quoted by|quoted by|cited by|released by"
    r"|reported by|published by|carried by|broadcast by|issued by|obtained by|seen by"
    r"|revealed by|announced by|confirmed by|stated by|claimed by|alleged by|made public by"
    r"|interpreted by|described by|viewed by|regarded by|denounced by|condemned by"
    r"|critici[sz]ed by|branded by|labell?ed by|disputed by|questioned by|documented by"
    r"|(?:reports?|investigations?|stud(?:y|ies)|statements?|analys[ie]s|surveys?|articles?"
    r"|stor(?:y|ies)|interviews?|dispatch(?:es)?|documents?|footage|poll|audit|review"
    r"|findings|assessment|inquiry|probe|those|one)(?: published| released)? by"
    r"|(?:praise|criticism|condemnation|scrutiny|support|accusations|allegations|claims"
    r"|warnings|pressure|questions|calls|objections|concerns?) from)\s+")
_NP_END = re.compile(
    r"[,;:.!?\"“”()\[\]]|[’'](?=\s|$)|\s(?:that|which|when|while|because|but|whereas"
    r"|although|if|whether|as|after|before|since|during|on|last|this|yesterday|today"
    r"|and said|to)\b")
_DATELINE_SLASH = re.compile(r"/\s*([A-Z][\w .\-]{1,30}?)\s*/")
_DATELINE_PAREN = re.compile(r"\(([A-Z][\w .\-]{1,30}?)\)")
_GERUND_TAIL = re.compile(r"\s(?:for|by|in|on|to|over) \w+ing\b")
_QUOTE_BREAKS = re.compile(r"[;:\"“”«»]|[,.!?][’']|\s‘|\s[—–]\s")
_PLAIN_BREAKS = re.compile(r"[;:]|\s[—–]\s")
# Quotations: the words inside are the quoted speaker's, not the article's.
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|(?<!\w)‘.*?’(?!\w)|(?<!\w)'.*?'(?!\w)")
_BOUNDARY_WORDS = CLAUSE_WORDS - {"and", "or", "nor"}
_ANTECEDENT_CUT = re.compile(
    r"\b(?:with|to|of|for|from|by|at|on|in|among|between|against|than|about|has|have|had|is"
    r"|are|was|were|put|met|drew|drawn)\s+")
_HEDGE_PATTERNS = caseless(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|reputedly|rumou?redly"
    r"|(?:is|are|was|were) (?:said|believed|thought|understood|alleged|reported|rumou?red"
    r"|claimed|suspected) to"
    r"|it (?:is|was|has been|had been) (?:said|believed|alleged|claimed|reported|rumou?red"
    r"|understood|thought|suspected|suggested|revealed|learned|learnt)"
    r"|there (?:are|were|have been|had been) (?:reports|claims|allegations|rumou?rs"
    r"|suggestions|indications|accusations)"
    r"|alleged|allegations? (?:of|that)|accusations? (?:of|that)|claims (?:of|that)"
    r"|(?:mounting|growing|new|fresh|damning|ample) evidence|evidence (?:of|that|suggests)"
    r"|rumou?rs (?:of|that)|revelations?|questions (?:have been|were|are being) raised"
    r"|raising questions|(?:a |an )?leaked \w+|(?:media|press|news|investigative"
    r"|unconfirmed|local|some|several|multiple) reports|reports (?:of|that)"
    r"|(?:it|this) (?:is|was) (?:widely )?(?:believed|rumou?red))\b")


@dataclass(frozen=True, slots=True)
class _Parse:
    """A sentence read once: its word tokens, which of them are reporting verbs, its
    quotations, and where clauses may start (so that each verb costs little)."""

    text: str
    folded: str  # for the caseless patterns (see launderlens.languages.casefold)
    tokens: list[re.Match[str]]
    verbs: list[bool]
    quoted: list[tuple[int, int]]
    quote_breaks: list[int]
    plain_breaks: list[int]
    word_breaks: list[int]  # token indexes after which a clause may start


def _parse(text: str) -> _Parse:
    tokens = list(TOKEN.finditer(text))
    words = [t.group().lower() for t in tokens]
    verbs = [word in REPORTING and _is_verb(tokens, i) for i, word in enumerate(words)]
    word_breaks = [i for i, word in enumerate(words)
                   if (word in _BOUNDARY_WORDS and tokens[i].start() > 0)
                   # "Two diplomats said the draft accuses": a complement without "that"
                   or verbs[i]]
    return _Parse(text, fold_case(text), tokens, verbs,
                  [m.span() for m in _QUOTATION.finditer(text)],
                  [m.end() for m in _QUOTE_BREAKS.finditer(text)],
                  [m.end() for m in _PLAIN_BREAKS.finditer(text)], word_breaks)


def _candidates(text: str, kb: KnowledgeBase) -> list[Candidate]:
    parse = _parse(text)
    found = [*_dateline_candidates(text, kb), *_framing_candidates(parse, kb),
             *_verb_candidates(parse, kb)]
    if not any(c.cue >= 2 for c in found):
        found += [Candidate("vague", m.start(), m.end(), 1)
                  for m in _HEDGE_PATTERNS.finditer(parse.folded)]
    return found


def _dateline_candidates(text: str, kb: KnowledgeBase) -> Iterator[Candidate]:
    matches = [*_DATELINE_SLASH.finditer(text[:120]), *_DATELINE_PAREN.finditer(text[:80])]
    for match in matches:
        outlet = kb.outlet_for(match.group(1))
        if outlet is not None:
            yield outlet_candidate(outlet, match.start(1), match.end(1), 3)


def _framing_candidates(parse: _Parse, kb: KnowledgeBase) -> Iterator[Candidate]:
    for match in _FRAMING.finditer(parse.folded):
        if _inside(match.start(), parse.quoted):
            continue
        candidate = _phrase_after(parse, match.end(), kb)
        if candidate is not None:
            yield candidate


def _phrase_after(parse: _Parse, at: int, kb: KnowledgeBase) -> Candidate | None:
    """The source phrase that starts at ``at`` and runs to the end of its noun phrase."""
    text = parse.text
    end_match = _NP_END.search(text, at)
    end = end_match.start() if end_match else len(text)
    gerund = _GERUND_TAIL.search(text, at, end)  # "praise from some quarters for doing"
    end = gerund.start() if gerund else end
    first = bisect.bisect_left(parse.tokens, at, key=lambda t: t.start())
    words: list[re.Match[str]] = []
    for index in range(first, len(parse.tokens)):
        token = parse.tokens[index]
        if token.end() > end or len(words) > 12:
            break
        if words and parse.verbs[index] and token.group().islower():
            break  # "released by the organisers said ..."
        words.append(token)
    if not words or len(words) > 12:
        return None
    return classify(text, words[0].start(), words[-1].end(), kb)


def _verb_candidates(parse: _Parse, kb: KnowledgeBase) -> Iterator[Candidate]:
    tokens = parse.tokens
    for position, token in enumerate(tokens):
        if not parse.verbs[position] or _inside(token.start(), parse.quoted):
            continue
        word = token.group().lower()
        before = tokens[position - 1].group().lower() if position else ""
        if before in HEDGES:
            yield Candidate("vague", tokens[position - 1].start(),
                            tokens[position - 1].end(), 2)
            continue
        if before in PASSIVE and word != "quoted":
            # "Zelensky was accused by critics": the source is the agent, if any.
            after = tokens[position + 1] if position + 1 < len(tokens) else None
            if after is not None and after.group() == "by":
                candidate = _phrase_after(parse, after.end(), kb)
                if candidate is not None:
                    yield candidate
            continue
        yield from _speaker(parse, token, kb)


def _speaker(parse: _Parse, verb: re.Match[str], kb: KnowledgeBase) -> Iterator[Candidate]:
    """The source of the reporting verb ``verb``: its subject, else (after a quotation or
    a comma) the phrase after it, else its subject across quotation marks."""
    candidate = _subject_before(parse, verb.start(), kb, quotes=True)
    if candidate is None and verb.group().lower() in POSTPOSED and \
            _nothing_before(parse.text, verb.start()):
        candidate = _phrase_after(parse, verb.end(), kb)
    if candidate is None:
        candidate = _subject_before(parse, verb.start(), kb, quotes=False)
    if candidate is not None:
        yield candidate


def _is_verb(tokens: list[re.Match[str]], position: int) -> bool:
    """Whether the reporting word at ``position`` is a verb, not a noun or an adjective."""
    word = tokens[position].group().lower()
    before = tokens[position - 1].group().lower() if position else ""
    earlier = tokens[position - 2].group().lower() if position > 1 else ""
    after = tokens[position + 1].group().lower() if position + 1 < len(tokens) else ""
    if before in QUANTIFIERS and (not word.endswith("ed") or after in CLAUSE_OPENERS):
        return word not in AMBIGUOUS or after in CLAUSE_OPENERS  # "many believe"
    if before in DETERMINERS or before.endswith(("’s", "'s", "’")):
        return False  # "the alleged plot", "Kyiv's claims"
    if before == "to":
        return earlier in RAISING  # "declined to comment", but "critics continue to allege"
    if word.startswith("report") and _next_word(tokens, position) == "to":
        return False  # "reports (directly) to the minister": a chain of command, not a source
    if word in SEE_AS:  # "observers see the fire as sabotage"
        return any(t.group() == "as" for t in tokens[position + 1:position + 9])
    if word in AMBIGUOUS:
        if not before or before in NOUN_CONTEXT:
            return False
        if after in AUXILIARIES or after in REPORTING or after.endswith("ing") or \
                after in {"of", "by", "from", "about", "in"}:
            return False  # "reports have", "claims circulating online"
    return True


def _next_word(tokens: list[re.Match[str]], position: int) -> str:
    """The next word after ``position`` that is not an adverb."""
    for token in tokens[position + 1:]:
        word = token.group().lower()
        if not (word.endswith("ly") and word not in NOT_ADVERBS):
            return word
    return ""


def _nothing_before(text: str, at: int) -> bool:
    """Whether only a quotation, a comma or nothing stands between the verb and its clause
    start: the speaker then follows the verb."""
    head = text[:at].rstrip()
    return not head or head[-1] in ",:\"“”’'" or head.endswith(("—", "–"))


def _subject_before(parse: _Parse, at: int, kb: KnowledgeBase, *, quotes: bool
                    ) -> Candidate | None:
    """The subject of the verb at ``at``: the last comma-separated chunk of its clause that
    is not a parenthetical ("in a statement", "who ...", "released by TASS"). With
    ``quotes``, a closing quotation mark also starts the clause.

    An appositive gives way to the name before it ("Dmitry Peskov, the Kremlin spokesman,
    said"), and a vague group to a named member ("Critics, including X, say").
    """
    text = parse.text
    start = _clause_start(parse, at, quotes=quotes)
    chunk_end = at
    after_relative = False
    including: tuple[int, int] | None = None
    while chunk_end > start:
        comma = text.rfind(",", start, chunk_end)
        chunk_start = comma + 1 if comma >= 0 else start
        span = _trim_subject(text, chunk_start, chunk_end)
        if span is None:
            first = TOKEN.search(text, chunk_start, chunk_end)
            word = first.group().lower() if first is not None else ""
            after_relative = word in ("who", "which", "whose")
            if word == "including" and first is not None:
                including = (first.end(), chunk_end)
            chunk_end = comma if comma >= 0 else start
            continue
        if after_relative:  # "... at odds with European leaders, who argue": the antecedent
            cuts = [m.end() for m in _ANTECEDENT_CUT.finditer(text, span[0], span[1])]
            span = (cuts[-1], span[1]) if cuts else span
        candidate = classify(text, span[0], span[1], kb)
        if comma >= 0 and _looks_appositive(text, span[0]) and \
                (candidate is None or candidate.kind != "state_media"):
            earlier = _subject_before(parse, comma, kb, quotes=quotes)
            if earlier is not None and earlier.kind == "person":
                return earlier
        if candidate is not None and candidate.kind == "vague" and including is not None:
            member = _phrase_after(parse, including[0], kb)
            if member is not None and member.kind != "vague":
                return member
        return candidate
    return None


def _clause_start(parse: _Parse, at: int, *, quotes: bool) -> int:
    """Where the clause of the word at ``at`` starts: after the last clause break before it
    (a semicolon, a colon, a dash, a conjunction, a reporting verb; a quotation mark when
    ``quotes``)."""
    breaks = parse.quote_breaks if quotes else parse.plain_breaks
    found = bisect.bisect_right(breaks, at)
    start = breaks[found - 1] if found else 0
    tokens = parse.tokens
    last = bisect.bisect_left(parse.word_breaks, bisect.bisect_left(
        tokens, at, key=lambda t: t.start()))
    for index in reversed(parse.word_breaks[:last]):
        token = tokens[index]
        if token.start() < start:
            break
        if token.end() < at and parse.text[token.end():at].strip():
            return token.end()
    return start


def _trim_subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase in ``text[start:end]`` once conjunctions, auxiliaries and adverbs
    are stripped, or None for a parenthetical or an empty chunk."""
    tokens = list(TOKEN.finditer(text, start, end))
    while tokens and _is_trailing_filler(tokens[-1].group()):
        tokens.pop()
    while tokens and tokens[0].group().lower() in CONJUNCTIONS:
        tokens.pop(0)
    if not tokens:
        return None
    first = tokens[0].group()
    lowered = first.lower()
    participle = lowered.endswith(("ed", "ing")) and len(lowered) > 4
    second = tokens[1].group() if len(tokens) > 1 else ""
    if lowered in CHUNK_SKIP or (participle and (first.islower() or second in CHUNK_SKIP)):
        return None  # "in a statement", "released by TASS", "Speaking to reporters"
    relative = next((i for i, t in enumerate(tokens) if i and t.group().lower() in RELATIVES),
                    len(tokens))
    if relative > 10:
        return None
    return tokens[0].start(), tokens[-1].end()


def _is_trailing_filler(token: str) -> bool:
    lowered = token.lower()
    if lowered in AUXILIARIES or lowered in RAISING or lowered in HEDGES or lowered == "to":
        return True
    return token.islower() and lowered.endswith("ly") and lowered not in NOT_ADVERBS


def _looks_appositive(text: str, start: int) -> bool:
    return text[start:].split(" ", 1)[0].lower() in ("the", "a", "an")


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < at < end for start, end in spans)
