"""A story's member articles in, the story record out: its likely origin with the reason
for the choice, and its skeleton (the origin's sentences that most copies retell).

The origin is read from evidence in this order, strongest first:

1. ``cited`` — other members name the outlet of one member ("according to TASS", "the
   agency reported"): laundered copies often keep the source's name, and the copy that
   hides it is the one that has something to hide. A state agency is named in any of its
   spellings and scripts ("ТАСС" and "TASS", "РИА Новости" and "RIA Novosti"), so an
   English copy crediting TASS cites the Russian dispatch; a member with no outlet given
   takes the agency its dateline credits ("МОСКВА, 4 сентября. /ТАСС/.", "— РИА Новости");
2. ``earliest`` — the first member published, when publication times are known;
3. ``central`` — the member the others are most similar to on average: a rewrite of a
   rewrite drifts further from the rest than the text all of them derive from.

A story of one article has origin reason ``only``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ..languages.detect import LanguageText
from ..model import Article, OriginReason, Story

__all__ = ["Doc", "SkeletonSentence", "build_story", "skeleton", "story_skeleton"]

SentenceSimilarity = Callable[[Sequence[str], Sequence[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class Doc:
    """The fields of an article that clustering and origin reading use."""

    id: str
    title: str | None
    text: str
    published: datetime | None
    outlet: str | None = None
    domain: str | None = None
    language: str | None = None

    @classmethod
    def of(cls, item: Article | Sequence[Any]) -> Doc:
        """From an Article or an ``(id, title, text, published)`` record; TypeError or
        ValueError says what is wrong with anything else."""
        if isinstance(item, Article):
            return cls(item.id, item.title, item.text, item.published, item.outlet, item.domain,
                       item.language)
        if isinstance(item, str | bytes) or not isinstance(item, Sequence) or len(item) != 4:
            raise TypeError("expected an Article or an (id, title, text, published) record")
        ident, title, text, published = item
        if not isinstance(ident, str) or not ident or not isinstance(text, str):
            raise TypeError("a record needs a non-empty string id and a string text")
        if title is not None and not isinstance(title, str):
            raise TypeError("a record's title must be a string or None")
        if published is not None and not isinstance(published, datetime):
            raise TypeError("a record's published must be a datetime or None")
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)  # as Article.create assumes
        return cls(ident, title, text, published)

    @property
    def index_text(self) -> str:
        """Title and text, carrying the language stored at ingest (when there is one), so
        that the similarity backends do not identify it again."""
        text = f"{self.title}\n{self.text}" if self.title else self.text
        return LanguageText(text, self.language) if self.language else text

    @property
    def timestamp(self) -> float:
        return self.published.timestamp() if self.published else 0.0


def build_story(docs: Sequence[Doc], similarity: Sequence[float], key_terms: Sequence[str]
                ) -> Story:
    """The Story of ``docs`` (any order), given each one's mean score against the others."""
    order = sorted(range(len(docs)), key=lambda i: (docs[i].published is None,
                                                    docs[i].timestamp, docs[i].id))
    ordered = [docs[i] for i in order]
    scores = [float(similarity[i]) for i in order]
    position, reason, evidence = _origin(ordered, scores)
    dates = [d.published for d in ordered if d.published is not None]
    return Story(
        id=hashlib.sha256(("story\x00" + ordered[0].id).encode()).hexdigest()[:16],
        members=tuple(d.id for d in ordered), origin=ordered[position].id,
        origin_reason=reason, origin_evidence=evidence,
        first_published=min(dates, default=None), last_published=max(dates, default=None),
        similarity=tuple(scores), key_terms=tuple(key_terms),
    )


def _origin(docs: Sequence[Doc], scores: Sequence[float]) -> tuple[int, OriginReason, str]:
    if len(docs) == 1:
        return 0, "only", "the story has a single article"
    cited = _cited(docs)
    if cited:
        position, citing = cited
        name = docs[position].outlet or docs[position].domain
        return position, "cited", (f"{len(citing)} of {len(docs) - 1} other articles name "
                                   f"{name!r}, the outlet that published this one")
    dated = [i for i, d in enumerate(docs) if d.published is not None]
    if dated:
        first = dated[0]  # docs are in publication order
        undated = len(docs) - len(dated)
        caveat = f"; {undated} member(s) have no date" if undated else ""
        return first, "earliest", f"published first, at {_iso(docs[first].published)}{caveat}"
    best = int(np.argmax(scores))
    return best, "central", (f"no dates and no cited source; the other articles are most "
                             f"similar to this one (mean score {scores[best]:.2f})")


def _cited(docs: Sequence[Doc]) -> tuple[int, list[int]] | None:
    """The member whose outlet the most other members name, and who names it."""
    first_of: dict[str, int] = {}  # outlet -> its earliest member (docs are in date order)
    for position, doc in enumerate(docs):
        first_of.setdefault(_outlet_key(doc), position)
    first_of.pop("", None)
    best: tuple[int, list[int]] | None = None
    for key, position in first_of.items():
        names = _outlet_names(docs[position])
        citing = [reader for reader, doc in enumerate(docs)
                  if _outlet_key(doc) != key and any(_names(doc.text, n) for n in names)]
        # Ties go to the earlier member: the first article from the cited outlet.
        if citing and (best is None or (len(citing), -position) > (len(best[1]), -best[0])):
            best = (position, citing)
    return best


