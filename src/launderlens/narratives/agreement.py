"""A query's sentences and a record's phrasings in (as sentence vectors' cosines); how much
of what the record states the query also states out, which reorders the best hits.

Retrieval scores a record by its best phrasing: one phrasing that shares the query's topic
(a title on the same people, the same storm) is enough to rank. A record states one claim
in each of its phrasings (the claim, the fact-check's title, other wordings); the query
repeats that claim when every phrasing is close to something the query says. The
*agreement* of a record is the mean, over its phrasings, of the best cosine between that
phrasing and one sentence of the query (the whole query when it is one sentence), and the
best :data:`CLAIM_CANDIDATES` records (or as many as asked for, when more) are ranked by
``fused + CLAIM_WEIGHT * agreement``.

Chosen on the CLEF 2020 CheckThat! task 2 *train* tweets (``evals/narratives_clef2020.py``,
top 10 reordered, weights .05/.1/.2/.3): MAP@5 .915 -> .920 at 0.1, .918 at 0.2 and .913
at 0.3; the eval, which asks for 20 and so reorders 20, measures the same .920. Read
against the words a query and a record share instead (the record's names and figures the
query gives, the share of its content words; each weighted by IDF), no weight raised train
MAP@5 by more than .002, and the names lowered it: tweets name their subject by handle or
not at all, and BM25 already counts the shared words. Nor did the words that set a record
apart from its topic neighbours (its content words that none of the other nine best hits
holds, IDF-weighted, found in the query): train MAP@5 .921 -> .924 at a weight of .03 only
(.921 at .05, lower above), and .914 -> .903 on the dev tweets, so it is not used.

The query's sentences are those of the segmenter ``analyze`` uses; a regex of its own had
cut "U.S. officials ..." after "U.S." and compared the rest alone (train MAP@5 .920 ->
.921 with the segmenter, dev .914 either way).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..ingest.segment import sentence_spans

__all__ = ["CLAIM_CANDIDATES", "CLAIM_WEIGHT", "agreement", "query_sentences"]

#: How much the agreement (a mean cosine, 0 to 1) adds to the fused score.
CLAIM_WEIGHT = 0.1
#: How many of the best hits by the fused score are reordered at least (a search for the
#: first hit only still reorders these).
CLAIM_CANDIDATES = 10
#: Sentences of one query compared at most (a query is a sentence, a clause or a post).
_MAX_SENTENCES = 8
_MIN_WORDS = 4


def query_sentences(text: str) -> list[str]:
    """The sentences of ``text`` long enough to state a claim (four words or more), or
    ``text`` itself when it has none such. Split by the segmenter ``analyze`` uses
    (:func:`launderlens.ingest.segment.sentence_spans`), which knows that "U.S.", "Dr.",
    "Jan." and initials seldom end a sentence."""
    pieces = [text[start:end] for start, end in sentence_spans(text)]
    pieces = [p for p in pieces if len(p.split()) >= _MIN_WORDS]
    return pieces[:_MAX_SENTENCES] or [text]


def agreement(sentence_cosines: np.ndarray, docs: Sequence[int] | np.ndarray) -> float:
    """The mean over the record's phrasings (``docs``, columns of ``sentence_cosines``, one
    row per query sentence) of the best cosine any query sentence gives it."""
    return float(sentence_cosines[:, np.asarray(docs, dtype=np.int64)].max(axis=0).mean())
