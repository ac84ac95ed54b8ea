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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..findings import Attribution, AttributionKind, Claim, Evidence, Finding, Severity
from ..kb import KnowledgeBase, Outlet, load_default
from ..languages.casefold import caseless, fold_case
from ..model import Article, Sentence
from .entities import known_person

__all__ = ["MAX_SENTENCE_CHARS", "accusation_terms", "attribute", "outlet_mentions",
           "sourcing_findings"]

#: Only this many characters of a sentence are read. News sentences are far shorter; the cap
#: keeps a hostile "sentence" of a megabyte without punctuation from costing quadratic time.
MAX_SENTENCE_CHARS = 2000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting verbs whose subject (or, after a quotation, whose object) is a source.
_REPORTING = _words("""
    say says said saying tell tells told telling stated claim claims claimed claiming allege
    alleges alleged alleging argue argues argued arguing insist insists insisted warn warns
    warned write writes wrote announce announces announced declare declares declared add
    adds added note notes noted report reports reported reveal reveals revealed revealing
    show shows showed suggest suggests suggested suggesting accuse accuses accused accusing
    confirm confirms confirmed deny denies denied dismiss dismisses dismissed reject rejects
    rejected explain explains explained emphasize emphasizes emphasized emphasise
    emphasises emphasised stress stresses stressed highlight highlights highlighted assert
    asserts asserted maintain maintains maintained contend contends contended believe
    believes concluded concludes detail details detailed quoted quotes cite cites cited
    acknowledged admitted conceded tweeted posted testified estimated predicted urged hinted
    described labelled labeled branded charged indicated mentioned commented replied
    responded promised pledged vowed remarked disclosed published documented uncovered
    exposed found finds complained condemned criticised criticized praised welcomed
    questioned question questions doubt doubts doubted wonder wondered suspect suspects
    suspected fear fears feared think thinks recalled aired broadcast broadcasts expect
    expects expected forecast forecasts see sees saw view views regard regards consider
    considers
""")
# Noun-or-verb forms: a verb only when the words around them say so (see _is_verb).
_AMBIGUOUS = _words("""
    report reports claim claims note notes detail details show shows fear fears quotes cite
    cites finds states question questions doubt doubts suspect suspects
""")
# Verbs that also take the speaker after them: "'We will not,' said Meloni."
_POSTPOSED = _words("""
    said says told added wrote writes noted claimed argued insisted warned declared explained
    stated continued asked recalled stressed emphasised emphasized concluded alleged reported
""")
_AUXILIARIES = _words("""
    has have had was were is are be been being will would could should may might must can
    did does do not also further later earlier previously again repeatedly publicly
    privately firmly strongly openly recently once already long often never ever then
    yesterday today now first separately meanwhile however too
""")
_HEDGES = _words("reportedly allegedly purportedly supposedly reputedly")
# "critics continue to allege": the subject of these verbs is the subject of the infinitive.
_RAISING = _words("""
    begin begins began begun continue continues continued start starts started seem seems
    seemed appear appears appeared go goes went
""")
_QUANTIFIERS = _words("some many most few several others all both")
_CLAUSE_OPENERS = _words("that the a an he she it they this these there his her its their")
_SEE_AS = _words("see sees saw view views regard regards consider considers")
_PASSIVE = _words("is are was were be been being get gets got")
_NOT_ADVERBS = _words("family ally assembly rally supply monopoly anomaly reply daily weekly")
_DETERMINERS = _words("""
    the a an this that these those some many several few numerous various multiple certain
    other his her its their our my your both all any each most such no
""")
_NOUN_CONTEXT = _DETERMINERS | _words("""
    recent new further more unconfirmed media press news investigative local earlier initial
    latest official independent leaked secret internal conflicting credible anonymous
    western foreign russian ukrainian of in on by from to
""")
_CLAUSE_WORDS = _words("""
    that when while whereas because although though if whether since as but where so and
    or nor
""")
_RELATIVES = _words("who which whose whom that")
_CHUNK_SKIP = _words("""
    in on at during after before following according speaking for from to by under despite
    including like unlike amid among besides over about against via per who which whose
    whom where when as while however meanwhile though too also instead
""")
_CONJUNCTIONS = _words("with and but while whereas as so yet or")

# Heads of noun phrases that never name a source.
_VAGUE_ALWAYS = _words("""
    critics critic sources source insiders insider commentators commentator pundits observers
    observer analysts analyst experts expert journalists reporters activists campaigners
    watchdogs whistleblowers whistleblower bloggers users residents locals witnesses people
    persons person someone somebody some many others most few one quarters voices circles
    specialists scholars researchers scientists economists historians politicians figures
    groups media press outlets websites reports rumours rumors rumour rumor allegations
    accusations claims evidence revelations revelation documents memo memos dossier emails
    files leaks leak studies research investigations polls they nations countries allies
    partners members observers everyone anyone speculation suggestions indications
""")
# Heads that name a body when a country or an organisation qualifies them.
_QUALIFIABLE = _words("""
    officials official diplomats diplomat authorities lawmakers leaders intelligence military
    governments ministers negotiators representatives delegates
    spokespeople troops forces security services
""")
# Singular heads that name a specific document when definite ("the report") and are vague
# when indefinite or leaked ("a report", "a leaked document").
_DOCUMENTS = _words("""
    report document study investigation inquiry survey audit analysis assessment paper
    article story memo dossier letter
""")
_BODY_NOUNS = _words("""
    government ministry kremlin administration authorities police army military court
    prosecutors prosecutor's investigators investigator statement communique communiqué declaration
    organisers organizers company firm embassy council commission parliament committee agency
    bureau office department cabinet presidency regime alliance coalition union bloc party
    campaign lawsuit indictment resolution readout release decree side team staff
    headquarters command organisation organization group foundation institute watchdog
    delegation mission secretariat leadership judge we
""")
_OUTLET_NOUNS = _words("""
    newspaper paper daily tabloid broadcaster channel magazine outlet website site portal
    publication newswire
""")
_ROLES = _words("""
    spokesman spokeswoman spokesperson minister president premier chancellor ambassador envoy
    secretary governor mayor chairman chairwoman chair head chief director commander general
    leader senator lawmaker prosecutor founder ceo author editor correspondent adviser
    advisor aide monarch king queen pope patriarch deputy he she i mr mrs ms economist lawyer
    attorney doctor professor scientist researcher historian epidemiologist surgeon engineer
    activist journalist reporter writer columnist blogger candidate witness
""")
_ANONYMOUS = caseless(
    r"\b(?:anonymity|anonymous|unnamed|unidentified|not authori[sz]ed|declined to be named"
    r"|asked not to be (?:named|identified)|familiar with|close to|who say they|leaked|secret)")
