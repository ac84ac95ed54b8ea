"""A fitted :class:`~launderlens.rewrites.cluster.StoryIndex` as named numpy arrays and a
few plain fields, and back; and the first file format of a saved index, which still loads.

:func:`restore` is the one way back to an index, whichever format the arrays came from: it
checks that the arrays agree with one another (one length for every per-article array,
pairs and joins that name indexed rows, finite scores, sorted posting lists) and raises
``ValueError`` (or ``KeyError`` for a missing array) when they do not, which
:mod:`.index_store` turns into :class:`IndexFileError` and the caller into a full
re-cluster.

Format 1 (``launderlens.story-index/1``) is one ``index.npz`` and one ``index.json`` holding
every article's fields as JSON; :mod:`.index_store` reads it and writes format 2 on the next
save. :func:`write_format_1` is kept so that the conversion stays tested.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Mapping, MutableSequence, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..embeddings.encoder import VectorEncoder
from ..errors import StoreError
from .cluster import StoryIndex
from .index_arrays import read_arrays
from .origin import Doc
from .similarity import Neighbours
from .similarity.lexical import LexicalBackend, terms_by_column
from .similarity.postings import TopTermPostings

__all__ = ["FORMAT_1", "IndexFileError", "init_params", "read_format_1", "restore",
           "write_format_1"]

FORMAT_1 = "launderlens.story-index/1"
ARRAYS_1, META_1 = "index.npz", "index.json"

TextSource = Callable[[Sequence[str]], Mapping[str, str]]


class IndexFileError(StoreError):
    """A saved story index that cannot be used as it is (missing, damaged, other format)."""


def restore(meta: dict[str, Any], arrays: Mapping[str, np.ndarray],
            docs: MutableSequence[Doc], encoder: VectorEncoder | None,
            text_source: TextSource | None) -> StoryIndex:
    """The index that ``meta`` (parameters, ids, vocabularies, token) and ``arrays`` (the
    format-1 names) describe, its rows' fields in ``docs``."""
    params = meta["params"]
    backends = list(params["backends"])
    backend_params = {name: dict(p) for name, p in params["backend_params"].items()}
    if "semantic" in backends:
        if encoder is None or encoder.name != meta.get("semantic_model"):
            raise IndexFileError(f"the index was built with the encoder "
                                 f"{meta.get('semantic_model')!r}; give that encoder")
        backend_params["semantic"] = {**backend_params.get("semantic", {}), "encoder": encoder}
    window = params["window_seconds"]
    index = StoryIndex(backends=backends, threshold=params["threshold"],
                       weights=params["weights"], neighbours=params["neighbours"],
                       window=None if window is None else timedelta(seconds=window),
                       backend_params=backend_params)
    ids = [str(i) for i in meta["ids"]]
    rows = len(ids)
    if len(docs) != rows:
        raise ValueError("the saved article fields disagree on the number of articles")
    index.fit([])  # the empty learned state, filled below
    index.ids_ = ids
    index.docs_ = docs
    lexical = index._lexical()
    _restore_lexical(lexical, meta["lexical"], arrays)
    if "crosslingual" in meta:
        _restore_crosslingual(lexical, meta["crosslingual"], arrays)
    if "semantic" in backends:
        semantic = index._backends["semantic"]
        setattr(semantic, "vectors_", arrays["semantic"])  # noqa: B010
        if "semantic_languages" in meta:
            setattr(semantic, "languages_", list(meta["semantic_languages"]))  # noqa: B010
    index.anchors_ = get_csr(arrays, "anchors")
    # The row vectors grow in place from the first add on, into the room they were read
    # with where there is some (see .similarity.growing).
    index._grown_anchors.adopt(index.anchors_)
    # The arrays are the loader's own: taken as they are (a copy of a large index's arrays
    # costs seconds here), converted only where saved in another type; the row vectors'
    # are grown in place by later adds.
    index.labels_ = arrays["labels"].astype(np.int64, copy=False)
    index.components_ = arrays["components"].astype(np.int64, copy=False)
    index.edges_ = Neighbours(arrays["edge_left"].astype(np.int64, copy=False),
                              arrays["edge_right"].astype(np.int64, copy=False),
                              arrays["edge_score"].astype(np.float32, copy=False))
    sizes = {len(index.labels_), len(index.components_), lexical.size, index.anchors_.shape[0],
             *(backend.size for backend in index._backends.values())}
    if sizes != {rows} or not pairs_of_rows(index.edges_, rows, ordered=False):
        raise IndexFileError("the saved arrays disagree on the number of articles")
    if "join_known" in arrays:  # an index saved before joins were kept replays none
        index.history_ = Neighbours(arrays["join_low"].astype(np.int64, copy=False),
                                    arrays["join_high"].astype(np.int64, copy=False),
                                    arrays["join_score"].astype(np.float64, copy=False))
        index._known = arrays["join_known"].astype(bool, copy=False)
        if len(index._known) != rows or not pairs_of_rows(index.history_, rows, ordered=True):
            raise IndexFileError("the saved joins disagree on the number of articles")
    else:
        index._known = np.zeros(rows, dtype=bool)
    # An index saved before tokens existed gets its own now, so the stories written next
    # carry the token it will be saved with.
    index.token_ = str(meta.get("token") or uuid.uuid4().hex)
    index._members = None  # stories of several articles are summed again when needed
    index._textless = np.ones(rows, dtype=bool)
    index.text_source = text_source
    return index


