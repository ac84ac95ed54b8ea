"""Whom each sentence credits, and the sourcing findings that follow from it: sentence texts
in, one :class:`Attribution` per sentence out; an article with its sentences and
attributions in, ``vague_attribution`` and ``state_media_origin`` findings out.

Attribution is rule-based and reads the sentence the way an editor does:

1. *Framing cues* name a source after them: "according to X", "in the words of X",
   "released by X", "quoted by X", "a report by X", "criticism from X", and datelines
   ("MOSCOW, Oct 3. /TASS/.", "KYIV (Reuters) -").
2. *Reporting verbs* (said, told, claimed, allege, revealed, arguing...) take their source
   from the subject before them ("Peskov said", "Investigative reports, including ...,
   have revealed", "with critics arguing") or, after a quotation, from the noun phrase
   after them ("'...,' said the minister"). A verb hedged by "reportedly" or "allegedly"
   ("Zelensky reportedly said") credits the hedge, not the speaker.
3. *Hedges* with no construction: "reportedly", "allegedly", "alleged", "it is said",
   "there are reports", "allegations of", "mounting evidence", "a leaked document".

A source phrase is classified by its knowledge-base outlet (state media or not), then by its
head noun (vague heads such as "critics", "sources", "reports"; bodies such as "the
ministry"; roles such as "the spokesman"), then by the shape of a proper name. Nouns such
as "officials" or "diplomats" are a ``body`` when a country or organisation qualifies them
("Ukrainian officials") and ``vague`` otherwise; "sources", "critics" and anything said on
condition of anonymity are always ``vague``.

The sentence's attribution is the earliest state-media credit if there is one, else the
earliest source of a framing cue or reporting verb, else the earliest hedge. ``start`` and
``end`` of an Attribution are offsets into *the sentence*; findings carry offsets into the
article text.

Findings:

- ``vague_attribution``: a sentence that accuses (see :func:`accusation_terms`, or a
  :class:`Claim` of type ``accusation``) and whose attribution is ``vague``. Severity
  ``high`` when the sentence names a person (outside the source phrase), else ``medium``.
  Vague sourcing of something that is not an accusation gets no finding: "analysts say
  the talks may resume" is ordinary journalism, and the Attribution already records it.
- ``state_media_origin``: the article's own outlet, domain or URL is state media in the
  knowledge base; or the article credits a state-media outlet (dateline, "released by
  TASS", "according to RIA Novosti", "told TASS"), once per outlet.

The package: :mod:`.vocabulary` (the word lists), :mod:`.outlets` (outlets named in a
text), :mod:`.phrases` (the kind of a source phrase), :mod:`.reader` (:func:`attribute`)
and :mod:`.sourcing` (the findings); the accusation words are
:mod:`launderlens.languages.accusations`.
"""

from __future__ import annotations

from ...languages.accusations import accusation_terms
from .outlets import outlet_mentions
from .reader import attribute
from .sourcing import sourcing_findings
from .vocabulary import MAX_SENTENCE_CHARS

__all__ = ["MAX_SENTENCE_CHARS", "accusation_terms", "attribute", "outlet_mentions",
           "sourcing_findings"]
