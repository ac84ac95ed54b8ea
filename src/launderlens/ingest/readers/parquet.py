"""Parquet tables to Articles, one row per article, with the JSON reader's field names.

A row is read as the JSON record it would be in JSON Lines (``text``, ``title``,
``published``...; ``ReadOptions.field_map`` names others, other columns go to ``meta``), so
a table exported by ``launderlens export --format parquet`` or written by the Spark job
reads back as the same articles with the same ids. Timestamps become ISO 8601 text (a
naive one is taken as UTC), binary cells are left out of ``meta``. The file is read in
row batches, so a table of millions of rows never sits in memory; a row whose text is
over the article size cap is rejected alone.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ...errors import FormatError, InputError
from ...model import Article, Rejection
from . import ReadOptions, ReadResult, Source

__all__ = ["read", "row_results"]

MAGIC = b"PAR1"
#: Rows decoded at once.
BATCH_ROWS = 1024


def read(source: Source, options: ReadOptions) -> Iterator[ReadResult]:
    """Yield an Article or a Rejection for every row of a Parquet file."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("reading Parquet needs pyarrow: pip install "
                         "'launderlens[parquet]'") from None
    if not source.head(4).startswith(MAGIC):
        raise FormatError("not a Parquet file (it does not start with PAR1)")
    try:
        with source.open() as stream:
            table = pq.ParquetFile(stream)
            number = 0
            for batch in table.iter_batches(batch_size=BATCH_ROWS):
                for record in batch.to_pylist():
                    number += 1
                    yield from row_results(record, f"{source.name}#row{number}",
                                           options=options)
    except (OSError, ValueError) as error:  # pyarrow's errors derive from these
        if isinstance(error, InputError):
            raise
        raise FormatError(f"unreadable Parquet file: {error}") from None


def row_results(record: Mapping[str, Any], item: str, *, options: ReadOptions | None = None,
                source_format: str = "parquet") -> Iterator[ReadResult]:
    """The Article one table row holds, or a Rejection saying why there is none."""
    from .jsonl import record_to_article

    options = options or ReadOptions()
    plain = {str(key): _plain(value) for key, value in record.items()}
    plain = {key: value for key, value in plain.items() if value is not _SKIP}
    text = plain.get(options.field_map.get("text", "text"))
    if isinstance(text, str) and len(text.encode("utf-8", "replace")) > \
            options.max_article_bytes:
        yield Rejection(item, f"over the {options.max_article_bytes / 2**20:.1f} MB limit "
                              "for a single article")
        return
    meta = plain.get("meta")
    if isinstance(meta, str) and meta.startswith("{"):
        # the Spark job and the export keep meta as JSON text
        with contextlib.suppress(ValueError):
            plain["meta"] = json.loads(meta)
    try:
        article: Article = record_to_article(plain, options.field_map,
                                             source_format=source_format)
    except FormatError as error:
        yield Rejection(item, str(error))
        return
    yield article


_SKIP = object()


def _plain(value: Any) -> Any:
    """A cell as the JSON value it stands for."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        return _SKIP
    if isinstance(value, Mapping):
        return {str(k): v for k, v in ((k, _plain(v)) for k, v in value.items())
                if v is not _SKIP}
    if isinstance(value, list | tuple):
        return [v for v in (_plain(v) for v in value) if v is not _SKIP]
    return value
