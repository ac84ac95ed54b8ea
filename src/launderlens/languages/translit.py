"""Words of any script in, Latin letters and script-neutral keys out, so that a name, a
figure or a date written in Russian, Ukrainian, Greek or a Latin-script language meets its
English spelling without a model.

- :func:`transliterate` maps Cyrillic (Russian and Ukrainian letters) and Greek to Latin
  with tables written here, and strips Latin diacritics ("Élysée" -> "elysee").
- :func:`phonetic_key` folds the spelling variants of one name together: vowels after
  the first letter, ``h`` and doubled letters drop, and a few consonant spellings merge,
  so "Зеленский", "Зеленський", "Zelensky" and "Zelenskyy" all give ``zlnsk``.
- :func:`date_anchors` reads day-and-month dates in en, ru, uk, de, fr, es, it and pl
  ("4 сентября", "4. September", "4 septembre", "September 4") as ``date:9-4``.
- :func:`crosslingual_anchors` gathers those keys for the names, figures and dates of a
  text (a time of day is none of them): the terms two articles in different languages
  can share;
  :func:`crosslingual_overlap` counts them only when they name two different things.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = [
    "MIN_INDEPENDENT_ANCHORS",
    "anchor_groups",
    "crosslingual_anchors",
    "crosslingual_overlap",
    "date_anchors",
    "figure_anchor",
    "figure_key",
    "phonetic_key",
    "same_figure",
    "spelled_as_russian",
    "transliterate",
]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
    "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "u", "ђ": "dj", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k", "ѕ": "dz",
}
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}
_LATIN_EXTRA = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th",
                "ı": "i"}
_TABLE = str.maketrans({**_CYRILLIC, **_GREEK, **_LATIN_EXTRA})


def transliterate(text: str) -> str:
    """``text`` lower-cased, with Cyrillic and Greek letters in Latin and no diacritics."""
    # Decompose first so that Greek tonos and Latin accents fall off as combining marks;
    # "й" and "ї" decompose too, so they are recomposed before the table reads them.
    lowered = unicodedata.normalize("NFC", text.lower())
    spelled = lowered.translate(_TABLE)
    decomposed = unicodedata.normalize("NFKD", spelled)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(_TABLE)  # Greek letters that carried an accent


# Spellings of one sound, longest first; applied to a transliterated word.
_MERGE = (("shch", "s"), ("sch", "s"), ("tch", "c"), ("ph", "f"), ("kh", "h"), ("zh", "z"),
          ("sh", "s"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("ck", "k"), ("x", "ks"),
          ("q", "k"), ("w", "v"), ("c", "k"), ("j", "i"), ("y", "i"), ("h", ""))
_VOWELS = frozenset("aeiou")


# Ukrainian letters in the Russian letters that spell the same sounds: "и" is said as the
# Russian "ы", "і" as "и"; the apostrophe of "м'ясо" is the Russian "ъ" and is dropped.
_UKRAINIAN_AS_RUSSIAN = str.maketrans({
    "и": "ы", "И": "Ы", "і": "и", "І": "И", "ї": "и", "Ї": "И", "є": "е", "Є": "Е",
    "ґ": "г", "Ґ": "Г", "'": "", "’": "", "ʼ": ""})
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
# Letters Russian writes and Ukrainian does not: a text holding them is Russian (or mixed).
_RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:['’ʼ][\u0400-\u04ff]+)*")


def spelled_as_russian(text: str) -> str:
    """A Ukrainian ``text`` respelled with the Russian letters for its sounds ("Захід
    обіцяв" -> "Захид обицяв"), so that an encoder trained on Russian but not Ukrainian
    meets more of its words; other texts, and the words in other scripts, unchanged
    (the apostrophe of "Zelensky's" stays). In a Russian text that quotes a Ukrainian word
    ("в Київ прибыли") only the words with Ukrainian letters are respelled: the Russian
    "и" of the others is no Ukrainian "и". On 16 Ukrainian retellings of catalogue
    records written for launderlens, the multilingual encoder ranks the right record
    first for 13 respelled against 9 as written (``python evals/crosslingual_narratives.py
    --ukrainian``)."""
    if not _UKRAINIAN_LETTERS.search(text):
        return text
    every_word = not _RUSSIAN_LETTERS.search(text)
    return _CYRILLIC_WORD.sub(
        lambda m: (m.group(0).translate(_UKRAINIAN_AS_RUSSIAN)
                   if every_word or _UKRAINIAN_LETTERS.search(m.group(0)) else m.group(0)),
        text)


def phonetic_key(word: str) -> str:
    """A key that the spellings of one name share across scripts ("" for no letters)."""
    latin = "".join(c for c in transliterate(word) if c.isalpha() and c.isascii())
    if not latin:
        return ""
    for spelling, sound in _MERGE:
        latin = latin.replace(spelling, sound)
    if not latin:
        return ""
    head, tail = latin[0], [c for c in latin[1:] if c not in _VOWELS]
    key = head
    for char in tail:
        if char != key[-1]:
            key += char
    return key


_MONTH_FORMS = (
    "january jan januar janvier enero gennaio stycznia styczeń января январь січня січень",
    "february feb februar février fevrier febrero febbraio lutego luty февраля февраль "
    "лютого лютий",
    "march mar märz maerz mars marzo marca marzec марта март березня березень",
    "april apr avril abril aprile kwietnia kwiecień апреля апрель квітня квітень",
    "may mai mayo maggio maja maj мая май травня травень",
    "june jun juni juin junio giugno czerwca czerwiec июня июнь червня червень",
    "july jul juli juillet julio luglio lipca lipiec июля июль липня липень",
    "august aug août aout agosto sierpnia sierpień августа август серпня серпень",
    "september sep sept septembre septiembre settembre września wrzesień сентября сентябрь "
    "вересня вересень",
    "october oct oktober octobre octubre ottobre października październik октября октябрь "
    "жовтня жовтень",
    "november nov novembre noviembre listopada listopad ноября ноябрь листопада листопад",
    "december dec dezember décembre decembre diciembre dicembre grudnia grudzień декабря "
    "декабрь грудня грудень",
)
#: Lower-case month names of en ru uk de fr es it pl -> month number.
MONTHS: dict[str, int] = {form: number for number, forms in enumerate(_MONTH_FORMS, start=1)
                          for form in forms.split()}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:\.|-?(?:го|е|er|º))?\s+(?:de\s+)?(?P<month>{_MONTH})\b\.?"
    rf"|\b(?P<month2>{_MONTH})\.?\s+(?P<day2>[0-3]?\d)\b(?![.,:]?\d)",
    re.IGNORECASE)


def date_anchors(text: str) -> list[str]:
    """``date:M-D`` for each day-and-month date of ``text`` in order."""
    return [_date_key(match) for match in _date_matches(text)]


def _date_matches(text: str) -> list[re.Match[str]]:
    """The day-and-month dates of ``text`` whose day is one of a month, in order."""
    return [m for m in _DATE.finditer(text)
            if 1 <= int(m.group("day") or m.group("day2")) <= 31]


def _date_key(match: re.Match[str]) -> str:
    month = MONTHS[(match.group("month") or match.group("month2")).lower()]
    return f"date:{month}-{int(match.group('day') or match.group('day2'))}"


_SEPARATOR = r"[.,\u00a0\u202f ]"
_FIGURE = re.compile(rf"\d+(?:{_SEPARATOR}\d+)*")

# A time of day is no figure of a story: two reports of unrelated events both give one as
# often as not ("10:00", "14.30 Uhr", "18h30", "10 a.m.", "o godz. 18", "в 18.00"). An
# hour and minutes with a colon or an "h" is always one (a score has one-digit goals); an
# hour with a point only beside a word of the clock in en ru uk de fr es it pl el tr zh
# ar, so that a decimal ("closed at 18.50", "в 2.5 раза") stays a figure.
_HOUR, _MINUTE = r"(?<![\d.,:])(?:[01]?\d|2[0-4])", r"[0-5]\d"
_CLOCK_WORD = (r"uhr|h|hrs?|heures?|horas?|godz\.?|o'clock|ч\.|час(?:а|ов)?|годин\w*"
               r"|[ap]\.\s?m\.|[πμ]\.\s?μ\.")
_CLOCK = re.compile("|".join((
    rf"{_HOUR}(?:[.,:]{_MINUTE})?(?:\s?(?:{_CLOCK_WORD})|[ap]m)(?!\w)",  # 18.00 Uhr, 10am
    rf"{_HOUR}:{_MINUTE}(?::{_MINUTE})?(?![\d:])",  # 14:30, 9:05:10
    rf"{_HOUR}\s?h\s?{_MINUTE}(?!\d|[.,:]\d)",  # 18h30, 18 h 30
    rf"\b(?:ore|godz\.?|godzinie|saat|alle|a\s+las|o|в|о|στις)\s+{_HOUR}\.{_MINUTE}"
    r"(?!\d|[.,:]\d|\s?%)",  # в 18.00, alle 18.30
    rf"\b(?:ore|godz\.?|godzinie|saat)\s+{_HOUR}(?!\d|[.,:]\d)",  # ore 18, saat 9
    rf"{_HOUR}\s?[点點时時](?:\s?[0-5]?\d\s?分)?",  # 12 点 34 分
    rf"الساعة\s+{_HOUR}(?:[.:]{_MINUTE})?(?!\d|[.,:]\d)",
)), re.IGNORECASE)


def _without_clock_times(text: str) -> str:
    """``text`` with each time of day (its word of the clock too: "Uhr" is no name)
    hidden, every other character at its offset, so that a time's minutes do not join a
    figure written after it ("10:00 2,000") either."""
    return _CLOCK.sub(lambda m: "#" * len(m.group()), text)


def figure_key(figure: str) -> str:
    """A figure as written anywhere: groups of three after a separator are thousands
    ("1,340", "1 340", "1.340" -> ``1340``), one other separator is a decimal point
    ("4,2" and "4.2" -> ``4.2``)."""
    groups = re.split(_SEPARATOR, figure)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return "".join(groups)
    if len(groups) == 2:
        return f"{groups[0]}.{groups[1]}"
    return "".join(groups)


def figure_anchor(figure: str) -> str:
    """The anchor key of a figure: ``num:`` and its :func:`figure_key`, or ``count:`` and
    it for a whole number written with a thousands separator whose value could be a year
    ("1,900", "1.900", "1 900"): nobody writes a year so, and the key alone, having lost
    the separator, would read as one."""
    key = figure_key(figure)
    if key.isdigit() and 1800 <= int(key) <= 2100 and len(key) < len(figure):
        return f"count:{key}"
    return f"num:{key}"


# A word starting with a capital letter after another word (not opening a sentence), an
# all-capitals acronym anywhere, or a figure.
_NAME = re.compile(r"(?<=[\w,;:(«\"] )[^\W\d_][^\W_]*(?:-[^\W_]+)*|\b[^\W\d_a-zа-я]{2,}\b")


# The consonant of a Russian or Ukrainian instrumental ending ("Петером", "Лавровым",
# "Будапештом"): the key keeps consonants, so it would tell the form from "Peter". Vowel
# endings ("Лаврова", "Венгрии") need nothing: the key drops vowels after the first letter.
_CASE_ENDING = re.compile(r"(?<=[а-яіїєґ]{3})(?:ом|ем|ём|ым|им|ам|ям|ою|ею|ої|ій)$")


def crosslingual_anchors(text: str) -> list[str]:
    """Script-neutral keys of the names (``name:KEY``), figures (``num:N``, or
    ``count:N``, see :func:`figure_anchor`) and dates (``date:M-D``) of ``text``: the
    dates in order, then the names, then the figures, each without repeats."""
    return _read_anchors(text).keys()


def anchor_groups(text: str) -> list[frozenset[str]]:
    """The anchors of :func:`crosslingual_anchors` grouped by what they name: the words of
    one name written together ("Сергей Лавров", "Peter Szijjarto") are one group, each date
    and each figure its own. Two anchors of one group are one piece of evidence."""
    return _read_anchors(text).groups(text)


class _Anchors(NamedTuple):
    """One reading of a text's names (start, end, key), dates and figures (match, key),
    outside its times of day: what :func:`crosslingual_anchors` and :func:`anchor_groups`
    both come from."""

    names: list[tuple[int, int, str]]
    dates: list[tuple[re.Match[str], str]]
    figures: list[tuple[re.Match[str], str]]

    def keys(self) -> list[str]:
        """:func:`crosslingual_anchors` of the text read."""
        return list(dict.fromkeys([*(key for _, key in self.dates),
                                   *(key for _, _, key in self.names),
                                   *(key for _, key in self.figures)]))

    def groups(self, text: str) -> list[frozenset[str]]:
        """:func:`anchor_groups` of ``text``, the text read."""
        groups: list[set[str]] = []
        last_end = -1
        for start, end, key in self.names:
            if groups and last_end >= 0 and not text[last_end:start].strip():
                groups[-1].add(key)
            else:
                groups.append({key})
            last_end = end
        # A date's own figures (its day, the year written after it) name the date again.
        dated = [(match.start(), match.end(), {key}) for match, key in self.dates]
        for match, term in self.figures:
            owner = next((group for start, end, group in dated
                          if start <= match.start() < end
                          or (0 <= match.start() - end <= 3 and len(match.group()) == 4
                              and not text[end:match.start()].strip(" ,"))), None)
            if owner is not None:
                owner.add(term)
            else:
                groups.append({term})
        groups += [group for _, _, group in dated]
        return [frozenset(group) for group in groups]


def _read_anchors(text: str) -> _Anchors:
    """The names, dates and figures of ``text``, from one reading of its times of day."""
    hidden = _without_clock_times(text)
    return _Anchors(_name_keys(text, hidden),
                    [(match, _date_key(match)) for match in _date_matches(text)],
                    [(match, figure_anchor(match.group())) for match in _FIGURE.finditer(hidden)])


def _name_keys(text: str, hidden: str) -> list[tuple[int, int, str]]:
    """(start, end, ``name:KEY``) of each name word of ``text`` outside the times of day
    hidden in ``hidden`` (:func:`_without_clock_times` of it)."""
    found = []
    for match in _NAME.finditer(text):
        word = match.group()
        if not word[0].isupper() or word.lower() in MONTHS or hidden[match.start()] == "#":
            continue
        key = phonetic_key(_CASE_ENDING.sub("", word))
        if len(key) >= 2:
            found.append((match.start(), match.end(), f"name:{key}"))
    return found


#: Independent anchors two texts in different languages must share before their anchor
#: overlap counts: one shared name is what two unrelated reports from one city share.
MIN_INDEPENDENT_ANCHORS = 2


def crosslingual_overlap(a_text: str, b_text: str) -> tuple[float, list[str]]:
    """The anchors two texts in different languages share, over those of the text with
    fewer (0 when either has none), and the shared ones in order of first use in
    ``b_text``; the overlap is 0 unless the shared anchors name at least
    :data:`MIN_INDEPENDENT_ANCHORS` different things in both texts (two names, or a name
    and a figure or date: "Лавров" and "Sergei Lavrov" alone are one)."""
    a_read, b_read = _read_anchors(a_text), _read_anchors(b_text)
    a_terms, b_terms = a_read.keys(), b_read.keys()
    a_figures = {same_figure(term): term for term in a_terms}
    shared, a_shared, matched = [], set(), set()
    for term in b_terms:
        figure = same_figure(term)
        if figure in a_figures and figure not in matched:
            matched.add(figure)
            shared.append(term)
            a_shared.add(a_figures[figure])
    fewer = min(len(a_terms), len(b_terms))
    if not fewer:
        return 0.0, shared
    independent = min(_things_named(a_read.groups(a_text), a_shared),
                      _things_named(b_read.groups(b_text), set(shared)))
    if independent < MIN_INDEPENDENT_ANCHORS:
        return 0.0, shared
    return len(shared) / fewer, shared


def same_figure(key: str) -> str:
    """``key`` as the figure it names whichever way it was written: a count written with
    a thousands separator in one text ("1,900 homes", ``count:1900``) is the same figure
    as one written without it in another ("1900 домов", ``num:1900``), though only the
    first is surely no year (the story rule's weights still tell them apart)."""
    return "num:" + key[6:] if key.startswith("count:") else key


def _things_named(groups: list[frozenset[str]], shared: set[str]) -> int:
    """How many different things the shared anchors name in one text: groups holding a
    shared anchor, joined where they share one (a surname repeated after the full name)."""
    hit = [group & shared for group in groups if group & shared]
    merged: list[set[str]] = []
    for keys in hit:
        joined = [m for m in merged if m & keys]
        for m in joined:
            merged.remove(m)
        merged.append(set(keys).union(*joined))
    return len(merged)