_STATE_MEDIA_GENERIC = caseless(
    r"\bstate(?:-| )?(?:run |owned |controlled |backed )?(?:media|television|tv|broadcaster"
    r"|news agency|agency|outlets?|newspapers?|channels?|press)\b")

# Capitalised titles that say the name after them is a person's.
_PERSON_TITLES = _words("""
    President Minister Chancellor Spokesman Spokeswoman Spokesperson Ambassador Envoy
    Senator Sen Rep Governor Gov Mayor Chairman Chairwoman Director Commander Admiral
    Colonel Col Lieutenant Lt Captain Capt Major Maj Sergeant Judge Prosecutor Mr Mrs Ms
    Miss Dr Prof Professor Sir Dame Lord Lady King Queen Prince Princess Pope Patriarch
    Archbishop Bishop Rev Sheikh Emir Speaker Adviser Advisor Aide MP MEP Commissioner
    Premier Secretary General Gen
""")
# Capitalised words that are titles or descriptors before a name, not part of it.
_TITLES = _PERSON_TITLES | _words("""
    President Vice Prime Minister Foreign Defence Defense Interior Finance Deputy Chancellor
    Secretary General Gen Spokesman Spokeswoman Spokesperson Press Ambassador Envoy Special
    Senator Sen Rep Representative Governor Gov Mayor Chairman Chairwoman Chair Chief Head
    Director Commander Admiral Colonel Col Lieutenant Lt Captain Capt Major Maj Sergeant
    Judge Justice Prosecutor Attorney Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady
    King Queen Prince Princess Pope Patriarch Archbishop Bishop Rev Father Sheikh Emir Crown
    Speaker Leader Opposition Former Ex Acting Senior Top Kremlin White House State
    Presidential Adviser Advisor Aide MP MEP Commissioner High Supreme First Economy Trade
    Health Energy Culture Education Agriculture Transport Chief-of-Staff Western European
    Eastern Northern Southern Central The A An This That These Those Then Now Meanwhile
    According However In On At Mr. Dr. Ukraine's Russia's
""")
_ORG_WORDS = _words("""
    Ministry Ministries Government Kremlin Council Commission Parliament Office Department
    Committee Court Police Army Forces Force Navy Bank Union Organization Organisation
    Institute Institution Foundation Party Embassy Pentagon Agency Authority Authorities
    Service Services Assembly Senate Congress Cabinet Administration Company Corporation
    Corp Inc Ltd Group University Centre Center Bureau Directorate Duma Rada Bundestag Sejm
    Secretariat Alliance Coalition Federation Association League Tribunal Guard Watch
    International Fund Programme Program Mission Observatory Board Staff Command
    Headquarters Presidency Palace House Club Forum Initiative Trust Society Endowment
    Studies Research Academy Church Patriarchate Municipality Prosecutor's Prosecutors
    Statement Declaration Communique Organisers Organizers Ministers Nations
""")
_OUTLET_WORDS = _words("""
    Times Post News Journal Herald Gazette Daily Tribune Telegraph Chronicle Courier Observer
    Guardian Monitor Review Express Mirror Sun Star Magazine Weekly Wire Reporter Radio TV
    Television Broadcasting Broadcaster Channel Insider Pravda Gazeta Vedomosti Izvestia
    Zeitung Allgemeine Spiegel Monde Figaro Corriere Repubblica Independent Sentinel
    Bulletin Dispatch Ledger Examiner Inquirer Enquirer Record Beacon Interfax Bloomberg
    Politico Axios CNN Euronews Meduza Kommersant
""")
_CAPITALS = _words("""
    Moscow Kyiv Kiev Washington Brussels Beijing Paris London Berlin Rome Warsaw Budapest
    Minsk Ankara Tehran Tokyo Ottawa Tallinn Riga Vilnius Westminster Whitehall Downing
""")
_MONTHS_DAYS = _words("""
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""")

