"""Analyses and stories in; one STIX 2.1 bundle out, for OpenCTI, MISP and other threat-
intelligence platforms. Built with the ``stix2`` library, which validates every object.

The mapping uses only standard STIX objects (no custom properties):

- an article with an http(s) URL is a ``url`` observable inside an ``observed-data``;
  every article also gets a ``note`` with its title, outlet, date and findings;
- an outlet is an ``identity`` (class ``organization``);
- a story is a ``grouping`` (context ``suspicious-activity``) of its members, their
  outlets and the DISARM techniques it shows, with a ``note`` saying why each applies;
- a known-narrative match is a ``note`` citing the catalogue record's source;
- a DISARM technique is an ``attack-pattern`` with an external reference
  (``source_name`` "DISARM", ``external_id`` the technique id).

DISARM techniques are named as hypotheses for an analyst, never as verdicts: text reworded
across copies fits LLM rewriting, but launderlens does not detect AI authorship.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__
from ..report.safety import http_url
from . import ExportResult, Progress, iter_analyses

if TYPE_CHECKING:
    from ..claims.analyze import Analysis, Analyzer
    from ..model import Article, Story
    from ..rewrites.compare import Comparer
    from ..rewrites.stories import StoryView
    from ..store import Store

__all__ = ["DISARM_TECHNIQUES", "export_stix", "stix_bundle"]

#: DISARM Red Framework techniques this export can name: id -> (name, why it may apply).
#: Ids and names as published by the DISARM Foundation (DISARMframeworks repository,
#: generated_pages/techniques).
DISARM_TECHNIQUES: Mapping[str, tuple[str, str]] = {
    "T0084": ("Reuse Existing Content",
              "several outlets publish retellings of one source article"),
    "T0084.002": ("Plagiarise Content",
                  "a copy drops the attribution the origin gave, taking its content "
                  "without crediting where it came from"),
    "T0085.001": ("Develop AI-Generated Text",
                  "copies retell the origin mostly in other words, as LLM rewriting does "
                  "(a hypothesis: launderlens does not detect AI authorship)"),
    "T0098.001": ("Create Inauthentic News Sites",
                  "two or more outlets publish copies that add content to the origin "
                  "without naming it (a hypothesis to check against who runs the sites)"),
    "T0003": ("Leverage Existing Narratives",
              "claims match known narratives from the catalogue"),
    # named by the outlet-network bundle only (exports/network_stix.py)
    "T0149": ("Online Infrastructure",
              "outlets share technical assets that one operator set up"),
}

_TITLE_CHARS = 200  # a note's abstract is a one-line summary, not the headline's essay


@dataclass
class _Builder:
    """Collects the bundle's objects, creating each shared one (outlet, technique) once."""

    generated_at: datetime
    objects: list[Any] = field(default_factory=list)
    outlets: dict[str, Any] = field(default_factory=dict)
    techniques: dict[str, Any] = field(default_factory=dict)
    article_refs: dict[str, list[str]] = field(default_factory=dict)
    tool: Any = None

    def __post_init__(self) -> None:
        from stix2.v21 import Identity

        self.tool = self.add(Identity(
            name="launderlens", identity_class="system", created=self.generated_at,
            modified=self.generated_at,
            description=f"launderlens {__version__}: finds laundered copies of news stories "
                        "and the claims added to them."))

    def add(self, obj: Any) -> Any:
        self.objects.append(obj)
        return obj

    def common(self) -> dict[str, Any]:
        return {"created_by_ref": self.tool.id, "created": self.generated_at,
                "modified": self.generated_at}

    def outlet(self, article: Article) -> Any | None:
        from stix2.v21 import Identity

        name = article.outlet or article.domain
        if not name:
            return None
        key = (article.domain or article.outlet or "").lower()
        if key not in self.outlets:
            description = f"News outlet (domain {article.domain})" if article.domain \
                else "News outlet"
            self.outlets[key] = self.add(Identity(
                name=name, identity_class="organization", description=description,
                **self.common()))
        return self.outlets[key]

    def technique(self, technique_id: str) -> Any:
        from stix2.v21 import AttackPattern

        if technique_id not in self.techniques:
            name, _ = DISARM_TECHNIQUES[technique_id]
            self.techniques[technique_id] = self.add(AttackPattern(
                name=name, **self.common(),
                external_references=[{"source_name": "DISARM", "external_id": technique_id,
                                      "description": f"DISARM Red Framework technique "
                                                     f"{technique_id}: {name}"}]))
        return self.techniques[technique_id]


