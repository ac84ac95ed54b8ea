"""Paraphrased one-line claims in, whether the narrative matcher finds the record each
retells out: recall at rank 1 and in the top 5, and how many reach the finding threshold.

Three sets, each split in two parts by a hash of the case, so that one part (``tune``) is
used to choose how the matcher ranks and the other (``held``) is only reported:

- **generated**: EUvsDisinfo case titles (``../shared/data/euvsdisinfo``, read at run time,
  nothing from it kept here) reworded by the operations of ``evals/paraphrase_ops.py``
  (synonym swaps from a list written here, clause reordering, voice, dropped attribution,
  hedges); the titles drawn are whole sentences (no "…" cut), at least six words long;
- **starter**: one-line paraphrases written here of the records of the shipped starter
  catalogue (:data:`STARTER_PARAPHRASES`), searched against the starter plus the 10,375
  Snopes verified claims of CLEF 2020 task 2 as distractors (the starter alone when they
  are absent). Not the EUvsDisinfo titles: many of them retell the same narratives as
  starter records, and a paraphrase that finds one would count as a miss;
- **hand**: the twenty hand-written EUvsDisinfo paraphrases of
  ``evals/narratives_euvsdisinfo.py`` (all ``held``; they were reported before).

The generated and hand sets search the starter plus every EUvsDisinfo title; with
``--distractors N``, each catalogue keeps the records the cases retell and N others drawn at
random (the gate's subset).

A check of precision comes with it (``--false-alarms``): ``known_narrative`` findings on
the ECB+ news articles (``../shared/data/ecbplus``, events unrelated to the catalogue) and
on the demo corpus's two unrelated articles, through the analyzer's claim selection and the
matcher's findings, against the starter catalogue and against the starter plus EUvsDisinfo;
``--part`` keeps that half of the ECB+ articles too.

``--vectors FILE`` keeps every sentence vector (catalogue phrasings, paraphrases, article
clauses) in a SQLite store at ``FILE``, as ``evals/narratives_clef2020.py`` does: the first
run embeds the 10,892 EUvsDisinfo titles and the Snopes claims, later runs read them back,
so a change to matching is measured without the better part of the half hour of embedding.

    python evals/narratives_paraphrase.py [--part tune|held|all] [--cases N]
        [--distractors N] [--no-semantic] [--false-alarms] [--vectors FILE] [--json]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from launderlens.embeddings.encoder import VectorEncoder, load_encoder
from launderlens.narratives import (
    NarrativeMatcher,
    NarrativeRecord,
    ensure_starter,
    import_records,
    record_id,
)
from launderlens.store import Store, open_store
from narratives_clef2020 import encoder_for
from paraphrase_ops import paraphrase

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
POSTS = SHARED / "euvsdisinfo" / "cknabs" / "data" / "posts.csv"
ECBPLUS = SHARED / "ecbplus" / "ecbplus_docs.jsonl"
CLEF = SHARED / "clef2020-checkthat-t2-claim-retrieval" / "extracted" / "v3.0"
FIELD_MAP = "urls=id,claim=title,date=date,tags=keywords"
SEED = 17
MIN_WORDS = 6


class Case(NamedTuple):
    """One paraphrase and the record it retells (a named tuple: the gates load this script
    by path, outside ``sys.modules``, where a dataclass cannot be built)."""

    set: str
    part: str
    record: str
    paraphrase: str
    operations: tuple[str, ...] = ()


class Row(NamedTuple):
    """A case's result: the rank of its record (None past 5), whether it is a finding, and
    the claims of its record and of the record ranked first."""

    case: Case
    rank: int | None
    matched: bool
    retold: str
    first: str


def part_of(key: str) -> str:
    """``tune`` or ``held``, from a hash of the case's key (stable across runs)."""
    return "tune" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def available() -> bool:
    return POSTS.is_file()


def _titles() -> list[tuple[str, str]]:
    """``(report address, title)`` of every case, in file order."""
    csv.field_size_limit(1 << 20)
    with POSTS.open(encoding="utf-8", newline="") as stream:
        return [(row["id"], row["title"]) for row in csv.DictReader(stream)
                if row.get("id") and row.get("title")]


