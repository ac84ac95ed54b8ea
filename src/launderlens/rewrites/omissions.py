"""A source, a copy and their alignment in; what the copy blurs, leaves out or sets in a new
context out: the evidence of manipulations that change no single fact in its slot.

A chat model asked to slip false information into an article rarely swaps one figure. It
writes "thousands of households" for "18,000 households", leaves out "but fell short of a
majority", tells the same verdict with "only because the records had been destroyed" after
it, dates a past event "only last year", or puts a claim behind "reports suggest". The
change detectors (:mod:`.changes`) compare the facts two aligned sentences state in the same
slot and see none of this. Per copy sentence this module reads:

- ``blurred``: it retells a sentence whose figures it (and the whole copy) no longer states,
  with a vague quantity in their place ("a number of", "significant", "thousands of"), or
  tells a count only roughly ("about three dozen" for 37, "a number of children" for "four
  children");
- ``vague_sourced``: it puts a claim behind vague sourcing ("reports suggest", "some
  residents believe", "according to some experts") that its source sentences do not use,
  and the copy uses more of it than the whole source does;
- ``new_time``: it states a year or a time relative to now its source sentences do not
  ("in 1987", "last year", "still"; not "recently" or "now", which rewordings add freely;
  in a condensed copy not a year another source sentence states) — a past event moved or
  presented as current;
- ``new_context``: it retells its source sentences and adds a clause of its own — content
  words that neither they nor the rest of the source hold, set after a word that gives a
  cause, occasion or sequel ("were a response to the closure of three nurseries") — or, a
  sentence of the copy's own, it sets the story after or because of something the source
  never states ("the vote came a week after a tram derailed");
- ``firmed``: it states as settled what its source sentences state as waiting on a decision
  ("if the funding is approved, construction would start" told as "construction will
  start") or as proposed ("proposed to limit sales" told as "limited sales"), with no word
  of its own that keeps it open (a condition, a plan, a modal);
- ``widened``: it tells a claim its source sentences limit to a part ("in two of its twelve
  districts", "in one district", "in a one-year pilot") without the limit (:mod:`.scope`),
  or a view that they give to part of a group ("some head teachers said") as the whole
  group's ("head teachers said", "many head teachers said");

and for a copy about as long as its source ``lost_figures`` (figures of retold source
sentences that the copy never states) and ``lost_qualifiers`` (clauses of retold source
sentences that qualify a claim — "but ...", "not ...", "although ..." — whose words the copy
no longer has anywhere, while the sentences that retell it qualify nothing in words of
their own).

Each reading is a count a faithful paraphrase also produces now and then (a rewording
rounds a figure, a summary drops a clause): they are evidence for the manipulation model
(:mod:`.verdicts`), which weighs them against the real paraphrases it was fitted on, never
verdicts of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..languages.calendar import MONTHS
from ..languages.numbers import number_value
from .align import SentenceAlignment
from .polarity import cause_clauses, cause_words, content_stems, given_causes, implicitly_negative
from .quantities import (
    Token,
    Values,
    plural_like,
    read_figures,
    read_tokens,
    word_stem,
    wordset,
)
from .scope import widened

__all__ = ["NO_EVIDENCE", "CopyEvidence", "copy_evidence", "vague_sourcing"]


@dataclass(frozen=True, slots=True)
class CopyEvidence:
    """Per copy sentence, the readings it carries (see the module docstring), and the
    copy's ``lost_figures`` and ``lost_qualifiers`` with the source sentences they are in."""

    sentences: tuple[frozenset[str], ...] = ()
    lost_figures: tuple[int, ...] = ()
    lost_qualifiers: tuple[int, ...] = ()

    def count(self, reading: str) -> int:
        return sum(reading in tags for tags in self.sentences)


NO_EVIDENCE = CopyEvidence()

# --- vague quantities and sourcing ---------------------------------------------------------

_VAGUE_QUANTITY = re.compile(
    r"\b(?i:a\s+number\s+of|a\s+handful\s+of|(?:hundreds|thousands|millions|dozens|scores)"
    r"\s+of|several|numerous|many|various|some|a\s+few|significant|substantial|considerable|"
    r"a\s+large\s+(?:share|number|part|portion)|a\s+(?:majority|minority)|majority|"
    r"worrying|alarming|serious|sizeable|sizable|a\s+rise\s+in|for\s+the\s+time\s+being)\b")


