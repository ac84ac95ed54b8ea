"""What a copy blurs, leaves out or re-dates (rewrites/omissions.py), and the paraphrases
the change detectors must leave alone (issue 13's manipulation score)."""

from __future__ import annotations

import pytest

from launderlens.rewrites import verdicts
from launderlens.rewrites.changes import pair_changes
from launderlens.rewrites.compare import Comparer, Comparison
from launderlens.rewrites.omissions import copy_evidence, vague_sourcing
from launderlens.rewrites.quantities import read_figures

ORIGIN = (
    "About 18,000 households in the town of Ferrow were told on Wednesday to boil their tap "
    "water after tests found bacteria at a pumping station, the water company said.\n\n"
    "The Green Union won 31 of the 80 seats in the assembly but fell short of a majority "
    "in the vote.\n\n"
    "The last large earthquake in the province killed 94 people in 1997.\n\n"
    "Four children remain in hospital, and doctors said their condition was stable.\n\n"
    "The company apologised and promised to pay each affected household 30 euros.")


def _compare(copy: str, origin: str = ORIGIN) -> Comparison:
    return Comparer(semantic=False).compare_texts(origin, copy)


def _tags(comparison: Comparison, opening: str) -> frozenset[str]:
    j = next(j for j, s in enumerate(comparison.b_sentences) if s.text.startswith(opening))
    return comparison.evidence.sentences[j]


PARAPHRASE = (
    "The water company said on Wednesday that around 18,000 households in Ferrow had to "
    "boil their tap water because bacteria were found at a pumping station.\n\n"
    "In the assembly vote the Green Union took 31 of 80 seats, though not a majority.\n\n"
    "The province's previous big earthquake, in 1997, killed 94 people.\n\n"
    "Doctors said four children were still in hospital and that their condition was "
    "stable.\n\n"
    "The company said sorry and will pay 30 euros to each affected household.")


def test_a_faithful_paraphrase_carries_no_reading() -> None:
    comparison = _compare(PARAPHRASE)
    assert not any(comparison.evidence.sentences), comparison.evidence
    assert comparison.evidence.lost_figures == ()
    assert comparison.evidence.lost_qualifiers == ()


def test_a_figure_replaced_by_a_vague_quantity_is_blurred() -> None:
    copy = PARAPHRASE.replace("around 18,000 households", "thousands of households")
    comparison = _compare(copy)
    assert "blurred" in _tags(comparison, "The water company said")
    assert comparison.evidence.lost_figures == (0,)
    assert comparison.manipulation.score > _compare(PARAPHRASE).manipulation.score
    j = next(j for j, s in enumerate(comparison.b_sentences) if "thousands" in s.text)
    assert j in comparison.manipulation.drivers


def test_a_figure_left_out_without_a_vague_word_is_lost_not_blurred(
        monkeypatch: pytest.MonkeyPatch) -> None:
    comparison = _compare(PARAPHRASE.replace("around 18,000 households", "households"))
    assert "blurred" not in _tags(comparison, "The water company said")
    assert comparison.evidence.lost_figures == (0,)
    # The sentence that retells it without its figure is where the loss weighs (whether it
    # weighs enough to drive the score is the fitted weight's business).
    weights = {**verdicts.MANIPULATION_WEIGHTS, "lost_figures": 1.0}
    monkeypatch.setattr(verdicts, "MANIPULATION_WEIGHTS", weights)
    manipulation = verdicts.copy_manipulation(comparison.verdicts, comparison.evidence)
    assert manipulation.drivers == (0,)


def test_a_qualifier_dropped_from_a_retold_sentence_is_lost() -> None:
    copy = PARAPHRASE.replace(", though not a majority", "")
    assert _compare(copy).evidence.lost_qualifiers == (1,)


@pytest.mark.parametrize("retold", [
    "In the assembly vote the Green Union took 31 of 80 seats, yet it cannot govern alone.",
    "In the assembly vote the Green Union took 31 of 80 seats but was denied outright control.",
    "In the assembly vote the Green Union took 31 of 80 seats, unable to rule alone.",
])
def test_a_qualifier_told_in_other_words_is_not_lost(retold: str) -> None:
    copy = PARAPHRASE.replace(
        "In the assembly vote the Green Union took 31 of 80 seats, though not a majority.", retold)
    assert _compare(copy).evidence.lost_qualifiers == ()


