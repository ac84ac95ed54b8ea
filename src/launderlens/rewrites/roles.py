"""A sentence in, its names out (runs of capitalised words, with the titles and neighbouring
words that give each its role); two sentences in, who-did-what-to-whom changes out.

Roles are read without a parser, from the clause between two names: in "Holm questioned
Dahl" the first name acts on the second, in "Dahl was questioned by Holm" the name after
"by" does. Two names that both sentences give, in reversed roles around a word both clauses
share ("questioned"), are a role change; the same roles in another voice are not, nor are
names merely listed ("Holm and Dahl" against "Dahl and Holm").

A relative clause after a comma relates the phrase before it to one inside it, names or not:
"the minister, who was questioned by the committee" (the committee acts), "Holm, who sued
Dahl" (Holm acts), "the company, which Holm founded" (Holm acts). Its two actors are read
as the words of each phrase; the same act between the same two actors reversed is a change.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .quantities import (
    FUNCTION_WORDS,
    WEEKDAYS,
    Token,
    is_month,
    read_tokens,
    text_span,
    word_stem,
    wordset,
)

__all__ = ["TITLES", "Name", "Relation", "read_names", "relative_relations", "role_changes",
           "same_name", "sentence_starts"]

TITLES = wordset("""
president prime minister chancellor secretary senator sen governor gov mayor king queen
prince princess pope general gen dr mr mrs ms rep representative chief director ambassador
vice foreign defense defence spokesman spokeswoman spokesperson judge justice ceo chairman
chairwoman leader commander premier deputy state former first lady sir lord
""")
_CONNECTORS = frozenset({"of", "de", "da", "van", "von", "al", "bin", "la", "le", "del"})
#: Abbreviations whose point ends no sentence ("Brig. Gen. Dahl", "Velm Corp. said").
_ABBREVIATIONS = wordset("""
brig col capt cpt sgt lt maj adm cmdr rev prof jr sr st mt ft co corp inc ltd no vol ave
blvd dept univ
""")
#: Abbreviations in small letters whose point ends no sentence ("Roe v. Wade", "Smith vs.
#: Jones", "e.g. Velm").
_SMALL_ABBREVIATIONS = wordset("v vs cf approx viz e.g i.e")


@dataclass(frozen=True, slots=True)
class Name:
    """A name as written (``text``), its words proper (``core``, lower-cased) and the
    words of its role (titles inside the run, the content words just before and after)."""

    core: frozenset[str]
    role: frozenset[str]
    text: str


def read_names(text: str, also: frozenset[str] = frozenset()) -> list[Name]:
    """Runs of capitalised words, split into the name proper and the role around it
    (titles inside the run, the word before and the word after it). A capitalised first
    word of a sentence (of any sentence the text holds) is a name when it is capitalised
    inside a sentence too, opens another sentence as well, or is in ``also``; a run of
    capitals stops where a sentence ends ("in Velm. Because")."""
    tokens = read_tokens(text)
    starts = sentence_starts(text, tokens)
    at_starts = Counter(t.norm for k, t in enumerate(tokens) if k in starts)
    capitalised = {t.norm for k, t in enumerate(tokens) if t.text[:1].isupper() and (
        k not in starts or at_starts[t.norm] > 1)} | also
    out, k = [], 0
    while k < len(tokens):
        end = k
        while end < len(tokens) and _in_name(tokens, end, k) and (end == k or (
                end not in starts and not _LIST_BREAK & set(
                    text[tokens[end - 1].end:tokens[end].start]))):
            end += 1
        if end == k:
            k += 1
            continue
        while end - k > 1 and tokens[k].norm in FUNCTION_WORDS:
            k += 1  # "The Kremlin", "In The Hague": a function word names nothing
        run: Sequence[Token] = tokens[k:end]
        # A capitalised first word of a sentence is a name only if it is capitalised
        # elsewhere too; set off by a comma it opens the sentence, not the name after it
        # ("Remember, The Late Show").
        if k in starts and run[0].norm not in capitalised and (
                len(run) == 1 or "," in text[run[0].end:run[1].start]):
            k, run = k + 1, run[1:]
            while len(run) > 1 and run[0].norm in FUNCTION_WORDS:
                k, run = k + 1, run[1:]
        core = frozenset(t.norm for t in run if t.norm not in TITLES | _CONNECTORS)
        context = [t.norm for t in (*tokens[max(0, k - 1):k], *tokens[end:end + 1])]
        role = frozenset(t.norm for t in run if t.norm in TITLES) | frozenset(
            c for c in context if c not in FUNCTION_WORDS)
        if core:
            out.append(Name(core, role, text_span(text, tokens, k, end - 1)))
        k = end
    return out


#: What ends a run of capitals between two names of a list ("Adam Levine, Alicia Keys and
#: Blake Shelton") or a name and a quotation.
_LIST_BREAK = frozenset(',;()"“”:')


def sentence_starts(text: str, tokens: Sequence[Token]) -> frozenset[int]:
    """The tokens that open a sentence: the first, and one after "!", "?", a line break, or
    a point after a word that is no abbreviation ("Velm. Because", not "Dr. Holm", "U.S.
    Army", "Gen. Dahl" or "Roe v. Wade"); none in a text without words."""
    starts = {0} if tokens else set()
    for k in range(1, len(tokens)):
        gap, before = text[tokens[k - 1].end:tokens[k].start], tokens[k - 1]
        if any(c in gap for c in "!?\n") or ("." in gap and (
                (before.text.islower() and before.norm not in _SMALL_ABBREVIATIONS) or (
                len(before.text) > 3 and "." not in before.text
                and before.norm not in TITLES | _ABBREVIATIONS))):
            starts.add(k)
    return frozenset(starts)


def _in_name(tokens: Sequence[Token], k: int, first: int) -> bool:
    token = tokens[k]
    if token.norm in _CONNECTORS and k > first and k + 1 < len(tokens):
        return tokens[k + 1].text[:1].isupper()
    return (token.text[:1].isupper() and token.norm not in WEEKDAYS
            and not is_month(tokens, k) and not token.norm.isdigit() and token.norm != "i")


def same_name(x: Name, y: Name) -> bool:
    """Whether two names are spellings of one ("U.K"/"UK", "Bey"/"Beyoncé")."""
    flat_x = "".join(sorted(w.replace(".", "") for w in x.core))
    flat_y = "".join(sorted(w.replace(".", "") for w in y.core))
    return flat_x == flat_y or any(
        u.startswith(v) or v.startswith(u) for u in x.core for v in y.core
        if min(len(u), len(v)) >= 3)


# --- roles -----------------------------------------------------------------------------------

#: Tokens at most between the two actors of one clause ("X congratulated Y on Sunday").
_ROLE_SPAN = 9
#: Marks between two names that end the clause or open a quotation.
_BREAKS = frozenset("\"“”«».;:!?()[]")
#: Past forms that do not end in "-ed" ("Marsh beat Vogel").
_IRREGULAR_PAST = wordset("""
beat met told took gave paid sold bought left led fought caught struck shot hit sued won
lost sent brought threw chose drew forgave overtook overthrew held kept
""")
#: An auxiliary that makes the clause passive when "by" introduces the second name.
_PASSIVE_AUX = wordset("is are was were be been being get gets got")
#: Shared names compared pairwise at most: hostile text may hold hundreds of capitals.
_MAX_SHARED = 24
_BY_REACH = 3  # "by" and at most two words ("the prosecutor") before the name


def role_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Two people or bodies named on both sides whose roles around a shared word are
    reversed: "Vesela congratulated Kroupa" against "Kroupa congratulated Vesela", or
    against "Vesela was congratulated by Kroupa"; failing that, the actors a relative clause
    reverses (:func:`relative_role_changes`)."""
    caps = frozenset(t.norm for text in (a, b) for t in read_tokens(text)[1:]
                     if t.text[:1].isupper())
    names_a, names_b = read_names(a, caps), read_names(b, caps)
    # The same name on both sides: one's words within the other's ("Holm", "Anna Holm"),
    # not two of one family ("Joe Giudice", "Teresa Giudice").
    shared = [(x, y) for x in names_a for y in names_b
              if x.core & y.core and (x.core <= y.core or y.core <= x.core)][:_MAX_SHARED]
    for (x1, y1), (x2, y2) in itertools.combinations(shared, 2):
        if x1 is x2 or y1 is y2 or x1.core & x2.core or not (_actor(x1) and _actor(x2)):
            continue
        read_a = _clause(a, x1.text, x2.text)
        read_b = _clause(b, y1.text, y2.text)
        if read_a is None or read_b is None or read_a[0] == read_b[0]:
            continue
        # an act two do together ("met", "married") has no one who does it to the other
        if (read_a[1] & read_b[1]) - _MUTUAL:
            return [(read_a[2], read_b[2])]
    return _swapped_slots(a, b, shared) or relative_role_changes(a, b)


def _swapped_slots(a: str, b: str, shared: Sequence[tuple[Name, Name]]
                   ) -> list[tuple[str, str]]:
    """Two names each of which the copy puts where the source had the other, between the
    same two words: "the daughter of singer Lionel Ash and sister to designer Nina Ash"
    against "... singer Nina Ash and sister to designer Lionel Ash", "whenever Drew is
    present, Kira refrains" against "whenever Kira is present, Drew refrains". Names
    listed together ("Kira and Drew" against "Drew and Kira") trade places freely."""
    tokens_a, tokens_b = read_tokens(a), read_tokens(b)
    # each name's slot once, not once for every other name it is paired with
    slots = [(_slot(a, tokens_a, x.text), _slot(b, tokens_b, y.text)) for x, y in shared]
    for ((x1, y1), (ax1, by1)), ((x2, y2), (ax2, by2)) in itertools.combinations(
            zip(shared, slots, strict=True), 2):
        if x1 is x2 or y1 is y2 or x1.core <= x2.core or x2.core <= x1.core:
            continue
        if ax1 is None or ax2 is None or by1 is None or by2 is None:
            continue
        if ax1[:2] == by2[:2] and ax2[:2] == by1[:2] and ax1[:2] != ax2[:2] \
                and abs(ax1[2] - ax2[2]) > 2 and abs(by1[2] - by2[2]) > 2 \
                and set(ax1[:2] + ax2[:2]) - FUNCTION_WORDS - {""} \
                and not _mutual(tokens_a[min(ax1[2], ax2[2]) + 1:max(ax1[2], ax2[2])]):
            return [(_span(a, x1.text, x2.text), _span(b, y1.text, y2.text))]
    return []


def _span(text: str, first: str, second: str) -> str:
    """``text`` from the first of two names to the end of the other."""
    ends = [(text.find(name), text.find(name) + len(name)) for name in (first, second)]
    return text[min(start for start, _ in ends):max(end for _, end in ends)]


def _slot(text: str, tokens: Sequence[Token], name: str) -> tuple[str, str, int] | None:
    """The words just before and after the first ``name`` of ``text`` (empty at an end)
    and the index of its first token; None when it is not there."""
    at = text.find(name)
    if at < 0:
        return None
    inside = [k for k, t in enumerate(tokens) if at <= t.start < at + len(name)]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    before = tokens[first - 1].norm if first > 0 else ""
    after = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    return before, after, first


def _clause(text: str, first: str, second: str) -> tuple[bool, set[str], str] | None:
    """Whether ``first`` acts on ``second`` in ``text``, the content stems of the words
    between them, and the fragment; None when the two are not one clause's actors (far
    apart, across a quotation, or merely listed)."""
    at_first, at_second = text.find(first), text.find(second)
    if at_first < 0 or at_second < 0 or at_first == at_second:
        return None
    (start, left), (end, right) = sorted(((at_first, first), (at_second, second)))
    between = text[start + len(left):end]
    tokens = read_tokens(between)
    if _BREAKS & set(between) or len(tokens) > _ROLE_SPAN:
        return None
    stems = _acts(tokens)
    if not stems:
        return None  # "Holm and Dahl", "The Cab frontman DeLeon": no act between them
    if any(t.norm in _SUBJECTS for t in tokens):
        return None  # "the gala they attended, Holm": the act is another's
    by = _passive_by(tokens, apposed=between.lstrip().startswith(","))
    if not by and _passive(tokens):
        return None  # "Holm is expected to stay with Dahl": Holm undergoes an act of nobody's
    agent_first = at_first < at_second
    if by:
        agent_first = not agent_first
    return agent_first, stems, text[start:end + len(right)]


#: Subject pronouns: an act after one between two names is the pronoun's.
_SUBJECTS = wordset("he she they we i you")


def _passive(tokens: Sequence[Token]) -> bool:
    """Whether the words between two names hold a passive: a form of "be" before a past
    participle, an adverb or "not" aside ("is expected", "was not told")."""
    for k, token in enumerate(tokens):
        if token.norm in _PASSIVE_AUX:
            after = [t for t in tokens[k + 1:k + 3] if t.norm not in _ADVERBS]
            if after and _verb_like(after[0]):
                return True
    return False


#: Words that may stand between "be" and its participle.
_ADVERBS = wordset("not never also still already reportedly allegedly widely now")


# --- relative clauses -----------------------------------------------------------------------

_RELATIVE = wordset("who whom which")
#: Words that open a noun phrase without being part of what names it.
_DETERMINERS = wordset("the a an his her its their our this that these those")
#: Auxiliaries of the perfect between a relative pronoun and its verb ("who had sued",
#: "which has been"); those of the passive are :data:`_PASSIVE_AUX`, read first.
_AUXILIARIES = wordset("has have had")
#: Words that end a phrase naming an actor: time and manner words that follow the verb's
#: object ("sued Dahl last year", "questioned the minister again").
_PHRASE_ENDS = wordset("""
last next this yesterday today tonight earlier later ago again also then still twice once
""") | WEEKDAYS
_PHRASE_WORDS = 5  # words at most in an actor's phrase
_VERB_REACH = 3  # aux and adverb words at most between the pronoun and its verb
#: Relations read per text at most: hostile text may hold thousands of ", who".
_MAX_RELATIONS = 32


@dataclass(frozen=True, slots=True)
class Relation:
    """Who acts (``agent``) on whom (``patient``), each the stems of its phrase, by which
    act (``act``, a stem), as written (``text``)."""

    agent: frozenset[str]
    patient: frozenset[str]
    act: str
    text: str


def _phrase_before(text: str, tokens: Sequence[Token], k: int) -> tuple[int, frozenset[str]]:
    """The phrase that ends at token ``k - 1`` ("the finance minister", "Anna Holm"): where
    it starts and the stems of its words; an empty set when none is read."""
    words: list[Token] = []
    start = k
    while start > 0 and len(words) < _PHRASE_WORDS:
        token = tokens[start - 1]
        if token.norm in FUNCTION_WORDS or token.norm in _PHRASE_ENDS or not token.norm.isalpha():
            break
        if start < k and text[token.end:tokens[start].start].strip(" -"):
            break  # a comma or a quote: the phrase ends there
        words.append(token)
        start -= 1
    if start > 0 and tokens[start - 1].norm in _DETERMINERS and not text[
            tokens[start - 1].end:tokens[start].start].strip():
        start -= 1
    return start, frozenset(word_stem(t.norm) for t in words)


def _phrase_after(text: str, tokens: Sequence[Token], k: int) -> tuple[int, frozenset[str]]:
    """The phrase that starts at token ``k`` (after an optional determiner): where it ends
    (exclusive) and the stems of its words; an empty set when none is read."""
    end = k + (k < len(tokens) and tokens[k].norm in _DETERMINERS)
    words: list[Token] = []
    while end < len(tokens) and len(words) < _PHRASE_WORDS:
        token = tokens[end]
        if token.norm in FUNCTION_WORDS or token.norm in _PHRASE_ENDS or \
                not token.norm.isalpha() or (words and _verb_like(token)):
            break
        if words and text[words[-1].end:token.start].strip(" -"):
            break
        words.append(token)
        end += 1
    return end, frozenset(word_stem(t.norm) for t in words)


def _verb_at(tokens: Sequence[Token], k: int) -> tuple[int, bool] | None:
    """The act of a relative clause whose words start at token ``k``: the index of its verb
    and whether an auxiliary of the passive stands before it ("was questioned")."""
    passive = False
    for h in range(k, min(k + _VERB_REACH + 1, len(tokens))):
        if _verb_like(tokens[h]):
            return h, passive
        norm = tokens[h].norm
        if norm in _PASSIVE_AUX:
            passive = True
        elif norm not in _AUXILIARIES and not norm.endswith("ly"):
            return None
    return None


def relative_relations(text: str) -> list[Relation]:
    """The acts stated by the relative clauses of ``text`` between the phrase before the
    comma and a phrase inside the clause; a clause whose two actors are not both read
    states none."""
    tokens = read_tokens(text)
    out: list[Relation] = []
    for k, token in enumerate(tokens):
        if token.norm not in _RELATIVE or k == 0 or "," not in text[tokens[k - 1].end:token.start]:
            continue
        start, antecedent = _phrase_before(text, tokens, k)
        if not antecedent:
            continue
        subject = _verb_at(tokens, k + 1) if token.norm != "whom" else None
        if subject is not None:
            verb, passive = subject
            after = verb + 1
            if passive:
                # "who was questioned [on Tuesday] by the committee"
                by = next((h for h in range(after, min(after + _BY_REACH, len(tokens)))
                           if tokens[h].norm == "by"), None)
                if by is None:
                    continue
                end, other = _phrase_after(text, tokens, by + 1)
                agent, patient = other, antecedent
            else:
                end, other = _phrase_after(text, tokens, after)
                agent, patient = antecedent, other
        else:
            # "whom the committee questioned", "which Holm founded"
            inner_end, other = _phrase_after(text, tokens, k + 1)
            found = _verb_at(tokens, inner_end) if other else None
            if found is None or found[1]:
                continue
            verb, end = found[0], found[0] + 1
            agent, patient = other, antecedent
        if agent and patient and not agent & patient:
            out.append(Relation(agent, patient, word_stem(tokens[verb].norm),
                                 text_span(text, tokens, start, end - 1)))
            if len(out) == _MAX_RELATIONS:
                break  # the rest of a hostile text's clauses would be read for nothing
    return out


def relative_role_changes(a: str, b: str) -> list[tuple[str, str]]:
    """One act between the same two actors that a relative clause of each sentence states
    with the actors reversed: "the minister, who was questioned by the committee" against
    "the committee, which was questioned by the minister"."""
    for x in relative_relations(a):
        for y in relative_relations(b):
            if x.act == y.act and x.agent & y.patient and x.patient & y.agent and not (
                    x.agent & y.agent or x.patient & y.patient):
                return [(x.text, y.text)]
    return []


def _acts(tokens: Sequence[Token]) -> set[str]:
    """The stems of the words between two names that can be the act relating them: a past
    form or participle (:func:`_verb_like`); a present form right after the first name
    ("Holm sues Dahl", "Holm acknowledges that Dahl"); a form in "-ing" after a form of
    "be" ("is suing"); a base form after "not", a modal or "to" ("does not pay")."""
    out = set()
    for k, token in enumerate(tokens):
        norm = token.norm
        if norm in FUNCTION_WORDS or norm in TITLES or token.text[:1].isupper() \
                or not norm.isalpha():
            continue
        before = tokens[k - 1].norm if k else ""
        if _verb_like(token) or (k == 0 and len(norm) > 3 and norm.endswith("s")
                                 and not norm.endswith("ss")) \
                or (norm.endswith("ing") and len(norm) > 5 and before in _BE) \
                or (before in _BEFORE_BASE and len(norm) > 2):
            out.add(word_stem(norm))
    return out


#: Forms of "be" before a form in "-ing" ("is suing", "wasn't paying").
_BE = wordset("is are was were be been isn't aren't wasn't weren't")
#: Words after which a verb stands in its base form ("does not pay", "will sue", "to
#: thank").
_BEFORE_BASE = wordset("""
not never will would can could may might must should shall to did does do didn't
doesn't don't won't wouldn't can't couldn't
""")
#: Acts two people do together, so that either may be named first: "Holm met Dahl" is
#: "Dahl met Holm" (stems, as :func:`word_stem` makes them).
_MUTUAL = frozenset(word_stem(w) for w in wordset("""
met meet meets meeting married marry marries marrying wed weds wedded dated date dates
dating divorced divorce divorces divorcing split splits splitting kissed kiss kisses
kissing hugged hug hugs hugging embraced embrace embraces joined join joins partnered
partner partners collaborated collaborate collaborates feuded feud feuds clashed clash
clashes fought fight fights talked talk talks spoke speak speaks chatted chat chats dined
dine dines reunited reunite reunites danced dance dances played play plays faced face faces
tied tie ties debated debate debates negotiated negotiate negotiates agreed agree agrees
argued argue argues worked work works teamed team teams
"""))


def _mutual(tokens: Sequence[Token]) -> bool:
    """Whether the acts among ``tokens`` are all acts two do together (:data:`_MUTUAL`)."""
    acts = _acts(tokens)
    return bool(acts) and acts <= _MUTUAL


def _verb_like(token: Token) -> bool:
    """Whether a word between two names can be the act that relates them: a past form
    (regular or common irregular) or a participle, not a title or a name."""
    norm = token.norm
    if norm in FUNCTION_WORDS or norm in TITLES or token.text[:1].isupper():
        return False
    return norm in _IRREGULAR_PAST or (len(norm) > 4 and norm.endswith("ed"))


def _passive_by(tokens: Sequence[Token], *, apposed: bool = False) -> bool:
    """Whether the words between two names end in a "by" phrase after a passive auxiliary
    ("... was questioned on Tuesday by [the prosecutor]") or right after a participle
    that other words or a comma (``apposed``) lead to ("... did not comment when reached
    by [the outlet]", "..., an estate managed by [the prince]", "the ring, designed by
    [the jeweller]")."""
    tail = [t.norm for t in tokens[-_BY_REACH:]]
    if "by" not in tail:
        return False
    at = len(tokens) - 1 - tail[::-1].index("by")
    # right after the first name with no comma a participle may be an act ("Holm stopped
    # by Dahl's office")
    reduced = (at >= 2 or (at == 1 and apposed)) and _verb_like(tokens[at - 1])
    return reduced or any(t.norm in _PASSIVE_AUX for t in tokens[:at])


def _actor(name: Name) -> bool:
    """Whether a name can do or undergo an act: not a place or a demonym ("Ukrainian")."""
    from .evidence import place_code

    return bool(name.core - FUNCTION_WORDS) and place_code(name.text) is None

