"""Texts in, unit-length TF-IDF vectors of their words out, with an inverted index over
each document's top-weighted terms that finds candidate neighbours without comparing all
pairs.

LLM rewrites change most words of an article but keep its rare ones (names, places,
figures, quoted phrases); TF-IDF with sublinear term frequency puts the weight there, so
the few top-weighted terms of a document are enough to find the other copies of its story.

The vocabulary grows as documents are added (a story that breaks after ``fit`` brings new
names, and they are its best evidence), while document frequencies stay as ``fit``
learned them, in the scikit-learn manner: a term first seen by ``add`` counts as the
rarest term there is.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self

import numpy as np
import scipy.sparse as sp

from . import Neighbours, restrict_rows, symmetric_unique, top_k_per_row
from .growing import GrowingRows
from .postings import TopTermPostings

if TYPE_CHECKING:
    from .crosslingual import CrossLingualAnchors, CrossMembers, Excess

__all__ = ["CROSSLINGUAL_WEIGHT", "STORY_CROSSLINGUAL_WEIGHT", "LexicalBackend", "ReadRows",
           "RowsRead", "anchor_terms", "block_dot", "block_dots", "crosslingual_similarity",
           "read_rows", "rowwise_dot", "smoothed_idf", "terms_by_column", "tokenize",
           "unit_rows"]

# Numbers keep their inner separators ("4.2", "1,340", "13:05") so that a figure is one
# term; words keep inner dots and hyphens ("u.s", "al-assad"); apostrophes split, so that
# "Italy's" and "Italy" share the term "italy".
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W_]+(?:[.\-][^\W_]+)*")
# A capitalised word that does not open a sentence (it follows a word, a comma or an
# opening bracket) is a name, a place or an institution; numbers are figures and dates.
_ANCHOR = re.compile(
    r"(?<=[\w,;:(] )[^\W\d_][^\W_]*(?:[.\-][^\W_]+)*"
    r"|(?<=\()[^\W\d_][^\W_]*(?:[.\-][^\W_]+)*"
    r"|\d+(?:[.,:]\d+)*"
)

#: Scale of the anchor cosine of two documents in different languages against the word
#: cosine (see :mod:`.crosslingual`); chosen on SemEval-2022 Task 8 training pairs.
CROSSLINGUAL_WEIGHT = 0.6
#: Weight of the anchor cosine of two documents in different languages in a story's score
#: (:meth:`LexicalBackend.similarity_and_story`), added to what words and as-written anchors
#: give them. Chosen on SemEval-2022 Task 8 training pairs, as the group-average score of
#: ``cluster`` sees them: the median same-story pair in one language scores 0.31, the
#: median same-story pair across languages 0.14 without the anchors, whose median cosine
#: there is 0.17; weight 1 brings it to 0.30 (pairs of different stories: median 0.03).
STORY_CROSSLINGUAL_WEIGHT = 1.0


def tokenize(text: str) -> list[str]:
    """Lower-cased word and number tokens of ``text``."""
    return _TOKEN.findall(text.lower())


def smoothed_idf(frequency: np.ndarray, documents: int) -> np.ndarray:
    """Smoothed inverse document frequency in float32, ``log((1 + n) / (1 + df)) + 1``,
    of terms found in ``frequency`` (float64) of ``documents``."""
    return np.log((1 + documents) / (1 + frequency)).astype(np.float32) + np.float32(1)


def terms_by_column(vocabulary: Mapping[str, int], first: int = 0) -> list[str]:
    """The terms of columns ``first, first + 1, ...`` of ``vocabulary``."""
    # A vocabulary grows by setdefault(term, len(vocabulary)), so its order is its columns';
    # checked, and sorted by column where it is not.
    columns = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))
    if np.array_equal(columns, np.arange(len(vocabulary))):
        return list(itertools.islice(vocabulary, first, None))
    terms = [""] * len(vocabulary)
    for term, column in vocabulary.items():
        terms[column] = term
    return terms[first:]


def anchor_terms(text: str) -> list[str]:
    """Lower-cased tokens of ``text`` that name something: capitalised words inside a
    sentence, and numbers. Shared anchors tell one event from another of the same kind."""
    return [match.lower() for match in _ANCHOR.findall(text) if not match[:1].islower()]


def unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """``matrix`` with every non-empty row scaled to unit length, as float32 CSR."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ matrix, dtype=np.float32)


