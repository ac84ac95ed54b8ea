"""Two articles' sentences in, a sentence alignment out: which sentences of the source
(``a``) each sentence of the copy (``b``) retells, how surely, and which sentences the copy
added or dropped.

Every copy sentence is placed on its own, against the whole source, so the alignment
survives reordering: LLM rewrites move paragraphs, merge two sentences into one and split
one into two. A link needs evidence of shared content, read by :mod:`.evidence` into one
calibrated probability per sentence pair (names and figures in common, the share of words
explained, the embeddings' margin over the topic, the neighbours pairing up too):

- a copy sentence is linked to its best source sentence when that probability reaches
  :data:`LINK` and the two share specific content (:mod:`.specific`: a figure, a date, a
  quoted or rare word), since a copy's own commentary on the story's people shares only
  names and topic words (and words that another copy sentence's retelling of that source
  sentence shares too are an echo, not a retelling; so is a copy sentence that shares no
  specific content with a source sentence another copy sentence retells more surely and
  mostly tells, however close its embedding); and to every other source sentence
  that is linked about as surely and gives it specific content of its own (a merge); a
  second source sentence that explains what the first leaves out joins it too, and so does
  a neighbour of the first that the copy sentence retells along with it (LLM rewrites fold
  "X's recent remarks about Y" and "he called Y weak" into one sentence, and keep the rest
  of "he called Y weak" for their next sentence: a neighbour whose figure or quoted word
  only this copy sentence states joins it). A source sentence that shares with the copy
  sentence only the title and name it opens with ("Finance chair Emil Rask's remarks ...")
  is neither its first source, when another linked about as surely shares more, nor a
  second one, and neither is the name a source sentence opens with: "Rovan met the
  ambassador" is no second source of "Rovan said after the meeting ..." (a second source
  explaining what the first leaves out shares specific content with the copy sentence too);
- a copy sentence that folds two adjacent source sentences into one keeps part of each, so
  that neither link alone may reach :data:`LINK`: the two are linked when, read as
  independent evidence, they reach it together and each gives the copy sentence specific
  content of its own (a copy sentence that shares only topic words with a source sentence,
  however probable its link, retells none of it and takes it from no other);
- below :data:`LINK` a copy sentence is ``added``; between :data:`UNSURE` and :data:`LINK`
  the addition is listed in ``unsure``, because a weak best match is no evidence that the
  copy invented the sentence either: a report should not quote it as added without a look;
- adjacent copy sentences that retell the same source sentences form one pair (a split).

Source sentences that no copy sentence retells are ``dropped``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .coverage import CoverageScorer, Encoder, words
from .evidence import FEATURES, PairEvidence, link_model

__all__ = ["LINK", "UNSURE", "AlignedPair", "Encoder", "Relation", "SentenceAlignment",
           "align_sentences"]

Relation = Literal["copied", "paraphrased", "partial"]

#: Link probability from which a copy sentence retells a source sentence.
LINK = 0.5
#: Link probability under which a copy sentence is surely not a retelling.
UNSURE = 0.25
#: A second source sentence joins a link when it is linked this nearly as surely ...
MERGE_MARGIN = 0.3
#: ... or when, read with the first, it explains this much more of the copy sentence
#: and is itself held by it (:data:`CONTAINED`).
SECOND_SOURCE_GAIN = 0.12
#: ... and only when it explains this much of the copy sentence that the first leaves out,
#: or is held by it (:func:`_adds_content`).
MERGE_GAIN = 0.04
#: A second source retold better than this by another copy sentence stays that one's.
ELSEWHERE_MARGIN = 0.1
#: ... unless the copy sentence tells this much of it that the better one leaves out (a split).
SPLIT_GAIN = 0.2
#: A copy sentence linked with no specific content to a source sentence that another copy
#: sentence retells more surely and holds this much of echoes it (commentary on the retold
#: sentence), rather than telling the rest of it (a split's other half).
ECHO_TOLD = 0.5
#: Content coverage (harmonic mean of both shares) of a paraphrase rather than a partial
#: retelling, per mode (tuned on the GossipCop part of LLMFake and part of MRPC train).
PARAPHRASE = {"lexical": 0.5, "semantic": 0.58}
COPIED_RATIO = 0.9    # word-sequence similarity of a verbatim copy
#: Share of a copy sentence that two source sentences read together must explain to link
#: it as a merge when neither links alone, and the link probability each needs.
UNION_LINK = 0.5
UNION_MIN = 0.1
#: Share of a source sentence a copy sentence must hold to count as containing it.
CONTAINED = 0.4
#: Specific content (:mod:`.specific`: a figure, a date, a quoted word, a rare word) a link
#: needs unless it is this sure, fills a gap in order, or its cosine leads the copy
#: sentence's other candidates by :data:`COSINE_LEAD`: a copy's own commentary names the
#: story's people and topic and so links to some source sentence with middling probability.
SPECIFIC_MIN = 1.0
SURE = 0.95
COSINE_LEAD = 0.2
#: A source sentence next to a copy sentence's source, that no other copy sentence retells
#: surely with as much specific content, joins the link when the copy sentence states
#: specific content of it that the first source does not (this much,
#: :meth:`.specific.SpecificContent.beyond`) and holds :data:`NEIGHBOUR_HELD` of it; or, with
#: no such content, when it states a name of it that the first does not and holds
#: :data:`NEIGHBOUR_NAMED` of it ("X's recent remarks about Y" before "he called Y weak",
#: retold as "X called Y weak"). Names count only where the first source does not state them
#: (:meth:`.specific.SpecificContent.new_names`): a neighbour that names the same people is
#: no second source.
NEIGHBOUR_BEYOND = 1.0
NEIGHBOUR_HELD = 0.1
NEIGHBOUR_NAMED = 0.2
#: A second source sentence linked as surely as the first joins only when it gives the copy
#: sentence this much specific content the first does not (one rare name the first does not
#: state, in whole or in part, is enough: the place of a meeting).
MERGE_BEYOND = 0.5


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Sentences ``a`` of the source and ``b`` of the copy that say the same thing.

    ``score`` is the calibrated probability that the copy sentences retell the source
    sentences (the lower of the members'), the same scale with and without embeddings.
    ``coverage`` is the harmonic mean of the share of a's members explained by b and of
    b's explained by a: 1 for a verbatim copy, low when either side carries much the other
    does not. A side holds several indices when the copy merged or split sentences.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    relation: Relation
    score: float
    coverage: float = 0.0


@dataclass(frozen=True, slots=True)
class SentenceAlignment:
    """Pairs in the order of ``b``; sentences of b with no counterpart in a (``added``) and
    of a with none in b (``dropped``). ``unsure`` holds the added sentences whose best match
    was too strong to call them new with confidence. ``best`` gives, for every sentence of
    b, its best source sentence and that pair's link probability (-1 and 0 with no source).
    ``method`` names the signals used, so that a finding can say how it was produced."""

    pairs: tuple[AlignedPair, ...]
    added: tuple[int, ...]
    dropped: tuple[int, ...]
    method: str
    unsure: tuple[int, ...] = ()
    best: tuple[tuple[int, float], ...] = ()

    @property
    def added_share(self) -> float:
        """Share of the copy's sentences that have no counterpart in the source."""
        total = len(self.added) + sum(len(p.b) for p in self.pairs)
        return len(self.added) / total if total else 0.0

    def sources_of(self, j: int) -> tuple[int, ...]:
        """The source sentences that copy sentence ``j`` retells (empty when added)."""
        return next((p.a for p in self.pairs if j in p.b), ())


