"""An aligned pair of sentences in, the changes between them out: a figure, a date or a
name that differs, a negation or a hedge added or removed, a source named in one and vague
or missing in the other.

Every detector is conservative on purpose. Two sentences that restate one fact differ in
wording everywhere, so a change is reported only when the same slot holds different
content: the same unit after a different number, the same head word with and without
"not" or "allegedly", the same title before a different name. An omission alone (a date
the copy leaves out) is not a change; the alignment already reports what was dropped.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeVar

from ..languages.numbers import number_value
from .align import SentenceAlignment

__all__ = ["Change", "ChangeKind", "alignment_changes", "pair_changes"]

_T = TypeVar("_T")

ChangeKind = Literal["number", "date", "name", "role", "negation", "attribution", "hedge",
                     "cause"]


@dataclass(frozen=True, slots=True)
class Change:
    """What differs between sentence ``a`` of the source and sentence ``b`` of the copy.

    ``a_text`` and ``b_text`` are the differing fragments; a side that has nothing in that
    slot (a hedge or a source the copy removed) has an empty fragment. ``certain`` is False
    for the kinds that faithful paraphrases also produce: a hedge added or dropped, and a
    source dropped or added without vague sourcing taking its place (rewrites drop "the
    actress told the outlet" all the time; "according to the AP" becoming "it was reported"
    is what laundering does).
    """

    a: int
    b: int
    kind: ChangeKind
    a_text: str
    b_text: str
    certain: bool = True


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    norm: str
    start: int
    end: int


def _wordlist(words: str) -> list[str]:
    return words.split()


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?%?|[^\W\d_]+(?:['’.-][^\W\d_]+)*'?")
_STOP = _wordset("""
a an the of to in on at for by with from and or but as that this these those is are was
were be been being has have had do does did will would shall should its it his her their
our they he she we i you who which what there than then so such into over about
""")


@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[_Token, ...]:
    out = []
    for match in _TOKEN.finditer(text):
        raw = match.group().rstrip("'")
        norm = raw.lower().replace("’", "'").removesuffix("'s").rstrip(",")
        out.append(_Token(raw, norm, match.start(), match.start() + len(raw)))
    return tuple(out)


def _stem(word: str) -> str:
    # Crude on purpose: it joins "deploy"/"deploys"/"deployed", all the head-word
    # checks below need.
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)][:6]
    return word[:6]


def _span(text: str, tokens: Sequence[_Token], first: int, last: int) -> str:
    first, last = max(0, first), min(len(tokens) - 1, last)
    return text[tokens[first].start:tokens[last].end] if first <= last else ""


# --- numbers -------------------------------------------------------------------------

_SMALL = dict(zip(_wordlist(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"), range(2, 20), strict=True))
_TENS = dict(zip(_wordlist("twenty thirty forty fifty sixty seventy eighty ninety"),
                 range(20, 100, 10), strict=True))
# "one" and "first"/"second" are left out: far more often a pronoun or a figure of speech.
_ORDINALS = dict(zip(
    _wordlist("third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"),
    range(3, 13), strict=True))
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MONTHS = {name: k for k, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sep sept", "october oct", "november nov", "december dec"),
    start=1) for name in names.split()}
_WEEKDAYS = _wordset("monday tuesday wednesday thursday friday saturday sunday")


@dataclass(frozen=True, slots=True)
class _Figure:
    value: float
    unit: str
    text: str
    before: str = ""  # the content word just before it: the slot when the unit is not


def _is_month(tokens: Sequence[_Token], k: int) -> bool:
    token = tokens[k]
    if token.norm.rstrip(".") not in _MONTHS or not token.text[0].isupper():
        return False
    # "May" is a month only before a day or a year; otherwise it is the modal verb.
    following = tokens[k + 1].norm if k + 1 < len(tokens) else ""
    return token.norm != "may" or following.isdigit()


def _is_year(token: _Token) -> bool:
    return token.norm.isdigit() and len(token.norm) == 4 and 1800 <= int(token.norm) <= 2100


def _figure_value(token: _Token) -> float | None:
    value = number_value(token.norm)
    if value is None and "-" in token.norm:
        # "nine-year-old", "three-day": the number word leads a hyphenated compound.
        value = number_value(token.norm.split("-", 1)[0])
    return value


def _figures(text: str) -> list[_Figure]:
    """Quantities of a text (years and days of the month are dates, not figures)."""
    tokens, out, k = _tokens(text), [], 0
    while k < len(tokens):
        value = _figure_value(tokens[k])
        in_date = (k > 0 and _is_month(tokens, k - 1)) or (
            k + 1 < len(tokens) and _is_month(tokens, k + 1) and tokens[k].norm.isdigit())
        if value is None or _is_year(tokens[k]) or in_date:
            k += 1
            continue
        end = k
        while end + 1 < len(tokens) and tokens[end + 1].norm in _SCALES:
            end += 1
            value *= _SCALES[tokens[end].norm]
        after = end + 1
        unit_at = None if (after == len(tokens) or tokens[after].norm in _STOP
                           or "%" in tokens[k].norm) else after
        unit = "%" if "%" in tokens[k].norm else (
            _stem(tokens[unit_at].norm) if unit_at is not None else "")
        unit = "%" if unit in ("percen", "per") else unit
        out.append(_Figure(value, unit, _span(text, tokens, k, unit_at or end),
                           _word_before(tokens, k)))
        k = end + 1
    return out


def _same_value(x: float, y: float) -> bool:
    # "nearly 40" for 39 is a rounding, not a change of figure.
    return abs(x - y) <= 0.03 * max(abs(x), abs(y))


# Units of time in hours, so that "48 hours" and "two days" are one duration.
_HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "fortni": 336.0,
          "month": 730.0, "year": 8760.0, "decade": 87600.0}


def _same_figure(x: _Figure, y: _Figure) -> bool:
    if _same_value(x.value, y.value):
        return True
    hours_x = _HOURS.get(x.unit, _HOURS.get(x.unit.removesuffix("s")))
    hours_y = _HOURS.get(y.unit, _HOURS.get(y.unit.removesuffix("s")))
    return hours_x is not None and hours_y is not None and _same_value(
        x.value * hours_x, y.value * hours_y)


def _number_changes(a: str, b: str) -> list[tuple[str, str]]:
    fa, fb = _figures(a), _figures(b)
    left = [x for x in fa if not any(_same_figure(x, y) for y in fb)]
    right = [y for y in fb if not any(_same_figure(x, y) for x in fa)]
    return _pair_up(left, right, lambda x, y: (x.unit == y.unit and bool(x.unit)) or (
        bool(x.before) and x.before == y.before), lambda f: f.text)


def _word_before(tokens: Sequence[_Token], k: int) -> str:
    """The stem of the nearest content word in the two tokens before ``k``."""
    for p in (k - 1, k - 2):
        if p >= 0 and tokens[p].norm not in _STOP and not tokens[p].norm[:1].isdigit():
            return _stem(tokens[p].norm)
    return ""


def _pair_up(left: list[_T], right: list[_T], same_slot: Callable[[_T, _T], bool],
             text_of: Callable[[_T], str]) -> list[tuple[str, str]]:
    """Pair what only a has with what only b has: by slot; then, when as many are left on
    each side, in order ("by seven votes to two" against "split five to four")."""
    pairs = []
    right = list(right)
    unpaired = []
    for x in left:
        matches = [y for y in right if same_slot(x, y)]
        if matches:
            right.remove(y := matches[0])
            pairs.append((text_of(x), text_of(y)))
        else:
            unpaired.append(x)
    if unpaired and len(unpaired) == len(right):
        pairs += [(text_of(x), text_of(y)) for x, y in zip(unpaired, right, strict=True)]
    return pairs


# --- dates ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Date:
    month: int | None
    day: int | None
    year: int | None
    weekday: str | None
    text: str
    before: str = ""


def _dates(text: str) -> list[_Date]:
    """Calendar dates ("September 4", "4 Sept. 2025"), bare years and weekdays."""
    tokens, out, k = _tokens(text), [], 0
    while k < len(tokens):
        token = tokens[k]
        if token.norm in _WEEKDAYS:
            out.append(_Date(None, None, None, token.norm, token.text, _word_before(tokens, k)))
        elif _is_month(tokens, k):
            first, day, year, end = k, None, None, k
            if k and _day(tokens[k - 1]):
                first, day = k - 1, _day(tokens[k - 1])
            elif k + 1 < len(tokens) and _day(tokens[k + 1]):
                end, day = k + 1, _day(tokens[k + 1])
            if end + 1 < len(tokens) and _is_year(tokens[end + 1]):
                end, year = end + 1, int(tokens[end + 1].norm)
            month = _MONTHS[token.norm.rstrip(".")]
            out.append(_Date(month, day, year, None, _span(text, tokens, first, end),
                             _word_before(tokens, first)))
            k = end
        elif _is_year(token) and not (k and _is_month(tokens, k - 1)):
            out.append(_Date(None, None, int(token.norm), None, token.text,
                             _word_before(tokens, k)))
        k += 1
    return out


def _day(token: _Token) -> int | None:
    return int(token.norm) if token.norm.isdigit() and 1 <= int(token.norm) <= 31 else None


def _date_changes(a: str, b: str) -> list[tuple[str, str]]:
    da, db = _dates(a), _dates(b)
    changes = []
    for field in ("day", "month", "year", "weekday"):
        def value(d: _Date, field: str = field) -> object:
            return getattr(d, field)

        left = [d for d in da if value(d) is not None
                and value(d) not in {value(e) for e in db}]
        right = [e for e in db if value(e) is not None
                 and value(e) not in {value(d) for d in da}]
        if field == "month":
            # A month on its own ("in October"); a full date's month is read with its day.
            left = [d for d in left if d.day is None]
            right = [e for e in right if e.day is None]
        # A day differs only within the same month: "September 4" against "September 5".
        slot: Callable[[_Date, _Date], bool] = (
            (lambda d, e: d.month == e.month) if field == "day" else
            (lambda d, e: bool(d.before) and d.before == e.before))
        changes += [c for c in _pair_up(left, right, slot, lambda d: d.text)
                    if c not in changes]
    return changes


# --- names ---------------------------------------------------------------------------

_TITLES = _wordset("""
president prime minister chancellor secretary senator sen governor gov mayor king queen
prince princess pope general gen dr mr mrs ms rep representative chief director ambassador
vice foreign defense defence spokesman spokeswoman spokesperson judge justice ceo chairman
chairwoman leader commander premier deputy state former first lady sir lord
""")
_CONNECTORS = frozenset({"of", "de", "da", "van", "von", "al", "bin", "la", "le", "del"})


@dataclass(frozen=True, slots=True)
class _Name:
    core: frozenset[str]
    role: frozenset[str]
    text: str


def _names(text: str, also: frozenset[str] = frozenset()) -> list[_Name]:
    """Runs of capitalised words, split into the name proper and the role around it
    (titles inside the run, the word before and the word after it). A capitalised first
    word is a name when it is capitalised inside this text or is in ``also``."""
    tokens = _tokens(text)
    capitalised = {t.norm for t in tokens[1:] if t.text[:1].isupper()} | also
    out, k = [], 0
    while k < len(tokens):
        end = k
        while end < len(tokens) and _in_name(tokens, end, k):
            end += 1
        if end == k:
            k += 1
            continue
        run: Sequence[_Token] = tokens[k:end]
        # A capitalised first word of a sentence is a name only if it is capitalised
        # elsewhere too.
        if k == 0 and len(run) == 1 and run[0].norm not in capitalised:
            run = []
        core = frozenset(t.norm for t in run if t.norm not in _TITLES | _CONNECTORS)
        context = [t.norm for t in (*tokens[max(0, k - 1):k], *tokens[end:end + 1])]
        role = frozenset(t.norm for t in run if t.norm in _TITLES) | frozenset(
            c for c in context if c not in _STOP)
        if core:
            out.append(_Name(core, role, _span(text, tokens, k, end - 1)))
        k = end
    return out


def _in_name(tokens: Sequence[_Token], k: int, first: int) -> bool:
    token = tokens[k]
    if token.norm in _CONNECTORS and k > first and k + 1 < len(tokens):
        return tokens[k + 1].text[:1].isupper()
    return (token.text[:1].isupper() and token.norm not in _WEEKDAYS
            and not _is_month(tokens, k) and not token.norm.isdigit() and token.norm != "i")


def _name_changes(a: str, b: str) -> list[tuple[str, str]]:
    words_a = {t.norm for t in _tokens(a)}
    words_b = {t.norm for t in _tokens(b)}
    left = [n for n in _names(a) if not n.core & words_b]
    right = [n for n in _names(b) if not n.core & words_a]
    # Only a different name in the same role: a title or a neighbouring word in common.
    # Spellings of one name ("U.K"/"UK", "Bey"/"Beyoncé") are the same name.
    if len(left) != 1 or len(right) != 1:
        return []
    x, y = left[0], right[0]
    if x.role & y.role and not _same_name(x, y):
        return [(x.text, y.text)]
    return []


def _same_name(x: _Name, y: _Name) -> bool:
    flat_x = "".join(sorted(w.replace(".", "") for w in x.core))
    flat_y = "".join(sorted(w.replace(".", "") for w in y.core))
    return flat_x == flat_y or any(
        u.startswith(v) or v.startswith(u) for u in x.core for v in y.core
        if min(len(u), len(v)) >= 3)


# --- negation and hedges: a cue before a head word that the other side states plainly ---

_NEGATIONS = _wordset("""
not never no none nobody nothing neither nor without cannot lack lacks lacked lacking deny
denies denied denying refuse refuses refused refusing reject rejects rejected rejecting
decline declines declined declining fail fails failed failing failure lack absence
avoid avoids avoided avoiding
""")
_HEDGES = _wordset("""
allegedly alleged reportedly purportedly apparently supposedly possibly perhaps probably
likely unlikely may might could seem seems seemed appear appears appeared suggest suggests
suggested suggesting rumored rumoured rumor rumors speculated
believed unconfirmed unverified suspected potentially presumably
""")
_HEAD_WINDOW = 4


# "not only ... but also", "but not before", "not until": a negation word that negates
# nothing the other side could state plainly.
_NOT_NEGATING = frozenset({"only", "just", "before", "until", "till", "least", "to"})


# "no more than four", "no later than Friday": a bound, not a negation; "no shortage of":
# a double negative that states the positive.
_BOUNDS = frozenset({"more", "less", "fewer", "later", "sooner", "earlier", "shortage",
                     "lack", "shortfall"})


def _is_negation(tokens: Sequence[_Token], k: int) -> bool:
    norm = tokens[k].norm
    if norm == "not" and k + 1 < len(tokens) and tokens[k + 1].norm in _NOT_NEGATING:
        return False
    if norm in ("no", "not") and k + 1 < len(tokens) and tokens[k + 1].norm in _BOUNDS:
        return False
    if norm == "not" and k + 2 < len(tokens) and tokens[k + 2].norm == "but":
        return False  # "not one but two"
    return norm in _NEGATIONS or norm.endswith("n't")


def _negation_changes(a: str, b: str) -> list[tuple[str, str]]:
    """A negation on one side only. When both sides negate something, the rewrite has moved
    or reworded the negation ("not a single thing she would change" against "she would
    change nothing"), which is no change of polarity that word positions can prove."""
    ta, tb = _tokens(a), _tokens(b)
    negated_a = any(_is_negation(ta, k) for k in range(len(ta)))
    negated_b = any(_is_negation(tb, k) for k in range(len(tb)))
    if negated_a and negated_b:
        return []
    return _cue_changes(a, b, _is_negation)


def _is_hedge(tokens: Sequence[_Token], k: int) -> bool:
    return tokens[k].norm in _HEDGES and not _is_month(tokens, k)


def _head(tokens: Sequence[_Token], k: int, is_cue: Callable[[Sequence[_Token], int], bool],
          other: frozenset[str] = frozenset()) -> int | None:
    """The content word after the cue at ``k`` that the cue qualifies: the first one the
    other side also uses ("not described as a happy person" against "is a happy person"
    qualifies "happy"), else the first one."""
    first = None
    for h in range(k + 1, min(k + 1 + _HEAD_WINDOW, len(tokens))):
        if tokens[h].norm not in _STOP and not is_cue(tokens, h):
            if _stem(tokens[h].norm) in other:
                return h
            first = h if first is None else first
    return first


def _cue_changes(a: str, b: str, is_cue: Callable[[Sequence[_Token], int], bool]
                 ) -> list[tuple[str, str]]:
    """Fragments where one side qualifies a head word with a cue and the other states
    the same head word without one."""
    ta, tb = _tokens(a), _tokens(b)
    changes = []
    for x_text, xs, y_text, ys, flip in ((a, ta, b, tb, False), (b, tb, a, ta, True)):
        other = frozenset(_stem(t.norm) for t in ys)
        for k in range(len(xs)):
            if not is_cue(xs, k) or (h := _head(xs, k, is_cue, other)) is None:
                continue
            stem = _stem(xs[h].norm)
            q = next((q for q, t in enumerate(ys) if _stem(t.norm) == stem), None)
            if q is None or any(is_cue(ys, p) for p in range(max(0, q - _HEAD_WINDOW), q)):
                continue
            if not _same_context(xs, k, h, ys, q):
                continue
            cued, plain = _span(x_text, xs, k - 1, h), _span(y_text, ys, q - (h - k), q)
            changes.append((plain, cued) if flip else (cued, plain))
    return changes


def _same_context(xs: Sequence[_Token], k: int, h: int, ys: Sequence[_Token], q: int) -> bool:
    """Whether the head word sits among the same words on both sides: a content word just
    before the cue or just after the head also stands near the head on the other side.
    Without it the head word is merely reused elsewhere ("does not have a rare disease"
    against "raises funds for a rare disease"), not the same statement negated."""
    near = {_stem(t.norm) for t in (*xs[max(0, k - 3):k], *xs[h + 1:h + 4])
            if t.norm not in _STOP and not t.norm.isdigit()}
    around = {_stem(t.norm) for t in (*ys[max(0, q - _HEAD_WINDOW - 2):q], *ys[q + 1:q + 4])}
    return bool(near & around)


# --- polarity: a verb or adjective replaced by its opposite ------------------------------

# Each pair: words (by their stems) that state opposite outcomes of one event in the news.
_OPPOSITES = tuple((frozenset(_stem(w) for w in left.split()),
                    frozenset(_stem(w) for w in right.split())) for left, right in (
    ("rose rise rises risen increased increase increases grew grow", "fell fall falls fallen "
     "decreased decrease decreases dropped declined shrank"),
    ("won win wins", "lost lose loses"),
    ("approved approve approves passed", "rejected reject rejects vetoed"),
    ("accepted accept accepts", "refused refuse refuses rejected"),
    ("upheld uphold upholds", "overturned overturn overturns struck annulled"),
    ("supported support supports backed", "opposed oppose opposes"),
    ("welcomed welcome welcomes praised", "criticised criticized condemned denounced"),
    ("allowed allow allows permitted", "banned ban bans forbade prohibited"),
    ("confirmed confirm confirms admitted", "denied deny denies"),
    ("lifted lift lifts eased", "imposed impose imposes tightened"),
    ("guilty convicted", "acquitted innocent"),
    ("increase raise raised", "cut cuts lowered"),
))


def _polarity_changes(a: str, b: str) -> list[tuple[str, str]]:
    """A word on one side whose opposite stands on the other, neither side having both:
    "the court upheld the rule" against "the court struck down the rule"."""
    ta, tb = _tokens(a), _tokens(b)
    stems_a = {_stem(t.norm): t.text for t in ta}
    stems_b = {_stem(t.norm): t.text for t in tb}
    out = []
    for left, right in _OPPOSITES:
        for one, other in ((left, right), (right, left)):
            in_a = [stems_a[w] for w in one if w in stems_a]
            in_b = [stems_b[w] for w in other if w in stems_b]
            if in_a and in_b and not (one & stems_b.keys()) and not (other & stems_a.keys()):
                out.append((in_a[0], in_b[0]))
    return out


# --- roles: who did what to whom -----------------------------------------------------------

def _role_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Two people or bodies named on both sides in opposite order around a verb both sides
    use, neither side passive: "Vesela congratulated Kroupa" against "Kroupa congratulated
    Vesela"."""
    caps = frozenset(t.norm for text in (a, b) for t in _tokens(text)[1:]
                     if t.text[:1].isupper())
    names_a, names_b = _names(a, caps), _names(b, caps)
    shared = [(x, y) for x in names_a for y in names_b if x.core & y.core]
    if len(shared) < 2 or _PASSIVE.search(a) or _PASSIVE.search(b):
        return []
    out = []
    for (x1, y1), (x2, y2) in itertools.combinations(shared, 2):
        if x1 is x2 or y1 is y2:
            continue
        at_a = (a.find(x1.text), a.find(x2.text))
        at_b = (b.find(y1.text), b.find(y2.text))
        if min(*at_a, *at_b) < 0 or (at_a[0] < at_a[1]) == (at_b[0] < at_b[1]):
            continue
        between_a = _content_stems(a[min(at_a):max(at_a)])
        between_b = _content_stems(b[min(at_b):max(at_b)])
        if between_a & between_b:
            out.append((a[min(at_a):max(at_a) + len(x2.text if at_a[1] > at_a[0] else x1.text)],
                        b[min(at_b):max(at_b) + len(y2.text if at_b[1] > at_b[0] else y1.text)]))
            break
    return out


_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?\w+(?:ed|en)\s+by\b",
                      re.IGNORECASE)


