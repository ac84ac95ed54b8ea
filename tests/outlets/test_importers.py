"""Lists of known outlets: CSV and JSON Lines rows in, checked records or reasons out."""

from __future__ import annotations

import json

import pytest

from launderlens.outlets.importers import MAX_FIELD, KnownOutlet, read_known_outlets

SOURCE = "https://example.org/report-on-the-network"


def test_csv_rows_become_records_and_bad_rows_problems() -> None:
    text = ("Domain,Name,Affiliation,Source\n"
            f"https://www.Pravda-XX.example/news,Pravda XX,Portal Kombat network,{SOURCE}\n"
            f"not a domain,,,{SOURCE}\n"
            "news-yy.example,,,\n")
    records, problems = read_known_outlets(text, "csv")
    assert records == [KnownOutlet("pravda-xx.example", "Pravda XX", "Portal Kombat network",
                                   SOURCE)]
    assert [line for line, _ in problems] == [3, 4]
    assert "domain" in problems[0][1] and "source" in problems[1][1]


def test_jsonl_rows_and_their_problems() -> None:
    lines = [json.dumps({"domain": "a.example", "source": SOURCE}), "", "{broken",
             json.dumps(["a list"]), json.dumps({"domain": "b.example", "source": "ftp://x"}),
             json.dumps({"domain": "c.example", "source": SOURCE, "name": 5}),
             json.dumps({"domain": "d.example", "source": SOURCE, "name": "x" * (MAX_FIELD + 1)})]
    records, problems = read_known_outlets("\n".join(lines), "jsonl")
    assert [r.domain for r in records] == ["a.example"]
    assert [line for line, _ in problems] == [3, 4, 5, 6, 7]


def test_an_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="csv, jsonl"):
        read_known_outlets("", "xml")


def test_dns_whois_and_certificate_columns_become_indicators() -> None:
    text = ("domain,source,ip,nameserver,registrant\n"
            f"a.example,{SOURCE},203.0.113.7; 203.0.113.8,NS1.Host.example,ops@operator.example\n"
            f"b.example,{SOURCE},,,REDACTED FOR PRIVACY\n")
    records, problems = read_known_outlets(text, "csv")
    assert problems == []
    assert records[0].indicators == (("ip", "203.0.113.7"), ("ip", "203.0.113.8"),
                                     ("nameserver", "ns1.host.example"),
                                     ("registrant", "ops@operator.example"))
    assert records[1].indicators == ()  # a privacy placeholder says nothing
    line = json.dumps({"domain": "c.example", "source": SOURCE, "certificate": ["AB:CD"],
                       "ip": 5})
    records, problems = read_known_outlets(line, "jsonl")
    assert records == [] and "ip must be text" in problems[0][1]
