"""A report dict (:mod:`launderlens.report.build`) in; a Markdown document out.

Every value from the report is escaped with :func:`~launderlens.report.safety.md_escape`
(titles and outlet names are written by adversaries: ``[x](javascript:...)`` or raw HTML
in a headline must print as itself) and kept on one line where a newline would start a
new block; only absolute http(s) URLs become links. Finding spans are shown in bold with
their number after them, so the highlighted text survives plain-text viewers too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .safety import http_url, md_escape, md_url, one_line

__all__ = ["render_markdown"]


def _t(value: object) -> str:
    """Inline text: escaped, on one line."""
    return md_escape(one_line(value))


def _link(url: object, text: object | None = None) -> str:
    shown = _t(url if text is None else text)
    safe = http_url(url)
    return f"[{shown}]({md_url(safe)})" if safe else shown


def _cell(value: object) -> str:
    return _t(value) or " "


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GFM table of already-escaped cells (``|`` is escaped by :func:`md_escape`)."""
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def _bold(text: str, start_of_line: bool) -> str:
    """``text`` (escaped) in bold, with surrounding spaces kept outside the markers:
    ``** x**`` would not be bold."""
    core = text.strip()
    if not core:
        return md_escape(text, start_of_line=start_of_line)
    lead = "" if start_of_line else text[:len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()):]
    return f"{lead}**{md_escape(core, start_of_line=False)}**{tail}"


def _text(section: Mapping[str, Any]) -> list[str]:
    """The article text, a paragraph per line, finding spans in bold with ``[n]`` after."""
    segments = section["text"]["segments"]
    last: dict[int, int] = {}
    for position, segment in enumerate(segments):
        for index in segment["findings"]:
            last[index] = position
    # Lines of (style, text) tokens: bold markers must not span a line break.
    lines: list[list[tuple[str, str]]] = [[]]
    for position, segment in enumerate(segments):
        style = "bold" if segment["findings"] else "plain"
        for number, part in enumerate(segment["text"].split("\n")):
            if number:
                lines.append([])
            if part and lines[-1] and style == "bold" and lines[-1][-1][0] == "bold":
                # Overlapping findings cut one highlighted run in two; "**a****b**" would
                # not parse as bold, so the run stays one.
                lines[-1][-1] = ("bold", lines[-1][-1][1] + part)
            elif part:
                lines[-1].append((style, part))
        refs = [str(int(i) + 1) for i in segment["findings"] if last[i] == position]
        if refs:
            lines[-1].append(("ref", ",".join(refs)))
    out = []
    for tokens in lines:
        # Leading spaces are dropped: four of them would make the line a code block.
        rendered = "".join(_token(style, text, first=k == 0)
                           for k, (style, text) in enumerate(tokens)).lstrip()
        if rendered.strip():
            out += [rendered, ""]
    return out


def _token(style: str, text: str, *, first: bool) -> str:
    if style == "ref":
        return f"\\[{text}\\]"
    if style == "bold":
        return _bold(text, first)
    return md_escape(text, start_of_line=first)


def _findings(section: Mapping[str, Any]) -> list[str]:
    findings = section["findings"]
    if not findings:
        return ["No findings.", ""]
    out = []
    for i, f in enumerate(findings):
        where = "whole article" if f.get("start") is None else f"sentence {f.get('sentence')}"
        out.append(f"{i + 1}. **{_t(f['severity'])}** {_t(f['kind'])} ({where}, confidence "
                   f"{float(f['confidence']):.2f}): {_t(f['message'])}")
        indent = " " * (len(str(i + 1)) + 2)  # a nested list lines up with the item's text
        for ev in f.get("evidence", []):
            source = f" — {_link(ev['source'])}" if ev.get("source") else ""
            out.append(f"{indent}- {_t(ev.get('kind'))}: {_t(ev.get('text'))}{source}")
        out.append("")
    return out


def _claims(section: Mapping[str, Any]) -> list[str]:
    claims = section.get("claims") or []
    if not claims:
        return []
    rows = []
    for c in claims:
        who = c.get("attribution")
        credit = f"{_t(who.get('source'))} ({_t(who.get('kind'))})" if who else " "
        refs = ", ".join(str(int(i) + 1) for i in c["findings"]) or " "
        rows.append([str(int(c["sentence"])), f"{float(c['score']):.2f}", _cell(c["type"]),
                     _cell(c["text"]), credit, refs])
    return ["### Check-worthy claims", "",
            *_table(["#", "score", "type", "sentence", "credited to", "findings"], rows)]