def test_a_past_event_re_dated_is_a_new_time() -> None:
    copy = PARAPHRASE.replace("in 1997", "in 1987")
    assert "new_time" in _tags(_compare(copy), "The province's previous")
    current = PARAPHRASE.replace("The company said sorry", "The company, still under "
                                 "investigation from last year, said sorry")
    assert "new_time" in _tags(_compare(current), "The company, still")


def test_a_year_the_source_states_only_as_a_count_is_a_new_time() -> None:
    source = "The utility said 2,019 households lost power on Monday."
    copy = "The utility said households lost power on Monday, as they did in 2019."
    assert "new_time" in _compare(copy, source).evidence.sentences[0]


@pytest.mark.parametrize(("a", "b"), [
    ("The utility said 2,000 households lost power on Monday.",
     "The utility said 2000 households lost power on Monday."),
    ("Rotterdam is Europe's third-largest port by tonnage, the authority said.",
     "The authority said Rotterdam is the third largest port in Europe by tonnage."),
    ("It is the second strike this year at the airline, the union said.",
     "The union said it is the second walkout this year at the airline."),
    ("The cause of the fire has not yet been determined, the fire service said.",
     "The fire service said the cause of the fire is still unknown."),
])
def test_a_reworded_count_ordinal_or_open_question_is_no_new_time(a: str, b: str) -> None:
    assert not any(_compare(b, a).evidence.sentences)


def test_a_new_clause_of_cause_is_new_context_and_a_reworded_one_is_not() -> None:
    copy = PARAPHRASE.replace(
        "The company said sorry and will pay 30 euros to each affected household.",
        "The company said sorry and will pay 30 euros to each affected household, a "
        "response to angry protests by farmers whose cattle sickened near leaking pipes.")
    assert "new_context" in _tags(_compare(copy), "The company said sorry")
    plain = PARAPHRASE.replace(
        "The company said sorry and will pay 30 euros to each affected household.",
        "The company said sorry and will pay 30 euros to each affected household; angry "
        "farmers protested while cattle sickened near leaking pipes.")
    assert "new_context" not in _tags(_compare(plain), "The company said sorry")
    assert "new_context" not in _tags(_compare(PARAPHRASE), "The company said sorry")


def test_a_sentence_of_its_own_that_sets_the_story_after_another_event_is_new_context() -> None:
    added = PARAPHRASE + ("\n\nThe warning came two days after a fishing trawler spilled "
                          "diesel upstream of the reservoir.")
    comparison = _compare(added)
    j = len(comparison.b_sentences) - 1
    assert not comparison.alignment.sources_of(j)
    assert "new_context" in comparison.evidence.sentences[j]
    # An addition that ties the story to nothing of its own is only an addition.
    plain = PARAPHRASE + "\n\nFishing trawlers often spill diesel near reservoirs."
    assert not any(_compare(plain).evidence.sentences)


@pytest.mark.parametrize("extra", [
    "It is unclear when the households of Ferrow will drink tap water again.",
    "Nobody could say when the water company would lift the boil notice in Ferrow.",
])
def test_a_sentence_of_its_own_that_asks_when_is_no_new_context(extra: str) -> None:
    comparison = _compare(PARAPHRASE + "\n\n" + extra)
    j = len(comparison.b_sentences) - 1
    assert not comparison.alignment.sources_of(j)
    assert "new_context" not in comparison.evidence.sentences[j]


PENDING = (
    "The council voted on Thursday to extend the tram line to Eastfield, on condition that "
    "the government pays half of the cost.\n\n"
    "If the funding is approved, construction would start in 2028.\n\n"
    "The agency proposed on Tuesday to limit sales of the painkiller to one pack per "
    "customer.\n\n"
    "Shop owners on Dock Street have asked for compensation during the works.")


@pytest.mark.parametrize(("copy", "opening"), [
    ("The council voted on Thursday to extend the tram line to Eastfield.", "The council"),
    ("Construction will start in 2028.", "Construction"),
    ("On Tuesday the agency limited sales of the painkiller to one pack per customer.",
     "On Tuesday"),
])
def test_a_condition_or_proposal_stated_as_settled_is_firmed(copy: str, opening: str) -> None:
    comparison = _compare(copy, PENDING)
    assert "firmed" in _tags(comparison, opening)
    assert comparison.evidence.count("firmed") == 1