_TOKEN = re.compile(r"[\w’'.\-]*\w")
_PROPER = re.compile(r"[A-ZÀ-ÞĀ-Ž][\w’'\-]*\.?")


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A source phrase at ``start:end`` of the sentence; ``cue`` is 2 for a framing cue or
    a reporting verb, 1 for a hedge."""

    kind: AttributionKind
    start: int
    end: int
    cue: int
    affiliation: str | None = None


def attribute(sentences: Sequence[str], *, kb: KnowledgeBase | None = None
              ) -> list[Attribution]:
    """One :class:`Attribution` per sentence, in order; ``Attribution.sentence`` is the
    position in ``sentences``.

    ``source`` is the source phrase as written, and ``start``/``end`` its offsets *within
    the sentence* (both None, like ``source``, for kind ``none``). ``affiliation`` is the
    outlet's state affiliation from ``kb`` (the shipped knowledge base by default), or
    ``"state_media"`` for an unnamed "state media" credit.
    """
    base = kb or load_default()
    out = []
    for index, text in enumerate(sentences):
        chosen = _choose(_candidates(text[:MAX_SENTENCE_CHARS], base))
        if chosen is None:
            out.append(Attribution(index, None, "none"))
        else:
            out.append(Attribution(index, text[chosen.start:chosen.end], chosen.kind,
                                   chosen.affiliation, chosen.start, chosen.end))
    return out


def _choose(candidates: list[_Candidate]) -> _Candidate | None:
    """The earliest state-media credit, else the earliest cued source, else the earliest
    hedge: a sentence is credited to whoever frames it first."""
    cued = [c for c in candidates if c.cue >= 2]
    for pool in ([c for c in cued if c.kind == "state_media"], cued, candidates):
        if pool:
            return min(pool, key=lambda c: (c.start, -c.end))
    return None


# --- finding source phrases -------------------------------------------------------------

_FRAMING = caseless(
    r"\b(?:according to|in the words of|as quoted by|quoted by|cited by|released by"
    r"|reported by|published by|carried by|broadcast by|issued by|obtained by|seen by"
    r"|revealed by|announced by|confirmed by|stated by|claimed by|alleged by|made public by"
    r"|interpreted by|described by|viewed by|regarded by|denounced by|condemned by"
    r"|critici[sz]ed by|branded by|labell?ed by|disputed by|questioned by|documented by"
    r"|(?:reports?|investigations?|stud(?:y|ies)|statements?|analys[ie]s|surveys?|articles?"
    r"|stor(?:y|ies)|interviews?|dispatch(?:es)?|documents?|footage|poll|audit|review"
    r"|findings|assessment|inquiry|probe|those|one)(?: published| released)? by"
    r"|(?:praise|criticism|condemnation|scrutiny|support|accusations|allegations|claims"
    r"|warnings|pressure|questions|calls|objections|concerns?) from)\s+")
_NP_END = re.compile(
    r"[,;:.!?\"“”()\[\]]|[’'](?=\s|$)|\s(?:that|which|when|while|because|but|whereas"
    r"|although|if|whether|as|after|before|since|during|on|last|this|yesterday|today"
    r"|and said|to)\b")
_DATELINE_SLASH = re.compile(r"/\s*([A-Z][\w .\-]{1,30}?)\s*/")
_DATELINE_PAREN = re.compile(r"\(([A-Z][\w .\-]{1,30}?)\)")
_CAPITALISED_RUN = re.compile(r"(?:[A-ZÀ-ÞĀ-Ž][\w’'\-]*\.? ?)+")
_PERSONAL_PRONOUN = caseless(r"\b(?:he|she|him|his|her|hers)\b")
_HEDGE_WORD = re.compile(
    r"(?i:reportedly|allegedly|purportedly|supposedly|reputedly|rumou?redly|alleged"
    r"|(?:is|are|was|were) \w+ to|it \w+(?: been)? \w+)")
_GERUND_TAIL = re.compile(r"\s(?:for|by|in|on|to|over) \w+ing\b")
_QUOTE_BREAKS = re.compile(r"[;:\"“”«»]|[,.!?][’']|\s‘|\s[—–]\s")
_PLAIN_BREAKS = re.compile(r"[;:]|\s[—–]\s")
# Quotations: the words inside are the quoted speaker's, not the article's.
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|(?<!\w)‘.*?’(?!\w)|(?<!\w)'.*?'(?!\w)")
_BOUNDARY_WORDS = _CLAUSE_WORDS - {"and", "or", "nor"}
_ANTECEDENT_CUT = re.compile(
    r"\b(?:with|to|of|for|from|by|at|on|in|among|between|against|than|about|has|have|had|is"
    r"|are|was|were|put|met|drew|drawn)\s+")
_HEDGE_PATTERNS = caseless(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|reputedly|rumou?redly"
    r"|(?:is|are|was|were) (?:said|believed|thought|understood|alleged|reported|rumou?red"
    r"|claimed|suspected) to"
    r"|it (?:is|was|has been|had been) (?:said|believed|alleged|claimed|reported|rumou?red"
    r"|understood|thought|suspected|suggested|revealed|learned|learnt)"
    r"|there (?:are|were|have been|had been) (?:reports|claims|allegations|rumou?rs"
    r"|suggestions|indications|accusations)"
    r"|alleged|allegations? (?:of|that)|accusations? (?:of|that)|claims (?:of|that)"
    r"|(?:mounting|growing|new|fresh|damning|ample) evidence|evidence (?:of|that|suggests)"
    r"|rumou?rs (?:of|that)|revelations?|questions (?:have been|were|are being) raised"
    r"|raising questions|(?:a |an )?leaked \w+|(?:media|press|news|investigative"
    r"|unconfirmed|local|some|several|multiple) reports|reports (?:of|that)"
    r"|(?:it|this) (?:is|was) (?:widely )?(?:believed|rumou?red))\b")


@dataclass(frozen=True, slots=True)
class _Parse:
    """A sentence read once: its word tokens, which of them are reporting verbs, its
    quotations, and where clauses may start (so that each verb costs little)."""

    text: str
    folded: str  # for the caseless patterns (see launderlens.languages.casefold)
    tokens: list[re.Match[str]]
    verbs: list[bool]
    quoted: list[tuple[int, int]]
    quote_breaks: list[int]
    plain_breaks: list[int]
    word_breaks: list[int]  # token indexes after which a clause may start


def _parse(text: str) -> _Parse:
    tokens = list(_TOKEN.finditer(text))
    words = [t.group().lower() for t in tokens]
    verbs = [word in _REPORTING and _is_verb(tokens, i) for i, word in enumerate(words)]
    word_breaks = [i for i, word in enumerate(words)
                   if (word in _BOUNDARY_WORDS and tokens[i].start() > 0)
                   # "Two diplomats said the draft accuses": a complement without "that"
                   or verbs[i]]
    return _Parse(text, fold_case(text), tokens, verbs,
                  [m.span() for m in _QUOTATION.finditer(text)],
                  [m.end() for m in _QUOTE_BREAKS.finditer(text)],
                  [m.end() for m in _PLAIN_BREAKS.finditer(text)], word_breaks)


def _candidates(text: str, kb: KnowledgeBase) -> list[_Candidate]:
    parse = _parse(text)
    found = [*_dateline_candidates(text, kb), *_framing_candidates(parse, kb),
             *_verb_candidates(parse, kb)]
    if not any(c.cue >= 2 for c in found):
        found += [_Candidate("vague", m.start(), m.end(), 1)
                  for m in _HEDGE_PATTERNS.finditer(parse.folded)]
    return found


def _dateline_candidates(text: str, kb: KnowledgeBase) -> Iterator[_Candidate]:
    matches = [*_DATELINE_SLASH.finditer(text[:120]), *_DATELINE_PAREN.finditer(text[:80])]
    for match in matches:
        outlet = kb.outlet_for(match.group(1))
        if outlet is not None:
            yield _outlet_candidate(outlet, match.start(1), match.end(1), 3)


def _framing_candidates(parse: _Parse, kb: KnowledgeBase) -> Iterator[_Candidate]:
    for match in _FRAMING.finditer(parse.folded):
        if _inside(match.start(), parse.quoted):
            continue
        candidate = _phrase_after(parse, match.end(), kb)
        if candidate is not None:
            yield candidate


def _phrase_after(parse: _Parse, at: int, kb: KnowledgeBase) -> _Candidate | None:
    """The source phrase that starts at ``at`` and runs to the end of its noun phrase."""
    text = parse.text
    end_match = _NP_END.search(text, at)
    end = end_match.start() if end_match else len(text)
    gerund = _GERUND_TAIL.search(text, at, end)  # "praise from some quarters for doing"
    end = gerund.start() if gerund else end
    first = bisect.bisect_left(parse.tokens, at, key=lambda t: t.start())
    words: list[re.Match[str]] = []
    for index in range(first, len(parse.tokens)):
        token = parse.tokens[index]
        if token.end() > end or len(words) > 12:
            break
        if words and parse.verbs[index] and token.group().islower():
            break  # "released by the organisers said ..."
        words.append(token)
    if not words or len(words) > 12:
        return None
    return _classify(text, words[0].start(), words[-1].end(), kb)


def _verb_candidates(parse: _Parse, kb: KnowledgeBase) -> Iterator[_Candidate]:
    tokens = parse.tokens
    for position, token in enumerate(tokens):
        if not parse.verbs[position] or _inside(token.start(), parse.quoted):
            continue
        word = token.group().lower()
        before = tokens[position - 1].group().lower() if position else ""
        if before in _HEDGES:
            yield _Candidate("vague", tokens[position - 1].start(),
                             tokens[position - 1].end(), 2)
            continue
        if before in _PASSIVE and word != "quoted":
            # "Zelensky was accused by critics": the source is the agent, if any.
            after = tokens[position + 1] if position + 1 < len(tokens) else None
            if after is not None and after.group() == "by":
                candidate = _phrase_after(parse, after.end(), kb)
                if candidate is not None:
                    yield candidate
            continue
        yield from _speaker(parse, token, kb)


def _speaker(parse: _Parse, verb: re.Match[str], kb: KnowledgeBase) -> Iterator[_Candidate]:
    """The source of the reporting verb ``verb``: its subject, else (after a quotation or
    a comma) the phrase after it, else its subject across quotation marks."""
    candidate = _subject_before(parse, verb.start(), kb, quotes=True)
    if candidate is None and verb.group().lower() in _POSTPOSED and \
            _nothing_before(parse.text, verb.start()):
        candidate = _phrase_after(parse, verb.end(), kb)
    if candidate is None:
        candidate = _subject_before(parse, verb.start(), kb, quotes=False)
    if candidate is not None:
        yield candidate


def _is_verb(tokens: list[re.Match[str]], position: int) -> bool:
    """Whether the reporting word at ``position`` is a verb, not a noun or an adjective."""
    word = tokens[position].group().lower()
    before = tokens[position - 1].group().lower() if position else ""
    earlier = tokens[position - 2].group().lower() if position > 1 else ""
    after = tokens[position + 1].group().lower() if position + 1 < len(tokens) else ""
    if before in _QUANTIFIERS and (not word.endswith("ed") or after in _CLAUSE_OPENERS):
        return word not in _AMBIGUOUS or after in _CLAUSE_OPENERS  # "many believe"
    if before in _DETERMINERS or before.endswith(("’s", "'s", "’")):
        return False  # "the alleged plot", "Kyiv's claims"
    if before == "to":
        return earlier in _RAISING  # "declined to comment", but "critics continue to allege"
    if word.startswith("report") and _next_word(tokens, position) == "to":
        return False  # "reports (directly) to the minister": a chain of command, not a source
    if word in _SEE_AS:  # "observers see the fire as sabotage"
        return any(t.group() == "as" for t in tokens[position + 1:position + 9])
    if word in _AMBIGUOUS:
        if not before or before in _NOUN_CONTEXT:
            return False
        if after in _AUXILIARIES or after in _REPORTING or after.endswith("ing") or \
                after in {"of", "by", "from", "about", "in"}:
            return False  # "reports have", "claims circulating online"
    return True


def _next_word(tokens: list[re.Match[str]], position: int) -> str:
    """The next word after ``position`` that is not an adverb."""
    for token in tokens[position + 1:]:
        word = token.group().lower()
        if not (word.endswith("ly") and word not in _NOT_ADVERBS):
            return word
    return ""


def _nothing_before(text: str, at: int) -> bool:
    """Whether only a quotation, a comma or nothing stands between the verb and its clause
    start: the speaker then follows the verb."""
    head = text[:at].rstrip()
    return not head or head[-1] in ",:\"“”’'" or head.endswith(("—", "–"))


def _subject_before(parse: _Parse, at: int, kb: KnowledgeBase, *, quotes: bool
                    ) -> _Candidate | None:
    """The subject of the verb at ``at``: the last comma-separated chunk of its clause that
    is not a parenthetical ("in a statement", "who ...", "released by TASS"). With
    ``quotes``, a closing quotation mark also starts the clause.

    An appositive gives way to the name before it ("Dmitry Peskov, the Kremlin spokesman,
    said"), and a vague group to a named member ("Critics, including X, say").
    """
    text = parse.text
    start = _clause_start(parse, at, quotes=quotes)
    chunk_end = at
    after_relative = False
    including: tuple[int, int] | None = None
    while chunk_end > start:
        comma = text.rfind(",", start, chunk_end)
        chunk_start = comma + 1 if comma >= 0 else start
        span = _trim_subject(text, chunk_start, chunk_end)
        if span is None:
            first = _TOKEN.search(text, chunk_start, chunk_end)
            word = first.group().lower() if first is not None else ""
            after_relative = word in ("who", "which", "whose")
            if word == "including" and first is not None:
                including = (first.end(), chunk_end)
            chunk_end = comma if comma >= 0 else start
            continue
        if after_relative:  # "... at odds with European leaders, who argue": the antecedent
            cuts = [m.end() for m in _ANTECEDENT_CUT.finditer(text, span[0], span[1])]
            span = (cuts[-1], span[1]) if cuts else span
        candidate = _classify(text, span[0], span[1], kb)
        if comma >= 0 and _looks_appositive(text, span[0]) and \
                (candidate is None or candidate.kind != "state_media"):
            earlier = _subject_before(parse, comma, kb, quotes=quotes)
            if earlier is not None and earlier.kind == "person":
                return earlier
        if candidate is not None and candidate.kind == "vague" and including is not None:
            member = _phrase_after(parse, including[0], kb)
            if member is not None and member.kind != "vague":
                return member
        return candidate
    return None


def _clause_start(parse: _Parse, at: int, *, quotes: bool) -> int:
    """Where the clause of the word at ``at`` starts: after the last clause break before it
    (a semicolon, a colon, a dash, a conjunction, a reporting verb; a quotation mark when
    ``quotes``)."""
    breaks = parse.quote_breaks if quotes else parse.plain_breaks
    found = bisect.bisect_right(breaks, at)
    start = breaks[found - 1] if found else 0
    tokens = parse.tokens
    last = bisect.bisect_left(parse.word_breaks, bisect.bisect_left(
        tokens, at, key=lambda t: t.start()))
    for index in reversed(parse.word_breaks[:last]):
        token = tokens[index]
        if token.start() < start:
            break
        if token.end() < at and parse.text[token.end():at].strip():
            return token.end()
    return start


def _trim_subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase in ``text[start:end]`` once conjunctions, auxiliaries and adverbs
    are stripped, or None for a parenthetical or an empty chunk."""
    tokens = list(_TOKEN.finditer(text, start, end))
    while tokens and _is_trailing_filler(tokens[-1].group()):
        tokens.pop()
    while tokens and tokens[0].group().lower() in _CONJUNCTIONS:
        tokens.pop(0)
    if not tokens:
        return None
    first = tokens[0].group()
    lowered = first.lower()
    participle = lowered.endswith(("ed", "ing")) and len(lowered) > 4
    second = tokens[1].group() if len(tokens) > 1 else ""
    if lowered in _CHUNK_SKIP or (participle and (first.islower() or second in _CHUNK_SKIP)):
        return None  # "in a statement", "released by TASS", "Speaking to reporters"
    relative = next((i for i, t in enumerate(tokens) if i and t.group().lower() in _RELATIVES),
                    len(tokens))
    if relative > 10:
        return None
    return tokens[0].start(), tokens[-1].end()


def _is_trailing_filler(token: str) -> bool:
    lowered = token.lower()
    if lowered in _AUXILIARIES or lowered in _RAISING or lowered in _HEDGES or lowered == "to":
        return True
    return token.islower() and lowered.endswith("ly") and lowered not in _NOT_ADVERBS


def _looks_appositive(text: str, start: int) -> bool:
    return text[start:].split(" ", 1)[0].lower() in ("the", "a", "an")


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < at < end for start, end in spans)


