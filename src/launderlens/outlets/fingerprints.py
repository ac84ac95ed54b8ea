"""An article page's HTML (and its HTTP response headers) in; the site's infrastructure
indicators out: analytics and ad account ids, CMS, theme and plugins, feeds, asset hosts
and a hash of the page template.

Sites run by one operator share accounts and templates that independent sites do not; the
indicators are what analysts compare across outlets (the ASD Disinfo Laundromat sorts them
into tiers the same way). Only these few values are kept with an article, never the page.

``fingerprint_tree`` reads an lxml tree the HTML reader has already parsed;
``fingerprint_html`` parses a page itself. Both return a plain ``{kind: [values]}`` mapping
that is JSON (an article's ``meta["fingerprints"]``); :func:`indicators` turns it into
:class:`Indicator` records with their tier and a sentence that explains them. A page is
hostile input: every value is length-capped, the number of values per kind is capped,
and nothing here raises on malformed markup.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

__all__ = ["KINDS", "Indicator", "Tier", "ads_txt_accounts", "clean_fingerprints",
           "favicon_hash", "fingerprint_html", "fingerprint_tree", "indicators"]

Tier = Literal["conclusive", "strong", "supporting"]

#: Values kept per kind and characters per value: a page cannot make an article's record large.
MAX_VALUES = 12
MAX_VALUE_CHARS = 120
#: Characters of script text and elements searched on one page.
MAX_SCRIPT_CHARS = 400_000
MAX_ELEMENTS = 20_000

#: kind → (tier, explanation with ``{value}``). Account ids are conclusive: one account
#: belongs to one owner, who must have put it on both sites. Templates and shared feeds are
#: strong: copying them is possible but takes intent. CMS, themes, plugins, server software
#: and asset hosts are supporting: thousands of unrelated sites share them.
KINDS: dict[str, tuple[Tier, str]] = {
    "google_analytics": ("conclusive", "the same Google Analytics account {value}"),
    "google_tag": ("conclusive", "the same Google Analytics 4 / gtag measurement id {value}"),
    "tag_manager": ("conclusive", "the same Google Tag Manager container {value}"),
    "adsense": ("conclusive", "the same AdSense publisher account {value}"),
    "yandex_metrica": ("conclusive", "the same Yandex.Metrica counter {value}"),
    "liveinternet": ("strong", "the same LiveInternet counter account {value}"),
    "facebook_pixel": ("conclusive", "the same Facebook pixel {value}"),
    "template": ("strong", "the same page template (DOM skeleton hash {value})"),
    "feed": ("strong", "pages that link the same feed {value}"),
    "generator": ("supporting", "the same generator ({value}), which many sites share"),
    "cms": ("supporting", "the same CMS ({value}), which many sites share"),
    "theme": ("supporting", "the same site theme {value}"),
    "plugin": ("supporting", "the same CMS plugin {value}"),
    "asset_host": ("supporting", "assets loaded from the same host {value}"),
    "server": ("supporting", "the same web server software ({value})"),
    # From imported DNS, WHOIS and certificate data (``launderlens outlets import``).
    # Hosting and certificates are shared by unrelated sites on one provider or CDN.
    "registrant": ("strong", "the same domain registrant {value}"),
    # Site-wide parts of a page: a custom icon and the text a site says about itself are
    # made once by whoever builds the site; copying them takes intent. A stock icon or a
    # theme's credit line is common, so these kinds join no more than
    # ``network.evidence.MAX_STOCK_SHARED`` outlets, and credit lines are never read.
    "favicon": ("strong", "the same site icon (hash of its bytes {value})"),
    "about_text": ("strong", "the same about/contact text, word for word once each site's "
                             "own name is set aside (text hash {value})"),
    "contact_email": ("strong", "the same contact address {value} in the site's header, "
                                "footer or about block"),
    # From a capture's ads.txt: an account a site declares DIRECT is its own.
    "ads_txt": ("conclusive", "the same ad account declared DIRECT in ads.txt ({value})"),
    "ip": ("supporting", "hosted on the same IP address {value}"),
    "nameserver": ("supporting", "the same name server {value}"),
    "certificate": ("supporting", "the same TLS certificate {value}"),
}


@dataclass(frozen=True, slots=True)
class Indicator:
    """One infrastructure value of a site, with how much it proves when two sites share it."""

    kind: str
    value: str
    tier: Tier
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value, "tier": self.tier, "detail": self.detail}


_ACCOUNT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # UA-<account>-<property>: the account is what ties sites together; one owner gives
    # each of its sites a new property number under the same account.
    ("google_analytics", re.compile(r"\bUA-(\d{4,10})-\d{1,4}\b")),
    ("google_tag", re.compile(r"(?:id=|['\"])(G-[A-Z0-9]{6,12})\b")),
    ("tag_manager", re.compile(r"\b(GTM-[A-Z0-9]{4,9})\b")),
    ("adsense", re.compile(r"\b(?:ca-)?(pub-\d{10,20})\b")),
    ("yandex_metrica", re.compile(
        r"mc\.yandex\.ru/watch/(\d{4,12})|\bym\(\s*(\d{4,12})\s*,\s*['\"]init")),
    ("liveinternet", re.compile(
        r"(?:counter\.yadro\.ru/hit|liveinternet\.ru/click);([\w.-]{2,60})")),
    ("facebook_pixel", re.compile(
        r"fbq\(\s*['\"]init['\"]\s*,\s*['\"](\d{8,20})|facebook\.com/tr\?id=(\d{8,20})")),
)
_THEME = re.compile(r"/wp-content/themes/([A-Za-z0-9_.-]{1,60})/")
_PLUGIN = re.compile(r"/wp-content/plugins/([A-Za-z0-9_.-]{1,60})/")
_CMS_PATHS = (("/wp-content/", "wordpress"), ("/wp-includes/", "wordpress"),
              ("/sites/default/files/", "drupal"), ("/media/jui/", "joomla"),
              ("/ghost/", "ghost"), ("cdn.shopify.com", "shopify"))
_GENERATOR_CMS = ("wordpress", "drupal", "joomla", "ghost", "hugo", "jekyll", "blogger",
                  "wix", "squarespace", "bitrix", "tilda", "typo3")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
#: Hosts that serve public libraries, fonts and widgets to millions of unrelated sites:
#: sharing them says nothing about an operator.
_PUBLIC_HOSTS = (
    "googleapis.com", "gstatic.com", "google.com", "googletagmanager.com",
    "google-analytics.com", "googlesyndication.com", "doubleclick.net", "cloudflare.com",
    "cloudflareinsights.com", "jsdelivr.net", "unpkg.com", "jquery.com", "bootstrapcdn.com",
    "fontawesome.com", "facebook.net", "facebook.com", "twitter.com", "x.com", "youtube.com",
    "ytimg.com", "wp.com", "gravatar.com", "yandex.ru", "yadro.ru", "liveinternet.ru",
    "instagram.com", "vk.com", "tiktok.com", "addthis.com", "sharethis.com", "disqus.com",
    "akamaihd.net", "amazonaws.com", "w.org", "wordpress.org", "schema.org", "w3.org",
)
#: Elements whose place in a page is its template, not its article.
_LANDMARKS = frozenset({"header", "nav", "main", "aside", "footer", "article", "section",
                        "form"})
_DIGITS = re.compile(r"\d+")
_WANTED = "//script | //noscript | //*[@src or @href or @data-src] | //meta[@name]"
_SKELETON = " | ".join([".//*[@class]", *(f".//{tag}" for tag in sorted(_LANDMARKS))])
_SKELETON_TOKENS = 400


def fingerprint_html(html: str | bytes, *, url: str | None = None,
                     headers: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """:func:`fingerprint_tree` of a page given as text or bytes (parsed here, capped)."""
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    if isinstance(html, bytes):
        html = html[:MAX_SCRIPT_CHARS * 4].decode("utf-8", "replace")
    html = html[:MAX_SCRIPT_CHARS * 4]
    try:
        tree = lxml.html.document_fromstring(html) if html.strip() else None
    except (ValueError, TypeError, lxml.etree.ParserError):
        tree = None
    return fingerprint_tree(tree, url=url, headers=headers)


def fingerprint_tree(tree: Any, *, url: str | None = None,
                     headers: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """The indicators of a parsed page (an lxml element tree, or None), as ``{kind: values}``.

    ``url`` is where the page came from, so that its own host is not counted as a shared
    asset host; ``headers`` are the HTTP response headers when an archive kept them.
    """
    found: dict[str, set[str]] = {}
    if tree is not None:
        # A tree lxml built but cannot walk costs its indicators, never the article.
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            _read_tree(tree, url, found)
    if headers:
        _read_headers(headers, found)
    return clean_fingerprints({kind: sorted(values) for kind, values in found.items()})


def _read_tree(tree: Any, url: str | None, found: dict[str, set[str]]) -> None:
    own = _host(url)
    scripts: list[str] = []
    budget = MAX_SCRIPT_CHARS
    # XPath picks the few elements that matter in C: walking every element from Python
    # costs more than the rest of this module together.
    for element in tree.xpath(_WANTED)[:MAX_ELEMENTS]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "noscript") and element.text and budget > 0:
            scripts.append(element.text[:budget])
            budget -= len(scripts[-1])
        for attr in ("src", "href", "data-src"):
            link = element.get(attr) if tag else None
            if link:
                scripts.append(link[:2000])
                _read_link(tag, element, link[:2000], url, own, found)
        if tag == "meta" and (element.get("name") or "").lower() == "generator":
            _read_generator(element.get("content") or "", found)
    text = "\n".join(scripts)
    for kind, pattern in _ACCOUNT_PATTERNS:
        for match in pattern.finditer(text):
            value = next(group for group in match.groups() if group)
            found.setdefault(kind, set()).add(
                f"UA-{value}" if kind == "google_analytics" else value)
    for path, cms in _CMS_PATHS:
        if path in text:
            found.setdefault("cms", set()).add(cms)
    skeleton = _skeleton_hash(tree)
    if skeleton:
        found["template"] = {skeleton}
    _read_site_parts(tree, url, found)


def _read_link(tag: str, element: Any, link: str, url: str | None, own: str | None,
               found: dict[str, set[str]]) -> None:
    if tag == "link" and (element.get("type") or "").lower() in _FEED_TYPES:
        absolute = _absolute(link, url)
        if absolute:
            found.setdefault("feed", set()).add(absolute)
        return
    if (theme := _THEME.search(link)) is not None:
        found.setdefault("theme", set()).add(theme.group(1).lower())
    if (plugin := _PLUGIN.search(link)) is not None:
        found.setdefault("plugin", set()).add(plugin.group(1).lower())
    if tag in ("script", "link", "img", "iframe", "source"):
        host = _host(link)
        if host and host != own and not _public(host) and not (own and host.endswith("." + own)):
            found.setdefault("asset_host", set()).add(host)


def _read_generator(content: str, found: dict[str, set[str]]) -> None:
    value = " ".join(content.split())[:MAX_VALUE_CHARS]
    if not value:
        return
    found.setdefault("generator", set()).add(value)
    lowered = value.casefold()
    for cms in _GENERATOR_CMS:
        if cms in lowered:
            found.setdefault("cms", set()).add(cms)


def _read_headers(headers: Mapping[str, str], found: dict[str, set[str]]) -> None:
    for name, value in list(headers.items())[:200]:
        key = str(name).strip().lower()
        text = " ".join(str(value).split())[:MAX_VALUE_CHARS]
        if key in ("server", "x-powered-by") and text:
            found.setdefault("server", set()).add(text.lower())
        elif key == "x-generator" and text:
            _read_generator(text, found)


def _skeleton_hash(tree: Any) -> str | None:
    """A hash of the page's template: the landmark and classed elements, in order.

    Article paragraphs carry no class in most templates and differ from page to page, so
    they are left out; so are digits in class names (post ids) and runs of one repeated
    element (a list of links). Pages made from one template at one version then hash
    alike whatever their article, and a site on another template hashes differently.
    """
    body = tree.find(".//body") if hasattr(tree, "find") else None
    if body is None:
        return None
    tokens: list[str] = []
    for element in body.xpath(_SKELETON)[:MAX_ELEMENTS]:
        if len(tokens) >= _SKELETON_TOKENS:
            break
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in ("script", "noscript", "style"):
            continue
        classes = sorted({_DIGITS.sub("", name) for name in (element.get("class") or "").split()}
                         - {""})
        if not classes and tag not in _LANDMARKS:
            continue
        token = tag + "." + ".".join(classes)
        if not tokens or tokens[-1] != token:
            tokens.append(token)
    if len(tokens) < 8:  # too little structure to tell one template from another
        return None
    return hashlib.sha256("\n".join(tokens).encode("utf-8")).hexdigest()[:16]


#: Icons are small; a data: URI larger than this is not read.
MAX_ICON_BYTES = 256 * 1024
#: Fewest words an about text keeps, once credit lines and the site's name are gone: a
#: shorter one ("Contact us") is the same on countless sites.
MIN_ABOUT_WORDS = 12
_ICON = ".//link[contains(translate(@rel, 'ICON', 'icon'), 'icon')][@href]"
#: Blocks that hold what a site says about itself: its footer and elements named "about".
_ABOUT = (".//footer | .//*[contains(translate(@class, 'ABOUT', 'about'), 'about')]"
          " | .//*[contains(translate(@id, 'ABOUT', 'about'), 'about')]")
_SITE_BLOCKS = f"{_ABOUT} | .//header | .//nav | .//aside"
#: What translate() in _ABOUT lower-cases, for telling its blocks apart in Python.
_ABOUT_CASE = str.maketrans("ABOUT", "about")
_EMAIL = re.compile(r"^[\w.+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+$")
#: Lines a theme or CMS prints on every site that uses it; never about-text evidence.
_CREDIT = re.compile(r"powered by|theme|designed by|developed by|all rights reserved|"
                     r"copyright|\(c\)|©|privacy|cookie|terms of|wordpress|drupal|joomla",
                     re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?|])\s+|\n+")


def favicon_hash(data: bytes) -> str:
    """The value an icon's bytes are kept under."""
    return hashlib.sha256(data).hexdigest()[:16]


