"""Two articles in; how the second retells the first out: which sentences pair up, what each
copy added or dropped, what changed inside the pairs, and whether both tell one story.

This is the library form of ``launderlens compare``::

    from launderlens import Comparer
    comparer = Comparer()                      # loads the embedding model once, if installed
    result = comparer.compare(source, copy)    # two Articles
    result.as_dict()["added"]                  # sentence indices of the copy

Article-level similarity is read off the alignment itself, so that it needs no corpus:
``coverage`` of a side is the share of its sentences that the other side explains, each
weighted by its pair's score. A laundered copy explains most of its source (high coverage
of ``a``) even when it adds much of its own; an abridged copy is mostly explained by its
source (high coverage of ``b``). ``similarity`` is the larger of the two.

Whether both tell *one story* (the same event, not merely the same kind of event) rests
mostly on the names and figures they share: two earthquake reports retell each other's
sentences about shaking and aftershocks, but not each other's towns, magnitudes and dates.
``story_score`` is :data:`ANCHOR_WEIGHT` times the overlap of those anchors (shared over
the fewer of the two) plus the rest times ``similarity``; ``same_story`` holds from
:data:`SAME_STORY`. Both numbers were chosen on pairs of ECB+ topics 1-10 and checked on
topics 11-20 (``evals/compare_ecbplus.py``).

Across two languages, when the multilingual encoder (muse-v3) reads the pair,
``story_score`` is instead the cross-lingual story score
(:func:`~launderlens.rewrites.similarity.crosslingual.story_of_pair`: the heads, the
titles and the anchors, weighed against annotators' judgements of one story) and
``same_story`` holds from :data:`CROSSLINGUAL_SAME_STORY` (``python
evals/semeval_t8.py --compare``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..embeddings.cache import CachedEncoder
from ..embeddings.encoder import VectorEncoder, encoder_for
from ..embeddings.multilingual import MULTILINGUAL_NAME, EncoderChoice
from ..ingest.segment import segment
from ..model import Article, Sentence
from ..store import Store
from .align import SentenceAlignment, align_sentences
from .changes import Change, alignment_changes
from .evidence import new_facts
from .omissions import NO_EVIDENCE, CopyEvidence, copy_evidence
from .similarity.crosslingual import story_of_pair
from .verdicts import (
    NO_MANIPULATION,
    EntailmentScorer,
    Manipulation,
    SentenceVerdict,
    copy_manipulation,
    sentence_verdicts,
)

__all__ = ["ANCHOR_WEIGHT", "CROSSLINGUAL_SAME_STORY", "SAME_STORY", "Comparer",
           "Comparison", "anchor_overlap", "compare"]

#: Share of the anchor overlap in ``story_score`` (see the module docstring).
ANCHOR_WEIGHT = 0.7
#: ``story_score`` from which two articles are taken to tell one story.
SAME_STORY = 0.23
#: The cross-lingual story score from which two articles in two languages tell one story:
#: the lowest at which 90% of the SemEval-2022 Task 8 cross-lingual development pairs of
#: the chosen half scoring at least it are one story (Overall <= 2), precision first.
CROSSLINGUAL_SAME_STORY = 0.40


def anchor_overlap(a_text: str, b_text: str,
                   crosslingual: bool = False) -> tuple[float, list[str]]:
    """The names and figures both texts use, over those of the text with fewer (0 when
    either has none), and the shared ones in order of first use in ``b_text``.

    With ``crosslingual`` (texts in two languages) names are compared by their
    script-neutral keys and dates by day and month (``name:zlnsk``, ``date:9-4``), and
    the overlap counts only when the shared anchors name two different things (see
    :func:`launderlens.languages.translit.crosslingual_overlap`)."""
    from .similarity.lexical import anchor_terms

    if crosslingual:
        from ..languages.translit import crosslingual_overlap

        return crosslingual_overlap(a_text, b_text)
    read = anchor_terms
    a_terms = set(read(a_text))
    b_terms = list(dict.fromkeys(read(b_text)))
    shared = [t for t in b_terms if t in a_terms]
    fewer = min(len(a_terms), len(b_terms))
    return (len(shared) / fewer if fewer else 0.0), shared


def _languages(a: Article, b: Article) -> tuple[str | None, str | None]:
    """The languages of ``a`` and ``b`` (identified from the text where the article does
    not say), as base codes."""
    from ..languages.detect import detect_language

    found = [(article.language or detect_language(article.text).language or "")
             .split("-")[0].lower() or None for article in (a, b)]
    return found[0], found[1]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The alignment of ``b`` (the copy) onto ``a`` (the source), with its evidence."""

    a: Article
    b: Article
    a_sentences: tuple[Sentence, ...]
    b_sentences: tuple[Sentence, ...]
    alignment: SentenceAlignment
    changes: tuple[Change, ...]
    coverage_a: float
    coverage_b: float
    anchors: float
    shared_anchors: tuple[str, ...]
    verdicts: tuple[SentenceVerdict, ...] = ()
    manipulation: Manipulation = NO_MANIPULATION
    #: Which encoder read the pair and why: ``mode`` is english, multilingual or lexical.
    encoder: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: The cross-lingual story score, when the pair crosses languages and the multilingual
    #: encoder read it; it then decides ``story_score`` and ``same_story``.
    crosslingual_story: float | None = None
    #: What the copy blurs, leaves out or re-contextualises (read by ``manipulation``).
    evidence: CopyEvidence = NO_EVIDENCE

    @property
    def similarity(self) -> float:
        return max(self.coverage_a, self.coverage_b)

    @property
    def alignment_story(self) -> float:
        """The story score from the anchor overlap and the alignment's similarity (the
        one ``story_score`` is unless the cross-lingual one decides)."""
        return ANCHOR_WEIGHT * self.anchors + (1 - ANCHOR_WEIGHT) * self.similarity

    @property
    def story_score(self) -> float:
        if self.crosslingual_story is not None:
            return self.crosslingual_story
        return self.alignment_story

    @property
    def same_story(self) -> bool:
        if self.crosslingual_story is not None:
            return self.crosslingual_story >= CROSSLINGUAL_SAME_STORY
        return self.story_score >= SAME_STORY

    @property
    def certain_added(self) -> tuple[int, ...]:
        """Copy sentences the alignment is sure the copy added (quotable as added)."""
        return tuple(v.b for v in self.verdicts if v.verdict == "added" and v.certain)

    @property
    def unsure_added(self) -> tuple[int, ...]:
        """Copy sentences with no link to the source whose best match was too close to a
        link to call them new with confidence."""
        return tuple(v.b for v in self.verdicts if v.verdict == "added" and not v.certain)

    def relation_of_b(self) -> list[str]:
        """For each sentence of b: its pair's relation, or ``added``."""
        out = ["added"] * len(self.b_sentences)
        for pair in self.alignment.pairs:
            for j in pair.b:
                out[j] = pair.relation
        return out

    def as_dict(self) -> dict[str, Any]:
        """The JSON form that ``launderlens compare --json`` prints."""
        return {
            "a": _side(self.a, self.a_sentences),
            "b": _side(self.b, self.b_sentences),
            "similarity": round(self.similarity, 4),
            "same_story": self.same_story,
            "story_score": round(self.story_score, 4),
            "story_basis": "crosslingual" if self.crosslingual_story is not None
            else "alignment",
            "coverage": {"a": round(self.coverage_a, 4), "b": round(self.coverage_b, 4)},
            "anchors": {"overlap": round(self.anchors, 4), "shared": list(self.shared_anchors)},
            "method": self.alignment.method,
            "encoder": dict(self.encoder),
            "pairs": [{"a": list(p.a), "b": list(p.b), "relation": p.relation, "score": p.score}
                      for p in self.alignment.pairs],
            "added": list(self.alignment.added),
            "unsure": list(self.alignment.unsure),
            "dropped": list(self.alignment.dropped),
            "changes": [{"a": c.a, "b": c.b, "kind": c.kind, "a_text": c.a_text,
                         "b_text": c.b_text} for c in self.changes],
            "verdicts": [v.as_dict() for v in self.verdicts],
            "manipulation": self.manipulation.as_dict(),
        }


