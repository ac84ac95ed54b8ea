"""Words before a title that change what it claims, in Russian and Ukrainian: a word in,
the kind of qualifier it is out (the kinds of ``claims.entities.QUALIFIERS``).

"Бывший президент" (former), "тогдашний премьер" (then), "исполняющий обязанности
министра" (acting), "вице-премьер" (a different office), "избранный президент" (not yet in
office): a title with one of these before it claims no current holder, so an office check
must read it as the English check reads "former" or "then". The words are written in their
dictionary form; a lookup folds both sides (:func:`launderlens.kb.names.fold`), so every
grammatical case meets them ("бывшего", "колишнього").
"""

from __future__ import annotations

__all__ = ["TITLE_QUALIFIERS"]

_RUSSIAN = {
    "бывший": "former", "экс": "former", "покойный": "former", "тогдашний": "then",
    "исполняющий": "acting", "обязанности": "acting", "и.о.": "acting", "временный": "acting",
    "вице": "other", "заместитель": "other", "замглавы": "other", "первый": "other",
    "будущий": "incoming", "избранный": "incoming", "новоизбранный": "incoming",
    "уходящий": "outgoing",
}
_UKRAINIAN = {
    "колишній": "former", "екс": "former", "покійний": "former", "тодішній": "then",
    "виконувач": "acting", "обов'язків": "acting", "тимчасовий": "acting", "віце": "other",
    "заступник": "other", "перший": "other", "майбутній": "incoming", "обраний": "incoming",
    "новообраний": "incoming",
}
#: Qualifier words of Russian and Ukrainian in their dictionary form -> qualifier kind.
TITLE_QUALIFIERS: dict[str, str] = {**_RUSSIAN, **_UKRAINIAN}
