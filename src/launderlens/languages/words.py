"""Words of English text for the lexical signals: a tokenizer that keeps apostrophes inside
words, the function words and reporting verbs that rewrites add and drop freely, and a crude
stemmer; text in, lists and sets of lower-case words out.

One home for these so that sentence coverage (rewrites) and catalogue retrieval (narratives)
read text the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

__all__ = ["STOP_WORDS", "fold_cyrillic", "stem", "stemmer", "stop_words", "words"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Function words and the verbs of reporting: a rewrite adds and removes them freely.
STOP_WORDS = _wordset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself s t don
said says say told according however meanwhile
""")


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without possessive endings."""
    return [w.replace("’", "'").removesuffix("'s") for w in _WORD.findall(text.lower())]


def stem(word: str) -> str:
    # Truncation is a crude stemmer, but it joins the inflections a rewrite changes
    # ("advocating"/"advocated") at no cost, and the character signal covers the rest.
    if word.isdigit() or len(word) <= 4:
        return word
    if word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


# -- other languages ------------------------------------------------------------------------
# English keeps the truncation above: Snowball's English stemmer gives the same stem for
# only 599 of the 1,023 word types of the demo corpus, and stems feed sentence gold.
_SNOWBALL = {"ru": "russian", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
             "pl": "polish", "pt": "portuguese", "nl": "dutch", "tr": "turkish", "ar": "arabic",
             "el": "greek", "sv": "swedish", "ro": "romanian", "hu": "hungarian"}
# Ukrainian has no Snowball stemmer: the commonest inflection endings come off instead.
_UK_ENDINGS = tuple(sorted(
    ("ами", "ями", "ого", "ому", "ими", "іми", "ях", "ах", "ів", "ей", "ою", "ею", "ий", "ій",
     "им", "ім", "их", "іх", "ом", "ем", "а", "я", "у", "ю", "і", "и", "е", "о", "ь"),
    key=len, reverse=True))


@lru_cache(maxsize=32)
def stemmer(language: str | None) -> Callable[[str], str]:
    """The stemmer of ``language`` (ISO 639-1): :func:`stem` for English and unknown
    languages, Snowball where it has one, a light suffix rule for Ukrainian, and the word
    itself for the rest."""
    primary = (language or "en").split("-")[0].lower()
    if primary == "en":
        return stem
    if primary == "uk":
        return _stem_ukrainian
    name = _SNOWBALL.get(primary)
    if name is None:
        return str
    import Stemmer  # type: ignore[import-not-found,unused-ignore]

    snowball = Stemmer.Stemmer(name)
    return snowball.stemWord  # type: ignore[no-any-return]


def _stem_ukrainian(word: str) -> str:
    for ending in _UK_ENDINGS:
        if len(word) - len(ending) >= 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=32)
def stop_words(language: str | None) -> frozenset[str]:
    """Function words of ``language``: :data:`STOP_WORDS` for English and unknown languages,
    the stopwords-iso list for others (empty where it has none)."""
    primary = (language or "en").split("-")[0].lower()
    if primary == "en":
        return STOP_WORDS
    import stopwordsiso  # type: ignore[import-untyped,unused-ignore]

    return frozenset(stopwordsiso.stopwords(primary)) if stopwordsiso.has_lang(primary) \
        else frozenset()


# Letters only Ukrainian (and Belarusian) spell with: a word holding one takes the Ukrainian
# rule, any other Cyrillic word the Russian stemmer.
_UKRAINIAN_LETTERS = frozenset("іїєґў")
# Endings after a vowel ("Італії", "Італією") that the suffix rule above leaves on.
_UK_FOLD_ENDINGS = ("ією", "єю", "ії", "ію", "ія", "ї", "є")


@lru_cache(maxsize=1 << 16)
def fold_cyrillic(word: str) -> str:
    """A Russian or Ukrainian word in lower case without its inflection ending, for lookups
    that must meet a name or title in any grammatical case ("Путина", "Путиным" -> "путин";
    "президента России" and "президент Россия" fold alike).

    The stem is taken again until it no longer changes (Snowball's is not idempotent:
    "лаврова" -> "лавров" -> "лавр") or would keep under three letters, so folding a folded
    word changes nothing; the soft
    and hard signs drop, so the Russian and Ukrainian spellings of a surname meet
    ("Зеленский", "Зеленський" -> "зеленск").
    """
    lowered = word.lower().replace("ё", "е")
    rule = stemmer("ru")
    if _UKRAINIAN_LETTERS.intersection(lowered):
        rule = _stem_ukrainian
        ending = next((e for e in _UK_FOLD_ENDINGS if lowered.endswith(e)), "")
        if ending and len(lowered) - len(ending) >= 3:
            lowered = lowered[: -len(ending)]
    for _ in range(4):
        stemmed = rule(lowered)
        if stemmed == lowered or len(stemmed) < 3:
            break  # a stem under three letters is taken from a stem ("итал" -> "ит")
        lowered = stemmed
    return lowered.replace("ь", "").replace("ъ", "")