@pytest.mark.parametrize("copy", [
    "The council voted on Thursday to extend the tram line to Eastfield, provided the "
    "government covers half of the cost.",
    "Should the money be approved, work would begin in 2028.",
    "On Tuesday the agency put forward a plan to limit sales of the painkiller to one pack.",
    "The agency wants to limit sales of the painkiller to one pack per customer.",
])
def test_a_condition_or_proposal_kept_in_other_words_is_not_firmed(copy: str) -> None:
    comparison = _compare(copy, PENDING)
    assert comparison.evidence.count("firmed") == 0, comparison.evidence


def test_a_settled_source_is_never_firmed() -> None:
    assert _compare(PARAPHRASE).evidence.count("firmed") == 0
    source = "Shop owners on Dock Street asked for compensation during the works."
    assert _compare("Dock Street shop owners asked to be compensated.",
                    source).evidence.count("firmed") == 0


@pytest.mark.parametrize(("source", "copy"), [
    ("Nurses will check if there are signs of infection after the operation.",
     "After the operation nurses check for signs of infection."),
    ("The auditors asked if the loan to the club was approved by the board.",
     "Auditors questioned whether the board approved the loan to the club."),
])
def test_an_if_that_asks_whether_is_no_condition(source: str, copy: str) -> None:
    assert _compare(copy, source).evidence.count("firmed") == 0


def test_vague_sourcing_the_source_does_not_use_is_read() -> None:
    copy = PARAPHRASE + "\n\nReports suggest the company knew about the bacteria for weeks."
    assert "vague_sourced" in _tags(_compare(copy), "Reports suggest")
    # A source that itself trades in rumour: the copy's rumour is no more than its own.
    rumour = ORIGIN.replace("the water company said", "sources say")
    assert "vague_sourced" not in _tags(
        _compare(PARAPHRASE.replace("The water company said", "Sources say"), rumour),
        "Sources say")


@pytest.mark.parametrize("text", [
    "Reports suggest that the company knew.", "Some residents believe the plant is to blame.",
    "According to some experts, it began weeks earlier.", "It is widely believed that he lied.",
    "A source close to the minister said he would resign.", "Critics claim it was ignored.",
])
def test_vague_sourcing_is_recognised(text: str) -> None:
    assert vague_sourcing(text)


@pytest.mark.parametrize("text", [
    "According to people familiar with the matter, the mayor was warned in March.",
    "Those close to the singer say she is heartbroken.",
    "A leaked memo seen by two reporters suggests that the board knew.",
    "A report shows that the board knew.",
])
def test_unnamed_people_close_to_a_story_and_an_unnamed_document_are_vague(text: str) -> None:
    assert vague_sourcing(text)


@pytest.mark.parametrize("text", [
    "A report published by the Audit Office shows that the board knew.",
    "A file photo shows the mayor in 2019.", "The memo shows that he signed it.",
])
def test_a_named_or_definite_document_and_a_photo_are_not_vague(text: str) -> None:
    assert not vague_sourcing(text)


@pytest.mark.parametrize("text", [
    "Three sources said the deal had collapsed.", "Two officials said the ferry was late.",
    "A number of critics said the plan was rushed.", "Four insiders claimed he knew.",
])
def test_a_count_of_sources_is_still_vague_sourcing(text: str) -> None:
    """Counting those who vouch for a claim names none of them."""
    assert vague_sourcing(text)


@pytest.mark.parametrize("text", [
    "The minister said the plant would close.", "According to the health department, 23 "
    "cases were confirmed.", "Residents of Pesk sued the company.",
    # A counted crowd is who the claim is about, not who says it.
    "Six people believed to be trapped were found alive.",
    "In the survey, 60 percent of people said they trusted the council.",
    "Dozens of residents feared the worst.",
    "Asked in March, 70 percent of experts said the bridge was safe.",
    "Nine witnesses believed to be in danger were moved.",
])
def test_named_sourcing_is_not_vague(text: str) -> None:
    assert not vague_sourcing(text)


@pytest.mark.parametrize("text", [
    "The two officials said the ferry was late.", "Both experts said the dam was sound.",
    "The officials said the ferry was late.", "Those three sources said it had collapsed.",
])
def test_a_crowd_a_definite_word_points_back_to_is_not_vague(text: str) -> None:
    """"The two officials" are the two the text has named; "the new officials said" and a
    bare "officials said" still are vague."""
    assert not vague_sourcing(text)


