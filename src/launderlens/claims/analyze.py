"""One article in; its claims, attributions and findings out.

:class:`Analyzer` loads what the checks need once (the knowledge base, the embedding model
when installed, a user's claim model) and runs every stage on each article:

1. sentences (the store's, or segmented here: a transcript at its line breaks, without
   speaker labels; :mod:`launderlens.claims.genre`);
2. claims: a check-worthiness score and a type per sentence, weighed for the text's genre
   (:mod:`launderlens.claims.checkworthy`);
3. attributions: whom each sentence credits (:mod:`launderlens.claims.attribution`);
4. the reference date: publication, else the latest full date in the text
   (:mod:`launderlens.claims.timexpr`), and which of the two it is;
5. findings: sourcing (vague attribution of accusations, state-media origin) and dated
   checks against the knowledge base (ordinal periods, relative times, offices,
   contradictions between the article's own dates) (:mod:`launderlens.claims.checks`);
6. known narratives: check-worthy claims that match a catalogue record, when the analyzer
   is given a matcher (:mod:`launderlens.narratives`);
7. machine-rewrite residue: leftover prompts, refusals, model chatter, placeholders and
   chat markup (:mod:`launderlens.claims.residue`);
8. propaganda techniques: spans of the SemEval-2020 Task 11 techniques, from the shipped
   cues or a user's trained model (:mod:`launderlens.claims.techniques`).

A stage that fails on a hostile article is reported in ``errors`` and the other stages'
results are kept: one bad sentence must not hide the rest of the analysis.

:meth:`Analyzer.analyze_many` analyzes a batch, in worker processes forked from this one
when the batch is large enough to pay for them; the results are the same either way.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing as mp
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from ..embeddings.encoder import VectorEncoder, encoder_for
from ..findings import Attribution, Claim, Finding
from ..ingest.segment import segment
from ..kb import KnowledgeBase, load_default
from ..model import Article, Sentence

if TYPE_CHECKING:
    from .techniques.model import TechniqueModel
    from .techniques.semantic import SemanticTechniques

__all__ = ["PARALLEL_MIN_ARTICLES", "Analysis", "Analyzer", "NarrativeFinder", "analyze"]

log = logging.getLogger(__name__)

#: Fewer articles than this are analyzed in this process: starting workers and sending
#: results back costs more than it saves on a small batch.
PARALLEL_MIN_ARTICLES = 64


@dataclass(frozen=True, slots=True)
class Analysis:
    article: Article
    sentences: tuple[Sentence, ...]
    reference_date: date | None
    reference_date_source: str
    claims: tuple[Claim, ...]
    attributions: tuple[Attribution, ...]
    findings: tuple[Finding, ...]
    errors: tuple[str, ...] = ()
    kb_as_of: date | None = None
    #: Each elapsed-time claim about an event the KB dates, against the KB date
    #: (:func:`launderlens.claims.checks.elapsed.timeline`).
    timeline: tuple[dict[str, Any], ...] = ()
    #: What ran: ``claims`` (cues, a model, +embeddings) and ``narrative_matching`` (bm25,
    #: bm25+<encoder>, or None when no catalogue was searched).
    provenance: tuple[tuple[str, str | None], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON form that ``launderlens analyze --json`` prints."""
        a = self.article
        return {
            "article": {
                "id": a.id, "title": a.title, "outlet": a.outlet or a.domain, "url": a.url,
                "published": a.published.isoformat() if a.published else None,
                "reference_date": self.reference_date.isoformat() if self.reference_date
                else None,
                "reference_date_source": self.reference_date_source,
                "sentences": [{"index": s.index, "text": s.text, "start": s.start, "end": s.end}
                              for s in self.sentences],
            },
            "claims": [c.as_dict() for c in self.claims],
            "attributions": [x.as_dict() for x in self.attributions],
            "findings": [f.as_dict() for f in self.findings],
            "errors": list(self.errors),
            "knowledge_base": {"as_of": self.kb_as_of.isoformat() if self.kb_as_of else None},
            "timeline": list(self.timeline),
            "provenance": dict(self.provenance),
        }


