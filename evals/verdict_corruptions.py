"""A clean copy's sentences in (an LLM paraphrase of a real article), copies with ONE planted
change out, each labelled with the sentence it touches and the kind of change: the FactCC
recipe (Kryscinski et al., 2020) applied to whole articles.

Kinds (:data:`KINDS`), each tried on one sentence chosen by a seeded generator:

- ``number``: a figure with its scale word ("2.7 billion" -> "1.4 billion", "38 percent" ->
  "57 percent"); years are left to ``date``;
- ``date``: a year moved by one to three, or a month or weekday replaced by another;
- ``name``: a name replaced by one from elsewhere in the same article or from another article
  of the same set (a name the sentence does not already hold);
- ``role``: two different names of one sentence exchanged (who did what to whom);
- ``negation``: "not" inserted after the first auxiliary, or removed where there is one;
- ``hedge``: a hedge removed ("may", "reportedly", "could" ...) or, where there is none, one
  added ("will" -> "may", "is" -> "is reportedly");
- ``attribution``: a named source hidden ("according to the CDC" -> "according to reports",
  "Smith said" -> "sources said");
- ``inserted``: a new sentence: a check-worthy sentence of ANOTHER article of the set, or an
  accusation behind vague sourcing built from :data:`ACCUSATIONS` around a name of the article.

Everything is deterministic: the generator of each copy is seeded with the run's seed and the
copy's id. Nothing derived from the data is stored: the corruptions are made at run time.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

KINDS = ("number", "date", "name", "role", "negation", "hedge", "attribution", "inserted")

#: Accusations behind vague sourcing, written here; ``{name}`` is a name of the article.
ACCUSATIONS = (
    "Investigative reports allege that {name} quietly moved millions of dollars through a "
    "network of shell companies.",
    "Critics say {name} has been hiding the real figures from the public for years.",
    "According to people familiar with the matter, {name} was warned months ago and did "
    "nothing.",
    "A leaked document seen by several journalists suggests that {name} paid to keep the "
    "story out of the press.",
    "Some observers claim {name} staged the whole affair to distract from a growing scandal.",
)

_SCALE = r"(?:\s+(?:million|billion|trillion|thousand|hundred|percent|per\s+cent|%))?"
_NUMBER = re.compile(r"(?<![\w.,$])(\$?)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(%?)(?![\w,.]\w)"
                     + f"({_SCALE})")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_OR_DAY = re.compile(r"\b(" + "|".join(_MONTHS[:4] + _MONTHS[5:] + _WEEKDAYS) + r")\b")
# A name: capitalised words (with inner "of"/"de" and initials), not at the sentence start.
_NAME = re.compile(r"(?<=[\w,;:)] )(?:[A-Z][a-z]+|[A-Z]\.)(?:\s+(?:of\s+|de\s+)?[A-Z][a-z]+)*")
_AUX = re.compile(r"(?<!\bto )\b(is|are|was|were|has|have|had|will|would|can|could|should|does|did)"
                  r"\b(?! not\b| n't\b| never\b)")
_NEGATED = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|does|did|do)"
                      r"( not\b|n't\b)")
_HEDGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(reportedly|allegedly|probably|possibly|apparently|likely) "), ""),
    (re.compile(r"\b(may|might|could)\b(?= \w)"), "will"),
    (re.compile(r"\bis expected to\b"), "will"),
    (re.compile(r"\bappears? to\b"), "did"),
)
_ADD_HEDGE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bwill\b"), "may"),
    (re.compile(r"\b(is|are|was|were|has|have|had)\b(?! not\b)"), r"\1 reportedly"),
)
_ATTRIBUTION: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b[Aa]ccording to (?:the )?(?:[A-Z][\w.'-]*|of|for|and)"
                r"(?:\s+(?:[A-Z][\w.'-]*|of|for|and))*"), "according to reports"),
    (re.compile(r"\b(?:[A-Z][\w.'-]+\s+){0,3}[A-Z][\w.'-]+ (said|says|told|reported|stated)\b"),
     "sources \\1"),
    (re.compile(r"\b(said|says|told reporters|stated) (?:[A-Z][\w.'-]+\s*){1,4}"), "\\1 a source "),
)
_NOT_NAMES = frozenset(_MONTHS + _WEEKDAYS + ("The", "A", "An", "In", "On", "He", "She", "It",
                                              "They", "We", "I", "But", "And", "This", "That"))


class Corruption(NamedTuple):
    """A copy with one planted change: its sentences, the touched sentence and the kind."""

    kind: str
    sentence: int
    sentences: tuple[str, ...]
    before: str
    after: str


def _rng(seed: int, key: str) -> random.Random:
    digest = hashlib.sha1(f"{seed}:{key}".encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def names_in(text: str) -> list[str]:
    """The capitalised names of ``text`` (not sentence-initial), in order, without repeats."""
    out = []
    for match in _NAME.finditer(text):
        name = match.group(0)
        if name.split()[0] not in _NOT_NAMES and len(name) > 2:
            out.append(name)
    return list(dict.fromkeys(out))


def _number(sentence: str, rng: random.Random) -> str | None:
    matches = [m for m in _NUMBER.finditer(sentence) if not _YEAR.fullmatch(m.group(2))]
    if not matches:
        return None
    m = rng.choice(matches)
    raw = m.group(2).replace(",", "")
    value = float(raw)
    factor = rng.choice((0.5, 0.6, 1.5, 2.0, 3.0))
    new = value * factor
    if "." in raw:
        text = f"{new:.{len(raw.split('.')[1])}f}"
    else:
        new_int = max(round(new), 1 if value < 1 else 2)
        new_int = new_int + 1 if new_int == int(value) else new_int
        text = f"{new_int:,}" if "," in m.group(2) else str(new_int)
    if text == m.group(2):
        return None
    return sentence[:m.start(2)] + text + sentence[m.end(2):]


def _date(sentence: str, rng: random.Random) -> str | None:
    years = list(_YEAR.finditer(sentence))
    words = list(_MONTH_OR_DAY.finditer(sentence))
    if not years and not words:
        return None
    m = rng.choice(years + words)
    word = m.group(0)
    if word.isdigit():
        new = str(int(word) + rng.choice((-3, -2, -1, 1, 2, 3)))
    else:
        pool = _MONTHS if word in _MONTHS else _WEEKDAYS
        new = rng.choice([w for w in pool if w != word and w != "May"])
    return sentence[:m.start()] + new + sentence[m.end():]


def _negation(sentence: str, rng: random.Random) -> str | None:
    negated = _NEGATED.search(sentence)
    if negated and rng.random() < 0.5:
        return sentence[:negated.start(2)] + sentence[negated.end(2):]
    aux = _AUX.search(sentence)
    if aux:
        return sentence[:aux.end()] + " not" + sentence[aux.end():]
    if negated:
        return sentence[:negated.start(2)] + sentence[negated.end(2):]
    return None


def _hedge(sentence: str, rng: random.Random) -> str | None:
    for pattern, repl in _HEDGES:
        if pattern.search(sentence):
            return pattern.sub(repl, sentence, count=1)
    for pattern, repl in _ADD_HEDGE:
        if pattern.search(sentence):
            return pattern.sub(repl, sentence, count=1)
    return None


def _attribution(sentence: str, rng: random.Random) -> str | None:
    for pattern, repl in _ATTRIBUTION:
        found = pattern.search(sentence)
        if found and "reports" not in found.group(0) and "source" not in found.group(0):
            new = found.expand(repl)
            if found.group(0)[0].isupper() and found.start() == 0:
                new = new[0].upper() + new[1:]
            return sentence[:found.start()] + new + sentence[found.end():]
    return None


def _role(sentence: str, rng: random.Random) -> str | None:
    names = names_in(sentence)
    if len(names) < 2:
        return None
    first, second = rng.sample(names, 2)
    if first in second or second in first:
        return None
    swapped = sentence.replace(first, "\0").replace(second, first).replace("\0", second)
    return swapped if swapped != sentence else None


Rewrite = Callable[[str, random.Random], "str | None"]
_REWRITES: dict[str, Rewrite] = {
    "number": _number, "date": _date, "negation": _negation, "hedge": _hedge,
    "attribution": _attribution, "role": _role,
}


def _name(sentence: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    names = names_in(sentence)
    if not names:
        return None
    old = rng.choice(names)
    choices = [n for n in pool if n not in sentence and old not in n and n not in old]
    if not choices:
        return None
    return sentence.replace(old, rng.choice(choices), 1)


def _claim_like(sentence: str) -> bool:
    """A sentence worth inserting as a claim: a figure or a name, and a statement's length."""
    words = sentence.split()
    return 8 <= len(words) <= 40 and (bool(re.search(r"\d", sentence)) or
                                      len(names_in(sentence)) >= 1) and "?" not in sentence


