"""EUvsDisinfo claim titles in, whether the matcher finds twenty of them behind a paraphrase
out.

The 10,892 case titles of the EUvsDisinfo database extract (``cknabs/data/posts.csv``:
date, report URL, title, keywords...) are imported through the project's CSV importer into
an in-memory store. Twenty cases were drawn at random (seed 20, among titles that are whole
sentences of over 40 characters) and each was reworded here by hand, changing vocabulary and
structure as a rewriting tool would; the paraphrases below are ours, keyed by the case's
report address. For each paraphrase the script prints the rank of its case among the top 5,
the calibrated score, and whether that score reaches the matcher's threshold.

Data is read from ``<repo root>/../shared/data/euvsdisinfo`` and never copied here.

    python evals/narratives_euvsdisinfo.py [--no-semantic] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from launderlens.embeddings.encoder import load_encoder
from launderlens.narratives import NarrativeMatcher, import_records, record_id
from launderlens.store import open_store

DATA = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "euvsdisinfo"
        / "cknabs" / "data" / "posts.csv")
REPORT = "https://euvsdisinfo.eu/report/"
FIELD_MAP = "urls=id,claim=title,date=date,tags=keywords"

#: Report slug -> our paraphrase of the case's claim.
PARAPHRASES: dict[str, str] = {
    "the-latest-presidential-elections-in-austria-were-rigged-by-the/":
        "Austria's vote for president was falsified.",
    "hillary-clinton-dedicated-her-thesis-to-lucifer/":
        "Clinton's university dissertation was devoted to Satan.",
    "russia-has-never-initiated-a-military-conflict/":
        "Moscow has not once in its history started a war.",
    "skripal-poisoning-and-syria-bombing-a-big-anglo-saxon-provocation/":
        "The Salisbury nerve-agent case and the strikes on Syria were a grand British and "
        "American set-up.",
    "ukrainian-soldiers-wearing-russian-uniforms-spotted-in-donbas/":
        "Kyiv's troops were seen in eastern Ukraine dressed in Russian army gear.",
    "the-government-of-ukraine-illegally-seized-power-of-the-country/":
        "Those governing Ukraine took control of the state unlawfully.",
    "sweden-is-a-conformist-and-degenerated-country-with-no-freedom/":
        "The Swedes live in a degenerate, conformist society without liberty.",
    "getting-out-of-the-coma-proves-that-novichok-wasnt-used-on-navalny/":
        "Since the opposition leader woke up from his coma, he cannot have been hit by "
        "Novichok.",
    "winston-churchill-was-controlled-by-the-jews/":
        "Britain's wartime prime minister was a puppet of Jewish interests.",
    "white-helmets-kidnap-children-make-traffic-of-organs-stage-chemical-attacks/":
        "The Syrian rescue volunteers abduct children, sell their organs and fake gas "
        "attacks.",
    "nato-activity-create-danger-in-black-sea-after-ukraines-kerch-provocation/":
        "After Kyiv's stunt at the Kerch Strait, alliance manoeuvres in the Black Sea are a "
        "threat that must be answered.",
    "the-documents-showing-that-daesh-was-created-by-former-us-president-barack-obama-and-"
    "presidential-candidate-hillary-clinton-exist-and-can-be-found-easily/":
        "Papers prove that Obama and Clinton founded the Islamic State.",
    "americans-are-paid-up-to-1500-usd-for-participating-in/":
        "Protesters against Trump in America receive as much as 1,500 dollars to march.",
    "ukrainian-president-volodymyr-zelenskyy-is-a-vassal-of-turkish-president-recep-tayyip-"
    "erdogan/":
        "Zelensky takes orders from Erdogan like a vassal.",
    "the-rockefeller-foundation-owns-the-patent-for-the-zika-virus/":
        "The Zika virus is patented by the Rockefeller charity.",
    "the-coronavirus-will-cause-the-collapse-of-ukraine/":
        "The pandemic is going to bring the Ukrainian state down.",
    "the-unrest-in-georgia-is-staged-to-fuel-anti-russian-tensions-and-create-instability-on-"
    "the-russian-border/":
        "The protests in Tbilisi are orchestrated to stir hostility to Russia and "
        "destabilise its frontier.",
    "the-white-house-has-announced-that-its-sanctions-policy-against/":
        "Washington has admitted that its sanctions on Moscow did not work.",
    "navalny-couldnt-be-poisoned-with-novichok-according-to-the-creator-of-this-nerve-agent/":
        "Had Navalny really been given Novichok, he would not be alive.",
    "criminal-groups-behind-migrant-caravans-us-want-test-biden-administration/":
        "Gangs are organising the migrant columns moving towards the American border.",
}


def available() -> bool:
    return DATA.is_file()


def evaluate(*, semantic: bool = True, top: int = 5) -> dict[str, Any]:
    encoder = load_encoder(required=True) if semantic else None
    with open_store(":memory:") as store:
        matcher = NarrativeMatcher(store, encoder=encoder, cache=False)
        started = time.perf_counter()
        summary = matcher.import_records(import_records(DATA, "csv", field_map=FIELD_MAP,
                                                        origin="euvsdisinfo"))
        _ = matcher.index
        imported = time.perf_counter() - started
        slugs = list(PARAPHRASES)
        found = matcher.search_many([PARAPHRASES[s] for s in slugs], top)
        threshold = matcher.threshold
    rows = []
    for slug, matches in zip(slugs, found, strict=True):
        target = record_id(REPORT + slug)
        rank = next((i + 1 for i, m in enumerate(matches) if m.record.id == target), None)
        score = matches[rank - 1].hit.score if rank else None
        rows.append({"case": REPORT + slug, "paraphrase": PARAPHRASES[slug], "rank": rank,
                     "score": score, "matched": bool(rank == 1 and score is not None
                                                     and score >= threshold),
                     "top": matches[0].record.claim if matches else None})
    return {"records": summary.added + summary.updated + summary.unchanged,
            "problems": len(summary.problems), "import_seconds": round(imported, 1),
            "threshold": threshold, "retrievers": "bm25+embeddings" if semantic else "bm25",
            "found_at_1": sum(r["rank"] == 1 for r in rows),
            "found_in_top": sum(r["rank"] is not None for r in rows),
            "matched": sum(r["matched"] for r in rows), "cases": rows}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-semantic", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not available():
        print(f"EUvsDisinfo extract not found at {DATA}", file=sys.stderr)
        return 2
    out = evaluate(semantic=not args.no_semantic)
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"{out['records']} cases imported ({out['problems']} problems) in "
          f"{out['import_seconds']} s; retrievers {out['retrievers']}; "
          f"threshold {out['threshold']:.2f}")
    for r in out["cases"]:
        rank = r["rank"] or "-"
        score = f"{r['score']:.2f}" if r["score"] is not None else "  - "
        print(f"  rank {rank!s:>2} score {score} {'MATCH' if r['matched'] else '     '} "
              f"{r['paraphrase']}")
    print(f"found at rank 1: {out['found_at_1']}/20; in the top 5: {out['found_in_top']}/20; "
          f"matched above the threshold: {out['matched']}/20")
    return 0


if __name__ == "__main__":
    sys.exit(main())
