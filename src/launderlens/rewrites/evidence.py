"""Sentences of a source and a copy in; for every sentence pair, the evidence that they say
the same thing, and one calibrated link probability out.

A pair is linked on evidence of shared *content*, never on topic alone. The signals:

- ``cover_b`` / ``cover_a``: the IDF-weighted share of each sentence's content words (stems
  and character 4-grams) that the other one holds (:mod:`.coverage`, lexical only, so the
  same numbers in both modes);
- ``anchors``: the share of the copy sentence's names and figures (with their rarity in the
  two articles as weight) that the source sentence states too: rewrites keep who, where and
  how much while they change every other word;
- ``cosine``: the sentence embeddings' cosine, when an encoder is given. MiniLM scores two
  sentences on one topic high (see the project's perf notes), so the cosine enters as its
  margin over what the copy sentence scores against the rest of the source;
- ``restatement``: whether the cosine reaches what only restatements reach (0.8 for
  MiniLM), which links a rewording that shares no word at all;
- ``context``: how well the neighbours of the two sentences match (the pair before and the
  pair after): a retold passage keeps its local order even when the story is reordered;
- ``best``: whether each is the other's best match;
- ``distinct``: for a mutual best match, how far it stands above the runner-up of its row
  and of its column (its margin over each sentence's second-best): a rewrite's sentence
  that leads both ways by a wide margin is its partner even when it shares few words;
- ``gap_fill``: whether the pair fills, in order, a gap of as many sentences on each side
  between two sure links (or an article's start or end), as sentence aligners of
  translations do: a retelling reworded past all shared words still sits where its
  neighbours put it. It needs the pair's own cosine margin (or, without an encoder, some
  shared content and being each other's best match), so that an inserted sentence in the
  place of a dropped one stays apart.

:func:`link_model` combines them in a logistic model with one weight vector per mode,
so that a threshold on the probability means the same thing with and without embeddings.
The weights were set by hand from what the signals mean and checked on the development
pairs (``evals/align_verdicts.py``); nothing is fitted to one article.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..kb.seats import place_forms, seat_kind
from ..languages.numbers import number_value
from .coverage import CoverageScorer, Encoder
from .quantities import (
    Figure,
    derived,
    fraction_words,
    read_figures,
    read_shares,
    year_like,
    year_starts,
)
from .specific import SpecificContent

__all__ = ["Encoder", "PairEvidence", "link_model", "new_facts", "place_code", "same_place",
           "sentence_anchors"]

FloatMatrix = np.ndarray


# Names: capitalised words not at the start of the sentence (the start is checked against
# the rest of the article); figures: digits with their decimal part, or number words.
_ANCHOR = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][^\W_]*(?:['’.-][^\W\d_]+)*")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOT_NAMES = _wordset("""
the a an this that these those it its he she they we i in on at for but and or as if when
while after before during since with from by of to mr mrs ms dr
monday tuesday wednesday thursday friday saturday sunday
""")


@functools.lru_cache(maxsize=1)
def _place_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every name, alias, adjective and capital of a country or organisation the knowledge
    base and the entity tables know, to its code: "Washington", "U.S." and "American" all
    read as the United States, as a rewrite's metonyms do."""
    codes = {name: code.split(".")[0] for name, (code, _) in place_forms().items()}
    names = sorted(codes, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")
    return pattern, codes


def place_code(name: str) -> str | None:
    """The code of the country or organisation ``name`` names in any form, or None."""
    # The pattern matches exactly the table's names, so a whole name is a plain look-up.
    return _place_pattern()[1].get(_with_last_point(name))


#: Initials with points whose last point was read as the sentence's or left off ("U.S").
_INITIALS_CUT = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def _with_last_point(name: str) -> str:
    """``name`` with the point after its last initial back ("U.S" is "U.S."): the words of
    a sentence end before a point, and the tables write initials whole."""
    return f"{name}." if _INITIALS_CUT.fullmatch(name) else name


def same_place(x: str, y: str) -> bool:
    """Whether two names name one place: two forms of one country ("Britain", "British"),
    of one body ("Duma", "State Duma"), a country against one of its capitals, cities or
    bodies ("Russia" and "the Kremlin", a rewrite's metonym), or a capital against a body
    it is the seat of ("Moscow" and "the Kremlin"). Two bodies, or two cities, of one
    country are two places ("the White House" and "the Pentagon"). A name of words the
    tables do not know as a whole is one place with a body when a word of it names the
    body's country ("US Defense Department" and "the Pentagon"): which body it is, the
    tables cannot tell."""
    forms = place_forms()
    x, y = _with_last_point(x), _with_last_point(y)
    fx, fy = forms.get(x), forms.get(y)
    if fx is None or fy is None:
        known, other = (fx, y) if fy is None else (fy, x)
        return known is not None and _names_country_of(other, known[0])
    (code_x, country_x), (code_y, country_y) = fx, fy
    if code_x.split(".")[0] != code_y.split(".")[0]:
        return False
    return code_x == code_y or country_x or country_y or \
        {seat_kind(code_x), seat_kind(code_y)} == {"capital", "body"}


def _names_country_of(name: str, code: str) -> bool:
    """Whether a word of ``name`` names the country or organisation a body (``code``)
    belongs to."""
    forms = place_forms()
    country = code.split(".")[0]
    return "." in code and any(forms.get(word) == (country, True) for word in name.split())


def sentence_anchors(text: str, capitalised_elsewhere: frozenset[str]) -> frozenset[str]:
    """The names and figures of one sentence, lower-cased (possessives removed), and the
    code of each place or organisation it names in any of its forms."""
    pattern, codes = _place_pattern()
    out = {f"place:{codes[m.group()]}" for m in pattern.finditer(text)}
    fractions = fraction_words(text)  # "a fifth of" states a share, not the figure 5
    years = year_starts(text)
    for k, match in enumerate(_ANCHOR.finditer(text)):
        token = match.group()
        norm = token.lower().replace("’", "'").removesuffix("'s").rstrip(".")
        value = number_value(norm)
        if value is not None and match.start() not in fractions:
            # "32" and "thirty-two" are one anchor; a count that could be a year keeps its
            # separator ("2,019 firms", "2000 households"), so it never meets the year 2019.
            count = year_like(value) and match.start() not in years
            out.add(f"{value:,.0f}" if count else f"{value:g}")
        elif token[0].isupper() and norm not in _NOT_NAMES and (
                k > 0 or norm in capitalised_elsewhere):
            out.add(norm)
    return frozenset(out)


def new_facts(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, ...]]:
    """Per sentence of ``b``: the names and figures it states that no sentence of ``a``
    does, in order of appearance (place codes are left out: they restate a name)."""
    caps = _capitalised([*a, *b])
    known = set().union(*(sentence_anchors(t, caps) for t in a)) if a else set()
    read = [read_figures(text) for text in a]
    source = [(figures, read_shares(text, figures)) for text, figures in zip(a, read, strict=True)]
    everything = [f for figures in read for f in figures]
    out = []
    for text in b:
        anchors = sentence_anchors(text, caps)
        own = read_shares(text)
        fresh = [t for t in anchors if t not in known and not t.startswith("place:")
                 and not _worked_out(t, source, everything, own)]
        out.append(tuple(sorted(fresh, key=lambda t: text.lower().find(t))))
    return out


