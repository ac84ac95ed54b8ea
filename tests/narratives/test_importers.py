"""Importers: ClaimReview JSON-LD and HTML, Fact Check Tools API pages, CSV/TSV and JSONL
into NarrativeRecords, with every bad item reported by position and the rest kept.

Every fixture here is written for these tests; the claims, outlets and URLs are invented.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from launderlens.errors import ConfigError
from launderlens.narratives import (
    ImportProblem,
    NarrativeRecord,
    import_records,
    parse_field_map,
    record_id,
)
from launderlens.narratives.importers import base as importers

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def run(source: Any, fmt: str, **options: Any) -> tuple[list[NarrativeRecord],
                                                         list[ImportProblem]]:
    items = list(import_records(source, fmt, **options))
    records = [item for item in items if isinstance(item, NarrativeRecord)]
    problems = [item for item in items if isinstance(item, ImportProblem)]
    assert len(records) + len(problems) == len(items)
    return records, problems


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- ClaimReview ---------------------------------------------------------------------------

REVIEW: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checkers.example/fact-check/lake-dried-up",
    "name": "No, Lake Varna did not dry up in a week",
    "description": "Satellite images show the lake at its usual level.",
    "datePublished": "2024-03-05T09:30:00+01:00",
    "inLanguage": "en",
    "claimReviewed": "Lake Varna dried up completely in one week",
    "author": {"@type": "Organization", "name": "Example Checkers"},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                     "worstRating": 1, "alternateName": "False"},
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "A. Blogger"},
        "datePublished": "2024-03-01",
        "appearance": [{"@type": "CreativeWork", "url": "https://blog.example/1",
                        "datePublished": "2024-02-27"},
                       {"@type": "CreativeWork", "url": "https://blog.example/2"}],
    },
}


def test_claimreview_object_maps_every_field(tmp_path: Path) -> None:
    [record], problems = run(write(tmp_path, "review.json", json.dumps(REVIEW)), "claimreview")
    assert problems == []
    assert record.id == record_id("https://checkers.example/fact-check/lake-dried-up")
    assert record.claim == "Lake Varna dried up completely in one week"
    assert record.title == "No, Lake Varna did not dry up in a week"
    assert record.summary == "Satellite images show the lake at its usual level."
    assert record.rating == "False"
    assert record.publisher == "Example Checkers"
    assert record.claimant == "A. Blogger"
    assert record.debunked == date(2024, 3, 5)
    assert record.first_seen == date(2024, 2, 27)  # the earliest appearance
    assert record.urls == ("https://checkers.example/fact-check/lake-dried-up",)
    assert record.language == "en"
    assert record.origin == "claimreview"


def test_claimreview_list_skips_other_types_and_reports_a_review_without_claim() -> None:
    numeric = {"@type": ["schema:ClaimReview"], "claimReviewed": "Bridge tolls tripled",
               "author": [{"name": "Second Desk"}],
               "reviewRating": {"ratingValue": "2", "bestRating": "5"}}
    no_claim = {"@type": "ClaimReview", "url": "https://checkers.example/empty"}
    document = [{"@type": "NewsArticle", "headline": "Not a review"}, numeric, no_claim]
    records, problems = run(io.StringIO(json.dumps(document)), "claimreview")
    [record] = records
    assert record.rating == "2/5"
    assert record.publisher == "Second Desk"
    assert record.id == record_id("Bridge tolls tripled", "Second Desk")  # no url
    assert [(p.position, "claimReviewed" in p.reason) for p in problems] == [("object 3", True)]


def test_claimreview_graph_and_nested_feed_items() -> None:
    graph = {"@context": {"@vocab": "http://schema.org/"}, "@graph": [
        {"@type": "WebPage", "name": "page"},
        {"@type": "http://schema.org/ClaimReview", "claimReviewed": "Graph claim",
         "author": "Desk", "reviewRating": {"name": "Misleading"},
         "inLanguage": {"@type": "Language", "name": "German", "alternateName": "de"}},
    ]}
    [record], problems = run(io.StringIO(json.dumps(graph)), "claimreview")
    assert (record.claim, record.rating, record.language, problems) == (
        "Graph claim", "Misleading", "de", [])

    feed = {"@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [dict(REVIEW), {**REVIEW, "claimReviewed": None}]}]}
    records, problems = run(io.StringIO(json.dumps(feed)), "claimreview")
    assert len(records) == 1
    assert [p.position for p in problems] == ["object 1, review 2"]


PAGE = """<!doctype html>
<html><head><title>Fact check</title>
<script type="application/ld+json">
{"@type": "ClaimReview", "claimReviewed": "Mayor &quot;banned&quot; <b>bicycles</b>",
 "url": "https://checkers.example/bikes", "author": {"name": "Example Checkers"},
 "reviewRating": {"alternateName": "Mostly false"}}
