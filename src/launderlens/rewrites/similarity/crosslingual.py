"""Texts in, the language of each and unit TF-IDF vectors of their script-neutral anchors
out (names by phonetic key, figures, day-and-month dates: see
:func:`launderlens.languages.translit.crosslingual_anchors`), for the pairs of documents
that the words alone cannot join because they are written in different languages.

Only pairs of two identified, different languages are scored and searched here, so
documents of one language (an English-only corpus above all) score exactly as the words
make them.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from itertools import islice
from typing import Self

import numpy as np
import scipy.sparse as sp

from ...embeddings.encoder import VectorEncoder
from ...languages.boilerplate import readable_head
from ...languages.detect import language_of
from ...languages.translit import crosslingual_anchors, same_figure
from ..quantities import year_like
from . import Neighbours, top_k_per_row
from .growing import GrowingRows
from .lexical import ReadRows, block_dots, rowwise_dot, smoothed_idf, unit_rows

__all__ = ["ANCHOR_CHARS", "HEAD_CHARS", "MAX_ANCHOR_POSTINGS", "READABLE_CHARS",
           "STORY_NAMES", "STORY_WEIGHTS", "UNREADABLE_STORY", "CrossLingualAnchors",
           "CrossMembers", "Excess", "StoryBlock", "anchor_share", "readable_story",
           "story_evidence", "story_head", "story_joins", "story_of_pair", "story_similarity",
           "sure_language", "unread_pairs"]

#: How much of a document the multilingual encoder reads as its head, as one text (the
#: clustering backend and compare's story score): on SemEval-2022 Task 8 training pairs
#: (25 per language pair) that follows the annotators better than the mean of its sentence
#: vectors (Pearson .717 against .690 with 8 sentences) at a third of the cost.
HEAD_CHARS = 2000
#: Anchors are read from the head of a document: names, dates and figures come early in news.
ANCHOR_CHARS = 4000
# Identification reads less: a few sentences name the language.
_IDENTIFY_CHARS = 400
# A language counts only when identified at least this surely and when it is one whose
# names, figures and dates the anchors read (month names of en ru uk de fr es it pl; the
# Cyrillic and Greek scripts; the other languages of the SemEval-2022 Task 8 pairs): a
# short or odd text guessed at (a generated corpus reads as Shona or Croatian at 0.2-0.8,
# a short English sentence as Nigerian Pidgin) must not make a pair "cross languages".
_SURE = 0.5
_READ = frozenset({"en", "ru", "uk", "be", "bg", "de", "fr", "es", "it", "pl", "el", "tr",
                   "zh", "ar"})
#: Anchors shared by more documents than this find no neighbours (a year, a capital).
MAX_ANCHOR_POSTINGS = 256
#: Names two documents in different languages must share for their anchors to count in
#: the story score of ``cluster`` when they share no figure or date (:func:`story_joins`;
#: a year or a one-digit figure is neither, :func:`story_evidence`).
#: Two reports of different events share one person's, club's or ministry's names, an
#: outlet's credit line, or social-network names; the same story also shares a figure or
#: a date, or more names. Chosen on the chosen half of the SemEval-2022 Task 8
#: cross-lingual pairs (``python evals/semeval_t8.py --cluster --split``, words only:
#: same-story pairs put together / different-story pairs put together, 46 / 13 with every
#: shared anchor counted; 3 names 47 / 12, 4 names 46 / 10, 5 names 44 / 8).
STORY_NAMES = 4


def story_evidence(key: str) -> int:
    """What an anchor key of :func:`~launderlens.languages.translit.crosslingual_anchors`,
    shared across languages, weighs towards :func:`story_joins`: a name 1; a day-and-month
    date or a figure that is no year and no whole number under ten (a count, a sum, a
    score, a share) :data:`STORY_NAMES`, as much as that many names; a year or a one-digit
    whole number nothing, as reports of unrelated events share them as often as not
    ("2024" is in half the news of 2024, a "2" in most; a time of day is no anchor at
    all). A count written with a thousands separator ("1,900", key ``count:1900``) is
    no year: it weighs as any other figure. On
    the chosen half of the SemEval-2022 Task 8 cross-lingual pairs (``python
    evals/semeval_t8.py --cluster --split``, words) this parts the two different-story
    pairs that a year or a one-digit figure joined, and four same-story pairs that shared
    nothing else but two names (46 / 10 -> 42 / 8)."""
    if key.startswith("name:"):
        return 1
    if key.startswith(("date:", "count:")):
        return STORY_NAMES
    value = float(key.removeprefix("num:"))
    return 0 if value in range(10) or year_like(value) else STORY_NAMES


def story_joins(evidence: np.ndarray) -> np.ndarray:
    """Whether the cross-language anchors of pairs count in the story score, from the
    :func:`story_evidence` of the anchors each pair shares, summed: a figure or date, or
    :data:`STORY_NAMES` names. A sum, so that one product of two rows of evidence says it:
    that product sums the squares (a name 1, a figure 16), which reach :data:`STORY_NAMES`
    for the same pairs as the plain sum the Spark executor takes, the weights being 0, 1
    and :data:`STORY_NAMES`."""
    return np.asarray(evidence >= STORY_NAMES, dtype=bool)


def unread_pairs(anchors: sp.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Whether either row of each pair holds no cross-language anchors: a row read while
    an index held one language (its anchors were never read) or a text that names nothing
    and states no figure or date. What such a pair shares says nothing for or against it,
    so the story rule cannot gate its words: they count as in one language."""
    starts, stops = anchors.indptr[:-1], anchors.indptr[1:]
    return np.asarray((starts[left] == stops[left]) | (starts[right] == stops[right]),
                      dtype=bool)