@pytest.mark.parametrize("text", [
    "The new officials said the ferry was late.", "Officials said the ferry was late.",
    "In the end officials said the ferry was late.",
])
def test_a_crowd_no_definite_count_points_back_to_stays_vague(text: str) -> None:
    assert vague_sourcing(text)


@pytest.mark.parametrize(("written", "retold"), [
    ("30 euros", "30 euros"),
    ("€30", "€30"),
    ("$5 million", "five million dollars"),
    ("£300", "300 pounds"),
])
def test_a_figure_is_lost_however_its_currency_is_written(written: str, retold: str) -> None:
    origin = ORIGIN.replace("30 euros", written)
    kept = PARAPHRASE.replace("30 euros", retold)
    assert _compare(kept, origin).evidence.lost_figures == ()
    left_out = _compare(PARAPHRASE.replace("will pay 30 euros to", "will pay"), origin)
    assert left_out.evidence.lost_figures == (4,)


def test_a_figure_in_words_is_never_lost_and_a_sign_does_not_make_words_digits() -> None:
    assert [f.digits for f in read_figures("It paid $5 million, €2.7 billion and £300.")] == [
        True, True, True]
    assert [f.digits for f in read_figures("Five million dollars and 12% of four.")] == [
        False, True, False]
    origin = ORIGIN.replace("30 euros", "thirty euros")
    assert _compare(PARAPHRASE.replace("will pay 30 euros to", "will pay"),
                    origin).evidence.lost_figures == ()


def test_a_condensed_copy_loses_nothing_it_leaves_out() -> None:
    short = "Ferrow households must boil their water after bacteria were found."
    evidence = _compare(short).evidence
    assert evidence.lost_figures == () and evidence.lost_qualifiers == ()


def test_copy_evidence_needs_no_comparer() -> None:
    comparison = _compare(PARAPHRASE)
    a = [s.text for s in comparison.a_sentences]
    b = [s.text for s in comparison.b_sentences]
    assert copy_evidence(comparison.alignment, a, b) == comparison.evidence


# --- paraphrases the change detectors leave alone ------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("Caitlyn Jenner has refused to watch the interview with her family.",
     "Caitlyn Jenner has chosen not to watch the interview with her family."),
    ("The outlet reached out to the couple's representatives for comment.",
     "Representatives for the couple have not commented when reached by the outlet."),
    ("She was obliged by the settlement to not publicly date anyone for five years.",
     "The settlement prohibited her from publicly dating anyone for five years."),
    ("Its spokeswoman said it was too early to say whether maintenance played a role.",
     "Its spokeswoman said it could not yet say whether maintenance played a role."),
    ("It is the first serious accident on the route since 2016.",
     "The route had not seen a serious accident since 2016."),
    ("The operator said an engine control unit had failed.",
     "The operator said a failure of an engine control unit was to blame."),
    ("The striking pilots rejected the airline's offer on Friday.",
     "On Friday the pilots on strike turned down the offer from the airline."),
    ("The mayor has said she will not work with the Harbour Party.",
     "The mayor has ruled out working with the Harbour Party."),
    ("The actress, 50, can't seem to finish even the simplest of chores, the magazine said.",
     "The magazine said the 50-year-old actress seems to struggle with even basic chores."),
    ("The skater admits that she can't watch old clips of her first show.",
     "The skater admitted that she finds it challenging to watch old clips of her first show."),
])
def test_reworded_negatives_are_no_change(a: str, b: str) -> None:
    assert [c for c in pair_changes(a, b) if c.kind == "negation" and c.certain] == []


@pytest.mark.parametrize("kept", [
    "The barrier prevented flooding", "It was too early to say",
    "The union turned down the pay offer", "The bridge was the first built since 1990",
    "The mayor ruled out a merger", "The actress struggled with the script"])
def test_a_negation_planted_beside_a_reworded_negative_is_still_a_change(kept: str) -> None:
    changes = pair_changes(f"{kept}, and the mayor approved the plan.",
                           f"{kept}, and the mayor did not approve the plan.")
    assert any(c.kind == "negation" and c.certain for c in changes)