def _blurs(text: str, source_text: str) -> bool:
    """Whether ``text`` tells a count of ``source_text`` only vaguely: a figure in digits as
    a rough count in words that may stand for it ("about three dozen" for 37, "a few
    hundred" for 320), or a count in words as a vague quantity of the same things ("a
    number of children" for "four children"). A count the sentence states is kept, in
    words too ("a dozen" for 12, "a thousand" for 1,000)."""
    figures = read_figures(text)
    kept = Values(f.value for f in figures if f.span is None)
    named = {f.value for f in figures if f.span is not None and not f.guessed}
    # a source that is vague itself leaves the copy's vague quantities nothing to blur
    vague_of = set() if _VAGUE_QUANTITY.search(source_text) else {
        word_stem(t.norm) for m in _VAGUE_QUANTITY.finditer(text)
        for t in read_tokens(text[m.end():])[:_VAGUE_REACH]}
    for x in read_figures(source_text):
        if kept.holds(x.value) or x.value in named or x.definite or x.ordinal:
            continue
        if x.digits and any(y.covers(x.value) for y in figures):
            return True
        if not x.digits and x.unit and x.unit in vague_of and x.value >= 2:
            return True
    return False


#: Words after a vague quantity read as what it counts: "a number of young children".
_VAGUE_REACH = 3

#: Vague sourcing of a claim: an unnamed crowd or document that says, believes or claims.
_CROWDS = (r"reports|sources|critics|analysts|observers|insiders|experts|residents|locals|"
           r"rumou?rs|documents|commentators|people|officials|witnesses|activists")
_CROWD = re.compile(rf"(?i:{_CROWDS})\b")
_VAGUE_SOURCE = re.compile(
    rf"\b(?i:(?:(?:some|many|several|local|unnamed|anonymous)\s+)?(?:{_CROWDS})"
    r"\s+(?:have\s+|had\s+)?(?:say|said|suggest|"
    r"suggested|claim|claimed|allege|alleged|believe|believed|fear|feared|indicate|"
    r"indicated|warn|warned|speculate|speculated|insist|insisted)"
    r"|according\s+to\s+(?:some|several|many|unnamed|anonymous|local)\s+\w+"
    r"|(?:it\s+is|it['\u2019]s|it\s+was|it\s+has\s+been)\s+(?:widely\s+)?(?:reported|claimed|alleged|"
    r"rumou?red|believed|suggested|said)"
    r"|there\s+are\s+(?:reports|claims|suggestions|rumou?rs)"
    r"|(?:an?|one|another)\s+(?:\w+\s+)?(?:source|insider|friend|person)s?\s+(?:close\s+to|"
    r"familiar\s+with|told|tells|said|says|claimed|claims|revealed|reveals)"
    r"|(?:people|persons|those|sources|officials)\s+(?:close\s+to|familiar\s+with)"
    r"|(?:reportedly|allegedly|rumou?red))\b"
    # a document nobody names, told as what it shows ("a leaked memo seen by reporters
    # suggests"): the words between name no one, so none has a capital
    r"|\b[Aa]n?\s+(?:(?:leaked|secret|confidential|internal|unpublished)\s+)?"
    r"(?:document|memo|report|dossier)(?:\s+[a-z]+){0,5}?\s+(?:suggests|suggested|shows|"
    r"showed|reveals|revealed|indicates|indicated|claims|claimed|alleges|alleged)\b")


#: A word that counts the crowd after it: "six people believed to be trapped" and "60
#: percent of people said" number those the claim is about, not a source.
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
#: Crowds whose part in a sentence is to vouch for a claim: counting them names none of them
#: ("three sources said", "two officials said", "a number of critics said" are still
#: unnamed), unless the count is a survey's share ("60 percent of experts said").
_SPEAKERS = re.compile(r"(?i:reports|sources|critics|analysts|observers|insiders|experts|"
                       r"rumou?rs|documents|commentators|officials)")
_SURVEY = re.compile(r"(?i:per\s*cent|%)\s+of\s+$")
#: A definite word before a crowd, with or without a count between ("the officials said",
#: "the two officials said", "both experts said"): it points back to a crowd the text has
#: already named, so the sentence is not where its claim's sourcing is vague.
_REFERRED_BACK = re.compile(r"(?i:\b(?:the|these|those|both)\s+(?:\S+\s+)?)$")