def _worked_out(anchor: str, source: Sequence[tuple[Sequence[Figure], Sequence[float]]],
                figures: Sequence[Figure], own: Sequence[float]) -> bool:
    """Whether a figure anchor is a share the source states of one of its figures in the
    same sentence ("840" for "a fifth of its 4,200 jobs"), or a share the copy's sentence
    states of any source figure: the copy worked it out rather than brought it in."""
    if not anchor[:1].isdigit():
        return False
    value = float(anchor.replace(",", ""))
    return (any(derived(value, figs, shares) for figs, shares in source if shares)
            or (bool(own) and derived(value, figures, own)))


def _capitalised(texts: Sequence[str]) -> frozenset[str]:
    """Words written with a capital inside a sentence somewhere in ``texts``."""
    out = set()
    for text in texts:
        for k, match in enumerate(_ANCHOR.finditer(text)):
            token = match.group()
            if k > 0 and token[0].isupper():
                out.add(token.lower().replace("’", "'").removesuffix("'s").rstrip("."))
    return frozenset(out)


#: Weight of ``gap_fill``: with the context of two sure neighbours, a gap filler with a
#: cosine margin (or some shared words) is linked; without them it is not.
GAP_WEIGHT = 2.6
#: First-pass probability of the sure links a gap lies between, the longest gap filled,
#: and the cosine margin (rescaled, see ``_margin``) a filler needs in semantic mode.
GAP_ANCHOR = 0.6
GAP_LONGEST = 3
GAP_MARGIN = 0.3
#: Weight of ``distinct``: a mutual best match that stands well clear of both runners-up
#: (set on the development pairs: 2 raised lexical demo recall .776 -> .816 at the same
#: precision; larger weights gained little more for more risk on inserted sentences).
DISTINCT_WEIGHT = 2.0
#: ... counted only between articles of this many sentences each (fewer leave no runner-up
#: worth the name) and for pairs whose similarity (``_base``) reaches this level.
DISTINCT_SENTENCES = 3
DISTINCT_LEVEL = 0.3
#: Weight of ``specific``: the specific content a pair shares (:mod:`.specific`), counted up
#: to :data:`SPECIFIC_FULL` (three shared figures or dates) and scaled to [0, 1]. Set on the
#: development pairs: 0.5 links the demo leads that retell the money sentence in other words
#: (lexical demo recall .868 -> .895 at precision .958 -> .973; nothing else moved); 1.0 and
#: more began to link sentences that share one figure and little else.
SPECIFIC_WEIGHT = 0.5
SPECIFIC_FULL = 6.0