def _read_site_parts(tree: Any, url: str | None, found: dict[str, set[str]]) -> None:
    """A site's icon when the page carries its bytes, the contact addresses of its header,
    footer and about blocks, and the text of those blocks about the site itself."""
    for link in tree.xpath(_ICON)[:20]:
        data = _data_uri(link.get("href") or "")
        if data:
            found.setdefault("favicon", set()).add(favicon_hash(data))
    blocks = tree.xpath(_SITE_BLOCKS)  # evaluated once: the about blocks are among them
    for block in blocks[:200]:
        for anchor in block.xpath(".//a[starts-with(@href, 'mailto:')]")[:20]:
            address = (anchor.get("href") or "")[7:].split("?", 1)[0].strip().lower()
            if _EMAIL.match(address):
                found.setdefault("contact_email", set()).add(address)
    about = _about_text(tree, url, [b for b in blocks if _is_about(b)][:50])
    if about:
        found.setdefault("about_text", set()).add(about)


def _data_uri(href: str) -> bytes | None:
    import base64
    import binascii

    head, _, body = href.strip().partition(",")
    if not head.lower().startswith("data:image/") or not head.lower().endswith(";base64"):
        return None
    if len(body) > MAX_ICON_BYTES * 4 // 3 + 4:
        return None
    try:
        return base64.b64decode("".join(body.split()), validate=True) or None
    except (binascii.Error, ValueError):
        return None