#: Words before "sources" that make them things rather than people who tell ("energy
#: sources", "water sources"); "multiple sources" and "different sources" still tell.
_NOT_SPEAKING = "".join(rf"(?<!\b{w} )" for w in sorted(wordset("""energy power water food
heat light fuel income revenue funding protein fibre fiber renewable alternative natural
open primary secondary data""")))
#: What marks a source sentence's own claim as hearsay without the forms a copy is read
#: for: "is said to", "apparently", "sources close to the family", "according to the
#: insider", "eyewitnesses saw". A retelling that puts it behind "reportedly" adds no
#: vagueness; only the source side is read with it.
_HEARSAY = re.compile(r"\b(?i:(?:is|are|was|were|been)\s+said\s+to|apparently|supposedly|"
                      rf"{_NOT_SPEAKING}sources?|insiders?|tipsters?|eyewitness(?:es)?|"
                      r"rumou?r\w*)\b")


def _hearsay(text: str) -> bool:
    """Whether a source sentence puts its claim behind hearsay (vague sourcing included)."""
    return bool(_HEARSAY.search(text) or vague_sourcing(text))


def vague_sourcing(text: str) -> str:
    """The vague sourcing ``text`` puts its claim behind, or an empty string."""
    for match in _VAGUE_SOURCE.finditer(text):
        if not _counted(text, match.start()) and not _referred_back(text, match.start()):
            return match.group()
    return ""


def _counted(text: str, start: int) -> bool:
    """Whether a match at ``start`` opens with a crowd that the words before it count as
    those the claim is about: a survey's share of any crowd, or a count of people who are
    not there to vouch for it (see ``_SPEAKERS``)."""
    crowd = _CROWD.match(text, start)
    if not crowd:
        return False
    if _SURVEY.search(text, max(0, start - 24), start):
        return True
    if _SPEAKERS.fullmatch(crowd.group()):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    word = before.group(1).lower() if before else ""
    return word == "of" or number_value(word) is not None


def _referred_back(text: str, start: int) -> bool:
    """Whether a match at ``start`` opens with a crowd a definite word before it points back
    to (see ``_REFERRED_BACK``); a count between the two must be a number ("the two")."""
    if not _CROWD.match(text, start):
        return False
    before = _REFERRED_BACK.search(text, max(0, start - 24), start)
    if not before:
        return False
    words = before.group().split()
    return len(words) == 1 or number_value(words[1].lower()) is not None


# --- time ----------------------------------------------------------------------------------

