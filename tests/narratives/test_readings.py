"""Readings of a query's names and words: a capital or seat for its country and back, word
families, and no office read as its holders; and BM25 scoring an alternative no higher than the
word it reads. Sentences written for these tests about invented events."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from launderlens.kb import load_default
from launderlens.narratives import NarrativeIndex, NarrativeMatcher, NarrativeRecord
from launderlens.narratives.index import BM25, terms
from launderlens.narratives.readings import FAMILIES, readings
from launderlens.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _top(records: list[NarrativeRecord], query: str) -> list[str]:
    index = NarrativeIndex()  # BM25 alone: the readings are lexical
    index.add(records)
    return [hit.record for hit in index.search(query, top=len(records))]


def test_a_capital_finds_the_record_that_names_its_country() -> None:
    # The two records share every other word: only "Moscow" read as Russia tells them apart,
    # and without the reading the first imported would rank first.
    records = [NarrativeRecord("canada", "Canada secretly flooded the valley dams last spring"),
               NarrativeRecord("russia", "Russia secretly flooded the valley dams last spring")]
    assert _top(records, "Moscow secretly flooded the valley dams")[0] == "russia"
    # and back: a country finds the record that names its seat
    seats = [NarrativeRecord("paris", "Paris quietly sold the northern oil fields"),
             NarrativeRecord("kremlin", "The Kremlin quietly sold the northern oil fields")]
    assert _top(seats, "Russia quietly sold the northern oil fields")[0] == "kremlin"


def test_a_seat_is_not_read_as_another_seat_nor_a_lower_case_word_as_a_country() -> None:
    pentagon = readings("The Pentagon ordered the drills")["pentag"]
    assert "americ" in pentagon and not {"kremli", "washin"} & pentagon
    assert "washin" not in readings("the White House said").get("white", set())
    assert readings("They polish the turkey before the feast") == {}
    assert "warsaw" in readings("Polish troops crossed the river")["polish"]


def test_an_office_is_not_read_as_its_holders() -> None:
    # A query has no date: "the Ukrainian president" would stand for every holder, and link
    # a claim about one holder to a record about another.
    assert "presid" not in readings("The Ukrainian president sold the harbour to a friend")
    records = [NarrativeRecord("mayor", "The mayor sold the harbour to a friend of his"),
               NarrativeRecord("zelensky", "Zelensky sold the harbour to a friend of his")]
    assert "zelensky" not in _top(records,
                                  "The Ukrainian president sold the harbour to a friend")[:1]


def test_word_families_read_both_ways_and_other_words_not_at_all() -> None:
    assert readings("Her dissertation was forged")["disser"] == {"thesi"}
    assert readings("Her thesis was forged")["thesi"] == {"disser"}
    assert readings("Daesh fighters crossed")["daesh"] >= {"isis", "isil"}
    # a form of several words is read from its first term, and is no alternative itself
    assert readings("the Islamic State grew")["islami"] == {"isis", "isil", "daesh"}
    assert readings("Her essay was forged") == {}


def test_an_alternative_counts_no_more_than_the_word_it_reads() -> None:
    bm25 = BM25()
    for text in ("the thesis was copied", "the dissertation was copied",
                 "the ballot was copied", "the thesis was printed", "the thesis was lost"):
        bm25.add(terms(text))
    query = terms("the dissertation was copied")
    plain, best = bm25.scores(query)
    read, best_read = bm25.scores(query, {"disser": {"thesi"}})
    assert best_read == best  # the query's own best is unchanged
    assert plain[0] < read[0] < read[1] == plain[1]  # "thesis" counts, below the word itself
    assert read[2] == plain[2] and read[3] > plain[3] == 0.0


def test_the_families_are_not_the_swaps_of_the_paraphrase_evaluation() -> None:
    # The recall set rewords claims with its own synonym list: a family that copied it
    # would measure the list, not the matcher.
    spec = importlib.util.spec_from_file_location(
        "paraphrase_ops", ROOT / "evals" / "paraphrase_ops.py")
    assert spec and spec.loader
    ops = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ops)
    swaps = {(word, other) for word, others in ops.SYNONYMS.items() for other in others}
    for family in FAMILIES:
        words = [w.lower() for w in family]
        assert not {(a, b) for a in words for b in words if a != b} & swaps, family


def test_the_catalogue_provenance_names_the_knowledge_base_the_readings_used() -> None:
    with open_store(":memory:") as store:
        described = NarrativeMatcher(store, cache=False).describe()
    assert described["readings_kb_version"] == load_default().version != ""


def test_the_pronoun_us_is_no_alternative_for_the_united_states() -> None:
    # "US" is the term "us", which a record also writes for the pronoun: read as an
    # alternative it would let every "...told us" record meet a query's "Washington".
    assert readings("Washington hid the grain deal")["washin"] >= {"usa", "americ"}
    assert not any("us" in others for others in readings(
        "Washington and the Pentagon hid the grain deal at the White House").values())
    records = [NarrativeRecord("canada", "They hid the grain deal from Canada for years"),
               NarrativeRecord("pronoun", "They hid the grain deal from us for years")]
    assert _top(records, "Washington hid the grain deal for years")[0] == "canada"


def test_a_nationality_before_an_article_is_a_verb_not_a_country() -> None:
    # "Polish the silver" orders a polishing; "Polish troops" names Poland
    assert readings("Polish the silver spoons before the guests arrive") == {}
    assert readings("Guests came. Polish your spoons!") == {}
    assert "warsaw" in readings("Polish soldiers repaired the bridge")["polish"]
    assert "warsaw" in readings("He said Poland, the old ally, paid")["poland"]


def test_a_place_inside_a_longer_name_is_not_read() -> None:
    # a paper, a person, an outlet of the knowledge base, a treaty named after its city
    assert readings("The Ottawa Herald printed the harbour story") == {}
    assert readings("Yesterday Berlin Jones sold the harbour") == {}
    assert readings("The dancer Berlin Jones sold the harbour") == {}
    assert readings("a painting by Lee Ottawa was sold") == {}  # a name ending in a place
    assert readings("A presenter on Russia Today praised the harbour sale") == {}
    assert readings("the Minsk agreements were signed on a barge") == {}
    assert readings("They met at the Ottawa summit on fishing") == {}
    # equal scores keep import order: only the reading "Ottawa" as Canada lifts the second
    records = [NarrativeRecord("paper", "A paper sold the northern harbour in secret"),
               NarrativeRecord("canada", "Canada sold the northern harbour in secret")]
    assert _top(records, "The Ottawa Herald sold the northern harbour in secret")[0] == "paper"


def test_a_place_standing_for_its_state_is_still_read() -> None:
    assert "kremli" in readings("Russian President Ivanov sold the harbour")["russia"]
    assert "kiev" in readings("Ukraine President Petrenko sold the harbour")["ukrain"]
    assert readings("the Kremlin's spokesman denied the harbour sale")["kremli"] == {"russia"}
    assert readings("Moscow's decision on the harbour angered fishermen")["moscow"] == {"russia"}
    assert "brusse" in readings("EU Commission staff sold the harbour")["eu"]
    # two places side by side each stand for their state
    both = readings("the Russia Ukraine dispute over the harbour")
    assert "moscow" in both["russia"] and "kyiv" in both["ukrain"]
    # in Minsk, not about an agreement made there
    assert readings("In Minsk the harbour was sold")["minsk"] == {"belaru"}
    # a title cased headline says nothing by its capitals
    assert readings("Moscow Secretly Sold The Northern Harbour")["moscow"] == {"russia"}
    # a person's name after "of"/"to" and a country; an organisation's own body
    assert "kiev" in readings("the envoy to Ukraine Olek Marsh sold the harbour")["ukrain"]
    assert "brusse" in readings("an EU Commissioner sold the harbour")["eu"]
    # neighbours that start no name: capitals for emphasis, a title-cased function word,
    # an owner, a compound adjective, the end of a sentence
    assert "washin" in readings("at last the USA FINALLY sold the harbour")["usa"]
    assert "washin" in readings("Harbour Sold To USA; fishermen angry")["usa"]
    assert readings("the sale made Grant's Canada poorer")["canada"] == {"ottawa"}
    assert readings("fishermen fought NATO-trained Polish crews")["polish"] == {"warsaw"}
    assert readings("The harbour was sold in Nice. Canada denied it")["canada"] == {"ottawa"}
    # a month or a weekday is no one's name
    assert readings("On Monday Moscow sold the harbour")["moscow"] == {"russia"}
    assert readings("In March Canada sold the harbour")["canada"] == {"ottawa"}


def test_a_term_met_only_through_its_reading_is_not_a_shared_term() -> None:
    # The lexical finding gate counts the words a match shares with the record. A reading
    # lifts the rank but is not counted there: counted, it added a false finding on the
    # unrelated news of the paraphrase evaluation and no true one.
    index = NarrativeIndex()
    index.add([NarrativeRecord("russia", "Russia poisoned the northern reservoirs"),
               NarrativeRecord("other", "Farmers drained the southern lakes")])
    hit = index.search("Moscow poisoned the northern reservoirs")[0]
    assert (hit.record, hit.shared_terms, hit.phrasing_terms) == ("russia", 3, 4)


def test_a_long_text_is_read_in_one_pass() -> None:
    # each form looks back at the word before it, not at the whole text before it: this
    # text of 60,000 characters took seconds, reading it again for each of its 2,000 places
    text = "Fishermen in Moscow said the harbour near Kyiv was sold. " * 1000
    started = time.perf_counter()
    found = readings(text)
    assert time.perf_counter() - started < 1.5
    assert found["moscow"] == {"russia"} and found["kyiv"] == {"ukrain"}


def test_a_title_reads_a_place_unless_what_surrounds_it_makes_a_name() -> None:
    # Every word of a title is capitalised, so capitals tell no name; a paper's head noun
    # after a place, or a word before a capital that is no function word, still does.
    assert readings("Ottawa Herald Reports Poland Grain Losses") == {"poland": {"warsaw"}}
    quoted = readings("Read this one: Ottawa Herald Reports Poland Grain Losses")
    assert "poland" in quoted and "ottawa" not in quoted
    assert readings("Protesters Cheer Lee Ottawa At The Harbour") == {}
    # a place standing alone in a title, or after a function word, still reads
    assert readings("Harbour Sold To Canada By Secret Deal")["canada"] == {"ottawa"}
    both = readings("Moscow Demands Apology From Warsaw")
    assert both["moscow"] == {"russia"} and both["warsaw"] == {"poland", "polish"}
    # a reporting verb in lower case is no title's: its capitals are names; nor does an
    # abbreviation's point end a sentence and leave a stretch of names that looks titled
    assert readings("Kowal told The Canadian Press the harbour was sold") == {}
    assert readings("The harbour was sold by Sen. Ann Kowal, Ottawa Democrat.") == {}


def test_a_place_before_the_head_noun_of_a_name_is_part_of_the_name() -> None:
    # a school, a street, an airport named after a place do not stand for its state,
    # whatever capitalised words come between
    assert readings("She studied at Warsaw State University for a year") == {}
    assert readings("They marched down Ottawa Street in the rain") == {}
    assert readings("Ferries left Tallinn Airport Ferry Terminal late") == {}
    assert "kyiv" not in readings("Kyiv Polytechnic Institute Opens New Harbour Lab")
    # a state body's words are no head noun of such a name
    assert readings("the Moscow State Duma voted on the harbour")["moscow"] == {"russia"}


def test_a_capital_after_a_word_opening_a_sentence_may_end_a_name() -> None:
    # A sentence's first word is capitalised whatever it is; a capital is often a surname,
    # so after a word that may open a name it is not read. A function word opens none.
    assert readings("Lee Ottawa painted the harbour for a rich buyer") == {}
    assert readings("Grant Berlin sold the harbour to a cousin") == {}
    assert readings("The Ottawa government sold the harbour")["ottawa"] == {"canada", "canadi"}
    assert "ottawa" in readings("Unlike Ottawa, the port town kept its harbour")
    assert "berlin" in readings("Traders Flock Across Berlin For Harbour Sale")
    # a country's name is hardly ever a surname: an opening adjective keeps it
    assert readings("Modern Poland has no harbour on that coast")["poland"] == {"warsaw"}


def test_a_word_that_says_where_or_when_in_a_country_opens_no_name() -> None:
    # a region, an era or a regime: the country still stands for itself
    assert readings("Fishermen fled Nazi Germany on small boats")["german"] >= {"berlin"}
    assert readings("Floods hit Western Ukraine last week")["ukrain"] == {"kiev", "kyiv"}
    assert "russia" in readings("Wolves roam the Far East Russia forests")
    assert "russia" in readings("Grain rotted in Tsarist Russia every winter")
    # a bare compass point makes another place, wherever it stands
    assert readings("North American buyers bought the harbour") == {}
    assert readings("Traders Flock From South America To The Harbour") == {}
    assert readings("East Germany sold the harbour paintings") == {}
    assert readings("A museum in East Germany sold the paintings") == {}
    # "Central" and "Latin" make another place only of America: before any other place
    # "Central" says where in it, as "Eastern" does
    assert readings("Buyers from Central America and Latin American ports came") == {}
    assert readings("Floods hit Central Ukraine last week")["ukrain"] == {"kiev", "kyiv"}
    assert readings("Wolves roam the forests of Central Russia")["russia"] >= {"moscow"}


def test_a_text_of_run_together_words_or_of_outlets_is_read_in_one_pass() -> None:
    # a form right after an apostrophe has no word standing apart before it: the look-back
    # had walked over the whole run of joined words before it and searched it from each of
    # its characters (3,000 characters took seconds, 4,000 half a minute); and each form
    # was checked against every outlet's span in the text
    started = time.perf_counter()
    assert readings("Moscow\u2019" * 430) == {"moscow": {"russia"}}
    assert readings("Russia Today " * 9000 + ".") == {}
    assert time.perf_counter() - started < 1.5


def test_in_a_title_a_capital_after_a_verb_reads_and_after_a_given_name_does_not() -> None:
    # A title capitalises its verbs as well as names: only a given name before a place
    # makes it a surname, whether a person of the knowledge base or a common one
    assert readings("Ferry Owners Sue Ottawa Over Harbour Fees")["ottawa"] == {"canada",
                                                                             "canadi"}
    assert readings("Storm Floods Warsaw Overnight")["warsaw"] == {"poland", "polish"}
    assert readings("Fishermen Cheer Olaf Berlin At The Harbour") == {}
    assert readings("Jack London Novel Sold At Harbour Auction") == {}
    # a nationality that is a surname in a title-cased byline
    assert readings("Harbour Sale Questioned, By Angela French, Coast Review") == {}
    assert readings("by Kevin French, Harbour Weekly") == {}
