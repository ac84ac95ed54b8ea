"""An analysis (and its story) in; one schema-versioned, JSON-ready report out.

:func:`article_report` reports one article; :func:`story_report` one story with all its
copies. Both return plain dicts that ``schema.json`` beside this module describes, with
``"schema": "launderlens.report/1"``; the Markdown and HTML renderers and the web app read
only that structure, so what a reader sees is exactly what the JSON says. Every report
says how it was produced (:func:`build_provenance`), so that a run can be reproduced.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, get_args

from .. import __version__
from ..findings import Finding, ResidueKind, Technique
from .network import network_section
from .parts import article_ref, copy_section, iso, label, segments, timeline

if TYPE_CHECKING:
    from ..claims.analyze import Analysis, Analyzer
    from ..network import NetworkGraph
    from ..rewrites.compare import Comparer
    from ..rewrites.stories import MemberView, StoryView
    from ..store import Store

__all__ = ["SCHEMA_ID", "SEVERITIES", "article_report", "build_provenance", "story_report"]

#: The ``schema`` value of every report this module builds; bumped when the shape changes.
SCHEMA_ID = "launderlens.report/1"
SEVERITIES = ("high", "medium", "low")
RESIDUE_KINDS: tuple[str, ...] = get_args(ResidueKind)
TECHNIQUES: tuple[str, ...] = get_args(Technique)


def build_provenance(*, analyzer: Analyzer | None = None, comparer: Comparer | None = None,
                     store: Store | None = None, catalogue: Mapping[str, Any] | None = None,
                     backends: Mapping[str, str | None] | None = None,
                     kb_as_of: date | None = None, kb_version: str | None = None,
                     generated_at: datetime | None = None) -> dict[str, Any]:
    """How a report was produced: versions, backends, knowledge-base snapshot, catalogue.

    What is not given is left out or null rather than guessed. ``catalogue`` (for example
    ``{"records": 120, "revision": 7}``) is included as given, made JSON-ready. A store is
    named by its kind only: its URL may hold a password.
    """
    found: dict[str, str | None] = {}
    if analyzer is not None:
        kb_as_of = kb_as_of or analyzer.kb.as_of
        kb_version = kb_version or analyzer.kb.version or None
        ran = analyzer.backends()  # narrative_matching: lexical, or with embeddings
        found["claims"] = ran["claims"]
        found["narratives"] = (type(analyzer.narratives).__name__
                               if analyzer.narratives is not None else None)
        if ran["narrative_matching"] is not None:
            found["narrative_matching"] = ran["narrative_matching"]
        if ran.get("techniques") is not None:
            found["techniques"] = ran["techniques"]
    if comparer is not None:
        found["alignment"] = comparer.method
    if store is not None:
        found["store"] = "postgresql" if store.url.startswith("postgres") else "sqlite"
    found.update(backends or {})
    when = generated_at or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return {
        "launderlens_version": __version__,
        "generated_at": when.isoformat(),
        "backends": found,
        "knowledge_base": {"as_of": kb_as_of.isoformat() if kb_as_of else None,
                           "version": kb_version},
        "catalogue": json.loads(json.dumps(dict(catalogue), default=str))
        if catalogue is not None else None,
    }


def article_report(analysis: Analysis, *, story_view: StoryView | None = None,
                   provenance: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The report of one article: why it matters, its text with every finding at its span,
    its findings and claims; with ``story_view``, its place in the story and (for a copy)
    its sentences aligned against the origin."""
    context = None
    additions: list[dict[str, Any]] = []
    member = None
    if story_view is not None:
        member = _member(story_view, analysis.article.id)
        context = _story_context(story_view, member)
        copies = [member] if not member.is_origin else _copies(story_view)
        additions = _additions(copies)
    section = _article_section(analysis, member)
    return {
        "schema": SCHEMA_ID, "kind": "article",
        "provenance": _provenance(provenance, [analysis], story_view),
        "summary": _summary(
            _article_points(analysis, story_view, context, additions),
            origin=_origin(story_view, subject=analysis.article.id), additions=additions,
            findings=analysis.findings, narratives=_narratives([(analysis, 0)]),
            residue=_residue([analysis])),
        **section,
        "story": context,
    }


