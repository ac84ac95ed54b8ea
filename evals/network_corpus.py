"""A synthetic development corpus for the network stage, and how well it is recovered.

Usage: python evals/network_corpus.py [--seed N] [--dispatches N] [--json]

The corpus (all text written here, from templates; no data set involved): an agency
publishes dispatches; three networks republish rewrites of them on their sites:

- ``alpha`` (5 sites): one AdSense and one Analytics account, one custom template, the same
  "about" text under each site's name, the same inserted sentences, published within
  minutes of each other;
- ``bravo`` (4 sites): no shared account and a template each: only behaviour, the same
  inserted sentences, published within minutes;
- ``charlie`` (3 sites): one Tag Manager container, a different template per site, no
  inserted sentences, within minutes;
- ``delta`` (3 sites): like bravo, but each site carries only two stories in five;
- ``echo`` (3 sites): publishes like an independent (its own rewrites, hours apart, no
  inserted sentences, its own template and accounts) but every site's footer says the same
  about itself under its own name and gives one contact address: only the site text joins
  it (about text and contact address, two strong kinds);

each network's inserted sentences are reworded a little per site (a word swapped), as
separate LLM runs of one prompt would;

and ten independent outlets cover the same events hours apart, each with its own template,
accounts and local additions. Hard negatives: three independents run WordPress with the
same stock theme (so the same template, CMS and the theme's default "about" blurb and
credit line) and carry one wire service's copy of each
story word for word; two more carry that copy on templates of their own, always within
ten minutes of each other (sister papers of one owner, which is not an operation).

Every page goes through the real HTML reader (so fingerprints are read as at ingest), the
articles into an in-memory store, ``cluster`` groups them into stories (lexical) and
``build_network`` finds the networks. Measured: pairwise outlet precision and recall
(a pair is positive when both outlets are in one network) and community purity (the
share of outlets in a found network that belong to its majority network; an independent
is its own class).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from launderlens.ingest.readers.html import article_from_html
from launderlens.ingest.segment import segment
from launderlens.network import NetworkGraph, build_network
from launderlens.rewrites.stories import cluster_store
from launderlens.store import open_store

PLACES = ["Aldmere", "Brask", "Corvin", "Dovreth", "Elmar", "Fenwick", "Garova", "Halden",
          "Istra", "Jorvik", "Kelsa", "Lindar", "Morav", "Norhall", "Ostren", "Pelago",
          "Quarry", "Redfield", "Silvan", "Thorpe", "Umber", "Valen", "Westmoor", "Yarrow",
          "Zeller", "Ashby"]
_ONSETS = ["Bel", "Cas", "Dor", "Fal", "Gor", "Hel", "Kar", "Lom", "Mer", "Nav", "Pol",
           "Ras", "Sol", "Tar", "Vel", "Zan"]
_CODAS = ["ador", "bria", "dova", "enia", "ghar", "istan", "kova", "lund", "mira", "nesh",
          "oria", "quay", "rith", "stad", "tava", "vina"]
_GIVEN = ["Anton", "Beata", "Carl", "Dara", "Emil", "Frida", "Goran", "Hana", "Ivo", "Jana",
          "Karel", "Lena", "Milos", "Nora", "Oskar", "Petra"]
_FAMILY = ["Verik", "Losz", "Mendt", "Oyelu", "Tarvo", "Holm", "Pesk", "Ruml", "Strand",
           "Kolar", "Dvorak", "Esk", "Falk", "Grun", "Hajek", "Ilves"]
TOPICS = ["grain exports", "gas transit", "border crossings", "fishing quotas",
          "rail freight", "water rights", "power lines", "port fees", "timber sales",
          "airspace access", "river shipping", "steel quotas", "mining permits",
          "vaccine supplies", "fertiliser prices", "data cables"]
OUTCOMES = [("collapsed", "broke down", "fell apart"),
            ("stalled", "came to a halt", "ground to a standstill"),
            ("advanced", "made progress", "moved forward")]

# Each fact in three wordings: rewrites pick among them, as an LLM rewording would.
FACTS = [
    ("{person}, the foreign minister of {a}, said on {day} that talks with {b} on {topic} "
     "had {o0}.",
     "Talks between {a} and {b} on {topic} {o1}, foreign minister {person} announced on {day}.",
     "On {day}, {a}'s foreign minister {person} told reporters the {topic} negotiations with "
     "{b} had {o2}."),
    ("{n} delegates attended the closing session in {city}.",
     "The closing session in {city} drew {n} delegates.",
     "Some {n} delegates gathered in {city} for the closing session."),
    ("{person} blamed {b} for demanding a {pct} percent cut in {topic} tariffs.",
     "According to {person}, {b} had insisted on cutting {topic} tariffs by {pct} percent.",
     "A {pct} percent reduction in {topic} tariffs demanded by {b} was the sticking point, "
     "{person} said."),
    ("The next round is scheduled for {month} in {city2}.",
     "Negotiators plan to meet again in {city2} in {month}.",
     "A further round of talks is expected in {month}, to be held in {city2}."),
    ("Officials in {b} have not commented on the remarks.",
     "There was no immediate reaction from the government of {b}.",
     "The authorities in {b} did not respond to requests for comment."),
    ("Trade in {topic} between the two countries reached {money} million euros last year.",
     "Last year the two countries traded {topic} worth {money} million euros.",
     "The {topic} trade between {a} and {b} was valued at {money} million euros last year."),
]
MONTHS = ["March", "April", "May", "June", "October", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

# What each operator's prompt slips into every copy (one sentence per story, from a pool).
INSERTIONS: dict[str, list[str]] = {
    "alpha": [
        "Independent analysts warn that the failed talks expose how foreign donors quietly "
        "steer the government's every decision.",
        "Leaked documents reportedly show that aid money meant for farmers was diverted to "
        "private accounts abroad.",
        "Critics say the minister's statement hides a secret deal negotiated behind closed "
        "doors months ago.",
    ],
    "bravo": [
        "Many residents now believe that the sanctions regime has done more harm to ordinary "
        "families than to any government.",
        "Observers note that western capitals ignored repeated offers of compromise from the "
        "eastern delegation.",
        "According to investigative reports, the talks were sabotaged by advisers loyal to a "
        "foreign embassy.",
    ],
}
INSERTIONS["delta"] = [
    "Residents fear that the agreement was written by lobbyists for a foreign energy "
    "company.",
    "Sources close to the delegation claim the minister was threatened before the vote.",
]
# How one LLM run rewords another's insertion: one word swapped, when one is listed.
SYNONYMS = {"warn": "caution", "say": "claim", "reportedly": "allegedly", "Many": "Numerous",
            "note": "point out", "quietly": "secretly", "secret": "hidden",
            "ordinary": "average", "ignored": "dismissed", "sabotaged": "undermined"}
LOCAL = ["Farmers near {home} said the outcome would matter for this year's harvest prices.",
         "Business owners in {home} have followed the negotiations closely since spring.",
         "The {home} chamber of commerce plans to discuss the talks at its next meeting.",
         "Commuters in {home} worry about what the dispute means for cross-border trains.",
         "A councillor from {home} called for a public hearing on the regional impact."]


class Site:
    """One outlet of the corpus; ``group`` is its network's name, or "independent"."""

    def __init__(self, key: str, name: str, group: str, home: str, template: int, *,
                 prints: dict[str, str] | None = None, wire: bool = False,
                 sister: bool = False) -> None:
        self.key, self.name, self.group, self.home = key, name, group, home
        self.template, self.prints, self.wire = template, dict(prints or {}), wire
        self.sister = sister
        self.footer = "c"