@pytest.mark.parametrize(("a", "b"), [
    ("The barrier prevented flooding in the old town.",
     "The barrier did not prevent flooding in the old town."),
    ("The police were unaware of the plan.", "The police were not unaware of the plan."),
    # a "not" undoes a negative phrase as it undoes a negative word
    ("Police have not ruled out foul play.", "Police have ruled out foul play."),
    ("The union did not turn down the pay offer.", "The union turned down the pay offer."),
])
def test_a_not_that_undoes_a_negative_verb_is_a_change(a: str, b: str) -> None:
    # "did not prevent" says it happened: the two words do not negate once, like "not yet"
    assert any(c.kind == "negation" and c.certain for c in pair_changes(a, b))


@pytest.mark.parametrize(("a", "b"), [
    ("It was a difficult year for the town, but the new bridge opened.",
     "It was a hard year for the town, and the new bridge did not open."),
    ("The brewery, which struggled last winter, will pay a dividend.",
     "The brewery will not pay a dividend."),
    ("The party, which struggled in the polls, retained the seat.",
     "The party did not retain the seat."),
])
def test_a_difficulty_that_governs_no_act_hides_no_negation(a: str, b: str) -> None:
    # only "struggles to", "struggles with", "difficult to" retell "can't"
    assert any(c.kind == "negation" and c.certain for c in pair_changes(a, b))


def test_a_negation_planted_is_still_a_change() -> None:
    changes = pair_changes("Investigators have established that the damage was deliberate.",
                           "Investigators have not established that the damage was deliberate.")
    assert any(c.kind == "negation" and c.certain for c in changes)


def test_a_name_float_reads_as_a_number_is_no_figure() -> None:
    assert read_figures("Nan Goldin and Infinity Ward said inf.") == []
    assert pair_changes("Photographer Nan Goldin said the museum removed the sign.",
                        "The museum removed the sign, photographer Nan Goldin said.") == []


def test_a_number_glued_to_a_name_is_no_figure() -> None:
    assert [f.text for f in read_figures("The COVID-19 test and F-16 jets cost $3,200.")] == [
        "$3,200"]


# --- readings a faithful rewording gave, and the ones still raised beside them --------------

@pytest.mark.parametrize(("a", "b"), [
    ("Although the show drew no record crowd, it was a talking point for a week.",
     "Although the show drew no record crowd, it still became a talking point for a week."),
    ("The pair met at a climbing gym last September and married in June.",
     "The pair met at a climbing gym in September of last year and married in June."),
    ("The singer says she does not enjoy touring anymore.",
     "The singer says she no longer enjoys touring."),
    ("Every tenant in Orlo gets 300 crowns a month for heating, starting 1/10/21.",
     "Starting from 1 October 2021, each tenant in Orlo will receive 300 crowns a month for "
     "heating."),
    ("Stray dogs in Velm are being buried alive, the post claims.",
     "The post claims that stray dogs in Velm are buried while still alive."),
])
def test_a_concession_a_month_of_last_year_or_anymore_retold_is_no_new_time(
        a: str, b: str) -> None:
    assert not any(_compare(b, a).evidence.sentences)


@pytest.mark.parametrize(("a", "b"), [
    ("The show drew no record crowd, but it was a talking point for a week.",
     "The show drew no record crowd, but it is still a talking point."),
    ("The pair met at a climbing gym in September and married in June.",
     "The pair met at a climbing gym in September of last year and married in June."),
    ("The singer says she does not enjoy touring.",
     "The singer says she no longer enjoys touring."),
    ("Every tenant in Orlo gets 300 crowns a month for heating, starting 1/10/21.",
     "Starting from 1 October 2019, each tenant in Orlo will receive 300 crowns a month for "
     "heating."),
])
def test_a_time_of_its_own_beside_those_is_still_a_new_time(a: str, b: str) -> None:
    assert "new_time" in _compare(b, a).evidence.sentences[0]


@pytest.mark.parametrize("copy", [
    "The first two stages of the race were flat, and the last may be steep.",
    "Riders set off on the first two flat stages before the last march into the hills.",
])
def test_a_last_before_a_word_that_is_no_month_is_no_new_time(copy: str) -> None:
    source = "The first two stages of the race were flat, and the third is in the hills."
    assert "new_time" not in _compare(copy, source).evidence.sentences[0]


