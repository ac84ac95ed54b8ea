"""The English words attribution reads by: nothing in, the word lists out (reporting verbs,
hedges, vague and qualifiable heads, bodies, roles, titles, organisation and outlet words,
capitals), the tokenizer they are matched with, and how much of a sentence is read.
"""

from __future__ import annotations

import re

from ...languages.casefold import caseless

#: Only this many characters of a sentence are read. News sentences are far shorter; the cap
#: keeps a hostile "sentence" of a megabyte without punctuation from costing quadratic time.
MAX_SENTENCE_CHARS = 2000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting verbs whose subject (or, after a quotation, whose object) is a source.
REPORTING = _words("""
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
AMBIGUOUS = _words("""
    report reports claim claims note notes detail details show shows fear fears quotes cite
    cites finds states question questions doubt doubts suspect suspects
""")
# Verbs that also take the speaker after them: "'We will not,' said Meloni."
POSTPOSED = _words("""
    said says told added wrote writes noted claimed argued insisted warned declared explained
    stated continued asked recalled stressed emphasised emphasized concluded alleged reported
""")
AUXILIARIES = _words("""
    has have had was were is are be been being will would could should may might must can
    did does do not also further later earlier previously again repeatedly publicly
    privately firmly strongly openly recently once already long often never ever then
    yesterday today now first separately meanwhile however too
""")
HEDGES = _words("reportedly allegedly purportedly supposedly reputedly")
# "critics continue to allege": the subject of these verbs is the subject of the infinitive.
RAISING = _words("""
    begin begins began begun continue continues continued start starts started seem seems
    seemed appear appears appeared go goes went
""")
QUANTIFIERS = _words("some many most few several others all both")
CLAUSE_OPENERS = _words("that the a an he she it they this these there his her its their")
SEE_AS = _words("see sees saw view views regard regards consider considers")
PASSIVE = _words("is are was were be been being get gets got")
NOT_ADVERBS = _words("family ally assembly rally supply monopoly anomaly reply daily weekly")
DETERMINERS = _words("""
    the a an this that these those some many several few numerous various multiple certain
    other his her its their our my your both all any each most such no
""")
NOUN_CONTEXT = DETERMINERS | _words("""
    recent new further more unconfirmed media press news investigative local earlier initial
    latest official independent leaked secret internal conflicting credible anonymous
    western foreign russian ukrainian of in on by from to
""")
CLAUSE_WORDS = _words("""
    that when while whereas because although though if whether since as but where so and
    or nor
""")
RELATIVES = _words("who which whose whom that")
CHUNK_SKIP = _words("""
    in on at during after before following according speaking for from to by under despite
    including like unlike amid among besides over about against via per who which whose
    whom where when as while however meanwhile though too also instead
""")
CONJUNCTIONS = _words("with and but while whereas as so yet or")

# Heads of noun phrases that never name a source.
VAGUE_ALWAYS = _words("""
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
QUALIFIABLE = _words("""
    officials official diplomats diplomat authorities lawmakers leaders intelligence military
    governments ministers negotiators representatives delegates
    spokespeople troops forces security services
""")
# Singular heads that name a specific document when definite ("the report") and are vague
# when indefinite or leaked ("a report", "a leaked document").
DOCUMENTS = _words("""
    report document study investigation inquiry survey audit analysis assessment paper
    article story memo dossier letter
""")
BODY_NOUNS = _words("""
    government ministry kremlin administration authorities police army military court
    prosecutors prosecutor's investigators investigator statement communique communiqué declaration
    organisers organizers company firm embassy council commission parliament committee agency
    bureau office department cabinet presidency regime alliance coalition union bloc party
    campaign lawsuit indictment resolution readout release decree side team staff
    headquarters command organisation organization group foundation institute watchdog
    delegation mission secretariat leadership judge we
""")
OUTLET_NOUNS = _words("""
    newspaper paper daily tabloid broadcaster channel magazine outlet website site portal
    publication newswire
""")
ROLES = _words("""
    spokesman spokeswoman spokesperson minister president premier chancellor ambassador envoy
    secretary governor mayor chairman chairwoman chair head chief director commander general
    leader senator lawmaker prosecutor founder ceo author editor correspondent adviser
    advisor aide monarch king queen pope patriarch deputy he she i mr mrs ms economist lawyer
    attorney doctor professor scientist researcher historian epidemiologist surgeon engineer
    activist journalist reporter writer columnist blogger candidate witness
""")
ANONYMOUS = caseless(
    r"\b(?:anonymity|anonymous|unnamed|unidentified|not authori[sz]ed|declined to be named"
    r"|asked not to be (?:named|identified)|familiar with|close to|who say they|leaked|secret)")
STATE_MEDIA_GENERIC = caseless(
    r"\bstate(?:-| )?(?:run |owned |controlled |backed )?(?:media|television|tv|broadcaster"
    r"|news agency|agency|outlets?|newspapers?|channels?|press)\b")

# Capitalised titles that say the name after them is a person's.
PERSON_TITLES = _words("""
    President Minister Chancellor Spokesman Spokeswoman Spokesperson Ambassador Envoy
    Senator Sen Rep Governor Gov Mayor Chairman Chairwoman Director Commander Admiral
    Colonel Col Lieutenant Lt Captain Capt Major Maj Sergeant Judge Prosecutor Mr Mrs Ms
    Miss Dr Prof Professor Sir Dame Lord Lady King Queen Prince Princess Pope Patriarch
    Archbishop Bishop Rev Sheikh Emir Speaker Adviser Advisor Aide MP MEP Commissioner
    Premier Secretary General Gen
""")
# Capitalised words that are titles or descriptors before a name, not part of it.
TITLES = PERSON_TITLES | _words("""
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
ORG_WORDS = _words("""
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
OUTLET_WORDS = _words("""
    Times Post News Journal Herald Gazette Daily Tribune Telegraph Chronicle Courier Observer
    Guardian Monitor Review Express Mirror Sun Star Magazine Weekly Wire Reporter Radio TV
    Television Broadcasting Broadcaster Channel Insider Pravda Gazeta Vedomosti Izvestia
    Zeitung Allgemeine Spiegel Monde Figaro Corriere Repubblica Independent Sentinel
    Bulletin Dispatch Ledger Examiner Inquirer Enquirer Record Beacon Interfax Bloomberg
    Politico Axios CNN Euronews Meduza Kommersant
""")
CAPITALS = _words("""
    Moscow Kyiv Kiev Washington Brussels Beijing Paris London Berlin Rome Warsaw Budapest
    Minsk Ankara Tehran Tokyo Ottawa Tallinn Riga Vilnius Westminster Whitehall Downing
""")

TOKEN = re.compile(r"[\w’'.\-]*\w")
PROPER = re.compile(r"[A-ZÀ-ÞĀ-Ž][\w’'\-]*\.?")