def _dated_claims(section: Mapping[str, Any]) -> list[str]:
    entries = section.get("dated_claims") or []
    if not entries:
        return []
    rows = [[str(int(d["sentence"])), _cell(d["claim"]), _cell(d["event"]),
             f"{_cell(d['implied_from'])} to {_cell(d['implied_to'])}",
             _link(d["kb_source"], d["kb_date"]) if d.get("kb_source") else _cell(d["kb_date"]),
             "holds" if d["holds"] else "does not hold",
             f"{_cell(d['convention'])}, on {_cell(d['on'])}"] for d in entries]
    return ["### Dated claims against the knowledge base", "",
            *_table(["#", "claim", "event", "the claim dates it", "knowledge base", "",
                     "read as"], rows)]


def _section(section: Mapping[str, Any], heading: str) -> list[str]:
    out = [f"## {heading}", "", *_text(section), "### Findings", "", *_findings(section),
           *_claims(section), *_dated_claims(section)]
    out += [f"Stage failed: {_t(err)}" for err in section.get("errors", [])]
    return out


def _timeline(entries: Sequence[Mapping[str, Any]]) -> list[str]:
    rows = []
    for t in entries:
        delay = t.get("after_origin_seconds")
        title = _link(t["url"], t.get("title") or t["url"]) if t.get("url") else \
            _cell(t.get("title"))
        rows.append([_cell(t.get("published") or "unknown"),
                     " " if delay is None else f"{float(delay) / 3600:+.1f} h",
                     _cell(t.get("outlet") or t.get("domain")), _cell(t["role"]), title])
    return _table(["published", "after origin", "outlet", "role", "title"], rows)


def _copy(copy: Mapping[str, Any]) -> list[str]:
    article = copy["article"]
    counts = copy["counts"]
    name = article.get("outlet") or article.get("domain") or article["id"]
    manipulation = copy["manipulation"]
    out = [f"### {_t(name)}: {int(counts['added'])} added, {int(counts['dropped'])} dropped, "
           f"{int(counts['changes'])} changes (similarity "
           f"{float(copy['similarity_to_origin']):.2f})", "",
           f"Manipulation score {float(manipulation['score']):.2f}; "
           f"{int(counts['unsure'])} verdicts not certain "
           f"({int(counts['unsure_added'])} possible additions not counted as added).", ""]
    rows = []
    for row in copy["rows"]:
        side = [" ".join(f"{int(s['index'])}\\. {_t(s['text'])}" for s in row[key]) or " "
                for key in ("origin", "copy")]
        relation = _t(row["relation"])
        if row.get("score") is not None:
            relation += f" {float(row['score']):.2f}"
        for c in row.get("changes", []):
            relation += (f"; {_t(c['kind'])}: {_t(c['origin_text'] or '(none)')} → "
                         f"{_t(c['text'] or '(none)')}")
        if row.get("verdict"):
            relation += f"; **{_t(row['verdict'])}**"
            if not row.get("certain"):
                relation += f" (not sure: {_t(row.get('reason', ''))})"
        rows.append([side[0], relation, side[1]])
    return out + _table(["origin", "relation", "copy"], rows)


def _summary(report: Mapping[str, Any]) -> list[str]:
    summary = report["summary"]
    out = ["## Why it matters", "", *(f"- {_t(p)}" for p in summary["points"]), ""]
    origin = summary.get("origin")
    if origin:
        title = _link(origin["url"], origin.get("title") or origin["url"]) \
            if origin.get("url") else _t(origin.get("title"))
        out += [f"**Likely origin:** {_t(origin.get('outlet') or origin['id'])} — {title} "
                f"({_t(origin['reason'])}: {_t(origin['evidence'])})", ""]
    additions = summary["additions"]
    if additions["count"]:
        out += [f"**Added by the copies ({int(additions['count'])} sentences):**", ""]
        out += [f"- **{_t(a['outlet'])}**: {_t(a['text'])}" for a in additions["sentences"]]
        out.append("")
    if summary["known_narratives"]:
        out += ["**Known narratives:**", ""]
        for n in summary["known_narratives"]:
            source = f" — {_link(n['source'])}" if n.get("source") else ""
            out.append(f"- {_t(n['text'])} (matches: {_t(n['claim'])}{source})")
        out.append("")
    return out


