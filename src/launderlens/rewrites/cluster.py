"""Articles in, stories out: groups of articles that retell the same event, each with its
likely origin and the reason for it.

Two articles are scored as one weighted sum of cosines, so that the average score between
two groups is exact from their summed vectors:

- ``lexical``: TF-IDF of all words — rewrites keep an article's rare words;
- ``anchors``: TF-IDF restricted to names and figures (capitalised words inside a
  sentence, numbers) — what separates this earthquake from last year's, this summit from
  the one before: same kind of event, different places, people, dates and magnitudes;
- ``semantic``: mean MiniLM sentence vectors, when installed and asked for.

A pair of articles in two identified, different languages is scored otherwise (the
cross-language anchors, and the story rule that may zero its words): a group's sums hold
what their dot product gives such pairs, and the pairs' own scores replace it, so that a
group's average is always the mean of its pairs' scores as their edges read them.

Candidates come only from each article's nearest neighbours in the lexical (and semantic)
index, never from all pairs. Groups then merge by group-average linkage: the pair of groups
with the highest mean pairwise score merges first, while that mean is at least
``threshold`` and, with a ``window``, while the merged group spans no more than it. A
single strong pair therefore cannot chain two stories together.

Adding articles later (:meth:`StoryIndex.add`) gives the stories a full re-cluster of the
same rows and candidate pairs would give. Greedy group-average merging depends on order:
with A-B at 0.5, N-A at 0.9, N-B at 0.1 and a threshold of 0.35, merging A and B first
and N after gives one story of three, while N and A first leaves B out (0.3). Merging
never crosses a connected component of the candidate pairs at or above the threshold,
though, and within one component ``add`` re-merges from single articles only the stories
the new articles' pairs touch, with the new articles: the joins of every merge are kept
(``history_``), and replaying those of the stories around the region with the region's
own joins, in the order merging the whole component would make them, shows whether a
group inside would have met one outside first (:mod:`.boundary`); if so the region grows
by the stories around it and is merged again, up to the whole component. Every other
story stays as it was. An index without kept joins (saved before they were kept)
re-merges whole components until it has them. What ``add`` does not
redo, and a ``fit`` of all the articles would: the term statistics (IDF) stay as ``fit``
learned them, and the neighbour lists of articles indexed earlier are not re-ranked
(a new article joins them only through its own neighbours).
"""

from __future__ import annotations

import heapq
import logging
from array import array
from collections.abc import Callable, Iterable, Mapping, MutableSequence, Sequence
from datetime import datetime, timedelta
from typing import Any, Self

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..errors import ConfigError
from ..model import Article, Rejection, Story
from .boundary import meets_boundary
from .group_sums import GroupSums
from .origin import Doc, build_story
from .similarity import Neighbours, SimilarityBackend, default_backend_names, get_backend
from .similarity.crosslingual import StoryBlock
from .similarity.growing import GrowingRows
from .similarity.lexical import (
    STORY_CROSSLINGUAL_WEIGHT,
    LexicalBackend,
    ReadRows,
    anchor_terms,
    block_dot,
    crosslingual_similarity,
    rowwise_dot,
    unit_rows,
)

__all__ = ["DEFAULT_WEIGHTS", "Record", "StoryIndex", "cluster"]

log = logging.getLogger(__name__)

#: ``(id, title, text, published)``: what to give instead of an Article.
Record = tuple[str, str | None, str, datetime | None]
Progress = Callable[[str, int, int], None]

# Chosen on ECB+ topics 1-10 (two different events of the same kind per topic); topics
# 11-20 were held out. See evals/cluster_ecbplus.py for the figures.
DEFAULT_WEIGHTS: Mapping[bool, Mapping[str, float]] = {
    False: {"lexical": 0.4, "anchors": 0.6},
    True: {"lexical": 0.36, "anchors": 0.54, "semantic": 0.1},
}
DEFAULT_THRESHOLD: Mapping[bool, float] = {False: 0.22, True: 0.27}
_ANCHOR_OFFSET = 1 << 40


#: A heap entry: (-score, lower label, higher label, their versions when pushed).
_Entry = tuple[float, int, int, int, int]