# State agencies whose dispatches are laundered, each in the spellings a copy or a dateline
# uses, with the domains they publish on; the first spelling is the key.
_AGENCIES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("TASS", "ТАСС", "ТАРС", "ITAR-TASS", "ИТАР-ТАСС"), ("tass.ru", "tass.com")),
    (("RIA Novosti", "РИА Новости", "РИА \"Новости\"", "RIA"), ("ria.ru",)),
    (("Interfax", "Интерфакс"), ("interfax.ru", "interfax.com")),
    (("Sputnik", "Спутник"), ("sputniknews.com", "sputnikglobe.com")),
    (("RT", "Russia Today"), ("rt.com", "russian.rt.com")),
    (("BelTA", "БелТА"), ("belta.by",)),
)
# A dateline's credit in the head of a dispatch: "/ТАСС/", "(TASS)", "— РИА Новости".
_DATELINE_HEAD = 300


def _agency(doc: Doc) -> tuple[str, ...] | None:
    """The spellings of the state agency that published ``doc``: by its outlet or domain,
    or, when neither is given, by the credit in its dateline."""
    outlet, domain = (doc.outlet or "").strip().lower(), (doc.domain or "").lower()
    for spellings, domains in _AGENCIES:
        if domain in domains or outlet in {name.lower() for name in spellings}:
            return spellings
    if outlet or domain:
        return None
    head = doc.text[:_DATELINE_HEAD]
    for spellings, _ in _AGENCIES:
        for name in spellings:
            if any(mark in head for mark in (f"/{name}/", f"({name})", f"— {name}",
                                               f"- {name}\n")):
                return spellings
    return None


def _outlet_key(doc: Doc) -> str:
    own = (doc.domain or doc.outlet or "").lower()
    if own:
        return own
    agency = _agency(doc)
    return f"agency:{agency[0].lower()}" if agency else ""


def _outlet_names(doc: Doc) -> list[str]:
    names: list[str] = []
    agency = _agency(doc)
    if agency:
        names.extend(name for name in agency if len(name) >= 4)  # not "RT" or "RIA" alone
    if doc.outlet and len(doc.outlet) >= 3:
        # "The Continental Review" is cited as "the Continental Review".
        outlet = doc.outlet
        names.append(outlet[4:] if outlet.lower().startswith("the ") else outlet)
    if doc.domain:
        names.append(doc.domain)
    return names


def _names(text: str, name: str) -> bool:
    """Whether ``text`` holds ``name`` as whole words (a plain find: no regex to compile
    for each of thousands of outlet names)."""
    at = text.find(name)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(name)] if at + len(name) < len(text) else " "
        if not (before.isalnum() or before in "._-") and not after.isalnum():
            return True
        at = text.find(name, at + 1)
    return False


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# -- skeleton ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SkeletonSentence:
    """An origin sentence and how many copies retell it (best match >= threshold)."""

    index: int
    text: str
    support: int
    copies: int
    mean_best: float


def lexical_sentence_similarity(corpus: Sequence[str]) -> SentenceSimilarity:
    """TF-IDF cosine between lists of sentences, with IDF learned from ``corpus``."""
    from .similarity.lexical import LexicalBackend

    backend = LexicalBackend().fit(corpus)

    def similarity(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        product = backend.transform(left) @ backend.transform(right).T
        return np.asarray(product.toarray(), dtype=np.float32)

    return similarity


def skeleton(origin: Sequence[str], copies: Sequence[Sequence[str]], *,
             similarity: SentenceSimilarity | None = None, threshold: float = 0.25,
             quorum: float = 0.5) -> list[SkeletonSentence]:
    """The origin sentences that at least ``quorum`` of the copies retell.

    ``similarity(a, b)`` returns a ``len(a) x len(b)`` score matrix; the default is TF-IDF
    cosine, for which ``threshold`` 0.25 suits; pass a threshold that suits your callable
    (about 0.6 for MiniLM cosine).
    """
    # The default learns IDF from every sentence of the story: a word all copies use
    # (the event's place) must count less than a name only two sentences share.
    score = similarity or lexical_sentence_similarity(
        [*origin, *(sentence for copy in copies for sentence in copy)])
    best = np.zeros((len(origin), len(copies)), dtype=np.float32)
    for column, copy in enumerate(copies):
        if origin and copy:
            best[:, column] = np.asarray(score(origin, copy)).max(axis=1)
    support = (best >= threshold).sum(axis=1)
    needed = quorum * len(copies)
    return [SkeletonSentence(i, origin[i], int(support[i]), len(copies),
                             float(best[i].mean()) if len(copies) else 0.0)
            for i in range(len(origin)) if len(copies) and support[i] >= needed]


def story_skeleton(story: Story, articles: Mapping[str, Article | Doc], **options: Any
                   ) -> list[SkeletonSentence]:
    """:func:`skeleton` of ``story``'s origin against its other members, split into
    sentences by :mod:`launderlens.ingest.segment`; ``articles`` maps ids to articles."""
    from ..ingest.segment import sentence_spans

    def sentences(article_id: str) -> list[str]:
        text = articles[article_id].text
        return [text[start:end] for start, end in sentence_spans(text)]

    copies = [sentences(member) for member in story.members if member != story.origin]
    return skeleton(sentences(story.origin), copies, **options)
