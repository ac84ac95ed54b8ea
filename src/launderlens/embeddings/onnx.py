"""A sentence-transformers model in, an ONNX folder out (:func:`export_onnx`, needs torch);
and that folder in, unit float32 sentence vectors out (:class:`OnnxEncoder`, needs only
onnxruntime, tokenizers and numpy).

The folder holds ``model.onnx`` (fp32) and/or ``model-int8.onnx`` (dynamic int8 with one
scale per output channel: per-tensor scales cost MiniLM several points of cosine to the
fp32 vectors), the tokenizer files, the pooling settings and ``manifest.json`` with the
sha256 of every file, checked before anything is loaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError

__all__ = [
    "FP32_FILE", "INT8_FILE", "MANIFEST", "OnnxEncoder", "default_onnx_dir", "export_onnx",
    "is_onnx_folder", "onnx_available",
]

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FP32_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
POOLING_FILE = "pooling.json"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                   "vocab.txt")
FORMAT = 1
ONNX_HINT = "install the onnx extra: pip install 'launderlens[onnx]'"
#: Inputs a BERT-like encoder may take; the exported graph declares which it uses.
MODEL_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_available() -> bool:
    """Whether onnxruntime and tokenizers are importable (without importing them)."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("onnxruntime", "tokenizers"))


def default_onnx_dir() -> Path:
    """Where ``launderlens embeddings export`` writes the packaged model by default, and
    where the ``auto`` backend looks for it."""
    import platformdirs

    return Path(platformdirs.user_data_dir("launderlens")) / "encoders" / "minilm-onnx"


def is_onnx_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder written by :func:`export_onnx` (it has a manifest)."""
    return (Path(path) / MANIFEST).is_file()


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def physical_cores() -> int:
    """Physical cores this process may run on: ONNX Runtime's matrix kernels gain nothing
    from a core's second hyper-thread and lose to the contention. Falls back to the
    logical count where the topology cannot be read."""
    try:
        allowed = sorted(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)
    cores = set()
    for cpu in allowed:
        topology = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology")
        try:
            cores.add(((topology / "physical_package_id").read_text().strip(),
                       (topology / "core_id").read_text().strip()))
        except OSError:
            return max(1, len(allowed))
    return max(1, len(cores))


# --- export (torch) ---------------------------------------------------------------------

def export_onnx(model: str | Path | None, out: str | Path, *, fp32: bool = True,
                int8: bool = True, opset: int = 18) -> dict[str, Any]:
    """Export a local sentence-transformers folder (default: the packaged MiniLM) to
    ``out`` as ONNX, and return the manifest written there.

    Only mean-pooled, normalised encoders are exported (the pooling is done by
    :class:`OnnxEncoder`, not in the graph); another pooling raises ConfigError.
    """
    if not (fp32 or int8):
        raise ConfigError("nothing to export: ask for fp32, int8 or both")
    from .encoder import default_model_path, verify_packaged_weights

    source = Path(model) if model else default_model_path()
    if source is None:
        raise ConfigError("no model to export: install the semantic extra or pass --model")
    if not (source / "config.json").is_file():
        raise ConfigError(f"not a sentence-transformers model folder: {source}")
    if model is None:
        verify_packaged_weights(source)
    if not (source / "tokenizer.json").is_file():
        raise ConfigError(f"{source} has no tokenizer.json (a fast tokenizer is needed)")
    pooling = _pooling_settings(source)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="launderlens-onnx-") as scratch:
        fp32_path = Path(scratch) / FP32_FILE
        inputs = _export_graph(source, fp32_path, opset)
        written: list[str] = []
        if int8:
            _quantize(fp32_path, target / INT8_FILE, Path(scratch))
            written.append(INT8_FILE)
        if fp32:
            shutil.copyfile(fp32_path, target / FP32_FILE)
            written.append(FP32_FILE)
    for name in TOKENIZER_FILES:
        if (source / name).is_file():
            shutil.copyfile(source / name, target / name)
            written.append(name)
    (target / POOLING_FILE).write_text(json.dumps(pooling, indent=2) + "\n")
    written.append(POOLING_FILE)
    manifest = {
        "format": FORMAT,
        "source": "minilm" if model is None else source.name,
        "dimension": pooling["dimension"], "max_length": pooling["max_length"],
        "inputs": inputs, "opset": opset,
        "files": {name: _sha256(target / name) for name in written},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    log.info("exported %s to %s (%s)", source, target, ", ".join(written))
    return manifest


def _pooling_settings(source: Path) -> dict[str, Any]:
    """Mean pooling, normalised, with the model's maximum sequence length; as the
    sentence-transformers folder declares them."""
    pooling_dirs = sorted(source.glob("*_Pooling"))
    config = json.loads((pooling_dirs[0] / "config.json").read_text()) if pooling_dirs else {}
    if config and not config.get("pooling_mode_mean_tokens"):
        raise ConfigError(f"{source}: only mean pooling is supported, got {config}")
    model_config = json.loads((source / "config.json").read_text())
    dimension = int(config.get("word_embedding_dimension") or model_config["hidden_size"])
    st_config = source / "sentence_bert_config.json"
    max_length = 256
    if st_config.is_file():
        max_length = int(json.loads(st_config.read_text()).get("max_seq_length") or max_length)
    max_length = min(max_length, int(model_config.get("max_position_embeddings", max_length)))
    return {"pooling": "mean", "normalize": True, "dimension": dimension,
            "max_length": max_length}


def _export_graph(source: Path, path: Path, opset: int) -> list[str]:
    """The transformer's last hidden state as an ONNX graph with dynamic batch and
    sequence axes; returns its input names."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import torch
        from transformers import AutoModel
    except ImportError:
        raise ConfigError("exporting needs torch and transformers: install the semantic "
                          "extra (inference with the exported folder does not)") from None

    network = AutoModel.from_pretrained(str(source), local_files_only=True).eval()
    accepted = inspect.signature(network.forward).parameters
    names = [name for name in MODEL_INPUTS if name in accepted]

    if names[:2] != ["input_ids", "attention_mask"]:
        raise ConfigError(f"{source}: the model does not take input_ids and attention_mask")

    class Hidden(torch.nn.Module):
        """Token tensors in, the last hidden state out: a graph without dicts."""

        def __init__(self) -> None:
            super().__init__()
            self.network = network

        def forward(self, input_ids: Any, attention_mask: Any,
                    token_type_ids: Any = None) -> Any:
            extra = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
            return self.network(input_ids=input_ids, attention_mask=attention_mask,
                                **extra).last_hidden_state

    # A sample longer than one token and batch > 1 so that no axis is specialised to 1.
    sample = tuple(torch.ones((2, 16), dtype=torch.int64) for _ in names)
    batch, sequence = torch.export.Dim("batch"), torch.export.Dim("sequence")
    with torch.no_grad():
        program = torch.onnx.export(
            Hidden(), sample, dynamo=True, opset_version=opset, input_names=names,
            output_names=["last_hidden_state"],
            dynamic_shapes={name: {0: batch, 1: sequence} for name in names},
        )
    if program is None:  # pragma: no cover - dynamo export always returns a program
        raise ConfigError("torch.onnx.export returned no program")
    program.save(str(path), external_data=False)
    return names