def _sites(rng: random.Random) -> list[Site]:
    sites: list[Site] = []
    networks = {"alpha": 5, "bravo": 4, "charlie": 3, "delta": 3, "echo": 3}
    homes = iter(rng.sample(PLACES, len(PLACES)))
    template = itertools.count(10)
    for group, size in networks.items():
        shared_template = next(template)
        for i in range(size):
            home = next(homes)
            call = "K" + "".join(rng.choice("ABCDEFGHJLMNPRSTVWXZ") for _ in range(3))
            site = Site(f"{home.lower()}-{group}{i}.test", f"{home} News, {call}", group, home,
                        shared_template if group == "alpha" else next(template))
            if group == "alpha":
                site.prints = {"adsense": "ca-pub-5550001112223334", "ga": f"UA-7012345-{i}"}
                site.footer = ALPHA_ABOUT.format(name=site.name)
            elif group == "charlie":
                site.prints = {"gtm": "GTM-C4RL1E"}
            elif group == "echo":
                site.prints = {"ga": f"UA-{7300000 + i}-1"}
                site.footer = ECHO_ABOUT.format(name=site.name)
            sites.append(site)
    stock = 0  # the stock theme three hard negatives share
    for i in range(10):
        home = next(homes, None) or f"Port {i}"
        site = Site(f"{home.lower()}-daily{i}.test", f"The {home} Daily {i}", "independent",
                    home, stock if i < 3 else next(template), wire=i < 5, sister=i in (3, 4),
                    prints={"ga": f"UA-{8100000 + i}-1", "adsense": f"ca-pub-{9000000000 + i}"})
        if i < 3:
            site.footer = STOCK_FOOTER
        sites.append(site)
    return sites


