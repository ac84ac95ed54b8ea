"""Premise and hypothesis sentences in, entailment / neutral / contradiction probabilities
out, from any local Hugging Face sequence-classification folder (an NLI model or a
cross-encoder).

The verdicts (:mod:`.verdicts`) use it, when a user gives ``--nli-model DIR``, to ask
whether each retold copy sentence is entailed by its source sentences, and whether either
contradicts the other. Nothing is downloaded: the folder must hold ``config.json``, the
weights and the tokenizer files; it is read with ``local_files_only`` and without remote
code (a model folder is input like any other). How the model's outputs are read, always as
three columns ``[entailment, neutral, contradiction]`` that sum to 1:

- three labels named like entailment / neutral / contradiction (any case; "entail…",
  "contradict…" prefixes too): a softmax over the three;
- two labels, both named so (e.g. entailment / contradiction): a softmax over the two,
  neutral stays 0;
- two labels, one of them positive ("entail…", "paraphrase", "duplicate", "equivalent",
  "yes", "true", "1") and the other not (``not_paraphrase``, ``not_entailment``): the
  positive probability is entailment and the other side is neutral, because "not a
  paraphrase" does not say the two contradict; contradiction stays 0;
- one logit (a cross-encoder's similarity score): its sigmoid is entailment, the rest
  neutral, contradiction 0;
- ``LABEL_0``-style names, which say nothing: pass ``labels=`` naming each class in order,
  e.g. ``("contradiction", "neutral", "entailment")``; otherwise ConfigError.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..embeddings.encoder import INSTALL_HINT
from ..errors import ConfigError

if TYPE_CHECKING:
    from .verdicts import EntailmentScorer

__all__ = ["COLUMNS", "EntailmentModel", "contradiction_of", "entailment_of",
           "load_entailment_model", "read_labels"]

log = logging.getLogger(__name__)

#: The columns of :meth:`EntailmentModel.scores`, whatever the model's own order.
COLUMNS = ("entailment", "neutral", "contradiction")
_POSITIVE = ("entail", "paraphrase", "duplicate", "equivalent", "yes", "true", "1")
_threads_set = False


def _role(label: str) -> str | None:
    name = label.strip().lower()
    for role, prefix in (("entailment", "entail"), ("contradiction", "contradict"),
                         ("neutral", "neutral")):
        if name.startswith(prefix):
            return role
    return None


def read_labels(labels: Sequence[str]) -> dict[str, int]:
    """Which output of a model with these class names holds each of :data:`COLUMNS` (the
    roles it has; see the module docstring). ConfigError when they cannot be read."""
    if len(labels) == 1:
        return {"entailment": 0}
    roles: dict[str, int] = {}
    for k, label in enumerate(labels):
        role = _role(label)
        if role is not None and role not in roles:
            roles[role] = k
    if len(roles) == len(labels) and "entailment" in roles and len(labels) in (2, 3):
        return roles
    if len(labels) == 2:
        positive = [k for k, label in enumerate(labels)
                    if label.strip().lower().startswith(_POSITIVE)]
        if len(positive) == 1:
            return {"entailment": positive[0], "neutral": 1 - positive[0]}
    raise ConfigError(
        f"cannot tell which output of the model is entailment from its labels {list(labels)};"
        " pass labels=(...) naming each class in order, e.g. "
        "('contradiction', 'neutral', 'entailment'), or ('not_paraphrase', 'paraphrase')")


def _clean(text: str) -> str:
    """Text the tokenizer accepts: a lone surrogate (which the Rust tokenizers refuse)
    becomes U+FFFD, and an empty side one space, so a hostile sentence is scored, not fatal."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text if text.strip() else " "


