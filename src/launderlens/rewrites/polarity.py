"""Two sentences in; the outcome turned into its opposite and the cause changed or brought
in out. Both are changes that no figure, date or name shows.

- polarity: a word on one side whose opposite stands on the other among the same words
  ("the court upheld the ban" against "the court overturned the ban"), unless a negation
  before it says the same thing ("did not approve" against "rejected");
- cause: a clause opened by a causal marker ("because", "due to", "as a result of",
  "blamed on") on the copy's side whose content words the source sentence does not hold:
  "closed after engineers found cracks" retold as "closed because protesters threatened it".

Also here: :data:`IMPLICIT_NEGATIVES`, words that negate without a "not" ("refrained",
"unaware", "instead"), with which a rewording may stand in for a negation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..languages.numbers import count_value, number_value
from .quantities import FUNCTION_WORDS, Token, read_tokens, word_stem, wordset

__all__ = ["IMPLICIT_NEGATIVES", "NEGATIVE_PRONOUNS", "NEGATORS", "cause_certain",
           "cause_changes", "cause_clauses", "cause_is_new", "cause_words", "content_stems",
           "given_causes", "implicitly_negative", "is_negator", "negates_next", "negative_at",
           "polarity_changes", "undoes_not"]

# Each pair: words (stems, or phrases as written) that state opposite outcomes of one event.
_PAIRS = (
    ("rose rise rises risen rising increased increase increases grew grow grown climbed "
     "surged jumped", "fell fall falls fallen falling decreased decrease decreases dropped "
     "declined shrank slumped plunged tumbled"),
    ("won win wins winning", "lost lose loses losing"),
    ("approved approve approves passed adopted", "rejected reject rejects vetoed "
     "voted_down"),
    ("accepted accept accepts", "refused refuse refuses rejected turned_down"),
    ("upheld uphold upholds", "overturned overturn overturns struck_down annulled quashed"),
    ("supported support supports backed", "opposed oppose opposes"),
    ("welcomed welcome welcomes praised hailed applauded", "criticised criticized "
     "condemned denounced slammed"),
    ("allowed allow allows permitted authorised authorized", "banned ban bans forbade "
     "prohibited blocked outlawed"),
    ("confirmed confirm confirms admitted acknowledged", "denied deny denies disputed"),
    ("lifted lift lifts eased relaxed", "imposed impose imposes tightened"),
    ("guilty convicted", "acquitted innocent"),
    ("raise raised hiked", "cut cuts lowered slashed"),
    ("faster quicker accelerated", "slower more_slowly slowed"),
    ("peaceful calm", "violent"),
    ("strengthen strengthened strengthens boost boosted bolster", "weaken weakened weakens "
     "undermine undermined"),
    ("successful succeeded", "unsuccessful"),
    ("safe", "unsafe dangerous"),
    ("legal lawful", "illegal unlawful"),
    ("higher highest", "lower lowest"),
    ("improved improve improves", "worsened worsen worsens deteriorated"),
    ("profit profits", "loss losses"),
    ("true accurate", "false inaccurate"),
    ("agreed agree agrees", "disagreed disagree disagrees"),
    ("survived survive survives", "died die dies killed"),
    # No stance against a stance: a reaction the copy makes up.
    ("declined_to_comment refused_to_comment did_not_comment no_comment",
     "welcomed praised hailed criticised criticized condemned backed opposed"),
    ("did_not_rule declined_to_rule", "upheld overturned struck_down annulled"),
)


def _side(words: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A side of a pair: single-word stems, and phrases ("turned_down") as regex bodies."""
    single = frozenset(word_stem(w) for w in words.split() if "_" not in w)
    phrases = tuple(w.replace("_", r"\s+") for w in words.split() if "_" in w)
    return single, phrases


_OPPOSITES = tuple((_side(left), _side(right)) for left, right in _PAIRS)

#: "nothing", "nobody": negators that stand for a thing, where "not" stands before one.
NEGATIVE_PRONOUNS = wordset("nothing nobody none nowhere")
#: Words that negate what follows them, with the "n't" of :func:`is_negator`: the one list
#: the negation and polarity readings share ("nobody approved" is no approval).
NEGATORS = wordset("not never no neither nor without cannot") | NEGATIVE_PRONOUNS


def is_negator(norm: str) -> bool:
    """Whether the word ``norm`` negates what follows it (see :data:`NEGATORS`)."""
    return norm in NEGATORS or norm.endswith("n't")


