"""Input paths in, DataFrames of articles, sentences and rejections out.

Files are listed on the driver the way ``ingest`` walks them; each is then read in an
executor by the same reader the local path uses (:func:`launderlens.ingest.readers.read_source`),
so an article has the same id and fields whichever engine read it. JSON Lines files are
split by line across executors, Parquet files are read by Spark and each row goes through
the JSON record reader; every other format (WARC, HTML, feeds, text) is read a file per
task. A record that cannot be read becomes a rejection row and the batch goes on. An id
read twice keeps the first copy in input order, as the store does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..ingest import iter_sources
from ..ingest.readers import ReadOptions, Source, read_source
from ..model import Article, Rejection
from .rows import ARTICLE_COLUMNS, SENTENCE_COLUMNS, article_from_row, article_row, ddl

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["read_articles", "segment"]

_READ_COLUMNS = (*ARTICLE_COLUMNS, ("seq", "bigint"), ("item", "string"), ("reason", "string"))
_LINE_SUFFIXES = (".jsonl", ".ndjson")
#: Rows of a Parquet input handed to the record reader per batch.
_BATCH = 2000


def _rows(results: Iterable[Article | Rejection], seq: int) -> Iterator[dict[str, Any]]:
    for result in results:
        if isinstance(result, Article):
            yield {**article_row(result), "seq": seq, "item": None, "reason": None}
        else:
            yield {"seq": seq, "item": result.item, "reason": result.reason}


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    names = [name for name, _ in _READ_COLUMNS]
    # Every cell given and kept as an object, so a rejection's missing fields are None,
    # not NaN (which Arrow would read as a float in a string column).
    return pd.DataFrame([{n: row.get(n) for n in names} for row in rows], columns=names,
                        dtype=object)


def _read_files(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """In an executor: each (seq, name, path, data) source read whole."""
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for seq, name, path, data, fmt in batch.itertuples(index=False):
            source = Source(name=name, path=Path(path) if isinstance(path, str) else None,
                            data=bytes(data) if data is not None else None)
            rows.extend(_rows(read_source(source, ReadOptions(), fmt or None), int(seq)))
        yield _frame(rows)


def _read_lines(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """In an executor: each line of a JSON Lines file read as one JSON source."""
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for seq, value, name in batch.itertuples(index=False):
            if not value or not value.strip():
                continue
            source = Source.from_bytes(name, value.encode("utf-8", "surrogatepass"))
            rows.extend(_rows(read_source(source, ReadOptions(), "json"), int(seq)))
        yield _frame(rows)


def _read_records(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """In an executor: each Parquet row read as one JSON record."""
    from ..ingest.language import with_language
    from ..ingest.readers import checked_published
    from ..ingest.readers.parquet import row_results

    for batch in batches:
        rows: list[dict[str, Any]] = []
        seqs = batch.pop("__seq").tolist()
        names = batch.pop("__name").tolist()
        for seq, name, record in zip(seqs, names, batch.to_dict("records"), strict=True):
            for result in row_results(record, f"{name}:{seq}", source_format="parquet"):
                if isinstance(result, Article):
                    result = with_language(checked_published(result))
                rows.extend(_rows([result], int(seq)))
        yield _frame(rows)


def read_articles(spark: SparkSession, inputs: Sequence[str | Path],
                  fmt: str | None = None) -> tuple[DataFrame, DataFrame]:
    """``(articles, rejections)`` read from files and folders; ``fmt`` forces a reader."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    lines, parquet, whole, refused = [], [], [], []
    for position, source in enumerate(iter_sources([str(i) for i in inputs], ReadOptions())):
        if isinstance(source, Rejection):
            refused.append({"item": source.item, "reason": source.reason})
            continue
        name = source.name.lower()
        if source.path is not None and (fmt == "parquet" or (fmt is None and name.endswith(
                ".parquet"))):
            parquet.append(str(source.path))
        elif source.path is not None and fmt in (None, "json") and name.endswith(
                _LINE_SUFFIXES):
            lines.append(str(source.path))
        else:
            whole.append((position << 40, source.name, str(source.path) if source.path
                          else None, source.data, fmt))
    frames: list[DataFrame] = []
    schema = ddl(_READ_COLUMNS)
    if whole:
        files = spark.createDataFrame(
            whole, "seq bigint, name string, path string, data binary, fmt string")
        files = files.repartition(min(len(whole), spark.sparkContext.defaultParallelism * 4))
        frames.append(files.mapInPandas(_read_files, schema))
    if lines:
        text = spark.read.text(lines).withColumn("name", F.input_file_name())
        text = text.select(F.monotonically_increasing_id().alias("seq"), "value", "name")
        frames.append(text.mapInPandas(_read_lines, schema))
    if parquet:
        table = spark.read.parquet(*parquet)
        table = table.withColumn("__seq", F.monotonically_increasing_id()) \
            .withColumn("__name", F.input_file_name())
        frames.append(table.mapInPandas(_read_records, schema))
    if not frames:
        frames.append(spark.createDataFrame([], schema))
    read = frames[0]
    for frame in frames[1:]:
        read = read.unionByName(frame)
    read = read.persist()
    first = Window.partitionBy("id").orderBy("seq")
    articles = read.where(F.col("id").isNotNull()) \
        .withColumn("_n", F.row_number().over(first)).where("_n = 1") \
        .select(*[name for name, _ in ARTICLE_COLUMNS])
    rejections = read.where(F.col("id").isNull()).select("item", "reason")
    if refused:
        rejections = rejections.unionByName(spark.createDataFrame(refused,
                                                                  "item string, reason string"))
    return articles, rejections


def _segment(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    from ..ingest.segment import segment as split

    for batch in batches:
        rows: list[tuple[str, int, int, int]] = []
        for record in batch.to_dict("records"):
            article = article_from_row(record)
            rows.extend((s.article_id, s.index, s.start, s.end) for s in split(article))
        yield pd.DataFrame(rows, columns=[name for name, _ in SENTENCE_COLUMNS])


def segment(articles: DataFrame) -> DataFrame:
    """The sentence spans of every article (``article_id, idx, start, end``), split by
    :func:`launderlens.ingest.segment.segment`."""
    return articles.mapInPandas(_segment, ddl(SENTENCE_COLUMNS))