def generated_cases(count: int = 600, seed: int = SEED) -> list[Case]:
    """``count`` titles drawn at random among whole sentences, each reworded (titles no
    operation could change are passed over)."""
    seen: set[str] = set()
    pool = []
    for url, title in _titles():
        text = " ".join(title.split())
        if "\u2026" in text or text.endswith("...") or len(text.split()) < MIN_WORDS \
                or text.lower() in seen:
            continue
        seen.add(text.lower())
        pool.append((url, text))
    rng = random.Random(seed)
    rng.shuffle(pool)
    cases = []
    for url, title in pool:
        reworded = paraphrase(title, rng)
        if reworded is None:
            continue
        cases.append(Case("generated", part_of(url), record_id(url), reworded[0], reworded[1]))
        if len(cases) >= count:
            break
    return cases


#: (starter record id, a paraphrase written here). Each retells the record's claim in other
#: words, often naming places and people by other names (a capital for its government, a
#: title for a name), as a rewrite would.
STARTER_PARAPHRASES: tuple[tuple[str, str], ...] = (
    ("ua-aid-embezzlement", "The Ukrainian leader's entourage quietly moves foreign assistance "
     "into front firms abroad."),
    ("ua-aid-embezzlement", "Billions in Western help to Kyiv end up in the private accounts of "
     "those in power."),
    ("zelensky-luxury-assets", "Donor cash paid for the Ukrainian president's yachts and villas, "
     "bought in other people's names."),
    ("zelenska-cartier-spree", "The first lady of Ukraine splurged a fortune on jewels on Fifth "
     "Avenue as her nation pleaded for help."),
    ("istanbul-talks-sabotaged-by-west", "London and the Americans torpedoed the 2022 "
     "Turkish-brokered settlement so that the fighting would continue."),
    ("west-prolongs-war", "Europe and America keep the bloodshed in Ukraine going on purpose "
     "because it profits them."),
    ("nato-proxy-war", "The alliance is using Ukrainians as expendable pawns to wage its own "
     "fight against Moscow."),
    ("nato-troops-fighting-in-ukraine", "Alliance servicemen and hired foreign fighters are "
     "covertly in combat at the Ukrainian front."),
    ("ukraine-western-puppet", "Kyiv is run as an American protectorate, its president a stooge "
     "who obeys instructions from abroad."),
    ("us-biolabs-ukraine", "American defence officials operate hidden germ-warfare facilities "
     "on Ukrainian soil close to Russia."),
    ("us-biolabs-ukraine", "Washington develops bioweapons in labs on Ukrainian territory."),
    ("ukraine-nazi-regime", "Fascists hold power in Kyiv, so the Kremlin's campaign to purge "
     "them is justified."),
    ("donbas-genocide", "Since 2014 Ukrainian authorities have been exterminating Russian "
     "speakers in the eastern regions."),
    ("ukraine-planned-donbas-offensive", "Moscow struck first because Kyiv was poised to storm "
     "the breakaway eastern republics in 2022."),
    ("russia-liberates-ukraine", "Residents of Ukrainian towns greet Russian troops as their "
     "rescuers from oppression."),
    ("bucha-staged", "The killings in the town near Kyiv were faked by Ukraine, with corpses "
     "arranged for foreign reporters."),
    ("mariupol-theatre-staged", "Ukrainian nationalists detonated the theatre in the besieged "
     "port themselves; no Russian plane bombed it."),
    ("mariupol-maternity-hospital-staged", "The strike on the birth clinic in Mariupol was a "
     "set-up and the wounded expectant mother was an actress."),
    ("kramatorsk-station-ukrainian-missile", "The rocket that hit the crowd at the railway "
     "station in Kramatorsk was launched by Ukrainian troops."),
    ("russia-strikes-only-military-targets", "Moscow's missiles target only army sites; wrecked "
     "apartment blocks are the work of Ukraine's own anti-aircraft fire."),
    ("ukraine-uses-human-shields", "Ukrainian fighters stop residents leaving and hide behind "
     "them."),
    ("znpp-shelled-by-ukraine", "Kyiv's forces fire on the Enerhodar atomic station hoping for "
     "a catastrophe they can pin on Moscow."),
    ("ukraine-dirty-bomb", "Ukraine plans to set off a radioactive device at home and say "
     "Russia used nuclear arms."),
    ("nato-eastward-expansion-promise", "Western leaders assured the Soviet leader the "
     "alliance would never move toward Russia, then betrayed that pledge."),
    ("nato-aggressive-encirclement", "The North Atlantic bloc is surrounding Russia and "
     "turning the countries on its borders into bases for attack."),
    ("maidan-us-coup", "The 2014 uprising in Kyiv was a violent putsch funded and directed by "
     "Washington."),
    ("ukraine-artificial-state", "Ukraine was never a genuine nation; the Bolsheviks invented "
     "it from Russian territory."),
    ("ukraine-failed-state-collapse", "The Ukrainian state is falling apart and will be carved "
     "up now that its Western sponsors have lost interest."),
    ("crimea-referendum-legitimate", "The peninsula's return to Russia was lawful, since "
     "nearly all its residents chose it in a free vote."),
    ("russian-language-banned", "Kyiv has outlawed Russian and harasses anyone who speaks it."),
    ("orthodox-church-persecution", "Ukrainian authorities, obeying the Americans, are trying "
     "to wipe out the Orthodox faith."),
    ("zelensky-illegitimate", "The Ukrainian president has no mandate since his term ran out "
     "and he called off the vote."),
    ("kyiv-leadership-drug-use", "Ukraine's president is hooked on cocaine and his government "
     "is a bunch of addicts."),
    ("western-weapons-black-market", "Arms donated to Kyiv are being sold on to gangsters and "
     "militants."),
    ("sanctions-hurt-europe-more", "The penalties on Moscow have hit the European economy far "
     "harder than Russia's."),
    ("europe-freezes-without-russian-gas", "Cut off from Russian energy, Europeans will be "
     "left shivering in the cold this winter."),
    ("ukrainian-refugees-criminals", "People who fled Ukraine are thankless lawbreakers living "
     "off European benefits."),
    ("poland-annex-western-ukraine", "Warsaw is getting ready to send troops and seize Lviv and "
     "the western Ukrainian regions."),
    ("baltic-states-persecute-russians", "Latvia, Lithuania and Estonia oppress their "
     "Russian-speaking residents in an apartheid-like way."),
    ("moldova-transnistria-war-plot", "Western capitals are urging Chisinau to assault the "
     "breakaway region and open another front against Moscow."),
    ("georgia-second-front", "The unrest in Tbilisi was engineered by the West to topple the "
     "government and create a new front against Russia."),
    ("west-russophobia", "Hatred of Russians, not Moscow's actions, is what drives Western "
     "policy."),
    ("west-plans-to-destroy-russia", "The Western powers have long sought to break up Russia "
     "and take its natural wealth."),
    ("mh17-ukraine-blame", "It was Ukrainian forces, not Russian ones, that brought down the "
     "Malaysian airliner over Donbas in 2014."),
    ("skripal-poisoning-staged", "The nerve-agent attack in Salisbury was a British set-up, and "
     "Moscow had no part in it."),
    ("navalny-poisoning-staged", "The opposition politician was not poisoned by the Kremlin; "
     "Western spies staged the affair to justify sanctions."),
    ("ukraine-organ-trafficking", "Kyiv takes organs from its wounded troops and from children "
     "and sells them abroad."),
    ("crocus-attack-ukraine", "Kyiv and Western spy agencies organised the concert-hall "
     "massacre outside Moscow in 2024."),
    # A second wording of each, in the register of a news sentence that reports the claim.
    ("ua-aid-embezzlement", "Officials around the Ukrainian president have pocketed much of the "
     "aid sent by Brussels and Washington, investigators allegedly found."),
    ("zelensky-luxury-assets", "Associates of the Kyiv leader reportedly bought him two luxury "
     "boats with money from foreign donors."),
    ("zelenska-cartier-spree", "While Ukrainians went without, the president's wife allegedly "
     "ran up a huge bill at a luxury jeweller in Manhattan."),
    ("istanbul-talks-sabotaged-by-west", "The British prime minister flew to Kyiv to stop "
     "Ukraine signing the agreement Moscow had accepted in Turkey."),
    ("west-prolongs-war", "Western governments have no interest in peace and are stretching the "
     "conflict out for profit."),
    ("nato-proxy-war", "Kyiv's soldiers are dying for the alliance's geopolitical goals in what "
     "is really a war by proxy."),
    ("nato-troops-fighting-in-ukraine", "Regular troops from alliance members are already "
     "fighting Russians on the battlefield, sources claim."),
    ("ukraine-western-puppet", "The Ukrainian government does whatever Washington tells it, "
     "like a colonial administration."),
    ("us-biolabs-ukraine", "Dozens of laboratories funded by the US military were working on "
     "deadly pathogens in Ukraine."),
    ("ukraine-nazi-regime", "The government in Kyiv is dominated by followers of Nazi ideology, "
     "which justifies the special military operation."),
    ("donbas-genocide", "Kyiv waged a campaign of extermination against the people of Donetsk "
     "and Luhansk for eight years."),
    ("ukraine-planned-donbas-offensive", "The Russian operation only pre-empted a large "
     "Ukrainian assault on the Donbas that was planned for March 2022."),
    ("russia-liberates-ukraine", "Ukrainians in the towns taken by Russia are welcoming the "
     "army with flowers as liberators."),
    ("bucha-staged", "The images of dead civilians in Bucha were a piece of theatre staged by "
     "Kyiv for Western media."),
    ("mariupol-theatre-staged", "The Azov regiment mined the drama theatre in Mariupol and blew "
     "it up, then blamed a Russian bomb."),
    ("mariupol-maternity-hospital-staged", "The pregnant woman carried out of the bombed "
     "Mariupol hospital was a paid actor and the attack was fake."),
    ("kramatorsk-station-ukrainian-missile", "A Tochka-U fired by Kyiv's army killed the "
     "civilians waiting at the Kramatorsk station."),
    ("russia-strikes-only-military-targets", "Russia never targets civilians; the homes hit in "
     "Ukrainian cities were struck by Ukraine's air defence missiles."),
    ("ukraine-uses-human-shields", "Civilians are being held in cities by Ukraine's army and "
     "used as a living shield."),
    ("znpp-shelled-by-ukraine", "Ukrainian artillery keeps hitting Europe's largest nuclear "
     "plant so that Russia can be blamed for a meltdown."),
    ("ukraine-dirty-bomb", "Kyiv is building a nuclear dirty bomb with Western help to stage a "
     "radioactive provocation."),
    ("nato-eastward-expansion-promise", "NATO broke the promise made in 1990 that it would not "
     "move one inch to the east."),
    ("nato-aggressive-encirclement", "The alliance is moving its bases ever closer to Russia's "
     "borders in preparation for war."),
    ("maidan-us-coup", "The Maidan events were a coup d'etat that the Americans organised and "
     "paid for."),
    ("ukraine-artificial-state", "Lenin created Ukraine out of historically Russian land; it has "
     "never been a real state."),
    ("ukraine-failed-state-collapse", "Ukraine will soon fall apart and be divided between its "
     "neighbours, abandoned by the West."),
    ("crimea-referendum-legitimate", "Crimeans voted overwhelmingly and democratically in 2014 "
     "to reunite with Russia."),
    ("russian-language-banned", "Speaking Russian is forbidden in Ukraine and Russian speakers "
     "face persecution."),
    ("orthodox-church-persecution", "The Kyiv regime is crushing the canonical Orthodox Church "
     "on orders from Washington."),
    ("zelensky-illegitimate", "Zelensky's presidential mandate expired in 2024, so he is no "
     "longer the legitimate head of Ukraine."),
    ("kyiv-leadership-drug-use", "The Ukrainian leader was filmed with a bag of white powder and "
     "is a drug addict."),
    ("western-weapons-black-market", "Javelins and other arms sent to Ukraine are turning up on "
     "the dark web for sale to terrorists."),
    ("sanctions-hurt-europe-more", "The sanctions boomeranged: Europe's industry is collapsing "
     "while the Russian economy grows."),
    ("europe-freezes-without-russian-gas", "Europe faces a winter of freezing homes and "
     "deindustrialisation after giving up Russian gas."),
    ("ukrainian-refugees-criminals", "Ukrainian refugees commit crimes and exploit the welfare "
     "of the countries that took them in."),
    ("poland-annex-western-ukraine", "Polish troops are preparing to move into western Ukraine "
     "to take back its former territories."),
    ("baltic-states-persecute-russians", "Russian speakers in the Baltics are treated as "
     "second-class citizens by Russophobic governments."),
    ("moldova-transnistria-war-plot", "Moldova is being prepared by the West for an attack on "
     "Transnistria to widen the war."),
    ("georgia-second-front", "A Western-backed colour revolution in Georgia aims to drag the "
     "country into war with Russia."),
    ("west-russophobia", "The West hates Russia irrationally, whatever Russia does."),
    ("west-plans-to-destroy-russia", "The goal of the collective West is to split Russia into "
     "pieces and grab its raw materials."),
    ("mh17-ukraine-blame", "Flight MH17 was shot down by a Ukrainian missile or fighter jet, not "
     "by Russia."),
    ("skripal-poisoning-staged", "Britain staged the poisoning of Sergei Skripal to blame "
     "Moscow."),
    ("navalny-poisoning-staged", "Navalny's Novichok poisoning was a provocation by Western "
     "intelligence services, not the Russian state."),
    ("ukraine-organ-trafficking", "Ukraine runs a black market in the organs of its dead "
     "soldiers and of children for Western buyers."),
    ("crocus-attack-ukraine", "The terrorists who attacked the Crocus concert hall were working "
     "for Ukraine and its Western handlers."),
)