def _article(builder: _Builder, analysis: Analysis) -> None:
    """The article's observable (when it has a web address), outlet and note."""
    from stix2.v21 import URL, Note, ObservedData

    article = analysis.article
    refs: list[str] = []
    url = http_url(article.url)
    if url:
        observable = builder.add(URL(value=url))
        seen = article.published or builder.generated_at
        observed = builder.add(ObservedData(
            first_observed=seen, last_observed=seen, number_observed=1,
            object_refs=[observable.id], **builder.common()))
        refs += [observed.id, observable.id]
    outlet = builder.outlet(article)
    if outlet is not None:
        refs.append(outlet.id)
    lines = [f"Article {article.id}",
             f"Outlet: {article.outlet or article.domain or 'unknown'}",
             f"Published: {article.published.isoformat() if article.published else 'unknown'}",
             f"Title: {article.title or ''}", f"URL: {article.url or ''}", "Findings:"]
    lines += [f"- [{f.severity}] {f.kind} (confidence {f.confidence:.2f}): {f.message}"
              for f in analysis.findings] or ["- none"]
    note = builder.add(Note(
        abstract=_short(f"{article.outlet or article.domain or article.id}: "
                        f"{article.title or article.id}"),
        content="\n".join(lines), object_refs=refs or [builder.tool.id], **builder.common()))
    builder.article_refs[article.id] = [*refs, note.id]
    _narratives(builder, analysis, refs or [note.id])


def _narratives(builder: _Builder, analysis: Analysis, refs: list[str]) -> None:
    from stix2.v21 import Note

    for finding in analysis.findings:
        if finding.kind != "known_narrative":
            continue
        record = next((e for e in finding.evidence if e.kind == "narrative"), None)
        claim = record.text if record else finding.message
        sentence = (analysis.sentences[finding.sentence].text
                    if finding.sentence is not None
                    and 0 <= finding.sentence < len(analysis.sentences) else "")
        source = http_url(record.source) if record else None
        references = [{"source_name": "narrative catalogue", "url": source}] if source else None
        note = builder.add(Note(
            abstract=_short(f"Known narrative: {claim}"),
            content=f"Article {analysis.article.id}, sentence {finding.sentence}: {sentence}\n"
                    f"Matches the catalogue record: {claim}\n{finding.message} "
                    f"(confidence {finding.confidence:.2f})",
            object_refs=[*refs, builder.technique("T0003").id],
            external_references=references, **builder.common()))
        builder.article_refs.setdefault(analysis.article.id, []).append(note.id)


def _story_techniques(story: Story, view: StoryView | None, articles: Mapping[str, Article],
                      narratives: bool) -> list[str]:
    """The DISARM techniques a story shows evidence of (see :data:`DISARM_TECHNIQUES`)."""
    outlets = {(a.domain or a.outlet or a.id).lower() for a in articles.values()}
    found = ["T0084"] if len(outlets) > 1 else []
    if view is not None:
        compared = [(m.article, m.comparison) for m in view.members
                    if m.comparison is not None]
        if any(c.kind == "attribution" and c.a_text and not c.b_text
               for _, comparison in compared for c in comparison.changes):
            found.append("T0084.002")
        relations = [p.relation for _, comparison in compared
                     for p in comparison.alignment.pairs]
        if relations and relations.count("copied") * 2 < len(relations):
            found.append("T0085.001")
        origin = articles.get(story.origin)
        hiding = {(article.domain or article.outlet or article.id).lower()
                  for article, comparison in compared if comparison.certain_added
                  and origin is not None and not _names(article.text, origin)}
        if len(hiding) >= 2:
            found.append("T0098.001")
    if narratives:
        found.append("T0003")
    return found