#: Words that negate without "not": a rewording may say "refrained from commenting" for
#: "did not comment", or "unaware" for "did not know".
IMPLICIT_NEGATIVES = frozenset(word_stem(w) for w in wordset("""
refrain refrains refrained refraining unable inability unaware unclear uncertain unknown unlikely
unwilling absent absence instead rather apart hardly barely scarcely neither nor without
avoid avoids avoided avoidance lack lacks lacked stayed remain remained remains kept
withheld silent yet prohibit prohibits prohibited forbid forbids forbade forbidden prevent
prevents prevented barred dispel dispels dispelled debunk debunks debunked refute refutes
refuted
"""))
#: "Dismissed" denies only a claim it governs ("dismissed any notion", "dismissed reports",
#: "dismissed it as a stunt"); "the coach was dismissed", "the coach, dismissed in May" and
#: "the judge dismissed the lawsuit" state an act of their own.
_DISMISSING = wordset("dismiss dismisses dismissed dismissing")
_CLAIMS = wordset("""
claim claims notion notions idea ideas rumour rumours rumor rumors report reports speculation
suggestion suggestions allegation allegations accusation accusations talk concern concerns
fear fears criticism story stories as
""")
_DISMISS_REACH = 3
#: A difficulty negates only an act it governs: "struggles to" or "struggles with", "finds
#: it challenging to" and "had difficulty in" retell "can't"; "a difficult year", "the firm,
#: which struggled last year" or "struggled in the polls" negate nothing, and a "not" beside
#: them is a change.
_HARD_TO = {w: wordset(after) for words, after in (
    ("struggle struggles struggled struggling", "to with"),
    ("difficult challenging", "to"), ("difficulty difficulties", "to with in"),
) for w in wordset(words)}
#: Implicit negatives that a "not" undoes ("did not prevent", "not unaware", "did not
#: struggle to"), unlike "not yet" or "not without", where the two words negate once.
_UNDONE_BY_NOT = frozenset(word_stem(w) for w in wordset("""
refrain refrained avoid avoided lack lacked withheld prohibit prohibited forbid forbade
forbidden prevent prevented barred unable inability unaware unclear uncertain unknown unlikely
unwilling dismiss dismissed dispel dispelled debunk debunked refute refuted
""") | frozenset(_HARD_TO))


def undoes_not(tokens: Sequence[Token], k: int) -> bool:
    """Whether a "not" on the word at ``k`` makes the pair say the positive: "did not
    prevent", and "have not ruled out" or "did not turn down" (the phrase, not "did not
    rule on" or "did not turn up")."""
    return word_stem(tokens[k].norm) in _UNDONE_BY_NOT or _with_particle(tokens, k)


#: Words starting with "un" that are not negatives ("undoubtedly" states the positive, as
#: "no doubt" does).
_UN_WORDS = ("under", "unit", "union", "uniq", "univ", "unti", "unless", "unveil", "unfold",
             "unleash", "unload", "unlock", "unanim", "uncle", "unif", "undoubt", "unquestion")


#: "free of charge" names a price, not an absence.
_FREE_OF_PRICE = frozenset({"charge", "cost"})


#: "too early to say" is "cannot yet say"; "the first accident since 2016" is "no accident
#: since 2016": negatives without a negating word, which rewordings trade for "not".
_TOO_SOON = frozenset({"early", "soon", "late"})
_FIRST_SINCE_REACH = 6
#: "turned down the offer" is "rejected the offer", "ruled out a coalition" "will not form one".
_PARTICLE_NEGATIVES = {**dict.fromkeys(wordset("turn turns turned turning"), "down"),
                       **dict.fromkeys(wordset("rule rules ruled ruling"), "out")}


def _with_particle(tokens: Sequence[Token], k: int) -> bool:
    """Whether the word at ``k`` and the next make a negative phrase ("turned down")."""
    particle = _PARTICLE_NEGATIVES.get(tokens[k].norm)
    return particle is not None and k + 1 < len(tokens) and tokens[k + 1].norm == particle