def story_report(view: StoryView, analyses: Mapping[str, Analysis], *,
                 provenance: Mapping[str, Any] | None = None,
                 network: NetworkGraph | None = None) -> dict[str, Any]:
    """The report of one story: its origin and why, publication across outlets, every copy
    aligned against the origin with what it added and changed, and each member's findings
    (``analyses`` maps article ids to analyses; members without one are listed as such).
    With ``network`` (:func:`launderlens.network.build_network`), a ``network`` section
    says which of the story's outlets act as one operation and on what evidence."""
    members = [m for m in view.members if m.article.id in analyses]
    sections = [_article_section(analyses[m.article.id], m) for m in members]
    additions = _additions(_copies(view))
    all_findings = [f for m in members for f in analyses[m.article.id].findings]
    residue = _residue([analyses[m.article.id] for m in members])
    story = view.story
    extra = ({} if network is None else
             {"network": network_section(network, (m.article for m in view.members))})
    return {
        "schema": SCHEMA_ID, "kind": "story",
        "provenance": _provenance(provenance, [analyses[m.article.id] for m in members], view),
        "summary": _summary(
            _story_points(view, additions, all_findings, len(members), residue),
            origin=_origin(view, subject=None), additions=additions, findings=all_findings,
            narratives=_narratives([(analyses[m.article.id], None) for m in members]),
            residue=residue),
        "story": {
            "id": story.id, "origin": story.origin, "origin_reason": story.origin_reason,
            "origin_evidence": story.origin_evidence, "members": len(story.members),
            "first_published": iso(story.first_published),
            "last_published": iso(story.last_published), "key_terms": list(story.key_terms),
            "missing_articles": list(view.missing),
            "unanalyzed_articles": [m.article.id for m in view.members
                                    if m.article.id not in analyses],
        },
        "timeline": timeline(view.members),
        "copies": [copy_section(m) for m in _copies(view)],
        "articles": sections,
        **extra,
    }


# -- sections ---------------------------------------------------------------------------------

def _article_section(analysis: Analysis, member: MemberView | None = None) -> dict[str, Any]:
    """What every report says about one analysed article; as a copy in a story (``member``
    with a comparison), the sentences it added to the origin are flagged in its text."""
    article = analysis.article
    added: list[tuple[int, int]] = []
    if member is not None and member.comparison is not None:
        sentences = member.comparison.b_sentences
        added = [(sentences[j].start, sentences[j].end) for j in member.comparison.certain_added]
    cut, unplaced = segments(article.text, analysis.findings, added)
    credit = {a.sentence: a for a in analysis.attributions}
    on_sentence: dict[int, list[int]] = {}
    for index, finding in enumerate(analysis.findings):
        if finding.sentence is not None:
            on_sentence.setdefault(finding.sentence, []).append(index)
    claims = []
    for claim in sorted((c for c in analysis.claims if c.check_worthy), key=lambda c: -c.score):
        if not 0 <= claim.sentence < len(analysis.sentences):
            continue
        sentence = analysis.sentences[claim.sentence]
        who = credit.get(claim.sentence)
        claims.append({
            "sentence": claim.sentence, "text": sentence.text, "start": sentence.start,
            "end": sentence.end, "score": round(claim.score, 4), "type": claim.type,
            "attribution": None if who is None or who.kind == "none" else
            {"source": who.source, "kind": who.kind, "affiliation": who.affiliation},
            "findings": on_sentence.get(claim.sentence, []),
        })
    return {
        "article": {**article_ref(article), "byline": article.byline,
                    "language": article.language,
                    "reference_date": analysis.reference_date.isoformat()
                    if analysis.reference_date else None,
                    "reference_date_source": analysis.reference_date_source},
        "findings": [{"index": i, **f.as_dict()} for i, f in enumerate(analysis.findings)],
        "text": {"segments": cut, "unplaced": unplaced},
        "claims": claims,
        "dated_claims": [_dated_claim(entry) for entry in analysis.timeline],
        "errors": list(analysis.errors),
    }