def _content_stems(text: str) -> set[str]:
    return {_stem(t.norm) for t in _tokens(text)
            if t.norm not in _STOP and not t.text[:1].isupper()}


# --- attribution ---------------------------------------------------------------------

_SPEECH = (r"(?:said|says|told|stated|announced|reported|claimed|wrote|tweeted|confirmed|"
           r"denied|admitted|revealed|added|noted|insisted|alleged|explained|declared|warned)")
_SOURCE = (r"(?:[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,4}"
           r"|[Tt]he\s+[a-z]+(?:\s+[a-z]+){0,2})")
_ATTRIBUTION = re.compile(
    rf"\b(?i:according)\s+to\s+(?P<a>(?:the\s+|some\s+|unnamed\s+|anonymous\s+)?[\w'’.-]+(?:\s+[\w'’.-]+)?)"
    rf"|\b(?:released|reported|published|cited|quoted|confirmed)\s+by\s+(?P<b>{_SOURCE})"
    rf"|(?P<c>{_SOURCE}|\b(?:he|she|they))\s+{_SPEECH}\b"
    rf"|\b{_SPEECH}\s+(?P<d>{_SOURCE})"
    r"|(?:^|,\s*)per\s+(?P<e>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
    r"|\b(?P<v>(?i:(?:reports|sources|critics|analysts|observers|insiders|experts|officials|"
    r"rumou?rs|documents|studies)\s+(?:say|said|suggest|suggested|claim|claimed|allege|"
    r"alleged|indicate|indicated|show|showed|reveal|revealed)"
    r"|it\s+(?:is|was|has\s+been|had\s+been)\s+(?:reported|claimed|alleged|said|rumou?red|"
    r"believed|suggested|observed)"
    r"|an?\s+(?:source|insider|person)\s+(?:close\s+to|familiar\s+with)))"
)
_VAGUE_HEADS = _wordset("""
reports report sources source critics analysts observers insiders insider experts officials
rumors rumours documents document studies people some many media accounts
""")
_PRONOUNS = frozenset({"he", "she", "they"})