# --- classifying a source phrase --------------------------------------------------------


def _outlet_candidate(outlet: Outlet, start: int, end: int, cue: int) -> _Candidate:
    kind: AttributionKind = ("state_media" if outlet.state_affiliation == "state_media"
                             else "outlet")
    return _Candidate(kind, start, end, cue, outlet.state_affiliation)


_RELATIVE_CLAUSE = re.compile(r"\s(?:who|which|whose|whom|that)\b")
_PREPOSITION = re.compile(r"\s(of|for|at|from|in|with|by|on|inside|within)\s")


def _classify(text: str, start: int, end: int, kb: KnowledgeBase) -> _Candidate | None:
    """The source kind of the phrase ``text[start:end]``, or None when it names no source.

    The phrase is judged by its core, the part before a relative clause ("journalists who
    exposed X" is judged as "journalists"), except that anonymity anywhere makes it vague.
    """
    while start < end and text[start] in "\"“”‘’' ":
        start += 1
    phrase = text[start:end]
    if not phrase:
        return None
    # Articles credit the same few sources again and again ("the ministry", "Reuters"): a
    # phrase is judged once per knowledge base, like a name looked up in it.
    judged = _kb_tables(kb).judged
    if phrase not in judged:
        if len(judged) >= _MAX_JUDGED:
            judged.clear()
        judged[phrase] = _judge(phrase, kb)
    found = judged[phrase]
    return _Candidate(found[0], start, end, 2, found[1]) if found is not None else None


