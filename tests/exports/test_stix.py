"""The STIX 2.1 bundle: parses with the stix2 library without custom content, maps
articles, outlets, stories, narratives and DISARM techniques as documented."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, datetime

import pytest

from launderlens.claims.analyze import Analysis, Analyzer
from launderlens.demo import DemoResult
from launderlens.exports.stix import DISARM_TECHNIQUES, export_stix, stix_bundle
from launderlens.rewrites.compare import Comparer
from launderlens.store import Store

stix2 = pytest.importorskip("stix2")


def test_demo_bundle_parses_strictly(demo_store: tuple[Store, DemoResult]) -> None:
    store, demo = demo_store
    out = io.StringIO()
    result = export_stix(store, Analyzer(semantic=False), out,
                         comparer=Comparer(semantic=False, store=store))
    bundle = stix2.parse(out.getvalue(), allow_custom=False)
    assert result.ok and result.exported == len(bundle.objects)
    kinds = Counter(o.type for o in bundle.objects)
    assert kinds["observed-data"] == kinds["url"] == len(demo.analyses)
    assert kinds["grouping"] == len(store.list_stories(min_size=2))
    outlets = {o.name for o in bundle.objects if o.type == "identity"
               and o.identity_class == "organization"}
    assert outlets == {a.article.outlet for a in demo.analyses}
    by_id = {o.id: o for o in bundle.objects}
    assert demo.story is not None
    story = next(o for o in bundle.objects if o.type == "grouping"
                 and demo.story.story.id in o.name)
    assert story.context == "suspicious-activity"
    assert all(ref in by_id for ref in story.object_refs)
    patterns = [by_id[r] for r in story.object_refs if r.startswith("attack-pattern--")]
    assert {"T0084", "T0084.002"} <= {p.external_references[0].external_id for p in patterns}
    for pattern in (o for o in bundle.objects if o.type == "attack-pattern"):
        (ref,) = pattern.external_references
        assert ref.source_name == "DISARM" and ref.external_id in DISARM_TECHNIQUES
        assert pattern.name == DISARM_TECHNIQUES[ref.external_id][0]


def test_hostile_article_and_narrative(hostile: Analysis) -> None:
    when = datetime(2025, 11, 2, tzinfo=UTC)
    bundle = stix2.parse(stix_bundle([hostile], generated_at=when).serialize(),
                         allow_custom=False)
    kinds = Counter(o.type for o in bundle.objects)
    assert kinds["url"] == 0 and kinds["observed-data"] == 0  # javascript: is no address
    notes = [o for o in bundle.objects if o.type == "note"]
    narrative = next(n for n in notes if n.abstract.startswith("Known narrative"))
    assert narrative.external_references[0].url == "https://debunk.example/1"
    (pattern,) = [o for o in bundle.objects if o.type == "attack-pattern"]
    assert pattern.external_references[0].external_id == "T0003"
    assert pattern.id in narrative.object_refs
    article = next(n for n in notes if n is not narrative)
    assert "javascript:alert(1)" in article.content  # kept as text for the analyst
    assert all(o.created == when for o in bundle.objects if hasattr(o, "created"))