</script>
<script>var decoy = {"@type": "ClaimReview", "claimReviewed": "from a plain script"};</script>
<!-- <script type="application/ld+json">{"@type": "ClaimReview",
     "claimReviewed": "inside a comment"}</script> -->
</head><body><p>Text with a fake <script type="text/plain">{"@type": "ClaimReview"}</script></p>
<script type="application/ld+json; charset=utf-8">//<![CDATA[
{"@graph": [{"@type": "WebPage"}, {"@type": "ClaimReview", "claimReviewed": "Second claim",
 "url": "https://checkers.example/second"}]}
//]]></script>
<script type="application/ld+json">{"@type": "ClaimReview",
 "claimReviewed": "cut short </script><script>alert('x')</script>"}
</body></html>
"""


def test_claimreview_html_reads_only_ld_json_blocks() -> None:
    records, problems = run(io.BytesIO(PAGE.encode("utf-8")), "claimreview")
    assert [r.claim for r in records] == ['Mayor "banned" <b>bicycles</b>', "Second claim"]
    assert records[0].rating == "Mostly false"
    assert [p.position for p in problems] == ["script 3"]
    assert "invalid JSON" in problems[0].reason


def test_claimreview_ids_are_stable_across_imports(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE)
    first, _ = run(path, "claimreview")
    again, _ = run(io.StringIO(PAGE), "claimreview")
    assert [r.id for r in first] == [r.id for r in again]
    assert first[0].id == record_id("https://checkers.example/bikes")


def test_document_over_the_cap_is_one_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importers, "MAX_DOCUMENT_BYTES", 100)
    records, problems = run(io.StringIO(json.dumps(REVIEW)), "claimreview")
    assert records == []
    assert [p.position for p in problems] == ["document"]
    assert "limit" in problems[0].reason


def test_unclosed_ld_json_script_is_reported() -> None:
    page = '<p>x</p><script type="application/ld+json">{"@type": "ClaimReview"'
    records, problems = run(io.StringIO(page), "claimreview")
    assert records == []
    assert [p.position for p in problems] == ["script 1"]


# -- Fact Check Tools API ------------------------------------------------------------------

API_PAGE: dict[str, Any] = {
    "claims": [
        {"text": "Tap water in Norden is radioactive", "claimant": "Viral post",
         "claimDate": "2023-11-02T00:00:00Z",
         "claimReview": [
             {"publisher": {"name": "Checkers North", "site": "north.example"},
              "url": "https://north.example/water", "title": "Norden's water is safe",
              "reviewDate": "2023-11-04T10:00:00Z", "textualRating": "False",
              "languageCode": "en"},
             {"publisher": {"site": "south.example"}, "url": "https://south.example/w",
              "textualRating": "Unproven", "languageCode": "de"}]},
        {"text": "A claim nobody reviewed"},
        {"text": "Rail strike cancelled", "claimReview": [
            {"publisher": {"name": "Desk"}, "url": "https://desk.example/rail",
             "reviewDate": "yesterday"}]},
    ],
    "nextPageToken": "abc",
}


def test_factcheck_api_page_gives_one_record_per_review() -> None:
    records, problems = run(io.StringIO(json.dumps(API_PAGE)), "factcheck-api")
    north, south = records
    assert north.id == record_id("https://north.example/water")
    assert (north.claim, north.claimant, north.first_seen) == (
        "Tap water in Norden is radioactive", "Viral post", date(2023, 11, 2))
    assert (north.rating, north.publisher, north.debunked, north.title, north.language) == (
        "False", "Checkers North", date(2023, 11, 4), "Norden's water is safe", "en")
    assert (south.rating, south.publisher, south.language) == ("Unproven", "south.example", "de")
    assert north.origin == south.origin == "factcheck-api"
    assert [p.position for p in problems] == ["claim 2", "claim 3"]
    assert "reviewDate" in problems[1].reason


def test_factcheck_api_list_of_pages_and_jsonl(tmp_path: Path) -> None:
    small = {"claims": [API_PAGE["claims"][0]]}
    records, problems = run(io.StringIO(json.dumps([small, {}, {"@type": "x"}])),
                            "factcheck-api")
    assert len(records) == 2
    assert [p.position for p in problems] == ["page 3"]

    lines = f"{json.dumps(small)}\n{{not json\n{json.dumps(small)}\n"
    streamed, problems = run(write(tmp_path, "pages.jsonl", lines), "factcheck-api")
    unnamed, same_problems = run(io.StringIO(lines), "factcheck-api")
    assert len(streamed) == len(unnamed) == 4
    assert [p.position for p in problems] == [p.position for p in same_problems] == ["line 2"]
    assert [r.id for r in streamed] == [r.id for r in unnamed]


# -- CSV and TSV ---------------------------------------------------------------------------

CASES_CSV = """date,id,title,countries,keywords
2021-02-18,https://cases.example/report/one/,"Claim one, with a comma",Aland+Borduria,war+energy
31.12.2020,https://cases.example/report/two/,Claim two,Borduria,
2020-13-40,https://cases.example/report/three/,Claim three with a bad date,Aland,grain

