"""The lexical cues of check-worthiness: a sentence in, the value of each cue out.

:mod:`.checkworthy` weighs these cues (its docstring has the table of weights and the
reasons for them) and types a sentence by them. They are read fast, because every
sentence of every article is:

- most cues are word lists matched in any case; they are compiled with
  :func:`launderlens.languages.casefold.caseless` and run on the sentence folded to lower case
  once, which gives the matches ``re.IGNORECASE`` would in a third of the time (month and
  weekday names, "I" and figures keep their case);
- each cue lists the words one of which every match of it holds (a gate): a cue is
  searched for only in sentences that have such a word, and most sentences have none for
  most cues. ``tests/test_claims.py`` checks the gates against sentences written to meet
  every cue in its odd forms.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import NamedTuple

from ..languages.accusations import (
    ACCUSATION_CUE_PATTERN,
    ACCUSATION_CUE_STEMS,
    ACCUSATION_CUE_WORDS,
)
from ..languages.calendar import MONTH_NUMBERS, WEEKDAYS
from ..languages.casefold import caseless, fold_case

__all__ = ["MAX_CHARS", "cue_values"]

# A "sentence" longer than this is a segmentation artefact; only its start is read, which
# also bounds the cost of hostile input.
MAX_CHARS = 1200

_WORDS = re.compile(r"\w+")


class _Cue(NamedTuple):
    """A pattern and its number; :func:`_cue` records its gate."""

    pattern: re.Pattern[str]
    number: int


# The gates: which cues each word opens, and each stem by its first three letters with its
# cue. Looking a sentence's words up once is far cheaper than a scan per cue.
_OPENED_BY: dict[str, set[int]] = defaultdict(set)
_STEMS_BY_START: dict[str, set[tuple[str, int]]] = defaultdict(set)
_NUMBERS = itertools.count()


def _cue(pattern: re.Pattern[str], words: str, stems: str = "") -> _Cue:
    """``pattern`` as a cue whose every match holds one of ``words`` as a whole word
    (``\\w+`` of the folded text), or a word beginning with one of ``stems``."""
    cue = _Cue(pattern, next(_NUMBERS))
    for word in words.split():
        _OPENED_BY[word].add(cue.number)
    for stem in stems.split():
        if len(stem) < 3:
            raise ValueError(f"a stem needs three letters or more: {stem!r}")
        _STEMS_BY_START[stem[:3]].add((stem, cue.number))
    return cue


def _opened(low: str) -> set[int]:
    """The numbers of the cues that the folded sentence ``low`` has a word for."""
    opened: set[int] = set()
    for word in set(_WORDS.findall(low)):
        cues = _OPENED_BY.get(word)
        if cues:
            opened |= cues
        for stem, number in _STEMS_BY_START.get(word[:3], ()):
            if word.startswith(stem):
                opened.add(number)
    return opened


def _found(cue: _Cue, text: str, opened: set[int]) -> bool:
    return cue.number in opened and cue.pattern.search(text) is not None


# Each cue below is given its gate: a phrase is let through by one of its words ("went" for
# "went up", "most" for "the most", "time" for "it is time to", "ll" for "he'll").
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Month names and abbreviations as the folded words they make ("Sept." -> sept).
_MONTH_WORDS = " ".join(MONTH_NUMBERS)
_WEEKDAY_WORDS = " ".join(WEEKDAYS)
# "5 Mayors" is a day of a month here: the month is a stem, not a word.
_DAY_OF_MONTH = _cue(re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
                                rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"),
                     words="", stems=_MONTH_WORDS)
# Dates: month and weekday names count only capitalised ("may" is a verb), the relative
# words in any case; and years.
_DATE_NAME = _cue(re.compile(rf"\b{_MONTH}(?!\w)|\b{_WEEKDAY}\b"),
                  words=f"{_MONTH_WORDS} {_WEEKDAY_WORDS}")
_YEAR = re.compile(r"(?<![\w$€£.,])(?:1[89]|20)\d\d(?:s|'s)?(?![\w,.]\d)")
_RELATIVE_DATE = _cue(caseless(
    r"\b(?:yesterday|last\s+(?:week|month|year|night|spring|summer|autumn|fall|winter)"
    r"|earlier\s+this\s+(?:week|month|year)|(?:\d+|a|two|three|four|five|ten)\s+"
    r"(?:days|weeks|months|years|decades)\s+ago)\b"),
    words="yesterday last earlier ago")
_YEAR_OR_TIME = re.compile(r"(?:1[89]|20)\d\d(?:s|'s)?|\d{1,2}:\d\d")
# Numbers in figures (case-sensitive suffixes: "1990s", "3rd") and in words (any case). A
# match of one never overlaps a match of the other, so the two are searched apart.
_FIGURE = re.compile(r"(?<![\w-])\d[\d,.]*(?:s|'s|st|nd|rd|th)?(?!\w)")
_NUMBER_WORD = _cue(caseless(
    r"\b(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|billions?|trillions?|dozens|half|third|quarter|twice|doubled?|tripled?)\b"),
    words="ten twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand "
          "thousands million millions billion billions trillion trillions dozens half third "
          "quarter twice double doubled triple tripled")
_PERCENT = _cue(caseless(r"\bper\s?cent\b|\bpercentage\s+points?\b"),  # or "%"
                words="per percent percentage")
_MONEY_SIGN = re.compile(r"[$€£¥₽₴]")
_MONEY = _cue(caseless(
    r"\b(?:dollars?|euros?|roubles?|rubles?|hryvnias?|yuan|yen|francs?|bucks)\b"),
    words="dollar dollars euro euros rouble roubles ruble rubles hryvnia hryvnias yuan yen franc "
          "francs bucks")
_CHANGE = _cue(caseless(
    r"\b(?:rose|risen|rising|fell|fallen|falling|grew|grown|growing|shr[ai]nk\w*|shrunk|dropped|"
    r"increased|decreased|declined|doubled|tripled|quadrupled|halved|cut|cuts|raised|soared|"
    r"surged|plunged|slashed|lost|losing|gained|added|created|destroyed|wiped\s+out|went\s+up|"
    r"went\s+down|gone\s+up|gone\s+down)\b"),
    words="rose risen rising fell fallen falling grew grown growing shrunk dropped increased "
          "decreased declined doubled tripled quadrupled halved cut cuts raised soared surged "
          "plunged slashed lost losing gained added created destroyed wiped went gone",
    stems="shrank shrink")
_COMPARISON = _cue(caseless(
    r"\b(?:more|less|fewer|\w{2,}er)\s+(?:\w+\s+){0,3}?than\b|\b(?:twice|three\s+times|"
    r"\w+\s+times)\s+(?:as|more|less)\b|\bcompared\s+(?:with|to)\b|\b(?:up|down)\s+from\b"),
    words="than twice times compared from")
_SUPERLATIVE = _cue(caseless(
    r"\b(?:biggest|largest|highest|lowest|worst|best|greatest|fastest|slowest|smallest|oldest|"
    r"longest|deadliest|richest|poorest|strongest|weakest|the\s+most|the\s+least|record|"
    r"ever|never\s+before|first\s+time|all-time|unprecedented)\b"),
    words="biggest largest highest lowest worst best greatest fastest slowest smallest oldest "
          "longest deadliest richest poorest strongest weakest most least record ever before "
          "time unprecedented")
_ACCUSATION = _cue(caseless(ACCUSATION_CUE_PATTERN), words=ACCUSATION_CUE_WORDS,
                   stems=ACCUSATION_CUE_STEMS)
_ALLEGATION = _cue(caseless(
    r"\b(?:accus\w*|alleg\w*|charged\s+with|indict\w*|investigat\w*|probe|scandal\w*|"
    r"suspect\w*|implicated|complicit)\b"),
    words="charged probe implicated complicit",
    stems="accus alleg indict investigat scandal suspect")
_VAGUE_SOURCE = _cue(caseless(
    r"\b(?:investigative|media|news|press|unconfirmed|some|several|numerous|multiple|recent)"
    r"\s+reports?\b|\breports\s+(?:say|said|suggest\w*|claim\w*|indicate\w*|show\w*)\b"
    r"|\b(?:unnamed|anonymous|unidentified|informed|some|several|many)\s+(?:sources?|officials?|"
    r"insiders?|experts?|analysts?|observers?|critics?|people|commentators|journalists)\b"
    r"|\bsources?\s+(?:close\s+to|familiar\s+with|say|said|claim\w*)\b"
    r"|\b(?:critics|analysts|observers|insiders|experts|skeptics|sceptics|watchdogs?)\s+"
    r"(?:say|said|claim\w*|alleg\w*|argu\w*|suggest\w*|believe\w*|note\w*|point\w*\s+out|"
    r"predict\w*|warn\w*|expect\w*|fear\w*)\b"
    r"|\b(?:a\s+)?leaked\s+(?:document|report|memo|email|recording|audio|video|letter|file)s?\b"
    r"|\b(?:some|many)\s+(?:say|believe|claim|argue|suspect)\b"
    r"|\breportedly\b|\ballegedly\b|\bpurportedly\b|\brumou?rs?\b|\baccording\s+to\s+(?:some|"
    r"unnamed|anonymous|unidentified|media|reports|sources|insiders|critics|observers)\b"
    r"|\b(?:mounting|growing)\s+evidence\b|\bthere\s+(?:are|have\s+been)\s+(?:reports|claims|"
    r"allegations)\b"),
    words="report reports unnamed anonymous unidentified informed some several many source "
          "sources critics analysts observers insiders experts skeptics sceptics watchdog "
          "watchdogs leaked reportedly allegedly purportedly rumor rumors rumour rumours "
          "according evidence claims allegations")
# Vague sourcing too, apart because "it" is its one word to look for.
_IT_IS_SAID = _cue(caseless(
    r"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+)?(?:reported|claimed|alleged|"
    r"said|rumou?red|believed|suggested)\b"),
    words="it")
_REPORTED = _cue(caseless(
    r"\b(?:said|says|told|tells|announced|reported|stated|according\s+to|confirmed|declared|"
    r"claimed|claims|wrote|added|noted|insisted|warned|explained|tweeted|posted|admitted|"
    r"denied|revealed)\b"),
    words="said says told tells announced reported stated according confirmed declared claimed "
          "claims wrote added noted insisted warned explained tweeted posted admitted denied "
          "revealed")
_QUOTED = re.compile(r"[\"“„«]([^\"“”„«»\n]{1,600})[\"”»“]|‘([^‘’\n]{1,600})’"
                     r"|(?<!\w)'([^'\n]{1,600})'(?!\w)")
# A reporting verb within a few words after a closing quotation mark: '..." she said'.
_SPEECH_AFTER = caseless(r"[,.]?\s+(?:[\w'’.-]+\s+){0,4}?" + _REPORTED.pattern.pattern)
_PAST = caseless(
    r"\b(?:was|were|had|did|went|came|took|made|gave|met|won|sent|signed|held|left|began|became|"
    r"brought|built|bought|sold|paid|spent|fought|struck|killed|(?!\w*eed\b)\w{3,}ed)\b")
_FUTURE = _cue(caseless(
    r"\b(?:will|won't|shall|gonna|going\s+to|expected\s+to|expects?|plans?\s+to|planning\s+to|"
    r"set\s+to|scheduled\s+to|(?:is|are)\s+due\s+to|(?:un)?likely\s+to|forecasts?|forecasted|"
    r"predicts?|predicted|projected\s+to|next\s+(?:week|month|year|decade|spring|summer|autumn|"
    r"fall|winter)|in\s+the\s+coming)\b|\w'll\b"),
    words="will won shall gonna going expected expect expects plan plans planning set scheduled "
          "due likely unlikely forecast forecasts forecasted predict predicts predicted "
          "projected next coming ll")
_FIRST_PERSON = _cue(re.compile(r"\b(?:I|me|my|mine|myself|I'm|I've|I'd|I'll)(?![\w'])"),
                     words="i me my mine myself")
_OPINION = _cue(caseless(
    r"\bi\s+(?:really\s+)?(?:think|believe|feel|guess|suppose|hope|wish|love|hate)\b"
    r"|\b(?:in\s+my|my)\s+(?:view|opinion)\b|\b(?:personally|frankly|honestly)\b"
    r"|\bwe\s+(?:believe|think|feel)\b|\bit\s+seems\s+to\s+me\b"),
    words="think believe feel guess suppose hope wish love hate view opinion personally frankly "
          "honestly seems")
_EVALUATIVE = _cue(caseless(
    r"\b(?:great|terrible|horrible|disaster|disastrous|wonderful|amazing|incredible|fantastic|"
    r"tremendous|beautiful|ugly|awful|sad|shameful|disgraceful|ridiculous|absurd|stupid|dumb|"
    r"crazy|nasty|bad|good(?!\s+(?:morning|afternoon|evening|night|day|bye))|nice|unfair|"
    r"wrong|dangerous|irresponsible|outrageous|pathetic|"
    r"brilliant|excellent|proud|shame|deplorable|disgusting|unacceptable|troubling|naive|evil|"
    r"foolish|silly|disappointing|eyesore)\b"),
    words="great terrible horrible disaster disastrous wonderful amazing incredible fantastic "
          "tremendous beautiful ugly awful sad shameful disgraceful ridiculous absurd stupid "
          "dumb crazy nasty bad good nice unfair wrong dangerous irresponsible outrageous "
          "pathetic brilliant excellent proud shame deplorable disgusting unacceptable troubling "
          "naive evil foolish silly disappointing eyesore")
_DEONTIC = _cue(caseless(r"\b(?:should|must|ought\s+to|needs?\s+to|ha(?:ve|s)\s+to|"
                         r"it\s+is\s+time\s+(?:to|for))\b"),
    words="should must ought need needs have has time")
_HEDGE = _cue(caseless(r"\b(?:maybe|perhaps|possibly|probably|might|seems?|appears?\s+to|"
                       r"sort\s+of|kind\s+of)\b"),
    words="maybe perhaps possibly probably might seem seems appear appears sort kind")
_COURTESY = _cue(caseless(
    r"^\W*(?:thank|thanks|good\s+(?:morning|afternoon|evening|night)|hello|hi|welcome|"
    r"ladies\s+and\s+gentlemen|congratulations|excuse\s+me|okay|ok|all\s+right)\b"
    r"|\bthank\s+you\b|\bgod\s+bless\b|\bnice\s+to\s+(?:see|meet)\b"
    r"|[(\[]\s*(?:applause|laughter|cheers|crosstalk|inaudible|booing|music)\b"),
    words="thank thanks good hello hi welcome ladies congratulations excuse okay ok right god "
          "nice applause laughter cheers crosstalk inaudible booing music")
_TOPIC = _cue(caseless(
    r"\b(?:tax|taxes|jobs?|unemployment|economy|economic|deficit|debt|budget|wages?|salar\w+|"
    r"health\s*care|insurance|obamacare|medicare|medicaid|pensions?|crime|murders?|police|"
    r"immigra\w+|borders?|trade|tariffs?|military|troops|soldiers|army|war|weapons|nuclear|"
    r"sanctions|aid|oil|gas|energy|prices?|inflation|gdp|growth|manufacturing|factor(?:y|ies)|"
    r"compan(?:y|ies)|businesses|funds?|funding|spending|banks?|refugees|vaccines?|virus|"
    r"climate|emissions|coal|terroris[tm]s?|elections?|votes?|voters|treaty|ceasefire|"
    r"casualties|civilians|"
    r"deaths|hospitals?|schools|students|loans|government|ministry|parliament|congress|senate|"
    r"court|laws?|bill|regulations?)\b"),
    words="tax taxes job jobs unemployment economy economic deficit debt budget wage wages "
          "health healthcare insurance obamacare medicare medicaid pension pensions crime murder "
          "murders police border borders trade tariff tariffs military troops soldiers army war "
          "weapons nuclear sanctions aid oil gas energy price prices inflation gdp growth "
          "manufacturing factory factories company companies businesses fund funds funding "
          "spending bank banks refugees vaccine vaccines virus climate emissions coal terrorist "
          "terrorists terrorism terrorisms election elections vote votes voters treaty ceasefire "
          "casualties civilians deaths hospital hospitals schools students loans government "
          "ministry parliament congress senate court law laws bill regulation regulations",
    stems="salar immigra")
# Cues that hold across genres (news, speech, posts): what an actor did, what caused what,
# what the law says, against a promise of what the speaker will do and the marks of a post.
_ACTION = _cue(caseless(
    r"\b(?:voted|votes?\s+(?:for|against)|supported|opposed|signed|vetoed|passed|approved|"
    r"rejected|repealed|funded|defunded|banned|blocked|proposed|sponsored|co-sponsored|"
    r"introduced|endorsed|appointed|fired|hired|invaded|attacked|bombed|negotiated|"
    r"borrowed|spent|paid|donated|received|took\s+money|owned|closed|opened|moved|shipped|"
    r"released|deported|admitted|allowed|refused|stole|lied|wrote|built)\b"),
    words="voted vote votes supported opposed signed vetoed passed approved rejected repealed "
          "funded defunded banned blocked proposed sponsored co introduced endorsed appointed "
          "fired hired invaded attacked bombed negotiated borrowed spent paid donated received "
          "took owned closed opened moved shipped released deported admitted allowed refused "
          "stole lied wrote built")
_CAUSAL = _cue(caseless(
    r"\b(?:because\s+of|caused|causes|causing|led\s+to|leads\s+to|lead\s+to|resulted\s+in|"
    r"results\s+in|due\s+to|as\s+a\s+result\s+of|thanks\s+to|responsible\s+for|"
    r"killed|kills|cures?|prevents?|spreads?|spread\s+by)\b"),
    words="because caused causes causing led leads lead resulted results due result thanks "
          "responsible killed kills cure cures prevent prevents spread spreads")
_LEGAL = _cue(caseless(
    r"\b(?:illegal(?:ly)?|unconstitutional|constitution|law\s+(?:says|requires|allows|bans)|"
    r"the\s+law|legislation|lawsuit|sued|convicted|sentenced|prosecuted|treaty|statute|"
    r"supreme\s+court|executive\s+order|veto)\b"),
    words="illegal illegally unconstitutional constitution law legislation lawsuit sued "
          "convicted sentenced prosecuted treaty statute supreme executive veto")
_PROMISE = _cue(caseless(
    r"\b(?:i|we)\s+(?:will|'ll|are\s+going\s+to|'re\s+going\s+to|am\s+going\s+to|"
    r"'m\s+going\s+to|promise|pledge|intend\s+to|want\s+to|would|are\s+gonna|'re\s+gonna|"
    r"'m\s+gonna)\b|\b(?:i|we)(?:'ll|'re\s+going\s+to|'m\s+going\s+to)\b"
    r"|\blet\s+(?:me|us|'s)\b|\blet's\b"),
    words="i we let")
_SOCIAL_MARKS = re.compile(r"(?<!\w)[#@]\w|https?://|\bRT\b")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NOT_NAMES = frozenset({"I", "I'm", "I've", "I'd", "I'll", "I’m", "OK", "Mr.", "Mrs.", "Ms.",
                        "Dr."})
_CALENDAR = re.compile(rf"{_MONTH}|{_WEEKDAY}|May|Sept")


def cue_values(text: str) -> dict[str, float]:
    """The value of every lexical cue of ``text``, in [0, 1]: 0 or 1 except ``entity`` and
    ``topic``, which count up to two matches."""
    text = " ".join(text[:MAX_CHARS].split())
    low = fold_case(text)
    opened = _opened(low)

    def found(cue: _Cue) -> bool:  # case-insensitive cues read the folded text
        return cue.number in opened and cue.pattern.search(low) is not None

    words = text.count(" ") + 1 if text else 0  # the words of the normalised text
    speech = [_is_speech(text, low, m) for m in _QUOTED.finditer(text)]
    values = {
        "number": _has_number(text, low, opened),
        "percent": "%" in text or found(_PERCENT),
        "money": _MONEY_SIGN.search(text) is not None or found(_MONEY),
        "date": (_found(_DATE_NAME, text, opened) or _has_year(text)
                 or found(_RELATIVE_DATE)),
        "change": found(_CHANGE), "comparison": found(_COMPARISON),
        "superlative": found(_SUPERLATIVE), "accusation": found(_ACCUSATION),
        "allegation": found(_ALLEGATION),
        "vague_source": found(_VAGUE_SOURCE) or found(_IT_IS_SAID),
        "reported": found(_REPORTED), "quote": any(speech), "scare_quote": not all(speech),
        "past": _PAST.search(low) is not None, "long": words >= 12, "future": found(_FUTURE),
        "first_person": _found(_FIRST_PERSON, text, opened),
        "opinion_marker": found(_OPINION), "evaluative": found(_EVALUATIVE),
        "deontic": found(_DEONTIC), "hedge": found(_HEDGE),
        "question": text.rstrip("\"'”’») ").endswith("?"), "courtesy": found(_COURTESY),
        "short": words < 5,
        "action": found(_ACTION), "causal": found(_CAUSAL), "legal": found(_LEGAL),
        "promise": found(_PROMISE), "post_marks": _SOCIAL_MARKS.search(text) is not None,
    }
    cues = {name: float(flag) for name, flag in values.items()}
    cues["entity"] = _count_names(text) / 2
    cues["topic"] = _count_topics(low, opened) / 2
    return cues


def _has_year(text: str) -> bool:
    return ("18" in text or "19" in text or "20" in text) and _YEAR.search(text) is not None


def _has_number(text: str, low: str, opened: set[int]) -> bool:
    """A count or amount other than a year, a time or the day of a date."""
    undated, dates = text, 0
    if _DAY_OF_MONTH.number in opened:
        undated, dates = _DAY_OF_MONTH.pattern.subn(" ", text)
    for match in _FIGURE.finditer(undated):
        if not _YEAR_OR_TIME.fullmatch(match.group().rstrip(".,")):
            return True
    if dates:
        low = fold_case(undated)
        opened = _opened(low)
    return _found(_NUMBER_WORD, low, opened)


def _count_topics(low: str, opened: set[int]) -> int:
    """Policy nouns in the folded text, counted up to two."""
    if _TOPIC.number not in opened:
        return 0
    count = 0
    for _ in _TOPIC.pattern.finditer(low):
        count += 1
        if count == 2:
            break
    return count


def _is_speech(text: str, low: str, quoted: re.Match[str]) -> bool:
    """Whether a quotation reads as someone's words rather than a quoted label.

    Speech is six words or more, or three or more that open the sentence, follow a colon or
    comma, or run into a reporting verb ("...," the minister said); "the 'coalition of the
    willing'" is a label. ``low`` is ``text`` folded.
    """
    words = len(next(g for g in quoted.groups() if g is not None).split())
    if words >= 6:
        return True
    before = text[:quoted.start()].rstrip()
    return words >= 3 and (not before or before[-1] in ":," or
                           bool(_SPEECH_AFTER.match(low[quoted.end():])))


def _count_names(text: str) -> int:
    """Capitalised words after the first, other than "I" and calendar words, counted up to
    two."""
    if text.isupper():
        return 0  # a headline or a stage direction in capitals says nothing by its case
    count = 0
    words = _WORD.finditer(text)
    next(words, None)  # the first word is capitalised as the start of the sentence
    for match in words:
        raw = match.group()
        if raw[0].isupper() and raw not in _NOT_NAMES and \
                not _CALENDAR.fullmatch(raw.rstrip(".’'")):
            count += 1
            if count == 2:
                break
    return count