# Logistic weights per mode over ``FEATURES``. Read as: a pair whose copy sentence is half
# explained, that shares its rare names and figures and is the mutual best match, and whose
# neighbours pair up too, is linked with high probability; a pair that shares no word and no
# name is not, whatever its cosine says (MiniLM scores topic, not content). Calibration was
# checked on the development pairs by the gold of each copy sentence's best match: lexical
# best matches between 0.25 and 0.5 were true links 8 times in 10 against about 4 in 10 with
# embeddings, so the lexical bias was raised from -4.4 to -4.25 (-4.1 linked two one-line
# articles that share a weekday and nothing else: tests/test_align.py).
FEATURES = ("bias", "cover_b", "cover_a", "anchors", "cosine_margin", "mutual_best",
            "no_shared_content", "context", "in_order", "restatement", "gap_fill",
            "distinct", "specific")
WEIGHTS = {
    "lexical": np.array([-4.25, 7.0, 2.0, 3.0, 0.0, 1.0, -2.5, 1.4, 1.2, 0.0, GAP_WEIGHT,
                         DISTINCT_WEIGHT, SPECIFIC_WEIGHT], dtype=np.float32),
    "semantic": np.array([-4.7, 7.0, 2.0, 3.0, 1.6, 1.0, -2.5, 1.4, 1.0, 2.0, GAP_WEIGHT,
                          DISTINCT_WEIGHT, SPECIFIC_WEIGHT], dtype=np.float32),
}
#: A pair must reach this first-pass probability to join the order-preserving path.
PATH_FLOOR = 0.15
#: Below this much lexical content and anchor share, a pair shares nothing but its topic.
NO_SHARED = 0.08
#: Source sentences needed for their median cosine to serve as the topic's background,
#: and the MiniLM cosine of two sentences on one topic that stands in below that.
MIN_BACKGROUND = 5
TOPIC_COSINE = 0.4
#: A MiniLM cosine that topic alone does not reach: a restatement in other words.
RESTATEMENT_COSINE = 0.8