#: An ordinal counts in time only before "this" or "in" and a span ("the second strike this
#: year", "the third in a decade"; not "the third largest port in Europe"), and is read as
#: the ordinal and that word, whatever stands between ("second walkout this").
#: "Last September" is read as "last year" (a copy tells it "in September of last year"), a
#: month capitalised ("the last may be closer", "the last march" name none);
#: "any longer" and "anymore" are read as one (see ``_new_times``).
_TIME_WORDS = re.compile(
    r"\b(?i:last\s+(?:year|month|week|winter|summer|spring|autumn)|this\s+(?:year|month|week)|"
    rf"last\s+(?P<month>(?-i:{'|'.join(m.capitalize() for m in MONTHS)}))|"
    r"(?P<longer>anymore|any\s+longer|any\s+more(?=\s*(?:[.,;:!?]|$)))|"
    r"only\s+last|earlier\s+this|still|no\s+longer|(?P<ordinal>second|third|fourth)\s+"
    r"(?:\w+\s+){0,2}(?P<span>this|in)(?=\s+(?:\w+\s+){0,2}(?:years?|months?|weeks?|"
    r"decades?|days?|seasons?)\b))\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
#: A date in figures ("3/17/20", "17.3.2020") states its year, if in two digits.
_NUMERIC_DATE = re.compile(r"\b\d{1,2}([/.])\d{1,2}\1(\d{4}|\d{2})\b")


#: "still in hospital" retells "remain in hospital", "still unknown" "not yet known": no
#: time of its own.
_LASTING = re.compile(
    r"\b(?i:remain|remains|remained|continu\w*|still|stays?|stayed|not\s+yet|yet\s+to)\b")


#: "Although it was no record, it still drew crowds": "still" concedes, it dates nothing;
#: nor does it in "while still alive", which times the act by another.
_CONCEDING = re.compile(
    r"\b(?i:although|though|despite|even\s+so|nevertheless|nonetheless|while\s+still)\b")


def _times(text: str) -> set[str]:
    """The times relative to now and the years ``text`` states, lower-cased."""
    years = set(_YEAR.findall(text)) | {_full_year(m[2]) for m in _NUMERIC_DATE.finditer(text)}
    return {_time(m) for m in _TIME_WORDS.finditer(text)} | years


def _full_year(year: str) -> str:
    """A date's year in four digits: "20" is 2020, "97" 1997."""
    if len(year) == 4:
        return year
    return f"{20 if int(year) <= 50 else 19}{year}"


def _time(match: re.Match[str]) -> str:
    if match["ordinal"]:
        return f"{match['ordinal']} {match['span']}".lower()
    if match["month"]:
        return "last year"
    return "anymore" if match["longer"] else match.group().lower()


def _new_times(text: str, source: str, elsewhere: set[str]) -> set[str]:
    """Years and times relative to now that ``text`` states and ``source`` does not; a year
    in ``elsewhere`` (other sentences of the source) does not count, nor a number ``text``
    itself reads as a count ("2000 households" for "2,000 households"); a count in the source
    ("2,019 households") leaves a year in ``text`` ("in 2019") new."""
    counts = {f"{f.value:.0f}" for f in read_figures(text) if f.value.is_integer()}
    # "Anymore" retold as "no longer" adds no time; a copy's own "anymore" is as often "not
    # any more" of a thing as of a time, and is not read.
    stated = _times(source)
    if "anymore" in stated:
        stated.add("no longer")
    new = _times(text) - stated - elsewhere - counts - {"anymore"}
    if _LASTING.search(source) or _CONCEDING.search(text):
        new.discard("still")
    return new


# --- qualifiers ----------------------------------------------------------------------------

#: Words that open a clause qualifying the claim before it ("but fell short of a majority",
#: "although they said 37 stations opened late") or negate it.
_QUALIFIERS = wordset("but although though however while whereas yet not no never without "
                      "nobody none except unless only")
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]|\band\b|\bbecause\b|\bwhich\b")
#: A qualifier clause counts as lost when the copy holds fewer than this share of its
#: content words, and it has at least ``_MIN_WORDS`` of them.
_KEPT = 0.34
_MIN_WORDS = 2
#: A copy shorter than this share of its source (in characters) is a condensation, whose
#: lost figures and qualifiers say nothing (ChatGPT paraphrases of long articles halve them).
_CONDENSED = 0.7
#: A retold sentence brings in a clause of its own with at least this many content words
#: that the source nowhere holds, beyond the words of its source sentences it leaves out.
_NEW_CONTEXT = 5


def _qualifier_clauses(text: str) -> list[set[str]]:
    """The content stems of each clause of ``text`` that a qualifier opens."""
    tokens = read_tokens(text)
    out = []
    for k, token in enumerate(tokens):
        if token.norm not in _QUALIFIERS:
            continue
        # Only the next eight words are read, so the clause's end is looked for in them
        # alone: a long text without punctuation costs no scan to its end per qualifier.
        following = tokens[k + 1:k + 9]
        stop = _CLAUSE_END.search(text, token.end, following[-1].end) if following else None
        end = stop.start() if stop else len(text)
        clause = [t for t in following if t.start < end]
        stems = content_stems(clause)
        if len(stems) >= _MIN_WORDS:
            out.append(stems)
    return out


#: Words that refuse, deny or fall short: a retelling that holds one (or a qualifier, or a
#: negative without "not") states a qualification, if in other words ("the court refused the
#: request" for "the court did not grant it").
_REFUSALS = frozenset(word_stem(w) for w in wordset("""
refuse refused refusal reject rejected rejection decline declined deny denied denial dismiss
dismissed fail failed failure short despite ruled overturned"""))


def _qualified(text: str) -> bool:
    """Whether ``text`` holds a qualifier, a refusal or a negative without "not"."""
    tokens = read_tokens(text)
    return any(t.norm in _QUALIFIERS or word_stem(t.norm) in _REFUSALS for t in tokens) \
        or implicitly_negative(tokens)


def _stems(tokens: Sequence[Token]) -> set[str]:
    return {word_stem(t.norm) for t in tokens}