def align_sentences(
    a: Sequence[str], b: Sequence[str], *, encoder: Encoder | None = None
) -> SentenceAlignment:
    """Sentences of a source ``a`` and a copy ``b`` in; the alignment of b onto a out.

    Without ``encoder`` only the lexical signals are used: faster, and blind to
    rewordings that share few words.
    """
    method = "lexical" if encoder is None else \
        f"lexical+{getattr(encoder, 'name', type(encoder).__name__)}"
    if not a or not b:
        return SentenceAlignment((), tuple(range(len(b))), tuple(range(len(a))), method,
                                 best=tuple((-1, 0.0) for _ in b))
    evidence = PairEvidence.build(a, b, encoder)
    prob, features = link_model(evidence)
    topical = _topical(evidence, prob, features)
    links: list[tuple[int, ...]] = []
    added, unsure = [], []
    for j in range(len(b)):
        sources = _sources(evidence, prob, j, topical)
        links.append(sources)
        if not sources:
            added.append(j)
            if prob[:, j].max() >= UNSURE:
                unsure.append(j)
    pairs = _pairs(evidence.scorer, prob, links, a, b)
    used_a = {i for pair in pairs for i in pair.a}
    best = tuple((int(np.argmax(prob[:, j])), round(float(prob[:, j].max()), 4))
                 for j in range(len(b)))
    return SentenceAlignment(
        pairs=pairs, added=tuple(added),
        dropped=tuple(i for i in range(len(a)) if i not in used_a),
        method=method, unsure=tuple(unsure), best=best,
    )


