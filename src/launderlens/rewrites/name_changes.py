"""Two sentences in; the one name that differs in the same role out: "Holm questioned the
minister" against "Dahl questioned the minister", "the Kremlin said" against "the Duma
said". Read by :mod:`.changes` with its other detectors.

Spellings of one name ("U.K"/"UK", "Bey"/"Beyoncé") and two forms of one place (a country,
its adjective, its capital, its bodies: see :func:`.evidence.same_place`) are one name. Two
places or bodies the tables know are compared as places, not by their words: "European
Commission" and "European Parliament" share a word and name two bodies.
"""

from __future__ import annotations

from collections.abc import Sequence

from .evidence import place_code, same_place
from .quantities import read_tokens
from .roles import Name, read_names, same_name

__all__ = ["bare_name", "name_changes"]


def name_changes(a: str, b: str) -> list[tuple[str, str]]:
    """The name of ``a`` and the name of ``b`` that stand in one role (a title or a
    neighbouring word in common) where each side names no other name the other lacks."""
    words_a = {t.norm for t in read_tokens(a)}
    words_b = {t.norm for t in read_tokens(b)}
    names_a, names_b = read_names(a), read_names(b)
    left = [n for n in names_a if not n.core & words_b or _other_place(n, names_b)]
    right = [n for n in names_b if not n.core & words_a or _other_place(n, names_a)]
    if len(left) != 1 or len(right) != 1:
        return []
    x, y = left[0], right[0]
    places = place_code(bare_name(x)) is not None and place_code(bare_name(y)) is not None
    if x.role & y.role and not _same_place(x, y) and (places or not same_name(x, y)):
        return [(x.text, y.text)]
    return []


def bare_name(name: Name) -> str:
    """``name`` as written, without a possessive ending ("Britain's": "Britain")."""
    return name.text.replace("’", "'").removesuffix("'s")


def _same_place(x: Name, y: Name) -> bool:
    """Whether two names name one place in two forms ("Britain's" and "British")."""
    return same_place(bare_name(x), bare_name(y))


def _other_place(name: Name, others: Sequence[Name]) -> bool:
    """Whether ``name`` is a place or body that none of the other side's names names,
    whatever words they share ("European Commission" against "European Parliament")."""
    return place_code(bare_name(name)) is not None and not any(
        _same_place(name, other) for other in others)
