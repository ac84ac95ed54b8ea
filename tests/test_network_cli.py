"""``network`` and ``outlet`` run as a user would: pages ingested, the JSON contract, the
graph files, the look-alike flags and the errors."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from launderlens.cli import main

BODY = ("<p>Officials in {place} said on Tuesday that the river ferry would stop running "
        "for three weeks of repairs starting next month.</p>"
        "<p>The ferry carries about 900 passengers a day between the two banks.</p>")


def page(site: str, domain: str, n: int, head: str) -> str:
    return (f"<html><head><title>Ferry {n} at {domain}</title>"
            f"<meta property='og:site_name' content='{site}'>"
            f"<meta property='og:url' content='https://{domain}/news/{n}'>{head}</head>"
            f"<body><article>{BODY.format(place=f'Place{n}')}</article></body></html>")


def run(*args: str) -> click.testing.Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), catch_exceptions=False)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    shared = ("<script>(adsbygoogle=[]).push({google_ad_client: 'ca-pub-4440001112223334'});"
              "</script>")
    sites = [("Miami News, KMIA", "miami-kmia.test", shared),
             ("Tampa News, KTPA", "tampa-ktpa.test", shared),
             ("Orlando News, KORL", "orlando-korl.test", shared),
             ("The Hill Post", "hillpost.test", "<meta name='generator' content='WordPress 6'>")]
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, (site, domain, head) in enumerate(sites):
        (folder / f"{i}.html").write_text(page(site, domain, i, head), encoding="utf-8")
    url = str(tmp_path / "t.db")
    result = run("ingest", str(folder), "--db", url, "--json")
    assert result.exit_code == 0, result.output
    return url


def test_network_json_lists_the_network_with_its_evidence(db: str, tmp_path: Path) -> None:
    gexf, graphml = tmp_path / "g.gexf", tmp_path / "g.graphml"
    result = run("network", "--db", db, "--json", "--gexf", str(gexf), "--graphml", str(graphml))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [found] = data["networks"]
    assert {o["name"] for o in found["outlets"]} == {"Miami News, KMIA", "Tampa News, KTPA",
                                                    "Orlando News, KORL"}
    assert {"domains", "key", "lookalike"} <= set(found["outlets"][0])
    assert all(o["lookalike"][0]["kind"] == "call_sign" for o in found["outlets"])
    evidence = found["evidence"][0]
    assert (evidence["kind"], evidence["tier"], len(evidence["outlets"])) == \
        ("adsense", "conclusive", 3)
    assert "pub-4440001112223334" in evidence["detail"]
    assert found["score"] == 0.9 and data["params"]["min_score"] == 0.6
    assert "hillpost.test" in gexf.read_text(encoding="utf-8")
    assert found["id"] in graphml.read_text(encoding="utf-8")


def test_min_score_above_the_evidence_finds_nothing(db: str) -> None:
    result = run("network", "--db", db, "--min-score", "0.95")
    assert result.exit_code == 0 and "No network among 4 outlets" in result.output


def test_the_table_names_outlets_and_evidence(db: str) -> None:
    result = run("network", "--db", db)
    assert result.exit_code == 0
    assert "Miami News, KMIA" in result.output and "[conclusive]" in result.output


def test_outlet_shows_indicators_flags_and_links(db: str) -> None:
    result = run("outlet", "miami-kmia.test", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["name"] == "Miami News, KMIA" and data["articles"] == 1
    assert {"kind": "adsense", "value": "pub-4440001112223334", "tier": "conclusive"}.items() \
        <= data["indicators"][0].items()
    assert [f["kind"] for f in data["lookalike"]] == ["call_sign"]
    assert data["network"] is not None
    assert {link["outlet"]["key"] for link in data["links"] if link["linked"]} == \
        {"tampa-ktpa.test", "orlando-korl.test"}
    text = run("outlet", "Miami News, KMIA", "--db", db)
    assert text.exit_code == 0 and "look-alike" in text.output


def test_an_unknown_outlet_is_an_error(db: str) -> None:
    result = run("outlet", "nobody.test", "--db", db)
    assert result.exit_code == 1 and "no stored outlet" in result.output


def test_a_registry_outlet_gets_its_affiliation_and_source(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "t.html").write_text(page("TASS", "tass.com", 1, ""), encoding="utf-8")
    url = str(tmp_path / "a.db")
    assert run("ingest", str(folder), "--db", url).exit_code == 0
    data = json.loads(run("outlet", "tass.com", "--db", url, "--json").output)
    assert data["affiliation"] == "state_media"
    assert data["affiliation_source"].startswith("https://")
    assert data["registry"]["id"] == "tass" and data["lookalike"] == []


def test_outlets_import_and_list(db: str, tmp_path: Path) -> None:
    listing = tmp_path / "known.csv"
    listing.write_text("domain,name,affiliation,source\n"
                       "tampa-ktpa.test,,Gulf network,https://example.org/gulf-report\n"
                       "bad row,,,\n", encoding="utf-8")
    result = run("outlets", "import", str(listing), "--format", "csv", "--db", db, "--json")
    assert result.exit_code == 1  # one row skipped, the rest imported
    assert json.loads(result.output) == {"imported": 1, "problems": [
        {"line": 3, "reason": "no valid domain ('bad row')"}]}
    rows = json.loads(run("outlets", "list", "--db", db, "--json").output)
    tampa = next(r for r in rows if r["key"] == "tampa-ktpa.test")
    assert (tampa["affiliation"], tampa["affiliation_source"], tampa["name"]) == \
        ("Gulf network", "https://example.org/gulf-report", "Tampa News, KTPA")
    assert "Gulf network" in run("outlets", "list", "--db", db).output


def test_network_writes_a_stix_bundle_with_the_tlp_asked_for(db: str, tmp_path: Path) -> None:
    pytest.importorskip("stix2")
    path = tmp_path / "net.stix.json"
    result = run("network", "--db", db, "--stix", str(path), "--tlp", "red", "--json")
    assert result.exit_code == 0, result.output
    bundle = json.loads(path.read_text(encoding="utf-8"))
    types = [o["type"] for o in bundle["objects"]]
    assert types.count("grouping") == 1 and "infrastructure" in types
    [marking] = [o for o in bundle["objects"] if o["type"] == "marking-definition"]
    assert marking["name"] == "TLP:RED"
    again = tmp_path / "again.json"
    assert run("network", "--db", db, "--stix", str(again)).exit_code == 0
    ids = {o["id"] for o in bundle["objects"] if o["type"] != "marking-definition"}
    assert ids == {o["id"] for o in json.loads(again.read_text(encoding="utf-8"))["objects"]
                   if o["type"] != "marking-definition"}


def test_an_imported_registrant_is_strong_evidence_that_does_not_join_alone(
        db: str, tmp_path: Path) -> None:
    listing = tmp_path / "whois.jsonl"
    rows = [{"domain": d, "source": "https://example.org/whois-lookup",
             "registrant": "ops@operator.example"} for d in ("hillpost.test", "other.test")]
    listing.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert run("outlets", "import", str(listing), "--format", "jsonl", "--db", db).exit_code == 0
    data = json.loads(run("outlet", "hillpost.test", "--db", db, "--json").output)
    assert {"kind": "registrant", "value": "ops@operator.example", "tier": "strong"}.items() \
        <= data["indicators"][-1].items()
    [link] = [x for x in data["links"] if x["outlet"]["key"] == "other.test"]
    assert (link["score"], link["linked"]) == (0.5, False)
