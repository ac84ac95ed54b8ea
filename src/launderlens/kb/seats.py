"""Where the KB's jurisdictions sit and the bodies that speak for them, by the names
articles use: capitals (:data:`CAPITALS`), organisations and state institutions
(:data:`ORGANISATIONS`), other countries and cities articles name (:data:`COUNTRIES`), and
all of them with the KB's own names as one table of place forms (:func:`place_forms`).
Entity reading in claims, the alignment's place names and the narrative matcher's readings
all use them, so they live under all three.
"""

from __future__ import annotations

import functools

from .load import load_default

__all__ = ["CAPITALS", "COUNTRIES", "ORGANISATIONS", "place_forms", "seat_kind"]

#: Capitals of the KB's jurisdictions (and the seats of the EU and NATO).
CAPITALS: dict[str, str] = {
    "Washington": "US", "London": "GB", "Paris": "FR", "Berlin": "DE", "Rome": "IT",
    "Ottawa": "CA", "Tokyo": "JP", "Moscow": "RU", "Kyiv": "UA", "Kiev": "UA", "Minsk": "BY",
    "Beijing": "CN", "Ankara": "TR", "Warsaw": "PL", "Budapest": "HU", "Tallinn": "EE",
    "Riga": "LV", "Vilnius": "LT", "Brussels": "EU",
}
#: Organisations and institutions by the names articles use; the id is a short key.
ORGANISATIONS: dict[str, str] = {
    "NATO": "NATO", "North Atlantic Treaty Organization": "NATO", "EU": "EU",
    "European Union": "EU", "European Commission": "EU.commission",
    "European Council": "EU.council", "European Parliament": "EU.parliament",
    "United Nations": "UN", "UN": "UN", "U.N.": "UN", "UN Security Council": "UN.security_council",
    "Security Council": "UN.security_council", "G7": "G7", "G20": "G20", "BRICS": "BRICS",
    "SCO": "SCO", "OSCE": "OSCE", "IMF": "IMF", "International Monetary Fund": "IMF",
    "World Bank": "World Bank", "Council of Europe": "Council of Europe",
    "International Criminal Court": "ICC", "ICC": "ICC", "Kremlin": "RU.kremlin",
    "White House": "US.white_house", "Pentagon": "US.pentagon",
    "State Department": "US.state_department", "Elysee Palace": "FR.elysee",
    "Élysée Palace": "FR.elysee", "Elysee": "FR.elysee", "Élysée": "FR.elysee",
    "Downing Street": "GB.downing_street", "Bundestag": "DE.bundestag",
    "Verkhovna Rada": "UA.rada", "State Duma": "RU.duma", "Duma": "RU.duma",
    "Wagner Group": "Wagner",
}
#: Countries outside the KB's jurisdictions that articles on the war often name (NATO and EU
#: members, neighbours): name, alias or demonym -> ISO 3166 code.
COUNTRIES: dict[str, str] = {
    "Finland": "FI", "Finnish": "FI", "Helsinki": "FI", "Sweden": "SE", "Swedish": "SE",
    "Stockholm": "SE", "Norway": "NO", "Norwegian": "NO", "Oslo": "NO", "Denmark": "DK",
    "Danish": "DK", "Copenhagen": "DK", "Netherlands": "NL", "Dutch": "NL", "The Hague": "NL",
    "Amsterdam": "NL", "Belgium": "BE", "Belgian": "BE", "Spain": "ES", "Spanish": "ES",
    "Madrid": "ES", "Portugal": "PT", "Portuguese": "PT", "Lisbon": "PT", "Greece": "GR",
    "Greek": "GR", "Athens": "GR", "Romania": "RO", "Romanian": "RO", "Bucharest": "RO",
    "Bulgaria": "BG", "Bulgarian": "BG", "Sofia": "BG", "Moldova": "MD", "Moldovan": "MD",
    "Chisinau": "MD", "Georgia": "GE", "Georgian": "GE", "Tbilisi": "GE",
    "Czech Republic": "CZ", "Czechia": "CZ", "Czech": "CZ", "Prague": "CZ", "Slovakia": "SK",
    "Slovak": "SK", "Bratislava": "SK", "Austria": "AT", "Austrian": "AT", "Vienna": "AT",
    "Switzerland": "CH", "Swiss": "CH", "Geneva": "CH", "Ireland": "IE", "Irish": "IE",
    "Dublin": "IE", "Israel": "IL", "Israeli": "IL", "Iran": "IR", "Iranian": "IR",
    "North Korea": "KP", "North Korean": "KP", "South Korea": "KR", "India": "IN",
    "Indian": "IN", "Brazil": "BR", "Saudi Arabia": "SA", "Saudi": "SA", "Jeddah": "SA",
    "Riyadh": "SA", "Qatar": "QA", "Kazakhstan": "KZ", "Armenia": "AM", "Azerbaijan": "AZ",
    "Syria": "SY", "Syrian": "SY", "Istanbul": "TR", "Anchorage": "US", "New York": "US",
}


@functools.cache
def place_forms() -> dict[str, tuple[str, bool]]:
    """Each name of a country, organisation, capital, city or state body the knowledge base
    and these tables know, to its own code and whether it names the country or
    organisation itself: a capital (``"US.capital"``), a city (``"US.New York"``) or a body
    of a country (``"US.white_house"``) gets a code of its own under the country's."""
    forms: dict[str, tuple[str, bool]] = {}
    places = load_default().jurisdictions.values()
    for place in places:
        for name in (place.name, *place.aliases, *place.adjectives):
            forms.setdefault(name, (place.id, True))
    for name, code in CAPITALS.items():
        forms.setdefault(name, (f"{code}.capital", False))
    known = {place.id for place in places}
    for name, code in COUNTRIES.items():
        # the table holds countries outside the knowledge base; under a country it does
        # know, an entry is one of its cities ("New York")
        forms.setdefault(name, (f"{code}.{name}", False) if code in known else (code, True))
    for name, code in ORGANISATIONS.items():
        forms.setdefault(name, (code, "." not in code))
    return forms


def seat_kind(code: str) -> str:
    """What a code of :func:`place_forms` under a country names: "capital"
    ("US.capital"), "body" ("US.white_house") or "city" ("US.New York")."""
    part = code.partition(".")[2]
    return part if part == "capital" else "body" if part.islower() else "city"