#: Words that set what follows as the setting of the claim: its cause, occasion or sequel.
_CONTEXT_OPENERS = re.compile(
    r"\b(?i:after|because|following|response|due\s+to|as\s+a\s+result|to\s+cover|"
    r"in\s+order\s+to|when|since)\b")


def _new_context(text: str, source_text: str, source_stems: set[str]) -> bool:
    """Whether ``text`` retells ``source_text`` with a clause of its own: at least
    ``_NEW_CONTEXT`` content words (beyond half the source sentence's words it leaves out)
    that the whole source never uses, of which at least two stand after a word that sets a
    cause, occasion or sequel ("a response to the closure of three nurseries")."""
    tokens = read_tokens(text)
    own = content_stems(tokens)
    novel = own - source_stems
    left_out = content_stems(read_tokens(source_text)) - own
    if len(novel) - len(left_out) // 2 < _NEW_CONTEXT:
        return False
    opener = _CONTEXT_OPENERS.search(text)
    if opener is None:
        return False
    after = content_stems(t for t in tokens if t.start >= opener.end())
    return len(after & novel) >= 2 and not _retells_setting(text, source_text)


def _retells_setting(text: str, source_text: str) -> bool:
    """Whether a cause or occasion ``text`` gives shares a word (names included) with one its
    source sentences give ("due to the ongoing coronavirus pandemic" for "during the
    coronavirus epidemic", "as a result of a directive by Governor Tony Evers" for "under
    order from Gov. Tony Evers"): the copy retells the source's setting, and a different
    cause there is for the cause reading of :mod:`.changes` to weigh."""
    given = cause_words(given_causes(source_text))
    return bool(given) and bool(cause_words(cause_clauses(text, _CONTEXT_OPENERS)) & given)


def _new_setting(text: str, source_stems: set[str]) -> bool:
    """Whether ``text``, a sentence no source sentence says, sets the story after, because of
    or in answer to something of its own: it shares a content word with the source, and at
    least two content words the source never uses stand after a word that sets a cause,
    occasion or sequel ("the vote came a week after a tram derailed"). "When" is no such
    word here: a sentence of a retelling's own asks or tells when ("it is unclear when the
    ban ends", "the moment when he heard") far more often than it sets the story."""
    opener = next((m for m in _CONTEXT_OPENERS.finditer(text) if m.group().lower() != "when"),
                  None)
    if opener is None:
        return False
    tokens = read_tokens(text)
    after = content_stems(t for t in tokens if t.start >= opener.end())
    return bool(content_stems(tokens) & source_stems) and len(after - source_stems) >= 2


# --- conditions and proposals --------------------------------------------------------------

#: Words of a decision a condition may wait on: an approval, a vote, the money for it.
_DECISION = (r"approv\w*|pass(?:es|ed)?|agree\w*|fund\w*|pay|pays|paid|money|financ\w*|"
             r"secur(?:e|es|ed|ing)|grant\w*|signs?(?!\s+of\b)|signed|signing|vot\w*|ratif\w*|"
             r"consent\w*|permit\w*|permission|licen[cs]\w*|clear(?:s|ed|ance)|enrol\w*|back(?:s|ed|ing)")
#: Words after which "if" asks whether rather than sets a condition ("check if there are
#: signs of infection", "asked if the loan was approved").
_WHETHER = "".join(rf"(?<!\b{w} )" for w in sorted(wordset("""check checks checked checking
ask asks asked asking see sees saw seeing know knows knew wonder wonders wondered decide
decides decided determine determines determined unclear sure whether""")))
#: A source sentence that states a decision as not (yet) settled: a condition on one ("if
#: the funding is approved", "unless parents show", "provided the state pays", "subject to
#: approval"), one still needed ("must still be approved", "would need the approval"), or
#: what a plan would do ("under the plan, lorries would be banned").
_CONDITION = re.compile(
    rf"\b(?i:(?:{_WHETHER}if|unless|provided|providing|on\s+condition|subject\s+to|pending)\b"
    rf"(?:\W+\w+){{0,6}}?\W+(?:{_DECISION})"
    r"|under\s+(?:the|its|this|their|a)\s+(?:new\s+|draft\s+)?(?:plan|proposals?|bill|draft|"
    r"scheme)\b(?:\W+\w+){0,8}?\W+(?:would|could)"
    r"|(?:must|will|would)\s+still\s+(?:need|have|be)\w*|still\s+(?:has|have|needs?)\s+to"
    r"|would\s+need\s+(?:the\s+)?(?:approval|consent|backing)|yet\s+to\s+be\s+\w+ed)\b")