#: Weights of :func:`story_similarity`: the square of the multilingual cosine of the two
#: documents' heads, the cosine of their titles (first sentences), and the share of anchors
#: they have in common. Chosen by least squares against the annotators' Overall score on
#: half of the SemEval-2022 Task 8 development pairs (``python evals/semeval_t8.py
#: --multilingual --split``: even positions of the cross-lingual pairs and the first 25
#: pairs of each one-language pair), rescaled to sum to 1; the other pairs are the held-out
#: half (fitted there instead: .74 / .21 / .05). Annotators judge one story by who, where
#: and when: a title says what the story is about and the anchors name who and where, which
#: a mean of the whole head blurs. The head cosine is squared because the Overall score
#: falls faster at its top than at its bottom (two heads on one subject already reach
#: 0.5): squared, it lifts the held-out cross-lingual Pearson from .692 to .708.
STORY_WEIGHTS = {"document": 0.77, "title": 0.17, "anchors": 0.06}


def story_similarity(document: np.ndarray, title: np.ndarray, anchors: np.ndarray
                     ) -> np.ndarray:
    """How surely each pair tells one story, from the multilingual cosine of their heads
    (``document``) and titles, and their :func:`anchor_share`; arrays of one row per pair."""
    weights = STORY_WEIGHTS
    head = np.clip(document, 0.0, 1.0) ** 2
    return np.asarray(weights["document"] * head + weights["title"] * title
                      + weights["anchors"] * anchors, dtype=np.float32)


#: A head with fewer readable characters than this (once :func:`story_head` has left out
#: the page furniture) says no more than its title: the pair's title cosine stands for its
#: document cosine. Chosen on the chosen half of the SemEval-2022 Task 8 development pairs
#: (100, 150, 200 and 300 tried; 100 best there).
READABLE_CHARS = 100
#: The story score of a pair one of whose texts has nothing readable at all (a robot or
#: ad-blocker wall): such a page says nothing of the story, so the pair gets the mean story
#: score of the chosen half of the development pairs (0.257): neither one story nor
#: another, and below the cross-lingual same-story threshold
#: (:data:`launderlens.rewrites.compare.CROSSLINGUAL_SAME_STORY`, 0.40; the one-language
#: ``SAME_STORY``, 0.23, reads another score). Scored as they read, these walls are
#: the largest errors there: two walls read alike, and a wall reads unlike any article.
UNREADABLE_STORY = 0.26


