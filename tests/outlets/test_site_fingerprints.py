"""Site-wide fingerprints: an icon whose bytes the page carries, contact addresses and the
about text of a site's footer, ads.txt accounts (the site files a WARC captured are read
in tests/test_captures.py)."""

from __future__ import annotations

import base64

from launderlens.network.evidence import MAX_STOCK_SHARED, infrastructure_links
from launderlens.outlets.fingerprints import (
    KINDS,
    ads_txt_accounts,
    favicon_hash,
    fingerprint_html,
)

ICON = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(60))).decode()
ABOUT = ("{name} brings you the stories that matter to families in the county, from city "
         "hall to the high school field, every single day of the week.")


def page(name: str, domain: str, *, icon: str = "", footer: str = "", body: str = "") -> str:
    head = f"<link rel='icon' href='{icon}'>" if icon else ""
    return (f"<html><head><meta property='og:site_name' content='{name}'>{head}</head>"
            f"<body><article><p>{body or 'A story.'}</p></article>"
            f"<footer>{footer}</footer></body></html>")


def prints(name: str, domain: str, **parts: str) -> dict[str, list[str]]:
    return fingerprint_html(page(name, domain, **parts), url=f"https://{domain}/a")


def test_an_icon_carried_in_the_page_is_hashed_and_a_linked_one_is_not() -> None:
    inline = prints("A", "a.test", icon=f"data:image/png;base64,{ICON}")
    assert inline["favicon"] == [favicon_hash(base64.b64decode(ICON))]
    assert "favicon" not in prints("A", "a.test", icon="/favicon.ico")
    assert "favicon" not in prints("A", "a.test", icon="data:image/png;base64,%%%not")
    assert KINDS["favicon"][0] == "strong"


def test_the_same_about_text_under_two_names_hashes_alike_and_credit_lines_are_skipped(
        ) -> None:
    miami = prints("Miami News, KMIA", "miami-kmia.test",
                   footer=ABOUT.format(name="Miami News, KMIA") + " © 2025 Miami News.")
    tampa = prints("Tampa Times", "tampa.test", footer=ABOUT.format(name="Tampa Times"))
    assert miami["about_text"] == tampa["about_text"]
    other = prints("Tampa Times", "tampa.test",
                   footer="Tampa Times has covered the bay since its founding, with reporters "
                          "in every neighbourhood and a newsroom open to all readers.")
    assert other["about_text"] != tampa["about_text"]
    credits = ("Proudly powered by WordPress | Theme: NewsUp by Themeansar. Copyright 2025 "
               "All rights reserved. Privacy policy and cookie settings for this site here.")
    assert "about_text" not in prints("X", "x.test", footer=credits)
    assert "about_text" not in prints("X", "x.test", footer="Contact us. Follow us.")


def test_contact_addresses_come_from_the_site_blocks_not_the_article() -> None:
    found = prints("A", "a.test", footer="<a href='mailto:Desk@Operator.example?subject=x'>"
                                         "write</a> <a href='mailto:not an address'>x</a>",
                   body="<a href='mailto:press@ministry.example'>the ministry</a>")
    assert found["contact_email"] == ["desk@operator.example"]


def test_ads_txt_keeps_direct_accounts_only() -> None:
    text = ("# ads.txt\ngoogle.com, pub-1111222233334444, DIRECT, f08c47fec0942fa0\n"
            "google.com, pub-9999, RESELLER, f08c47fec0942fa0\n"
            "Criteo.com, 7412 , direct # ours\nnonsense line\n")
    assert ads_txt_accounts(text) == ["criteo.com 7412", "google.com pub-1111222233334444"]
    assert KINDS["ads_txt"][0] == "conclusive"


def test_a_stock_icon_on_many_sites_joins_nobody() -> None:
    rows = [(f"s{i}.test", "favicon", "f00d", 1) for i in range(MAX_STOCK_SHARED + 1)]
    rows += [("a.test", "favicon", "beef", 1), ("b.test", "favicon", "beef", 1)]
    found = list(infrastructure_links(rows))
    assert [(x.a, x.b, x.tier) for x in found] == [("a.test", "b.test", "strong")]


def test_hostile_site_parts_are_capped_and_never_raise() -> None:
    big_icon = "data:image/png;base64," + "A" * 400_000  # over the icon cap, not the page's
    nested = "<div class='about'>" * 100 + ABOUT.format(name="X") + "</div>" * 100
    mails = "".join(f"<a href='mailto:u{i}@op.example'>m</a>" for i in range(200))
    found = fingerprint_html(page("X", "x.test", icon=big_icon, footer=nested + mails),
                             url="https://x.test/a")
    assert "favicon" not in found  # too large to be an icon
    assert len(found["contact_email"]) <= 12 and len(found["about_text"]) == 1
    assert fingerprint_html(b"<html><link rel=icon href='data:image/png;base64,'>",
                            url=None).get("favicon") is None


def test_the_about_blocks_are_told_apart_as_the_about_xpath_selects_them() -> None:
    import lxml.html

    from launderlens.outlets import fingerprints

    blocks = "".join(
        f"<{tag} class='{cls}' id='{ident}'><p>x</p><footer>inner</footer></{tag}>"
        for tag in ("div", "FOOTER", "nav", "section", "aside")
        for cls in ("ABOUT-us", "aBoUt", "abo ut", "info", "")
        for ident in ("site-About", "", "abut"))
    tree = lxml.html.fromstring(f"<html><body><header>h</header>{blocks}</body></html>")
    picked = [b for b in tree.xpath(fingerprints._SITE_BLOCKS) if fingerprints._is_about(b)]
    assert picked == tree.xpath(fingerprints._ABOUT) and len(picked) > 50