@dataclass(frozen=True, slots=True)
class _Source:
    vague: bool
    key: frozenset[str]
    text: str
    names: frozenset[str] = frozenset()  # its capitalised words, as written


def _sources(text: str) -> list[_Source]:
    out = []
    for match in _ATTRIBUTION.finditer(text):
        if match.group("v"):
            out.append(_Source(True, frozenset(), match.group()))
            continue
        group = next(g for g in ("a", "b", "c", "d", "e") if match.group(g))
        source = match.group(group)
        tokens = _tokens(source)
        words = [t.norm for t in tokens]
        vague = any(w in _VAGUE_HEADS for w in words)
        key = frozenset(w for w in words if w not in _STOP or w in _PRONOUNS)
        # A capital that only starts the sentence ("Police said") names nothing.
        first = 1 if not text[:match.start(group)].strip() else 0
        names = frozenset(t.text for t in tokens[first:] if t.text[:1].isupper()
                          and t.norm not in _STOP | _PRONOUNS | {"according"})
        out.append(_Source(vague, key, match.group().strip(" ,"), names))
    return out


def _attribution_changes(a: str, b: str) -> list[tuple[str, str]]:
    """A source named on one side that the other side does not mention at all (hidden or
    added), or vague sourcing on one side only. A source the other side still names, in any
    construction ("Valtonen said" against "Valtonen ..., telling journalists"), is kept."""
    sa, sb = _sources(a), _sources(b)
    words_a = {t.norm for t in _tokens(a)}
    words_b = {t.norm for t in _tokens(b)}
    named_a = [s for s in sa if not s.vague and s.key - _PRONOUNS]
    named_b = [s for s in sb if not s.vague and s.key - _PRONOUNS]
    hidden = [s for s in named_a if not _mentioned(s, b, words_b)]
    shown = [s for s in named_b if not _mentioned(s, a, words_a)]
    vague_a = next((s.text for s in sa if s.vague), "")
    vague_b = next((s.text for s in sb if s.vague), "")
    if hidden:
        return [(hidden[0].text, shown[0].text if shown else vague_b)]
    if shown and not named_a:
        return [(vague_a, shown[0].text)]
    if not named_a and not named_b and bool(vague_a) != bool(vague_b):
        return [(vague_a, vague_b)]
    return []


