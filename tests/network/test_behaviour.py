"""Co-publication and shared added sentences between outlets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from launderlens.network.behaviour import (
    StoryCopy,
    copublication_links,
    shared_addition_links,
)

T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)
INSERTED = "Critics say the minister's statement hides a secret deal negotiated months ago."


def copy(story: str, outlet: str, minutes: float | None, sentences: list[str],
         added: tuple[int, ...] = ()) -> StoryCopy:
    when = None if minutes is None else T0 + timedelta(minutes=minutes)
    return StoryCopy(story, f"{story}-{outlet}", outlet, when, tuple(sentences), added)


def test_habitual_co_publication_is_strong_and_chance_co_publication_supporting() -> None:
    copies = []
    for s in range(8):
        base = s * 600
        copies += [copy(f"s{s}", "x", base, []), copy(f"s{s}", "y", base + 5, [])]
        # z and w publish hours apart, except once
        copies += [copy(f"s{s}", "z", base + 200, []),
                   copy(f"s{s}", "w", base + (230 if s == 0 else 500), [])]
    found = {(link.a, link.b): link for link in copublication_links(copies, 60)}
    assert found[("x", "y")].tier == "strong"
    assert "8 of the 8 stories" in found[("x", "y")].detail
    assert found[("w", "z")].tier == "supporting"
    assert ("x", "z") not in found  # never within the window


def test_undated_copies_take_no_part() -> None:
    copies = [copy(f"s{s}", o, None, []) for s in range(5) for o in ("x", "y")]
    assert list(copublication_links(copies, 60)) == []


def _story(name: str, facts: list[str], *, x_add: str | None, y_add: str | None,
           same_text: bool = False) -> list[StoryCopy]:
    x_text = [*facts, x_add] if x_add else list(facts)
    y_facts = facts if same_text else [_retold(f) for f in facts]
    y_text = [*y_facts, y_add] if y_add else list(y_facts)
    return [copy(name, "x", 0, x_text, (len(x_text) - 1,) if x_add else ()),
            copy(name, "y", 3, y_text, (len(y_text) - 1,) if y_add else ())]


def _retold(fact: str) -> str:
    """Another outlet's wording: the names and figures kept, the rest its own."""
    kept = [w for w in fact.rstrip(".").split() if w[:1].isupper() or w[:1].isdigit()]
    return f"Our correspondent reports that {' and '.join(kept)} were in the news again."


FACTS = [["Talks on grain exports between Belador and Casmira collapsed on Tuesday evening.",
          "Some 120 delegates had gathered in Dorvina for the closing session."],
         ["Gas transit talks between Falnesh and Gorvina stalled again on Friday morning.",
          "The next round is planned for October in Helstad, officials said."],
         ["Rail freight negotiations between Karlund and Lommira made progress this week.",
          "Trade between the two reached 450 million euros last year, figures show."]]


def test_the_same_insertion_in_several_stories_is_conclusive() -> None:
    copies = [c for facts in FACTS for c in _story("s" + facts[0][:5], facts,
                                                  x_add=INSERTED, y_add=INSERTED)]
    [found] = shared_addition_links(copies)
    assert (found.a, found.b, found.kind, found.tier) == ("x", "y", "shared_additions",
                                                          "conclusive")
    assert "3 stories" in found.detail and "secret deal" in found.detail


def test_a_reworded_insertion_still_counts_and_one_story_is_only_supporting() -> None:
    reworded = INSERTED.replace("say", "claim")
    [found] = shared_addition_links(_story("s1", FACTS[0], x_add=INSERTED, y_add=reworded))
    assert found.tier == "supporting"


def test_sentences_with_other_names_or_figures_are_not_the_same() -> None:
    a = "There was no immediate reaction from the government of Belador to the remarks."
    b = "There was no immediate reaction from the government of Casmira to the remarks."
    copies = [c for facts in FACTS for c in _story("s" + facts[0][:5], facts,
                                                  x_add=a, y_add=b)]
    assert list(shared_addition_links(copies)) == []


def test_the_same_wire_copy_is_syndication_not_an_insertion() -> None:
    copies = [c for facts in FACTS for c in _story("s" + facts[0][:5], facts, x_add=INSERTED,
                                                  y_add=INSERTED, same_text=True)]
    [found] = shared_addition_links(copies)
    assert (found.kind, found.tier) == ("same_copy", "supporting")


def test_short_added_sentences_and_one_outlets_repeats_are_ignored() -> None:
    short = [*_story("s1", FACTS[0], x_add="He denied it all.", y_add="He denied it all."),
             *_story("s2", FACTS[1], x_add="He denied it all.", y_add="He denied it all.")]
    assert list(shared_addition_links(short)) == []
    own = [copy(f"s{i}", "x", 0, [INSERTED], (0,)) for i in range(3)]
    assert list(shared_addition_links(own)) == []


def test_hostile_indices_are_ignored() -> None:
    odd = [copy("s1", "x", 0, ["One sentence only here for the test."], (5, -1))]
    assert list(shared_addition_links(odd)) == []