def _topical(evidence: PairEvidence, prob: np.ndarray, features: np.ndarray) -> np.ndarray:
    """[i, j]: True where a pair shares no more than its topic: no specific content, not
    sure, not placed by a gap in order and, with embeddings, not clearly the copy
    sentence's best candidate."""
    topical = (evidence.specific.shared < SPECIFIC_MIN) & (prob < SURE) \
        & (features[..., FEATURES.index("gap_fill")] == 0)
    if evidence.cosine is not None and evidence.cosine.shape[0] > 1:
        ranked = np.sort(evidence.cosine, axis=0)
        runner = np.where(evidence.cosine >= ranked[-1][None, :], ranked[-2][None, :],
                          ranked[-1][None, :])
        topical &= evidence.cosine - runner < COSINE_LEAD
    return np.asarray(topical | _echoes(evidence, prob, topical))


def _echoes(evidence: PairEvidence, prob: np.ndarray, topical: np.ndarray) -> np.ndarray:
    """[i, j]: True where copy sentence j shares with source sentence i only specific words
    that another copy sentence, which retells i more surely, shares with it too, and no
    figure, date or quoted word: a copy's commentary echoes a phrase of the story ("alleged
    corruption") that its retelling of the sentence already used. One that shares no specific
    word with i echoes it when that other copy sentence holds :data:`ECHO_TOLD` of i. A split
    keeps both halves, since each half states words of the source the other does not."""
    specific = evidence.specific
    out = np.zeros(prob.shape, dtype=bool)
    candidates = (prob >= LINK) & ~topical & (prob < SURE)
    for i, j in zip(*np.nonzero(candidates), strict=True):
        if specific.strong_shared(int(i), int(j)):
            continue
        own = specific.shared_terms(int(i), int(j))
        out[i, j] = any(
            prob[i, k] > prob[i, j] and not topical[i, k]
            and (own <= specific.shared_terms(int(i), k) if own
                 else evidence.scorer.cover_a[i, k] >= ECHO_TOLD)
            for k in range(prob.shape[1]) if k != j)
    return out


def _sources(evidence: PairEvidence, prob: np.ndarray, j: int, topical: np.ndarray
             ) -> tuple[int, ...]:
    """The source sentences copy sentence ``j`` retells, best first; empty when added."""
    scorer = evidence.scorer
    column = prob[:, j]
    first = _first_source(evidence, column, j)
    if column[first] >= LINK and topical[first, j]:
        return ()
    if column[first] < LINK:
        merged = _adjacent_merge(evidence, prob, topical, first, j)
        if merged:
            return merged
        # A summary sentence condenses two far-apart source sentences: neither alone
        # explains it, the two together do.
        pair, covered = scorer.best_sources(j, SECOND_SOURCE_GAIN)
        if len(pair) == 2 and covered >= UNION_LINK and min(column[pair]) >= UNION_MIN:
            return tuple(sorted(pair, key=lambda i: -column[i]))
        return ()
    linked = [first] + [int(i) for i in np.argsort(-column)[1:3]
                        if column[i] >= LINK and column[i] >= column[first] - MERGE_MARGIN
                        and (not topical[i, j] or abs(int(i) - first) == 1)
                        and _adds_content(scorer, first, int(i), j)
                        and _brings_specific(evidence, first, int(i), j)
                        and not _told_elsewhere(scorer, prob, topical, int(i), j)]
    if len(linked) == 1:
        pair, _ = scorer.best_sources(j, SECOND_SOURCE_GAIN)
        second = [i for i in pair if i != first]
        # The second joins when it is itself a plausible link, or when the copy sentence
        # holds most of it: a merge of a long and a short sentence scores the short one low.
        # Either way it must share more than topic words ("direct military involvement").
        if second and (column[second[0]] >= UNSURE
                       or scorer.cover_a[second[0], j] >= CONTAINED) \
                and not topical[second[0], j] \
                and not _told_elsewhere(scorer, prob, topical, second[0], j):
            linked.append(second[0])
    linked += [n for n in (first - 1, first + 1) if 0 <= n < len(column) and n not in linked
               and _merged_neighbour(evidence, prob, topical, first, n, j)]
    telling = [i for i in linked if not evidence.specific.introduces_only(i, j)]
    return tuple(telling or linked)