def story_head(text: str) -> str:
    """What the encoder reads of a document for the story score: its first
    :data:`HEAD_CHARS` readable characters (see
    :func:`launderlens.languages.boilerplate.readable_head`)."""
    return readable_head(text, HEAD_CHARS)


def read_cosine(document: np.ndarray, title: np.ndarray, readable: np.ndarray) -> np.ndarray:
    """The cosine the story score reads for each pair: the document cosine, or the title
    cosine where the shorter of the two :func:`story_head` s (``readable``, in characters)
    is under :data:`READABLE_CHARS`."""
    return np.where(readable < READABLE_CHARS, title, document)


def readable_story(document: np.ndarray, title: np.ndarray, anchors: np.ndarray,
                   readable: np.ndarray) -> np.ndarray:
    """:func:`story_similarity` of the :func:`read_cosine`, and :data:`UNREADABLE_STORY`
    where a pair's shorter head is empty."""
    scores = story_similarity(read_cosine(document, title, readable), title, anchors)
    return np.where(readable <= 0, np.float32(UNREADABLE_STORY), scores).astype(np.float32)


def story_of_pair(encoder: VectorEncoder, a_text: str, b_text: str, a_title: str,
                  b_title: str, titles: tuple[np.ndarray, np.ndarray] | None = None
                  ) -> float:
    """:func:`readable_story` of one pair of texts in two languages, read by the
    multilingual ``encoder``: the cosine of their :func:`story_head` s, of their titles
    (first sentences; ``titles``: their vectors when already encoded), and their
    :func:`anchor_share`."""
    heads = [story_head(a_text), story_head(b_text)]
    readable = np.array([min(len(heads[0]), len(heads[1]))])
    if not readable[0]:
        return UNREADABLE_STORY
    if titles is None:
        vectors = encoder.encode([*heads, a_title, b_title])
        titles = (vectors[2], vectors[3])
    else:
        vectors = encoder.encode(heads)
    document = np.array([float(vectors[0] @ vectors[1])])
    title = np.array([float(titles[0] @ titles[1])])
    anchors = np.array([anchor_share(a_text, b_text)])
    return float(readable_story(document, title, anchors, readable)[0])


def anchor_share(a_text: str, b_text: str) -> float:
    """Anchors (names, figures, dates by script-neutral key) the two heads share, over
    those of the head with fewer; 0 when either has none."""
    a = {same_figure(key) for key in crosslingual_anchors(a_text[:ANCHOR_CHARS])}
    b = {same_figure(key) for key in crosslingual_anchors(b_text[:ANCHOR_CHARS])}
    fewer = min(len(a), len(b))
    return len(a & b) / fewer if fewer else 0.0


def sure_language(text: str) -> str | None:
    """The language of ``text`` when the anchors read it and it is known surely: the one
    stored at ingest (a :class:`~launderlens.languages.detect.LanguageText`), else the
    one identified from its head."""
    guess = language_of(text, _IDENTIFY_CHARS)
    sure = guess.confidence >= _SURE and guess.language in _READ
    return guess.language if sure else None