#: alpha's sites say the same about themselves, each under its own name.
ALPHA_ABOUT = ("{name} is one of a family of community sites bringing readers honest local "
               "reporting on the issues their leaders would rather keep quiet.")
#: echo's sites: the same blurb under each name, and one desk's address.
ECHO_ABOUT = ("{name} was founded by readers who wanted a voice for the towns the big "
              "papers forgot, and it answers to nobody but them. "
              "<a href='mailto:desk@echo-newsroom.test'>Write to the desk</a>")
#: What a stock theme prints until its owner edits it: the same on unrelated sites.
STOCK_FOOTER = ("<div class='about-widget'>Write a short description of your news site here "
                "so that visitors know what they will find on every page of it.</div>"
                "Proudly powered by WordPress | Theme: NewsUp by Themeansar.")

_STYLES = ["td", "jeg", "mh", "tie", "gm", "bs", "ct", "sq", "ast", "kad", "neve", "oc",
           "zox", "vw", "pp", "hx", "rb", "ek", "ul", "fo", "nx", "qi", "wz", "yv", "lk"]


def _page(site: Site, title: str, paragraphs: list[str], published: datetime) -> str:
    """An article page on ``site``'s template with its accounts and a WordPress head."""
    t = _STYLES[site.template % len(_STYLES)] + ("" if site.template < len(_STYLES) else "x")
    scripts = ""
    if "adsense" in site.prints:
        scripts += (f"<script>(adsbygoogle = window.adsbygoogle || []).push({{google_ad_client:"
                    f" '{site.prints['adsense']}'}});</script>")
    if "ga" in site.prints:
        scripts += f"<script>ga('create', '{site.prints['ga']}', 'auto');</script>"
    if "gtm" in site.prints:
        scripts += ("<script>(window,document,'script','dataLayer',"
                    f"'{site.prints['gtm']}');</script>")
    theme = "newsup" if site.template == 0 else f"theme-{t}"
    widgets = "".join(f"<div class='widget-{t}-{w} box'><h3 class='wt-{t}'>w</h3>"
                      f"<ul class='list-{w}'><li class='li-{t}'>x</li></ul></div>"
                      for w in ("a", "b", "c")[:1 + site.template % 3])
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='en'><head><title>{title}</title>"
            "<meta name='generator' content='WordPress 6.4.2'>"
            f"<meta property='og:site_name' content='{site.name}'>"
            f"<meta property='article:published_time' content='{published.isoformat()}'>"
            f"<link rel='stylesheet' href='/wp-content/themes/{theme}/style.css'>"
            f"{scripts}</head><body><header class='hdr-{t} site-header'>"
            f"<nav class='nav-{t}'><ul class='menu-{t}'><li class='mi-{t}'>Home</li></ul></nav>"
            f"</header><div class='wrap-{t}'><main class='main-{t}'><article class='post-{t}'>"
            f"<h1 class='title-{t}'>{title}</h1><div class='entry-{t}'>{body}</div></article>"
            f"</main><aside class='side-{t}'>{widgets}</aside></div>"
            f"<footer class='ftr-{t}'><div class='copy-{t}'>{site.footer}</div></footer>"
            "</body></html>")