def _adjacent_merge(evidence: PairEvidence, prob: np.ndarray, topical: np.ndarray,
                    first: int, j: int) -> tuple[int, ...]:
    """Source sentence ``first`` and a neighbour of it, when copy sentence ``j`` merges the
    two and neither alone links: each shares specific content of its own with j
    (:data:`MERGE_BEYOND` that the other does not state), neither is retold better by
    another copy sentence, and the two links, read as independent evidence that j retells
    the passage, reach :data:`LINK` together. A copy that folds two adjacent sentences into
    one keeps part of each, so that each alone explains too little of it."""
    column = prob[:, j]
    neighbours = [n for n in (first - 1, first + 1) if 0 <= n < len(column)]
    for n in sorted(neighbours, key=lambda k: -column[k]):
        if column[n] < UNION_MIN:
            continue
        together = 1.0 - (1.0 - float(column[first])) * (1.0 - float(column[n]))
        if together >= LINK and not topical[first, j] and not topical[n, j] \
                and _brings_specific(evidence, first, n, j) \
                and _brings_specific(evidence, n, first, j) \
                and not _told_elsewhere(evidence.scorer, prob, topical, first, j) \
                and not _told_elsewhere(evidence.scorer, prob, topical, n, j):
            return (first, n)
    return ()


def _first_source(evidence: PairEvidence, column: np.ndarray, j: int) -> int:
    """The source sentence copy sentence ``j`` retells first: its most probable one, unless
    all that one shares with j is the person j opens with (:meth:`.specific.SpecificContent.
    introduces_only`) and another linked about as surely shares content of its own. The
    sentence before "X's recent comments about Y" has X as its subject too, and the same
    shape as the copy sentence that retells the comments; taken first, it would bring in its
    own neighbours rather than those of the comments."""
    order = [int(i) for i in np.argsort(-column)]
    best = order[0]
    if not evidence.specific.introduces_only(best, j):
        return best
    return next((i for i in order[1:3] if column[i] >= LINK
                 and column[i] >= column[best] - MERGE_MARGIN
                 and not evidence.specific.introduces_only(i, j)), best)


def _merged_neighbour(evidence: PairEvidence, prob: np.ndarray, topical: np.ndarray,
                      first: int, n: int, j: int) -> bool:
    """Whether copy sentence ``j``, linked to source sentence ``first``, retells its
    neighbour ``n`` too (:data:`NEIGHBOUR_BEYOND`): a copy merges adjacent sentences, and a
    neighbour no other copy sentence retells would otherwise be listed as dropped, or
    linked to a copy sentence that shares less specific content with it."""
    specific = evidence.specific.shared
    # A figure or quoted word of n that j states and the other retelling does not makes j the
    # other half of a split ("X's recent remarks about Y, whom X called 'weak'" before
    # "X said the sale would bring 18 million"), not a weaker retelling of the same thing.
    own = evidence.specific.strong_terms(n, j) - set(evidence.specific.terms_a[first].stems)
    if any(prob[n, k] >= LINK and not topical[n, k] and specific[n, k] >= specific[n, j]
           and own <= evidence.specific.strong_terms(n, k)
           for k in range(prob.shape[1]) if k != j):
        return False
    held = float(evidence.scorer.cover_a[n, j])
    if evidence.specific.beyond(n, first, j) >= NEIGHBOUR_BEYOND:
        return held >= NEIGHBOUR_HELD
    # Names alone count only when the first source does not state them, in whole or in part:
    # a neighbour that names the same people ("Mayor Tomas Ekdal did not attend" next to
    # "Ekdal's recent comments about ...") brings nothing to the copy sentence.
    return bool(evidence.specific.new_names(n, first, j)) and held >= NEIGHBOUR_NAMED