def starter_cases() -> list[Case]:
    return [Case("starter", part_of(f"{record}|{text}"), record, text)
            for record, text in STARTER_PARAPHRASES]


def hand_cases() -> list[Case]:
    from narratives_euvsdisinfo import PARAPHRASES, REPORT

    return [Case("hand", "held", record_id(REPORT + slug), text)
            for slug, text in PARAPHRASES.items()]


def _sample(records: list[NarrativeRecord], wanted: set[str], distractors: int | None
            ) -> list[NarrativeRecord]:
    if distractors is None:
        return records
    others = [r.id for r in records if r.id not in wanted]
    keep = wanted | set(random.Random(SEED).sample(others, min(distractors, len(others))))
    return [r for r in records if r.id in keep]


def euvsdisinfo_records() -> list[NarrativeRecord]:
    return [r for r in import_records(POSTS, "csv", field_map=FIELD_MAP, origin="euvsdisinfo")
            if isinstance(r, NarrativeRecord)]


def snopes_records() -> list[NarrativeRecord]:
    """The CLEF 2020 task 2 verified claims (Snopes), when ../shared holds them."""
    if not (CLEF / "verified_claims.docs.tsv").is_file():
        return []
    return [r for r in import_records(CLEF / "verified_claims.docs.tsv", "csv",
                                      field_map="id=vclaim_id,claim=vclaim,title=title",
                                      origin="clef2020") if isinstance(r, NarrativeRecord)]


