"""The network pages: the list of networks and one network drawn as inline SVG laid out on
the server, with its evidence table and links to its outlets, every name escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from launderlens.ingest.readers.html import article_from_html
from launderlens.ingest.segment import segment
from launderlens.store import open_store

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
SITES = [(HOSTILE, "hostile-kmia.test"), ("Tampa News, KTPA", "tampa-ktpa.test"),
         ("Orlando News, KORL", "orlando-korl.test")]
AD = ("<script>(adsbygoogle=[]).push({google_ad_client: 'ca-pub-4440001112223334'});"
      "</script>")


def page(site: str, domain: str, n: int) -> str:
    site = site.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return (f"<html><head><title>Ferry {n}</title>"
            f'<meta property="og:site_name" content="{site}">'
            f"<meta property='og:url' content='https://{domain}/news/{n}'>{AD}</head>"
            f"<body><article><p>Officials in Place{n} said on Tuesday that the river ferry "
            "would stop running for three weeks of repairs starting next month.</p>"
            "</article></body></html>")


def add_network(db: Path) -> None:
    with open_store(str(db)) as store:
        for n, (site, domain) in enumerate(SITES):
            article = article_from_html(page(site, domain, n), url=None, name=f"p{n}")
            store.add_articles([(article, segment(article))])


def test_network_pages_list_and_draw_the_network(db_copy: Path,
                                                 make_client: Callable[..., Any]) -> None:
    add_network(db_copy)
    client = make_client()
    listing = client.get("/networks")
    assert listing.status_code == 200
    [network_id] = re.findall(r'href="/networks/([0-9a-f]{12})"', listing.text)
    assert "tampa-ktpa.test" in listing.text  # outlets link to their pages
    shown = client.get(f"/networks/{network_id}")
    assert shown.status_code == 200
    text = shown.text
    svg = text[text.index("<svg"):text.index("</svg>")]
    assert svg.count("<circle") == 3 and svg.count("<line") == 3
    assert svg.count('stroke="#c5221f"') == 3  # every edge conclusive (one AdSense account)
    assert "<script" not in text.split("</head>", 1)[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<img src=x" not in text
    assert "pub-4440001112223334" in text and "conclusive" in text
    for _, domain in SITES:
        assert f'href="/outlets/{domain}"' in text
    # positions are computed on the server, inside the picture, and repeat
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert all(0 <= x <= 720 for x in xs) and len(set(xs)) == 3
    assert client.get(f"/networks/{network_id}").text == text


def test_no_network_and_an_unknown_one(make_client: Callable[..., Any]) -> None:
    client = make_client()
    listing = client.get("/networks")
    assert listing.status_code == 200 and "No network found" in listing.text
    assert client.get("/networks/000000000000").status_code == 404


def test_the_outlet_links_of_a_network_open_the_outlet_page(
        db_copy: Path, make_client: Callable[..., Any]) -> None:
    add_network(db_copy)
    client = make_client()
    listing = client.get("/networks")
    refs = re.findall(r'href="(/outlets/[^"]+)"', listing.text)
    assert len(refs) == 3
    assert all(client.get(ref).status_code == 200 for ref in refs)


def test_a_large_network_is_laid_out_inside_the_picture_without_labels() -> None:
    from launderlens.network.evidence import Link
    from launderlens.network.graph import OutletRef, build_graph
    from launderlens.web.network_view import MAX_LABELS, picture

    keys = [f"s{i:03d}.test" for i in range(MAX_LABELS + 10)]
    links = [Link(keys[0], k, "adsense", "conclusive", "pub-1", "pub-1") for k in keys[1:]]
    graph = build_graph(links, {k: OutletRef(k, k, (k,)) for k in keys})
    [network] = graph.networks
    drawn = picture(graph, network)
    assert len(drawn.nodes) == len(keys) and len(drawn.lines) == len(keys) - 1
    assert all(n.label == "" for n in drawn.nodes)
    assert all(0 <= n.x <= drawn.width and 0 <= n.y <= drawn.height for n in drawn.nodes)


def test_an_outlet_page_links_to_its_network_and_the_nav_to_the_list(
        db_copy: Path, make_client: Callable[..., Any]) -> None:
    client = make_client()
    alone = client.get("/outlets/tampa-ktpa.test")
    assert 'href="/networks"' in client.get("/").text
    add_network(db_copy)
    client = make_client()
    [network_id] = re.findall(r'href="/networks/([0-9a-f]{12})"', client.get("/networks").text)
    page = client.get("/outlets/tampa-ktpa.test")
    assert page.status_code == 200 and alone.status_code == 404
    assert f'href="/networks/{network_id}"' in page.text
    assert "Acts with 2 other outlets as one network" in page.text


def test_the_graph_is_kept_per_app_and_built_again_when_the_store_changes(
        tmp_path: Path) -> None:
    from types import SimpleNamespace

    from launderlens.rewrites.compare import Comparer
    from launderlens.web.network_view import NetworkCache, network_graph

    db = tmp_path / "networks.db"
    with open_store(str(db)) as store:
        services: Any = SimpleNamespace(store=store, comparer=Comparer(semantic=False),
                                        networks=NetworkCache())
        empty = network_graph(services)
        assert empty.networks == [] and network_graph(services) is empty
        other: Any = SimpleNamespace(store=store, comparer=services.comparer,
                                     networks=NetworkCache())
        assert network_graph(other) is not empty  # each app its own cache
    add_network(db)  # another connection writes the store, as a CLI would
    with open_store(str(db)) as store:
        services.store = store
        grown = network_graph(services)
        assert grown is not empty and len(grown.networks) == 1
        assert network_graph(services) is grown
