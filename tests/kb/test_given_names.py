"""Given names read off the knowledge base's people: the first word of a name or alias,
after any title, after the surname where it opens the name, in both scripts. People here
are invented."""

from __future__ import annotations

from datetime import date

from launderlens.kb import KnowledgeBase, Office, Person, Records, load_default
from launderlens.kb.given_names import COMMON_GIVEN_NAMES, given_names
from launderlens.kb.names import fold


def _kb(*people: Person) -> KnowledgeBase:
    office = Office("xx.governor", "XX", "Governor of Xland", titles=("governor",))
    return KnowledgeBase(Records(offices=(office,), people=people), date(2025, 1, 1))


def test_a_given_name_is_the_first_word_after_any_title() -> None:
    kb = _kb(Person("p1", "Olwen Brackley", aliases=("Governor Olwen Brackley",
                                                     "Dame Brackley", "Олвен Бракли")),
             Person("p2", "Tamsin von Gert", aliases=("von Gert",)),
             Person("p3", "Ardwin", aliases=("Governor Ardwin",)))
    found = given_names(kb) - COMMON_GIVEN_NAMES
    # a title and a surname ("Dame Brackley"), a particle, a one-word name: no given name
    # (folded: a Cyrillic name loses its case ending, as the text's words do)
    assert found == {"olwen", fold("Олвен"), "tamsin"}


def test_a_name_that_opens_with_its_surname_gives_the_word_after_it() -> None:
    kb = _kb(Person("p1", "Hu Dawei", aliases=("Governor Hu", "Ху Давэй"), surname="Hu"),
             Person("p2", "Kenta Mori", aliases=("Mori Kenta", "Кента Мори"), surname="Mori"))
    # in another script the name keeps the order of the person's own name
    assert given_names(kb) - COMMON_GIVEN_NAMES == {"dawei", fold("Давэй"), "kenta", fold("Кента")}


def test_the_shipped_people_give_their_given_names_and_no_titles() -> None:
    found = given_names(load_default())
    assert {"olaf", "volodymyr", "jinping", "keir"} <= found
    assert not {"xi", "president", "sir", "king", "emperor", "von"} & found