class EntailmentModel:
    """A loaded sequence-classification model; see the module docstring for its labels.

    ``name`` is its provenance (``nli:<folder name>``), ``labels`` its class names in the
    model's order."""

    def __init__(self, model: Any, tokenizer: Any, labels: Sequence[str], *, name: str,
                 device: str = "cpu", max_length: int = 256, batch_size: int = 16) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.labels = tuple(labels)
        self.name = name
        self.device = device
        self.max_length = max_length
        self.batch_size = batch_size
        self.columns = read_labels(self.labels)

    def scores(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """``(n, 3)`` probabilities ``[entailment, neutral, contradiction]``, in input order."""
        if len(premises) != len(hypotheses):
            raise ValueError(f"{len(premises)} premises but {len(hypotheses)} hypotheses")
        out = np.zeros((len(premises), 3), dtype=np.float32)
        if not premises:
            return out
        import torch

        # Pairs of similar length share a batch so little of it is padding; each batch's
        # rows go back to their input positions.
        order = sorted(range(len(premises)), key=lambda k: len(premises[k]) + len(hypotheses[k]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            encoded = self.tokenizer([_clean(premises[k]) for k in rows],
                                     [_clean(hypotheses[k]) for k in rows],
                                     truncation="longest_first", max_length=self.max_length,
                                     padding=True, return_tensors="pt").to(self.device)
            with torch.inference_mode():
                logits = self.model(**encoded).logits.float().cpu().numpy()
            out[rows] = self._probabilities(logits)
        return out

    def _probabilities(self, logits: np.ndarray) -> np.ndarray:
        probs = np.zeros((len(logits), 3), dtype=np.float32)
        if logits.shape[1] == 1:
            probs[:, 0] = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            probs[:, 1] = 1.0 - probs[:, 0]
            return probs
        # Softmax over the outputs that have a role only (a model may carry others).
        mapped = [(COLUMNS.index(role), col) for role, col in self.columns.items()]
        picked = logits[:, [col for _, col in mapped]]
        shifted = np.exp(picked - picked.max(axis=1, keepdims=True))
        soft = shifted / shifted.sum(axis=1, keepdims=True)
        for k, (column, _) in enumerate(mapped):
            probs[:, column] = soft[:, k]
        return probs


def entailment_of(model: EntailmentScorer, origin_sentences: Sequence[str],
                  copy_sentence: str) -> float:
    """How surely the origin sentences, read together as one premise, entail the copy
    sentence (0.0 when there are none)."""
    if not origin_sentences:
        return 0.0
    return float(model.scores([" ".join(origin_sentences)], [copy_sentence])[0, 0])


def contradiction_of(model: EntailmentScorer, origin_sentences: Sequence[str],
                     copy_sentence: str) -> float:
    """The stronger contradiction of the two directions (origin -> copy, copy -> origin):
    a copy that drops a qualifier is entailed one way only, but a changed fact contradicts
    both ways, so either direction finding it is evidence of ``changed``."""
    if not origin_sentences:
        return 0.0
    premise = " ".join(origin_sentences)
    both = model.scores([premise, copy_sentence], [copy_sentence, premise])
    return float(both[:, 2].max())


def _set_threads_once(torch: Any) -> None:
    """Torch's intra-op threads to the physical cores, once per process, unless the user
    chose them (OMP_NUM_THREADS); a hyper-thread sibling only adds contention."""
    global _threads_set
    if _threads_set:
        return
    _threads_set = True
    if not os.environ.get("OMP_NUM_THREADS"):
        from ..embeddings.onnx import physical_cores

        torch.set_num_threads(physical_cores())


def load_entailment_model(path: str | Path, *, labels: Sequence[str] | None = None,
                          device: str = "cpu", max_length: int = 256,
                          batch_size: int = 16) -> EntailmentModel:
    """The model in the local folder ``path``: never a hub name, nothing is fetched.

    ``labels`` names the classes in the model's order where its config does not (see the
    module docstring); ``max_length`` is in tokens for premise and hypothesis together,
    the longer one truncated first."""
    folder = Path(path)
    if not (folder / "config.json").is_file():
        raise ConfigError(f"{path}: not a model folder (no config.json); an NLI model is a "
                          "local Hugging Face sequence-classification folder holding "
                          "config.json, its weights and its tokenizer files")
    if max_length < 8 or batch_size < 1:
        raise ConfigError("max_length must be at least 8 tokens and batch_size at least 1")
    try:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError:
        raise ConfigError(f"the NLI model needs torch and transformers: {INSTALL_HINT}"
                          ) from None
    try:
        target = torch.device(device)
    except RuntimeError as err:
        raise ConfigError(f"unknown device {device!r}: {err}") from None
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(str(folder),
                                                                   local_files_only=True)
    except (OSError, ValueError, KeyError) as err:
        raise ConfigError(f"{path}: cannot load a sequence-classification model and its "
                          f"tokenizer from it: {err}") from None
    _set_threads_once(torch)
    model.to(target)
    model.eval()
    count = int(model.config.num_labels)
    if labels is not None:
        names = [str(label) for label in labels]
    else:
        id2label = model.config.id2label or {}
        names = [str(id2label.get(k, id2label.get(str(k), f"LABEL_{k}")))
                 for k in range(count)]
    if len(names) != count:
        raise ConfigError(f"labels names {len(names)} classes; the model has {count}")
    log.info("NLI model %s loaded on %s (%s)", folder.name, target, ", ".join(names))
    return EntailmentModel(model, tokenizer, names, name=f"nli:{folder.name}",
                           device=str(target), max_length=max_length, batch_size=batch_size)
