"""Two sentences in; the change of who they credit out: a source named on one side that
the other hides or replaces with vague sourcing ("according to the AP" against "it was
reported"), and whether that change is certain. Read by :mod:`.changes` with its other
detectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..claims.attribution.vocabulary import BODY_NOUNS, QUALIFIABLE, ROLES, VAGUE_ALWAYS
from ..languages.calendar import MONTH_AND_WEEKDAY_NAMES
from .quantities import FUNCTION_WORDS, Token, read_tokens, word_stem, wordset

__all__ = ["VAGUE_HEADS", "Source", "attribution_certain", "attribution_changes", "sources"]

_PRONOUNS = frozenset({"he", "she", "they"})
#: Heads of a source that name nobody: the attribution reader's list, the officials and the
#: single report it reads as vague unless a name qualifies them, and a bare plural of a role
#: that is not a body ("engineers", "doctors"; not "prosecutors", nor one a country
#: qualifies, "the Polish ministers"). One list, so that a crowd this module calls vague in
#: one place is vague in all.
VAGUE_HEADS = (VAGUE_ALWAYS - _PRONOUNS - {"one"}) | wordset("officials report document") | (
    frozenset(f"{role}s" for role in ROLES if len(role) > 3) - QUALIFIABLE - BODY_NOUNS)
#: The plural heads of :data:`VAGUE_HEADS`, which say or show on their own ("experts said"),
#: and records that show ("figures show", "data showed"; "official results" name a source);
#: a singular head needs its article ("a report suggests" credits a report that "according
#: to a report" may name).
_CROWDS = "|".join(sorted({w for w in VAGUE_HEADS if w.endswith("s")}
                          | wordset("records data results"), key=len, reverse=True))

# The present tense too ("TMZ reports that", "In Touch reveals"), as tabloids and wires
# write it; the forms that are also plural nouns ("the insurance claims", "member states")
# only before "that".
_SPEECH = (r"(?:said|says|told|stated|announced|reported|claimed|wrote|tweeted|confirmed|"
           r"denied|admitted|revealed|added|noted|insisted|alleged|explained|declared|warned|"
           r"tells|writes|reveals|confirms|denies|admits|announces|insists|alleges|explains|"
           r"declares|warns|(?:reports|claims|states|notes|tweets)(?=\s+that\b))")
_SOURCE = (r"(?:[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,4}"
           r"|[Tt]he\s+(?:[A-Z][\w'’.-]*\s+)?[a-z]+(?:['’]s)?(?:\s+[a-z]+){0,2})")
_ATTRIBUTION = re.compile(
    rf"\b(?i:according)\s+to\s+(?P<a>(?:the\s+|some\s+|unnamed\s+|anonymous\s+)?[\w'’.-]+(?:\s+[\w'’.-]+)?)"
    rf"|\b(?:released|reported|published|cited|quoted|confirmed)\s+by\s+(?P<b>{_SOURCE})"
    rf"|(?P<c>{_SOURCE}|\b(?:he|she|they))\s+{_SPEECH}\b"
    rf"|\b{_SPEECH}\s+(?P<d>{_SOURCE})"
    r"|(?:^|,\s*)per\s+(?P<e>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
    rf"|\b(?P<v>(?i:(?:{_CROWDS})\s+(?:say|said|suggest|"
    r"suggested|claim|claimed|allege|alleged|indicate|indicated|show|showed|reveal|revealed|"
    r"report|reported|state|stated|tell|told|add|added|note|noted|explain|explained|"
    r"confirm|confirmed|insist|insisted)\b"
    r"|it\s+(?:is|was|has\s+been|had\s+been)\s+(?:reported|claimed|alleged|said|rumou?red|"
    r"believed|suggested|observed)"
    r"|an?\s+(?:source|insider|person)\s+(?:close\s+to|familiar\s+with)))"
)


@dataclass(frozen=True, slots=True)
class Source:
    """A source a sentence credits: vague ("sources said", "a source close to") or not, its
    words (``key``) and the text crediting it."""

    vague: bool
    key: frozenset[str]
    text: str
    names: frozenset[str] = frozenset()  # its capitalised words, as written
    #: read after a saying verb ("told the outlet", "denied the report"): for vague words
    #: there, more often what is spoken of than who speaks
    after_verb: bool = False
    #: told something ("told The Harbour Post"): who heard it, not who said it
    recipient: bool = False


def sources(text: str) -> list[Source]:
    """The sources ``text`` credits, in order."""
    out = []
    for match in _ATTRIBUTION.finditer(text):
        if match.group("v"):
            out.append(Source(True, frozenset(), match.group()))
            continue
        group = next(g for g in ("a", "b", "c", "d", "e") if match.group(g))
        source, whole = match.group(group), match.group()
        # "according to a report in the Courier": the outlet after the report is the source
        outlet = _OUTLET_AFTER.match(text, match.end()) if group == "a" else None
        if outlet and outlet.group("first").capitalize() in MONTH_AND_WEEKDAY_NAMES:
            outlet = None  # "a report in March" is dated, not placed
        if outlet:
            source, whole = source + outlet.group(), whole + outlet.group()
        tokens = read_tokens(source)
        words = [t.norm for t in tokens]
        # "according to political analyst Jan Dvorak": the name after the head is the source
        named_after = group == "a" and text[match.end():].lstrip()[:1].isupper()
        # A capital that only starts the sentence ("Police said") names nothing.
        first = 1 if not text[:match.start(group)].strip() else 0
        # a crowd's word written with a capital inside the sentence is a title ("People
        # magazine"), not a crowd
        vague = any(t.norm in VAGUE_HEADS and (k < first or not t.text[:1].isupper())
                    for k, t in enumerate(tokens)) and not named_after and not outlet
        key = frozenset(w for w in words if w not in FUNCTION_WORDS or w in _PRONOUNS)
        names = frozenset(t.text for t in tokens[first:] if t.text[:1].isupper()
                          and t.norm not in FUNCTION_WORDS | _PRONOUNS | {"according"})
        out.append(Source(vague, key, whole.strip(" ,"), names, group == "d",
                          group == "d" and whole.lower().startswith(("told", "tells"))))
    return out


#: An outlet named after the report an "according to" credits ("a report in the
#: Courier", "a story by Harbour News").
_OUTLET_AFTER = re.compile(r"\s+(?:in|by|from|on)\s+(?:the\s+)?(?P<first>[A-Z][\w'’.!-]*)"
                           r"(?:\s+[A-Z][\w'’.!-]*){0,3}")


def attribution_changes(a: str, b: str) -> list[tuple[str, str]]:
    """A source named on one side that the other side does not mention at all (hidden or
    added), or vague sourcing on one side only. A source the other side still names, in any
    construction ("Valtonen said" against "Valtonen ..., telling journalists"), is kept."""
    sa, sb = sources(a), sources(b)
    words_a = {t.norm for t in read_tokens(a)}
    words_b = {t.norm for t in read_tokens(b)}
    named_a = [s for s in sa if not s.vague and s.key - _PRONOUNS]
    named_b = [s for s in sb if not s.vague and s.key - _PRONOUNS]
    # a vague word after a saying verb is what is said or denied ("denies the claims"),
    # not who says it
    vague_a = next((s.text for s in sa if s.vague and not s.after_verb), "")
    vague_b = next((s.text for s in sb if s.vague and not s.after_verb), "")
    # an outlet a speaker told is hidden only behind vague sourcing: left out, or told
    # beside a named speaker, it is who heard the claim, not who made it
    hidden = [s for s in named_a if not (s.recipient and (named_b or not vague_b)) and (
        not _mentioned(s, b, words_b) or _displaced(s, sa, sb, b, words_b))]
    shown = [s for s in named_b if not (s.recipient and (named_a or not vague_a)) and (
        not _mentioned(s, a, words_a) or _displaced(s, sb, sa, a, words_a))]
    if hidden:
        return [(hidden[0].text, shown[0].text if shown else vague_b)]
    if shown and not named_a:
        return [(vague_a, shown[0].text)]
    if not named_a and not named_b and bool(vague_a) != bool(vague_b):
        # one person, named by "he" or "she", against a crowd of vague sources ("he told
        # reporters" retold as "sources told reporters"): a named speaker hidden
        person = next((s.text for s in (sb if vague_a else sa)
                       if not s.vague and s.key & _PERSONS), "")
        return [(person, vague_b) if vague_b else (vague_a, person)]
    return []


#: The pronouns that stand for one named person.
_PERSONS = frozenset({"he", "she"})


def _displaced(source: Source, own: Sequence[Source], others: Sequence[Source],
               text: str, words: set[str]) -> bool:
    """Whether the other side (``text``, its words ``words``, crediting ``others``) credits
    its claim to vague sourcing where this side (crediting ``own``) has none, and names
    ``source`` only inside the claim: "the ministry said the papers were forged" against
    "documents show the ministry's papers were forged". A source that owns the vague one
    ("the ministry's documents show", "a report in the Gazette") is not displaced, nor one
    the other side credits too; a vague word after a saying verb ("denied the report") or
    with a name of its own ("People magazine") credits nobody vague."""
    vague = [s for s in others if s.vague and not s.after_verb and not s.names]
    if not vague or any(s.vague for s in own) or any(
            s.key & source.key for s in others if not s.vague):
        return False
    if not source.names and not source.key - _PRONOUNS <= words:
        return False  # only a word of it stands there ("according to reuters more")
    for other in vague:
        at = max(text.find(other.text), 0)
        after = read_tokens(text[at + len(other.text):])[:_OWNER_REACH]
        near = (*read_tokens(text[:at])[-_OWNER_REACH:],
                *(after if after and after[0].norm in _OWNER_OPENERS else ()))
        if (source.key - _PRONOUNS) & {t.norm for t in near}:
            return False
    return True


#: Words at most before or after vague sourcing that name who owns it ("the ministry's
#: documents", "a report in the Gazette").
_OWNER_OPENERS = wordset("in by from of at")
_OWNER_REACH = 3


def _mentioned(source: Source, text: str, words: set[str]) -> bool:
    """Whether ``text`` still names ``source``: its capitalised words as written when it
    has any ("Celebrity Net Worth" is not mentioned by "net worth"), else its words."""
    if source.names:
        return any(re.search(rf"\b{re.escape(name)}\b", text) for name in source.names)
    return bool((source.key - _PRONOUNS) & words)


def attribution_certain(a_frag: str, b_frag: str, a_text: str, b_text: str) -> bool:
    """Whether an attribution change is certain: a named source on one side faces vague
    sourcing on the other, and that vague speaker is not the other side's own ("a source
    told In Touch" against "according to a source": only the outlet that relayed it is
    dropped, a common rewording)."""
    vague = [bool(frag) and any(s.vague for s in sources(frag)) for frag in (a_frag, b_frag)]
    if not (a_frag and b_frag) or vague[0] == vague[1]:
        return False
    vague_frag, named_text = (a_frag, b_text) if vague[0] else (b_frag, a_text)
    return not _speaker_named(vague_frag, named_text)


def _speaker_named(vague: str, text: str) -> bool:
    """Whether the head of a vague source ("a source", "insiders", "a document") stands
    in ``text`` too, in the speaker's slot ("an insider told Radar", "according to
    insiders"): the same word elsewhere ("the source of the outbreak") names no speaker."""
    heads = {word_stem(t.norm) for t in read_tokens(vague) if t.norm in _SPEAKERS}
    tokens = read_tokens(text)
    hits = [k for k, t in enumerate(tokens) if word_stem(t.norm) in heads]
    if not hits:
        return False
    reported = _reported_from(text)
    return any(_speaker_slot(tokens, k, tokens[k].start < reported) for k in hits)


