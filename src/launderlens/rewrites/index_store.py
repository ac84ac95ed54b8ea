"""A :class:`~launderlens.rewrites.cluster.StoryIndex` to a folder and back, so that
``cluster --incremental`` and ``watch`` add new articles to the stories of earlier runs.

The folder holds two files and nothing executable: ``index.npz`` (numpy arrays, read with
``allow_pickle=False``: the vectors, the lexical posting lists, labels, components,
candidate pairs and the joins of the last merge) and ``index.json`` (the format, the
parameters, the article ids and the few article fields that origin reading and the time
window use, the backends' vocabularies, and the SHA-256 of ``index.npz``). A folder whose
format, checksum or contents do not agree raises :class:`IndexFileError`, and the caller
clusters from scratch. Article texts are not kept: the store has them, and
``text_source`` reads them back when a story that holds restored articles is built.

The semantic backend's vectors are kept, not its model: loading needs an encoder of the
same name.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..embeddings.encoder import VectorEncoder
from ..errors import StoreError
from .cluster import StoryIndex
from .origin import Doc
from .similarity import Neighbours
from .similarity.lexical import LexicalBackend
from .similarity.postings import TopTermPostings

__all__ = ["FORMAT", "INDEX_FILES", "IndexFileError", "load_index", "save_index"]

FORMAT = "launderlens.story-index/1"
_ARRAYS, _META = "index.npz", "index.json"
#: The files of a saved index (the last one written last).
INDEX_FILES = (_ARRAYS, _META)


class IndexFileError(StoreError):
    """A saved story index that cannot be used as it is (missing, damaged, other format)."""


def save_index(index: StoryIndex, folder: str | Path) -> Path:
    """Write ``index`` (fitted) to ``folder``; each file is replaced whole, the arrays
    first, so a crash in between leaves a checksum that no longer matches."""
    if not hasattr(index, "labels_"):
        raise IndexFileError("only a fitted StoryIndex can be saved")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {}
    # A token that names this index's line of runs: the stories it writes carry it, so a
    # caller can tell them from stories another clustering wrote since.
    token = getattr(index, "token_", None) or uuid.uuid4().hex
    index.token_ = token
    meta: dict[str, Any] = {"format": FORMAT, "token": token, "params": _init_params(index),
                            "ids": index.ids_, "docs": [_doc_fields(d) for d in index.docs_]}
    lexical = index._lexical()
    _put_csr(arrays, "lexical", lexical.vectors_)
    arrays["lexical_df"] = np.asarray(lexical.document_frequency_, dtype=np.int64)
    postings = lexical.postings()
    arrays["postings_keys"], arrays["postings_weights"] = postings.keys_, postings.weights_
    meta["lexical"] = {"vocabulary": lexical.terms_of(range(len(lexical.vocabulary_))),
                       "fitted_documents": lexical.fitted_documents_}
    anchors = getattr(lexical, "_anchors", None)
    if anchors is not None:
        _put_csr(arrays, "cross", anchors.vectors_)
        arrays["cross_df"] = np.asarray(anchors.document_frequency_, dtype=np.int64)
        terms = [""] * len(anchors.vocabulary_)
        for term, column in anchors.vocabulary_.items():
            terms[column] = term
        meta["crosslingual"] = {"vocabulary": terms, "languages": anchors.languages_,
                                "fitted_documents": anchors.fitted_documents_,
                                "max_df": anchors.max_df}
    semantic = index._backends.get("semantic")
    if semantic is not None:
        arrays["semantic"] = np.asarray(getattr(semantic, "vectors_"), dtype=np.float32)  # noqa: B009
        meta["semantic_model"] = semantic.params().get("model")
        # Backends that read each row's language keep it (None where unsure).
        languages = getattr(semantic, "languages_", None)
        if languages is not None:
            meta["semantic_languages"] = list(languages)
    _put_csr(arrays, "anchors", index.anchors_)
    arrays["labels"] = index.labels_
    arrays["components"] = index.components_
    arrays["edge_left"], arrays["edge_right"], arrays["edge_score"] = index.edges_
    arrays["join_low"], arrays["join_high"], arrays["join_score"] = index.history_
    arrays["join_known"] = index._known
    temporary = target / f".{_ARRAYS}.{os.getpid()}.tmp"
    with temporary.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    meta["arrays_sha256"] = _sha256(temporary)
    os.replace(temporary, target / _ARRAYS)
    temporary = target / f".{_META}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target / _META)
    return target


def load_index(folder: str | Path, *, encoder: VectorEncoder | None = None,
               text_source: Callable[[Sequence[str]], Mapping[str, str]] | None = None
               ) -> StoryIndex:
    """The index saved in ``folder``, ready for ``add``; IndexFileError if it cannot be."""
    source = Path(folder)
    try:
        meta = json.loads((source / _META).read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise IndexFileError(f"{source} holds no story index of format {FORMAT}")
        if _sha256(source / _ARRAYS) != meta.get("arrays_sha256"):
            raise IndexFileError(f"{source / _ARRAYS} does not match its checksum")
        with np.load(source / _ARRAYS, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        return _restore(meta, arrays, encoder, text_source)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise IndexFileError(f"cannot read the story index in {source}: {error}") from None


def _restore(meta: dict[str, Any], arrays: dict[str, np.ndarray],
             encoder: VectorEncoder | None,
             text_source: Callable[[Sequence[str]], Mapping[str, str]] | None) -> StoryIndex:
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
    index.fit([])  # the empty learned state, filled below
    index.ids_ = ids
    index.docs_ = [_doc(ident, fields) for ident, fields in zip(ids, meta["docs"], strict=True)]
    lexical = index._lexical()
    _restore_lexical(lexical, meta["lexical"], arrays)
    if "crosslingual" in meta:
        _restore_crosslingual(lexical, meta["crosslingual"], arrays)
    if "semantic" in backends:
        semantic = index._backends["semantic"]
        setattr(semantic, "vectors_", arrays["semantic"])  # noqa: B010
        if "semantic_languages" in meta:
            setattr(semantic, "languages_", list(meta["semantic_languages"]))  # noqa: B010
    index.anchors_ = _get_csr(arrays, "anchors")
    index.labels_ = arrays["labels"].astype(np.int64)
    index.components_ = arrays["components"].astype(np.int64)
    index.edges_ = Neighbours(arrays["edge_left"].astype(np.int64),
                              arrays["edge_right"].astype(np.int64),
                              arrays["edge_score"].astype(np.float32))
    sizes = {len(index.labels_), len(index.components_), lexical.size, index.anchors_.shape[0],
             *(backend.size for backend in index._backends.values())}
    if sizes != {rows} or not _pairs_of_rows(index.edges_, rows, ordered=False):
        raise IndexFileError("the saved arrays disagree on the number of articles")
    if "join_known" in arrays:  # an index saved before joins were kept replays none
        index.history_ = Neighbours(arrays["join_low"].astype(np.int64),
                                    arrays["join_high"].astype(np.int64),
                                    arrays["join_score"].astype(np.float64))
        index._known = arrays["join_known"].astype(bool)
        if len(index._known) != rows or not _pairs_of_rows(index.history_, rows, ordered=True):
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
                     arrays: dict[str, np.ndarray]) -> None:
    lexical.vocabulary_ = {term: column for column, term in enumerate(meta["vocabulary"])}
    lexical.document_frequency_ = arrays["lexical_df"]
    lexical.fitted_documents_ = int(meta["fitted_documents"])
    lexical.vectors_ = _get_csr(arrays, "lexical")
    lexical._terms = []
    lexical._postings = None  # an index saved without its posting lists builds them again
    if "postings_keys" in arrays:
        postings = TopTermPostings(top_terms=lexical.top_terms, span=lexical.postings_span,
                                   max_df=lexical.max_df)
        postings.restore(arrays["postings_keys"], arrays["postings_weights"], lexical.vectors_)
        lexical._postings = postings
    if lexical.crosslingual and "cross_indptr" not in arrays:
        raise IndexFileError("the lexical backend's cross-lingual anchors are missing")


def _restore_crosslingual(lexical: LexicalBackend, meta: dict[str, Any],
                          arrays: dict[str, np.ndarray]) -> None:
    from .similarity.crosslingual import CrossLingualAnchors

    anchors = CrossLingualAnchors(max_df=float(meta["max_df"]))
    anchors.vocabulary_ = {term: column for column, term in enumerate(meta["vocabulary"])}
    anchors.languages_ = [None if lang is None else str(lang) for lang in meta["languages"]]
    anchors.document_frequency_ = arrays["cross_df"]
    anchors.fitted_documents_ = int(meta["fitted_documents"])
    anchors.vectors_ = _get_csr(arrays, "cross")
    anchors._recode()
    lexical._anchors = anchors


def _init_params(index: StoryIndex) -> dict[str, Any]:
    # Backend parameters as given (the encoder object is not kept: load takes one).
    given = {name: {k: v for k, v in p.items() if k != "encoder"}
             for name, p in index.backend_params.items()}
    json.dumps(given)  # TypeError here rather than a folder that cannot be read back
    return {"backends": list(index.backends), "threshold": index.threshold,
            "weights": dict(index.weights), "neighbours": index.neighbours,
            "window_seconds": index.window.total_seconds() if index.window else None,
            "backend_params": given}


def _doc_fields(doc: Doc) -> list[str | None]:
    return [doc.title, doc.published.isoformat() if doc.published else None, doc.outlet,
            doc.domain]


def _doc(ident: str, fields: Sequence[Any]) -> Doc:
    title, published, outlet, domain = fields
    return Doc(ident, title, "", None if published is None else
               datetime.fromisoformat(published), outlet, domain)


def _put_csr(arrays: dict[str, np.ndarray], name: str, matrix: sp.csr_matrix) -> None:
    arrays[f"{name}_data"] = matrix.data
    arrays[f"{name}_indices"] = matrix.indices
    arrays[f"{name}_indptr"] = matrix.indptr
    arrays[f"{name}_shape"] = np.asarray(matrix.shape, dtype=np.int64)


def _get_csr(arrays: dict[str, np.ndarray], name: str) -> sp.csr_matrix:
    shape = tuple(int(n) for n in arrays[f"{name}_shape"])
    matrix = sp.csr_matrix((arrays[f"{name}_data"], arrays[f"{name}_indices"],
                            arrays[f"{name}_indptr"]), shape=shape)
    matrix.has_sorted_indices = True  # saved sorted: merging rows relies on it
    return matrix


def _pairs_of_rows(pairs: Neighbours, rows: int, *, ordered: bool) -> bool:
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


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