def _restore_lexical(lexical: LexicalBackend, meta: dict[str, Any],
                     arrays: Mapping[str, np.ndarray]) -> None:
    lexical.vocabulary_ = {term: column for column, term in enumerate(meta["vocabulary"])}
    lexical.document_frequency_ = arrays["lexical_df"]
    lexical.fitted_documents_ = int(meta["fitted_documents"])
    lexical.vectors_ = get_csr(arrays, "lexical")
    lexical._grown.adopt(lexical.vectors_)
    if lexical.vectors_.shape[1] > len(lexical.vocabulary_):
        raise ValueError("the saved word vectors have columns beyond the vocabulary")
    lexical._terms = []
    lexical._postings = None  # an index saved without its posting lists builds them again
    if "postings_keys" in arrays:
        postings = TopTermPostings(top_terms=lexical.top_terms, span=lexical.postings_span,
                                   max_df=lexical.max_df)
        postings.restore(arrays["postings_keys"], arrays["postings_weights"], lexical.vectors_,
                         arrays.get("postings_df"))
        lexical._postings = postings
    if lexical.crosslingual and "cross_indptr" not in arrays:
        raise IndexFileError("the lexical backend's cross-lingual anchors are missing")


def _restore_crosslingual(lexical: LexicalBackend, meta: dict[str, Any],
                          arrays: Mapping[str, np.ndarray]) -> None:
    from .similarity.crosslingual import CrossLingualAnchors

    anchors = CrossLingualAnchors(max_df=float(meta["max_df"]))
    anchors.vocabulary_ = {term: column for column, term in enumerate(meta["vocabulary"])}
    anchors.languages_ = [None if lang is None else str(lang) for lang in meta["languages"]]
    anchors.document_frequency_ = arrays["cross_df"]
    anchors.fitted_documents_ = int(meta["fitted_documents"])
    anchors.vectors_ = get_csr(arrays, "cross")
    anchors._grown.adopt(anchors.vectors_)
    if len(anchors.languages_) != anchors.vectors_.shape[0]:
        raise ValueError("the saved languages disagree on the number of articles")
    anchors._recode()
    lexical._anchors = anchors


def init_params(index: StoryIndex) -> dict[str, Any]:
    """The index's parameters as plain JSON values (the encoder object is not kept: loading
    takes one)."""
    given = {name: {k: v for k, v in p.items() if k != "encoder"}
             for name, p in index.backend_params.items()}
    json.dumps(given)  # TypeError here rather than a folder that cannot be read back
    return {"backends": list(index.backends), "threshold": index.threshold,
            "weights": dict(index.weights), "neighbours": index.neighbours,
            "window_seconds": index.window.total_seconds() if index.window else None,
            "backend_params": given}


def put_csr(arrays: dict[str, np.ndarray], name: str, matrix: sp.csr_matrix) -> None:
    arrays[f"{name}_data"] = matrix.data
    arrays[f"{name}_indices"] = matrix.indices
    arrays[f"{name}_indptr"] = matrix.indptr
    arrays[f"{name}_shape"] = np.asarray(matrix.shape, dtype=np.int64)


def get_csr(arrays: Mapping[str, np.ndarray], name: str) -> sp.csr_matrix:
    shape = tuple(int(n) for n in arrays[f"{name}_shape"])
    matrix = sp.csr_matrix((arrays[f"{name}_data"], arrays[f"{name}_indices"],
                            arrays[f"{name}_indptr"]), shape=shape)
    matrix.has_sorted_indices = True  # saved sorted: merging rows relies on it
    return matrix