def _is_about(element: Any) -> bool:
    """Whether ``element`` is one of the blocks :data:`_ABOUT` selects."""
    return element.tag == "footer" or any(
        "about" in (element.get(name) or "").translate(_ABOUT_CASE) for name in ("class", "id"))


def _about_text(tree: Any, url: str | None, about_blocks: Sequence[Any]) -> str | None:
    """A hash of what the page's footer and about blocks (in document order) say, credit
    lines dropped and the site's own names (its og:site_name and domain) set aside, so
    that one operator's text on two sites hashes alike; None when too little is left."""
    own = set()
    for name in tree.xpath(".//meta[@property='og:site_name']/@content")[:3]:
        own |= {w.casefold() for w in _WORDS.findall(str(name))}
    host = _host(url)
    if host:
        own |= set(re.split(r"[.-]", host))
    texts: list[str] = []
    seen: set[int] = set()
    for block in about_blocks:
        if any(id(a) in seen for a in block.iterancestors()):
            continue  # its text is read with the enclosing block
        seen.add(id(block))
        texts.append(" ".join(block.itertext())[:5000])
    words: list[str] = []
    for sentence in _SENTENCE_END.split("\n".join(texts)):
        if _CREDIT.search(sentence) or "@" in sentence:
            continue
        words += [w for w in (w.casefold() for w in _WORDS.findall(sentence))
                  if w not in own and not w.isdigit()]
    if len(words) < MIN_ABOUT_WORDS:
        return None
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:16]