class _Remembering:
    """An encoder that keeps the vectors of the texts it encoded for one comparison."""

    def __init__(self, encoder: VectorEncoder) -> None:
        self.encoder = encoder
        self.name, self.dimension = encoder.name, encoder.dimension
        self.seen: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.encoder.encode(texts)
        self.seen.update(zip(texts, vectors, strict=True))
        return vectors

    def vectors_of(self, a: str, b: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The vectors of ``a`` and ``b`` when both were encoded, else None."""
        if a in self.seen and b in self.seen:
            return self.seen[a], self.seen[b]
        return None


def _side(article: Article, sentences: Sequence[Sentence]) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
            "sentences": [{"index": s.index, "text": s.text, "start": s.start, "end": s.end}
                          for s in sentences]}


def _load_nli(path: str) -> EntailmentScorer:
    from .nli import load_entailment_model

    model: EntailmentScorer = load_entailment_model(path)
    return model


def _check_worthy(texts: Sequence[str], added: Sequence[int]) -> list[bool]:
    """Whether each sentence makes a check-worthy claim; scored for added sentences only,
    the only ones whose verdict reports it (the hand-set lexical scorer: no model needed)."""
    from ..claims.checkworthy import score_claims

    out = [False] * len(texts)
    claims = score_claims([texts[j] for j in added])
    for j, claim in zip(added, claims, strict=True):
        out[j] = claim.check_worthy
    return out


def _coverage(alignment: SentenceAlignment, n_a: int, n_b: int) -> tuple[float, float]:
    explained_a = sum(p.coverage * len(p.a) for p in alignment.pairs)
    explained_b = sum(p.coverage * len(p.b) for p in alignment.pairs)
    return (explained_a / n_a if n_a else 0.0, explained_b / n_b if n_b else 0.0)


class Comparer:
    """Compares articles with one set of loaded models.

    ``semantic``: True requires the embedding model (ConfigError says how to install it),
    False never loads it, None (default) uses it when installed. ``model`` is a local
    sentence-transformers folder instead of the packaged MiniLM. With a ``store``, sentence
    vectors are cached in it. The encoder is chosen per pair by the articles' languages
    (:class:`~launderlens.embeddings.multilingual.EncoderChoice`): an English model reads
    two English articles only; other pairs get the multilingual encoder when installed (or
    ``model`` when it is a multilingual folder), else words and cross-lingual anchors.
    """

    def __init__(self, *, semantic: bool | None = None, model: str | None = None,
                 store: Store | None = None, nli_model: str | None = None) -> None:
        encoder = encoder_for(semantic, model)
        self.encoder: VectorEncoder | None = encoder
        if encoder is not None and store is not None:
            self.encoder = CachedEncoder(encoder, store)
        choice = EncoderChoice.load(self.encoder, multilingual=False if semantic is False
                                    else None)
        if choice.multilingual is not None and store is not None:
            choice = EncoderChoice(choice.english, CachedEncoder(choice.multilingual, store))
        self.encoders = choice
        self.nli: EntailmentScorer | None = None
        if nli_model is not None:
            self.nli = _load_nli(nli_model)

    @property
    def method(self) -> str:
        method = "lexical" if self.encoder is None else f"lexical+{self.encoder.name}"
        other = self.encoders.multilingual
        if other is not None and self.encoders.for_languages("en", "ru")[0] is other:
            method = f"{method}; across languages lexical+{other.name}"
        return method if self.nli is None else f"{method}+{self.nli.name}"

    def compare(self, a: Article, b: Article, *, a_sentences: Sequence[Sentence] | None = None,
                b_sentences: Sequence[Sentence] | None = None) -> Comparison:
        """Align ``b`` onto ``a``; sentences are segmented here unless given (a store's)."""
        sa = tuple(a_sentences if a_sentences is not None else segment(a))
        sb = tuple(b_sentences if b_sentences is not None else segment(b))
        texts_a, texts_b = [s.text for s in sa], [s.text for s in sb]
        languages = _languages(a, b)
        encoder, mode = self.encoders.for_languages(*languages)
        crossing = bool(languages[0] and languages[1] and languages[0] != languages[1])
        # Across languages the story score reads the titles' vectors the alignment made.
        seen = _Remembering(encoder) if crossing and encoder is not None \
            and encoder.name == MULTILINGUAL_NAME else None
        alignment = align_sentences(texts_a, texts_b, encoder=seen or encoder)
        if self.nli is not None:
            alignment = dataclasses.replace(alignment,
                                            method=f"{alignment.method}+{self.nli.name}")
        # Who held an office is read for the day the source was published, when it says.
        changes = tuple(alignment_changes(alignment, texts_a, texts_b, on=a.published))
        # Names and figures are compared as written: across languages every name of the
        # copy would read as one the source never states, so none are listed there.
        facts = None if crossing else new_facts(texts_a, texts_b)
        verdicts = sentence_verdicts(alignment, texts_a, texts_b, changes,
                                     check_worthy=_check_worthy(texts_b, alignment.added),
                                     new_facts=facts, nli=self.nli)
        # Words are compared as written: across languages every word would read as new.
        evidence = NO_EVIDENCE if crossing else copy_evidence(alignment, texts_a, texts_b)
        cover_a, cover_b = _coverage(alignment, len(sa), len(sb))
        overlap, shared = anchor_overlap(a.text, b.text, crossing)
        used = {"mode": mode, "name": encoder.name if encoder is not None else None,
                "languages": list(languages)}
        story = None
        if seen is not None and encoder is not None:
            titles = (texts_a[0] if texts_a else "", texts_b[0] if texts_b else "")
            # The encoder itself, not a store's caching wrapper: heads are no sentences.
            story = story_of_pair(getattr(encoder, "encoder", encoder), a.text, b.text,
                                  *titles, titles=seen.vectors_of(*titles))
        return Comparison(a, b, sa, sb, alignment, changes, cover_a, cover_b, overlap,
                          tuple(shared), verdicts, copy_manipulation(verdicts, evidence), used,
                          story, evidence)

    def compare_texts(self, a_text: str, b_text: str, *, a_title: str | None = None,
                      b_title: str | None = None) -> Comparison:
        """:meth:`compare` for two bare texts."""
        return self.compare(Article.create(a_text, title=a_title),
                            Article.create(b_text, title=b_title))


def compare(a: Article | str, b: Article | str, **options: Any) -> Comparison:
    """Compare two articles (or texts) once; build a :class:`Comparer` for many pairs."""
    comparer = Comparer(**options)
    left = a if isinstance(a, Article) else Article.create(a)
    right = b if isinstance(b, Article) else Article.create(b)
    return comparer.compare(left, right)
