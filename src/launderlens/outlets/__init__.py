"""Outlets: the sites that publish articles, and what their pages reveal about who runs them.

``fingerprints`` reads a page's infrastructure indicators (analytics and ad accounts,
templates, feeds, CMS) at ingest; ``names`` flags outlet names built to pass for a local
station or for a known outlet. The store keeps one outlet record per site and the
indicators of every article; the network stage (:mod:`launderlens.network`) joins outlets
that share them or behave as one.
"""

from __future__ import annotations

from .fingerprints import Indicator, fingerprint_html, fingerprint_tree, indicators

__all__ = ["Indicator", "fingerprint_html", "fingerprint_tree", "indicators", "outlet_key"]


def outlet_key(domain: str | None, name: str | None) -> str | None:
    """The key one outlet is kept under: its domain, or ``name:`` and its case-folded name
    when no domain is known (text pasted without a URL); None when neither is known."""
    if domain and domain.strip():
        return domain.strip().lower().removeprefix("www.")
    if name and name.strip():
        return "name:" + name.strip().casefold()  # as the store's articles.outlet_key
    return None