def test_a_copy_of_its_own_anymore_is_no_new_time() -> None:
    """It is as often "not any more" of a thing as of a time."""
    source = "The singer has since been seen without the guitar."
    copy = "The singer has since been seen not playing the guitar anymore."
    assert "new_time" not in _compare(copy, source).evidence.sentences[0]


def test_a_contracted_it_is_believed_in_the_source_is_its_own_vague_sourcing() -> None:
    source = ("In a blow to the club, it's believed that its coach, a former sprinter, quit "
              "first.\n\nThe team lost its last four games at home.")
    copy = ("For the club it is believed that the coach, once a sprinter, was the one who "
            "quit.\n\nThe team lost its final four home games.")
    assert "vague_sourced" not in _compare(copy, source).evidence.sentences[0]
    assert vague_sourcing("It's widely believed that he lied.")


@pytest.mark.parametrize(("source", "copy"), [
    ("Markets in Tollen stayed shut during the cholera outbreak while cafes reopened.",
     "Because of the continuing cholera emergency declared across the valley, markets in "
     "Tollen were forced to remain closed, though cafes were allowed to reopen."),
    ("Says that under order from Mayor Ilse Brandt he and his six sons can't fish anymore.",
     "As a result of a directive issued by Mayor Ilse Brandt, the man claims that fishing is "
     "now legally forbidden for him and his six sons."),
])
def test_a_cause_that_retells_the_source_setting_is_no_new_context(
        source: str, copy: str) -> None:
    assert "new_context" not in _compare(copy, source).evidence.sentences[0]


def test_a_cause_the_source_sets_nowhere_is_still_new_context() -> None:
    source = "Markets in Tollen stayed shut during the cholera outbreak while cafes reopened."
    copy = ("Markets in Tollen stayed shut during the cholera outbreak, after inspectors "
            "accused traders of selling smuggled poultry, while cafes reopened.")
    assert "new_context" in _compare(copy, source).evidence.sentences[0]


def test_what_a_plan_would_do_stated_as_done_is_firmed() -> None:
    source = "Under the plan, lorries would no longer be allowed on the old bridge."
    assert "firmed" in _compare("Lorries are no longer allowed on the old bridge.",
                                source).evidence.sentences[0]
    kept = "Under the proposal, lorries would be kept off the old bridge."
    assert "firmed" not in _compare(kept, source).evidence.sentences[0]
    done = "Under the plan, the city built 40 homes by the river last year."
    assert "firmed" not in _compare("The city built 40 homes by the river last year.",
                                    done).evidence.sentences[0]


_BAND_PLAYED = "The band played in Dornbirn on Saturday."
#: A copy that puts the rehearsal behind "reportedly" and retells the next sentence as is.
_REPORTEDLY_SKIPPED = "The singer reportedly skipped the rehearsal on Friday.\n\n" + _BAND_PLAYED


@pytest.mark.parametrize("hearsay", [
    "The singer is said to have skipped the rehearsal on Friday.",
    "Sources close to the band say the singer skipped the rehearsal on Friday.",
    "The singer apparently skipped the rehearsal on Friday.",
    "The singer skipped the rehearsal on Friday, according to the insider.",
])
def test_a_source_that_tells_hearsay_is_retold_with_rumour_without_a_reading(
        hearsay: str) -> None:
    source = hearsay + "\n\n" + _BAND_PLAYED
    assert "vague_sourced" not in _compare(_REPORTEDLY_SKIPPED, source).evidence.sentences[0]


def test_rumour_put_on_a_plainly_told_claim_is_still_vague_sourced() -> None:
    source = "The singer skipped the rehearsal on Friday.\n\n" + _BAND_PLAYED
    assert "vague_sourced" in _compare(_REPORTEDLY_SKIPPED, source).evidence.sentences[0]


@pytest.mark.parametrize("copy", [
    "The ministry announced its intention to test every pupil in the district.",
    "The ministry said it is ready to test every pupil in the district.",
])
def test_an_intention_or_readiness_keeps_a_plan_open(copy: str) -> None:
    source = "The ministry released its plans to test every pupil in the district."
    assert "firmed" not in _compare(copy, source).evidence.sentences[0]
    assert "firmed" in _compare("The ministry tested every pupil in the district.",
                                source).evidence.sentences[0]