class NarrativeFinder(Protocol):
    """What the analyzer asks of a narrative matcher (:mod:`launderlens.narratives`)."""

    def findings(self, sentences: Sequence[Sentence], claims: Sequence[Claim], *,
                 language: str | None = None) -> list[Finding]: ...

    def describe(self) -> dict[str, Any]: ...


class Analyzer:
    """Runs every analysis stage with one loaded set of resources.

    ``semantic``: True requires the embedding model, False never loads it, None uses it
    when installed (it only sharpens claim scores). ``kb`` defaults to the shipped
    knowledge base; ``claim_model`` is a path written by ``launderlens train``;
    ``narratives`` matches check-worthy claims against a catalogue of known narratives;
    ``technique_model`` is a path written by ``launderlens train techniques`` (default: the
    shipped technique cues), loaded and validated here; ``technique_encoder`` joins the
    cues with techniques found by meaning (default: the claims' encoder, when loaded).
    """

    def __init__(self, *, kb: KnowledgeBase | None = None, semantic: bool | None = False,
                 claim_model: str | None = None, encoder: VectorEncoder | None = None,
                 narratives: NarrativeFinder | None = None,
                 technique_model: str | TechniqueModel | None = None,
                 technique_encoder: VectorEncoder | None = None) -> None:
        self.kb = kb or load_default()
        self.encoder = encoder if encoder is not None else encoder_for(semantic)
        self.claim_model = claim_model
        self.narratives = narratives
        if isinstance(technique_model, str):
            from .techniques.model import load_technique_model

            technique_model = load_technique_model(technique_model)
        self.technique_model = technique_model
        self.technique_encoder = technique_encoder or self.encoder
        self._semantic_techniques: SemanticTechniques | None = None

    def analyze(self, article: Article, sentences: Sequence[Sentence] | None = None
                ) -> Analysis:
        from .attribution import attribute, sourcing_findings
        from .checks import dated_checks
        from .checkworthy import score_claims
        from .genre import detect_genre, transcript_sentences
        from .residue import residue_findings
        from .techniques import technique_findings
        from .timexpr import reference_date

        genre = detect_genre(article.text)
        if sentences is None:  # a transcript's line breaks end its sentences
            sentences = (transcript_sentences(article) if genre == "transcript"
                         else segment(article))
        sents = tuple(sentences)
        texts = [s.text for s in sents]
        errors: list[str] = []

        def stage(name: str, run: Any, default: Any) -> Any:
            try:
                return run()
            except Exception as err:  # one stage must not sink the others
                log.warning("analysis stage %s failed on %s: %s", name, article.id, err)
                errors.append(f"{name}: {type(err).__name__}: {err}")
                return default

        claims = stage("claims", lambda: score_claims(
            texts, encoder=self.encoder, model=self.claim_model, genre=genre), [])
        attributions = stage("attribution", lambda: attribute(texts, kb=self.kb), [])
        reference, source = stage("reference_date",
                                  lambda: reference_date(article, sents), (None, "unknown"))
        findings: list[Finding] = []
        findings += stage("sourcing", lambda: sourcing_findings(
            article, sents, attributions, claims, kb=self.kb), [])
        dated, timeline = stage("dated_checks", lambda: dated_checks(
            article, sents, kb=self.kb, reference=(reference, source)), ([], []))
        findings += dated
        if self.narratives is not None:
            matcher = self.narratives
            # the language ingest identified (or the reader declared): the matcher routes
            # by it instead of identifying the article again from its sentences
            findings += stage("narratives", lambda: matcher.findings(
                sents, claims, language=article.language), [])
        findings += stage("residue", lambda: residue_findings(article, sents), [])
        findings += stage("techniques", lambda: technique_findings(
            article, sents, self.technique_model, self._techniques_by_meaning()), [])
        findings.sort(key=lambda f: (f.start if f.start is not None else -1, f.kind))
        return Analysis(article, sents, reference, source, tuple(claims), tuple(attributions),
                        tuple(findings), tuple(errors), self.kb.as_of, tuple(timeline),
                        tuple(self.backends().items()))

    def backends(self) -> dict[str, str | None]:
        """Which scorer and which narrative retrieval run (for ``analyze --json`` and
        report provenance): lexical only, or with embeddings."""
        claims = f"model:{self.claim_model}" if self.claim_model else "cues"
        if self.encoder is not None:
            claims += f"+{getattr(self.encoder, 'name', 'embeddings')}"
        matching = None
        if self.narratives is not None:
            encoder = getattr(self.narratives, "encoder", None)
            matching = ("bm25+" + getattr(encoder, "name", "embeddings")
                        if encoder is not None else "bm25")
            other = getattr(getattr(self.narratives, "other_scripts", None), "encoder", None)
            if other is not None:
                matching += f"; other scripts bm25+{getattr(other, 'name', 'embeddings')}"
        techniques = "cues"
        if self.technique_model is not None:
            techniques = "model"  # which one: the stored analyses hash its file
        elif self.technique_encoder is not None:
            techniques += "+" + getattr(self.technique_encoder, "name", "embeddings")
        return {"claims": claims, "narrative_matching": matching, "techniques": techniques}

    def _techniques_by_meaning(self) -> SemanticTechniques | None:
        """The prototype scorer over :attr:`technique_encoder`, built on first use (a
        trained technique model replaces the cues and this with them)."""
        if self.technique_encoder is None or self.technique_model is not None:
            return None
        if self._semantic_techniques is None:
            from .techniques.semantic import SemanticTechniques

            self._semantic_techniques = SemanticTechniques(self.technique_encoder)
        return self._semantic_techniques

    def analyze_many(self, articles: Iterable[Article], *, workers: int | None = None
                     ) -> Iterator[Analysis]:
        """:meth:`analyze` for each article, in order.

        ``workers`` is how many processes share the work (default one per CPU this
        process may use, at most 8; 0 or 1 analyzes here). Workers are forked from this
        process and use this analyzer as it is. Batches under
        :data:`PARALLEL_MIN_ARTICLES` are analyzed here, and so are those of an analyzer
        that embeds sentences or matches narratives: either may hold a loaded model, and a
        model's threads do not survive a fork safely.
        """
        from ..ingest import default_workers, fork_available

        workers = default_workers() if workers is None else max(0, workers)
        items = iter(articles)
        head = list(itertools.islice(items, PARALLEL_MIN_ARTICLES if workers > 1 else 0))
        forkable = (self.encoder is None and self.technique_encoder is None
                    and self.narratives is None and fork_available())
        if workers <= 1 or len(head) < PARALLEL_MIN_ARTICLES or not forkable:
            yield from (self.analyze(article) for article in itertools.chain(head, items))
            return
        yield from _forked(self, itertools.chain(head, items), workers)


