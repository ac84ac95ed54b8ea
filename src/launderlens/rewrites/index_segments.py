"""A story index's arrays as segments: a base segment with every article, then one delta
segment per save that holds only what that save added or changed; and segments back into
the arrays :func:`.index_state.restore` takes.

A delta holds the new rows (their ids, titles, outlets and domains as one JSON text,
publication dates as int64 microseconds since 1970 with their UTC offsets, word, anchor,
cross-lingual and semantic vectors, posting-list entries), the new terms of each
vocabulary, the new candidate pairs, the rows whose label, component or known-joins flag
changed (with the new values) and, for the joins of the last merges, the positions
dropped and the joins appended (a re-merge drops the joins of the stories it merges
again and appends the new ones; everything else keeps its place). Applying the deltas
to the base in order gives the index's arrays again; every step checks its lengths and
row ranges and raises ``ValueError`` or ``KeyError`` on arrays that do not fit.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from .cluster import StoryIndex
from .index_docs import SavedDocs, doc_fields
from .index_state import get_csr, index_arrays
from .similarity import Neighbours
from .similarity.growing import GrowingRows
from .similarity.lexical import terms_by_column
from .similarity.postings import _ROW_MASK

__all__ = ["GROWN_ARRAYS", "Assembly", "Saved", "base_arrays", "decode_strings", "delta_arrays",
           "saved_state"]

_ROW_PARTS = ("lexical", "cross", "anchors")
#: The arrays of the row vectors that grow with every add (word, cross-lingual, anchor),
#: which a base is read with room for.
GROWN_ARRAYS = frozenset(f"{part}_{array}" for part in _ROW_PARTS
                         for array in ("data", "indices", "indptr"))


@dataclass
class Saved:
    """What a folder's segments hold, as the index in memory last saw it: counts of the
    append-only parts and copies of the parts a save may change anywhere."""

    rows: int
    # A fit since makes new backends (new ids, term statistics and anchors): their rows are
    # not these. Otherwise ids only grow and the term statistics stay as the fit learned
    # them, so the first ``rows`` are still the saved ones.
    backend: weakref.ref[Any]
    vocabulary: int
    cross_vocabulary: int
    postings: int
    edges: int
    labels: np.ndarray
    components: np.ndarray
    known: np.ndarray
    joins: Neighbours


def saved_state(index: StoryIndex) -> Saved:
    """The counts and copies :func:`delta_arrays` compares ``index`` against next time."""
    lexical = index._lexical()
    anchors = getattr(lexical, "_anchors", None)
    return Saved(rows=len(index.ids_), backend=weakref.ref(lexical),
                 vocabulary=len(lexical.vocabulary_),
                 cross_vocabulary=0 if anchors is None else len(anchors.vocabulary_),
                 postings=lexical.postings().entries, edges=len(index.edges_.left),
                 labels=index.labels_.copy(), components=index.components_.copy(),
                 known=index._known.copy(),
                 joins=Neighbours(*(part.copy() for part in index.history_)))


# -- writing ----------------------------------------------------------------------------------

def base_arrays(index: StoryIndex) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Every array of ``index`` for a base segment, and the fields the manifest keeps
    (vocabulary lengths and the like go into the segment's strings)."""
    arrays, fields = index_arrays(index)
    texts, arrays["published_us"], arrays["published_offset"] = doc_fields(index.docs_)
    strings: dict[str, Any] = {"ids": index.ids_, **texts,
                               "vocabulary": fields["lexical"].pop("vocabulary")}
    cross = fields.get("crosslingual")
    if cross is not None:
        strings["cross_vocabulary"] = cross.pop("vocabulary")
        strings["languages"] = cross.pop("languages")
    if "semantic_languages" in fields:
        strings["semantic_languages"] = fields.pop("semantic_languages")
    arrays["strings"] = _encode_strings(strings)
    # Counting them again from the vectors would take longer than reading them (a delta's
    # rows are counted when it is applied).
    arrays["postings_df"] = index._lexical().postings().document_frequency_
    return arrays, fields