class StoryIndex:
    """Stories of a growing collection of articles, in the scikit-learn manner.

    ``fit`` learns term statistics from a corpus and clusters it; ``add`` clusters more
    articles into the stories found so far (they may also join two stories they bridge).
    Learned state lives in attributes ending in ``_``: ``ids_`` (article ids in index
    order), ``labels_`` (story number per article), ``stories_``, ``rejected_``.

    ``backends`` defaults to ``lexical`` plus ``semantic`` when installed; ``weights``
    maps ``lexical``, ``anchors`` and ``semantic`` to their share of the score.
    """

    def __init__(self, *, backends: Sequence[str] | None = None, threshold: float | None = None,
                 weights: Mapping[str, float] | None = None, window: timedelta | None = None,
                 neighbours: int = 20, backend_params: Mapping[str, Mapping[str, Any]] | None = None
                 ) -> None:
        self.backends = tuple(backends) if backends is not None else default_backend_names()
        unknown = set(self.backends) - {"lexical", "semantic"}
        if unknown or "lexical" not in self.backends:
            raise ConfigError(f"story clustering takes backends 'lexical' (required) and "
                              f"'semantic'; got {list(self.backends)}")
        semantic = "semantic" in self.backends
        self.weights = dict(weights or DEFAULT_WEIGHTS[semantic])
        self.threshold = DEFAULT_THRESHOLD[semantic] if threshold is None else threshold
        self.window = window
        self.neighbours = neighbours
        self.backend_params = {name: dict(p) for name, p in (backend_params or {}).items()}
        self._check_weights(semantic)
        self._scale = (np.sqrt(self.weights.get("lexical", 0.0)),
                       np.sqrt(self.weights.get("anchors", 0.0)),
                       np.sqrt(self.weights.get("semantic", 0.0)))
        # Where two groups' rows lie in the words and the anchors, kept while they stand.
        self._read = (ReadRows(), ReadRows())

    def _check_weights(self, semantic: bool) -> None:
        allowed = {"lexical", "anchors", "semantic"} if semantic else {"lexical", "anchors"}
        if set(self.weights) - allowed or any(w < 0 for w in self.weights.values()):
            raise ConfigError(f"weights take non-negative values for {sorted(allowed)}; "
                              f"got {self.weights}")
        if not 0 < self.threshold <= 1:
            raise ConfigError(f"threshold must be in (0, 1], not {self.threshold}")

    # -- learning -------------------------------------------------------------------------

    anchors_: sp.csr_matrix

    def fit(self, articles: Iterable[Article | Record], progress: Progress | None = None) -> Self:
        """Learn term statistics from ``articles`` and cluster them."""
        self.ids_: list[str] = []
        self._id_set: tuple[list[str], set[str]] | None = None
        self._unread_rows: tuple[SimilarityBackend, np.ndarray] | None = None
        self.rejected_: list[Rejection] = []
        self.docs_: MutableSequence[Doc] = []  # a loaded index makes them when read
        self._backends: dict[str, SimilarityBackend] = {}
        self.labels_ = np.zeros(0, dtype=np.int64)
        self.components_ = np.zeros(0, dtype=np.int64)
        self.edges_ = Neighbours.empty()
        self._groups: dict[int, GroupSums] = {}
        # Stories of one article read during a merge (kept only while it lasts: most
        # singles of a large index are never read again, and each weighs its vectors).
        self._singles: dict[int, GroupSums] = {}
        self._grown_anchors = GrowingRows()
        self._members: dict[int, np.ndarray] | None = {}
        self._story_cache: dict[int, Story] = {}
        self._stories: list[Story] | None = None
        self.text_source: Callable[[Sequence[str]], Mapping[str, str]] | None = None
        self.token_: str | None = None  # set when saved (see index_store)
        self._textless = np.zeros(0, dtype=bool)
        # The joins of the last merge of every component, in order: (score, lower label,
        # higher label), and which rows' components have theirs kept (see _replay).
        none = np.zeros(0, dtype=np.int64)
        self.history_ = Neighbours(none, none.copy(), np.zeros(0, dtype=np.float64))
        self._known = np.zeros(0, dtype=bool)
        return self._grow(articles, progress, fitting=True)

    def add(self, articles: Iterable[Article | Record], progress: Progress | None = None) -> Self:
        """Cluster ``articles`` into the stories found so far (their ids must be new)."""
        if not hasattr(self, "labels_"):
            return self.fit(articles, progress)
        return self._grow(articles, progress, fitting=False)

    def _grow(self, articles: Iterable[Article | Record], progress: Progress | None,
              fitting: bool) -> Self:
        report = progress or (lambda stage, done, total: None)
        docs = self._accept(articles)
        first = len(self.docs_)
        self.docs_.extend(docs)
        self.ids_.extend(doc.id for doc in docs)
        report("vectorise", 0, len(docs))
        self._vectorise(docs, fitting)
        rows = np.arange(first, len(self.docs_))
        self.labels_ = np.r_[self.labels_, rows]
        self.components_ = np.r_[self.components_, rows]
        self._textless = np.r_[self._textless, np.zeros(len(docs), dtype=bool)]
        self._known = np.r_[self._known, np.ones(len(docs), dtype=bool)]  # single: no joins
        report("neighbours", len(docs), len(docs))
        edges = self._edges(rows)
        strong = edges.score >= self.threshold
        found = Neighbours(edges.left[strong], edges.right[strong], edges.score[strong])
        self.edges_ = Neighbours(*(np.r_[old, new] for old, new in zip(self.edges_, found,
                                                                         strict=True)))
        affected = self._join_components(rows, found)
        report("merge", 0, len(found.left))
        # A replay reads only stories inside the touched components (edges are strong
        # only), so their joins alone must be known; the rest of an old index may wait.
        if fitting or not self._known[affected].all():
            self._remerge(affected)  # whole components: no story outside them can change
            self.widened_ = 0
        else:
            affected = self._remerge_around(rows, found)
        self.changed_rows_ = affected
        self._stories = None
        log.info("clustered %d new articles (%d rejected); merged %d again", len(docs),
                 len(self.rejected_), len(affected))
        return self

    def _accept(self, articles: Iterable[Article | Record]) -> list[Doc]:
        """Valid, new articles in publication order; the rest become ``rejected_``."""
        seen = self._indexed_ids()
        accepted: list[Doc] = []
        for position, item in enumerate(articles):
            try:
                doc = Doc.of(item)
            except (TypeError, ValueError) as error:
                self.rejected_.append(Rejection(f"item {position}", str(error)))
                continue
            if doc.id in seen:
                self.rejected_.append(Rejection(doc.id, "article id given twice"))
                continue
            seen.add(doc.id)
            accepted.append(doc)
        # Publication order makes the index's postings windows hold contemporaries.
        return sorted(accepted, key=lambda d: (d.published is None, d.timestamp))

    def _indexed_ids(self) -> set[str]:
        """The ids of ``ids_`` as a set, kept from add to add (building it anew costs a
        pass over a million ids); built again when ``ids_`` is not the list it was built
        from or its length differs (a restored index, an add that failed half-way)."""
        kept = self._id_set
        if kept is None or kept[0] is not self.ids_ or len(kept[1]) != len(self.ids_):
            kept = self._id_set = (self.ids_, set(self.ids_))
        return kept[1]

    def _vectorise(self, docs: list[Doc], fitting: bool) -> None:
        texts = [doc.index_text for doc in docs]
        for name in self.backends:
            if fitting:
                params = self.backend_params.get(name, {})
                self._backends[name] = get_backend(name, **params).fit(texts)
            else:
                self._backends[name].add(texts)
        lexical = self._lexical()
        new = self._anchor_vectors(docs, lexical, first=lexical.size - len(docs))
        if fitting:
            self.anchors_ = new
        else:  # in place, not a copy of every row (see similarity.growing)
            self.anchors_ = self._grown_anchors.append(self.anchors_, new)

    def _lexical(self) -> LexicalBackend:
        lexical = self._backends["lexical"]
        assert isinstance(lexical, LexicalBackend)
        return lexical

    @staticmethod
    def _anchor_vectors(docs: list[Doc], lexical: LexicalBackend, first: int) -> sp.csr_matrix:
        """The TF-IDF rows of ``docs`` kept only on their anchor terms, re-normalised."""
        rows, columns = array("q"), array("q")
        vocabulary = lexical.vocabulary_
        for row, doc in enumerate(docs):
            for term in set(anchor_terms(doc.text)):
                column = vocabulary.get(term)
                if column is not None:
                    rows.append(row)
                    columns.append(column)
        tfidf = lexical.vectors_[first:]
        mask = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, columns)),
                             shape=tfidf.shape)
        anchors = unit_rows(tfidf.multiply(mask).tocsr())
        anchors.sort_indices()
        return anchors

    def _dense(self, row: int) -> np.ndarray | None:
        semantic = self._backends.get("semantic")
        if semantic is None:
            return None
        vectors: np.ndarray = getattr(semantic, "vectors_")  # noqa: B009 - not on the Protocol
        if self._unread(semantic, len(vectors))[row]:
            # pair_scores gives its pairs no semantic score: nor may a group's average.
            return np.zeros(vectors.shape[1], dtype=np.float64)
        return np.asarray(self._scale[2] * vectors[row], dtype=np.float64)

    def _unread(self, semantic: SimilarityBackend, size: int) -> np.ndarray:
        """Rows the semantic backend compares with no other (``SemanticBackend.crosses``
        of a row with itself: an article in another identified language than an English
        encoder reads), kept while the backend and its size stay."""
        kept = self._unread_rows
        if kept is None or kept[0] is not semantic or len(kept[1]) != size:
            rows = np.arange(size)
            crosses = getattr(semantic, "crosses", None)
            unread = np.asarray(crosses(rows, rows), dtype=bool) if crosses is not None \
                else np.zeros(size, dtype=bool)
            kept = self._unread_rows = (semantic, unread)
        return kept[1]

    def _edges(self, rows: np.ndarray) -> Neighbours:
        """Candidate pairs touching ``rows`` with their combined score."""
        found = [backend.neighbours(rows, self.neighbours) for backend in self._backends.values()]
        left = np.concatenate([f.left for f in found])
        right = np.concatenate([f.right for f in found])
        keys = np.unique(np.minimum(left, right) << 32 | np.maximum(left, right))
        left, right = keys >> 32, keys & 0xFFFFFFFF
        return Neighbours(left, right, self.pair_scores(left, right))

    def pair_scores(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """The combined same-story score of indexed rows ``left[i]`` and ``right[i]``."""
        lexical, story, counted = self._lexical().similarity_and_story(left, right)
        scores = self._written(lexical, rowwise_dot(self.anchors_, left, right), story, counted)
        if "semantic" in self._backends:
            scores += self.weights.get("semantic", 0.0) * \
                self._backends["semantic"].similarity(left, right)
        return scores

    def _written(self, lexical: np.ndarray, named: np.ndarray, story: np.ndarray,
                 counted: np.ndarray) -> np.ndarray:
        """What the words and anchors give :meth:`pair_scores` (all but the semantic part),
        from the pairs' lexical similarity, anchor cosine as written, cross-language anchor
        part and whether their words count."""
        weights = self.weights
        scores = weights.get("lexical", 0.0) * lexical
        scores += weights.get("anchors", 0.0) * named
        # Across languages the words and anchors as written count only where the
        # script-neutral anchors do: "2024" and "2" written alike join nothing.
        scores[~counted] = 0.0
        scores += story  # pairs of two languages
        return scores

    def _excess(self, rows: np.ndarray, others: np.ndarray, block: StoryBlock) -> float:
        """What the pairs across languages of a group of ``rows`` and one of ``others``
        (``block``: their :meth:`~.similarity.crosslingual.CrossLingualAnchors.story_block`)
        score beyond the dot product of their words and anchors as written, which the
        groups' sums hold for them: the story rule zeroes those where the shared anchors do
        not count, the words read at least the anchors' share, and the cross-language
        anchors add to the score. With it a group's average is the mean of its pairs'
        :meth:`pair_scores`, as the edges read them (the semantic part is a dot product of
        sums already). Two groups' rows are read once, not once for each pair."""
        crossing, cosine, counted = block
        vectors, anchors = self._lexical().vectors_, self.anchors_
        words = block_dot(vectors, rows, others, self._read[0]).astype(np.float32)
        named = block_dot(anchors, rows, others, self._read[1]).astype(np.float32)
        scores = self._written(crosslingual_similarity(words, cosine), named,
                               STORY_CROSSLINGUAL_WEIGHT * cosine, counted)
        summed = self.weights.get("lexical", 0.0) * words
        summed += self.weights.get("anchors", 0.0) * named
        return float(np.sum((scores - summed)[crossing], dtype=np.float64))

    # -- group-average merging ------------------------------------------------------------

    def _group(self, label: int, single: bool = False) -> GroupSums:
        """The group labelled ``label``, or with ``single`` the article in row ``label``."""
        group = None if single else self._groups.get(label) or self._singles.get(label)
        if group is None and not single:
            rows = self._rows_of(label)
            if rows is not None:  # a story restored from disk: sum its members once
                group = GroupSums.of([self._group(row, single=True) for row in rows.tolist()])
                self._groups[label] = group
        if group is None:
            lexical, anchors = self._lexical().vectors_, self.anchors_
            a, b = lexical.indptr[label], lexical.indptr[label + 1]
            c, d = anchors.indptr[label], anchors.indptr[label + 1]
            # One index space for both parts: anchor columns sit above every word column.
            indices = np.concatenate([lexical.indices[a:b].astype(np.int64),
                                      anchors.indices[c:d] + np.int64(_ANCHOR_OFFSET)])
            values = np.concatenate([self._scale[0] * lexical.data[a:b],
                                     self._scale[1] * anchors.data[c:d]])
            group = GroupSums(indices, values, self._dense(label), [label],
                              self._lexical().crosslingual_sums(label, self._excess))
            if not single:  # a story of one article: merging reads it again for each pair
                self._singles[label] = group
        return group

    def _rows_of(self, label: int) -> np.ndarray | None:
        """The rows of a story of several articles restored from disk, else None."""
        if self._members is None:
            order, starts, ends = _label_runs(self.labels_)
            many = ends - starts > 1
            self._members = {int(self.labels_[order[a]]): order[a:b]
                             for a, b in zip(starts[many], ends[many], strict=True)}
        return self._members.get(label)

    def _average(self, a: int, b: int) -> float:
        return self._pair_average(self._group(a), self._group(b))

    def _within_window(self, a: int, b: int) -> bool:
        return self.window is None or self._fits_window(self._group(a), self._group(b))

    @staticmethod
    def _pair_average(first: GroupSums, second: GroupSums) -> float:
        """The mean pair score between two groups (the merge's group average)."""
        return first.dot(second) / (len(first.members) * len(second.members))

    def _fits_window(self, first: GroupSums, second: GroupSums) -> bool:
        """Whether two groups joined would span no more than the window."""
        if self.window is None:
            return True
        docs = self.docs_
        stamps = [doc.timestamp for doc in (docs[row] for row in first.members + second.members)
                  if doc.published is not None]
        return not stamps or max(stamps) - min(stamps) <= self.window.total_seconds()

    def _join_components(self, rows: np.ndarray, found: Neighbours) -> np.ndarray:
        """Join the components that ``found`` links; the rows of every component that
        holds one of ``rows`` (the new articles), whose stories must be merged again."""
        components = self.components_
        ends = np.r_[components[found.left], components[found.right]]
        nodes = np.unique(np.r_[ends, components[rows]])
        at = np.asarray(np.searchsorted(nodes, ends), dtype=np.int64)
        half = len(found.left)
        graph = sp.coo_matrix((np.ones(half), (at[:half], at[half:])),
                              shape=(len(nodes), len(nodes)))
        found_parts: tuple[int, np.ndarray] = connected_components(graph, directed=False)
        count, part = found_parts
        lowest = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(lowest, part, nodes)  # a component is named by its first row
        touched = np.isin(components, nodes)
        components[touched] = lowest[part[np.searchsorted(nodes, components[touched])]]
        return np.flatnonzero(touched)

    def _remerge(self, rows: np.ndarray) -> None:
        """Merge ``rows`` (whole stories) again from single articles over the candidate
        pairs between them; keep the joins made (``history_``)."""
        inside = np.zeros(len(self.labels_), dtype=bool)
        inside[rows] = True
        # Every row of these stories may have been a label: forget what any held.
        for label in rows.tolist():
            self._groups.pop(label, None)
            self._story_cache.pop(label, None)
            if self._members is not None:
                self._members.pop(label, None)
        self.labels_[rows] = rows
        keep = inside[self.edges_.left] & inside[self.edges_.right]
        self._joins: list[tuple[float, int, int]] = []
        self._merge(Neighbours(self.edges_.left[keep], self.edges_.right[keep],
                               self.edges_.score[keep]))
        history = self.history_
        mine = inside[history.left]
        joins = np.array(self._joins, dtype=np.float64).reshape(-1, 3)
        self.history_ = Neighbours(np.r_[history.left[~mine], joins[:, 1].astype(np.int64)],
                                   np.r_[history.right[~mine], joins[:, 2].astype(np.int64)],
                                   np.r_[history.score[~mine], joins[:, 0]])
        self._known[rows] = True
        self._adjacent: dict[int, set[int]] = {}
        self._version: dict[int, int] = {}

    def _remerge_around(self, new: np.ndarray, found: Neighbours) -> np.ndarray:
        """Merge again only the stories the ``new`` rows' pairs (``found``) touch, with
        the new rows, widened by the stories around them for as long as merging them
        alone could differ from merging their whole component (see :mod:`.boundary`);
        the rows merged."""
        touched = np.unique(self.labels_[np.r_[found.left, found.right, new]])
        region = np.zeros(len(self.labels_), dtype=bool)
        region[np.isin(self.labels_, touched)] = True
        self.widened_ = 0
        while True:
            self._remerge(np.flatnonzero(region))
            wider = meets_boundary(self, region, self._joins)
            if wider is None:
                return np.flatnonzero(region)
            region |= wider
            self.widened_ += 1

    def remerge(self) -> Self:
        """Merge every indexed article again from single articles over the same candidate
        pairs: what a full re-cluster of the same rows gives, for checking ``add``."""
        self._remerge(np.arange(len(self.labels_)))
        self._stories = None
        return self

    def _merge(self, edges: Neighbours) -> None:
        """Group-average merging of single articles linked by ``edges`` (all strong)."""
        self._adjacent = {}
        self._version = {}
        first: dict[tuple[int, int], float] = {}
        for a, b, score in zip(edges.left.tolist(), edges.right.tolist(),
                               edges.score.tolist(), strict=True):
            if a != b and b not in self._adjacent.setdefault(a, set()):
                self._adjacent[a].add(b)
                self._adjacent.setdefault(b, set()).add(a)
                first[min(a, b), max(a, b)] = score
        heap: list[_Entry] = []
        for (a, b), score in first.items():
            # Two single articles: their group average is the edge score already known.
            self._push(heap, a, b, score)
        try:
            while heap:
                score, a, b, version_a, version_b = heapq.heappop(heap)
                # An entry is stale once either side has merged since it was pushed; the
                # merge pushed fresh entries for every neighbour of the new group.
                if self._version.get(a, 0) == version_a and \
                        self._version.get(b, 0) == version_b:
                    self._joins.append((-score, a, b))
                    self._join(heap, a, b)
        finally:
            self._singles = {}

    def _push(self, heap: list[_Entry], a: int, b: int, score: float | None = None) -> None:
        score = self._average(a, b) if score is None else score
        if score >= self.threshold and self._within_window(a, b):
            # One orientation per pair, so that equal scores rank the same however pushed.
            low, high = min(a, b), max(a, b)
            entry = (-score, low, high, self._version.get(low, 0), self._version.get(high, 0))
            heapq.heappush(heap, entry)

    def _join(self, heap: list[_Entry], a: int, b: int) -> None:
        """Merge groups ``a`` and ``b``; push the new group's pairs."""
        # The group keeps the label of its earliest-indexed article, so labels stay stable.
        keep, gone = min(a, b), max(a, b)
        absorbed = self._group(gone)
        self._groups[keep] = self._group(keep).merged(absorbed)
        self._groups.pop(gone, None)
        self._singles.pop(keep, None)
        self._singles.pop(gone, None)
        self.labels_[absorbed.members] = keep
        self._version[keep] = self._version.get(keep, 0) + 1
        self._version[gone] = self._version.get(gone, 0) + 1
        around = (self._adjacent.pop(keep) | self._adjacent.pop(gone)) - {keep, gone}
        self._adjacent[keep] = around
        for other in around:
            links = self._adjacent[other]
            links.discard(gone)
            links.add(keep)
            self._push(heap, keep, other)

    # -- results --------------------------------------------------------------------------

    @property
    def stories_(self) -> list[Story]:
        """Every story, largest first; singletons included."""
        if self._stories is None:
            self._stories = self._built(np.arange(len(self.labels_)))
        return self._stories

    def changed_stories(self) -> list[Story]:
        """The stories of the rows the last ``fit`` or ``add`` merged (``changed_rows_``: the
        new articles and every story they could change); the others are as they were."""
        labels = np.unique(self.labels_[self.changed_rows_])
        return self._built(np.flatnonzero(np.isin(self.labels_, labels)))

    def _built(self, rows: np.ndarray) -> list[Story]:
        """The stories of ``rows`` (whole stories), largest first; built once per label."""
        order, starts, ends = _label_runs(self.labels_, rows)
        groups = [order[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
        self._fill_texts([g for g in groups if len(g) > 1])
        out = []
        for group in groups:
            label = int(self.labels_[group[0]])
            story = self._story_cache.get(label)
            if story is None:
                story = self._story_cache[label] = self._story(group)
            out.append(story)
        return sorted(out, key=lambda s: (-len(s.members), s.id))

    def forget_texts(self) -> None:
        """Drop the texts of indexed articles when ``text_source`` can read them back (a
        long-running caller keeps the index, not every text)."""
        if self.text_source is None:
            return
        for row in np.flatnonzero(~self._textless).tolist():
            doc = self.docs_[row]
            self.docs_[row] = Doc(doc.id, doc.title, "", doc.published, doc.outlet, doc.domain)
        self._textless[:] = True

    def _fill_texts(self, groups: list[np.ndarray]) -> None:
        """Read the texts of restored rows in stories to build (origin reading cites
        them) through ``text_source``; without one they stay empty."""
        if self.text_source is None or not self._textless.any():
            return
        wanted = [r for rows in groups if int(self.labels_[rows[0]]) not in self._story_cache
                  for r in rows.tolist() if self._textless[r]]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            texts = self.text_source([self.ids_[r] for r in chunk])
            for row in chunk:
                doc = self.docs_[row]
                self.docs_[row] = Doc(doc.id, doc.title, texts.get(doc.id, ""), doc.published,
                                      doc.outlet, doc.domain)
                self._textless[row] = False

    def _story(self, rows: np.ndarray) -> Story:
        docs = [self.docs_[r] for r in rows]
        if len(rows) == 1:
            return build_story(docs, [0.0], [])
        group = self._group(int(self.labels_[rows[0]]))
        singles = [self._group(int(row), single=True) for row in rows]
        # A member's mean score against the others: (x . sum - x . x) / (n - 1).
        mean_to_others = [(one.dot(group) - one.dot(one)) / (len(rows) - 1) for one in singles]
        return build_story(docs, mean_to_others, self._shared_anchors(rows))

    def _shared_anchors(self, rows: np.ndarray, limit: int = 8) -> list[str]:
        """Anchor terms found in at least half of the story's articles (two at least)."""
        if len(rows) < 2:
            return []
        present = self.anchors_[rows]
        counts = np.bincount(present.indices, minlength=present.shape[1])
        weight = np.asarray(present.sum(axis=0)).ravel()
        common = np.flatnonzero(counts >= max(2, (len(rows) + 1) // 2))
        best = common[np.lexsort((-weight[common], -counts[common]))][:limit]
        return self._lexical().terms_of(best)

    def story_of(self, article_id: str) -> Story:
        """The story holding ``article_id``; KeyError if it was never indexed."""
        for story in self.stories_:
            if article_id in story.members:
                return story
        raise KeyError(article_id)

    def params(self) -> dict[str, Any]:
        """What produced these stories, for a report's provenance."""
        return {"threshold": self.threshold, "weights": dict(self.weights),
                "window_seconds": self.window.total_seconds() if self.window else None,
                "neighbours": self.neighbours,
                "backends": [b.params() for b in getattr(self, "_backends", {}).values()]}


def _label_runs(labels: np.ndarray, rows: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(order, starts, ends)``: ``order[starts[i]:ends[i]]`` are the rows (of ``rows``,
    all when None) of one label, labels ascending, rows in index order within each."""
    rows = np.arange(len(labels)) if rows is None else rows
    order = rows[np.argsort(labels[rows], kind="stable")]
    if not len(order):
        return order, order.copy(), order.copy()
    ordered = labels[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return order, starts, np.r_[starts[1:], len(order)]


def cluster(articles: Iterable[Article | Record], **params: Any) -> list[Story]:
    """The stories of ``articles``: ``StoryIndex(**params).fit(articles).stories_``."""
    return StoryIndex(**params).fit(articles).stories_