@dataclass(frozen=True, slots=True)
class PairEvidence:
    """All-pairs evidence between source sentences (rows) and copy sentences (columns)."""

    mode: str
    cover_b: FloatMatrix
    cover_a: FloatMatrix
    anchors: FloatMatrix
    cosine: FloatMatrix | None
    scorer: CoverageScorer
    anchors_a: tuple[frozenset[str], ...]
    anchors_b: tuple[frozenset[str], ...]
    #: The specific content each pair shares (:mod:`.specific`).
    specific: SpecificContent

    @classmethod
    def build(cls, a: Sequence[str], b: Sequence[str], encoder: Encoder | None = None
              ) -> PairEvidence:
        scorer = CoverageScorer(a, b, encoder)
        caps = _capitalised([*a, *b])
        anchors_a = tuple(sentence_anchors(t, caps) for t in a)
        anchors_b = tuple(sentence_anchors(t, caps) for t in b)
        return cls("lexical" if scorer.cosine is None else "semantic", scorer.lexical_b,
                   scorer.lexical_a, _anchor_share(anchors_a, anchors_b), scorer.cosine, scorer,
                   anchors_a, anchors_b, SpecificContent(a, b, caps))

    @property
    def shape(self) -> tuple[int, int]:
        return self.cover_b.shape

    def features(self) -> np.ndarray:
        """``(n_a, n_b, len(FEATURES))``: the features of every pair. ``context`` is read off
        a first pass without it: the better probability of the two diagonal neighbours."""
        n, m = self.shape
        base = self._base()
        margin = np.zeros((n, m), dtype=np.float32)
        restatement = np.zeros((n, m), dtype=np.float32)
        if self.cosine is not None:
            margin = _margin(self.cosine)
            restatement = (self.cosine >= RESTATEMENT_COSINE).astype(np.float32)
        best_a = base == base.max(axis=1, keepdims=True)   # j is a_i's best
        best_b = base == base.max(axis=0, keepdims=True)   # i is b_j's best
        # Shared words or names, or (with an encoder) a cosine only restatements reach.
        content = self.cover_b + self.cover_a + self.anchors
        if self.cosine is not None:
            content = content + (self.cosine >= RESTATEMENT_COSINE)
        features = np.stack([
            np.ones((n, m), dtype=np.float32), self.cover_b, self.cover_a, self.anchors,
            margin, (best_a & best_b).astype(np.float32),
            (content < NO_SHARED).astype(np.float32), np.zeros((n, m), dtype=np.float32),
            np.zeros((n, m), dtype=np.float32), restatement, np.zeros((n, m), dtype=np.float32),
            (best_a & best_b) * _distinct(base),
            np.minimum(self.specific.shared, SPECIFIC_FULL) / SPECIFIC_FULL,
        ], axis=-1)
        first = _sigmoid(features @ WEIGHTS[self.mode])
        features[..., FEATURES.index("context")] = _context(first)
        features[..., FEATURES.index("in_order")] = _in_order(first)
        # A filler's evidence is its place and its margin: it may share no word at all.
        # Without an encoder, shared words alone are weak: the two must be each other's
        # best match too (an inserted sentence in the place of a dropped one rarely is).
        fillable = margin >= GAP_MARGIN if self.cosine is not None else \
            (content >= NO_SHARED) & (best_a & best_b)
        gaps = _gap_fill(first) * fillable
        features[..., FEATURES.index("gap_fill")] = gaps
        features[..., FEATURES.index("no_shared_content")] *= 1.0 - gaps
        return features

    def _base(self) -> FloatMatrix:
        """One similarity per pair for ranks and context: lexical content, and the cosine
        when there is one."""
        base = 0.5 * (self.cover_a + self.cover_b) + 0.5 * self.anchors
        if self.cosine is not None:
            base = base + np.clip(self.cosine, 0.0, 1.0)
        return np.asarray(base, dtype=np.float32)


def _anchor_share(anchors_a: Sequence[frozenset[str]], anchors_b: Sequence[frozenset[str]]
                  ) -> FloatMatrix:
    """[i, j]: the rarity-weighted share of b_j's anchors that a_i states too. A name that
    every sentence repeats (the story's protagonist) weighs little."""
    n, m = len(anchors_a), len(anchors_b)
    out = np.zeros((n, m), dtype=np.float32)
    if not n or not m:
        return out
    df = Counter(t for s in (*anchors_a, *anchors_b) for t in s)
    total = n + m
    weight = {t: math.log((1.0 + total) / (1.0 + c)) + 0.1 for t, c in df.items()}
    floor = 2.0 * math.log(1.0 + total)  # about two rare anchors
    for j, bj in enumerate(anchors_b):
        # A sentence with a single anchor shares "all" of it too easily: the share is
        # taken of at least two rare anchors' weight.
        mass = max(sum(weight[t] for t in bj), floor)
        if not bj:
            continue
        for i, ai in enumerate(anchors_a):
            shared = ai & bj
            if shared:
                out[i, j] = sum(weight[t] for t in shared) / mass
    return out


def _margin(cosine: FloatMatrix) -> FloatMatrix:
    """The cosine of each pair over the median cosine of the copy sentence against the whole
    source, rescaled: a pair that stands out from the topic's background scores high."""
    # With few source sentences their median is no background: a cosine typical of two
    # sentences on one topic stands in.
    if cosine.shape[0] >= MIN_BACKGROUND:
        background = np.median(cosine, axis=0, keepdims=True)
    else:
        background = np.full((1, cosine.shape[1]), TOPIC_COSINE, dtype=np.float32)
    return np.asarray(np.clip((cosine - background) / 0.35, -0.5, 1.2), dtype=np.float32)