def pairs_of_rows(pairs: Neighbours, rows: int, *, ordered: bool) -> bool:
    """Whether saved pairs are three arrays of one length naming indexed rows (``left <
    right`` where ``ordered``) with finite scores; numpy would wrap a negative row round."""
    left, right, score = pairs
    if not len(left) == len(right) == len(score):
        return False
    if not len(left):
        return True
    inside = (min(int(left.min()), int(right.min())) >= 0
              and max(int(left.max()), int(right.max())) < rows)
    return inside and bool(np.isfinite(score).all()) and (
        not ordered or bool((left < right).all()))


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# -- format 1 ---------------------------------------------------------------------------------

def read_format_1(source: Path, encoder: VectorEncoder | None,
                  text_source: TextSource | None) -> StoryIndex:
    """The format-1 index in ``source``; IndexFileError (or the errors :func:`restore`
    raises) if it cannot be used."""
    meta = json.loads((source / META_1).read_text(encoding="utf-8"))
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_1:
        raise IndexFileError(f"{source} holds no story index of a known format")
    if sha256_of(source / ARRAYS_1) != meta.get("arrays_sha256"):
        raise IndexFileError(f"{source / ARRAYS_1} does not match its checksum")
    arrays = read_arrays(source / ARRAYS_1)
    docs = [_doc_1(str(ident), fields) for ident, fields in
            zip(meta["ids"], meta["docs"], strict=True)]
    return restore(meta, arrays, docs, encoder, text_source)


def write_format_1(index: StoryIndex, folder: str | Path) -> Path:
    """``index`` written in format 1 (what this version no longer writes on its own: for
    checking that such a folder still loads)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    index.token_ = getattr(index, "token_", None) or uuid.uuid4().hex
    meta: dict[str, Any] = {"format": FORMAT_1, "token": index.token_,
                            "params": init_params(index), "ids": index.ids_,
                            "docs": [_doc_fields_1(d) for d in index.docs_]}
    arrays, fields = index_arrays(index)
    meta.update(fields)
    temporary = target / f".{ARRAYS_1}.{os.getpid()}.tmp"
    with temporary.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    meta["arrays_sha256"] = sha256_of(temporary)
    os.replace(temporary, target / ARRAYS_1)
    (target / META_1).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return target


def index_arrays(index: StoryIndex) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Every array of ``index`` under its format-1 name, and the vocabularies and counts
    that go beside them."""
    arrays: dict[str, np.ndarray] = {}
    fields: dict[str, Any] = {}
    lexical = index._lexical()
    put_csr(arrays, "lexical", lexical.vectors_)
    arrays["lexical_df"] = np.asarray(lexical.document_frequency_, dtype=np.int64)
    postings = lexical.postings()
    arrays["postings_keys"], arrays["postings_weights"] = postings.keys_, postings.weights_
    fields["lexical"] = {"vocabulary": terms_by_column(lexical.vocabulary_),
                         "fitted_documents": lexical.fitted_documents_}
    anchors = getattr(lexical, "_anchors", None)
    if anchors is not None:
        put_csr(arrays, "cross", anchors.vectors_)
        arrays["cross_df"] = np.asarray(anchors.document_frequency_, dtype=np.int64)
        fields["crosslingual"] = {"vocabulary": terms_by_column(anchors.vocabulary_),
                                  "languages": anchors.languages_,
                                  "fitted_documents": anchors.fitted_documents_,
                                  "max_df": anchors.max_df}
    semantic = index._backends.get("semantic")
    if semantic is not None:
        arrays["semantic"] = np.asarray(getattr(semantic, "vectors_"), dtype=np.float32)  # noqa: B009
        fields["semantic_model"] = semantic.params().get("model")
        # Backends that read each row's language keep it (None where unsure).
        languages = getattr(semantic, "languages_", None)
        if languages is not None:
            fields["semantic_languages"] = list(languages)
    put_csr(arrays, "anchors", index.anchors_)
    arrays["labels"] = index.labels_
    arrays["components"] = index.components_
    arrays["edge_left"], arrays["edge_right"], arrays["edge_score"] = index.edges_
    arrays["join_low"], arrays["join_high"], arrays["join_score"] = index.history_
    arrays["join_known"] = index._known
    return arrays, fields


def _doc_fields_1(doc: Doc) -> list[str | None]:
    return [doc.title, doc.published.isoformat() if doc.published else None, doc.outlet,
            doc.domain]


def _doc_1(ident: str, fields: Sequence[Any]) -> Doc:
    title, published, outlet, domain = fields
    return Doc(ident, title, "", None if published is None else
               datetime.fromisoformat(published), outlet, domain)