def rowwise_dot(matrix: sp.csr_matrix, left: np.ndarray, right: np.ndarray,
                block: int = 20_000) -> np.ndarray:
    """``matrix[left[i]] . matrix[right[i]]`` for each i, in blocks to bound memory."""
    out = np.zeros(len(left), dtype=np.float32)
    for start in range(0, len(left), block):
        stop = start + block
        product = matrix[left[start:stop]].multiply(matrix[right[start:stop]])
        out[start:stop] = np.asarray(product.sum(axis=1)).ravel()
    return out


def crosslingual_similarity(words: np.ndarray, story: np.ndarray) -> np.ndarray:
    """The lexical similarity of pairs from their word cosine and their story anchor cosine
    (:meth:`~.crosslingual.CrossLingualAnchors.story_parts`, 0 in one language): across
    languages the words barely meet, so the anchors' share stands in where larger."""
    return np.asarray(np.maximum(words, CROSSLINGUAL_WEIGHT * story), dtype=np.float32)


def block_dot(matrix: sp.csr_matrix, rows: np.ndarray, others: np.ndarray,
              read: ReadRows | None = None) -> np.ndarray:
    """``matrix[rows] @ matrix[others].T`` as a dense float64 array, read straight from the
    CSR arrays: two groups of a merge are read many times, and slicing and multiplying
    sparse matrices costs more in their set-up than in their arithmetic there."""
    return block_dots(matrix, rows, others, [matrix.data], read)[0]


#: Where a set of rows lies in a CSR matrix: each entry's row among them, its column and
#: its place in the matrix's arrays, then the columns they use in order and each entry's
#: place among those (:func:`read_rows`).
RowsRead = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def read_rows(matrix: sp.csr_matrix, rows: np.ndarray) -> RowsRead:
    """Where ``rows`` lie in ``matrix`` (:data:`RowsRead`)."""
    starts = matrix.indptr[rows]
    lengths = matrix.indptr[rows + 1] - starts
    at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
    columns = matrix.indices[at]
    used, used_at = np.unique(columns, return_inverse=True)
    return np.repeat(np.arange(len(rows)), lengths), columns, at, used, used_at


class ReadRows:
    """:func:`read_rows` of one matrix, kept for each array of rows it was given: a group's
    rows stay the same array while the group stands, and a merge reads each group against
    every group beside it. An array must not change once read; another matrix, or more
    than ``size`` entries read, start it afresh."""

    def __init__(self, size: int = 1 << 20) -> None:
        self.size = size
        self._matrix: sp.csr_matrix | None = None
        self._read: dict[int, tuple[np.ndarray, RowsRead]] = {}
        self._entries = 0

    def __call__(self, matrix: sp.csr_matrix, rows: np.ndarray) -> RowsRead:
        if matrix is not self._matrix:
            self._matrix, self._read, self._entries = matrix, {}, 0
        kept = self._read.get(id(rows))
        if kept is None or kept[0] is not rows:  # the array is held: its id is its own
            read = read_rows(matrix, rows)
            if self._entries + len(read[2]) > self.size:
                self._read, self._entries = {}, 0
            kept = self._read[id(rows)] = (rows, read)
            self._entries += len(read[2])
        return kept[1]


