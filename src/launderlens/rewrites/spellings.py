"""Words written in two scripts in ("Лавровым", "Lavrov"), whether they spell one name out:
what the change detectors read instead of the words themselves when an English copy
retells a Russian or Ukrainian sentence, whose words it never shares as written.

A word's keys are the :func:`~launderlens.languages.translit.phonetic_key` of the word as
written and of its folded stem (:func:`launderlens.kb.names.fold`, which drops a Russian or
Ukrainian case ending), so that a name in any grammatical case meets its Latin spelling
without a dictionary. Words of one script are never compared here: within a script the
detectors compare the words as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..kb.names import fold
from ..languages.detect import dominant_script
from ..languages.translit import phonetic_key

__all__ = ["Spellings", "capitalised_words", "other_scripts", "spelled_alike"]

#: Letters at least in the shorter of two keys that one may start the other: a stem that
#: folding cut short ("лавр" of "Лавровым") against the whole name ("Lavrov").
_PREFIX_KEY = 3
#: Letters at least in a key: one letter is what two unrelated words share.
_MIN_KEY = 2


def other_scripts(a: str, b: str) -> bool:
    """Whether most letters of ``a`` and of ``b`` are written in two different scripts."""
    script_a, script_b = dominant_script(a), dominant_script(b)
    return script_a is not None and script_b is not None and script_a != script_b


@lru_cache(maxsize=1 << 14)
def _keys(word: str) -> frozenset[str]:
    keys = (phonetic_key(word), phonetic_key(fold(word)))
    return frozenset(key for key in keys if len(key) >= _MIN_KEY)


def _keys_alike(left: Iterable[str], right: Iterable[str]) -> bool:
    return any(u == v or (min(len(u), len(v)) >= _PREFIX_KEY
                          and (u.startswith(v) or v.startswith(u)))
               for u in left for v in right)


def spelled_alike(x: str, y: str) -> bool:
    """Whether two words (of any scripts) may spell one name: "Лавровым" and "Lavrov",
    "Зеленський" and "Zelensky"; "Лавров" and "Shoigu" do not."""
    return _keys_alike(_keys(x), _keys(y))


def capitalised_words(text: str) -> list[str]:
    """The words of ``text`` written with a capital (its first word too: "Шойгу провёл"
    opens with a name as often as not)."""
    return [word for word in _WORD.findall(text) if word[:1].isupper()]


_WORD = re.compile(r"[^\W\d_]+")


class Spellings:
    """The keys of the capitalised words of some texts, by script, to ask whether a word
    spells one of them that is written in another script."""

    __slots__ = ("_by_script",)

    def __init__(self, texts: Iterable[str]) -> None:
        self._by_script: dict[str, set[str]] = {}
        for text in texts:
            for word in capitalised_words(text):
                script = dominant_script(word)
                if script is not None:
                    self._by_script.setdefault(script, set()).update(_keys(word))

    def in_other_script(self, word: str) -> bool:
        """Whether a word of another script than ``word``'s spells ``word`` alike."""
        script = dominant_script(word)
        keys = _keys(word)
        return any(_keys_alike(keys, held) for other, held in self._by_script.items()
                   if other != script)
