"""Sentence embeddings: texts in, unit-length float32 vectors out.

:mod:`.encoder` loads the model (all-MiniLM-L6-v2 from its PyPI package, or any local
sentence-transformers folder) behind the small :class:`VectorEncoder` interface, and says
whether the optional torch stack is installed, and picks the backend (torch, or an
ONNX Runtime export made by :mod:`.onnx`, which needs no torch); :mod:`.cache` keeps
vectors in the store so each sentence is embedded once. Every stage that reads
embeddings (rewrites, claims, narratives) takes an encoder from here, and works without one.
"""

from __future__ import annotations

from .encoder import (
    SemanticEncoder,
    VectorEncoder,
    default_model_path,
    document_vectors,
    load_encoder,
    semantic_available,
)

__all__ = ["SemanticEncoder", "VectorEncoder", "default_model_path", "document_vectors",
           "load_encoder", "semantic_available"]
