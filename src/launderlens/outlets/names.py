"""An outlet's name and domain in; the reasons it looks built to pass for another out.

Laundering networks name their sites after a city plus a broadcaster call sign ("Miami
News, KMIA": no such station) or after a known outlet with a letter changed or a word
added. Two checks, each a :class:`NameFlag` with its reason in words:

- ``call_sign``: a name with a news word ("News", "Times", "Herald"...) and a token shaped
  like a US broadcast call sign (K or W and three letters, optionally -TV/-FM/-AM); real
  stations name themselves this way too, so the flag asks for a look, it proves nothing;
- ``imitates``: a name (or the second-level label of a domain) within a small edit
  distance of a known outlet's name, alias or domain in the knowledge base's registry,
  or holding that name with words added, on a domain the registry does not give that
  outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..kb.model import Outlet

__all__ = ["NameFlag", "edit_distance", "lookalike_flags"]

_NEWS_WORDS = frozenset({
    "news", "times", "post", "herald", "daily", "today", "observer", "gazette",
    "chronicle", "tribune", "journal", "report", "reporter", "sentinel", "courier",
    "dispatch", "press", "star", "record", "review", "bulletin", "now", "live", "tv",
    "channel", "radio", "broadcast", "media", "network", "wire", "insider",
})
_CALL_SIGN = re.compile(r"\b([KW][A-Z]{3})(?:-(?:TV|FM|AM|DT))?\b")
#: Four-letter capitals of that shape that are not call signs.
_NOT_CALL_SIGNS = frozenset({"KYIV", "WHAT", "WITH", "WEEK", "WORK", "WIRE", "WEST", "WIDE",
                             "KING", "KIDS", "WALL"})
_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset({"the", "of", "and", "la", "le", "el", "die", "der"})
#: Shortest folded name compared by edit distance: short ones ("RT") collide by chance.
MIN_CHARS = 6


@dataclass(frozen=True, slots=True)
class NameFlag:
    """Why an outlet's name or domain looks like an imitation."""

    kind: str
    reason: str
    imitated: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "reason": self.reason, "imitated": self.imitated}


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it must exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _fold(name: str) -> str:
    return " ".join(w for w in _WORD.findall(name.casefold()) if w not in _STOP)


def _label(domain: str) -> str:
    """The registrable label of a domain: "news" of "www.news.example.co.uk" is not it,
    "example" is (the label before a public suffix, taken as the last one or two)."""
    parts = domain.lower().removeprefix("www.").split(".")
    if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2:  # co.uk, com.ru
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def lookalike_flags(name: str | None, domains: Iterable[str],
                    registry: Iterable[Outlet]) -> list[NameFlag]:
    """The look-alike flags of an outlet called ``name`` on ``domains``."""
    own_domains = {d.lower().removeprefix("www.") for d in domains}
    flags = list(_call_sign_flags(name or ""))
    for outlet in registry:
        if own_domains & {d.lower() for d in outlet.domains} or any(
                d.endswith("." + known) for d in own_domains for known in outlet.domains):
            continue  # the outlet itself
        flag = _imitation(name or "", own_domains, outlet)
        if flag is not None:
            flags.append(flag)
    return flags


def _call_sign_flags(name: str) -> Iterator[NameFlag]:
    words = {w.casefold() for w in _WORD.findall(name)}
    if not words & _NEWS_WORDS:
        return
    for match in _CALL_SIGN.finditer(name):
        sign = match.group(1)
        if sign in _NOT_CALL_SIGNS:
            continue
        place = " ".join(w for w in _WORD.findall(name) if w.casefold() not in _NEWS_WORDS
                         and not _CALL_SIGN.fullmatch(w))
        yield NameFlag("call_sign",
                       f"the name pairs {'the place ' + repr(place) if place else 'a news word'}"
                       f" with the broadcaster call sign {match.group(0)}, the pattern of "
                       "look-alike local stations; check that such a station exists")
        return


def _imitation(name: str, own_domains: set[str], outlet: Outlet) -> NameFlag | None:
    folded = _fold(name)
    for known in (outlet.name, *outlet.aliases):
        target = _fold(known)
        if len(target) < MIN_CHARS or not folded:
            continue
        distance = edit_distance(folded, target, 2)
        if 0 < distance <= (1 if len(target) < 10 else 2):
            return NameFlag("imitates", f"the name {name!r} is {distance} letter"
                            f"{'' if distance == 1 else 's'} from {known!r}, a known outlet "
                            "on other domains", outlet.name)
        if distance and f" {target} " in f" {folded} " and len(target.split()) >= 2:
            return NameFlag("imitates", f"the name {name!r} holds {known!r}, a known outlet "
                            "on other domains, with words added", outlet.name)
    for domain in own_domains:
        label = _label(domain)
        for known_domain in outlet.domains:
            target = _label(known_domain)
            if len(target) < MIN_CHARS - 1:
                continue
            distance = edit_distance(label, target, 2)
            if (0 < distance <= (1 if len(target) < 10 else 2)) or (
                    distance and target in label and len(label) - len(target) <= 8):
                return NameFlag("imitates", f"the domain {domain} resembles {known_domain} "
                                f"({outlet.name})", outlet.name)
    return None