def block_dots(matrix: sp.csr_matrix, rows: np.ndarray, others: np.ndarray,
               data: Sequence[np.ndarray], read: ReadRows | None = None) -> list[np.ndarray]:
    """:func:`block_dot` of each matrix of ``matrix``'s rows and columns with values
    ``data`` (arrays aligned with ``matrix.data``): where the rows are read once (with
    ``read``, once while each array of rows lasts)."""
    reader = read_rows if read is None else read
    row_at, row_columns, row_entries, _, _ = reader(matrix, rows)
    other_at, _, other_entries, columns, column_at = reader(matrix, others)
    found = np.minimum(np.searchsorted(columns, row_columns), max(len(columns) - 1, 0))
    hit = columns[found] == row_columns if len(columns) else np.zeros(0, dtype=bool)
    products = []
    for values in data:
        theirs = np.zeros((len(columns), len(others)))
        theirs[column_at, other_at] = values[other_entries]
        mine = np.zeros((len(rows), len(columns)))
        mine[row_at[hit], found[hit]] = values[row_entries[hit]]
        products.append(mine @ theirs)
    return products


class LexicalBackend:
    """TF-IDF cosine over words; neighbours through an index of each row's top terms.

    ``top_terms`` terms per document go into the index. A posting list longer than
    ``postings_span`` is read in windows of that many documents (each document meets the
    ones in its window and the one before), so a term shared by thousands of documents
    costs linear, not quadratic, work; documents are indexed in the order given, so give
    them in publication order and the window holds the ones published around the same time.
    The index (:class:`~.postings.TopTermPostings`) is kept and grows with ``add``.
    """

    name = "lexical"

    def __init__(self, *, top_terms: int = 12, postings_span: int = 256,
                 max_df: float = 0.2, sublinear_tf: bool = True,
                 crosslingual: bool = True) -> None:
        self.top_terms = top_terms
        self.crosslingual = crosslingual
        self.postings_span = postings_span
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.vocabulary_: dict[str, int] = {}
        self.document_frequency_ = np.zeros(0, dtype=np.int64)
        self.fitted_documents_ = 0
        self.vectors_ = sp.csr_matrix((0, 0), dtype=np.float32)
        self._terms: list[str] = []
        self._anchors: CrossLingualAnchors | None = None
        self._postings: TopTermPostings | None = None
        self._grown = GrowingRows()  # adds write their rows in place (see .growing)

    @property
    def size(self) -> int:
        return int(self.vectors_.shape[0])

    def fit(self, texts: Sequence[str]) -> Self:
        self.vocabulary_ = {}
        counts = self.term_counts(texts)
        self.document_frequency_ = np.bincount(counts.indices, minlength=counts.shape[1])
        self.fitted_documents_ = counts.shape[0]
        self.vectors_ = self._weigh(counts)
        self._grown = GrowingRows()  # the room grown for the rows replaced goes with them
        self._postings = None
        self.postings()
        if self.crosslingual:
            from .crosslingual import CrossLingualAnchors

            self._anchors = CrossLingualAnchors(max_df=self.max_df).fit(texts)
        return self

    def add(self, texts: Sequence[str]) -> None:
        new = self._weigh(self.term_counts(texts))
        # Earlier rows simply have no entries in the columns of terms added since.
        self.vectors_ = self._grown.append(self.vectors_, new)
        if self._postings is not None:
            self._postings.add(new)  # the new rows go to the end of their terms' lists
        if self._anchors is not None:
            self._anchors.add(texts)

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """Unit TF-IDF rows of ``texts`` without indexing them; unseen terms are left out."""
        return self._weigh(self.term_counts(texts, grow=False))

    def term_counts(self, texts: Iterable[str], grow: bool = True) -> sp.csr_matrix:
        """Raw term counts, one row per text; unseen terms join the vocabulary if ``grow``."""
        vocabulary = self.vocabulary_
        # Typed arrays, not lists: at 100,000 articles a list of boxed ints would take
        # several times the memory of the matrix it becomes.
        indptr, indices, data = array("q", [0]), array("i"), array("f")
        for text in texts:
            for term, count in Counter(tokenize(text)).items():
                column = vocabulary.setdefault(term, len(vocabulary)) if grow else \
                    vocabulary.get(term)
                if column is not None:
                    indices.append(column)
                    data.append(count)
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.frombuffer(data, dtype=np.float32), np.frombuffer(indices, dtype=np.int32),
             np.frombuffer(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(vocabulary)),
        )

    def idf(self) -> np.ndarray:
        """Smoothed inverse document frequency of every vocabulary term."""
        frequency = np.zeros(len(self.vocabulary_), dtype=np.float64)
        frequency[: len(self.document_frequency_)] = self.document_frequency_
        return smoothed_idf(frequency, self.fitted_documents_)

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        weights = counts.copy()
        if self.sublinear_tf:
            weights.data = 1 + np.log(weights.data)
        weights.data *= self.idf()[weights.indices]
        unit = unit_rows(weights)
        unit.sort_indices()  # merging and intersecting rows elsewhere relies on it
        return unit

    def similarity(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        return self.similarity_and_story(left, right)[0]

    def similarity_and_story(self, left: np.ndarray, right: np.ndarray
                             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The :meth:`similarity` of each pair, what the cross-language anchors add to
        its story score (:data:`STORY_CROSSLINGUAL_WEIGHT` times the story anchor cosine,
        :meth:`~.crosslingual.CrossLingualAnchors.story_parts`, of a pair of two different
        identified languages, 0 for the others), and whether the pair's words and anchors
        as written count in its story score: all three read that cosine once."""
        words = rowwise_dot(self.vectors_, left, right)
        if self._anchors is None:
            return (words, np.zeros(len(left), dtype=np.float32),
                    np.ones(len(left), dtype=bool))
        story, counted = self._anchors.story_parts(left, right)
        # Across languages the words barely meet; names, figures and dates still do, where
        # what the pair shares lets them count (the story rule: a person and a city alone
        # join two reports of different events). Pairs in one language keep the words'
        # score exactly. The similarity stays graded (it ranks candidates and follows
        # annotators' judgements); whether the words count in a story is ``counted``.
        return crosslingual_similarity(words, story), STORY_CROSSLINGUAL_WEIGHT * story, counted

    def neighbours(self, rows: np.ndarray | None = None, k: int = 10) -> Neighbours:
        query_rows = np.arange(self.size) if rows is None else np.asarray(rows, dtype=np.int64)
        # Overlap of top terms picks twice the candidates; exact scores below pick the best k.
        overlap = self.postings().overlaps(query_rows, 2 * k, self.vectors_)
        left_parts, right_parts = [overlap.left], [overlap.right]
        if self._anchors is not None:
            across = self._anchors.neighbours(query_rows, k)
            left_parts.append(across.left)
            right_parts.append(across.right)
        left, right = symmetric_unique(np.concatenate(left_parts), np.concatenate(right_parts))
        if not len(left):
            return Neighbours.empty()
        pairs = Neighbours(left, right, self.similarity(left, right))
        return top_k_per_row(restrict_rows(pairs, rows), k)

    def postings(self) -> TopTermPostings:
        """The inverted index of top terms, built from the vectors when none was kept (an
        index saved before it was)."""
        if self._postings is None or self._postings.rows_ != self.size:
            self._postings = TopTermPostings(top_terms=self.top_terms,
                                             span=self.postings_span, max_df=self.max_df)
            self._postings.add(self.vectors_)
        return self._postings

    def crosslingual_sums(self, row: int, excess: Excess) -> CrossMembers | None:
        """The row as a group's :class:`~.crosslingual.CrossMembers`, whose pairs across
        languages score ``excess`` beyond the dot product of summed vectors; None without
        cross-lingual anchors or while the index holds one language (no pair crosses)."""
        anchors = self._anchors
        if anchors is None or not anchors.crossing:
            return None
        from .crosslingual import CrossMembers

        return CrossMembers(anchors, np.array([row]), excess)

    def terms_of(self, column_ids: Iterable[int]) -> list[str]:
        """The vocabulary terms behind column ids, for explanations."""
        if len(self._terms) != len(self.vocabulary_):
            self._terms = terms_by_column(self.vocabulary_)
        return [self._terms[int(c)] for c in column_ids]

    def params(self) -> dict[str, Any]:
        return {"backend": self.name, "top_terms": self.top_terms,
                "postings_span": self.postings_span, "max_df": self.max_df,
                "sublinear_tf": self.sublinear_tf,
                "crosslingual": self.crosslingual, "idf_documents": self.fitted_documents_}
