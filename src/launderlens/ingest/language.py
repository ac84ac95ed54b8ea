"""An article in, the same article with its ``language`` filled out: the identified
language when the reader gave none, and when the page declared one that the text plainly
contradicts (templates leave ``<html lang="en">`` on pages in every language): the text is
in another script than the declared language's, or identification is at least
:data:`OVERRULE` sure. A declared language that agrees, or that identification is not sure
enough to overrule, is kept; an overruled one stays in ``meta["declared_language"]``.
"""

from __future__ import annotations

from ..languages.detect import detect_language, dominant_script
from ..model import Article

__all__ = ["OVERRULE", "with_language"]

#: Identification's probability from which it overrules a declared language.
OVERRULE = 0.95

_LATIN = ("en", "de", "fr", "es", "it", "pl", "pt", "nl", "sv", "da", "no", "fi", "cs", "sk",
          "sl", "hr", "ro", "hu", "tr", "et", "lv", "lt", "id", "ms", "vi")
_CYRILLIC = ("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn")
# The script each common language is written in.
_SCRIPTS = {**dict.fromkeys(_LATIN, "latin"), **dict.fromkeys(_CYRILLIC, "cyrillic"),
            "el": "greek", "ar": "arabic", "fa": "arabic", "ur": "arabic", "he": "hebrew"}


def with_language(article: Article) -> Article:
    """``article`` with ``language`` set from its title and text where that is better."""
    declared = (article.language or "").split("-")[0].lower() or None
    guess = detect_language(f"{article.title or ''}\n{article.text}")
    if guess.language is None or guess.language == declared:
        return article
    if declared is not None and guess.confidence < OVERRULE:
        script = dominant_script(article.text)
        if _SCRIPTS.get(declared, script) == script:
            return article
    changed = article.with_meta(declared_language=declared) if declared else article
    return _replace_language(changed, guess.language)


def _replace_language(article: Article, language: str) -> Article:
    from dataclasses import replace

    return replace(article, language=language)