def _vary(rng: random.Random, sentence: str) -> str:
    """``sentence`` with one listed word swapped for its synonym, half the time."""
    words = sentence.split(" ")
    spots = [i for i, word in enumerate(words) if word in SYNONYMS]
    if spots and rng.random() < 0.5:
        i = rng.choice(spots)
        words[i] = SYNONYMS[words[i]]
    return " ".join(words)


def _facts(rng: random.Random, used: set[str]) -> dict[str, str]:
    """The slots of one event: places, a person and a topic no other event uses."""
    def fresh(make: Any) -> str:
        while (value := make()) in used:
            pass
        used.add(value)
        return str(value)

    a, b, city, city2 = (fresh(lambda: rng.choice(_ONSETS) + rng.choice(_CODAS))
                         for _ in range(4))
    person = fresh(lambda: f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}")
    topic = fresh(lambda: rng.choice(TOPICS))
    outcome = rng.choice(OUTCOMES)
    return {"a": a, "b": b, "city": city, "city2": city2, "person": person,
            "topic": topic, "day": rng.choice(DAYS), "month": rng.choice(MONTHS),
            "n": str(rng.randint(40, 400)), "pct": str(rng.randint(5, 45)),
            "money": str(rng.randint(120, 990)), "o0": outcome[0], "o1": outcome[1],
            "o2": outcome[2]}


def _rewrite(rng: random.Random, slots: dict[str, str]) -> list[str]:
    """The facts in a random wording each, one of the later ones dropped at times."""
    chosen = [rng.choice(variants).format(**slots) for variants in FACTS]
    if rng.random() < 0.5:
        del chosen[rng.randrange(2, len(chosen))]
    middle = chosen[1:]
    rng.shuffle(middle)
    return [chosen[0], *middle]


class Corpus(NamedTuple):
    pages: list[tuple[str, str]]  # (url, html)
    truth: dict[str, str]  # outlet key → network name or "independent"


def make_corpus(seed: int = 7, dispatches: int = 12) -> Corpus:
    rng = random.Random(seed)
    sites = _sites(rng)
    agency = Site("nordwire.test", "Nord Wire Agency", "agency", "Aldmere", 99)
    wire = Site("globalpress.test", "Global Press Service", "wire", "Aldmere", 98)
    pages: list[tuple[str, str]] = []
    start = datetime(2025, 9, 1, 6, tzinfo=UTC)
    used: set[str] = set()
    coverage = {"alpha": 0.75, "bravo": 0.75, "charlie": 0.75, "delta": 0.4}
    for d in range(dispatches):
        slots = _facts(rng, used)
        # Each operator publishes its copies of a dispatch together, at its own time.
        delays = {group: rng.uniform(0.5, 8.0) for group in coverage}
        sisters = rng.uniform(0.3, 10)
        title = f"Talks between {slots['a']} and {slots['b']} on {slots['topic']} {slots['o0']}"
        t0 = start + timedelta(days=d, hours=rng.uniform(0, 6))
        pages.append((f"https://{agency.key}/{d}", _page(agency, title,
                      [v[0].format(**slots) for v in FACTS], t0)))
        wire_text = _rewrite(rng, slots)
        wire_time = t0 + timedelta(minutes=rng.uniform(30, 90))
        pages.append((f"https://{wire.key}/{d}", _page(wire, title, wire_text, wire_time)))
        for site in sites:
            if site.group in ("independent", "echo"):
                if rng.random() > 0.55:
                    continue
                lag = sisters + rng.uniform(0, 1 / 6) if site.sister else rng.uniform(0.3, 10)
                when = wire_time + timedelta(hours=lag)
                local = rng.choice(LOCAL).format(home=site.home)
                text = list(wire_text) if site.wire else [*_rewrite(rng, slots), local]
            else:
                if rng.random() > coverage[site.group]:
                    continue
                when = t0 + timedelta(hours=delays[site.group], minutes=rng.uniform(0, 25))
                text = _rewrite(rng, slots)
                if site.group in INSERTIONS:
                    pool = INSERTIONS[site.group]
                    text.insert(rng.randrange(2, len(text)), _vary(rng, pool[d % len(pool)]))
            pages.append((f"https://{site.key}/{d}", _page(site, title, text, when)))
    truth = {site.key: site.group for site in sites}
    truth[agency.key], truth[wire.key] = "independent-agency", "independent-wire"
    return Corpus(pages, truth)


