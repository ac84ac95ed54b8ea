"""A :class:`~launderlens.narratives.index.NarrativeIndex` in, a cache file out, and back:
numpy arrays and JSON in one uncompressed ``.npz``, so a planted file can hold wrong numbers
but never code.

The file is read with ``allow_pickle=False`` (an object array is refused, not unpickled),
JSON is parsed as data, and nothing is trusted before it is checked: the members must be
exactly the expected ones, stored uncompressed (so no member is larger than the file), each
array of its exact dtype and shape, and the parts consistent with each other (every posting
and document pointing inside the index, the vectors' width the encoder's). A file that fails
any check is ignored with a warning naming it, and the caller rebuilds the index from the
store. Analysts exchange case folders (a database with its cache beside it), so the cache
is input from someone else, like an article.
"""

from __future__ import annotations

import json
import logging
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .index import NarrativeIndex

__all__ = ["FORMAT", "CacheError", "checked", "read_index", "require", "strings",
           "write_index"]

log = logging.getLogger(__name__)

#: Raise when the layout changes: a file of another layout is rebuilt, never guessed at.
FORMAT = 4  # 4: vectors of texts with plain quotes (index.plain_quotes)
_KIND = "launderlens-narrative-index"
_META = "meta"


class CacheError(ValueError):
    """A cache file that is not exactly what this program writes; the message says what."""


def checked(arrays: Mapping[str, np.ndarray], name: str, dtype: type[np.generic],
            shape: Sequence[int | None]) -> np.ndarray:
    """``arrays[name]`` when it has exactly ``dtype`` and ``shape`` (None: any length)."""
    array = arrays.get(name)
    if array is None:
        raise CacheError(f"no {name!r} array")
    if array.dtype != np.dtype(dtype) or array.ndim != len(shape) or any(
            want is not None and got != want for got, want in zip(array.shape, shape,
                                                                   strict=True)):
        raise CacheError(f"{name!r} is {array.dtype}{list(array.shape)}, not "
                         f"{np.dtype(dtype)}{list(shape)}")
    return array


def require(condition: bool, what: str) -> None:
    """CacheError saying ``what`` is wrong unless ``condition`` holds."""
    if not condition:
        raise CacheError(what)


def strings(value: object, what: str) -> list[str]:
    """``value`` when it is a list of strings; CacheError naming ``what`` otherwise."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CacheError(f"the {what} are not a list of strings")
    return value


def write_index(path: Path, index: NarrativeIndex, encoder_name: str | None) -> None:
    """Write ``index`` to ``path`` through a temporary file, so a reader never sees half."""
    meta, arrays = index.state()
    meta = {"kind": _KIND, "format": FORMAT, "encoder": encoder_name, **meta}
    # ensure_ascii: the JSON is plain ASCII bytes whatever the catalogue's texts are.
    blob = np.frombuffer(json.dumps(meta, ensure_ascii=True).encode("ascii"), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        with partial.open("wb") as stream:
            # allow_pickle=False: an object array is an error here too, not a pickle.
            np.savez(stream, allow_pickle=False, **{_META: blob, **arrays})
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def read_index(path: Path, index: NarrativeIndex, encoder_name: str | None) -> bool:
    """Fill the empty ``index`` from ``path``; False (with a warning naming the file) when
    the file is not a cache of this layout for this encoder, and ``index`` stays empty."""
    try:
        meta, arrays = _read(path)
        require(meta.get("kind") == _KIND, "not a launderlens narrative index")
        require(meta.get("format") == FORMAT,
                f"layout {meta.get('format')!r}, this version writes {FORMAT}")
        require(meta.get("encoder") == encoder_name,
                f"built with encoder {meta.get('encoder')!r}, not {encoder_name!r}")
        index.restore(meta, arrays)
    except Exception as err:  # whatever is wrong with the file, the store is the truth
        log.warning("ignoring the narrative index cache %s (%s: %s); rebuilding it from "
                    "the store", path, type(err).__name__, err)
        index.clear()
        return False
    log.info("narrative index read from its cache %s (%d records, revision %d)", path,
             len(index), index.revision)
    return True


def _read(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        with zipfile.ZipFile(stream) as archive:
            for info in archive.infolist():
                # Stored members only: a deflated one could unpack to far more than the
                # file holds.
                require(info.compress_type == zipfile.ZIP_STORED and info.file_size <= size,
                        f"member {info.filename!r} is compressed or larger than the file")
        stream.seek(0)
        with np.load(stream, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    blob = checked(arrays, _META, np.uint8, (None,))
    meta = json.loads(blob.tobytes().decode("ascii"))
    require(isinstance(meta, dict), "its description is not a JSON object")
    del arrays[_META]
    return meta, arrays
