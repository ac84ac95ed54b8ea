"""Words of English text for the lexical signals: a tokenizer that keeps apostrophes inside
words, the function words and reporting verbs that rewrites add and drop freely, and a crude
stemmer; text in, lists and sets of lower-case words out.

One home for these so that sentence coverage (rewrites) and catalogue retrieval (narratives)
read text the same way.
"""

from __future__ import annotations

import re

__all__ = ["STOP_WORDS", "stem", "words"]


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
