"""A report dict (:mod:`launderlens.report.build`) in; one standalone HTML page out.

The page opens offline and runs nothing: its only resource is the inline stylesheet, which
the Content-Security-Policy admits by hash, so even markup that slipped through would
load and execute nothing. Every value from the report is escaped, because article text,
titles, outlet names and URLs are written by adversaries; only absolute http(s) URLs become
links, and those carry ``rel="noopener noreferrer nofollow"``. Element ids and classes are
built from integers and fixed names only, never from report values.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Mapping, Sequence
from typing import Any

from .safety import http_url

__all__ = ["render_html"]

_CSS = """
:root{--ink:#1d1d1f;--dim:#5f6368;--line:#d7dadf;--bg:#fff;--panel:#f6f7f9;
--high:#f8c9c4;--medium:#fbe7a6;--low:#cfe8f6;--added:#fde2e1;--dropped:#ece3f7;}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,
"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:.3rem 0}
h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.kicker,.meta,.dim{color:var(--dim);font-size:.9rem}
a{color:#0b57d0}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem}
.badges span{display:inline-block;border-radius:999px;padding:.1rem .6rem;
margin:.1rem .3rem .1rem 0;font-size:.85rem}
.badge{border-radius:999px;padding:0 .5rem;font-size:.8rem}
.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}
.sev-low{background:var(--low)}
.text{white-space:pre-wrap;font-family:Georgia,"Times New Roman",serif;font-size:1.05rem;
max-width:46rem}
mark{color:inherit;border-radius:3px;padding:0 .1rem}
.added{text-decoration:underline 2px #c5221f;text-underline-offset:3px}
.legend{font-size:.85rem;color:var(--dim)}
sup a{text-decoration:none;font-size:.75rem;font-family:system-ui,sans-serif}
ol.findings li{margin:.5rem 0}
.evidence{margin:.2rem 0 0 1rem;color:var(--dim);font-size:.92rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .4rem;text-align:left;vertical-align:top}
.table-wrap{overflow-x:auto}
.rows{display:grid;grid-template-columns:1fr 8rem 1fr;border-top:1px solid var(--line)}
.rows>div{padding:.45rem .5rem;border-bottom:1px solid var(--line)}
.rows .head{font-weight:600;background:var(--panel)}
.rel{font-size:.85rem;color:var(--dim)}
.rel-added{background:var(--added)}.rel-dropped{background:var(--dropped)}
.side-label{display:none;font-size:.75rem;color:var(--dim);text-transform:uppercase}
details{margin:.8rem 0}summary{cursor:pointer;font-weight:600}
dl.prov{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.85rem}
dl.prov dt{color:var(--dim)}dl.prov dd{margin:0}
.tier-conclusive{background:var(--high)}.tier-strong{background:var(--medium)}
.tier-supporting{background:var(--panel);border:1px solid var(--line)}
@media (max-width:700px){
.rows{grid-template-columns:1fr}.rows .head{display:none}
.rows>div.rel{border-bottom:none;padding-bottom:0}
.side-label{display:block}
main{padding:.75rem .75rem 2rem}}
@media print{a{color:inherit}details{display:block}}
"""

_SEVERITY_ORDER = {"high": 3, "medium": 2, "low": 1}
_RELATIONS = ("copied", "paraphrased", "partial", "added", "dropped")


def _e(value: object) -> str:
    """Escaped text; None is empty."""
    return html.escape("" if value is None else str(value), quote=True)


def _link(url: object, text: object | None = None) -> str:
    """A link when ``url`` is absolute http(s), else the escaped text (or URL) alone."""
    shown = url if text is None else text
    safe = http_url(url)
    if safe is None:
        return _e(shown)
    return (f'<a href="{_e(safe)}" rel="noopener noreferrer nofollow">{_e(shown)}</a>')


def _severity_class(findings: Sequence[Mapping[str, Any]], indexes: Sequence[int]) -> str:
    ranks = [_SEVERITY_ORDER.get(str(findings[i].get("severity")), 1) for i in indexes]
    return {3: "sev-high", 2: "sev-medium"}.get(max(ranks, default=1), "sev-low")


def _article_head(article: Mapping[str, Any]) -> str:
    bits = [_e(article.get("outlet") or article.get("domain") or ""),
            _e(article.get("published") or "date unknown")]
    if article.get("url"):
        bits.append(_link(article["url"]))
    return f'<p class="meta">{" · ".join(b for b in bits if b)}</p>'


def _text(section: Mapping[str, Any], prefix: str) -> str:
    """The article text with each finding's span marked and numbered at its end."""
    findings = section["findings"]
    segments = section["text"]["segments"]
    last: dict[int, int] = {}
    for position, segment in enumerate(segments):
        for index in segment["findings"]:
            last[index] = position
    out = []
    for position, segment in enumerate(segments):
        indexes = [int(i) for i in segment["findings"]]
        piece = _e(segment["text"])
        if segment.get("added"):
            piece = f'<span class="added" title="added by this copy">{piece}</span>'
        if not indexes:
            out.append(piece)
            continue
        title = "; ".join(f"{i + 1}. {findings[i]['kind']}: {findings[i]['message']}"
                          for i in indexes)
        out.append(f'<mark class="{_severity_class(findings, indexes)}" title="{_e(title)}">'
                   f"{piece}</mark>")
        for i in indexes:
            if last[i] == position:
                out.append(f'<sup><a href="#{prefix}f{i}">{i + 1}</a></sup>')
    legend = "Highlighted: findings, by severity; hover for what was found."
    if any(segment.get("added") for segment in segments):
        legend += " Underlined: sentences this copy added to the origin."
    return f'<p class="legend">{legend}</p><div class="text">{"".join(out)}</div>'


def _findings(section: Mapping[str, Any], prefix: str) -> str:
    findings = section["findings"]
    if not findings:
        return '<p class="dim">No findings.</p>'
    items = []
    for i, f in enumerate(findings):
        evidence = "".join(
            f'<div class="evidence">{_e(ev.get("kind"))}: {_e(ev.get("text"))}'
            + (f" — {_link(ev['source'])}" if ev.get("source") else "") + "</div>"
            for ev in f.get("evidence", []))
        where = "whole article" if f.get("start") is None else f"sentence {_e(f.get('sentence'))}"
        severity = _severity_class(findings, [i])
        items.append(
            f'<li id="{prefix}f{i}"><span class="badge {severity}">{_e(f["severity"])}</span> '
            f'<strong>{_e(f["kind"])}</strong> <span class="dim">({where}, confidence '
            f'{float(f["confidence"]):.2f})</span><br>{_e(f["message"])}{evidence}</li>')
    return f'<ol class="findings">{"".join(items)}</ol>'


def _claims(section: Mapping[str, Any], prefix: str) -> str:
    claims = section.get("claims") or []
    if not claims:
        return ""
    rows = []
    for c in claims:
        who = c.get("attribution")
        credit = f"{_e(who.get('source'))} ({_e(who.get('kind'))})" if who else ""
        refs = " ".join(f'<a href="#{prefix}f{int(i)}">{int(i) + 1}</a>' for i in c["findings"])
        rows.append(f"<tr><td>{int(c['sentence'])}</td><td>{float(c['score']):.2f}</td>"
                    f"<td>{_e(c['type'])}</td><td>{_e(c['text'])}</td><td>{credit}</td>"
                    f"<td>{refs}</td></tr>")
    return ('<h3>Check-worthy claims</h3><div class="table-wrap"><table><thead><tr><th>#</th>'
            "<th>score</th><th>type</th><th>sentence</th><th>credited to</th><th>findings</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _dated_claims(section: Mapping[str, Any]) -> str:
    entries = section.get("dated_claims") or []
    if not entries:
        return ""
    rows = []
    for d in entries:
        source = _link(d["kb_source"], "source") if d.get("kb_source") else ""
        rows.append(f"<tr><td>{int(d['sentence'])}</td><td>{_e(d['claim'])}</td>"
                    f"<td>{_e(d['event'])}</td><td>{_e(d['implied_from'])} to "
                    f"{_e(d['implied_to'])}</td><td>{_e(d['kb_date'])} {source}</td>"
                    f"<td>{'holds' if d['holds'] else 'does not hold'}</td>"
                    f"<td>{_e(d['convention'])}, on {_e(d['on'])}</td></tr>")
    return ('<h3>Dated claims against the knowledge base</h3><div class="table-wrap"><table>'
            "<thead><tr><th>#</th><th>claim</th><th>event</th><th>the claim dates it</th>"
            "<th>knowledge base</th><th></th><th>read as</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _article_section(section: Mapping[str, Any], prefix: str, heading: str,
                     head: str = "") -> str:
    """One article's text, findings, claims and dated claims under ``heading`` and ``head``
    (both HTML, already escaped)."""
    errors = "".join(f'<p class="dim">Stage failed: {_e(err)}</p>'
                     for err in section.get("errors", []))
    return (f"<h2>{heading}</h2>{head}{_text(section, prefix)}<h3>Findings</h3>"
            f"{_findings(section, prefix)}{_claims(section, prefix)}"
            f"{_dated_claims(section)}{errors}")


def _timeline(entries: Sequence[Mapping[str, Any]]) -> str:
    rows = []
    for t in entries:
        delay = t.get("after_origin_seconds")
        after = "" if delay is None else f"{float(delay) / 3600:+.1f} h"
        title = _link(t["url"], t.get("title") or t["url"]) if t.get("url") else _e(t.get("title"))
        rows.append(f"<tr><td>{_e(t.get('published') or 'unknown')}</td><td>{after}</td>"
                    f"<td>{_e(t.get('outlet') or t.get('domain'))}</td>"
                    f"<td>{_e(t['role'])}</td><td>{title}</td></tr>")
    return ('<div class="table-wrap"><table><thead><tr><th>published</th><th>after origin</th>'
            "<th>outlet</th><th>role</th><th>title</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _side(sentences: Sequence[Mapping[str, Any]]) -> str:
    return "<br>".join(f'<span class="dim">{int(s["index"])}.</span> {_e(s["text"])}'
                       for s in sentences)


def _copy(copy: Mapping[str, Any]) -> str:
    """Origin and copy side by side: three columns on a laptop, stacked on a phone."""
    article = copy["article"]
    counts = copy["counts"]
    cells = ['<div class="head">origin</div><div class="head">relation</div>'
             '<div class="head">copy</div>']
    for row in copy["rows"]:
        relation = row["relation"] if row["relation"] in _RELATIONS else "partial"
        note = "".join(f"<br>{_e(c['kind'])}: {_e(c['origin_text'] or '(none)')} → "
                       f"{_e(c['text'] or '(none)')}" for c in row.get("changes", []))
        score = "" if row.get("score") is None else f" {float(row['score']):.2f}"
        if row.get("verdict"):
            note += f"<br><strong>{_e(row['verdict'])}</strong>"
            if not row.get("certain"):
                reason = _e(row.get("reason", ""))
                note += f' <span title="{reason}">(not sure)</span>'
        cells.append(f'<div><span class="side-label">origin</span>{_side(row["origin"])}</div>'
                     f'<div class="rel rel-{relation}">{relation}{score}{note}</div>'
                     f'<div class="rel-{relation}"><span class="side-label">copy</span>'
                     f'{_side(row["copy"])}</div>')
    summary = (f"{_e(article.get('outlet') or article.get('domain') or article['id'])}: "
               f"{int(counts['added'])} added, {int(counts['dropped'])} dropped, "
               f"{int(counts['changes'])} changes (similarity "
               f"{float(copy['similarity_to_origin']):.2f}; manipulation "
               f"{float(copy['manipulation']['score']):.2f})")
    return (f"<details open><summary>{summary}</summary>{_article_head(article)}"
            f'<p>{_e(article.get("title"))}</p><div class="rows">{"".join(cells)}</div>'
            "</details>")


_TIERS = ("conclusive", "strong", "supporting")


def _tier(value: object) -> str:
    tier = value if value in _TIERS else "supporting"
    return f'<span class="badge tier-{tier}">{tier}</span>'


def _evidence_rows(items: Sequence[Mapping[str, Any]], with_outlets: bool) -> str:
    rows = []
    for item in items:
        outlets = (f"<td>{_e(', '.join(str(o) for o in item.get('outlets', [])))}</td>"
                   if with_outlets else "")
        rows.append(f"<tr><td>{_tier(item.get('tier'))}</td><td>{_e(item.get('kind'))}</td>"
                    f"<td>{_e(item.get('detail'))}</td>{outlets}</tr>")
    head = "<th>outlets</th>" if with_outlets else ""
    return ('<div class="table-wrap"><table><thead><tr><th>tier</th><th>kind</th>'
            f"<th>evidence</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _network(section: Mapping[str, Any]) -> str:
    """Which of the story's outlets act as one operation, with the evidence."""
    parts = ["<h2>Outlet network</h2>", f'<p>{_e(section["summary"])}</p>']
    rows = "".join(f"<tr><td>{_e(o['name'])}</td><td>{_e(', '.join(o['domains']))}</td>"
                   f"<td>{_e(o.get('network') or 'none')}</td></tr>"
                   for o in section["outlets"])
    parts.append('<div class="table-wrap"><table><thead><tr><th>outlet</th><th>domains</th>'
                 f"<th>network</th></tr></thead><tbody>{rows}</tbody></table></div>")
    for found in section["networks"]:
        names = ", ".join(o["name"] for o in found["outlets"])
        parts += [f"<h3>Network {_e(found['id'])} (score {float(found['score']):.2f})</h3>",
                  f"<p>{_e(found['summary'])}: {_e(names)}</p>",
                  _evidence_rows(found["evidence"], True)]
    if section["links"]:
        parts.append("<h3>Evidence between the story's outlets</h3>")
        for link in section["links"]:
            joined = "joined" if link["joined"] else "not joined"
            parts.append(f"<details><summary>{_e(link['a'])} – {_e(link['b'])}: score "
                         f"{float(link['score']):.2f}, {joined}</summary>"
                         f"{_evidence_rows(link['evidence'], False)}</details>")
    tiers = "".join(f"<li>{_tier(t)} {_e(words)}</li>"
                    for t, words in section["tiers"].items())
    parts.append(f'<ul class="legend">{tiers}</ul>')
    return "".join(parts)


def _summary(report: Mapping[str, Any]) -> str:
    summary = report["summary"]
    points = "".join(f"<li>{_e(p)}</li>" for p in summary["points"])
    counts = summary["findings_by_severity"]
    badges = "".join(f'<span class="sev-{s}">{int(counts.get(s, 0))} {s}</span>'
                     for s in ("high", "medium", "low"))
    parts = [f'<section class="panel"><h2>Why it matters</h2><ul>{points}</ul>'
             f'<div class="badges">{badges}</div>']
    origin = summary.get("origin")
    if origin:
        name = origin.get("outlet") or origin.get("domain") or origin["id"]
        title = _link(origin["url"], origin.get("title") or origin["url"]) \
            if origin.get("url") else _e(origin.get("title"))
        parts.append(f"<p><strong>Likely origin:</strong> {_e(name)} — {title} "
                     f'<span class="dim">({_e(origin["reason"])}: {_e(origin["evidence"])})'
                     "</span></p>")
    additions = summary["additions"]
    if additions["count"]:
        items = "".join(f"<li><strong>{_e(a['outlet'])}</strong>: {_e(a['text'])}</li>"
                        for a in additions["sentences"])
        parts.append(f"<details><summary>Added by the copies: {int(additions['count'])} "
                     f"sentences</summary><ul>{items}</ul></details>")
    narratives = summary["known_narratives"]
    if narratives:
        items = "".join(
            f'<li>{_e(n["text"])}<div class="evidence">matches: {_e(n["claim"])}'
            + (f" — {_link(n['source'])}" if n.get("source") else "") + "</div></li>"
            for n in narratives)
        parts.append(f"<h3>Known narratives</h3><ul>{items}</ul>")
    parts.append("</section>")
    return "".join(parts)


def _provenance(provenance: Mapping[str, Any]) -> str:
    kb = provenance.get("knowledge_base") or {}
    rows = [("launderlens", provenance.get("launderlens_version")),
            ("generated", provenance.get("generated_at")),
            ("knowledge base as of", kb.get("as_of")),
            ("knowledge base version", kb.get("version"))]
    rows += [(f"backend: {name}", value or "off")
             for name, value in sorted((provenance.get("backends") or {}).items())]
    catalogue = provenance.get("catalogue")
    if catalogue is not None:
        rows += [(f"catalogue: {k}", v) for k, v in sorted(catalogue.items())]
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v if v is not None else 'unknown')}</dd>"
                    for k, v in rows)
    return f'<h2>How this report was made</h2><dl class="prov">{items}</dl>'


def _body(report: Mapping[str, Any]) -> tuple[str, str]:
    """The page title and the body's content."""
    if report["kind"] == "story":
        story = report["story"]
        title = f"Story {story['id']}: {int(story['members'])} articles"
        parts = [f'<p class="kicker">launderlens story report</p><h1>{_e(title)}</h1>',
                 _summary(report), "<h2>Publication timeline</h2>",
                 _timeline(report["timeline"]), "<h2>Copies against the origin</h2>"]
        parts += [_copy(c) for c in report["copies"]] or ['<p class="dim">No copies.</p>']
        for k, section in enumerate(report["articles"]):
            article = section["article"]
            heading = _e(f"{article.get('outlet') or article.get('domain') or article['id']}: "
                         f"{article.get('title') or ''}")
            body = _article_section(section, f"a{k}-", heading, _article_head(article))
            parts.append(f"<section>{body}</section>")
        if report.get("network"):
            parts.insert(4, _network(report["network"]))
        return title, "".join(parts)
    article = report["article"]
    title = article.get("title") or article["id"]
    parts = ['<p class="kicker">launderlens article report</p>', f"<h1>{_e(title)}</h1>",
             _article_head(article), _summary(report),
             _article_section(report, "a0-", "Text with findings")]
    story = report.get("story")
    if story:
        parts += [f"<h2>Story {_e(story['id'])}: {int(story['members'])} articles</h2>",
                  _timeline(story["timeline"])]
        if story.get("copy"):
            parts += ["<h3>This copy against the origin</h3>", _copy(story["copy"])]
    return str(title), "".join(parts)


def render_html(report: Mapping[str, Any]) -> str:
    """The report as a complete HTML document (UTF-8), safe to open from disk or serve."""
    title, body = _body(report)
    style_hash = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode()
    policy = (f"default-src 'none'; style-src 'sha256-{style_hash}'; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            '<meta name="referrer" content="no-referrer">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)} — launderlens</title><style>{_CSS}</style></head>"
            f"<body><main>{body}{_provenance(report['provenance'])}</main></body></html>\n")
