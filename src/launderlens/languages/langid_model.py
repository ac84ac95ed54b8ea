"""py3langid's language identifier, with the feature counting that costs most of its time
done by numpy instead of a Python loop over every byte: text in, the same language and
probability py3langid gives out.

py3langid counts byte sequences with an Aho-Corasick automaton: after each byte, the state
stands for the longest suffix of the text read so far that is a prefix of a feature, and
that state's feature is counted. The suffix is never longer than the automaton is deep
(six bytes for the bundled model), so the state after byte ``i`` is also the state reached
by reading only the bytes ``i - depth + 1 .. i`` from the start state; those windows are
read for all positions at once, one byte column at a time.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

__all__ = ["WindowedIdentifier", "identifier"]

logger = logging.getLogger(__name__)

# Below this many bytes py3langid's own loop is as quick as the array work.
_LOOP_BYTES = 48
# Mixed scripts and punctuation, to check at load that both ways of counting agree.
_PROBE = "Probe: déjà vu, Москва 2024; Ελλάδα; 東京 — naïve ÆØÅ 100 %!"


class WindowedIdentifier(LanguageIdentifier):  # type: ignore[misc]
    """A py3langid identifier whose raw scores come from windowed feature counts."""

    __slots__ = ("_depth", "_moves", "_outputs", "_rows", "_weights")
    _moves: np.ndarray
    _rows: np.ndarray
    _outputs: np.ndarray
    _weights: np.ndarray

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._moves = np.frombuffer(self.tk_nextmove, dtype=self.tk_nextmove.typecode)
        self._rows = np.asarray(self._rowbase, dtype=np.intp)
        self._outputs = np.asarray(self.tk_output, dtype=np.intp)
        self._depth = self._deepest()
        # The model's float16 weights, widened once (about 57 MB): widening the rows of
        # each text instead costs more than all the rest of identification.
        self._weights = self.nb_ptc.astype(np.float32)

    def _deepest(self) -> int:
        """The most bytes any state lies from the start state: the longest prefix of a
        feature the automaton follows."""
        seen = np.zeros(len(self._rows), dtype=bool)
        seen[0] = True
        frontier, depth = np.zeros(1, dtype=np.intp), 0
        while frontier.size:
            reached = np.zeros_like(seen)
            for start in range(0, frontier.size, 4096):
                rows = np.unique(self._rows[frontier[start:start + 4096]])
                reached[self._moves[(rows[:, None] + np.arange(256)).ravel()]] = True
            frontier = np.flatnonzero(reached & ~seen)
            seen |= reached
            depth += 1
        return depth - 1

    def _states(self, data: np.ndarray) -> np.ndarray:
        """The automaton's state after each byte of ``data``."""
        window = self._moves[self._rows[0] + data]  # one byte read from the start state
        states: np.ndarray = window.copy()
        for width in range(2, self._depth + 1):
            window = self._moves[self._rows[window[:-1]] + data[width - 1:]]
            states[width - 1:] = window
        return states

    def _raw_score(self, text: bytes) -> Any:
        if len(text) < _LOOP_BYTES:
            return super()._raw_score(text)
        features = self._outputs[self._states(np.frombuffer(text, dtype=np.uint8))]
        features = features[features >= 0]
        if not features.size:
            return super()._raw_score(text)
        # py3langid sums features in the order they first occur; so does this, so the
        # float32 sums, and the probabilities, come out bit for bit the same.
        ids, first, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        weights = np.log1p(counts[order].astype(np.float32))
        return weights @ self._weights[ids[order]] + self.nb_pc

    def agrees(self, text: str) -> bool:
        """Whether windowed and byte-by-byte counting give ``text`` the same scores."""
        data = self._encode(text)
        return bool(np.array_equal(self._raw_score(data), super()._raw_score(data)))


@lru_cache(maxsize=1)
def identifier() -> LanguageIdentifier:
    """The one py3langid identifier of this process, with probabilities normalised:
    windowed when it agrees with py3langid on the probe, py3langid's own otherwise (another
    py3langid version may lay its model out differently)."""
    try:
        windowed = WindowedIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        if windowed.agrees(_PROBE):
            return windowed
    except (AttributeError, TypeError):
        pass
    logger.warning("py3langid's model reads differently than expected; using its own loop")
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
