"""The shipped cues: hand-written word lists and patterns, each naming one propaganda
technique of the SemEval-2020 Task 11 scheme, with a confidence and why it marks that
technique.

Precision comes before recall: analysts quote these findings, so every cue is a phrase
that neutral reporting does not write in its own voice. A single emotive adjective
("brutal", "shocking") is left out because news uses it of real events; a cue needs a
phrase around it ("the worst ... in history", "wake up, people") or a word that only a
partisan writer uses of an opponent ("globalist puppets", "libtards"). Every pattern has
bounded repeats, so hostile text costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, get_args

from ...findings import Technique

__all__ = ["CUES", "TECHNIQUES", "Cue"]

#: The fourteen technique labels of SemEval-2020 Task 11, spelled as the task spells them.
TECHNIQUES: Final[tuple[Technique, ...]] = get_args(Technique)


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: ``regex`` finds it, ``technique`` is what it marks, ``why`` says why."""

    name: str
    technique: Technique
    regex: re.Pattern[str]
    confidence: float
    why: str


def _words(*items: str) -> str:
    """An alternation of words or phrases (spaces match any run of blanks)."""
    return "(?:" + "|".join(w.replace(" ", r"\s+") for w in items) + ")"


def _c(name: str, technique: Technique, confidence: float, why: str, regex: str,
       flags: int = re.IGNORECASE) -> Cue:
    assert technique in TECHNIQUES, technique
    return Cue(name, technique, re.compile(regex, flags), confidence, why)


# Words a writer uses to condemn, not to describe; news prose attributes them to a speaker.
_CONDEMNING = _words(
    "evil", "despicable", "disgusting", "disgraceful", "shameful", "vile", "heinous",
    "monstrous", "diabolical", "sickening", "repugnant", "abhorrent", "deplorable",
    "outrageous", "treasonous", "traitorous", "demonic", "satanic", "barbaric", "depraved",
    "nefarious", "insidious", "sinister", "loathsome", "odious", "contemptible", "perverted",
    "degenerate", "unhinged", "deranged", "hysterical", "lunatic", "idiotic", "moronic",
    "pathetic", "sleazy", "corrupt to the core", "rotten to the core",
)
# Derogatory names for people or groups: labels, not descriptions.
_LABELS = _words(
    "thugs?", "traitors?", "globalists?", "snowflakes?", "libtards?", "retards?", "morons?",
    "idiots?", "imbeciles?", "lunatics?", "clowns?", "puppets?", "stooges?", "shills?",
    "sycophants?", "lackeys?", "henchm[ae]n", "cronies", "commies?", "leftists?",
    "neocons?", "warmongers?", "fearmongers?", "scaremongers?", "useful idiots?", "cucks?",
    "feminazis?", "race[- ]baiters?", "hatemongers?", "crooks?", "liars?",
    "propagandists?", "zealots?", "scum", "elitists?", "social justice warriors?", "SJWs?",
    "bootlickers?",
    "grifters?", "charlatans?", "hypocrites?", "demagogues?", "tyrants?",
)
_OPPONENT_PREFIX = _words(
    "radical", "far-left", "far-right", "extreme", "loony", "crazy", "deranged", "crooked",
    "lying", "fake", "so-called", "pathetic", "spineless", "gutless", "treasonous", "leftist",
    "globalist", "communist", "marxist", "fascist", "deep-state", "lamestream",
)
_OPPONENT_NOUN = _words(
    "left", "leftists?", "liberals?", "democrats?", "republicans?", "media", "press",
    "elites?", "establishment", "politicians?", "bureaucrats?", "journalists?", "globalists?",
    "regime", "mob", "cabal", "cult", "jihadists?", "islamists?", "marxists?",
)
_NATION = _words("nation", "country", "homeland", "motherland", "fatherland", "republic",
                 "people", "land", "flag", "troops", "heroes", "soldiers", "values",
                 "heritage", "way of life", "sovereignty")
_DICTATOR = _words("hitler", "the nazis", "nazi germany", "the third reich", "the gestapo",
                   "stalin", "mao", "pol pot", "the kgb", "the stasi", "goebbels", "mussolini")

