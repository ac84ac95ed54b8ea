"""A cycle's new articles, stories, analyses and networks in; alerts out, and the places
they go: the store (always), a JSON Lines file, a webhook.

Three kinds:

- ``new_copy``: a new article joins a story that already held articles (every story, or
  only those the user watches);
- ``known_narrative``: a new article's analysis has a known-narrative finding;
- ``network_join``: an outlet is found in an outlet network that shares outlets with a
  network of the previous cycle it was not part of. The first cycle only records the
  networks (no earlier state to join).

A webhook receives one POST per alert: the alert as JSON, and the header
``X-Launderlens-Signature: sha256=<hex>``, the HMAC-SHA256 of the body with the shared
secret, so the receiver can check who sent it. The URL passes the same address guard as a
fetch unless the user allows private addresses for it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import LaunderlensError
from ..findings import Finding
from ..ingest.fetch import post
from ..model import Article, Story
from ..store.watch import AlertRecord

__all__ = [
    "SIGNATURE_HEADER",
    "JsonlSink",
    "Webhook",
    "copy_alerts",
    "narrative_alerts",
    "network_alerts",
    "sign",
]

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Launderlens-Signature"
#: Characters of article text quoted in an alert.
_QUOTE = 300


def sign(body: bytes, secret: bytes) -> str:
    """The signature header's value for ``body``: ``sha256=`` and the hex HMAC."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def copy_alerts(new: Sequence[str], stories: Callable[[str], Story | None],
                articles: Mapping[str, Article], watched: Sequence[str] = ()
                ) -> list[AlertRecord]:
    """``new_copy`` for each of the ``new`` articles (this cycle's) in a story that holds
    articles stored before (of ``watched`` stories only, when given: a story id prefix or
    a member's id prefix)."""
    fresh = set(new)
    out = []
    for article_id in new:
        story = stories(article_id)
        if story is None:
            continue
        before = [m for m in story.members if m not in fresh]
        if not before or not _watched(story, watched):
            continue
        article = articles.get(article_id)
        where = _outlet(article)
        out.append(AlertRecord(
            "new_copy", f"{where} published a new copy of story {story.id} "
            f"({len(before)} earlier article(s); origin {story.origin})",
            article_id=article_id, story_id=story.id, subject=story.id,
            data={"title": _clip(article.title if article else None), "outlet": where,
                  "url": article.url if article else None, "origin": story.origin,
                  "members": len(story.members)}))
    return out


def _watched(story: Story, watched: Sequence[str]) -> bool:
    if not watched:
        return True
    return any(story.id.startswith(w) or any(m.startswith(w) for m in story.members)
               for w in watched)


def narrative_alerts(article: Article, findings: Iterable[Finding],
                     story: Story | None) -> list[AlertRecord]:
    """``known_narrative`` for each known-narrative finding of a new article."""
    out = []
    for finding in findings:
        if finding.kind != "known_narrative":
            continue
        evidence = next((e for e in finding.evidence if e.kind == "narrative"), None)
        subject = (evidence.source or evidence.text) if evidence else finding.message
        sentence = article.text[finding.start:finding.end] \
            if finding.start is not None and finding.end is not None else None
        out.append(AlertRecord(
            "known_narrative", f"{_outlet(article)}: {_clip(finding.message)}",
            article_id=article.id, story_id=story.id if story else None,
            subject=_clip(subject), data={
                "title": _clip(article.title), "url": article.url, "outlet": _outlet(article),
                "sentence": _clip(sentence), "confidence": round(finding.confidence, 3),
                "narrative": _clip(evidence.text) if evidence else None,
                "debunk": evidence.source if evidence else None}))
    return out


def network_alerts(before: Sequence[Sequence[str]] | None,
                   now: Sequence[Mapping[str, Any]]) -> list[AlertRecord]:
    """``network_join`` for each outlet of a network in ``now`` (``{"id", "outlets"}``)
    that shares outlets with a network of ``before`` it was not in; none without
    ``before`` (the first cycle)."""
    if before is None:
        return []
    earlier = [set(group) for group in before]
    out = []
    for network in now:
        members = set(network["outlets"])
        for outlet in sorted(members):
            for group in earlier:
                if outlet not in group and group & members:
                    out.append(AlertRecord(
                        "network_join", f"outlet {outlet} joined the network of "
                        f"{', '.join(sorted(group & members)[:5])}",
                        subject=f"{outlet}\x00{network['id']}",
                        data={"outlet": outlet, "network": network["id"],
                              "outlets": sorted(members)}))
                    break
    return out


class JsonlSink:
    """Appends each alert as one JSON line to ``path``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __call__(self, alerts: Sequence[AlertRecord]) -> None:
        if not alerts:
            return
        with self.path.open("a", encoding="utf-8") as handle:
            for alert in alerts:
                handle.write(json.dumps(alert.as_dict(), ensure_ascii=False) + "\n")


class Webhook:
    """POSTs each alert, signed (see the module docstring); a failure is logged and
    counted in ``failures``, never raised: the alerts are stored either way."""

    def __init__(self, url: str, secret: bytes, *, allow_private: bool = False,
                 timeout: float = 10.0, send: Callable[..., int] = post) -> None:
        if not secret:
            raise LaunderlensError("a webhook needs a non-empty shared secret")
        self.url, self.secret = url, secret
        self.allow_private, self.timeout = allow_private, timeout
        self._send = send
        self.failures: list[str] = []

    def __call__(self, alerts: Sequence[AlertRecord]) -> None:
        for alert in alerts:
            body = json.dumps(alert.as_dict(), ensure_ascii=False).encode("utf-8")
            headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(body,
                                                                                   self.secret)}
            try:
                status = self._send(self.url, body, headers=headers,
                                    allow_private=self.allow_private, timeout=self.timeout)
            except LaunderlensError as error:
                self.failures.append(f"{alert.id}: {error}")
                log.warning("webhook: alert %s not delivered: %s", alert.id, error)
                continue
            if not 200 <= status < 300:
                self.failures.append(f"{alert.id}: HTTP {status}")
                log.warning("webhook: alert %s answered HTTP %d", alert.id, status)


def _outlet(article: Article | None) -> str:
    if article is None:
        return "an outlet"
    return article.outlet or article.domain or "an unnamed outlet"


def _clip(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"