def _negative_phrase(tokens: Sequence[Token], k: int) -> bool:
    norm = tokens[k].norm
    following = tokens[k + 1].norm if k + 1 < len(tokens) else ""
    if norm == "too":
        return following in _TOO_SOON
    if norm in _PARTICLE_NEGATIVES:
        return _with_particle(tokens, k)
    if norm in _HARD_TO:
        return following in _HARD_TO[norm]
    if norm == "minus":
        # "minus the offending syllable": without it; "minus 5", "minus five": a figure
        return not following[:1].isdigit() and count_value(following) is None
    if norm == "far" and following == "from":
        # "far from surprised", "far from over": not; "far from home", "far from Beijing"
        # or "far from Reading" says where
        after = tokens[k + 2] if k + 2 < len(tokens) else None
        return after is not None and after.text[:1].islower() and after.norm.endswith(
            ("ed", "ing", "over", "clear", "certain"))
    if norm in _DISMISSING:
        return any(t.norm in _CLAIMS for t in tokens[k + 1:k + 1 + _DISMISS_REACH])
    return norm == "first" and any(t.norm == "since"
                                   for t in tokens[k + 1:k + 1 + _FIRST_SINCE_REACH])


def implicitly_negative(tokens: Sequence[Token]) -> bool:
    """Whether the words negate something without "not": "refrained", "unperturbed", "free
    of" ("free of irregularities" says "no irregularities"), "too early to", "the first ...
    since", "turned down", "ruled out", "far from surprised", "dismissed the notion",
    "minus the fee"."""
    return any(negative_at(tokens, k) for k in range(len(tokens)))


def negative_at(tokens: Sequence[Token], k: int) -> bool:
    """Whether the word at ``k`` negates something without "not" (see
    :func:`implicitly_negative`)."""
    t = tokens[k]
    return (word_stem(t.norm) in IMPLICIT_NEGATIVES or _negative_phrase(tokens, k)
            or (t.norm.startswith("un") and len(t.norm) >= 6
                and not t.norm.startswith(_UN_WORDS))
            or (t.norm == "free" and k + 1 < len(tokens)
                and tokens[k + 1].norm in ("of", "from")
                and (k + 2 >= len(tokens) or tokens[k + 2].norm not in _FREE_OF_PRICE)))


def negates_next(tokens: Sequence[Token], k: int) -> bool:
    """Whether the word at ``k`` negates the act it stands before without "not": "hardly
    spoke", "barely noticed" (next to nothing happened), "rebuild rather than repair",
    "expand instead of selling" (the act after it is set aside). A side that states the
    act plainly then says the opposite; "rather" and "instead" alone ("Instead, they
    left", "rather slow") set nothing aside, nor does "rather than her father's career"
    (a thing, not an act, after a determiner); nor "barely" before an amount ("barely a
    week later", "barely 20 people": only) or before "when" ("had barely sat down when
    the call came": just)."""
    norm = tokens[k].norm
    following = tokens[k + 1].norm if k + 1 < len(tokens) else ""
    if norm in _SCANT:
        return _act_at(tokens, k + 1) and not any(
            t.norm in ("when", "before") for t in tokens[k + 1:k + _SCANT_REACH])
    return (norm, following) in (("rather", "than"), ("instead", "of")) and _act_at(tokens, k + 2)


def _act_at(tokens: Sequence[Token], k: int) -> bool:
    """Whether a word that may name an act stands at ``k``: no function word or amount."""
    return k < len(tokens) and tokens[k].norm not in FUNCTION_WORDS and \
        not tokens[k].norm[:1].isdigit() and number_value(tokens[k].norm) is None


#: "hardly ever drinks" and "rarely drinks" say one thing.
_SCANT = wordset("hardly barely scarcely rarely seldom")
_SCANT_REACH = 6


def content_stems(tokens: Iterable[Token]) -> set[str]:
    """The stems of the words that carry content: no function words, figures or names."""
    return {word_stem(t.norm) for t in tokens if t.norm not in FUNCTION_WORDS
            and not t.text[:1].isupper() and not t.norm[:1].isdigit()}


# --- polarity ------------------------------------------------------------------------------

def polarity_changes(a: str, b: str) -> list[tuple[str, str]]:
    """A word on one side whose opposite stands on the other, among the same words, neither
    side having both and neither word negated: "the court upheld the rule" against "the
    court struck down the rule"."""
    ta, tb = read_tokens(a), read_tokens(b)
    out = []
    for left, right in _OPPOSITES:
        for one, other in ((left, right), (right, left)):
            at_a = _occurrences(a, ta, one)
            at_b = _occurrences(b, tb, other)
            if not at_a or not at_b or _occurrences(b, tb, one) or _occurrences(a, ta, other):
                continue
            k, q = at_a[0], at_b[0]
            if _negated(ta, k) or _negated(tb, q) or not _near_same_words(ta, k, tb, q):
                continue
            if _idiom(ta, k) or _idiom(tb, q):
                continue
            out.append((ta[k].text, tb[q].text))
    return out


