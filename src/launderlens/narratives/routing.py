"""A sentence (and the language of its article) in; whether the English matcher can read it
or it must go to the multilingual one out, with the reason: the script ("cyrillic") or
the language ("fr").

MiniLM reads English only. A sentence mostly in another script than Latin is routed by its
script. A Latin-script sentence is routed when py3langid identifies it as one of the
Latin-script languages the multilingual encoder was trained on with at least
:data:`SURE_SENTENCE` probability, or when its article is identified as one of them and
the sentence itself is not surely English (a short line, a headline of names, which the
identifier cannot tell alone). In an article identified as English only the script routes
(a French quotation there stays with the English matcher): identification costs about a
millisecond a sentence on a busy machine, and English articles are most of a corpus.
Measured on 7,247 English sentences of 400 ECB+ articles, each identified alone: none is
identified as one of these languages even at a 0.5 probability; on the first eight
sentences of the SemEval-2022 Task 8 development articles, 0.8 alone routes 81% (es) to
94% (fr) of the sentences of each language.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..embeddings.multilingual import ENGLISH
from ..languages.detect import detect_language, dominant_script
from ..model import Sentence

__all__ = ["LATIN_LANGUAGES", "LATIN_MIN_COSINE", "SURE_SENTENCE", "article_language",
           "route"]

#: Latin-script languages the multilingual encoder (USE multilingual v3) was trained on.
LATIN_LANGUAGES = frozenset({"de", "es", "fr", "it", "nl", "pl", "pt", "tr"})
#: The multilingual cosine a sentence routed by its Latin-script language needs, besides
#: the threshold, before its match becomes a finding: the words such a sentence shares with
#: an English record are names ("NATO", "Maidan"), which lift the fused score of a news
#: sentence on the record's subject. Chosen precision first on the French, German and
#: Spanish sentences of tests/data/crosslingual/narratives_latin.yaml (the highest cosine
#: of a neighbouring news sentence plus 0.02; ``python evals/crosslingual_narratives.py
#: --latin --fit``).
LATIN_MIN_COSINE = 0.60
#: The probability from which a sentence's own identification routes it.
SURE_SENTENCE = 0.8
# The article is identified from the text of its first sentences.
_ARTICLE_SENTENCES = 40


def route(text: str, article: str | None = None) -> str | None:
    """Why ``text`` goes to the multilingual matcher (its script, or its language), or
    None when the English matcher reads it; ``article`` is its article's language."""
    script = dominant_script(text)
    if script is None:
        return None
    if script != "latin":
        return script
    if article == ENGLISH:
        return None  # identifying each sentence of an English article costs more than it finds
    guess = detect_language(text)
    if guess.language in LATIN_LANGUAGES and guess.confidence >= SURE_SENTENCE:
        return guess.language
    english = guess.language == "en" and guess.confidence >= 0.5
    if article in LATIN_LANGUAGES and not english:
        return article
    return None


def article_language(sentences: Sequence[Sentence]) -> str | None:
    """The language of the article the ``sentences`` come from, when identified surely."""
    text = " ".join(s.text for s in sentences[:_ARTICLE_SENTENCES])
    guess = detect_language(text)
    return guess.language if guess.confidence >= SURE_SENTENCE else None
