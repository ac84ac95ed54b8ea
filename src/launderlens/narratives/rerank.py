"""A query and its hits in; the same hits, each with the reasons its record's phrasing does
not say what the query says, and a probability lowered for each, out.

Retrieval finds records on the query's topic; :func:`disagreements` reads the two claims
themselves: one text denies what the other asserts, or the two give the same actors in
swapped roles. A disagreement lowers how sure a finding is, not where the record ranks
(:func:`rerank_hits` says why).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from .index import Hit, plain_quotes, terms

__all__ = ["DISAGREEMENT_FACTOR", "disagreements", "rerank_hits"]


#: What a disagreement costs a hit's calibrated score (a factor): a phrasing that shares the
#: words but denies what the sentence asserts, or swaps who did what to whom, is a weaker
#: match than its retrievers say, not no match (the negation may sit in a quoted denial).
DISAGREEMENT_FACTOR = 0.7
_NEGATORS = frozenset(("not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
                       "deny", "denies", "denied", "cannot"))
_TOKEN = re.compile(r"[\w’'-]+|[.,;:!?()\"“”]")
_NAME = re.compile(r"\b[A-Z][\w’'-]+")
_OPENERS = frozenset(("the", "a", "an", "in", "on", "at", "it", "its", "this", "that", "these",
                      "those", "he", "she", "they", "we", "i", "after", "before", "as", "when",
                      "while", "there", "here", "but", "and", "so", "if"))
_MONTHS_AND_DAYS = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday"))
_WORD = re.compile(r"[a-z][\w’'-]+")
_ENDING = re.compile(r"(?:ing|ed|es|e|s|d)$")
#: A negator governs this many words after it ("did not really steal", "never sold").
_NEGATION_REACH = 2
#: Two names further apart than this are not one clause's subject and object.
_ROLE_REACH = 80


def _polarity(text: str) -> tuple[set[str], set[str]]:
    """The content stems of ``text``, and those a negator governs: the words up to
    :data:`_NEGATION_REACH` after "not", "never", "denied", "n't" in the same clause, names
    and capitalised words left out.
    "Fake", "hoax" and "false" are not negators: they are what disinformation says of
    things ("fake gas attacks")."""
    stems: set[str] = set()
    negated: set[str] = set()
    reach = 0
    for written in _TOKEN.findall(text):
        token = written.lower()
        if not token[0].isalnum():
            reach = 0  # punctuation ends the clause a negator governs
            continue
        if token in _NEGATORS or token.endswith(("n't", "n’t")):
            reach = _NEGATION_REACH
            continue
        # a capitalised word is a name (or shouting): what is negated is a verb or its object
        found = terms(token) if not written[0].isupper() else []
        if found:
            root = _ENDING.sub("", found[0]) or found[0]  # "lease", "leased": one root
            stems.add(root)
            if reach:
                negated.add(root)
        reach = max(reach - 1, 0)
    return stems, negated


def _names(text: str) -> list[tuple[str, int]]:
    """Capitalised words with their positions (names; not sentence openers, months, days)."""
    return [(m.group(0).lower().removesuffix("'s").removesuffix("’s"), m.start())
            for m in _NAME.finditer(text)
            if m.group(0).lower() not in _OPENERS and m.group(0).lower() not in _MONTHS_AND_DAYS]


def _swapped(query: str, phrasing: str) -> tuple[str, str] | None:
    """Two names that both texts give once each, in opposite orders, close together, with a
    shared word (the verb) between them in both, and no passive "by" in either: "X attacked
    Y" against "Y attacked X". The pair, or None."""
    first, second = _names(query), _names(phrasing)
    once_q = {n: p for n, p in first if sum(1 for m, _ in first if m == n) == 1}
    once_p = {n: p for n, p in second if sum(1 for m, _ in second if m == n) == 1}
    shared = sorted(set(once_q) & set(once_p), key=once_q.__getitem__)
    for i, a in enumerate(shared):
        for b in shared[i + 1:]:
            if once_p[a] < once_p[b]:
                continue  # same order in both
            between_q = query[once_q[a]:once_q[b]]
            between_p = phrasing[once_p[b]:once_p[a]]
            if max(len(between_q), len(between_p)) > _ROLE_REACH:
                continue
            if re.search(r"\bby\b", between_q + " " + between_p, re.I):
                continue
            if set(_WORD.findall(between_q.lower())) & set(_WORD.findall(between_p.lower())) \
                    - {"the", "and", "of", "to", "in", "a", "an", "has", "have", "had", "was"}:
                return a, b
    return None


def disagreements(query: str, phrasing: str) -> tuple[str, ...]:
    """Why the record's phrasing does not say what the query says: a word both give is
    negated in one and not in the other; or they give two actors in opposite roles."""
    reasons = []
    stems_q, negated_q = _polarity(query)
    stems_p, negated_p = _polarity(phrasing)
    flipped = sorted(stems_q & stems_p & (negated_q ^ negated_p))
    if flipped:
        said = "denies" if flipped[0] in negated_p else "asserts"
        reasons.append(f"negation: the record's phrasing {said} '{flipped[0]}', which the "
                       f"sentence {'asserts' if said == 'denies' else 'denies'}")
    pair = _swapped(query, phrasing)
    if pair is not None:
        reasons.append(f"roles: '{pair[0]}' and '{pair[1]}' are swapped between the sentence "
                       "and the record's phrasing")
    return tuple(reasons)


def rerank_hits(query: str, hits: Sequence[Hit]) -> list[tuple[Hit, tuple[str, ...]]]:
    """The hits by what ranks them (:attr:`~.index.Hit.ranking`: the index's order, equal
    scores keep theirs), each with the reasons its phrasing and the query disagree
    (:func:`disagreements`) and, where there are any, a probability lowered by
    :data:`DISAGREEMENT_FACTOR` per reason.

    A disagreement lowers how sure a finding is, not where the record ranks: a text that
    denies a claim is still about that claim, and the record it denies is the one a reader
    needs to see ("No, she did not reveal the launch window" is about the record "she
    revealed the launch window"). Lowering the fused score as well moved such records down
    the list: on the CLEF 2020 train tweets, where a tweet often disputes the claim it is
    paired with, that cost MAP@5 .915 -> .906 (12 tweets' gold claims lowered, 7 raised;
    ``evals/narratives_clef2020.py``). A lowered hit may therefore show less than the one
    below it, and says why.
    """
    # in one quote style, as the encoder reads them: a copy of the record in other quotes
    # must not disagree where the record agrees
    plain_query = plain_quotes(query[:2000])
    out = []
    for hit in hits:
        why = disagreements(plain_query, plain_quotes(hit.phrasing[:2000]))
        if why:
            hit = dataclasses.replace(hit, score=hit.score * DISAGREEMENT_FACTOR ** len(why))
        out.append((hit, why))
    out.sort(key=lambda pair: -pair[0].ranking)
    return out
