"""The outlet registry built at run time from a case list: outlets named by domain, each
with the public case pages that name it; platforms and bare names left out."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from launderlens.cli import main
from launderlens.ingest.segment import segment
from launderlens.model import Article
from launderlens.outlets.importers import KnownOutlet, read_known_outlets
from launderlens.outlets.registry import (
    PLATFORMS,
    RegistryEntry,
    euvsdisinfo_registry,
    unaffiliated,
)
from launderlens.store import open_store

CASES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "euvsdisinfo" \
    / "cknabs" / "data" / "posts.csv"
REPORT = "https://euvsdisinfo.eu/report/"

# Written here: invented cases in the case list's layout.
LIST = f"""date,id,title,countries,keywords,languages,outlets
2020-03-02,{REPORT}case-one/,Claim one,Rur,k,English+French,news-front.example - French+Big Channel
2020-01-05,{REPORT}case-two/,Claim two,Rur,k,Russian,www.news-front.example+youtube.com+bit.ly
2020-02-01,{REPORT}case-three/,Claim three,Rur,k,Russian,other-site.example/
2020-02-02,javascript:alert(1),Claim four,Rur,k,Russian,evil.example
"""


def test_domains_become_entries_with_their_case_pages() -> None:
    entries, counts = euvsdisinfo_registry(LIST)
    assert [(e.domain, e.cases) for e in entries] == [("news-front.example", 2),
                                                      ("other-site.example", 1)]
    first = entries[0]
    assert first.sources == [f"{REPORT}case-one/", f"{REPORT}case-two/"]
    assert (first.first_case, first.last_case) == (date(2020, 1, 5), date(2020, 3, 2))
    assert first.languages == {"English", "French", "Russian"}
    assert counts == {"cases": 4, "unsourced_cases": 1, "named_outlets": 6,
                      "platforms_or_names": 3, "bad_rows": 0}
    known = first.known()
    assert known == KnownOutlet("news-front.example", None,
                                "named in 2 EUvsDisinfo disinformation cases",
                                f"{REPORT}case-one/")


def test_a_row_too_large_to_read_is_skipped_and_the_rest_read() -> None:
    huge = f'2020-01-01,{REPORT}huge/,"{"x" * 200_000}",Rur,k,Russian,huge.example\n'
    entries, counts = euvsdisinfo_registry(LIST.replace("2020-02-01,", huge + "2020-02-01,"))
    assert counts["bad_rows"] == 1
    assert [e.domain for e in entries] == ["news-front.example", "other-site.example"]


def test_a_file_that_is_not_a_case_list_is_refused() -> None:
    with pytest.raises(ValueError, match="no id, outlets column"):
        euvsdisinfo_registry("date,title\n2020-01-01,x\n")


def test_cli_writes_an_importable_registry_and_applies_it_to_stored_outlets(
        tmp_path: Path) -> None:
    cases, out, db = tmp_path / "posts.csv", tmp_path / "registry.jsonl", str(tmp_path / "t.db")
    cases.write_text(LIST, encoding="utf-8")
    with open_store(db) as store:
        store.import_outlets([KnownOutlet("other-site.example", "Other", "Known network",
                                          "https://report.example/x")])
        store.import_outlets([KnownOutlet("news-front.example", "News Front", None,
                                          "https://report.example/y")])
    result = CliRunner().invoke(main, ["outlets", "registry", str(cases), "--out", str(out),
                                       "--apply", "--db", db, "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["entries"], data["applied"]) == (2, 1)
    records, problems = read_known_outlets(out.read_text(encoding="utf-8"), "jsonl")
    assert problems == [] and [r.domain for r in records] == ["news-front.example",
                                                              "other-site.example"]
    with open_store(db) as store:
        front = store.get_outlet("news-front.example")
        other = store.get_outlet("other-site.example")
        assert front is not None and front.affiliation_source == f"{REPORT}case-one/"
        assert other is not None and other.affiliation == "Known network"  # kept


def test_unaffiliated_finds_stored_outlets_as_the_store_finds_a_domain(
        tmp_path: Path) -> None:
    entries = [RegistryEntry(d, 1, sources=[f"{REPORT}{d}/"]) for d in (
        "keyed.example", "mirror.example", "named.example", "known.example", "absent.example")]
    with open_store(str(tmp_path / "t.db")) as store:
        store.import_outlets([KnownOutlet("keyed.example", None, None, ""),
                              KnownOutlet("known.example", None, "Known network", "x")])
        for domain, name in (("main.example", "Main"), ("other.example", "Named.Example")):
            article = Article.create(text="Officials said the ferry would stop running.",
                                     url=f"https://{domain}/a", outlet=name)
            store.add_articles([(article, segment(article))])
        # A mirror: the outlet of main.example also publishes under mirror.example.
        stored = store.list_outlets()
        main_record = next(o for o in stored if o.key == "main.example")
        stored = [dataclasses.replace(main_record, domains=(*main_record.domains,
                                                              "mirror.example"))
                  if o is main_record else o for o in stored]
        assert unaffiliated(entries, stored) == [e.known() for e in entries[:3]]
        # Without the mirror, the same as asking the store entry by entry.
        one_by_one = [e.known() for e in entries if (o := store.get_outlet(e.domain))
                      is not None and o.affiliation is None]
        assert unaffiliated(entries, store.list_outlets()) == one_by_one
        assert [k.domain for k in one_by_one] == ["keyed.example", "named.example"]


@pytest.mark.skipif(not CASES.is_file(), reason="EUvsDisinfo case list not found under "
                                                "../shared/data/euvsdisinfo")
def test_the_euvsdisinfo_case_list_gives_a_sourced_registry() -> None:
    entries, counts = euvsdisinfo_registry(CASES.read_text(encoding="utf-8"))
    assert counts["cases"] > 10_000 and len(entries) > 1000
    assert all(e.sources and all(s.startswith(REPORT) for s in e.sources) for e in entries)
    assert not {e.domain for e in entries} & PLATFORMS
    assert sum(e.cases for e in entries) <= counts["named_outlets"]