def _evidence_table(items: Sequence[Mapping[str, Any]], with_outlets: bool) -> list[str]:
    head = ["tier", "kind", "evidence", *(["outlets"] if with_outlets else [])]
    rows = [[_cell(i.get("tier")), _cell(i.get("kind")), _cell(i.get("detail")),
             *([_cell(", ".join(str(o) for o in i.get("outlets", [])))] if with_outlets
               else [])] for i in items]
    return _table(head, rows)


def _network(section: Mapping[str, Any]) -> list[str]:
    """Which of the story's outlets act as one operation, with the evidence."""
    out = ["## Outlet network", "", _t(section["summary"]), ""]
    out += _table(["outlet", "domains", "network"],
                  [[_cell(o["name"]), _cell(", ".join(o["domains"])),
                    _cell(o.get("network") or "none")] for o in section["outlets"]])
    for found in section["networks"]:
        out += [f"### Network {_t(found['id'])} (score {float(found['score']):.2f})", "",
                f"{_t(found['summary'])}: {_t(', '.join(o['name'] for o in found['outlets']))}",
                "", *_evidence_table(found["evidence"], True)]
    if section["links"]:
        out += ["### Evidence between the story's outlets", ""]
        for link in section["links"]:
            joined = "joined" if link["joined"] else "not joined"
            out += [f"**{_t(link['a'])} – {_t(link['b'])}**: score "
                    f"{float(link['score']):.2f}, {joined}", "",
                    *_evidence_table(link["evidence"], False)]
    out += [f"- **{_t(tier)}**: {_t(words)}" for tier, words in section["tiers"].items()]
    return [*out, ""]


def _provenance(provenance: Mapping[str, Any]) -> list[str]:
    kb = provenance.get("knowledge_base") or {}
    rows = [["launderlens", _cell(provenance.get("launderlens_version"))],
            ["generated", _cell(provenance.get("generated_at"))],
            ["knowledge base as of", _cell(kb.get("as_of") or "unknown")],
            ["knowledge base version", _cell(kb.get("version") or "unknown")]]
    rows += [[_cell(f"backend: {k}"), _cell(v or "off")]
             for k, v in sorted((provenance.get("backends") or {}).items())]
    catalogue = provenance.get("catalogue")
    if catalogue is not None:
        rows += [[_cell(f"catalogue: {k}"), _cell(v)] for k, v in sorted(catalogue.items())]
    return ["## How this report was made", "", *_table(["what", "value"], rows)]


def render_markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown (CommonMark with GFM tables)."""
    out: list[str]
    if report["kind"] == "story":
        story = report["story"]
        out = [f"# Story {_t(story['id'])}: {int(story['members'])} articles", "",
               *_summary(report), "## Publication timeline", "", *_timeline(report["timeline"]),
               *(_network(report["network"]) if report.get("network") else []),
               "## Copies against the origin", ""]
        for copy in report["copies"]:
            out += _copy(copy)
        for section in report["articles"]:
            article = section["article"]
            name = article.get("outlet") or article.get("domain") or article["id"]
            out += _section(section, f"{_t(name)}: {_t(article.get('title') or '')}")
    else:
        article = report["article"]
        meta = [_t(article.get("outlet") or article.get("domain") or ""),
                _t(article.get("published") or "date unknown")]
        if article.get("url"):
            meta.append(_link(article["url"]))
        out = [f"# {_t(article.get('title') or article['id'])}", "",
               " · ".join(m for m in meta if m), "", *_summary(report),
               *_section(report, "Text with findings")]
        story = report.get("story")
        if story:
            out += [f"## Story {_t(story['id'])}: {int(story['members'])} articles", "",
                    *_timeline(story["timeline"])]
            if story.get("copy"):
                out += _copy(story["copy"])
    out += _provenance(report["provenance"])
    return "\n".join(out).rstrip() + "\n"