def _quantize(fp32: Path, int8: Path, scratch: Path) -> None:
    """Dynamic int8 weights with one scale per output channel (per-tensor scales lose
    MiniLM's small-magnitude channels)."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from onnxruntime.quantization.shape_inference import quant_pre_process
    except ImportError:
        raise ConfigError(f"int8 export needs onnxruntime: {ONNX_HINT}") from None
    prepared = scratch / "prepared.onnx"
    quant_pre_process(str(fp32), str(prepared), skip_symbolic_shape=True)
    quantize_dynamic(str(prepared), str(int8), per_channel=True,
                     weight_type=QuantType.QInt8)


# --- inference (no torch) ---------------------------------------------------------------

class OnnxEncoder:
    """An exported folder run by ONNX Runtime on the CPU: texts in, unit float32 rows out,
    in the order of the texts. ``precision`` picks ``int8`` or ``fp32``; by default int8
    when the folder has it. The name differs between precisions so that cached vectors of
    one are never read as the other's."""

    def __init__(self, folder: str | Path, *, precision: str | None = None,
                 batch_size: int = 32) -> None:
        self.folder = Path(folder)
        if not is_onnx_folder(self.folder):
            raise ConfigError(f"no exported ONNX encoder in {self.folder}: run "
                              "`launderlens embeddings export`")
        if not onnx_available():
            raise ConfigError(f"onnxruntime or tokenizers is not installed: {ONNX_HINT}")
        try:
            manifest = json.loads((self.folder / MANIFEST).read_text())
            files: dict[str, str] = dict(manifest["files"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ConfigError(f"unreadable manifest in {self.folder}: {error}") from None
        if precision is None:
            precision = "int8" if INT8_FILE in files else "fp32"
        if precision not in ("int8", "fp32"):
            raise ConfigError(f"precision must be int8 or fp32, not {precision!r}")
        model_file = INT8_FILE if precision == "int8" else FP32_FILE
        for name in (model_file, "tokenizer.json", POOLING_FILE):
            self._verify(name, files)
        pooling = json.loads((self.folder / POOLING_FILE).read_text())
        if pooling.get("pooling") != "mean":
            raise ConfigError(f"{self.folder}: unsupported pooling {pooling.get('pooling')!r}")
        self.normalize = bool(pooling.get("normalize", True))
        self.max_length = int(pooling["max_length"])
        self.dimension = int(pooling["dimension"])
        self.precision = precision
        self.name = f"{manifest.get('source', self.folder.name)}+onnx-{precision}"
        self.batch_size = batch_size

        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        # Padding is done per batch below; truncation to the model's length here.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(self.max_length)
        options = ort.SessionOptions()
        options.intra_op_num_threads = physical_cores()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(self.folder / model_file), options,
                                             providers=["CPUExecutionProvider"])
        self._inputs = [i.name for i in self._session.get_inputs()]
        unknown = set(self._inputs) - set(MODEL_INPUTS)
        if unknown:
            raise ConfigError(f"{self.folder}: the graph wants unknown inputs {sorted(unknown)}")

    def _verify(self, name: str, files: dict[str, str]) -> None:
        """The file is listed in the manifest and its bytes hash to what was exported."""
        expected = files.get(name)
        path = self.folder / name
        if expected is None or Path(name).name != name:
            raise ConfigError(f"{self.folder}: manifest does not list {name}")
        if not path.is_file() or _sha256(path) != expected:
            raise ConfigError(f"{path} does not match the sha256 in its manifest; "
                              "export the model again")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (an empty input gives 0 rows)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([str(t) for t in texts])
        ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
        # Length-sorted batches: each is padded to its own longest text, so a batch of
        # short sentences does not pay for one long one.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            out[rows] = self._run([ids[i] for i in rows])
        return out

    def _run(self, ids: list[np.ndarray]) -> np.ndarray:
        width = max(len(row) for row in ids)
        input_ids = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, values in enumerate(ids):
            input_ids[row, :len(values)] = values
            mask[row, :len(values)] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask,
                "token_type_ids": np.zeros_like(input_ids)}
        hidden = self._session.run(None, {name: feed[name] for name in self._inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        if self.normalize:
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            pooled = pooled / np.maximum(norms, 1e-12)
        return np.asarray(pooled, dtype=np.float32)