_MAX_JUDGED = 1 << 16


def _judge(phrase: str, kb: KnowledgeBase) -> tuple[AttributionKind, str | None] | None:
    """The kind and state affiliation of the source ``phrase`` names (see :func:`_classify`)."""
    relative = _RELATIVE_CLAUSE.search(phrase)
    core = phrase[:relative.start()] if relative else phrase
    if len(core.split()) > 10:
        return None
    for outlet, _, _ in outlet_mentions(core, kb):
        found = _outlet_candidate(outlet, 0, 0, 2)
        return found.kind, found.affiliation
    if _STATE_MEDIA_GENERIC.search(fold_case(core)):
        return "state_media", "state_media"
    if _ANONYMOUS.search(fold_case(phrase)) and _kind_of_phrase(core, kb) is not None:
        return "vague", None
    kind = _kind_of_phrase(core, kb)
    return (kind, None) if kind is not None else None


def _kind_of_phrase(phrase: str, kb: KnowledgeBase) -> AttributionKind | None:
    """The kind a source phrase (without its relative clause) names, judged by its head
    noun, then by a proper name at its end, then by organisation and outlet words."""
    head_part, _, modifier = _split_head(phrase)
    tokens = head_part.split()
    while len(tokens) > 1 and tokens[-1].islower() and tokens[-1].endswith(("ing", "ed")):
        tokens.pop()  # "claims circulating", "the statement released"
    if not tokens:
        return None
    head = tokens[-1].lower().strip("’'")
    possessive = _possessor(tokens)
    if possessive is not None:
        owner_kind = _kind_of_phrase(possessive, kb)
        if head in _VAGUE_ALWAYS:
            return "vague"
        if head in _ROLES and owner_kind == "person":
            return "person"
        return "body" if owner_kind in ("person", "body") else owner_kind
    lowered = [t.lower() for t in tokens]
    indefinite = lowered[0] in ("a", "an", "one", "some", "several", "two", "three")
    if _ANONYMOUS.search(fold_case(phrase)) or (head in _VAGUE_ALWAYS
                                                and head not in _DOCUMENTS):
        if head in ("reports", "claims", "documents", "studies") and _named(modifier, kb):
            return _kind_of_phrase(modifier, kb)
        if head in ("analysts", "experts", "researchers", "scientists", "economists",
                    "historians", "scholars", "specialists") and _named(modifier, kb):
            return "body"  # "analysts at Chatham House"
        return "vague"
    if head in _DOCUMENTS:
        if _named(modifier, kb):
            return _kind_of_phrase(modifier, kb)
        definite = lowered[0] in ("the", "this", "that")
        return "body" if definite else "vague"
    if head in _QUALIFIABLE:  # the head itself, capitalised first in a sentence, is no qualifier
        qualified = any(_is_qualifier(t, kb) for t in tokens[:-1]) or _named(modifier, kb)
        return "body" if qualified else "vague"
    if head in _ROLES:
        if head.startswith("spokes") and (indefinite or len(tokens) > 1) and \
                (any(t[:1].isupper() or t.lower() in _BODY_NOUNS for t in tokens[:-1])
                 or _named(modifier, kb)):
            return "body"  # "a Kremlin spokesman", "a spokeswoman for the ministry"
        return "vague" if indefinite and not _named(modifier, kb) else "person"
    name = _person_name(tokens, kb)
    if name is not None:
        return "person"
    if head in _BODY_NOUNS or any(t.strip("’'") in _ORG_WORDS for t in tokens):
        return "body"
    if head in _OUTLET_NOUNS or any(t in _OUTLET_WORDS for t in tokens):
        return "outlet"
    if _is_place_or_acronym(tokens, kb):
        return "body"
    return None