def _catalogue(store: Store, which: str, wanted: set[str], distractors: int | None) -> int:
    """Fill ``store``: the starter, and the EUvsDisinfo titles (``which`` "euvsdisinfo") or
    the Snopes verified claims ("snopes"): all, or those in ``wanted`` and ``distractors``
    others drawn at random; how many besides the starter were taken."""
    ensure_starter(store)
    if which == "euvsdisinfo":
        records = euvsdisinfo_records() if available() else []
    else:
        records = snopes_records()
    records = _sample(records, wanted, distractors)
    store.upsert_narratives(records)
    return len(records)


def cases(part: str = "all", count: int = 600) -> list[Case]:
    """Every case of ``part`` (``tune``, ``held`` or ``all``)."""
    found = starter_cases() + (generated_cases(count) + hand_cases() if available() else [])
    return [c for c in found if part in ("all", c.part)]


def _search(chosen: Sequence[Case], which: str, distractors: int | None,
            encoder: VectorEncoder | None) -> tuple[list[Row], int]:
    """Each case with the rank of its record (None past 5), whether it is a finding (rank
    1 at the threshold), and the claims of its record and of the one ranked first; and the
    catalogue's size."""
    if not chosen:
        return [], 0
    with open_store(":memory:") as store:
        _catalogue(store, which, {c.record for c in chosen}, distractors)
        matcher = NarrativeMatcher(store, encoder=encoder, cache=False)
        found = matcher.search_many([c.paraphrase for c in chosen], 5)
        threshold, size = matcher.threshold, store.count_narratives()
        retold = store.get_narratives([c.record for c in chosen])
    rows = []
    for case, matches in zip(chosen, found, strict=True):
        rank = next((i + 1 for i, m in enumerate(matches) if m.record.id == case.record), None)
        top = matches[0].hit.score if matches else 0.0
        rows.append(Row(case, rank, bool(rank == 1 and top >= threshold),
                        retold[case.record].claim if case.record in retold else "",
                        matches[0].record.claim if matches else ""))
    return rows, size


