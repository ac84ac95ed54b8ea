"""The case fold agrees with re.IGNORECASE on every code point, one character for one."""

from __future__ import annotations

import re
import string

import pytest

from launderlens.languages.casefold import caseless, fold_case

EVERY = "".join(map(chr, range(0x110000)))


def test_fold_keeps_length_and_word_classes() -> None:
    folded = fold_case(EVERY)
    assert len(folded) == len(EVERY)
    for cls in (r"\w", r"\s", r"\d"):
        pattern = re.compile(cls)
        assert [m.start() for m in pattern.finditer(EVERY)] == \
            [m.start() for m in pattern.finditer(folded)]


def test_fold_matches_ascii_letters_as_ignorecase_does() -> None:
    folded = fold_case(EVERY)
    ignorecase = {m.start() for m in re.finditer("[a-z]", EVERY, re.IGNORECASE)}
    assert ignorecase == {m.start() for m in re.finditer("[a-z]", folded)}
    for position in ignorecase:
        matched = {p for p in string.ascii_lowercase
                   if re.fullmatch(p, EVERY[position], re.IGNORECASE)}
        assert matched == {folded[position]}


def test_caseless_matches_where_ignorecase_does() -> None:
    text = "Officials SIPHONED aid; İstanbul ſiphoned, the Kremlin Said."
    pattern = r"\b(?:siphon\w*|said|istanbul)\b"
    assert [m.span() for m in caseless(pattern).finditer(fold_case(text))] == \
        [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]


@pytest.mark.parametrize("pattern", [r"\bSaid\b", r"(?i:said)", "communiqu\u00c9"])
def test_caseless_refuses_cased_patterns(pattern: str) -> None:
    with pytest.raises(ValueError, match="lower case"):
        caseless(pattern)