def _split_head(phrase: str) -> tuple[str, str, str]:
    """``phrase`` cut before its first preposition: (head part, preposition, rest)."""
    match = _PREPOSITION.search(phrase)
    if match is None:
        return phrase, "", ""
    return phrase[:match.start()], match.group(1), phrase[match.end():]


def _possessor(tokens: list[str]) -> str | None:
    for i, token in enumerate(tokens[:-1]):
        if token.endswith(("’s", "'s")):
            return " ".join([*tokens[:i], token[:-2]])
        if token.endswith(("s’", "s'")) and token[:1].isupper():
            return " ".join([*tokens[:i], token[:-1]])
    return None


def _named(phrase: str, kb: KnowledgeBase) -> bool:
    """Whether ``phrase`` (a modifier) names an organisation, outlet, place or person."""
    if not phrase.strip():
        return False
    if outlet_mentions(phrase, kb):
        return True
    tokens = phrase.split()
    return any(t[:1].isupper() for t in tokens) or any(t.lower() in _BODY_NOUNS
                                                       for t in tokens)


def _is_qualifier(token: str, kb: KnowledgeBase) -> bool:
    bare = token.strip("’'").removesuffix("’s").removesuffix("'s")
    if bare in _ORG_WORDS or bare in _CAPITALS or (bare.isupper() and len(bare) >= 2):
        return True
    return bare.rstrip(".") in _jurisdiction_words(kb)


def _jurisdiction_words(kb: KnowledgeBase) -> frozenset[str]:
    """Country and organisation names and adjectives of ``kb``, and each of their words."""
    return _kb_tables(kb).places


def _person_name(tokens: list[str], kb: KnowledgeBase) -> str | None:
    """The proper name that ends ``tokens`` once titles are stripped ("Foreign Minister
    Elina Valtonen" -> "Elina Valtonen"), or None when the phrase does not end in one."""
    run: list[str] = []
    for token in reversed(tokens):
        bare = token.strip("’'\"")
        if not _PROPER.fullmatch(bare) or (bare.isupper() and len(bare) > 1):
            break
        run.insert(0, bare.rstrip("."))
    places = _jurisdiction_words(kb)
    titles = [i for i, word in enumerate(run) if word in _TITLES or word in places]
    if titles:  # "Finnish Foreign Minister Elina Valtonen": the name follows the last title
        run = run[titles[-1] + 1:]
    if not run or len(run) > 4:
        return None
    name = " ".join(run)
    if known_person(kb, name) is not None:
        return name
    if any(w in _ORG_WORDS or w in _OUTLET_WORDS or w in _CAPITALS or w in _MONTHS_DAYS
           or w in places or w in _TITLES for w in run):
        return None
    if len(run) == 1 and run[0].lower() in _VAGUE_ALWAYS | _BODY_NOUNS | _ROLES:
        return None
    return name


def _is_place_or_acronym(tokens: list[str], kb: KnowledgeBase) -> bool:
    bare = [t.strip("’'") for t in tokens if t.lower() not in _DETERMINERS]
    if not bare:
        return False
    joined = " ".join(bare).rstrip(".")
    if joined in _CAPITALS or joined in _jurisdiction_words(kb):
        return True
    return len(bare) == 1 and bare[0].isupper() and 2 <= len(bare[0]) <= 6


def outlet_mentions(text: str, kb: KnowledgeBase) -> list[tuple[Outlet, int, int]]:
    """Every outlet of ``kb`` named in ``text``, with its span, in order of position.

    Names and aliases match as whole words and case-sensitively, so that "AP" is the
    agency and "ap" is not; an all-capitals name of four letters or more also matches in
    title case ("Tass"). A web address matches the outlet that owns its domain.
    """
    found: list[tuple[Outlet, int, int]] = []
    tables = _kb_tables(kb)
    if tables.any_outlet.search(text) is not None:
        # Only the outlets whose names occur at all are searched for as whole words.
        present = {name for name in tables.names if name in text}
        for outlet, names, pattern in tables.outlets:
            if not names.isdisjoint(present):
                found += [(outlet, m.start(), m.end()) for m in pattern.finditer(text)]
    if _TOP_LEVEL_DOMAIN.search(text) is not None:  # a cheap scan before the costly one
        for match in _DOMAIN.finditer(text):
            owner = kb.outlet_for(match.group())
            if owner is not None:
                found.append((owner, match.start(), match.end()))
    found.sort(key=lambda item: (item[1], -item[2]))
    kept: list[tuple[Outlet, int, int]] = []
    for item in found:
        if not kept or item[1] >= kept[-1][2]:
            kept.append(item)
    return kept


_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|ru|cn|ir|by|tr|net|org|uk)\b")
_TOP_LEVEL_DOMAIN = re.compile(r"\.(?:com|ru|cn|ir|by|tr|net|org|uk)\b")


@dataclass(frozen=True, slots=True)
class _Tables:
    kb: KnowledgeBase
    #: Each outlet, the names its pattern matches, and the pattern.
    outlets: list[tuple[Outlet, frozenset[str], re.Pattern[str]]]
    names: tuple[str, ...]  # every outlet's names
    places: frozenset[str]
    #: Any outlet name at all, without word boundaries: one search rules out the
    #: per-outlet patterns for the many sentences that name no outlet.
    any_outlet: re.Pattern[str]
    #: Source phrases already judged: phrase -> (kind, affiliation), or None (no source).
    judged: dict[str, tuple[AttributionKind, str | None] | None] = field(default_factory=dict)


_TABLES: dict[int, _Tables] = {}


def _outlet_patterns(kb: KnowledgeBase) -> list[tuple[Outlet, re.Pattern[str]]]:
    return [(outlet, pattern) for outlet, _, pattern in _kb_tables(kb).outlets]


def _kb_tables(kb: KnowledgeBase) -> _Tables:
    """The lookups built from ``kb``, built once per knowledge base."""
    cached = _TABLES.get(id(kb))
    if cached is not None and cached.kb is kb:
        return cached
    patterns = []
    every_name: set[str] = set()
    for outlet in kb.outlets.values():
        names = {outlet.name, *outlet.aliases}
        names |= {n.title() for n in names if n.isupper() and len(n) >= 4}
        names |= {n.removeprefix("The ") for n in names}
        every_name |= names
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        patterns.append((outlet, frozenset(names),
                         re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])")))
    any_outlet = re.compile("|".join(re.escape(n) for n in sorted(every_name) if n) or "(?!)")
    places: set[str] = {"European", "Kremlin", "Pentagon"}
    for item in kb.jurisdictions.values():
        for text in (item.name, *item.aliases, *item.adjectives):
            places.add(text.rstrip("."))
            places.update(text.rstrip(".").split())
    tables = _Tables(kb, patterns, tuple(sorted(every_name)), frozenset(places), any_outlet)
    if len(_TABLES) > 8:  # a long-lived process that loads many KBs keeps the latest few
        _TABLES.clear()
    _TABLES[id(kb)] = tables
    return tables


