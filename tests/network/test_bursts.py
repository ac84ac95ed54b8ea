"""Bursts: many outlets publishing one story within minutes, supporting evidence only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from launderlens.network.behaviour import MIN_BURST, StoryCopy, burst_links
from launderlens.network.graph import build_graph, edge_score

T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)


def copy(story: str, outlet: str, minutes: float | None) -> StoryCopy:
    when = None if minutes is None else T0 + timedelta(minutes=minutes)
    return StoryCopy(story, f"{story}-{outlet}", outlet, when, (), ())


def test_the_largest_group_within_the_window_is_the_burst() -> None:
    copies = [copy("s1", o, m) for o, m in (("a", 0), ("b", 3), ("c", 9), ("d", 14),
                                            ("e", 40), ("f", None))]
    copies += [copy("s2", o, m) for o, m in (("a", 0), ("b", 2), ("c", 4), ("d", 6),
                                             ("e", 8))]
    found = {(x.a, x.b): x for x in burst_links(copies, 15, 4)}
    assert set(found) == {(x, y) for x in "abcde" for y in "abcde" if x < y}
    assert found[("a", "b")].facts["stories"] == 2 and found[("a", "e")].facts["stories"] == 1
    assert found[("a", "e")].facts["largest"] == 5
    assert all(x.tier == "supporting" for x in found.values())
    assert "2 stories in the same burst of 4 or more outlets" in found[("a", "b")].detail


def test_too_few_outlets_or_too_spread_out_is_no_burst() -> None:
    few = [copy("s", o, m) for o, m in zip("abc", (0, 1, 2), strict=True)]
    spread = [copy("t", o, m) for o, m in zip("abcdef", (0, 20, 40, 60, 80, 100),
                                                strict=True)]
    assert list(burst_links(few + spread, 15, MIN_BURST)) == []


def test_a_burst_alone_never_joins_two_outlets() -> None:
    copies = [copy(f"s{n}", o, n * 600 + i) for n in range(10) for i, o in enumerate("abcd")]
    links = list(burst_links(copies))
    assert links and all(edge_score([x]) == 0.0 for x in links)
    assert build_graph(links, {}, min_score=0.01).networks == []