def _occurrences(text: str, tokens: Sequence[Token],
                 side: tuple[frozenset[str], tuple[str, ...]]) -> list[int]:
    """Token positions where a word (or the first word of a phrase) of ``side`` stands."""
    single, phrases = side
    out = [k for k, t in enumerate(tokens) if word_stem(t.norm) in single]
    for phrase in phrases:
        for match in re.finditer(rf"\b{phrase}\b", text, re.IGNORECASE):
            out += [k for k, t in enumerate(tokens) if t.start == match.start()]
    return sorted(out)


def _negated(tokens: Sequence[Token], k: int) -> bool:
    return any(is_negator(t.norm) for t in tokens[max(0, k - 3):k])


#: Words after "fell" or "rose" that make an idiom, not a direction: "fell in love",
#: "rose to fame".
_IDIOMS = frozenset({("in", "love"), ("asleep",), ("ill",), ("silent",), ("victim",),
                     ("apart",), ("to", "fame"), ("to", "prominence"), ("to", "stardom"),
                     ("to", "power")})


def _idiom(tokens: Sequence[Token], k: int) -> bool:
    after = tuple(t.norm for t in tokens[k + 1:k + 3])
    return after[:1] in _IDIOMS or after in _IDIOMS


def _near_same_words(ta: Sequence[Token], k: int, tb: Sequence[Token], q: int) -> bool:
    """Whether a content word near the word on one side stands near its opposite on the
    other: the two words then state the outcome of one thing."""
    near_a = content_stems([*ta[max(0, k - 4):k], *ta[k + 1:k + 5]])
    near_b = content_stems([*tb[max(0, q - 4):q], *tb[q + 1:q + 5]])
    return bool(near_a & near_b)


# --- cause ---------------------------------------------------------------------------------

_CAUSE = re.compile(
    r"\b(?:because(?:\s+of)?|due\s+to|owing\s+to|as\s+a\s+(?:result|consequence)\s+of|"
    r"caused\s+by|blam(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){0,4}?on|attributed\s+(?:it\s+)?to|"
    r"on\s+account\s+of)\b", re.IGNORECASE)
#: Markers that may state a cause in the source but are too often only a time in a copy,
#: or that state a cause a copy retells with "because" or "due to": "given his record",
#: "under orders from", "at the request of", "punished by being made to", "thanks to".
_SOURCE_CAUSE = re.compile(
    rf"{_CAUSE.pattern}|\b(?:after|following|since|during|amid|amidst|citing|reasons?|grounds|"
    r"down\s+to|thanks\s+to|in\s+(?:light|view)\s+of|under\s+(?:an?\s+)?orders?|"
    r"on\s+(?:the\s+)?orders?\s+of|at\s+the\s+(?:request|behest|urging)\s+of|"
    r"by\s+(?:being\s+)?\w+ing)\b|(?:^|(?<=[,;:]\s))given\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?()\u2013\u2014]|\b(?:and|but|while|whereas|although)\b")
#: A title cut short ("Gov.", "Dr.", "Sen."), whose dot ends no clause.
_ABBREVIATED = re.compile(r"\b[A-Z][a-z]{0,3}\.$")
#: After a clause's end, words that go on with the same cause: "down to the weather and
#: to how slowly Parliament moves", "because of the rain and because of the wind".
_CAUSE_GOES_ON = re.compile(r"\s*(?:and|or)\s+(?:also\s+)?(?:to|because|due|partly|as)\b",
                            re.IGNORECASE)
#: A brought-in cause needs at least this many content words the source sentence lacks,
#: and that share of its content words.
NEW_CAUSE_WORDS = 2
NEW_CAUSE_SHARE = 0.5


def cause_clauses(text: str, marker: re.Pattern[str] = _CAUSE) -> list[str]:
    """Each causal marker of ``text`` with the words it opens, up to the clause's end (past
    an "and" that goes on with the same cause)."""
    out = []
    for match in marker.finditer(text):
        end = _CLAUSE_END.search(text, match.end())
        while end and ((goes_on := _CAUSE_GOES_ON.match(text, end.start()))
                       or _ABBREVIATED.search(text, 0, end.end())):
            end = _CLAUSE_END.search(text, goes_on.end() if goes_on else end.end())
        out.append(text[match.start():end.start() if end else len(text)].strip())
    return out