# --- accusations and findings -----------------------------------------------------------

_STRONG_ACCUSATIONS = caseless(
    r"(?<!anti-)(?<!anti )\b(?:corrupt(?:ion|ed|ly)?|siphon\w*|embezzl\w*|misappropriat\w*"
    r"|divert\w*(?: \w+){0,3} (?:funds|aid|money|billions|millions|weapons|assistance)"
    r"|money[- ]laundering|launder(?:ed|ing|s)? (?:money|funds|cash|proceeds|billions|millions)"
    r"|brib\w+|kickbacks?|fraud\w*|shell compan(?:y|ies)|offshore (?:accounts?|compan(?:y|ies)"
    r"|havens?|entities|firms?)|cover[- ]?ups?|covered up|covering up|sabotag\w+|derail\w*"
    r"|war crimes?|crimes against humanity|genocid\w*|ethnic cleansing|atrocit(?:y|ies)"
    r"|massacre\w*|tortur\w+|stole|stolen|steal\w*|theft|loot(?:ed|ing)|plunder\w*"
    r"|personal gain|private (?:accounts|pockets)|enrich\w* (?:himself|herself|themselves)"
    r"|pocket(?:ed|ing)|skim(?:med|ming)|rigg(?:ed|ing)|election fraud|extort\w*"
    r"|blackmail\w*|collu(?:sion|ded|ding)|treason\w*|espionage|spied|spying|smuggl\w+"
    r"|traffick\w+|(?:sponsor|fund|financ)\w* terror\w*|biolab\w*|bio-?weapons?"
    r"|chemical weapons|staged|false[- ]flag|neo-?nazi\w*|murder\w*|assassinat\w*"
    r"|kill(?:ed|ing) civilians|kidnap\w*|abduct\w*|deport\w* children|nepotism"
    r"|insider trading|tax evasion|abuse of (?:power|office)|illicit\w*|ill-gotten"
    r"|racketeering|cronyism|ponzi|pilfer\w*|graft"
    # falsification and elections
    r"|falsif\w+|forg(?:ed|ery|eries)|fabricat\w+|doctored|tamper\w*|ballot[- ]stuffing"
    r"|vote[- ]buying|bought votes|buying votes"
    # trade in what was meant for others
    r"|black[- ]market\w*|contraband|(?:sold|resold|sell\w*) (?:off )?(?:\w+ ){0,2}(?:aid"
    r"|weapons|arms|donations|supplies)"
    # violence against people in someone's power
    r"|extrajudicial|summary executions?|execut\w+ (?:\w+ )?(?:prisoners|civilians|captives"
    r"|detainees|hostages|soldiers)|(?:prisoners|civilians|captives|detainees|hostages)"
    r"(?: of war)? (?:were|was|had been|have been) executed|(?:beat|beaten|beating|assault\w*)"
    r" (?:up )?(?:\w+ )?(?:protesters|demonstrators|detainees|prisoners|journalists|civilians"
    r"|activists)|rap(?:e|ed|es|ing)|sexual violence|ill-treat\w*|persecut\w+"
    r"|forcibly (?:deported|transferred|displaced)|poison\w*|deliberately (?:targeted|shelled"
    r"|bombed|attacked|killed)|war criminals?"
    # sanctions and agreements
    r"|violat\w+ (?:the |international )?(?:\w+ )?(?:embargo|sanctions|ceasefire|truce|law"
    r"|agreement|accord|treaty|constitution|rights)|breach\w* (?:of )?(?:the )?(?:\w+ )?"
    r"(?:embargo|sanctions|ceasefire)|(?:evad|dodg|circumvent)\w* (?:the )?(?:\w+ )?sanctions"
    r"|sanctions[- ]busting"
    # self-dealing
    r"|enrich\w* (?:himself|herself|themselves|cronies|allies|relatives|friends|family"
    r"|(?:his|her|their) \w+)|lin(?:e|ed|es|ing) (?:his|her|their) (?:own )?pockets"
    r"|steer\w* (?:\w+ )?(?:contracts?|tenders?|deals?)|favou?ritism|slush funds?"
    r"|(?:hid|hidden|hiding|conceal\w*) (?:\w+ ){0,2}(?:assets|funds|money|wealth|evidence))"
    r"\b")
_WEAK_ACCUSATIONS = caseless(
    r"\b(?:illegal\w*|unlawful\w*|mismanag\w*|misus\w+|wrongdoing|complicit\w*|profiteer\w*"
    r"|exploit\w* the (?:war|conflict|crisis)|perpetuat\w* the (?:war|conflict)"
    r"|prolong\w* (?:the )?(?:war|conflict)|secretly (?:fund|financ|paid|transferr)\w*"
    r"|lied|lying|conflicts? of interest|(?:funds|money|aid|donations|millions|billions)"
    r" (?:\w+ ){0,3}(?:ended up|disappeared|vanished|went missing|unaccounted for))\b")
_NEGATION = caseless(
    r"\b(?:no|not|never|denied|denies|deny|denying|rejected|rejects|dismissed|dismisses"
    r"|false|unfounded|baseless|debunked|cleared|without)\b(?:\W+\w+){0,4}\W+$")


def accusation_terms(text: str) -> tuple[list[str], bool]:
    """The accusation words of ``text`` and whether any is strong.

    Strong terms name a crime or a grave abuse (corruption, siphoned, war crimes, shell
    companies, sabotaged...); weak ones only suggest one (illegal, mismanagement,
    complicit). A term negated just before it ("no evidence of corruption", "denied
    taking bribes") does not count, nor does "anti-corruption".
    """
    terms: list[str] = []
    strong = False
    folded = fold_case(text)
    for pattern, is_strong in ((_STRONG_ACCUSATIONS, True), (_WEAK_ACCUSATIONS, False)):
        for match in pattern.finditer(folded):
            start, end = match.span()
            if _NEGATION.search(folded[max(0, start - 60):start]):
                continue
            terms.append(text[start:end].lower())
            strong = strong or is_strong
    return list(dict.fromkeys(terms)), strong