def _dated_claim(entry: dict[str, Any]) -> dict[str, Any]:
    """One elapsed-time claim of the article against the date the knowledge base gives its
    event (an entry of ``analyze --json``'s ``timeline``)."""
    keys = ("sentence", "start", "end", "claim", "event", "convention", "on", "implied_from",
            "implied_to", "kb_date", "kb_source", "holds")
    return {key: entry.get(key) for key in keys}


def _member(view: StoryView, article_id: str) -> MemberView:
    for member in view.members:
        if member.article.id == article_id:
            return member
    raise ValueError(f"article {article_id} is not a member of story {view.story.id}")


def _copies(view: StoryView) -> list[MemberView]:
    return [m for m in view.members if m.comparison is not None]


def _story_context(view: StoryView, member: MemberView) -> dict[str, Any]:
    story = view.story
    return {
        "id": story.id, "members": len(story.members),
        "role": "origin" if member.is_origin else "copy",
        "origin_reason": story.origin_reason, "origin_evidence": story.origin_evidence,
        "timeline": timeline(view.members),
        "copy": copy_section(member) if member.comparison is not None else None,
    }


def _origin(view: StoryView | None, *, subject: str | None) -> dict[str, Any] | None:
    if view is None:
        return None
    story = view.story
    origin = next((m.article for m in view.members if m.is_origin), None)
    ref = article_ref(origin) if origin is not None else {
        "id": story.origin, "title": None, "outlet": None, "domain": None, "url": None,
        "published": None}
    return {**ref, "reason": story.origin_reason, "evidence": story.origin_evidence,
            "is_subject": story.origin == subject}


def _additions(copies: Iterable[MemberView]) -> list[dict[str, Any]]:
    out = []
    for member in copies:
        comparison = member.comparison
        if comparison is None:
            continue
        for j in comparison.certain_added:
            out.append({"article_id": member.article.id, "outlet": label(member.article),
                        "index": j, "text": comparison.b_sentences[j].text})
    return out


def _narratives(analyses: Sequence[tuple[Analysis, int | None]]) -> list[dict[str, Any]]:
    """Known-narrative matches; ``finding`` indexes the report's findings when the report
    has a single findings list (an article report), else it is null."""
    out = []
    for analysis, offset in analyses:
        for index, finding in enumerate(analysis.findings):
            if finding.kind != "known_narrative":
                continue
            record = next((e for e in finding.evidence if e.kind == "narrative"), None)
            sentence = finding.sentence
            text = (analysis.sentences[sentence].text
                    if sentence is not None and 0 <= sentence < len(analysis.sentences)
                    else None)
            out.append({"article_id": analysis.article.id, "sentence": sentence,
                        "text": text, "claim": record.text if record else finding.message,
                        "source": record.source if record else None,
                        "confidence": round(finding.confidence, 3),
                        "message": finding.message,
                        "finding": None if offset is None else offset + index})
    return out


def _summary(points: list[str], *, origin: dict[str, Any] | None,
             additions: list[dict[str, Any]], findings: Sequence[Finding],
             narratives: list[dict[str, Any]], residue: dict[str, Any]) -> dict[str, Any]:
    counts: Counter[str] = Counter(f.severity for f in findings)
    return {
        "points": points, "origin": origin,
        "additions": {"count": len(additions), "sentences": additions},
        "findings_by_severity": {s: counts.get(s, 0) for s in SEVERITIES},
        "known_narratives": narratives,
        "machine_residue": residue,
        "propaganda_techniques": _techniques(findings),
    }