def delta_arrays(index: StoryIndex, saved: Saved) -> dict[str, np.ndarray] | None:
    """What ``index`` added or changed since ``saved``, as a delta segment; None where it
    changed in a way a delta does not hold (a full save is needed)."""
    lexical = index._lexical()
    anchors = getattr(lexical, "_anchors", None)
    postings = lexical.postings()
    first, rows = saved.rows, len(index.ids_)
    if rows < first or saved.backend() is not lexical or \
            len(index.edges_.left) < saved.edges or \
            len(lexical.vocabulary_) < saved.vocabulary:
        return None
    new_keys, new_weights = postings.entries_since(first)
    if postings.entries - len(new_keys) != saved.postings:
        return None
    joins = _joins_delta(saved.joins, index.history_)
    if joins is None:
        return None
    arrays: dict[str, np.ndarray] = {}
    texts, arrays["published_us"], arrays["published_offset"] = doc_fields(
        index.docs_[first:])
    strings: dict[str, Any] = {"ids": index.ids_[first:], **texts,
                               "vocabulary": terms_by_column(lexical.vocabulary_,
                                                             saved.vocabulary)}
    _put_rows(arrays, "lexical", lexical.vectors_, first)
    _put_rows(arrays, "anchors", index.anchors_, first)
    if anchors is not None:
        _put_rows(arrays, "cross", anchors.vectors_, first)
        strings["cross_vocabulary"] = terms_by_column(anchors.vocabulary_,
                                                      saved.cross_vocabulary)
        strings["languages"] = anchors.languages_[first:]
    semantic = index._backends.get("semantic")
    if semantic is not None:
        arrays["semantic"] = np.asarray(getattr(semantic, "vectors_")[first:],  # noqa: B009
                                        dtype=np.float32)
        languages = getattr(semantic, "languages_", None)
        if languages is not None:
            strings["semantic_languages"] = list(languages[first:])
    arrays["strings"] = _encode_strings(strings)
    arrays["postings_keys"], arrays["postings_weights"] = new_keys, new_weights
    for name, part in zip(("left", "right", "score"), index.edges_, strict=True):
        arrays[f"edge_{name}"] = part[saved.edges:]
    for name, now, before in (("labels", index.labels_, saved.labels),
                              ("components", index.components_, saved.components),
                              ("join_known", index._known, saved.known)):
        changed = np.r_[np.flatnonzero(now[:first] != before), np.arange(first, rows)]
        arrays[f"{name}_rows"], arrays[f"{name}_values"] = changed, now[changed]
    arrays["join_dropped"], tail = joins
    arrays["join_low"], arrays["join_high"], arrays["join_score"] = tail
    return arrays


def _joins_delta(before: Neighbours, now: Neighbours) -> tuple[np.ndarray, Neighbours] | None:
    """``now`` as ``before`` less some positions, in order, plus a tail: (the positions
    dropped, the tail); None if it is not (a join's higher label names it: each label is
    absorbed once per merge)."""
    order = np.argsort(before.right, kind="stable")
    ordered = before.right[order]
    if len(ordered) and not bool(np.all(ordered[1:] > ordered[:-1])):
        return None
    at = np.searchsorted(ordered, now.right)
    at = np.minimum(at, max(len(order) - 1, 0))
    position = order[at] if len(order) else np.zeros(len(now.right), dtype=np.int64)
    same = np.zeros(len(now.right), dtype=bool)
    if len(order):
        same = (before.right[position] == now.right) & (before.left[position] == now.left) & \
            (before.score[position] == now.score)
    # The kept part is the longest start of ``now`` made of earlier joins in their order.
    rising = np.r_[True, position[1:] > position[:-1]] if len(position) else same
    broken = np.flatnonzero(~(same & rising))
    kept = int(broken[0]) if len(broken) else len(now.right)
    dropped = np.ones(len(before.right), dtype=bool)
    dropped[position[:kept]] = False
    tail = Neighbours(*(part[kept:] for part in now))
    return np.flatnonzero(dropped), tail


def _put_rows(arrays: dict[str, np.ndarray], name: str, matrix: sp.csr_matrix,
              first: int) -> None:
    start = int(matrix.indptr[first])
    arrays[f"{name}_data"] = matrix.data[start:]
    arrays[f"{name}_indices"] = matrix.indices[start:]
    arrays[f"{name}_indptr"] = matrix.indptr[first:] - start
    arrays[f"{name}_shape"] = np.asarray((matrix.shape[0] - first, matrix.shape[1]), np.int64)


def _encode_strings(strings: Mapping[str, Any]) -> np.ndarray:
    # ASCII JSON: escapes keep any text (a lone surrogate too) readable back.
    return np.frombuffer(json.dumps(strings).encode("ascii"), dtype=np.uint8)


# -- reading ----------------------------------------------------------------------------------

def decode_strings(arrays: Mapping[str, np.ndarray]) -> dict[str, Any]:
    strings = json.loads(arrays["strings"].tobytes().decode("ascii"))
    if not isinstance(strings, dict):
        raise ValueError("a segment's strings are not a JSON object")
    return strings