05.01.2015,https://cases.example/report/four/,"Claim four
over two lines",Aland,"[""as"", ""json""]"
"""


def test_csv_with_field_map(tmp_path: Path) -> None:
    path = write(tmp_path, "cases.csv", CASES_CSV)
    records, problems = run(path, "csv", list_separator="+",
                            field_map="claim=title,id=id,urls=id,date=date,tags=keywords")
    assert [r.claim for r in records] == ["Claim one, with a comma", "Claim two",
                                          "Claim four over two lines"]
    one, two, four = records
    assert one.id == "https://cases.example/report/one/"
    assert one.urls == ("https://cases.example/report/one/",)
    assert one.tags == ("war", "energy")
    assert one.debunked == date(2021, 2, 18)
    assert two.debunked == date(2020, 12, 31) and two.tags == ()
    assert four.tags == ("as", "json")
    assert one.origin == "csv:cases.csv"
    [problem] = problems
    assert problem.position == "row 3, line 4"
    assert "date" in problem.reason


def test_csv_ids_without_an_id_column_are_stable(tmp_path: Path) -> None:
    path = write(tmp_path, "cases.csv", CASES_CSV)
    mapping = {"claim": "title", "urls": "id"}
    first, _ = run(path, "csv", field_map=mapping)
    again, _ = run(path, "csv", field_map=mapping, origin="euvsdisinfo")
    assert [r.id for r in first] == [r.id for r in again]
    assert first[0].id == record_id("https://cases.example/report/one/")
    assert {r.origin for r in again} == {"euvsdisinfo"}


def test_csv_without_map_uses_columns_named_like_fields() -> None:
    text = ("Claim,Rating,urls,publisher\n"
            "Sea level fell,false,https://a.example/1;https://a.example/2,Desk\n"
            ",false,,Desk\n"
            "Extra cells,false,,Desk,surprise\n")
    records, problems = run(io.StringIO(text), "csv")
    [record] = records
    assert (record.claim, record.rating, record.publisher) == ("Sea level fell", "false", "Desk")
    assert record.urls == ("https://a.example/1", "https://a.example/2")
    assert record.id == record_id("https://a.example/1")
    assert record.origin == "csv"
    assert [p.position for p in problems] == ["row 2, line 3", "row 3, line 4"]
    assert "claim" in problems[0].reason and "5 cells" in problems[1].reason


def test_tsv_by_suffix_with_unnamed_first_column(tmp_path: Path) -> None:
    text = ('\tvclaim\ttitle\n'
            '0\tA ferry sank off the cape.\tDid a ferry sink?\n'
            '1\t"A quoted claim\nover two lines."\tTwo lines\n'
            '2\tOnly a claim\t\n')
    path = write(tmp_path, "claims.tsv", text)
    records, problems = run(path, "csv", field_map="id=#1,claim=vclaim,title=title")
    assert problems == []
    assert [(r.id, r.claim, r.title) for r in records] == [
        ("0", "A ferry sank off the cape.", "Did a ferry sink?"),
        ("1", "A quoted claim over two lines.", "Two lines"),
        ("2", "Only a claim", None)]
    # A map naming one column the header lacks means its one blank column, as pandas
    # writes an index; two such names are an error that lists the columns.
    by_name, _ = run(path, "csv", field_map="id=vclaim_id,claim=vclaim,title=title")
    assert [r.id for r in by_name] == [r.id for r in records]
    with pytest.raises(ConfigError, match="#1 \\(unnamed\\)"):
        list(import_records(path, "csv", field_map="id=vclaim_id,claim=text"))


# -- JSONL ---------------------------------------------------------------------------------

def test_jsonl_own_format_reports_bad_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    good = {"id": "n1", "claim": "Wind farms cause drought", "date": "2022-06-01",
            "tags": ["energy"], "origin": "starter"}
    lines = [json.dumps(good), "{broken", "", json.dumps({"claim": "no id"}), "[1, 2]",
             json.dumps({"id": "n2", "claim": "Second", "urls": ["ftp://x"]}),
             json.dumps({"id": "n3", "claim": "Third"})]
    path = write(tmp_path, "catalogue.jsonl", "\n".join(lines) + "\n")
    records, problems = run(path, "jsonl")
    assert [r.id for r in records] == ["n1", "n3"]
    assert records[0].debunked == date(2022, 6, 1)
    assert records[0].origin == "starter"  # kept as written
    assert records[1].origin == "jsonl:catalogue.jsonl"
    assert [p.position for p in problems] == ["line 2", "line 4", "line 5", "line 6"]


def test_jsonl_line_over_the_cap_is_one_problem() -> None:
    huge = json.dumps({"id": "big", "claim": "x" * (importers.MAX_LINE_BYTES + 10)})
    data = "\n".join([huge, json.dumps({"id": "after", "claim": "Still read"})]) + "\n"
    records, problems = run(io.BytesIO(data.encode()), "jsonl")
    assert [r.id for r in records] == ["after"]
    assert [p.position for p in problems] == ["line 1"]
    assert "limit" in problems[0].reason


def test_jsonl_with_field_map_and_dotted_keys() -> None:
    rows = [{"key": 7, "statement": "Bees vanished", "source": {"name": "Desk"},
             "labels": "bees|farming", "seen": "01.02.2020"}]
    text = "\n".join(json.dumps(row) for row in rows)
    [record], problems = run(io.StringIO(text), "jsonl", list_separator="|", field_map=(
        "id=key,claim=statement,publisher=source.name,tags=labels,first_seen=seen"))
    assert problems == []
    assert (record.id, record.claim, record.publisher, record.tags, record.first_seen) == (
        "7", "Bees vanished", "Desk", ("bees", "farming"), date(2020, 2, 1))


# -- arguments -----------------------------------------------------------------------------

def test_parse_field_map() -> None:
    assert parse_field_map("claim=title, id=id ,date=date,tags=keywords,") == {
        "claim": "title", "id": "id", "date": "date", "tags": "keywords"}
    with pytest.raises(ConfigError, match=r"unknown field.*'headline'.*fields are: id, claim"):
        parse_field_map("claim=title,headline=title")
    with pytest.raises(ConfigError, match="not field=column"):
        parse_field_map("claim")
    with pytest.raises(ConfigError, match="claim=<column>"):
        parse_field_map("title=title")
    with pytest.raises(ConfigError, match="mapped twice"):
        parse_field_map("claim=a,claim=b")


def test_bad_arguments_raise_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="formats are: claimreview, factcheck-api, csv, jsonl"):
        import_records(io.StringIO(""), "xml")
    with pytest.raises(ConfigError, match="applies to csv and jsonl"):
        import_records(io.StringIO(""), "claimreview", field_map="claim=x")
    with pytest.raises(ConfigError, match="no such file"):
        import_records(tmp_path / "missing.csv", "csv")
    with pytest.raises(ConfigError, match="delimiter"):
        import_records(io.StringIO(""), "csv", delimiter=";;")
    with pytest.raises(ConfigError, match=r"no column 'headline'.*'title'"):
        list(import_records(io.StringIO("title\nx\n"), "csv", field_map="claim=headline"))


# -- the shared data sets, when present ----------------------------------------------------

def test_clef2020_verified_claims_tsv() -> None:
    path = (SHARED_DATA / "clef2020-checkthat-t2-claim-retrieval" / "extracted" / "v3.0"
            / "verified_claims.docs.tsv")
    if not path.is_file():
        pytest.skip("../shared/data/clef2020-checkthat-t2-claim-retrieval is not present")
    # The id column's header cell is blank; the map's name for it fills the gap.
    records, problems = run(path, "csv", field_map="id=vclaim_id,claim=vclaim,title=title")
    assert problems == []
    assert len(records) == 10_375
    assert len({r.id for r in records}) == 10_375
    assert all(r.origin == "csv:verified_claims.docs.tsv" for r in records)


def test_euvsdisinfo_posts_csv() -> None:
    path = SHARED_DATA / "euvsdisinfo" / "cknabs" / "data" / "posts.csv"
    if not path.is_file():
        pytest.skip("../shared/data/euvsdisinfo is not present")
    # The report URL is the case's identity; some are over the 200-character id limit,
    # so it goes to urls and the id is derived from it.
    records, problems = run(path, "csv", list_separator="+",
                            field_map="urls=id,claim=title,date=date,tags=keywords")
    assert problems == []
    assert len(records) == 10_892
    assert len({r.id for r in records}) == 10_892
    assert all(r.debunked and r.urls and r.urls[0].startswith("https://euvsdisinfo.eu/")
               for r in records)


# -- lone surrogates and NUL: one record refused, the rest go on ---------------------------

# A lone surrogate is valid JSON but no character; written by hand because json.dumps
# would refuse nothing and escape it the same way, which hides what the file holds.
LONE = "\\ud800"


def assert_one_surrogate_problem(problems: list[ImportProblem], position: str) -> None:
    assert [p.position for p in problems] == [position]
    assert "surrogate" in problems[0].reason and "claim" in problems[0].reason


def test_jsonl_record_with_a_lone_surrogate_is_one_problem(tmp_path: Path) -> None:
    lines = ['{"id": "a", "claim": "Wind farms cause drought"}',
             '{"id": "b", "claim": "Bad ' + LONE + ' claim"}',
             '{"id": "c", "claim": "Bees vanished overnight"}']
    records, problems = run(write(tmp_path, "s.jsonl", "\n".join(lines) + "\n"), "jsonl")
    assert [r.id for r in records] == ["a", "c"]
    assert_one_surrogate_problem(problems, "line 2")
    # Through a field map the id is derived from the claim before the record is checked.
    mapped, problems = run(write(tmp_path, "m.jsonl", "\n".join(lines) + "\n"), "jsonl",
                           field_map="claim=claim,publisher=id")
    assert [r.claim for r in mapped] == ["Wind farms cause drought", "Bees vanished overnight"]
    assert_one_surrogate_problem(problems, "line 2")


def test_json_array_of_claimreviews_with_a_lone_surrogate(tmp_path: Path) -> None:
    bad = json.dumps({**REVIEW, "url": "https://checkers.example/bad",
                      "claimReviewed": "PLACEHOLDER"}).replace("PLACEHOLDER", LONE)
    text = "[" + ", ".join([json.dumps(REVIEW), bad, json.dumps({
        **REVIEW, "url": "https://checkers.example/other", "claimReviewed": "Other"})]) + "]"
    records, problems = run(write(tmp_path, "reviews.json", text), "claimreview")
    assert [r.claim for r in records] == [REVIEW["claimReviewed"], "Other"]
    assert_one_surrogate_problem(problems, "object 2")
    page = f'<script type="application/ld+json">{bad}</script>' \
           f'<script type="application/ld+json">{json.dumps(REVIEW)}</script>'
    records, problems = run(write(tmp_path, "page.html", page), "claimreview")
    assert [r.claim for r in records] == [REVIEW["claimReviewed"]]
    assert_one_surrogate_problem(problems, "script 1, object 1")


def test_factcheck_api_page_with_a_lone_surrogate(tmp_path: Path) -> None:
    review = '{"publisher": {"name": "Desk"}, "url": "https://desk.example/%s", ' \
             '"textualRating": "False"}'
    page = ('{"claims": [{"text": "Bad ' + LONE + ' claim", "claimReview": ['
            + review % "1" + ']}, {"text": "Good claim", "claimReview": ['
            + review % "2" + ']}]}')
    records, problems = run(write(tmp_path, "page.json", page), "factcheck-api")
    assert [r.claim for r in records] == ["Good claim"]
    assert_one_surrogate_problem(problems, "claim 1")


def test_csv_with_a_lone_surrogate_in_a_cell_or_a_json_list(tmp_path: Path) -> None:
    # UTF-8 bytes cannot hold a surrogate, but a JSON list in a cell and a text stream can.
    text = ('id,claim,tags\n'
            'a,Wind farms cause drought,energy\n'
            'b,Bad claim,"[""ok"", ""' + LONE + '""]"\n'
            'c,Bees vanished overnight,farming\n')
    records, problems = run(write(tmp_path, "c.csv", text), "csv")
    assert [r.id for r in records] == ["a", "c"]
    assert [p.position for p in problems] == ["row 2, line 3"]
    assert "surrogate" in problems[0].reason and "tags[1]" in problems[0].reason
    stream = io.StringIO("id,claim\na,Wind farms cause drought\nb,Bad \ud800 claim\n")
    records, problems = run(stream, "csv")
    assert [r.id for r in records] == ["a"]
    assert_one_surrogate_problem(problems, "row 2, line 3")


def test_a_nul_character_is_one_problem() -> None:
    lines = ['{"id": "a", "claim": "Bad \\u0000 claim"}', '{"id": "b", "claim": "Good"}']
    records, problems = run(io.StringIO("\n".join(lines)), "jsonl")
    assert [r.id for r in records] == ["b"]
    assert [p.position for p in problems] == ["line 1"] and "NUL" in problems[0].reason