def _techniques(findings: Iterable[Finding]) -> dict[str, Any]:
    """Propaganda-technique findings counted by SemEval-2020 Task 11 technique."""
    counts: Counter[str] = Counter(f.technique for f in findings
                                   if f.kind == "propaganda_technique" and f.technique)
    return {"count": sum(counts.values()),
            "by_technique": {t: counts.get(t, 0) for t in TECHNIQUES}}


def _techniques_point(findings: Iterable[Finding]) -> str | None:
    counts = _techniques(findings)
    if not counts["count"]:
        return None
    named = ", ".join(f"{n} {t}" for t, n in sorted(counts["by_technique"].items(),
                                                    key=lambda item: -item[1]) if n)
    return (f"{_plural(counts['count'], 'propaganda-technique finding')} ({named}): wording "
            f"that persuades by technique rather than by evidence.")


def _residue(analyses: Iterable[Analysis]) -> dict[str, Any]:
    """Machine-rewrite residue findings counted by kind and by outlet: residue on several
    outlets of one story is strong evidence that one operator rewrote them all."""
    kinds: Counter[str] = Counter()
    outlets: dict[str, dict[str, Any]] = {}
    for analysis in analyses:
        found = [f for f in analysis.findings if f.kind == "machine_residue"]
        if not found:
            continue
        kinds.update(f.residue for f in found if f.residue is not None)
        name = label(analysis.article)
        entry = outlets.setdefault(name, {"outlet": name, "articles": [], "count": 0})
        entry["articles"].append(analysis.article.id)
        entry["count"] += len(found)
    return {"count": sum(e["count"] for e in outlets.values()),
            "by_kind": {k: kinds.get(k, 0) for k in RESIDUE_KINDS},
            "outlets": sorted(outlets.values(), key=lambda e: (-e["count"], e["outlet"]))}


def _residue_point(residue: dict[str, Any]) -> str | None:
    if not residue["count"]:
        return None
    kinds = ", ".join(f"{n} {k}" for k, n in residue["by_kind"].items() if n)
    outlets = residue["outlets"]
    articles = sum(len(e["articles"]) for e in outlets)
    point = (f"{_plural(residue['count'], 'machine-rewrite residue finding')} ({kinds}): text "
             f"a model or its operator left behind, in {_plural(articles, 'article')} from "
             f"{_plural(len(outlets), 'outlet')}.")
    if len(outlets) > 1:
        point += " Residue on several outlets of one story points to one operator."
    return point


# -- why it matters, in words -------------------------------------------------------------------

def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _findings_point(findings: Sequence[Finding]) -> str:
    if not findings:
        return "No findings."
    counts: Counter[str] = Counter(f.severity for f in findings)
    return (f"{_plural(len(findings), 'finding')}: "
            + ", ".join(f"{counts.get(s, 0)} {s}" for s in SEVERITIES) + " severity.")


