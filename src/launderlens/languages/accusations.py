"""English accusation vocabulary: a sentence in, the words in it that accuse someone out
(:func:`accusation_terms`), and the pattern with which the claim cues spot an accusation.

One home for both accusation lists of the claims stage. They differ on purpose and are
kept apart rather than unioned, because each caller's exact set is part of its behaviour:

- :data:`STRONG_ACCUSATIONS` and :data:`WEAK_ACCUSATIONS` (read by :func:`accusation_terms`
  for the ``vague_attribution`` finding) are precise: a finding names the terms and its
  severity, so they split crimes from mere suggestions, ask for an object where a word
  alone is innocent ("diverted funds", not "diverted traffic"), skip "anti-corruption" and
  ignore a term negated just before it;
- :data:`ACCUSATION_CUE_PATTERN` (one cue of the check-worthiness score, with its gate of
  :data:`ACCUSATION_CUE_WORDS` and :data:`ACCUSATION_CUE_STEMS`) is broad: it also counts
  rhetoric that makes a sentence worth checking without naming a crime ("propaganda",
  "liars", "conspiracy", "scam").
"""

from __future__ import annotations

from .casefold import caseless, fold_case

__all__ = ["ACCUSATION_CUE_PATTERN", "ACCUSATION_CUE_STEMS", "ACCUSATION_CUE_WORDS",
           "NEGATED_BEFORE", "STRONG_ACCUSATIONS", "WEAK_ACCUSATIONS", "accusation_terms"]

# --- the precise vocabulary of the sourcing findings ------------------------------------

STRONG_ACCUSATIONS = caseless(
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
WEAK_ACCUSATIONS = caseless(
    r"\b(?:illegal\w*|unlawful\w*|mismanag\w*|misus\w+|wrongdoing|complicit\w*|profiteer\w*"
    r"|exploit\w* the (?:war|conflict|crisis)|perpetuat\w* the (?:war|conflict)"
    r"|prolong\w* (?:the )?(?:war|conflict)|secretly (?:fund|financ|paid|transferr)\w*"
    r"|lied|lying|conflicts? of interest|(?:funds|money|aid|donations|millions|billions)"
    r" (?:\w+ ){0,3}(?:ended up|disappeared|vanished|went missing|unaccounted for))\b")
NEGATED_BEFORE = caseless(
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
    for pattern, is_strong in ((STRONG_ACCUSATIONS, True), (WEAK_ACCUSATIONS, False)):
        for match in pattern.finditer(folded):
            start, end = match.span()
            if NEGATED_BEFORE.search(folded[max(0, start - 60):start]):
                continue
            terms.append(text[start:end].lower())
            strong = strong or is_strong
    return list(dict.fromkeys(terms)), strong


# --- the broad cue of the check-worthiness score -------------------------------------

#: Written for :func:`launderlens.languages.casefold.caseless` (lower case).
ACCUSATION_CUE_PATTERN = (
    r"\b(?:corrupt\w*|siphon\w*|embezzl\w*|sabotag\w*|war\s+crimes?|crimes?\s+against\s+humanity|"
    r"genocid\w*|ethnic\s+cleansing|massacr\w*|atrocit\w*|mass\s+graves?|tortur\w*|brib\w*|"
    r"fraud\w*|launder(?:ed|ing|s)?|stole|stolen|steal\w*|theft|thieves|loot\w*|plunder\w*|"
    r"kickbacks?|rigg(?:ed|ing)|cover(?:ed)?[\s-]+up|smuggl\w*|illegal\w*|"
    r"unlawful\w*|collu\w*|conspir\w*|misappropriat\w*|diverted|extort\w*|abus(?:e|ed|ing)\s+"
    r"(?:of\s+)?(?:his|her|their|its|the)?\s*(?:power|office|position)|li(?:e|ed|es)\s+(?:to|about)|"
    r"lying|liars?|cheat\w*|falsif\w*|fabricat\w*|forg(?:ed|ery)|propaganda|scam\w*|treason|"
    r"traitors?|murder(?:ed|ing)|persecut\w*|spied|spying|espionage|cronyism|nepotism|graft|"
    r"mismanag\w*|slush\s+funds?|pocketed|looted|bioweapons?|biolab\w*)\b")
#: Every match of the cue holds one of these words, or a word that starts with a stem.
ACCUSATION_CUE_WORDS = (
    "war crime crimes ethnic mass launder laundered laundering launders stole stolen theft "
    "thieves kickback kickbacks rigged rigging cover covered diverted abuse abused abusing "
    "lie lied lies lying liar liars forged forgery propaganda treason traitor traitors "
    "murdered murdering spied spying espionage cronyism nepotism graft slush pocketed "
    "looted bioweapon bioweapons")
ACCUSATION_CUE_STEMS = (
    "corrupt siphon embezzl sabotag genocid massacr atrocit tortur brib fraud steal loot "
    "plunder smuggl illegal unlawful collu conspir misappropriat extort cheat falsif "
    "fabricat scam persecut mismanag biolab")
