"""Analysis records in; the JSON-ready pieces a report is made of out: an article's
reference, its text cut into highlightable segments, a copy aligned row by row against its
origin, and a story's timeline.

The pieces carry offsets and indexes already resolved, so that every renderer (Markdown,
HTML, the web app) draws the same thing without re-deriving spans or alignment order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..model import Article

if TYPE_CHECKING:
    from ..rewrites.compare import Comparison
    from ..rewrites.stories import MemberView
    from ..rewrites.verdicts import SentenceVerdict

__all__ = ["alignment_rows", "article_ref", "copy_section", "iso", "label", "segments", "timeline"]


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def label(article: Article) -> str:
    """How a person names an article in a sentence: its outlet, else domain, else id."""
    return article.outlet or article.domain or article.id


def article_ref(article: Article) -> dict[str, Any]:
    """The fields that identify an article to a reader (not its text)."""
    return {"id": article.id, "title": article.title, "outlet": article.outlet,
            "domain": article.domain, "url": article.url, "published": iso(article.published)}


def segments(text: str, findings: Sequence[Finding],
             added: Sequence[tuple[int, int]] = ()) -> tuple[list[dict[str, Any]], list[int]]:
    """``text`` cut at every finding boundary into ``{start, end, text, findings, added}``
    segments that cover it end to end, each listing the indexes of the findings over it;
    and the indexes of findings with no usable span (they concern the whole article).

    Overlapping findings simply both appear on the segments they share, so a renderer
    needs no nesting: it styles each segment by the findings it lists. ``added`` spans
    (the sentences a copy added to its origin) are cut out too and flagged.
    """
    size = len(text)
    spans: list[tuple[int, int, int]] = []
    unplaced: list[int] = []
    for index, finding in enumerate(findings):
        clipped = _clip(finding.start, finding.end, size)
        if clipped is None:
            unplaced.append(index)
        else:
            spans.append((index, *clipped))
    extra = [c for c in (_clip(start, end, size) for start, end in added) if c is not None]
    cuts = sorted({0, size, *(s for _, s, _ in spans), *(e for _, _, e in spans),
                   *(s for s, _ in extra), *(e for _, e in extra)})
    out: list[dict[str, Any]] = []
    for left, right in pairwise(cuts):
        over = [index for index, start, end in spans if start <= left and right <= end]
        is_added = any(start <= left and right <= end for start, end in extra)
        if out and out[-1]["findings"] == over and out[-1]["added"] == is_added:
            out[-1]["end"] = right
            out[-1]["text"] = text[out[-1]["start"]:right]
            continue
        out.append({"start": left, "end": right, "text": text[left:right], "findings": over,
                    "added": is_added})
    return out, unplaced


def _clip(start: int | None, end: int | None, size: int) -> tuple[int, int] | None:
    """A span clipped to the text, or None when it has no characters in it. A span past
    the text (from a differently segmented copy) must not silently show the wrong words."""
    if start is None or end is None:
        return None
    start, end = max(0, min(size, start)), max(0, min(size, end))
    return (start, end) if end > start else None


def _sentences(sentences: Sequence[Any], indexes: Sequence[int]) -> list[dict[str, Any]]:
    return [{"index": i, "text": sentences[i].text} for i in indexes]


def alignment_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """The origin and the copy side by side: one row per aligned group, and rows of their
    own for added and dropped sentences, in the copy's reading order."""
    alignment = comparison.alignment
    verdicts = {v.b: v for v in comparison.verdicts}
    rows: list[tuple[float, dict[str, Any]]] = []
    for pair in alignment.pairs:
        changes = [{"kind": c.kind, "origin_text": c.a_text, "text": c.b_text}
                   for c in comparison.changes if c.a in pair.a and c.b in pair.b]
        rows.append((min(pair.b), {
            "relation": pair.relation, "score": round(pair.score, 4),
            "origin": _sentences(comparison.a_sentences, pair.a),
            "copy": _sentences(comparison.b_sentences, pair.b), "changes": changes,
            **_verdict_of([verdicts[j] for j in pair.b if j in verdicts])}))
    for j in alignment.added:
        rows.append((j, {"relation": "added", "score": None, "origin": [],
                         "copy": _sentences(comparison.b_sentences, [j]), "changes": [],
                         **_verdict_of([verdicts[j]] if j in verdicts else [])}))
    for i in alignment.dropped:
        # A dropped sentence sits just after the copy's sentence paired with the one before
        # it, where a reader comparing the two columns expects it.
        before = [min(p.b) for p in alignment.pairs if max(p.a) < i]
        rows.append((max(before, default=-1) + 0.5, {
            "relation": "dropped", "score": None,
            "origin": _sentences(comparison.a_sentences, [i]), "copy": [], "changes": [],
            "verdict": None, "certain": True, "reason": "no sentence of the copy retells it"}))
    return [row for _, row in sorted(rows, key=lambda item: item[0])]


