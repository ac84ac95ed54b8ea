"""Where the KB's jurisdictions sit and the bodies that speak for them, by the names
articles use: capitals (:data:`CAPITALS`) and organisations and state institutions
(:data:`ORGANISATIONS`). Entity reading in claims and the narrative matcher's readings both
use them, so they live under both.
"""

from __future__ import annotations

__all__ = ["CAPITALS", "ORGANISATIONS"]

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
