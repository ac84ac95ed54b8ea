"""Rewrite detection: articles in; stories, origins and sentence alignments out.

The stage reads stored articles and answers which ones retell one story and how each copy
retells its origin:

``similarity/`` (verbatim, lexical and semantic document backends) ─► ``cluster``
(:class:`StoryIndex`: candidates, group-average merging) ─► ``origin`` (the likely origin of
each story and its skeleton) ─► ``stories`` (stories kept in the store, story views).
``compare`` aligns one copy onto its source: ``coverage`` (how much of each sentence the
other side explains) ─► ``align`` (the sentence alignment: pairs, added, dropped) ─►
``changes`` (what differs inside an aligned pair).
"""

from __future__ import annotations

from .align import AlignedPair, SentenceAlignment, align_sentences
from .changes import Change, alignment_changes, pair_changes
from .cluster import StoryIndex, cluster
from .compare import Comparer, Comparison, compare
from .stories import MemberView, StoryView, cluster_store, story_view

__all__ = [
    "AlignedPair", "Change", "Comparer", "Comparison", "MemberView", "SentenceAlignment",
    "StoryIndex", "StoryView", "align_sentences", "alignment_changes", "cluster",
    "cluster_store", "compare", "pair_changes", "story_view",
]
