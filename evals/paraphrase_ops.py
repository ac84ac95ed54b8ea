"""A one-line claim in, a reworded one out: the paraphrase operations of the narrative
recall set (``evals/narratives_paraphrase.py``), written here.

Each operation is a plain rule a rewriting tool is seen to apply to a dispatch's claim:

- ``synonyms``: content words swapped for other words of the same sense, from the list
  below (common news and polemic vocabulary; deliberately *no* place names, demonyms or
  capital-for-country swaps, so that the matcher's own handling of names is not measured
  against a list that mirrors it);
- ``reorder``: two clauses joined by a comma, "because", "but" or "while" swapped;
- ``voice``: "X <verb>ed Y" turned into "Y was <verb>ed by X" (and the reverse);
- ``attribution``: a source ("According to X, ...", "..., says X", "X: ...") dropped;
- ``hedge``: a hedge put in front ("Reportedly, ...", "Some say that ...").

:func:`paraphrase` keeps a rewording only when at least two operations changed the text;
its choices come from a seeded random generator, so the same seed gives the same set.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

__all__ = ["OPERATIONS", "SYNONYMS", "paraphrase"]

#: word -> replacements of the same sense (lower case; the first letter's case is kept).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "attack": ("assault", "strike"), "attacks": ("assaults", "strikes"),
    "attacked": ("assaulted", "struck"), "war": ("conflict", "fighting"),
    "coup": ("putsch", "seizure of power"), "destroy": ("ruin", "wreck"),
    "destroyed": ("ruined", "wrecked"), "preparing": ("getting ready", "gearing up"),
    "wants": ("seeks", "aims"), "want": ("seek", "aim"), "created": ("set up", "founded"),
    "secret": ("covert", "hidden"), "evidence": ("proof",), "sanctions": ("penalties",),
    "government": ("authorities", "administration"), "military": ("armed", "army"),
    "soldiers": ("troops", "servicemen"), "elections": ("polls", "vote"),
    "election": ("poll", "vote"), "protests": ("demonstrations", "rallies"),
    "threat": ("danger", "menace"), "plans": ("intends", "means"), "plan": ("scheme",),
    "control": ("dominate", "run"), "controlled": ("run", "dominated"),
    "support": ("back", "aid"), "supports": ("backs",), "help": ("assist", "aid"),
    "helped": ("assisted",), "propaganda": ("spin", "indoctrination"),
    "weapons": ("arms", "weaponry"), "citizens": ("residents", "nationals"),
    "crisis": ("turmoil", "emergency"), "investigation": ("probe", "inquiry"),
    "people": ("population", "public"), "country": ("nation", "state"),
    "countries": ("nations", "states"), "world": ("globe", "planet"),
    "media": ("press", "news outlets"), "authorities": ("officials",),
    "law": ("legislation", "statute"), "killed": ("murdered", "slain"),
    "kill": ("murder", "slay"), "fake": ("bogus", "phony"), "false": ("untrue", "bogus"),
    "lie": ("falsehood",), "lies": ("falsehoods", "fabrications"),
    "staged": ("faked", "orchestrated"), "provocation": ("set-up", "stunt"),
    "terrorists": ("militants", "extremists"), "terrorist": ("militant", "extremist"),
    "refugees": ("asylum seekers",), "migrants": ("newcomers", "incomers"),
    "poisoning": ("poison attack",), "vaccine": ("jab", "shot"),
    "vaccines": ("jabs", "shots"), "virus": ("pathogen", "bug"),
    "disease": ("illness", "sickness"), "economy": ("economic system",),
    "collapse": ("breakdown", "downfall"), "forced": ("made", "compelled"),
    "banned": ("prohibited", "outlawed"), "ban": ("prohibit", "outlaw"),
    "illegal": ("unlawful", "illicit"), "illegally": ("unlawfully",),
    "huge": ("enormous", "vast"), "big": ("large", "major"), "large": ("big", "sizeable"),
    "small": ("little", "minor"), "new": ("fresh", "novel"), "old": ("former",),
    "never": ("not once", "at no time"), "always": ("invariably", "forever"),
    "only": ("just", "merely"), "many": ("numerous", "lots of"), "all": ("every one of",),
    "began": ("started", "launched"), "started": ("began", "launched"),
    "start": ("begin", "launch"), "stop": ("halt", "end"), "ended": ("finished",),
    "behind": ("responsible for",), "used": ("employed", "exploited"),
    "use": ("employ", "exploit"), "using": ("employing", "exploiting"),
    "trying": ("attempting", "seeking"), "tries": ("attempts", "seeks"),
    "blame": ("accuse", "fault"), "blamed": ("accused", "faulted"),
    "aggression": ("hostility", "belligerence"), "regime": ("rulers", "junta"),
    "puppet": ("stooge", "pawn"), "puppets": ("stooges", "pawns"),
    "nazi": ("fascist",), "nazis": ("fascists",), "neo-nazis": ("neo-fascists",),
    "genocide": ("extermination", "mass killing"), "invasion": ("incursion", "assault"),
    "occupation": ("takeover",), "army": ("troops", "armed forces"),
    "forces": ("troops", "units"), "leaders": ("heads", "rulers"),
    "leader": ("head", "chief"), "president": ("head of state",),
    "money": ("funds", "cash"), "funds": ("money", "financing"), "paid": ("funded",),
    "pay": ("fund",), "stole": ("pocketed", "embezzled"), "stolen": ("pocketed",),
    "steal": ("pocket", "embezzle"), "secretly": ("covertly", "quietly"),
    "openly": ("publicly",), "prove": ("show", "demonstrate"),
    "proves": ("shows", "demonstrates"), "proved": ("showed",),
    "confirmed": ("acknowledged", "admitted"), "admits": ("concedes", "acknowledges"),
    "admitted": ("conceded", "acknowledged"), "dangerous": ("hazardous", "perilous"),
    "hostile": ("antagonistic", "unfriendly"), "enemy": ("foe", "adversary"),
    "enemies": ("foes", "adversaries"), "weak": ("feeble", "frail"),
    "strong": ("powerful", "mighty"), "poor": ("impoverished", "destitute"),
    "rich": ("wealthy",), "spreading": ("circulating", "disseminating"), "biological": ("bio",),
    "laboratories": ("labs", "research facilities"), "laboratory": ("lab",),
    "children": ("kids", "minors"), "women": ("females",), "deaths": ("fatalities",),
    "died": ("perished",), "dead": ("deceased",), "attempt": ("bid", "effort"),
    "attempts": ("bids", "efforts"), "independence": ("sovereignty",),
    "sovereignty": ("independence",), "territory": ("land", "soil"),
    "borders": ("frontiers",), "border": ("frontier",), "hatred": ("animosity", "loathing"),
    "fear": ("dread",), "freedom": ("liberty",), "rights": ("entitlements", "freedoms"),
    "destabilise": ("unsettle", "undermine"), "destabilize": ("unsettle", "undermine"),
    "undermine": ("weaken", "subvert"), "interference": ("meddling", "intervention"),
    "interfere": ("meddle", "intervene"), "interfered": ("meddled",),
    "persecution": ("oppression", "harassment"), "persecuted": ("oppressed", "harassed"),
    "discrimination": ("bias", "unequal treatment"), "surveillance": ("spying",),
    "spies": ("agents",), "spy": ("agent",), "revenge": ("retaliation", "payback"),
    "punish": ("penalise",), "punishes": ("penalises",), "threatens": ("menaces",),
    "threaten": ("menace",), "deliberately": ("intentionally", "on purpose"),
    "falsified": ("doctored", "forged"), "fabricated": ("invented", "made up"),
}

#: A rewrite keeps the names and changes the wording around them: every listed word of a
#: one-line claim is swapped, up to this many.
MAX_SWAPS = 6

_HEDGES = ("Reportedly, ", "It is claimed that ", "Some say that ", "Apparently, ",
           "Sources suggest that ", "Allegedly, ")

_ATTRIBUTION_OPEN = re.compile(r"^(?:According to [^,]{2,60}|As [^,]{2,40} (?:said|says|noted)"
                               r"|[A-Z][\w .'-]{1,40}:)\s*,?\s*")
_ATTRIBUTION_CLOSE = re.compile(r",?\s+(?:says?|said|claims?|claimed|according to)"
                                r"\s+[^,]{2,60}$")
_JOINS = re.compile(r"^(?P<a>.{12,}?)(?P<join>, (?:because|but|while|as) |,? because |, )"
                    r"(?P<b>.{12,})$")
_ACTIVE = re.compile(r"^(?P<x>(?:the )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}) "
                     r"(?P<v>[a-z]+ed) (?P<y>[^,]{4,})$")
_PASSIVE = re.compile(r"^(?P<y>.{4,}?) (?:was|were|has been|have been) (?P<v>[a-z]+ed) by "
                      r"(?P<x>(?:the )?[A-Z][\w'’.-]*(?: (?:and )?[A-Z][\w'’.-]*){0,3})$")
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_COMMON = frozenset(("the", "a", "an", "it", "there", "this", "these", "those", "because",
                     "to", "some", "many", "all", "by", "in", "on", "for", "as", "if", "during",
                     "after", "before", "since", "with", "without", "at", "from", "when"))
_SWAPPED_IN = frozenset(w.split()[0] for words in SYNONYMS.values() for w in words)


def _trimmed(text: str) -> str:
    return text.strip().rstrip(".!").strip()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _decap(text: str) -> str:
    """Lower-case the first letter unless the first word looks like a name or acronym."""
    first = text.split(" ", 1)[0].lower()
    if first in _COMMON or first in SYNONYMS or first in _SWAPPED_IN:
        return text[:1].lower() + text[1:]
    return text


def synonyms(text: str, rng: random.Random) -> str:
    """Swap up to :data:`MAX_SWAPS` listed words (at random among those the text has)."""
    spots = [m for m in _WORD.finditer(text) if m.group(0).lower() in SYNONYMS]
    chosen = {id(m) for m in rng.sample(spots, min(MAX_SWAPS, len(spots)))}
    out, last = [], 0
    for m in spots:
        if id(m) not in chosen:
            continue
        word = m.group(0)
        new = rng.choice(SYNONYMS[word.lower()])
        out += [text[last:m.start()], _cap(new) if word[0].isupper() else new]
        last = m.end()
    return "".join(out) + text[last:]


def reorder(text: str, rng: random.Random) -> str | None:
    m = _JOINS.match(_trimmed(text))
    if not m:
        return None
    join = m.group("join").strip(" ,")
    a, b = m.group("a"), m.group("b")
    if join in ("because", "as"):
        return f"{_cap(join)} {_decap(b)}, {_decap(a)}"
    if join in ("but", "while"):
        return f"{_cap(_decap(b))}, {join} {_decap(a)}"
    return f"{_cap(_decap(b))}, and {_decap(a)}"


def voice(text: str, rng: random.Random) -> str | None:
    core = _trimmed(text)
    m = _PASSIVE.match(core)
    if m:
        return f"{_cap(m.group('x'))} {m.group('v')} {_decap(m.group('y'))}"
    m = _ACTIVE.match(core)
    if m and m.group("v") not in ("based", "need") \
            and not m.group("y").startswith(("to ", "that ", "of ")):
        return f"{_cap(m.group('y'))} was {m.group('v')} by {_decap(m.group('x'))}"
    return None


def attribution(text: str, rng: random.Random) -> str | None:
    core = _trimmed(text)
    dropped = _ATTRIBUTION_CLOSE.sub("", _ATTRIBUTION_OPEN.sub("", core, count=1), count=1)
    return _cap(dropped) if dropped != core and len(dropped) > 12 else None


def hedge(text: str, rng: random.Random) -> str | None:
    return rng.choice(_HEDGES) + _decap(_trimmed(text))


Operation = Callable[[str, random.Random], "str | None"]

OPERATIONS: dict[str, Operation] = {"reorder": reorder, "voice": voice,
                                    "attribution": attribution, "hedge": hedge}


def paraphrase(text: str, rng: random.Random) -> tuple[str, tuple[str, ...]] | None:
    """``text`` reworded by the synonym swaps, the structural operations that fit (reorder,
    voice, attribution; at most two, in random order) and, when fewer than three were
    applied, a hedge half of the time; with the names of the operations applied. None when
    fewer than two operations changed it."""
    applied: list[str] = []
    current = synonyms(text, rng)
    if current != text:
        applied.append("synonyms")
    names = [name for name in OPERATIONS if name != "hedge"]
    rng.shuffle(names)
    for name in names:
        changed = OPERATIONS[name](current, rng)
        if changed and changed != current and len(applied) < 3:
            current, applied = changed, [*applied, name]
    if len(applied) < 2 or (len(applied) < 3 and rng.random() < 0.5):
        changed = hedge(current, rng)
        if changed:
            current, applied = changed, [*applied, "hedge"]
    if len(applied) < 2 or _trimmed(current).lower() == _trimmed(text).lower():
        return None
    return _trimmed(current) + ".", tuple(applied)
