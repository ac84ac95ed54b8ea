"""A sentence in, its names out (runs of capitalised words, with the titles and neighbouring
words that give each its role); two sentences in, who-did-what-to-whom changes out.

Roles are read without a parser, from the clause between two names: in "Holm questioned
Dahl" the first name acts on the second, in "Dahl was questioned by Holm" the name after
"by" does. Two names that both sentences give, in reversed roles around a word both clauses
share ("questioned"), are a role change; the same roles in another voice are not, nor are
names merely listed ("Holm and Dahl" against "Dahl and Holm").
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .quantities import (
    FUNCTION_WORDS,
    WEEKDAYS,
    Token,
    is_month,
    read_tokens,
    text_span,
    word_stem,
    wordset,
)

__all__ = ["TITLES", "Name", "read_names", "role_changes", "same_name"]

TITLES = wordset("""
president prime minister chancellor secretary senator sen governor gov mayor king queen
prince princess pope general gen dr mr mrs ms rep representative chief director ambassador
vice foreign defense defence spokesman spokeswoman spokesperson judge justice ceo chairman
chairwoman leader commander premier deputy state former first lady sir lord
""")
_CONNECTORS = frozenset({"of", "de", "da", "van", "von", "al", "bin", "la", "le", "del"})


@dataclass(frozen=True, slots=True)
class Name:
    """A name as written (``text``), its words proper (``core``, lower-cased) and the
    words of its role (titles inside the run, the content words just before and after)."""

    core: frozenset[str]
    role: frozenset[str]
    text: str


def read_names(text: str, also: frozenset[str] = frozenset()) -> list[Name]:
    """Runs of capitalised words, split into the name proper and the role around it
    (titles inside the run, the word before and the word after it). A capitalised first
    word is a name when it is capitalised inside this text or is in ``also``."""
    tokens = read_tokens(text)
    capitalised = {t.norm for t in tokens[1:] if t.text[:1].isupper()} | also
    out, k = [], 0
    while k < len(tokens):
        end = k
        while end < len(tokens) and _in_name(tokens, end, k):
            end += 1
        if end == k:
            k += 1
            continue
        run: Sequence[Token] = tokens[k:end]
        # A capitalised first word of a sentence is a name only if it is capitalised
        # elsewhere too.
        if k == 0 and len(run) == 1 and run[0].norm not in capitalised:
            run = []
        core = frozenset(t.norm for t in run if t.norm not in TITLES | _CONNECTORS)
        context = [t.norm for t in (*tokens[max(0, k - 1):k], *tokens[end:end + 1])]
        role = frozenset(t.norm for t in run if t.norm in TITLES) | frozenset(
            c for c in context if c not in FUNCTION_WORDS)
        if core:
            out.append(Name(core, role, text_span(text, tokens, k, end - 1)))
        k = end
    return out


def _in_name(tokens: Sequence[Token], k: int, first: int) -> bool:
    token = tokens[k]
    if token.norm in _CONNECTORS and k > first and k + 1 < len(tokens):
        return tokens[k + 1].text[:1].isupper()
    return (token.text[:1].isupper() and token.norm not in WEEKDAYS
            and not is_month(tokens, k) and not token.norm.isdigit() and token.norm != "i")


def same_name(x: Name, y: Name) -> bool:
    """Whether two names are spellings of one ("U.K"/"UK", "Bey"/"Beyoncé")."""
    flat_x = "".join(sorted(w.replace(".", "") for w in x.core))
    flat_y = "".join(sorted(w.replace(".", "") for w in y.core))
    return flat_x == flat_y or any(
        u.startswith(v) or v.startswith(u) for u in x.core for v in y.core
        if min(len(u), len(v)) >= 3)


# --- roles -----------------------------------------------------------------------------------

#: Tokens at most between the two actors of one clause ("X congratulated Y on Sunday").
_ROLE_SPAN = 9
#: Marks between two names that end the clause or open a quotation.
_BREAKS = frozenset("\"“”«».;:!?()[]")
#: Past forms that do not end in "-ed" ("Marsh beat Vogel").
_IRREGULAR_PAST = wordset("""
beat met told took gave paid sold bought left led fought caught struck shot hit sued won
lost sent brought threw chose drew forgave overtook overthrew held kept
""")
#: An auxiliary that makes the clause passive when "by" introduces the second name.
_PASSIVE_AUX = wordset("is are was were be been being get gets got")
#: Shared names compared pairwise at most: hostile text may hold hundreds of capitals.
_MAX_SHARED = 24
_BY_REACH = 3  # "by" and at most two words ("the prosecutor") before the name


def role_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Two people or bodies named on both sides whose roles around a shared word are
    reversed: "Vesela congratulated Kroupa" against "Kroupa congratulated Vesela", or
    against "Vesela was congratulated by Kroupa"."""
    caps = frozenset(t.norm for text in (a, b) for t in read_tokens(text)[1:]
                     if t.text[:1].isupper())
    names_a, names_b = read_names(a, caps), read_names(b, caps)
    # The same name on both sides: one's words within the other's ("Holm", "Anna Holm"),
    # not two of one family ("Joe Giudice", "Teresa Giudice").
    shared = [(x, y) for x in names_a for y in names_b
              if x.core & y.core and (x.core <= y.core or y.core <= x.core)][:_MAX_SHARED]
    for (x1, y1), (x2, y2) in itertools.combinations(shared, 2):
        if x1 is x2 or y1 is y2 or x1.core & x2.core or not (_actor(x1) and _actor(x2)):
            continue
        read_a = _clause(a, x1.text, x2.text)
        read_b = _clause(b, y1.text, y2.text)
        if read_a is None or read_b is None or read_a[0] == read_b[0]:
            continue
        if read_a[1] & read_b[1]:
            return [(read_a[2], read_b[2])]
    return []