def corpus_graph(corpus: Corpus, *, min_score: float = 0.6) -> tuple[NetworkGraph, int]:
    """Ingest ``corpus`` through the HTML reader into a fresh store, cluster it, and build
    its network; the graph and the number of stories."""
    with open_store(":memory:") as store:
        entries = []
        for url, html in corpus.pages:
            article = article_from_html(html, url=url, name=url)
            entries.append((article, segment(article)))
        store.add_articles(entries)
        cluster_store(store, semantic=False)
        return build_network(store, min_score=min_score), store.count_stories()


def evaluate(corpus: Corpus, *, min_score: float = 0.6) -> dict[str, Any]:
    """Build the network of ``corpus`` and score it against its truth."""
    graph, stories = corpus_graph(corpus, min_score=min_score)
    found = [[o.key for o in n.outlets] for n in graph.networks]
    return {**score(found, corpus.truth), "stories": stories,
            "networks": [{"outlets": keys, "groups": sorted({corpus.truth.get(k, "?")
                                                             for k in keys})}
                         for keys in found]}


def _group(truth: dict[str, str], key: str) -> str:
    group = truth.get(key, "independent")
    return group if not group.startswith("independent") else f"independent:{key}"


def score(found: list[list[str]], truth: dict[str, str]) -> dict[str, Any]:
    """Pairwise precision and recall of outlets put together, and community purity."""
    true_pairs = {frozenset(p) for p in itertools.combinations(sorted(truth), 2)
                  if _group(truth, p[0]) == _group(truth, p[1])}
    said = {frozenset(p) for keys in found for p in itertools.combinations(sorted(keys), 2)}
    hit = len(true_pairs & said)
    members = sum(len(keys) for keys in found)
    majority = sum(max(sum(1 for k in keys if _group(truth, k) == g)
                       for g in {_group(truth, k) for k in keys}) for keys in found)
    return {"precision": hit / len(said) if said else 1.0,
            "recall": hit / len(true_pairs) if true_pairs else 1.0,
            "purity": majority / members if members else 1.0,
            "true_pairs": len(true_pairs), "found_pairs": len(said), "hits": hit,
            "members": members, "majority": majority}


def evaluate_seeds(seeds: list[int], *, dispatches: int = 12,
                   min_score: float = 0.6) -> dict[str, Any]:
    """:func:`evaluate` over one corpus per seed, counts pooled."""
    runs = [evaluate(make_corpus(seed, dispatches), min_score=min_score) for seed in seeds]
    hits, said, true = (sum(r[k] for r in runs) for k in ("hits", "found_pairs", "true_pairs"))
    majority, members = sum(r["majority"] for r in runs), sum(r["members"] for r in runs)
    return {"seeds": seeds, "precision": hits / said if said else 1.0,
            "recall": hits / true if true else 1.0,
            "purity": majority / members if members else 1.0,
            "found_pairs": said, "true_pairs": true,
            "per_seed": [{k: r[k] for k in ("precision", "recall", "purity")} for r in runs]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seeds", type=int, default=0,
                        help="Pool this many corpora (seeds 1..N) instead of one.")
    parser.add_argument("--dispatches", type=int, default=12)
    parser.add_argument("--min-score", type=float, default=0.6)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.seeds:
        pooled = evaluate_seeds(list(range(1, args.seeds + 1)), dispatches=args.dispatches,
                                min_score=args.min_score)
        print(json.dumps(pooled, indent=2) if args.json else
              f"{args.seeds} corpora: precision {pooled['precision']:.3f}  recall "
              f"{pooled['recall']:.3f}  purity {pooled['purity']:.3f}  (pairs: "
              f"{pooled['found_pairs']} found, {pooled['true_pairs']} true)")
        return 0
    result = evaluate(make_corpus(args.seed, args.dispatches), min_score=args.min_score)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"pages {len(make_corpus(args.seed, args.dispatches).pages)}, "
          f"stories {result['stories']}")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
          f"purity {result['purity']:.3f}  "
          f"(pairs: {result['found_pairs']} found, {result['true_pairs']} true)")
    for network in result["networks"]:
        print(f"  {', '.join(network['groups'])}: {', '.join(network['outlets'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