def _forked(analyzer: Analyzer, articles: Iterable[Article], workers: int
            ) -> Iterator[Analysis]:
    """Analyses of ``articles`` by ``workers`` processes forked from this one, in order.

    Forked workers inherit ``analyzer`` (its knowledge base and other resources) instead
    of receiving it pickled; only articles and analyses cross between processes.
    """
    pool = mp.get_context("fork").Pool(workers, initializer=_become_worker,
                                       initargs=(analyzer,))
    try:
        yield from pool.imap(_analyze_in_worker, articles, chunksize=4)
    finally:
        pool.terminate()  # every result was taken, or the caller stopped early
        pool.join()


_WORKER_ANALYZER: Analyzer | None = None


def _become_worker(analyzer: Analyzer) -> None:
    global _WORKER_ANALYZER
    _WORKER_ANALYZER = analyzer


def _analyze_in_worker(article: Article) -> Analysis:
    if _WORKER_ANALYZER is None:  # pragma: no cover - the pool's initializer sets it
        raise RuntimeError("analysis worker started without an analyzer")
    return _WORKER_ANALYZER.analyze(article)


def analyze(article: Article, **options: Any) -> Analysis:
    """Analyze one article; build an :class:`Analyzer` for many."""
    return Analyzer(**options).analyze(article)
