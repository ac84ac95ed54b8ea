"""Look-alike outlet names: a place with a call sign, or a known outlet's name or domain."""

from __future__ import annotations

import pytest

from launderlens.kb import load_default
from launderlens.kb.model import Outlet
from launderlens.outlets.names import edit_distance, lookalike_flags


@pytest.fixture(scope="module")
def registry() -> list[Outlet]:
    return list(load_default().outlets.values())


def kinds(name: str, domains: list[str], registry: list[Outlet]) -> list[tuple[str, str | None]]:
    return [(f.kind, f.imitated) for f in lookalike_flags(name, domains, registry)]


def test_a_city_with_a_call_sign_is_flagged_with_its_reason(registry: list[Outlet]) -> None:
    [flag] = lookalike_flags("Miami News, KMIA", ["miamikmia.test"], registry)
    assert flag.kind == "call_sign"
    assert "KMIA" in flag.reason and "'Miami'" in flag.reason
    assert kinds("KXYZ-TV Channel 4", ["kxyz.test"], registry) == [("call_sign", None)]


@pytest.mark.parametrize("name", ["Kyiv Post", "WHAT Daily News", "Miami KMIA", "Daily Times"])
def test_names_without_both_parts_are_not_call_sign_flags(name: str,
                                                          registry: list[Outlet]) -> None:
    assert kinds(name, ["x.test"], registry) == []


def test_a_known_outlet_with_a_letter_changed_is_flagged(registry: list[Outlet]) -> None:
    assert kinds("The New York Tiems", ["nytiems.test"], registry) == \
        [("imitates", "The New York Times")]
    assert kinds("Reuters World Today", ["reuters-world.test"], registry) == \
        [("imitates", "Reuters")]


def test_the_known_outlet_itself_and_plain_names_are_not_flagged(registry: list[Outlet]) -> None:
    assert kinds("The New York Times", ["nytimes.com"], registry) == []
    assert kinds("TASS", ["tass.com"], registry) == []
    assert kinds("Riverbend Gazette", ["riverbend.test"], registry) == []
    assert kinds("", [], registry) == []


def test_edit_distance_stops_at_its_limit() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("abc", "abc") == 0
    assert edit_distance("a" * 50, "b" * 50, limit=2) == 3