_WORDS = re.compile(r"[^\W_]+")
_ADS_LINE = re.compile(r"^\s*([a-z0-9.-]+\.[a-z]{2,})\s*,\s*([\w.-]{1,64})\s*,\s*(direct)\b",
                       re.IGNORECASE)
MAX_ADS_TXT_LINES = 5000


def ads_txt_accounts(text: str) -> list[str]:
    """The ad accounts an ``ads.txt`` declares DIRECT (the site's own), as ``system
    account``; RESELLER lines name an ad network's account that thousands of sites list."""
    found = set()
    for line in text.splitlines()[:MAX_ADS_TXT_LINES]:
        match = _ADS_LINE.match(line.split("#", 1)[0])
        if match:
            found.add(f"{match.group(1).lower()} {match.group(2).lower()}"[:MAX_VALUE_CHARS])
    return sorted(found)[:MAX_VALUES]


def _absolute(link: str, base: str | None) -> str | None:
    try:
        absolute = urljoin(base or "", link.strip())
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    return f"{host}{parts.path or '/'}"[:MAX_VALUE_CHARS]


def _host(link: str | None) -> str | None:
    if not link:
        return None
    try:
        host = urlsplit(link.strip()).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".").removeprefix("www.") if host else None


def _public(host: str) -> bool:
    return any(host == public or host.endswith("." + public) for public in _PUBLIC_HOSTS)