def evaluate(*, part: str = "all", count: int = 600, distractors: int | None = None,
             encoder: VectorEncoder | None = None, semantic: bool = True) -> dict[str, Any]:
    """Recall of each set and part (see the module docstring)."""
    if semantic and encoder is None:
        encoder = load_encoder(required=True)
    chosen = cases(part, count)
    used = encoder if semantic else None
    rows, euvsdisinfo = _search([c for c in chosen if c.set != "starter"], "euvsdisinfo",
                                distractors, used)
    starter_rows, snopes = _search([c for c in chosen if c.set == "starter"], "snopes",
                                   distractors, used)
    rows += starter_rows
    summary: dict[str, dict[str, Any]] = {}
    for key in sorted({(row.case.set, row.case.part) for row in rows}):
        group = [(row.rank, row.matched) for row in rows
                 if (row.case.set, row.case.part) == key]
        n = len(group)
        summary[f"{key[0]}/{key[1]}"] = {
            "cases": n, "at_1": sum(r == 1 for r, _ in group),
            "top_5": sum(r is not None for r, _ in group),
            "matched": sum(m for _, m in group),
            "mrr": round(sum(1 / r for r, _ in group if r) / max(n, 1), 4)}
    return {"catalogues": {"starter+euvsdisinfo": euvsdisinfo, "starter+snopes": snopes},
            "retrievers": "bm25+embeddings" if semantic else "bm25", "sets": summary,
            # a miss whose first record states the retold claim in other words is the
            # catalogue's duplicate, not the matcher's error: the two claims are shown so
            # that a reader can count those apart
            "misses": [{"set": row.case.set, "part": row.case.part,
                        "paraphrase": row.case.paraphrase, "rank": row.rank,
                        "retold": row.retold, "first": row.first}
                       for row in rows if row.rank != 1 and row.case.part != "held"]}


