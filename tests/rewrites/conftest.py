"""What the rewrite tests read from a pair of sentences: the fragments of one kind of
change."""

from __future__ import annotations

from launderlens.rewrites.changes import pair_changes


def fragments(a: str, b: str, kind: str, *, certain: bool = False) -> list[tuple[str, str]]:
    """The two fragments of each change of ``kind`` between ``a`` and ``b``, only the
    certain ones when ``certain``."""
    return [(c.a_text, c.b_text) for c in pair_changes(a, b)
            if c.kind == kind and (c.certain or not certain)]