def _clause(text: str, first: str, second: str) -> tuple[bool, set[str], str] | None:
    """Whether ``first`` acts on ``second`` in ``text``, the content stems of the words
    between them, and the fragment; None when the two are not one clause's actors (far
    apart, across a quotation, or merely listed)."""
    at_first, at_second = text.find(first), text.find(second)
    if at_first < 0 or at_second < 0 or at_first == at_second:
        return None
    (start, left), (end, right) = sorted(((at_first, first), (at_second, second)))
    between = text[start + len(left):end]
    tokens = read_tokens(between)
    if _BREAKS & set(between) or len(tokens) > _ROLE_SPAN:
        return None
    stems = {word_stem(t.norm) for t in tokens if _verb_like(t)}
    if not stems:
        return None  # "Holm and Dahl", "The Cab frontman DeLeon": no act between them
    agent_first = at_first < at_second
    if _passive_by(tokens):
        agent_first = not agent_first
    return agent_first, stems, text[start:end + len(right)]


def _verb_like(token: Token) -> bool:
    """Whether a word between two names can be the act that relates them: a past form
    (regular or common irregular) or a participle, not a title or a name."""
    norm = token.norm
    if norm in FUNCTION_WORDS or norm in TITLES or token.text[:1].isupper():
        return False
    return norm in _IRREGULAR_PAST or (len(norm) > 4 and norm.endswith("ed"))


def _passive_by(tokens: Sequence[Token]) -> bool:
    """Whether the words between two names end in a "by" phrase after a passive auxiliary
    ("... was questioned on Tuesday by [the prosecutor]")."""
    tail = [t.norm for t in tokens[-_BY_REACH:]]
    if "by" not in tail:
        return False
    at = len(tokens) - 1 - tail[::-1].index("by")
    return any(t.norm in _PASSIVE_AUX for t in tokens[:at])


def _actor(name: Name) -> bool:
    """Whether a name can do or undergo an act: not a place or a demonym ("Ukrainian")."""
    from .evidence import place_code

    return bool(name.core - FUNCTION_WORDS) and place_code(name.text) is None