#: A proposal and the act it proposes: "proposed on Monday to ban", "a proposal to limit".
_PROPOSAL = re.compile(r"\b(?i:propos\w*|plans?|planned|put\s+forward)\b(?:\W+\w+){0,3}?"
                       r"\W+to\s+(?P<act>[a-z]+)")
#: What keeps a retelling open: a condition or proposal word, a modal, an expectation, an
#: intention or a readiness ("its intention to vaccinate", "ready to step in").
_UNSETTLED = re.compile(
    r"\b(?i:if|unless|provided|providing|condition\w*|subject\s+to|pending|once|propos\w*|"
    r"plans?|planned|draft|still|yet|would|could|may|might|should|can|expect\w*|aim\w*|"
    r"intend\w*|intent\w*|(?:ready|prepared)\s+to|hope\w*|seek\w*|possibl\w*|potential\w*|"
    r"consider\w*|want\w*|"
    r"as\s+long\s+as|depend\w*|scheme|idea|suggest\w*|need\w*|must)\b")


def _firmed(text: str, source_text: str) -> bool:
    """Whether ``text`` states as settled what its source sentences state as waiting on a
    decision ("if the funding is approved, construction would start" against "construction
    will start") or as proposed ("proposed to limit sales" against "limited sales"): no word
    of the copy sentence keeps it open, and a proposed act is stated."""
    if _UNSETTLED.search(text):
        return False
    if _CONDITION.search(source_text):
        return True
    stems = _stems(read_tokens(text))
    return any(word_stem(m["act"].lower()) in stems for m in _PROPOSAL.finditer(source_text))


# --- quantifiers ---------------------------------------------------------------------------

#: Words that limit a group to a part of it: "some head teachers", "a few of the residents".
_FEW = re.compile(r"\b(?i:some|a\s+few|few|several|a\s+handful\s+of|a\s+minority\s+of)\s+"
                  r"(?:of\s+(?:the|its|their)\s+)?")
#: Words before a group that still limit it or point back to one named before: another
#: limiting word, a count, a negative ("not all"), a demonstrative, "other".
_STILL_LIMITED = wordset("some few several handful minority certain number group couple "
                         "these those such both no only one two three four five other not")
_GROUP_REACH = 3  # words after a limiting word read for the group it limits


def _limited(text: str) -> dict[int, str]:
    """Where in ``text`` the groups that its limiting words limit start, and the plural
    noun of each, where the group holds or voices a view ("some head teachers said":
    "teachers", "some of the town's residents said": "residents"); "some time", "some 40
    people" and "some cod croquettes" limit no such group."""
    out = {}
    for match in _FEW.finditer(text):
        tokens = read_tokens(text[match.end():])
        for k, token in enumerate(tokens[:_GROUP_REACH]):
            if token.text[:1].isdigit():
                break
            if _plural(token.norm) and _voices(tokens, k + 1):
                out[match.end() + token.start] = token.norm
                break
    return out


def _plural(norm: str) -> bool:
    return norm in _PLURALS or plural_like(norm)


def _voices(tokens: Sequence[Token], k: int) -> bool:
    """Whether the words from ``k`` on are a verb of saying or holding a view, after at most
    one auxiliary ("said", "have warned", "had argued")."""
    if k < len(tokens) and tokens[k].norm in _AUXILIARIES:
        k += 1
    return k < len(tokens) and tokens[k].norm in _VIEWS


_PLURALS = wordset("people children men women police staff")
_AUXILIARIES = wordset("have had has also")
#: Verbs by which a group says or holds a view: "some residents complained" told as
#: "residents complained" says they all did. Faithful rewordings drop "some" before a group
#: that is only counted or acted on ("some fans to ask", "some cod croquettes") freely.
_VIEWS = wordset("""said say says argued argue argues believe believed believes claimed claim
claims complained complain criticised criticized warned warn told reported fear feared fears
think thought insisted objected protested welcomed opposed oppose backed supported support
accused questioned doubted called urged demanded""")