def _brings_specific(evidence: PairEvidence, first: int, second: int, j: int) -> bool:
    """Whether source sentence ``second`` gives copy sentence ``j`` specific content that
    ``first`` does not (:data:`MERGE_BEYOND`): a sentence before or after the one retold
    that names the same people ("Mayor Tomas Ekdal did not attend the vote" next to "Ekdal's
    recent comments about ...") is no second source."""
    return evidence.specific.beyond(second, first, j) >= MERGE_BEYOND


def _told_elsewhere(scorer: CoverageScorer, prob: np.ndarray, topical: np.ndarray, i: int,
                    j: int) -> bool:
    """Whether another copy sentence retells source sentence ``i`` surely and better than
    ``j`` does, and ``j`` adds little of i to it: then i is that sentence's source, and j
    only shares a few of its words (the same person, the same place), no merge of it. A
    source sentence split in two keeps both halves: each tells a part of it. A copy
    sentence that shares only topic with i (``topical``) retells none of it, however
    probable its link."""
    row = np.where(topical[i], 0.0, prob[i])
    row[j] = 0.0
    other = int(np.argmax(row)) if row.size else -1
    if other < 0 or row[other] < LINK or row[other] < float(prob[i, j]) + ELSEWHERE_MARGIN:
        return False
    together, _ = scorer.group_cover([i], sorted((other, j)))
    return together[0] - float(scorer.cover_a[i, other]) < SPLIT_GAIN


def _adds_content(scorer: CoverageScorer, first: int, second: int, j: int) -> bool:
    """Whether source sentence ``second`` tells copy sentence ``j`` something ``first`` does
    not, or is held by it: a sentence that only repeats the story's names ("Shares of X
    fell") is no second source of a lead that names X too."""
    if scorer.cover_a[second, j] >= CONTAINED:
        return True
    _, together = scorer.group_cover([first, second], [j])
    return together[0] - float(scorer.cover_b[first, j]) >= MERGE_GAIN


def _pairs(scorer: CoverageScorer, prob: np.ndarray, links: Sequence[tuple[int, ...]],
           a: Sequence[str], b: Sequence[str]) -> tuple[AlignedPair, ...]:
    """One pair per run of adjacent copy sentences that retell the same source sentences."""
    runs: list[tuple[tuple[int, ...], list[int]]] = []
    for j, sources in enumerate(links):
        if not sources:
            continue
        key = tuple(sorted(sources))
        if runs and runs[-1][0] == key and runs[-1][1][-1] == j - 1 and len(key) == 1:
            runs[-1][1].append(j)
        else:
            runs.append((key, [j]))
    return tuple(_pair(scorer, prob, list(sources), members, a, b)
                 for sources, members in runs)


def _pair(scorer: CoverageScorer, prob: np.ndarray, group_a: list[int], group_b: list[int],
          a: Sequence[str], b: Sequence[str]) -> AlignedPair:
    a_cov, b_cov = scorer.group_cover(group_a, group_b)
    mean_a, mean_b = sum(a_cov) / len(a_cov), sum(b_cov) / len(b_cov)
    coverage = 2 * mean_a * mean_b / (mean_a + mean_b) if mean_a + mean_b else 0.0
    score = min(float(prob[group_a, j].max()) for j in group_b)
    relation: Relation = "partial"
    ratio = _word_ratio(" ".join(a[i] for i in group_a), " ".join(b[j] for j in group_b))
    if ratio >= COPIED_RATIO:
        relation, coverage = "copied", max(coverage, ratio)
        score = 1.0 if ratio == 1.0 else max(score, ratio)
    elif coverage >= PARAPHRASE[scorer.mode]:
        relation = "paraphrased"
    return AlignedPair(tuple(group_a), tuple(group_b), relation, round(min(1.0, score), 4),
                       round(min(1.0, coverage), 4))


def _word_ratio(left: str, right: str) -> float:
    """Similarity of the two word sequences: 1.0 for the same words in the same order."""
    words_l, words_r = words(left), words(right)
    if not words_l or not words_r:
        return 1.0 if words_l == words_r else 0.0
    if not math.isclose(len(words_l), len(words_r), rel_tol=0.25):
        return 0.0
    return difflib.SequenceMatcher(None, words_l, words_r, autojunk=False).ratio()