def _documents(limit: int | None = None) -> list[tuple[str, str]]:
    """ECB+ articles (detokenised) and the demo corpus's unrelated articles."""
    from launderlens.demo import demo_corpus

    docs = []
    if ECBPLUS.is_file():
        with ECBPLUS.open(encoding="utf-8") as stream:
            for line in stream:
                row = json.loads(line)
                text = "\n".join(" ".join(s.split()) for s in row["sentences"])
                text = text.replace(" ,", ",").replace(" .", ".").replace(" 's", "'s")
                docs.append(("ecbplus/" + row["doc_id"], text))
                if limit is not None and len(docs) >= limit:
                    break
    with demo_corpus() as folder:
        docs += [("demo/" + p.name, p.read_text(encoding="utf-8"))
                 for p in sorted(folder.glob("*_unrelated_*.txt"))]
    return docs


def false_alarms(*, encoder: VectorEncoder | None = None, semantic: bool = True,
                 limit: int | None = None, part: str = "all",
                 catalogues: Sequence[str] = ("starter", "starter+euvsdisinfo")
                 ) -> dict[str, Any]:
    """``known_narrative`` findings on news unrelated to the catalogue (see the module
    docstring): counts, per 1,000 sentences, and the findings for reading. ``part``
    ``tune`` or ``held`` keeps that half of the ECB+ articles (by a hash of their id; the
    demo articles are in both)."""
    from launderlens.claims.analyze import Analyzer
    from launderlens.model import Article

    if semantic and encoder is None:
        encoder = load_encoder(required=True)
    analyzer = Analyzer(semantic=False)
    parsed = []
    for name, text in _documents(limit):
        if part != "all" and name.startswith("ecbplus/") and part_of(name) != part:
            continue
        analysis = analyzer.analyze(Article.create(text[:200_000], title=name))
        parsed.append((name, analysis.sentences, analysis.claims))
    sentences = sum(len(s) for _, s, _ in parsed)
    out: dict[str, Any] = {"documents": len(parsed), "sentences": sentences}
    for label in catalogues:
        full = label == "starter+euvsdisinfo"
        if full and not available():
            continue
        with open_store(":memory:") as store:
            if full:
                _catalogue(store, "euvsdisinfo", set(), None)
            else:
                ensure_starter(store)
            matcher = NarrativeMatcher(store, encoder=encoder if semantic else None,
                                       cache=False)
            found = []
            for name, sents, claims in parsed:
                for finding in matcher.findings(sents, claims):
                    assert finding.sentence is not None
                    found.append({"document": name, "sentence": sents[finding.sentence].text,
                                  "record": finding.evidence[0].text[:120],
                                  "score": round(finding.confidence, 3)})
        out[label] = {"findings": len(found),
                      "per_1000_sentences": round(1000 * len(found) / max(sentences, 1), 2),
                      "examples": found[:20]}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["tune", "held", "all"], default="all")
    parser.add_argument("--cases", type=int, default=600, metavar="N",
                        help="Generated paraphrases to draw (default 600, both parts).")
    parser.add_argument("--distractors", type=int, metavar="N",
                        help="EUvsDisinfo titles besides the retold ones (default: all).")
    parser.add_argument("--no-semantic", action="store_true")
    parser.add_argument("--false-alarms", action="store_true")
    parser.add_argument("--vectors", metavar="FILE",
                        help="Keep sentence vectors in a SQLite store at FILE and reuse them.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    semantic = not args.no_semantic
    encoder = encoder_for(semantic, args.vectors)
    out: dict[str, Any] = evaluate(part=args.part, count=args.cases,
                                   distractors=args.distractors, encoder=encoder,
                                   semantic=semantic)
    if args.false_alarms:
        out["false_alarms"] = false_alarms(encoder=encoder, semantic=semantic,
                                           part=args.part)
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    sizes = ", ".join(f"{k} {v}" for k, v in out["catalogues"].items())
    print(f"catalogues (records besides the starter): {sizes}; retrievers {out['retrievers']}")
    print(f"{'set/part':<18} {'cases':>5} {'@1':>5} {'top5':>5} {'match':>5} {'MRR':>7}")
    for key, m in out["sets"].items():
        print(f"{key:<18} {m['cases']:>5} {m['at_1']:>5} {m['top_5']:>5} {m['matched']:>5} "
              f"{m['mrr']:>7.4f}")
    if args.false_alarms:
        fa = out["false_alarms"]
        print(f"false alarms on {fa['documents']} unrelated articles "
              f"({fa['sentences']} sentences):")
        for label in ("starter", "starter+euvsdisinfo"):
            if label in fa:
                print(f"  {label:<20} {fa[label]['findings']:>4} "
                      f"({fa[label]['per_1000_sentences']} per 1,000 sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