def _quantifier_dropped(text: str, source_text: str) -> bool:
    """Whether ``text`` tells a group its source sentences limit ("some head teachers", "a
    few residents") without a limit: bare ("head teachers said") or widened ("many
    residents"), the same group named where nothing before it limits it and where the
    source does not name it so itself. The group is matched as written, not by stem:
    "teaching assistants" names no teachers."""
    limited = _limited(source_text)
    groups = set(limited.values())
    return bool(groups and _told_whole(text, groups, _limited(text))
                - _told_whole(source_text, groups, limited))


def _told_whole(text: str, groups: set[str], limited: dict[int, str]) -> set[str]:
    """The ``groups`` that ``text`` names voicing a view with nothing before them that
    limits them (``limited``: where its limiting words limit one): a source that says
    "some residents backed it, but most residents said" gives the whole group's view."""
    tokens = read_tokens(text)
    out = set()
    for k, token in enumerate(tokens):
        if token.norm not in groups or token.start in limited or not _voices(tokens, k + 1):
            continue
        before = {t.norm for t in tokens[max(0, k - _GROUP_REACH):k]}
        if not before & _STILL_LIMITED and not any(number_value(w) is not None for w in before):
            out.add(token.norm)
    return out


# --- the whole copy ------------------------------------------------------------------------

def copy_evidence(alignment: SentenceAlignment, a: Sequence[str], b: Sequence[str]
                  ) -> CopyEvidence:
    """The readings of the module docstring for copy ``b`` of source ``a``."""
    copy_values = Values(f.value for text in b for f in read_figures(text))
    copy_stems = {s for text in b for s in _stems(read_tokens(text))}
    source_stems = {s for text in a for s in _stems(read_tokens(text))}
    # Only in retold sentences of a copy about as long as its source: a condensed
    # retelling drops whole sentences and merges the rest, figures, "but"s and all, while a
    # full retelling that leaves out one figure or one "but" is what misleads.
    condensed = sum(map(len, b)) < _CONDENSED * sum(map(len, a))
    retellings: dict[int, list[str]] = {}
    for pair in alignment.pairs:
        for i in pair.a:
            retellings.setdefault(i, []).extend(b[j] for j in pair.b)
    retold = [] if condensed else sorted(retellings)
    lost_figures = tuple(i for i in retold for f in read_figures(a[i]) if f.digits
                         and not copy_values.holds(f.value))
    # A retelling that qualifies in words of its own keeps the qualification reworded.
    lost_qualifiers = tuple(i for i in retold for stems in _qualifier_clauses(a[i])
                            if len(stems & copy_stems) < _KEPT * len(stems)
                            and not any(map(_qualified, retellings[i])))
    lost_at = set(lost_figures)
    widened_at = {i for i, texts in retellings.items() if widened(a[i], texts)}
    # A condensed copy merges sentences the alignment does not always link, so a year it
    # moves from another source sentence says nothing there; in a full retelling it is a
    # past event re-dated.
    years = {y for text in a for y in _YEAR.findall(text)}
    # A source that itself trades in rumour ("reportedly", "sources say") is retold with
    # rumour: only vague sourcing beyond the source's own counts.
    vague = [bool(vague_sourcing(text)) for text in b]
    hearsay = [_hearsay(text) for text in a]
    more_vague = sum(vague) > sum(hearsay)
    tags = []
    for j, text in enumerate(b):
        sources = alignment.sources_of(j)
        source_text = " ".join(a[i] for i in sources)
        mine: set[str] = set()
        if vague[j] and more_vague and not any(hearsay[i] for i in sources):
            mine.add("vague_sourced")
        if sources:
            if (lost_at & set(sources) and _VAGUE_QUANTITY.search(text) and not
                    _VAGUE_QUANTITY.search(source_text)) or _blurs(text, source_text):
                mine.add("blurred")
            if _new_times(text, source_text, years if condensed else set()):
                mine.add("new_time")
            if _new_context(text, source_text, source_stems):
                mine.add("new_context")
            if _firmed(text, source_text):
                mine.add("firmed")
            if widened_at & set(sources) or _quantifier_dropped(text, source_text):
                mine.add("widened")
        elif _new_setting(text, source_stems):
            mine.add("new_context")
        tags.append(frozenset(mine))
    return CopyEvidence(tuple(tags), lost_figures, lost_qualifiers)