def _verdict_of(verdicts: Sequence[SentenceVerdict]) -> dict[str, Any]:
    """The verdict of a row's copy sentences: the strongest one (changed over added over
    supported), certain only when every member's is, with the members' reasons."""
    if not verdicts:
        return {"verdict": None, "certain": False, "reason": ""}
    order = {"changed": 0, "added": 1, "supported": 2}
    top = min(verdicts, key=lambda v: order[v.verdict])
    return {"verdict": top.verdict, "certain": all(v.certain for v in verdicts),
            "reason": "; ".join(dict.fromkeys(v.reason for v in verdicts))}


def copy_section(member: MemberView) -> dict[str, Any]:
    """One copy against the origin: counts, aligned rows, additions, drops and changes."""
    comparison = member.comparison
    if comparison is None:
        raise ValueError(f"article {member.article.id} was not compared with the origin")
    alignment = comparison.alignment
    relations = [p.relation for p in alignment.pairs]
    verdicts = [v.verdict for v in comparison.verdicts if v.certain]
    return {
        "article": article_ref(member.article),
        "similarity_to_origin": round(comparison.similarity, 4),
        "method": alignment.method,
        "counts": {"copied": relations.count("copied"),
                   "paraphrased": relations.count("paraphrased"),
                   "partial": relations.count("partial"),
                   "added": len(comparison.certain_added),
                   "unsure_added": len(comparison.unsure_added),
                   "dropped": len(alignment.dropped), "changes": len(comparison.changes),
                   "supported": verdicts.count("supported"),
                   "changed": verdicts.count("changed"),
                   "unsure": sum(not v.certain for v in comparison.verdicts)},
        "manipulation": comparison.manipulation.as_dict(),
        "rows": alignment_rows(comparison),
        "added": _sentences(comparison.b_sentences, comparison.certain_added),
        "unsure_added": _sentences(comparison.b_sentences, comparison.unsure_added),
        "dropped": _sentences(comparison.a_sentences, alignment.dropped),
        "changes": [{"origin_sentence": c.a, "sentence": c.b, "kind": c.kind,
                     "origin_text": c.a_text, "text": c.b_text} for c in comparison.changes],
    }


def timeline(members: Sequence[MemberView]) -> list[dict[str, Any]]:
    """Publication across outlets: dated members in time order, undated ones last, each
    with its delay after the origin when both dates are known."""
    origin = next((m.article for m in members if m.is_origin), None)
    ordered = sorted(members, key=lambda m: (m.article.published is None,
                                             m.article.published.timestamp()
                                             if m.article.published else 0.0, m.article.id))
    out = []
    for member in ordered:
        article = member.article
        delay = None
        if origin is not None and origin.published and article.published:
            delay = (article.published - origin.published).total_seconds()
        out.append({**article_ref(article), "role": "origin" if member.is_origin else "copy",
                    "after_origin_seconds": delay})
    return out
