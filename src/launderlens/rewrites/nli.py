"""Premise and hypothesis sentences in, entailment / neutral / contradiction probabilities
out, from any local Hugging Face sequence-classification folder (an NLI model or a
cross-encoder).

The verdicts (:mod:`.verdicts`) use it, when a user gives ``--nli-model DIR``, to ask
whether each retold copy sentence is entailed by its source sentences, and whether either
contradicts the other. Nothing is downloaded: the folder must hold ``config.json``, the
weights and the tokenizer files. How the model's labels are read:

- three labels named like entailment / neutral / contradiction (any case, "entail" and
  "contradict" prefixes too): a softmax over the three;
- two labels, one of them entailment-like (or "paraphrase", "duplicate", "equivalent",
  "yes", "true", "1" for the positive side): the positive probability is entailment, the
  other side is put under neutral, contradiction stays 0;
- one logit (a cross-encoder similarity): its sigmoid is entailment, the rest neutral;
- ``LABEL_0``-style names: give ``labels=`` (the name of each class in order).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError

__all__ = ["EntailmentModel", "load_entailment_model"]

log = logging.getLogger(__name__)

INSTALL_HINT = "install the semantic extra: pip install 'launderlens[semantic]'"
_POSITIVE = ("entail", "paraphrase", "duplicate", "equivalent", "yes", "true", "1")


def _role(label: str) -> str | None:
    name = label.strip().lower()
    if name.startswith("entail"):
        return "entailment"
    if name.startswith("contradict"):
        return "contradiction"
    if name.startswith("neutral"):
        return "neutral"
    return None


class EntailmentModel:
    """A loaded sequence-classification model; see the module docstring for its labels."""

    def __init__(self, model: Any, tokenizer: Any, labels: Sequence[str], *, name: str,
                 max_length: int = 256, batch_size: int = 16) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.labels = tuple(labels)
        self.name = name
        self.max_length = max_length
        self.batch_size = batch_size
        self._columns = self._read_labels(self.labels)

    @staticmethod
    def _read_labels(labels: Sequence[str]) -> dict[str, int]:
        """Which output column holds entailment, neutral and contradiction."""
        if len(labels) == 1:
            return {"entailment": 0}
        roles = {_role(label): k for k, label in enumerate(labels)}
        roles.pop(None, None)
        if len(labels) == 3 and len(roles) == 3:
            return {str(k): v for k, v in roles.items()}
        if len(labels) == 2:
            positive = [k for k, label in enumerate(labels)
                        if label.strip().lower().startswith(_POSITIVE)]
            if len(positive) == 1:
                return {"entailment": positive[0], "neutral": 1 - positive[0]}
        raise ConfigError(
            f"cannot tell which output of the model is entailment from its labels {list(labels)};"
            " pass labels=(...) naming each class (entailment, neutral, contradiction)")

    def scores(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """``(n, 3)`` probabilities ``[entailment, neutral, contradiction]``, in input order."""
        if len(premises) != len(hypotheses):
            raise ValueError("premises and hypotheses must be as many")
        out = np.zeros((len(premises), 3), dtype=np.float32)
        if not premises:
            return out
        import torch

        # Batches of similar length pad little; results go back to their input rows.
        order = sorted(range(len(premises)),
                       key=lambda k: len(premises[k]) + len(hypotheses[k]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            encoded = self.tokenizer([premises[k] or " " for k in rows],
                                     [hypotheses[k] or " " for k in rows],
                                     truncation="longest_first", max_length=self.max_length,
                                     padding=True, return_tensors="pt")
            with torch.inference_mode():
                logits = self.model(**encoded).logits.float().cpu().numpy()
            out[rows] = self._probabilities(logits)
        return out

    def _probabilities(self, logits: np.ndarray) -> np.ndarray:
        cols = self._columns
        probs = np.zeros((len(logits), 3), dtype=np.float32)
        if logits.shape[1] == 1:
            probs[:, 0] = 1.0 / (1.0 + np.exp(-logits[:, 0]))
            probs[:, 1] = 1.0 - probs[:, 0]
            return probs
        shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
        soft = shifted / shifted.sum(axis=1, keepdims=True)
        for k, role in enumerate(("entailment", "neutral", "contradiction")):
            if role in cols:
                probs[:, k] = soft[:, cols[role]]
        return probs


def load_entailment_model(path: str | Path, *, labels: Sequence[str] | None = None,
                          max_length: int = 256, batch_size: int = 16) -> EntailmentModel:
    """The model in the local folder ``path`` (never a hub name: nothing is fetched)."""
    folder = Path(path)
    if not (folder / "config.json").is_file():
        raise ConfigError(f"{path}: not a model folder (no config.json); --nli-model takes a "
                          "local Hugging Face sequence-classification folder")
    try:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
    except ImportError:
        raise ConfigError(f"the NLI model needs torch and transformers: {INSTALL_HINT}"
                          ) from None
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        model = AutoModelForSequenceClassification.from_pretrained(str(folder),
                                                                   local_files_only=True)
    except (OSError, ValueError) as err:
        raise ConfigError(f"{path}: cannot load the model: {err}") from None
    model.eval()
    torch.set_num_threads(max(1, torch.get_num_threads()))
    names = list(labels) if labels is not None else [
        str(model.config.id2label[k]) for k in range(model.config.num_labels)]
    if len(names) != model.config.num_labels:
        raise ConfigError(f"labels names {len(names)} classes; the model has "
                          f"{model.config.num_labels}")
    log.info("NLI model %s loaded (%s)", folder.name, ", ".join(names))
    return EntailmentModel(model, tokenizer, names, name=f"nli:{folder.name}",
                           max_length=max_length, batch_size=batch_size)
