"""Numpy archives (``.npz``) read safely from a story index folder, whoever wrote them.

:func:`numpy.load` allocates whatever an array's header promises and lets zipfile raise
errors that say nothing of a damaged file; here an entry is read only when the archive
could hold it, and what np.savez never writes is refused as a damaged archive
(ValueError). Stored entries (as np.savez writes them) are read from the file as they lie,
without the archive's own check: the callers check the whole file's SHA-256 first.
"""

from __future__ import annotations

import math
import os
import zipfile
from collections.abc import Collection
from pathlib import Path
from typing import IO

import numpy as np

from .similarity.growing import with_room

__all__ = ["read_arrays"]

_DEFLATE_RATIO = 1032  # the most a deflated stream expands
_CHUNK = 1 << 20  # bytes read at a time into an array


def read_arrays(path: Path, grown: Collection[str] = frozenset()) -> dict[str, np.ndarray]:
    """The arrays of the archive at ``path`` by name; those named in ``grown`` flat, at the
    front of larger ones with room to grow (see .growing)."""
    arrays: dict[str, np.ndarray] = {}
    with path.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        size = os.fstat(handle.fileno()).st_size
        for info in archive.infolist():
            name = info.filename.removesuffix(".npy")
            arrays[name] = _read_member(archive, handle, size, info, name in grown)
    return arrays


def _read_member(archive: zipfile.ZipFile, handle: IO[bytes], size: int,
                 info: zipfile.ZipInfo, room: bool) -> np.ndarray:
    """One saved array of the archive of ``size`` bytes, at the front of a larger one
    where ``room`` (see .growing): a stored entry read from the file as it lies, a
    deflated one (np.savez_compressed) through zipfile; an encrypted entry or another
    method, for which zipfile would raise RuntimeError, is refused."""
    if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED,
                                                         zipfile.ZIP_DEFLATED):
        raise ValueError(f"the archive's entry {info.filename} is encrypted or compressed "
                         "in a way np.savez never writes")
    if info.compress_type == zipfile.ZIP_DEFLATED:
        # Deflate expands its input at most 1032-fold: a stated size past that is refused
        # before the array it promises is allocated.
        if info.file_size > _DEFLATE_RATIO * min(info.compress_size, size):
            raise ValueError(f"the archive's entry {info.filename} states a size its "
                             "compressed bytes cannot hold")
        with archive.open(info) as member:
            return _read_array(member, info, room)
    handle.seek(info.header_offset)
    local = handle.read(30)
    if len(local) != 30 or local[:4] != b"PK\x03\x04":
        raise ValueError(f"the archive's entry {info.filename} has no header")
    start = info.header_offset + 30 + int.from_bytes(local[26:28], "little") + \
        int.from_bytes(local[28:30], "little")
    # The size the archive's directory states bounds the array read below: it may not pass
    # the end of the file (a stated size of petabytes would be allocated before any read).
    if info.file_size > size - start:
        raise ValueError(f"the archive's entry {info.filename} runs past the end of the file")
    handle.seek(start)
    return _read_array(handle, info, room)


def _read_array(handle: IO[bytes], info: zipfile.ZipInfo, room: bool) -> np.ndarray:
    version = np.lib.format.read_magic(handle)
    shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle) if version == (1, 0) \
        else np.lib.format.read_array_header_2_0(handle)
    count = math.prod(shape)
    if dtype.hasobject or count * dtype.itemsize > info.file_size or \
            (room and (len(shape) != 1 or fortran)):
        raise ValueError(f"the saved array {info.filename} is not a plain array of numbers")
    flat = with_room(count, dtype) if room else np.empty(count, dtype=dtype)
    into, done = flat.view(np.uint8), 0
    while done < len(into):
        chunk = handle.read(min(_CHUNK, len(into) - done))
        if not chunk:
            raise ValueError(f"the saved array {info.filename} is cut short")
        into[done: done + len(chunk)] = np.frombuffer(chunk, dtype=np.uint8)
        done += len(chunk)
    return flat if room else flat.reshape(shape, order="F" if fortran else "C")