CUES: Final[tuple[Cue, ...]] = (
    # -- Loaded_Language ----------------------------------------------------------------
    # one quoted word is the speaker's: quoted, it falls under the finding floor
    _c("condemning_word", "Loaded_Language", 0.5,
       "a word that condemns rather than describes",
       rf"\b{_CONDEMNING}\b"),
    _c("intensified_condemnation", "Loaded_Language", 0.7,
       "a condemning word made stronger still (\"utterly despicable\")",
       rf"\b(?:utterly|truly|absolutely|totally|downright|thoroughly|deeply)\s+{_CONDEMNING}\b"),
    _c("witch_hunt", "Name_Calling,Labeling", 0.65,
       "an inquiry or claim labelled as persecution or fraud",
       r"\b(?:witch[- ]hunts?|hit[- ]jobs?|smear campaigns?|hoax(?:es)?|"
       r"scam(?:demic)?|plandemic|sham trials?|kangaroo courts?|blood on (?:their|his|her) "
       r"hands)\b"),
    # too common in quoted posts to be a finding alone (confidence under the floor)
    _c("emphatic_marks", "Loaded_Language", 0.4,
       "two or more exclamation marks, or a word shouted in capitals with them: emotion "
       "pressed on the reader",
       r"\b[A-Za-z][A-Za-z' ]{0,40}!{2,}|\b[A-Z]{4,}(?:\s+[A-Z]{2,}){0,4}!+", flags=0),
    # -- Name_Calling,Labeling -----------------------------------------------------------
    _c("derogatory_label", "Name_Calling,Labeling", 0.55,
       "a derogatory name for a person or group",
       rf"\b{_LABELS}\b"),
    _c("opponent_label", "Name_Calling,Labeling", 0.65,
       "an opponent given a disparaging epithet (\"the radical left\", \"the lying media\")",
       rf"\b{_OPPONENT_PREFIX}[- ]{_OPPONENT_NOUN}\b"),
    _c("deep_state", "Name_Calling,Labeling", 0.6,
       "a conspiratorial label for institutions or opponents",
       r"\b(?:deep state|fake news media|enemy of the people|enemies of the people|"
       r"fifth column|ruling class|swamp creatures?|sheeple|useful idiots?)\b"),
    # -- Repetition ----------------------------------------------------------------------
    # quoted speech repeats words too ("very, very"): a trained model's feature, no finding
    _c("immediate_repetition", "Repetition", 0.4,
       "the same word said twice or more in a row for emphasis (\"never, never\")",
       r"\b([A-Za-z]{3,})(?:(?:,|!|\.\.\.)?\s+\1\b){1,3}(?:!|,|\.)"),
    # -- Doubt ---------------------------------------------------------------------------
    _c("no_evidence", "Doubt", 0.55,
       "a claim's credibility attacked by saying its evidence is missing",
       r"\b(?:without\s+(?:a\s+(?:shred|scrap|single\s+piece)\s+of|any)\s+(?:evidence|proof)|"
       r"(?:has|have)\s+yet\s+to\s+(?:provide|produce|show|offer)\s+(?:any|a\s+single)\s+"
       r"(?:evidence|proof)|not\s+a\s+(?:shred|scrap)\s+of\s+(?:evidence|proof))\b"),
    _c("rhetorical_trust", "Doubt", 0.7,
       "a rhetorical question that invites the reader to distrust a source",
       r"\b(?:can|should|could)\s+(?:we|anyone|you)\s+(?:really|honestly|seriously)?\s*"
       r"(?:trust|believe)\s+[^?.!\n]{6,120}\?|\b(?:are|were)\s+we\s+(?:really\s+)?"
       r"(?:supposed|expected)\s+to\s+believe\b[^?.!\n]{0,120}\?|\bwhat\s+(?:are|is)\s+"
       r"(?:they|he|she|it)\s+(?:hiding|covering\s+up)\b[^?.!\n]{0,60}\??"),
    _c("so_called_scare", "Doubt", 0.55,
       "\"so-called\" before what an opponent names a thing: doubt cast by the writer",
       r"\bso[- ]called\s+(?:\"|“)?(?:experts?|evidence|investigations?|journalists?|"
       r"fact[- ]checkers?|scientists?|science|reports?|independent|consensus|"
       r"whistle-?blowers?|victims?|refugees?|moderates?|peace|democracy)\b"),
    _c("convenient_timing", "Doubt", 0.55,
       "\"conveniently\" or \"mysteriously\" insinuating a hidden motive",
       r"\b(?:conveniently|curiously|mysteriously|suspiciously)\s+(?:\w+\s+){0,3}?"
       r"(?:timed|forgot|omitted|left\s+out|ignored|failed|disappeared|vanished|missing|"
       r"absent|silent|lost|deleted)\b"),
    # -- Exaggeration,Minimisation -------------------------------------------------------
    _c("superlative_history", "Exaggeration,Minimisation", 0.7,
       "a judging superlative stretched over all of history (measurable records such as "
       "\"the largest ... in history\" are news, and left out)",
       r"\b(?:the\s+)?(?:greatest|worst|most\s+(?:corrupt|dangerous|dishonest|incompetent|"
       r"disastrous|evil|radical|pathetic|shameful|destructive|lawless|hated))\s+"
       r"(?:\w+\s+){0,3}?(?:in\s+(?:all\s+of\s+)?(?:the\s+history\s+of|(?:(?:our|human|"
       r"american|world|modern|recorded)\s+)?history)|"
       r"of\s+all\s+time|ever\s+(?:seen|known|recorded|witnessed)|the\s+world\s+has\s+ever)\b"),
    _c("total_absolutes", "Exaggeration,Minimisation", 0.55,
       "an absolute that no report can support (\"totally absurd\", \"100 percent false\")",
       r"\b(?:totally|completely|utterly|entirely|absolutely)\s+(?:false|fake|insane|ridiculous|absurd|baseless|"
       r"unacceptable|outrageous|debunked|failed|useless|worthless)\b|\b(?:100|one\s+hundred)"
       r"\s+(?:percent|per\s+cent|%)\s+(?:false|fake|wrong|lies?|fabricated)\b"),
    _c("minimiser", "Exaggeration,Minimisation", 0.5,
       "a matter shrunk with a belittling phrase",
       r"\b(?:nothing\s+more\s+than\s+a|a\s+mere\s+handful|just\s+a\s+handful|"
       r"no\s+big\s+deal|a\s+storm\s+in\s+a\s+teacup|a\s+tempest\s+in\s+a\s+teapot|"
       r"much\s+ado\s+about\s+nothing|a\s+drop\s+in\s+the\s+bucket)\b"),
    _c("countless", "Exaggeration,Minimisation", 0.5,
       "an inflated, uncountable quantity",
       r"\b(?:millions\s+(?:and|upon)\s+millions|billions\s+(?:and|upon)\s+billions|"
       r"countless\s+(?:lives|victims|people|times)|an?\s+(?:avalanche|tsunami|flood)\s+of\s+"
       r"(?:lies|evidence|crimes|corruption|scandals?))\b"),
    # -- Appeal_to_fear-prejudice --------------------------------------------------------
    _c("too_late", "Appeal_to_fear-prejudice", 0.65,
       "urgency by fear: act now or lose everything",
       r"\b(?:before\s+it(?:'s|\s+is)\s+too\s+late|wake\s+up,?\s+(?:people|america|"
       r"folks|everyone)|(?:the\s+)?clock\s+is\s+ticking\s+on\s+our|our\s+children\s+"
       r"(?:will|would)\s+(?:pay|suffer|die|never)|we\s+will\s+(?:all\s+)?(?:lose|die|perish)"
       r"\s+(?:everything|if))\b"),
    _c("threat_to_us", "Appeal_to_fear-prejudice", 0.6,
       "an opponent cast as a threat to the reader's way of life or civilisation",
       rf"\b(?:existential|mortal|grave)\s+threat\s+to\s+(?:our|the)\s+(?:\w+\s+)?{_NATION}|"
       rf"\bthreat(?:en|ens)?\s+to\s+destroy\s+(?:our|the)\s+(?:\w+\s+)?{_NATION}|"
       rf"\b(?:destroy|destroying|destruction\s+of)\s+(?:western|our)\s+civili[sz]ation"),
    _c("invasion_flood", "Appeal_to_fear-prejudice", 0.65,
       "migrants described as an invasion or flood",
       r"\b(?:invasion|invaders|hordes?|flood|swarms?)\s+of\s+(?:illegal\s+)?"
       r"(?:migrants|immigrants|illegals|aliens|refugees|foreigners|muslims)\b|"
       r"\billegals\s+(?:pour(?:ing)?|flood(?:ing)?|swarm(?:ing)?)\b"),
    # -- Flag-Waving ---------------------------------------------------------------------
    _c("patriot_appeal", "Flag-Waving", 0.6,
       "an appeal to the reader's national or group pride",
       rf"\b(?:our|this)\s+(?:great|beloved|glorious|proud|blessed|sacred)\s+{_NATION}\b|"
       r"\b(?:true|real|patriotic|proud|every\s+patriotic)\s+(?:americans|patriots|"
       r"britons|russians|christians|citizens)\b|\bun-?american\b|\bmake\s+america\s+great\b|"
       r"\bamerica\s+first\b|\bgod\s+bless\s+(?:america|our)\b"),
    _c("national_interest", "Flag-Waving", 0.5,
       "an action justified by national honour or pride",
       rf"\b(?:for\s+the\s+(?:sake|good|glory|honou?r)\s+of\s+(?:our|the)\s+(?:\w+\s+)?"
       rf"{_NATION}|(?:our|national)\s+(?:honou?r|pride|greatness)\s+(?:demands|requires|"
       rf"is\s+at\s+stake))\b"),
    # -- Causal_Oversimplification -------------------------------------------------------
    _c("sole_cause", "Causal_Oversimplification", 0.6,
       "a complex outcome given one cause",
       r"\b(?:is|are|was|were)\s+(?:the\s+)?(?:sole|only|single|real|true|root)\s+"
       r"(?:reason|cause|culprit)\s+(?:for|of|why|behind)\b|\b(?:is|are|was|were)\s+"
       r"(?:solely|entirely|wholly|squarely)\s+(?:to\s+blame|responsible)\b|"
       r"\ball\s+because\s+of\b|\bit(?:'s|\s+is)\s+all\s+(?:their|his|her|your)\s+fault\b"),
    _c("blame_for_everything", "Causal_Oversimplification", 0.6,
       "one side blamed for everything that went wrong",
       r"\b(?:to\s+blame|responsible)\s+for\s+(?:all|every|everything)\b(?:\s+(?:of|that))?"),
    # -- Slogans -------------------------------------------------------------------------
    _c("known_slogan", "Slogans", 0.6,
       "a political slogan: a short phrase to repeat, not an argument",
       r"\b(?:make\s+america\s+great\s+again|MAGA|build\s+(?:the|that)\s+wall|"
       r"lock\s+(?:her|him|them)\s+up|drain\s+the\s+swamp|no\s+justice,?\s+no\s+peace|"
       r"not\s+my\s+president|resist(?:ance)?\s+is\s+not\s+"
       r"futile|yes\s+we\s+can|stop\s+the\s+steal|keep\s+america\s+great|silence\s+is\s+"
       r"violence|peace\s+through\s+strength)\b"),
    # hashtags mostly name a topic: a feature for trained models, not a finding alone
    _c("hashtag", "Slogans", 0.3,
       "a hashtag slogan", r"(?<![\w#&])#[A-Za-z][A-Za-z0-9_]{3,40}\b", flags=0),
    # -- Appeal_to_Authority -------------------------------------------------------------
    _c("consensus_of_experts", "Appeal_to_Authority", 0.6,
       "a claim settled by invoking unnamed or unanimous experts",
       r"\b(?:all|every|virtually\s+all|leading|top|renowned|world-renowned|eminent)\s+"
       r"(?:experts|scientists|doctors|scholars|economists|historians|authorities)\s+"
       r"(?:agree|know|confirm|have\s+confirmed|concur|say|have\s+said)\b|"
       r"\b(?:the\s+)?science\s+is\s+settled\b|\bscience\s+(?:says|has\s+spoken)\b"),
    _c("scripture_authority", "Appeal_to_Authority", 0.55,
       "a claim rested on a revered figure or text",
       r"\bas\s+(?:the\s+)?(?:bible|scripture|quran|koran|pope|founding\s+fathers|"
       r"founders|prophet|lord)\s+(?:says|said|teaches|taught|tells\s+us|reminds\s+us|"
       r"warned)\b|\bno\s+less\s+(?:a|an)\s+(?:authority|figure|expert)\s+than\b"),
    # -- Black-and-White_Fallacy ---------------------------------------------------------
    _c("with_us_or_against", "Black-and-White_Fallacy", 0.8,
       "two sides offered as the only ones",
       r"\b(?:either\s+)?(?:you(?:'re|\s+are)|they(?:'re|\s+are)|he(?:'s|\s+is))\s+"
       r"(?:either\s+)?with\s+(?:us|me)\s+or\s+(?:you(?:'re|\s+are)\s+|they(?:'re|\s+are)\s+)?"
       r"(?:against|with)\b"),
    _c("only_two_choices", "Black-and-White_Fallacy", 0.65,
       "the choice reduced to two options, or to one",
       r"\bthere\s+(?:is|are)\s+(?:only\s+)?(?:two|2)\s+(?:choices|options|sides|kinds\s+of\s+"
       r"people|possibilities|ways)\b|\bthere\s+is\s+no\s+middle\s+ground\b|\bthe\s+only\s+(?:choice|"
       r"option|alternative)\s+(?:left\s+)?(?:is|we\s+have)\b"),
    _c("if_not_then", "Black-and-White_Fallacy", 0.6,
       "refusing one side made to mean joining the other",
       r"\bif\s+you(?:'re|\s+are)\s+not\s+(?:with|for|part\s+of)\s+[^,.;\n]{1,40},\s*"
       r"(?:then\s+)?you(?:'re|\s+are)\s+(?:against|with|part\s+of|on\s+the\s+side)\b"),
    # -- Thought-terminating_Cliches -----------------------------------------------------
    _c("stock_closer", "Thought-terminating_Cliches", 0.6,
       "a stock phrase that ends thought instead of arguing",
       r"\b(?:it\s+is\s+what\s+it\s+is|end\s+of\s+(?:story|discussion|debate)|"
       r"enough\s+is\s+enough|nothing\s+to\s+see\s+here|that(?:'s|\s+is)\s+(?:just\s+)?"
       r"(?:the\s+way\s+it\s+is|how\s+it\s+goes|life)|so\s+be\s+it|boys\s+will\s+be\s+boys|"
       r"facts\s+(?:don't|do\s+not)\s+care|(?<![\w\s])\s*deal\s+with\s+it(?=[.!])|it\s+(?:is|was)\s+(?:just\s+)?"
       r"common\s+sense|the\s+rest\s+is\s+history|you\s+can't\s+argue\s+with\s+that)\b"),
    _c("period_full_stop", "Thought-terminating_Cliches", 0.55,
       "a closing \"Period.\" or \"Full stop.\" that forbids further argument",
       r"(?<=[.!]\s)(?:Period|Full\s+stop)\s*[.!]", flags=0),
    # -- Whataboutism,Straw_Men,Red_Herring ----------------------------------------------
    _c("what_about", "Whataboutism,Straw_Men,Red_Herring", 0.6,
       "a charge answered by pointing at another's conduct",
       r"(?:^|[.!?\"“]\s*)(?:but\s+|and\s+)?what\s+about\s+[^?.!\n]{2,100}\?|"
       r"\bwhere\s+(?:was|were|is|are)\s+(?:the|all\s+the|their|your)\s+(?:\w+\s+)?"
       r"(?:outrage|indignation|concern|protests?|media)\s+when\b"),
    _c("straw_position", "Whataboutism,Straw_Men,Red_Herring", 0.6,
       "an opponent's view restated in a form easy to knock down",
       r"\b(?:so\s+)?(?:they|he|she|democrats|republicans|liberals|conservatives|the\s+left|"
       r"the\s+right)\s+(?:want|wants|would\s+have)\s+(?:us|you)\s+to\s+believe\b|"
       r"\bso\s+(?:what\s+)?(?:you(?:'re|\s+are)|they(?:'re|\s+are))\s+(?:really\s+)?"
       r"saying\s+(?:is\s+)?that\b"),
    # -- Bandwagon,Reductio_ad_hitlerum --------------------------------------------------
    _c("everyone_agrees", "Bandwagon,Reductio_ad_hitlerum", 0.6,
       "a claim backed by how many believe it, not by evidence",
       r"\b(?:everyone|everybody|the\s+whole\s+world|the\s+entire\s+world|all\s+sensible\s+"
       r"people|any\s+(?:sane|reasonable|thinking)\s+person)\s+(?:knows|agrees|can\s+see|"
       r"understands|is\s+(?:talking|waking\s+up))\b|\bjoin\s+the\s+(?:millions|"
       r"growing\s+(?:number|movement|ranks))\b|\b(?:millions|most)\s+of\s+(?:americans|"
       r"people|voters|citizens)\s+(?:already\s+)?(?:know|agree|see\s+through|are\s+waking)\b"),
    _c("hitler_comparison", "Bandwagon,Reductio_ad_hitlerum", 0.75,
       "an idea or person discredited by likening it to a reviled regime",
       rf"\b(?:(?:just\s+)?like|(?:straight\s+)?out\s+of|reminiscent\s+of|worthy\s+of|"
       rf"the\s+same\s+as|no\s+different\s+(?:from|than)|tactics\s+of|playbook\s+of|"
       rf"in\s+the\s+spirit\s+of)\s+{_DICTATOR}\b|\b(?:nazi|gestapo|stalinist|soviet)-style\b|"
       rf"\b(?:hitler|stalin)-like\b"),
)