def _mentioned(source: _Source, text: str, words: set[str]) -> bool:
    """Whether ``text`` still names ``source``: its capitalised words as written when it
    has any ("Celebrity Net Worth" is not mentioned by "net worth"), else its words."""
    if source.names:
        return any(re.search(rf"\b{re.escape(name)}\b", text) for name in source.names)
    return bool((source.key - _PRONOUNS) & words)


def _same_source(x: _Source, y: _Source) -> bool:
    # "she said" may well be the minister the other copy names.
    return bool(x.key & y.key) or bool(x.key & _PRONOUNS) or bool(y.key & _PRONOUNS)


# --- entry points ----------------------------------------------------------------------

_DETECTORS: tuple[tuple[ChangeKind, Callable[[str, str], list[tuple[str, str]]]], ...] = (
    ("number", _number_changes),
    ("date", _date_changes),
    ("name", _name_changes),
    ("negation", _negation_changes),
    ("negation", _polarity_changes),
    ("role", _role_changes),
    ("attribution", _attribution_changes),
    ("hedge", lambda a, b: _cue_changes(a, b, _is_hedge)),
)


def pair_changes(a_text: str, b_text: str, *, a: int = 0, b: int = 0) -> list[Change]:
    """Two sentences (or two groups of sentences read together) in; their changes out,
    labelled with the sentence indices ``a`` and ``b``."""
    found = [Change(a, b, kind, a_frag, b_frag, _certain(kind, a_frag, b_frag))
             for kind, detect in _DETECTORS for a_frag, b_frag in detect(a_text, b_text)]
    # A hedge dropped together with its source ("the bank said a cut could come" against
    # "a cut will come") turns an attributed possibility into a bare fact: each alone is a
    # common rewording, both together are what laundering does.
    dropped = {c.kind for c in found if c.a_text and not c.b_text} | {
        c.kind for c in found if c.kind == "hedge" and c.a_text}
    if {"hedge", "attribution"} <= dropped:
        found = [dataclasses.replace(c, certain=True)
                 if c.kind in ("hedge", "attribution") else c for c in found]
    return found