def corrupt(sentences: Sequence[str], key: str, seed: int, others: Sequence[Sequence[str]]
            ) -> list[Corruption]:
    """One corrupted copy per kind that applies to ``sentences`` (the clean copy), each with
    one planted change. ``others`` are the sentences of other articles of the same set, for
    names and inserted claims; ``key`` names the copy so that its generator is its own."""
    out = []
    own_names = [n for s in sentences for n in names_in(s)]
    for kind in KINDS:
        rng = _rng(seed, f"{key}:{kind}")
        order = list(range(len(sentences)))
        rng.shuffle(order)
        if kind == "inserted":
            out.append(_insert(sentences, rng, others, own_names))
            continue
        for j in order:
            if kind == "name":
                other = others[rng.randrange(len(others))] if others else []
                pool = list(dict.fromkeys(own_names + [n for s in other for n in names_in(s)]))
                after = _name(sentences[j], rng, pool)
            else:
                after = _REWRITES[kind](sentences[j], rng)
            if after and after != sentences[j]:
                changed = list(sentences)
                changed[j] = after
                out.append(Corruption(kind, j, tuple(changed), sentences[j], after))
                break
    return out


def _insert(sentences: Sequence[str], rng: random.Random, others: Sequence[Sequence[str]],
            own_names: Sequence[str]) -> Corruption:
    claims = [s for other in others for s in other if _claim_like(s)]
    if claims and (rng.random() < 0.5 or not own_names):
        new = rng.choice(claims)
    else:
        name = rng.choice(own_names) if own_names else "the agency"
        new = rng.choice(ACCUSATIONS).format(name=name)
    j = rng.randrange(1, len(sentences) + 1)
    changed = [*sentences[:j], new, *sentences[j:]]
    return Corruption("inserted", j, tuple(changed), "", new)
