"""Infrastructure indicators read from article pages: ids, CMS, feeds, template hash."""

from __future__ import annotations

import pytest

from launderlens.outlets.fingerprints import (
    KINDS,
    MAX_VALUE_CHARS,
    MAX_VALUES,
    clean_fingerprints,
    fingerprint_html,
    indicators,
)


def page(head: str = "", body: str = "", *, extra_widgets: int = 0) -> str:
    widgets = "".join(f"<div class='widget w{i}'><span class='label'>x</span></div>"
                      for i in range(extra_widgets))
    return (f"<html><head>{head}</head><body>"
            "<header class='site-header'><nav class='menu main-menu'><ul class='links'>"
            "<li class='item'>a</li><li class='item'>b</li></ul></nav></header>"
            "<main class='content'><article class='post'><h1 class='entry-title'>T</h1>"
            f"{body}</article><aside class='sidebar'>{widgets}</aside></main>"
            "<footer class='site-footer'><div class='copyright'>c</div></footer></body></html>")


TRACKERS = """
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9"></script>
<script>gtag('config', 'UA-1234567-3');
(adsbygoogle = window.adsbygoogle || []).push({google_ad_client: "ca-pub-1234567890123456"});
ym(98765432, "init", {clickmap: true}); fbq('init', '123456789012345');</script>
<noscript><img src="https://www.facebook.com/tr?id=123456789012345&ev=PageView"></noscript>
<script>(function(w,d,s,l,i){})(window,document,'script','dataLayer','GTM-AB12CD3');</script>
<a href="//www.liveinternet.ru/click;miami-network">
<img src="//counter.yadro.ru/hit;miami-network?t1"></a>
"""


def test_account_ids_are_read_from_scripts_and_pixels() -> None:
    found = fingerprint_html(page(TRACKERS))
    assert found["google_analytics"] == ["UA-1234567"]  # the account, not the property
    assert found["google_tag"] == ["G-ABC123XYZ9"]
    assert found["tag_manager"] == ["GTM-AB12CD3"]
    assert found["adsense"] == ["pub-1234567890123456"]
    assert found["yandex_metrica"] == ["98765432"]
    assert found["facebook_pixel"] == ["123456789012345"]
    assert found["liveinternet"] == ["miami-network"]


def test_cms_theme_plugins_feeds_and_asset_hosts() -> None:
    head = ("<meta name='generator' content='WordPress  6.4.2'>"
            "<link rel='alternate' type='application/rss+xml' href='/feed/'>"
            "<link rel='stylesheet' href='/wp-content/themes/newsup/style.css?ver=2'>"
            "<script src='https://kmia.test/wp-content/plugins/feedzy-rss-feeds/a.js'></script>"
            "<script src='https://static.opcdn.test/a.js'></script>"
            "<script src='https://ajax.googleapis.com/jquery.js'></script>"
            "<img src='https://img.kmia.test/logo.png'>")
    found = fingerprint_html(page(head), url="https://www.kmia.test/news/1")
    assert found["generator"] == ["WordPress 6.4.2"]
    assert found["cms"] == ["wordpress"]
    assert found["theme"] == ["newsup"]
    assert found["plugin"] == ["feedzy-rss-feeds"]
    assert found["feed"] == ["kmia.test/feed/"]
    # its own host and subdomains, and public CDNs, are nobody's fingerprint
    assert found["asset_host"] == ["static.opcdn.test"]


def test_the_template_hash_ignores_the_article_and_tells_templates_apart() -> None:
    one = fingerprint_html(page(body="<p>First story.</p><p>More.</p><p class='x-91'>y</p>"))
    two = fingerprint_html(page(body="<p>Another story entirely.</p><p class='x-7'>y</p>"))
    other = fingerprint_html(page(body="<p>First story.</p>", extra_widgets=3))
    assert one["template"] == two["template"]
    assert other["template"] != one["template"]


def test_a_page_with_little_structure_has_no_template() -> None:
    assert "template" not in fingerprint_html("<html><body><p>Just text.</p></body></html>")


def test_response_headers_name_the_server() -> None:
    found = fingerprint_html("", headers={"Server": "nginx/1.18.0 (Ubuntu)",
                                          "X-Powered-By": "PHP/8.1", "Set-Cookie": "a=b"})
    assert found == {"server": ["nginx/1.18.0 (ubuntu)", "php/8.1"]}


@pytest.mark.parametrize("html", [
    "", "<<<>>>", "\x00\x01", b"\xff\xfe\x00<html>", "<html><body>" + "<div>" * 50_000,
    "<script>" + "UA-1-1 " * 10, "<meta name=generator content='" + "W" * 100_000 + "'>",
])
def test_hostile_pages_never_raise(html: str | bytes) -> None:
    found = fingerprint_html(html)
    assert all(len(values) <= MAX_VALUES for values in found.values())
    assert all(len(v) <= MAX_VALUE_CHARS for values in found.values() for v in values)


def test_values_per_kind_are_capped() -> None:
    script = "<script>" + " ".join(f"GTM-AB{i:04d}" for i in range(100)) + "</script>"
    assert len(fingerprint_html(page(script))["tag_manager"]) == MAX_VALUES


def test_cleaning_drops_unknown_kinds_and_non_strings() -> None:
    assert clean_fingerprints({"adsense": ["pub-1", 3, " "], "evil": ["x"], "cms": "wp"}) \
        == {"adsense": ["pub-1"]}
    assert clean_fingerprints(["not", "a", "mapping"]) == {}


def test_every_indicator_has_a_tier_and_a_sentence_naming_its_value() -> None:
    found = indicators({"adsense": ["pub-1"], "cms": ["wordpress"], "template": ["ab12"],
                        "nonsense": ["x"]})
    assert [(i.kind, i.tier) for i in found] == [
        ("adsense", "conclusive"), ("cms", "supporting"), ("template", "strong")]
    assert all(i.value in i.detail for i in found)
    assert {tier for tier, _ in KINDS.values()} == {"conclusive", "strong", "supporting"}