class Assembly:
    """The arrays of a base segment with delta segments applied in order."""

    def __init__(self, base: Mapping[str, np.ndarray], strings: dict[str, Any]) -> None:
        self.docs = SavedDocs()
        self.docs.extend_saved(strings, base)
        self.ids: list[str] = [str(i) for i in strings["ids"]]
        self.vocabulary: list[str] = list(strings["vocabulary"])
        self.cross_vocabulary: list[str] = list(strings.get("cross_vocabulary", []))
        self.languages: list[str | None] = list(strings.get("languages", []))
        self.semantic_languages: list[Any] | None = strings.get("semantic_languages")
        self.arrays = dict(base)
        self.rows: dict[str, list[sp.csr_matrix]] = {
            name: [get_csr(base, name)] for name in _ROW_PARTS if f"{name}_indptr" in base}
        self.appended: dict[str, list[np.ndarray]] = {
            name: [base[name]] for name in ("semantic", "postings_keys", "postings_weights",
                                            "edge_left", "edge_right", "edge_score")
            if name in base}
        self.labels = base["labels"].astype(np.int64, copy=False)
        self.components = base["components"].astype(np.int64, copy=False)
        self.known = base["join_known"].astype(bool, copy=False)
        # A base saved without the counts (counted again in restore) applies none.
        self.postings_df: np.ndarray | None = None
        if "postings_df" in base:
            self.postings_df = base["postings_df"].astype(np.int64, copy=False)
            if self.postings_df.shape != (self.rows["lexical"][0].shape[1],):
                raise ValueError("the saved term counts do not fit the indexed rows' terms")
        self.joins = [base["join_low"], base["join_high"], base["join_score"]]

    @property
    def size(self) -> int:
        return len(self.ids)

    def apply(self, delta: Mapping[str, np.ndarray], strings: dict[str, Any]) -> None:
        """Add one delta segment; ValueError or KeyError where it does not fit."""
        first = self.size
        self.docs.extend_saved(strings, delta)
        self.ids.extend(str(i) for i in strings["ids"])
        self.vocabulary.extend(strings["vocabulary"])
        for name in self.rows:
            part = get_csr(delta, name)
            if part.shape[0] != self.size - first:
                raise ValueError(f"a delta's {name} rows disagree on the number of articles")
            self.rows[name].append(part)
        if self.postings_df is not None:
            words = self.rows["lexical"][-1]
            counts = np.bincount(words.indices, minlength=words.shape[1])
            counts[: len(self.postings_df)] += self.postings_df
            self.postings_df = counts
        if "cross" in self.rows:
            self.cross_vocabulary.extend(strings["cross_vocabulary"])
            self.languages.extend(strings["languages"])
        if self.semantic_languages is not None:
            self.semantic_languages.extend(strings["semantic_languages"])
        for name, parts in self.appended.items():
            parts.append(delta[name])
        entries = delta["postings_keys"]
        if len(entries) and int((entries & _ROW_MASK).min()) < first:
            raise ValueError("a delta's posting-list entries name earlier rows")
        rows = self.size
        self.labels = _grown(self.labels, rows, delta, "labels", first)
        self.components = _grown(self.components, rows, delta, "components", first)
        self.known = _grown(self.known, rows, delta, "join_known", first)
        dropped = delta["join_dropped"].astype(np.int64)
        if len(dropped) and (int(dropped.min()) < 0 or int(dropped.max()) >= len(self.joins[0])
                             or np.any(np.diff(dropped) <= 0)):
            raise ValueError("a delta drops joins the index does not hold")
        self.joins = [np.r_[np.delete(part, dropped), delta[name]] for part, name in
                      zip(self.joins, ("join_low", "join_high", "join_score"), strict=True)]

    def result(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """The vocabularies and languages, and the arrays under their format-1 names."""
        arrays = dict(self.arrays)
        for name, parts in self.rows.items():
            # The deltas' rows go into the room the base was read with (see .growing).
            matrix, grower = parts[0], GrowingRows()
            grower.adopt(matrix)
            for part in parts[1:]:
                matrix = grower.append(matrix, part)
            for key, value in (("data", matrix.data), ("indices", matrix.indices),
                               ("indptr", matrix.indptr),
                               ("shape", np.asarray(matrix.shape, dtype=np.int64))):
                arrays[f"{name}_{key}"] = value
        for name, parts in self.appended.items():
            if not name.startswith("postings_"):
                arrays[name] = np.concatenate(parts) if len(parts) > 1 else parts[0]
        keys, weights = self.appended["postings_keys"], self.appended["postings_weights"]
        arrays["postings_keys"], arrays["postings_weights"] = keys[0], weights[0]
        if len(keys) > 1:  # the deltas' entries go into the base's, sorted by term then row
            added = np.concatenate(keys[1:])
            order = np.argsort(added, kind="stable")
            at = np.searchsorted(keys[0], added[order])
            arrays["postings_keys"] = np.insert(keys[0], at, added[order])
            arrays["postings_weights"] = np.insert(weights[0], at,
                                                   np.concatenate(weights[1:])[order])
        arrays["labels"], arrays["components"] = self.labels, self.components
        if self.postings_df is not None:
            arrays["postings_df"] = self.postings_df
        arrays["join_known"] = self.known
        arrays["join_low"], arrays["join_high"], arrays["join_score"] = self.joins
        strings = {"vocabulary": self.vocabulary, "cross_vocabulary": self.cross_vocabulary,
                   "languages": self.languages, "semantic_languages": self.semantic_languages}
        return strings, arrays


def _grown(values: np.ndarray, rows: int, delta: Mapping[str, np.ndarray], name: str,
           first: int) -> np.ndarray:
    """``values`` for ``rows`` rows with a delta's changed rows (every new row among them)
    set."""
    changed = delta[f"{name}_rows"].astype(np.int64)
    new_values = delta[f"{name}_values"]
    if len(changed) != len(new_values) or (len(changed) and (
            int(changed.min()) < 0 or int(changed.max()) >= rows)) or \
            not np.array_equal(changed[changed >= first], np.arange(first, rows)):
        raise ValueError(f"a delta's {name} name rows the index does not hold")
    grown = np.zeros(rows, dtype=values.dtype)
    grown[: len(values)] = values
    grown[changed] = new_values
    return grown