def _reported_from(text: str) -> int:
    """Where the words a named speaker reports start ("Senator Vale said [experts had
    warned]"), or the end of ``text`` when no named speaker opens them."""
    for match in _ATTRIBUTION.finditer(text):
        speaker = match.group("c")
        if speaker and not any(t.norm in _NO_SPEAKER for t in read_tokens(speaker)):
            return match.end()
    return len(text)


#: Words that make a speaker no named one: a vague head or a pronoun.
_NO_SPEAKER = VAGUE_HEADS | _PRONOUNS


def _speaker_slot(tokens: Sequence[Token], k: int, own_voice: bool) -> bool:
    """Whether the word at ``k`` is who speaks, or what through: a saying verb and "in"
    come just before it ("said in court documents"); "close to" or "familiar with" follows
    it; a saying verb follows it closely ("a source at the club told"), unless it stands
    in what a named speaker reports (not ``own_voice``: "the senator said experts had
    warned" has the senator speak); or "according to" or "by" comes shortly before it
    ("according to the paper's insider source")."""
    before = {t.norm for t in tokens[max(0, k - _SPEAKER_REACH):k]}
    following = tuple(t.norm for t in tokens[k + 1:k + 3])
    channel = any(tokens[j].norm == "in" and _SAYING.fullmatch(tokens[j - 1].norm)
                  for j in range(max(1, k - 3), k))  # "said in court documents"
    return channel or following in (("close", "to"), ("familiar", "with")) or bool(
        before & {"according", "by"}) or (own_voice and any(
        _SAYING.fullmatch(tokens[j].norm) and tokens[j - 1].norm not in _PASSIVE
        for j in range(k + 1, min(k + 1 + _SPEAKER_REACH, len(tokens)))))


_SAYING = re.compile(rf"{_SPEECH}|says?|claims?|suggests?|shows?|showed|reveals?|"
                     r"indicates?|alleges?|tells")
#: "officials were warned": who was told, not who spoke.
_PASSIVE = wordset("is are was were be been being")
#: Words at most between a vague speaker and its saying verb or "according to".
_SPEAKER_REACH = 5


#: The vague heads that name who spoke, and never a verb or a quantity ("Us Weekly reports",
#: "many").
_SPEAKERS = wordset("""
source sources insider insiders critics analysts observers experts officials documents
document records data figures results
""")