def _certain(kind: ChangeKind, a_frag: str, b_frag: str) -> bool:
    if kind == "hedge":
        return False
    if kind == "attribution":
        # Certain only when a named source on one side faces vague sourcing on the other.
        vague = [bool(frag) and any(s.vague for s in _sources(frag)) for frag in (a_frag, b_frag)]
        return bool(a_frag and b_frag) and vague[0] != vague[1]
    return True


def alignment_changes(alignment: SentenceAlignment, a: Sequence[str], b: Sequence[str]
                      ) -> list[Change]:
    """An alignment and the sentences it aligns in; the changes in every pair out, each
    labelled with the member sentences its fragments come from."""
    return list(_iter_changes(alignment, a, b))


def _iter_changes(alignment: SentenceAlignment, a: Sequence[str], b: Sequence[str]
                  ) -> Iterator[Change]:
    source_values = [f.value for text in a for f in _figures(text)]
    for pair in alignment.pairs:
        a_text = " ".join(a[i] for i in pair.a)
        b_text = " ".join(b[j] for j in pair.b)
        for change in pair_changes(a_text, b_text):
            yield Change(_member(pair.a, a, change.a_text), _member(pair.b, b, change.b_text),
                         change.kind, change.a_text, change.b_text, change.certain)
        yield from _new_figures(pair.a, pair.b, a_text, b, source_values)


def _new_figures(group_a: Sequence[int], group_b: Sequence[int], a_text: str,
                 b: Sequence[str], source_values: Sequence[float]) -> Iterator[Change]:
    """Figures a retold sentence states that the whole source never does: "Jamie Foxx, 52,
    ..." where the source gives no age. A figure changed in its slot is reported by
    :func:`pair_changes`; this finds a figure the copy brought in on its own."""
    in_pair = _figures(a_text)
    for j in group_b:
        for figure in _figures(b[j]):
            if not figure.text[:1].isdigit() and figure.text[:1] not in "$€£":
                continue  # "twelve months" for "a year": words rephrase, digits state
            if in_pair and any(_same_value(figure.value, x.value) for x in in_pair):
                continue
            if not any(_same_value(figure.value, value) for value in source_values):
                changed_in_slot = any(not any(_same_value(x.value, y.value)
                                              for y in _figures(b[j])) for x in in_pair)
                if not changed_in_slot:
                    yield Change(group_a[0], j, "number", "", figure.text)


def _member(group: Sequence[int], sentences: Sequence[str], fragment: str) -> int:
    return next((i for i in group if fragment and fragment in sentences[i]), group[0])
