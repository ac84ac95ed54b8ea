"""Country and capital names of Russian and Ukrainian text in the grammatical cases articles
use ("на Украине", "України", "в Киеве"): a form in, the ISO 3166 code of the place out.

Place names are matched as written (a whole word, not folded), so each case form is listed;
only the places the dated checks ask about (is the article about Ukraine?) and their
neighbours in the war are here.
"""

from __future__ import annotations

__all__ = ["CYRILLIC_PLACES"]


def _forms(code: str, *words: str) -> dict[str, str]:
    return dict.fromkeys(words, code)


#: Russian and Ukrainian case forms of places -> ISO 3166 code.
CYRILLIC_PLACES: dict[str, str] = {
    **_forms("UA", "Украина", "Украины", "Украине", "Украину", "Украиной", "Україна",
             "України", "Україні", "Україну", "Україною", "Киев", "Киева", "Киеве", "Київ",
             "Києва", "Києві", "Донбасс", "Донбасса", "Донбассе", "Донбас", "Донбасу",
             "Донбасі", "Крым", "Крыма", "Крыму", "Крим", "Криму"),
    **_forms("RU", "Россия", "России", "Россию", "Россией", "Росія", "Росії", "Росію",
             "Росією", "Москва", "Москвы", "Москве", "Москву", "Москви", "Москві"),
    **_forms("BY", "Белоруссия", "Белоруссии", "Беларусь", "Беларуси", "Білорусь",
             "Білорусі", "Минск", "Минска", "Минске", "Мінськ", "Мінська", "Мінську"),
}