def _article_points(analysis: Analysis, view: StoryView | None,
                    context: dict[str, Any] | None, additions: list[dict[str, Any]]
                    ) -> list[str]:
    points = []
    if view is None or context is None:
        points.append("Reported on its own: not compared with other copies of its story.")
    elif context["role"] == "origin":
        points.append(f"Likely origin of a story retold by "
                      f"{_plural(len(view.members) - 1, 'other article')} "
                      f"({view.story.origin_reason}: {view.story.origin_evidence}).")
        points.append(f"The copies add {_plural(len(additions), 'sentence')} in all that "
                      f"this article does not have.")
    else:
        origin = next((m.article for m in view.members if m.is_origin), None)
        name = label(origin) if origin is not None else view.story.origin
        points.append(f"Retells a story whose likely origin is {name} "
                      f"({view.story.origin_reason}: {view.story.origin_evidence}).")
        counts = context["copy"]["counts"] if context["copy"] else {}
        points.append(f"Adds {_plural(len(additions), 'sentence')} the origin does not have; "
                      f"drops {counts.get('dropped', 0)}; "
                      f"{_plural(counts.get('changes', 0), 'change')} in retold sentences.")
        if counts.get("unsure"):
            points.append(f"{_plural(counts['unsure'], 'sentence verdict')} of this copy "
                          f"{'is' if counts['unsure'] == 1 else 'are'} not certain "
                          f"(weak matches, or changes that rewordings also show): they are "
                          f"marked in the side-by-side rows and not counted above.")
    points.append(_findings_point(analysis.findings))
    residue_point = _residue_point(_residue([analysis]))
    if residue_point:
        points.append(residue_point)
    techniques_point = _techniques_point(analysis.findings)
    if techniques_point:
        points.append(techniques_point)
    narratives = sum(f.kind == "known_narrative" for f in analysis.findings)
    if narratives:
        points.append(f"Matches {_plural(narratives, 'known narrative')} from the catalogue.")
    if analysis.errors:
        points.append(f"{_plural(len(analysis.errors), 'analysis stage')} failed; "
                      f"their results are missing.")
    return points


def _story_points(view: StoryView, additions: list[dict[str, Any]],
                  findings: Sequence[Finding], analysed: int, residue: dict[str, Any]
                  ) -> list[str]:
    story = view.story
    outlets = {label(m.article) for m in view.members}
    origin = next((m.article for m in view.members if m.is_origin), None)
    origin_name = f"{label(origin)}, article {origin.id}" if origin is not None else story.origin
    span = ""
    if story.first_published and story.last_published:
        span = f", published from {iso(story.first_published)} to {iso(story.last_published)}"
    points = [f"{_plural(len(story.members), 'article')} from "
              f"{_plural(len(outlets), 'outlet')} retell one story{span}.",
              f"Likely origin: {origin_name} ({story.origin_reason}: "
              f"{story.origin_evidence}).",
              f"The copies add {_plural(len(additions), 'sentence')} in all that the origin "
              f"does not have.",
              _findings_point(findings)]
    residue_point = _residue_point(residue)
    if residue_point:
        points.append(residue_point)
    techniques_point = _techniques_point(findings)
    if techniques_point:
        points.append(techniques_point)
    narratives = sum(f.kind == "known_narrative" for f in findings)
    if narratives:
        points.append(f"Copies match {_plural(narratives, 'known narrative')} from the "
                      f"catalogue.")
    if view.missing:
        points.append(f"{_plural(len(view.missing), 'member')} no longer in the store.")
    if analysed < len(view.members):
        points.append(f"{_plural(len(view.members) - analysed, 'member')} not analysed.")
    return points


def _provenance(given: Mapping[str, Any] | None, analyses: Sequence[Analysis],
                view: StoryView | None) -> dict[str, Any]:
    """``given`` with what the records themselves say filled in where it is silent."""
    kb_as_of = next((a.kb_as_of for a in analyses if a.kb_as_of is not None), None)
    base = dict(given) if given is not None else build_provenance(kb_as_of=kb_as_of)
    base.setdefault("launderlens_version", __version__)
    base.setdefault("generated_at", datetime.now(UTC).isoformat())
    base["backends"] = dict(base.get("backends") or {})
    base["knowledge_base"] = dict(base.get("knowledge_base") or {"as_of": None,
                                                                 "version": None})
    if base["knowledge_base"].get("as_of") is None and kb_as_of is not None:
        base["knowledge_base"]["as_of"] = kb_as_of.isoformat()
    base["knowledge_base"].setdefault("version", None)
    if view is not None and "alignment" not in base["backends"]:
        methods = {m.comparison.alignment.method for m in view.members if m.comparison}
        if methods:
            base["backends"]["alignment"] = ",".join(sorted(methods))
    base.setdefault("catalogue", None)
    return base