def _context(prob: FloatMatrix) -> FloatMatrix:
    """[i, j]: the higher link probability of the pairs just before and just after."""
    n, m = prob.shape
    out = np.zeros((n, m), dtype=np.float32)
    if n < 2 or m < 2:
        return out
    out[1:, 1:] = prob[:-1, :-1]
    out[:-1, :-1] = np.maximum(out[:-1, :-1], prob[1:, 1:])
    return out


def _in_order(prob: FloatMatrix) -> FloatMatrix:
    """1 for the pairs on the order-preserving path through the pair grid (each step moves
    on in the source, in the copy, or both, so splits and merges stay on it) that collects
    the most first-pass probability over :data:`PATH_FLOOR`. Paraphrases keep the story's
    order, so a weak pair between two strong ones in order is likelier a retelling; a
    moved sentence still links on its own evidence."""
    n, m = prob.shape
    gain = np.maximum(prob - PATH_FLOOR, 0.0).tolist()
    best = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            before = max(best[i - 1][j] if i else 0.0, best[i][j - 1] if j else 0.0,
                         best[i - 1][j - 1] if i and j else 0.0)
            best[i][j] = before + gain[i][j]
    out = np.zeros((n, m), dtype=np.float32)
    i, j = n - 1, m - 1
    while i >= 0 and j >= 0:
        if gain[i][j] > 0:
            out[i, j] = 1.0
        steps = [(best[i - 1][j - 1], i - 1, j - 1)] if i and j else []
        steps += [(best[i - 1][j], i - 1, j)] if i else []
        steps += [(best[i][j - 1], i, j - 1)] if j else []
        if not steps:
            break
        _, i, j = max(steps)
    return out


def _distinct(base: FloatMatrix) -> FloatMatrix:
    """[i, j]: how far the pair stands above the runner-up of its row and of its column, as a
    share of its own similarity (0 when it does not lead both)."""
    n, m = base.shape
    if n < DISTINCT_SENTENCES or m < DISTINCT_SENTENCES:
        return np.zeros((n, m), dtype=np.float32)
    col = np.sort(base, axis=0)[-2][None, :]
    row = np.sort(base, axis=1)[:, -2][:, None]
    runner = np.maximum(col, row)
    share = np.clip((base - runner) / np.maximum(base, 1e-6), 0.0, 1.0)
    # Against an empty background, one shared word leads by far: no evidence of a retelling
    # (two unrelated short articles that both say "three").
    return np.asarray(share * (base >= DISTINCT_LEVEL), dtype=np.float32)


def _gap_fill(prob: FloatMatrix) -> FloatMatrix:
    """1 for the pairs that fill a gap between two sure links in order: between copy
    sentences ``j0 < j1`` linked surely to source sentences ``i0 < i1`` (the articles'
    starts and ends count as links, but not both), with no sure link between them and as
    many sentences in the gap on each side (at most :data:`GAP_LONGEST`), the k-th of the
    copy's gap against the k-th of the source's, when that source sentence has no sure link
    of its own."""
    n, m = prob.shape
    out = np.zeros((n, m), dtype=np.float32)
    best = prob.argmax(axis=0)
    sure = prob.max(axis=0) >= GAP_ANCHOR
    linked_rows = {int(best[j]) for j in range(m) if sure[j]}
    anchors = [(-1, -1)] + [(int(best[j]), j) for j in range(m) if sure[j]] + [(n, m)]
    for (i0, j0), (i1, j1) in itertools.pairwise(anchors):
        gap = j1 - j0 - 1
        whole = j0 < 0 and j1 == m  # no sure link at all: no place to read off
        if whole or gap < 1 or gap > GAP_LONGEST or i1 - i0 - 1 != gap:
            continue
        for k in range(1, gap + 1):
            if i0 + k not in linked_rows:
                out[i0 + k, j0 + k] = 1.0
    return out


def _sigmoid(logits: FloatMatrix) -> FloatMatrix:
    return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float32)


def link_model(evidence: PairEvidence) -> tuple[FloatMatrix, np.ndarray]:
    """[i, j]: the calibrated probability that copy sentence j retells source sentence i,
    and the features it was read from (``FEATURES`` last)."""
    features = evidence.features()
    return _sigmoid(features @ WEIGHTS[evidence.mode]), features