def _names(text: str, origin: Article) -> bool:
    lowered = text.lower()
    return any(name and name.lower() in lowered for name in (origin.outlet, origin.domain))


def _story(builder: _Builder, story: Story, view: StoryView | None,
           analyses: Mapping[str, Analysis]) -> None:
    from stix2.v21 import Grouping, Note

    members = {m: analyses[m].article for m in story.members if m in analyses}
    narratives = any(f.kind == "known_narrative" for m in members
                     for f in analyses[m].findings)
    refs = [ref for m in members for ref in builder.article_refs.get(m, [])]
    origin = members.get(story.origin)
    techniques = _story_techniques(story, view, members, narratives)
    patterns = [builder.technique(t) for t in techniques]
    title = origin.title if origin is not None and origin.title else story.origin
    grouping = builder.add(Grouping(
        name=_short(f"launderlens story {story.id}: {title}"), context="suspicious-activity",
        description=f"{len(story.members)} articles retelling one story; likely origin "
                    f"{story.origin} ({story.origin_reason}: {story.origin_evidence}).",
        object_refs=list(dict.fromkeys([*refs, *(p.id for p in patterns)])) or [builder.tool.id],
        **builder.common()))
    if patterns:
        reasons = [f"- DISARM {t} {DISARM_TECHNIQUES[t][0]}: {DISARM_TECHNIQUES[t][1]}."
                   for t in techniques]
        builder.add(Note(
            abstract=_short(f"DISARM techniques to consider for story {story.id}"),
            content="Named as hypotheses for an analyst, from what launderlens measured:\n"
                    + "\n".join(reasons),
            object_refs=[grouping.id, *(p.id for p in patterns)], **builder.common()))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TITLE_CHARS else text[:_TITLE_CHARS - 1] + "…"


def stix_bundle(analyses: Iterable[Analysis], stories: Sequence[Story] = (), *,
                views: Mapping[str, StoryView] | None = None,
                generated_at: datetime | None = None) -> Any:
    """A validated ``stix2.Bundle`` of ``analyses`` and the ``stories`` they belong to;
    ``views`` (by story id) adds the techniques that need a comparison with the origin."""
    from stix2 import Bundle

    builder = _Builder(generated_at or datetime.now(UTC))
    by_id: dict[str, Analysis] = {}
    for analysis in analyses:
        by_id[analysis.article.id] = analysis
        _article(builder, analysis)
    for story in stories:
        _story(builder, story, (views or {}).get(story.id), by_id)
    return Bundle(objects=builder.objects, allow_custom=False)


def export_stix(store: Store, analyzer: Analyzer, out: TextIO, *,
                comparer: Comparer | None = None, generated_at: datetime | None = None,
                progress: Progress | None = None) -> ExportResult:
    """Analyse every stored article, read the stored stories of two or more articles
    (compared with their origins when ``comparer`` is given) and write one bundle.

    The bundle is built in memory: a STIX bundle is one JSON object.
    """
    from ..rewrites.stories import story_view

    result = ExportResult("stix")
    analyses = list(iter_analyses(store, analyzer, result, progress))
    stories = store.list_stories(min_size=2)
    views: dict[str, StoryView] = {}
    if comparer is not None:
        for story in stories:
            try:
                views[story.id] = story_view(store, story, comparer)
            except Exception as err:  # the story is still exported, without comparisons
                result.failed.append(f"story {story.id}: {type(err).__name__}: {err}")
    bundle = stix_bundle(analyses, stories, views=views, generated_at=generated_at)
    out.write(bundle.serialize(pretty=True))
    out.write("\n")
    result.exported = len(bundle.objects)
    return result