def clean_fingerprints(data: Any) -> dict[str, list[str]]:
    """``data`` as a fingerprint mapping of known kinds to capped, sorted, unique strings.

    Whatever is not (a mapping of a known kind to a list of strings) is dropped, so an
    article's ``meta`` written by hand or by an older version cannot break a reader.
    """
    if not isinstance(data, Mapping):
        return {}
    cleaned: dict[str, list[str]] = {}
    for kind, values in data.items():
        if kind not in KINDS or not isinstance(values, (list, tuple)):
            continue
        kept = sorted({v[:MAX_VALUE_CHARS] for v in values if isinstance(v, str) and v.strip()})
        if kept:
            cleaned[kind] = kept[:MAX_VALUES]
    return cleaned


def indicators(fingerprints: Mapping[str, Sequence[str]] | Iterable[tuple[str, str]]
               ) -> list[Indicator]:
    """The :class:`Indicator` of every (kind, value), known kinds only, in a stable order."""
    pairs = (((kind, value) for kind, values in fingerprints.items() for value in values)
             if isinstance(fingerprints, Mapping) else fingerprints)
    found = {(kind, value) for kind, value in pairs if kind in KINDS}
    return [_indicator(kind, value) for kind, value in sorted(found)]


def _indicator(kind: str, value: str) -> Indicator:
    tier, sentence = KINDS[kind]
    return Indicator(kind, value, tier, sentence.format(value=value))
