"""A folder in the layout of the Propaganda Techniques Corpus (SemEval-2020 Task 11) in;
its articles with their gold technique spans out.

The layout: ``<split>-articles/article<ID>.txt`` (UTF-8 text) and a tab-separated
``<split>-task-flc-tc.labels`` file of ``ID  technique  start  end`` rows (character offsets
``[start, end)`` into the text), either beside the articles folder or in a ``datasets``
folder under the one given. A bad row is counted with its reason, not fatal; an unknown
technique label is such a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ...errors import ConfigError
from ...findings import Technique
from .cues import TECHNIQUES

__all__ = ["GoldSpan", "LabelledArticle", "read_ptc"]

#: An article file larger than this is skipped: corpus articles are a few kilobytes.
MAX_ARTICLE_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class GoldSpan:
    technique: Technique
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    id: str
    text: str
    spans: tuple[GoldSpan, ...]


@dataclass
class PTCReading:
    """What :func:`read_ptc` found: the articles and the rows it skipped, with why."""

    articles: list[LabelledArticle]
    skipped: list[str] = field(default_factory=list)


def _split_dirs(root: Path) -> list[tuple[Path, Path]]:
    """(articles folder, labels file) pairs under ``root`` or ``root/datasets``."""
    pairs = []
    for base in (root, root / "datasets"):
        if not base.is_dir():
            continue
        for folder in sorted(base.glob("*-articles")):
            split = folder.name[: -len("-articles")]
            labels = base / f"{split}-task-flc-tc.labels"
            if folder.is_dir() and labels.is_file():
                pairs.append((folder, labels))
    return pairs


def read_ptc(root: str | Path, *, limit: int | None = None) -> PTCReading:
    """Every labelled article of every split found under ``root`` (sorted by id), at most
    ``limit`` of them. Raises ConfigError when ``root`` holds no split in the layout."""
    root = Path(root)
    pairs = _split_dirs(root)
    if not pairs:
        raise ConfigError(f"{root}: no '<split>-articles' folder with a "
                          "'<split>-task-flc-tc.labels' file beside it (the PTC layout)")
    reading = PTCReading([])
    for folder, labels in pairs:
        spans: dict[str, list[GoldSpan]] = {}
        for number, row in enumerate(labels.read_text(encoding="utf-8").splitlines(), 1):
            if not row.strip():
                continue
            parts = row.split("\t")
            try:
                article, technique, start, end = parts
                span = GoldSpan(cast(Technique, technique), int(start), int(end))
            except ValueError:
                reading.skipped.append(f"{labels.name}:{number}: not 'ID technique start end'")
                continue
            if technique not in TECHNIQUES or not 0 <= span.start < span.end:
                reading.skipped.append(f"{labels.name}:{number}: unknown technique or bad "
                                       "offsets")
                continue
            spans.setdefault(article, []).append(span)
        for path in sorted(folder.glob("article*.txt")):
            reading.articles.extend(_article(path, spans, reading.skipped))
    reading.articles.sort(key=lambda a: a.id)
    if limit is not None:
        reading.articles = reading.articles[:limit]
    return reading


def _article(path: Path, spans: dict[str, list[GoldSpan]], skipped: list[str]
             ) -> list[LabelledArticle]:
    ident = path.stem[len("article"):]
    if path.stat().st_size > MAX_ARTICLE_BYTES:
        skipped.append(f"{path.name}: larger than {MAX_ARTICLE_BYTES} bytes")
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        skipped.append(f"{path.name}: {err}")
        return []
    good = [s for s in spans.get(ident, []) if s.end <= len(text)]
    if len(good) < len(spans.get(ident, [])):
        skipped.append(f"{path.name}: spans past the end of the text")
    return [LabelledArticle(ident, text, tuple(sorted(good, key=lambda s: (s.start, s.end))))]