def sourcing_findings(article: Article, sentences: Sequence[Sentence],
                      attributions: Sequence[Attribution], claims: Sequence[Claim] | None,
                      *, kb: KnowledgeBase | None = None) -> list[Finding]:
    """The sourcing findings of ``article``: ``vague_attribution`` for each accusation whose
    only source is vague, and ``state_media_origin`` for the article's own state-media
    outlet and for each state-media outlet it credits.

    ``attributions`` and ``claims`` are matched to ``sentences`` by ``Sentence.index``
    (:func:`attribute` and the claim scorer number sentences by position, which is the
    index for a whole article); a sentence without an attribution is attributed here. A
    Claim of type ``accusation`` counts as an accusation besides the vocabulary. Finding
    offsets are into ``article.text``.
    """
    base = kb or load_default()
    by_index = {a.sentence: a for a in attributions}
    accusing = {c.sentence for c in claims or () if c.type == "accusation"}
    findings = _own_outlet_findings(article, base)
    credited = {e.text.split(":", 1)[0] for f in findings for e in f.evidence}
    for position, sentence in enumerate(sentences):
        attribution = by_index.get(sentence.index)
        if attribution is None:
            attribution = attribute([sentence.text], kb=base)[0]
        vague = _vague_finding(sentence, attribution, sentence.index in accusing, base)
        if vague is not None:
            findings.append(vague)
        for finding in _credited_state_media(sentence, position, base):
            name = finding.evidence[-1].text.split(":", 1)[0]
            if name not in credited:
                credited.add(name)
                findings.append(finding)
    return findings


def _own_outlet_findings(article: Article, kb: KnowledgeBase) -> list[Finding]:
    for label, value, confidence in (("URL", article.url, 1.0), ("domain", article.domain, 1.0),
                                     ("outlet name", article.outlet, 0.85)):
        outlet = kb.outlet_for(value) if value else None
        if outlet is None or outlet.state_affiliation != "state_media":
            continue
        unsure = "" if confidence == 1.0 else " (matched by name only, not by web address)"
        message = (f"The article is published by {outlet.name}, state media "
                   f"({outlet.owner}); its {label} is {value}{unsure}.")
        return [Finding("state_media_origin", "medium", confidence, message, None, None, None,
                        (_outlet_evidence(outlet),))]
    return []


def _outlet_evidence(outlet: Outlet) -> Evidence:
    source = outlet.sources[0].url if outlet.sources else None
    return Evidence("outlet", f"{outlet.name}: {outlet.state_affiliation}, owner "
                              f"{outlet.owner}", source)


def _vague_finding(sentence: Sentence, attribution: Attribution, claimed: bool,
                   kb: KnowledgeBase) -> Finding | None:
    if attribution.kind != "vague" or attribution.start is None or attribution.end is None:
        return None
    text = sentence.text[:MAX_SENTENCE_CHARS]
    terms, strong = accusation_terms(text)
    if not terms and not claimed:
        return None
    outside = text[:attribution.start] + " " * (attribution.end - attribution.start) + \
        text[attribution.end:]
    people = _people_named(outside, kb)
    pronoun = None if people else _PERSONAL_PRONOUN.search(fold_case(outside))
    severity: Severity = "high" if people or pronoun else "medium"
    accused = f" against {', '.join(people)}" if people else ""
    if pronoun is not None:
        called = outside[pronoun.start():pronoun.end()]
        accused = f" against a person the article calls \u201c{called}\u201d"
    what = ", ".join(terms) if terms else "an accusation (claim type)"
    reasons = []
    if terms and not strong:
        reasons.append("the accusation is read from suggestive words only")
    if not terms:
        reasons.append("the accusation comes from the claim classifier, not from its words")
    if attribution.source and _HEDGE_WORD.fullmatch(attribution.source):
        reasons.append(f"the only sourcing is the hedge \u201c{attribution.source}\u201d, "
                       "which may stand for a source named elsewhere in the article")
    confidence = 0.9 - 0.15 * len(reasons)
    lowered = f" Confidence lowered: {'; '.join(reasons)}." if reasons else ""
    message = (f"Accusation ({what}){accused} rests only on an unnamed source: "
               f"\u201c{attribution.source}\u201d.{lowered}")
    return Finding("vague_attribution", severity, round(confidence, 3), message,
                   sentence.index, sentence.start + attribution.start,
                   sentence.start + attribution.end,
                   (Evidence("sentence", str(attribution.source), None, sentence.index),))


def _people_named(text: str, kb: KnowledgeBase) -> list[str]:
    """Names of people in ``text``: knowledge-base people, proper names after a title, and
    runs of two to four capitalised words that are not places or organisations."""
    names: list[str] = []
    for match in _CAPITALISED_RUN.finditer(text):
        tokens = [t.removesuffix("’s").removesuffix("'s").strip("’'")
                  for t in match.group().split()]
        while tokens:
            name = _person_name(tokens, kb)
            if name is not None:
                known = known_person(kb, name) is not None
                titled = any(t.rstrip(".") in _PERSON_TITLES for t in tokens)
                if known or titled or len(name.split()) >= 2:
                    names.append(name)
                    break
            tokens.pop()
    return list(dict.fromkeys(names))


_CHANNEL_BEFORE = caseless(
    r"\b(?:told|telling|to|with|via|from|by|on|in|according to|cited|quoting|quoted)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}$")
_CHANNEL_AFTER = re.compile(
    r"^\W{0,3}(?:reported|reports|said|says|quoted|cited|wrote|writes|published|released"
    r"|carried|broadcast|aired|news agency|agency|correspondent)\b|^\s*[)/]")


def _credited_state_media(sentence: Sentence, position: int, kb: KnowledgeBase
                          ) -> Iterator[Finding]:
    """``state_media_origin`` for each state-media outlet the sentence credits."""
    text = sentence.text[:MAX_SENTENCE_CHARS]
    for outlet, start, end in outlet_mentions(text, kb):
        if outlet.state_affiliation != "state_media":
            continue
        if not (_CHANNEL_BEFORE.search(fold_case(text[max(0, start - 50):start]))
                or _CHANNEL_AFTER.search(text[end:end + 30])):
            continue
        lead = position <= 2
        confidence = 0.9 if lead else 0.7
        where = ("in the lead of the article, so it is likely the source of its core content"
                 if lead else f"in sentence {sentence.index + 1}, after the lead: it may be "
                 "the source of part of the article only (confidence lowered)")
        message = (f"The article credits {outlet.name}, state media ({outlet.owner}), "
                   f"{where}.")
        yield Finding("state_media_origin", "medium", confidence, message, sentence.index,
                      sentence.start + start, sentence.start + end,
                      (Evidence("sentence", text, None, sentence.index),
                       _outlet_evidence(outlet)))