class CrossLingualAnchors:
    """Languages and anchor vectors of indexed rows ``0..n-1``; IDF from ``fit``."""

    def __init__(self, *, max_df: float = 0.2) -> None:
        self.max_df = max_df
        self.languages_: list[str | None] = []
        self.vocabulary_: dict[str, int] = {}
        self.document_frequency_ = np.zeros(0, dtype=np.int64)
        self.fitted_documents_ = 0
        self.vectors_ = sp.csr_matrix((0, 0), dtype=np.float32)
        self._codes = np.zeros(0, dtype=np.int64)
        self.crossing = False
        self._code: dict[str, int] = {}  # identified language -> its number in _codes
        self._grown = GrowingRows()
        # Each row's anchors weighed by their story evidence (see :meth:`_evidence`).
        self._evidence_of: tuple[tuple[int, int], sp.csr_matrix] | None = None
        self._column_evidence = np.zeros(0, dtype=np.float32)
        # Where two groups' rows lie in the vectors, kept while the groups stand.
        self._read = ReadRows()

    def fit(self, texts: Sequence[str]) -> Self:
        self.vocabulary_, self.languages_, self._code = {}, [], {}
        self._evidence_of, self._column_evidence = None, np.zeros(0, dtype=np.float32)
        counts = self._counts(texts)
        self.document_frequency_ = np.bincount(counts.indices, minlength=counts.shape[1])
        self.fitted_documents_ = counts.shape[0]
        self.vectors_ = self._weigh(counts)
        self._recode()
        return self

    def add(self, texts: Sequence[str]) -> None:
        first = len(self.languages_)
        new = self._weigh(self._counts(texts))
        self.vectors_ = self._grown.append(self.vectors_, new)  # in place (see .growing)
        self._recode(first)

    def _recode(self, first: int = 0) -> None:
        """Number the identified languages of the rows from ``first`` on (1, 2, ... in the
        order of their names; 0 unknown); every row's again when one of them brings a
        language not numbered yet, since its place in that order shifts the others'."""
        added = self.languages_[first:]
        if first and {lang for lang in added if lang} <= self._code.keys():
            code = self._code
            self._codes = np.r_[self._codes[:first], np.array(
                [code.get(lang or "", 0) for lang in added], dtype=np.int64)]
            return
        names = sorted({lang for lang in self.languages_ if lang})
        code = self._code = {lang: number for number, lang in enumerate(names, start=1)}
        self._codes = np.array([code.get(lang or "", 0) for lang in self.languages_],
                               dtype=np.int64)
        #: Whether two identified languages are indexed (some pair crosses languages).
        self.crossing = len(names) >= 2

    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        vocabulary = self.vocabulary_
        indptr, indices = array("q", [0]), array("i")
        first = len(self.languages_)
        for text in texts:
            self.languages_.append(sure_language(text))
        # Anchors serve only pairs of two languages: a corpus in one language (or none
        # identified surely) needs none, and reading them costs more than the words do.
        # Rows read while the index held one language keep no anchors when another comes.
        named = self._code.keys() | {lang for lang in self.languages_[first:] if lang}
        needed = len(named) >= 2
        for text in texts:
            if needed:
                for key in crosslingual_anchors(text[:ANCHOR_CHARS]):
                    indices.append(vocabulary.setdefault(key, len(vocabulary)))
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.ones(len(indices), dtype=np.float32), np.frombuffer(indices, dtype=np.int32),
             np.frombuffer(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(vocabulary)))

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        frequency = np.zeros(len(self.vocabulary_), dtype=np.float64)
        frequency[: len(self.document_frequency_)] = self.document_frequency_
        idf = smoothed_idf(frequency, self.fitted_documents_)
        weights = counts.copy()
        weights.data *= idf[weights.indices]
        unit = unit_rows(weights)
        unit.sort_indices()
        return unit

    def crosses(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Whether each pair joins two identified, different languages."""
        a, b = self._codes[left], self._codes[right]
        return np.asarray((a > 0) & (b > 0) & (a != b), dtype=bool)

    def similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Anchor cosine of each pair; 0 where the pair does not cross languages."""
        return self._cosine(left, right, self.crosses(left, right))

    def _cosine(self, left: np.ndarray, right: np.ndarray, cross: np.ndarray) -> np.ndarray:
        """:meth:`similarity`, given which pairs cross languages (:meth:`crosses`)."""
        out = np.zeros(len(left), dtype=np.float32)
        if cross.any():
            out[cross] = rowwise_dot(self.vectors_, left[cross], right[cross])
        return out

    def story_parts(self, left: np.ndarray, right: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`similarity` of each pair where its shared anchors count in a story's score
        (:func:`story_joins`), else 0, and whether the rest of its evidence (its
        words, its anchors as written) counts: always for a pair that does not cross
        languages, and across languages only where the shared anchors count or one side
        holds none (:func:`unread_pairs`). A year or a one-digit count written alike in
        both scripts ("2024", "2") is no more evidence as a word than as an anchor; nor
        are a person's names spelled alike."""
        cross = self.crosses(left, right)
        out = self._cosine(left, right, cross)
        counted = ~cross | unread_pairs(self.vectors_, left, right)
        hit = np.flatnonzero(out)  # only these share anchors (none in one language)
        if len(hit):
            joins = story_joins(rowwise_dot(self._evidence(), left[hit], right[hit]))
            out[hit[~joins]] = 0.0
            counted[hit[joins]] = True
        return out, counted

    def story_block(self, rows: np.ndarray, others: np.ndarray) -> StoryBlock:
        """:meth:`story_parts` of every pair of one of ``rows`` and one of ``others``, and
        whether each crosses languages, as arrays of one row per one of ``rows``: two
        groups' rows are read once, not once for each of their pairs."""
        crossing = self.crosses(rows[:, None], others[None, :])
        cosine = np.zeros(crossing.shape, dtype=np.float32)
        counted = np.ones(crossing.shape, dtype=bool)
        if crossing.any():
            vectors, evidence = self.vectors_, self._evidence()
            # The evidence holds the vectors' rows and columns: both are read at once.
            shared, products = block_dots(vectors, rows, others, [evidence.data, vectors.data],
                                          self._read)
            joins = story_joins(shared)
            cosine[crossing & joins] = products[crossing & joins]
            counted = ~crossing | joins | unread_pairs(vectors, rows[:, None], others[None, :])
        return crossing, cosine, counted

    def neighbours(self, rows: np.ndarray, k: int) -> Neighbours:
        """Up to ``k`` documents in another language sharing anchors with each of ``rows``."""
        codes = self._codes
        if len(np.unique(codes[codes > 0])) < 2 or not len(rows):
            return Neighbours.empty()
        vectors = self.vectors_
        live_df = np.bincount(vectors.indices, minlength=vectors.shape[1])
        cap = max(2.0, min(MAX_ANCHOR_POSTINGS, self.max_df * vectors.shape[0]))
        rare = sp.diags((live_df <= cap).astype(np.float32))
        index = vectors @ rare
        parts = []
        for start in range(0, len(rows), 2048):
            block = rows[start : start + 2048]
            overlap = (index[block] @ index.T).tocoo()
            left, right = block[overlap.row], overlap.col.astype(np.int64)
            keep = self.crosses(left, right)
            parts.append(top_k_per_row(Neighbours(left[keep], right[keep],
                                                  overlap.data[keep]), k))
        return Neighbours(*(np.concatenate(column) for column in zip(*parts, strict=True)))

    def _evidence_columns(self) -> np.ndarray:
        """The :func:`story_evidence` of each anchor column. The vocabulary numbers its
        keys in the order they came (columns of an added text follow), so an add reads the
        keys it brought only: reading every key again cost half a second per million keys at
        each add."""
        known, size = len(self._column_evidence), len(self.vocabulary_)
        if known != size:
            start = known if known < size else 0
            added = np.fromiter(
                (story_evidence(key) for key in islice(self.vocabulary_, start, None)),
                dtype=np.float32, count=size - start)
            self._column_evidence = np.r_[self._column_evidence[:start], added]
        return self._column_evidence

    def _evidence(self) -> sp.csr_matrix:
        """Each document's anchors weighed by their :func:`story_evidence` (the product of
        two rows sums the squares of what the pair's shared anchors weigh, see
        :func:`story_joins`), kept while the rows stay."""
        vectors = self.vectors_
        shape = (vectors.shape[0], vectors.nnz)
        if self._evidence_of is None or self._evidence_of[0] != shape:
            weights = self._evidence_columns()[vectors.indices]
            self._evidence_of = (shape, sp.csr_matrix(
                (weights, vectors.indices, vectors.indptr), shape=vectors.shape))
        return self._evidence_of[1]


def sparse_dot(indices: np.ndarray, values: np.ndarray, other_indices: np.ndarray,
               other_values: np.ndarray) -> float:
    """The dot product of two sparse vectors kept as sorted (indices, values) arrays; the
    first is looked up in the second, so put the shorter first."""
    if not len(indices) or not len(other_indices):
        return 0.0
    at = np.minimum(np.searchsorted(other_indices, indices), len(other_indices) - 1)
    hit = other_indices[at] == indices
    return float(values[hit] @ other_values[at[hit]])


def sparse_sum(indices: np.ndarray, values: np.ndarray, other_indices: np.ndarray,
               other_values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sum of two sparse vectors kept as sorted (indices, values) arrays."""
    indices = np.concatenate([indices, other_indices])
    values = np.concatenate([values, other_values])
    if not len(values):
        return indices, values
    order = np.argsort(indices, kind="stable")
    indices, values = indices[order], values[order]
    starts = np.flatnonzero(np.r_[True, indices[1:] != indices[:-1]])
    return indices[starts], np.add.reduceat(values, starts)


#: :meth:`CrossLingualAnchors.story_block` of two groups' rows: whether each pair crosses
#: languages, its story anchor cosine, and whether its words count.
StoryBlock = tuple[np.ndarray, np.ndarray, np.ndarray]
#: What two groups' pairs across languages score beyond the dot product of their sums,
#: given the groups' rows and their :data:`StoryBlock`.
Excess = Callable[[np.ndarray, np.ndarray, StoryBlock], float]


class CrossMembers:
    """A group's members that the cross-language anchors read, so that group-average
    clustering scores each of its pairs in two different languages as the pair's edge
    does: ``cross_dot`` is what those pairs, between two groups, score beyond the dot
    product of the two groups' summed vectors, as ``excess`` sums it (given the two
    groups' rows, the group of the lower rows first). Those pairs' words and anchors as
    written count only where the story rule lets them, and their score adds the
    cross-language anchor cosine: neither is a dot product of sums."""

    __slots__ = ("anchors", "excess", "languages", "rows")

    def __init__(self, anchors: CrossLingualAnchors, rows: np.ndarray,
                 excess: Excess,
                 languages: frozenset[str] | None = None) -> None:
        # Rows kept sorted, so that the sum does not depend on the order of the merges.
        self.anchors, self.rows, self.excess = anchors, np.asarray(rows, dtype=np.int64), excess
        # The identified languages of the rows: two groups none of whose pairs cross
        # languages add nothing, and most pairs of groups are such.
        self.languages = frozenset(
            lang for lang in (anchors.languages_[row] for row in self.rows.tolist()) if lang
        ) if languages is None else languages

    def cross_dot(self, other: CrossMembers) -> float:
        mine, theirs = self.languages, other.languages
        if not mine or not theirs or (mine == theirs and len(mine) == 1):
            return 0.0
        # One order of the pairs whichever group asks, so that both read the same sum.
        rows, others = (self.rows, other.rows) if self.rows[0] < other.rows[0] else \
            (other.rows, self.rows)
        block = self.anchors.story_block(rows, others)
        return self.excess(rows, others, block) if block[0].any() else 0.0

    def merged(self, other: CrossMembers) -> CrossMembers:
        rows = np.concatenate([self.rows, other.rows])
        rows.sort()
        return CrossMembers(self.anchors, rows, self.excess, self.languages | other.languages)