def cause_changes(a: str, b: str) -> list[tuple[str, str]]:
    """A cause the copy ``b`` states that the source ``a`` does not: its content words are
    mostly not in ``a``. The fragment of ``a`` is the cause it gave, if any (a different
    cause), else empty (a cause brought in)."""
    clauses = cause_clauses(b)
    if not clauses:
        return []  # most pairs: the source is read only against a cause the copy states
    stems_a = {word_stem(t.norm) for t in read_tokens(a)}
    given = given_causes(a)
    a_cause = given[0] if given else ""
    stated = bool(_CAUSE.match(a_cause))
    given_words = cause_words(given)
    for clause in clauses:
        # The source's own cause in other words ("because his fans were destroying
        # property" against "due to his fans causing damage") shares a word with it, or a
        # name ("because the Harbour Trust board told him" against "due to pressure from
        # the Harbour Trust"). A cause that points back ("because of this neglect") is
        # what the text said before: new only against a cause the source states here.
        words = _fragment_words(clause)
        if (stated or not _points_back(clause)) and \
                _is_new(words, stems_a, stated) and not words & given_words:
            return [(a_cause, clause)]
    return []


def given_causes(text: str) -> list[str]:
    """The causes and settings a source sentence states (:func:`cause_clauses` with the
    source's markers: "during", "amid", "under orders from" as well as "because")."""
    return cause_clauses(text, _SOURCE_CAUSE)


def cause_words(clauses: Sequence[str]) -> set[str]:
    """The words of causes read without their markers ("because of the storm" and "because
    of the strike" share no word of their causes), names and all, in any case ("covid-19"
    is "COVID-19")."""
    return _cause_words(" ".join(_SOURCE_CAUSE.sub("", c, count=1) for c in clauses))


def _cause_words(text: str) -> set[str]:
    """The stems of a cause's words that carry content, names included."""
    return {word_stem(t.norm) for t in read_tokens(text)
            if t.norm not in FUNCTION_WORDS and not t.norm[:1].isdigit()} - _NO_CONTENT


def _fragment_words(fragment: str) -> set[str]:
    """:func:`_cause_words` of a cause without its marker."""
    return _cause_words(_CAUSE.sub("", fragment, count=1))


def _points_back(clause: str) -> bool:
    """Whether the cause opens with a word that points to what was said ("this", "such")."""
    rest = _CAUSE.sub("", clause, count=1).split()
    return bool(rest) and rest[0].lower() in _POINTING


_POINTING = wordset("this that these those such")


def cause_is_new(fragment: str, source_stems: set[str], *, given: str = "") -> bool:
    """Whether the cause ``fragment`` is new to a whole source (by its stems, names and all):
    a rewrite may move a cause the source states in another sentence. In place of a cause
    the source states with a causal marker (``given``), one new word is a new cause
    ("because of the strike" against "because of the storm"); a cause brought in, or one
    standing for a time ("after the audit"), needs :data:`NEW_CAUSE_WORDS`. A cause that
    names no more than "personal reasons" states none."""
    return _is_new(_fragment_words(fragment), source_stems, bool(_CAUSE.match(given)))


def _is_new(words: set[str], source_stems: set[str], stated: bool) -> bool:
    """:func:`cause_is_new` of a cause's words (:func:`_fragment_words`), ``stated`` where
    it stands in place of a cause the source gives with a causal marker."""
    if not words - _VAGUE_REASONS:
        return False
    new = words - source_stems
    least = 1 if stated else NEW_CAUSE_WORDS
    return len(new) >= least and len(new) >= NEW_CAUSE_SHARE * len(words)


def cause_certain(fragment: str, source_stems: set[str]) -> bool:
    """Whether the cause ``fragment`` surely is not the source's (by its stems): at least
    :data:`NEW_CAUSE_WORDS` of its words are new. One new word in place of a stated cause
    is as often a synonym ("due to the downpour" against "because of the rain") as another
    cause ("because of the strike" against "because of the storm"): a change to check."""
    return len(_fragment_words(fragment) - source_stems) >= NEW_CAUSE_WORDS


#: Words of a cause that name no cause: "for personal reasons", "due to undisclosed issues".
_VAGUE_REASONS = frozenset(word_stem(w) for w in wordset("""
reason reasons personal private undisclosed unspecified unknown unexplained various several
other certain issues matters circumstances family
"""))
#: Pronouns and prepositions that :func:`content_stems` keeps and a cause's content lacks.
_NO_CONTENT = frozenset(word_stem(w) for w in wordset("""
herself himself themselves itself myself yourself ourselves towards toward both
"""))
