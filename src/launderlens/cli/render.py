"""Terminal rendering for the CLI: tables and summaries drawn with rich.

Article text, titles and outlet names are written by adversaries, so they are always
passed to rich as plain ``Text`` (never as markup): a title like ``[link=...]`` must
print as itself. Their control characters (an ESC that clears the screen or sets the
window title, a bidi override) are shown, not obeyed: :func:`plain` and :func:`safe`
escape them with :func:`~launderlens.cli.common.visible` as a cell is made, and the
console from :func:`out` escapes any that still reach it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..model import Article, Rejection, Sentence
from .common import visible

if TYPE_CHECKING:
    from ..claims.analyze import Analysis
    from ..demo import DemoResult
    from ..ingest import IngestReport
    from ..model import Story
    from ..narratives import NarrativeRecord
    from ..narratives.match import Match
    from ..rewrites.compare import Comparison
    from ..rewrites.stories import StoryView
    from ..rewrites.verdicts import SentenceVerdict


class _ShowingConsole(Console):
    """A console that escapes control characters left in the text it renders.

    The styles rich adds are written after rendering, so only the data is touched. This
    is the safety net: a cell made with :func:`plain` or :func:`safe` is escaped already
    and keeps its measured width, where one escaped only here can widen its column.
    """

    def render(self, renderable: Any, options: ConsoleOptions | None = None
               ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control:  # rich's own cursor moves, which carry no data
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style)


def out() -> Console:
    """A console for standard output, made per call so the terminal width is current."""
    return _ShowingConsole(highlight=False)


def plain(value: object) -> Text:
    """A table cell that rich will not interpret and a terminal will not obey."""
    return Text(visible(value))


def safe(value: object, style: str = "") -> Text:
    """:func:`plain` with a style: text from an article, ready for ``Text.append``."""
    return Text(visible(value), style=style)


def _date(article: Article) -> str:
    """Publication time in UTC, so that a column of times from many zones sorts by eye."""
    if article.published is None:
        return "unknown"
    return article.published.astimezone(UTC).strftime("%Y-%m-%d %H:%MZ")


def print_ingest_summary(report: IngestReport) -> None:
    out().print(
        Text(f"stored {len(report.stored)}, already present {len(report.duplicates)}, "
             f"rejected {len(report.rejected)}")
    )
    if report.rejected:
        print_rejections(report.rejected, title="Rejected items")


def print_rejections(rows: Sequence[Rejection], title: str = "Rejections") -> None:
    if not rows:
        out().print("no rejected items")
        return
    table = Table(title=title, show_lines=False)
    table.add_column("item", overflow="fold")
    table.add_column("reason", overflow="fold")
    for row in rows:
        table.add_row(plain(row.item), plain(row.reason))
    out().print(table)


def print_article_table(rows: Sequence[Article]) -> None:
    if not rows:
        out().print("no articles")
        return
    table = Table()
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", overflow="fold")
    table.add_column("section", overflow="fold")
    table.add_column("lang", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=3)
    for a in rows:
        table.add_row(plain(a.id), plain(_date(a)), plain(a.outlet or a.domain),
                      plain(a.section), plain(a.language), plain(a.title))
    out().print(table)


def print_article(article: Article, sentences: Sequence[Sentence]) -> None:
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column(overflow="fold")
    for label, value in (
        ("id", article.id), ("title", article.title), ("outlet", article.outlet),
        ("domain", article.domain), ("section", article.section), ("byline", article.byline),
        ("published", _date(article)), ("url", article.url), ("language", article.language),
        ("format", article.source_format),
    ):
        if value:
            head.add_row(label, plain(value))
    out().print(head)
    out().print()
    for sentence in sentences:
        line = Text(f"{sentence.index:>3}  ", style="dim")
        line.append(sentence.text)
        out().print(line)


def print_demo(result: DemoResult) -> None:
    report = result.ingest
    out().print(Text(f"Demo corpus: {len(result.articles)} articles "
                       f"(stored {len(report.stored)}, already present {len(report.duplicates)})"))
    table = Table()
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("role")
    table.add_column("outlet", overflow="fold")
    table.add_column("title", overflow="fold")
    for a in result.articles:
        table.add_row(plain(a.id), plain(_date(a)), plain(a.meta.get("demo_role", "")),
                      plain(a.outlet or a.domain), plain(a.title))
    out().print(table)
    if report.rejected:
        print_rejections(report.rejected, title="Rejected demo files")
    multi = [s for s in result.stories if len(s.members) > 1]
    out().print(Text(f"\nClustered into {len(result.stories)} stories, "
                     f"{len(multi)} of them told by more than one article."))
    if result.story is not None:
        out().print()
        print_story(result.story)
    if result.analyses:
        out().print()
        table = Table(title="Findings per article (launderlens analyze ID shows each in full)",
                      show_lines=True)
        table.add_column("article", overflow="fold")
        table.add_column("findings", overflow="fold", ratio=3)
        for analysis in result.analyses:
            lines = Text()
            for f in analysis.findings:
                lines.append(f"{f.kind} ", style="bold")
                lines.append(f"({f.severity}, {f.confidence:.2f}): {f.message}\n")
            name = Text(f"{analysis.article.outlet or analysis.article.domain or ''}\n")
            name.append(analysis.article.id, style="dim")
            table.add_row(name, lines if analysis.findings else Text("none", style="dim"))
        out().print(table)
    matches = result.narrative_matches
    if matches:
        out().print()
        table = Table(title="Known narratives retold in the demo articles", show_lines=True)
        for column in ("outlet", "sentence", "narrative", "score", "debunk"):
            table.add_column(column, overflow="fold")
        for article, f in matches:
            evidence = f.evidence[0] if f.evidence else None
            sentence = article.text[f.start:f.end] if f.start is not None else ""
            table.add_row(plain(article.outlet or article.domain or article.id),
                          plain(sentence), plain(evidence.text.split(" \u2014 ")[0]
                                                 if evidence else ""),
                          plain(f"{f.confidence:.2f}"),
                          plain(evidence.source if evidence and evidence.source else ""))
        out().print(table)
    db = result.database
    out().print(Text(f"Stored in {db}\nNext: `launderlens stories --db {db}` lists the "
                     f"stories, `launderlens compare ID ID --db {db}` aligns two articles, "
                     f"`launderlens show ID --db {db}` shows one with its sentences."))
    if result.report_path is not None:
        out().print(Text(f"\nThe story's report: {result.report_path}\nOpen it in a browser "
                         f"(it works offline), or run `launderlens serve --db {db}` to browse "
                         "everything.", style="bold"))


_RELATION_STYLE = {"copied": "green", "paraphrased": "cyan", "partial": "yellow",
                   "added": "bold red", "dropped": "magenta"}


def _label(article: Article) -> Text:
    text = safe(article.outlet or article.domain or article.id, style="bold")
    text.append(f"  {_date(article)}  {article.id}", style="dim")
    if article.title:
        text.append("\n")
        text.append(safe(article.title))
    return text


def print_comparison(result: Comparison) -> None:
    """The two articles side by side, a row per aligned group, added and dropped
    sentences on rows of their own, in the copy's order."""
    alignment = result.alignment
    verdict = "same story" if result.same_story else "not the same story"
    out().print(Text(f"similarity {result.similarity:.2f}, shared names and figures "
                     f"{result.anchors:.2f}: {verdict} (score {result.story_score:.2f}); "
                     f"{len(alignment.pairs)} aligned groups, {len(result.certain_added)} added "
                     f"({len(result.unsure_added)} more not sure), "
                     f"{len(alignment.dropped)} dropped, {len(result.changes)} changes; "
                     f"manipulation {result.manipulation.score:.2f}; "
                     f"method {alignment.method}"))
    verdicts = {v.b: v for v in result.verdicts}
    table = Table(show_lines=True, expand=True)
    table.add_column(_label(result.a), ratio=1, overflow="fold")
    table.add_column("relation", no_wrap=True)
    table.add_column(_label(result.b), ratio=1, overflow="fold")
    rows: list[tuple[float, Text, Text, Text]] = []
    for pair in alignment.pairs:
        left = Text("\n".join(f"{i}. {result.a_sentences[i].text}" for i in pair.a))
        right = Text("\n".join(f"{j}. {result.b_sentences[j].text}" for j in pair.b))
        relation = Text(f"{pair.relation}\n{pair.score:.2f}", style=_RELATION_STYLE[pair.relation])
        for change in result.changes:
            if change.b in pair.b and change.a in pair.a:
                relation.append(f"\n{change.kind}", style="bold")
        _append_verdict(relation, [verdicts[j] for j in pair.b if j in verdicts])
        rows.append((min(pair.b), left, relation, right))
    for j in alignment.added:
        relation = Text("added", style=_RELATION_STYLE["added"])
        if j in verdicts and not verdicts[j].certain:
            relation.append("\nnot sure", style="italic")
        rows.append((j, Text(""), relation, Text(f"{j}. {result.b_sentences[j].text}")))
    for i in alignment.dropped:
        # A dropped sentence sits just after the copy's sentence paired with the one before.
        before = [min(p.b) for p in alignment.pairs if max(p.a) < i]
        rows.append((max(before, default=-1) + 0.5, Text(f"{i}. {result.a_sentences[i].text}"),
                     Text("dropped", style=_RELATION_STYLE["dropped"]), Text("")))
    for _, left, relation, right in sorted(rows, key=lambda row: row[0]):
        table.add_row(left, relation, right)
    out().print(table)
    if result.changes:
        changes = Table(title="What changed in aligned sentences")
        for name in ("a", "b", "kind", "in a", "in b"):
            changes.add_column(name, overflow="fold")
        for c in result.changes:
            changes.add_row(plain(c.a), plain(c.b), plain(c.kind), plain(c.a_text or "(none)"),
                            plain(c.b_text or "(none)"))
        out().print(changes)


def _append_verdict(relation: Text, verdicts: Sequence[SentenceVerdict]) -> None:
    """The row's verdict under its relation, and "not sure" when any member's is."""
    if not verdicts:
        return
    names = sorted({v.verdict for v in verdicts})
    relation.append(f"\n{'/'.join(names)}", style="bold")
    if not all(v.certain for v in verdicts):
        relation.append("\nnot sure", style="italic")


def print_stories(stories: Sequence[Story], titles: dict[str, Article], *,
                  singletons: int = 0) -> None:
    if not stories:
        out().print("no stories (run `launderlens cluster` first)")
    else:
        table = Table()
        table.add_column("story", no_wrap=True)
        table.add_column("articles", justify="right")
        table.add_column("first published", no_wrap=True)
        table.add_column("origin", overflow="fold")
        table.add_column("why", overflow="fold")
        for story in stories:
            origin = titles.get(story.origin)
            label = Text(story.origin, style="dim")
            if origin is not None:
                label = Text(f"{origin.outlet or origin.domain or ''}: {origin.title or ''}")
            table.add_row(plain(story.id), plain(len(story.members)),
                          plain(story.first_published.strftime("%Y-%m-%d %H:%MZ")
                                if story.first_published else "unknown"),
                          label, plain(f"{story.origin_reason}: {story.origin_evidence}"))
        out().print(table)
    if singletons:
        out().print(Text(f"{singletons} articles tell a story of their own (not shown)"))


def print_story(view: StoryView) -> None:
    story = view.story
    out().print(Text(f"Story {story.id}: {len(story.members)} articles; origin {story.origin} "
                     f"({story.origin_reason}: {story.origin_evidence})", style="bold"))
    if story.key_terms:
        out().print(Text("shared names and figures: " + ", ".join(story.key_terms)))
    methods = sorted({m.comparison.alignment.method for m in view.members if m.comparison})
    if methods:
        out().print(Text("copies aligned with: " + ", ".join(methods)))
    table = Table(show_lines=True, expand=True)
    table.add_column("published", no_wrap=True)
    table.add_column("article", ratio=1, overflow="fold")
    table.add_column("vs origin", no_wrap=True)
    table.add_column("added by this copy", ratio=2, overflow="fold")
    for member in view.members:
        c = member.comparison
        head = Text(f"{member.article.outlet or member.article.domain or ''}\n", style="bold")
        head.append(member.article.title or "")
        head.append(f"\n{member.article.id}", style="dim")
        if c is None:
            table.add_row(plain(_date(member.article)), head,
                          Text("origin" if member.is_origin else "", style="green"), Text(""))
            continue
        added = Text()
        unsure = set(c.unsure_added)
        for j in c.alignment.added:
            added.append(f"{j}. ", style="dim")
            added.append(c.b_sentences[j].text + "\n")
            if j in unsure:
                added.append("(not sure: a weak match in the origin)\n", style="italic")
        for change in c.changes:
            added.append(f"{change.kind}: ", style="bold")
            added.append(f"{change.a_text or '(none)'} -> {change.b_text or '(none)'}\n")
        summary = Text(f"{c.similarity:.2f}\n{len(c.certain_added)} added\n"
                       f"{len(c.unsure_added)} not sure\n"
                       f"{len(c.alignment.dropped)} dropped\n{len(c.changes)} changes\n"
                       f"manipulation {c.manipulation.score:.2f}")
        table.add_row(plain(_date(member.article)), head, summary, added)
    out().print(table)
    if view.missing:
        out().print(Text(f"no longer in the store: {', '.join(view.missing)}"))


_SEVERITY_STYLE = {"high": "bold white on red", "medium": "black on yellow",
                   "low": "black on cyan"}


def print_analysis(result: Analysis) -> None:
    """The article text with every finding's span highlighted, then the findings with
    their evidence, the check-worthy claims and the attributions."""
    article = result.article
    head = _label(article)
    reference = result.reference_date.isoformat() if result.reference_date else "unknown"
    head.append(f"\nreference date {reference} ({result.reference_date_source}); "
                f"knowledge base as of {result.kb_as_of}", style="dim")
    out().print(head)
    out().print()
    text = Text(article.text)
    order = {"low": 0, "medium": 1, "high": 2}
    for finding in sorted(result.findings, key=lambda f: order[f.severity]):
        if finding.start is not None and finding.end is not None:
            text.stylize(_SEVERITY_STYLE[finding.severity], finding.start, finding.end)
    out().print(text)
    out().print()
    if result.findings:
        table = Table(title="Findings", show_lines=True)
        for name in ("#", "kind", "severity", "conf.", "what", "evidence"):
            table.add_column(name, overflow="fold")
        for f in result.findings:
            evidence = Text()
            for e in f.evidence:
                evidence.append(e.text)
                if e.source:
                    evidence.append(f"\n{e.source}", style="dim")
                evidence.append("\n")
            table.add_row(plain(f.sentence), plain(f.kind),
                          Text(f.severity, style=_SEVERITY_STYLE[f.severity]),
                          plain(f"{f.confidence:.2f}"), plain(f.message), evidence)
        out().print(table)
    else:
        out().print("no findings")
    if result.timeline:  # elapsed-time claims against the KB's dates
        table = Table(title="Time line: what the article counts from dated events")
        for name in ("#", "claim", "event", "counted as", "event implied", "KB date", "holds"):
            table.add_column(name, overflow="fold")
        for entry in result.timeline:
            table.add_row(plain(entry["sentence"]), plain(entry["claim"]), plain(entry["event"]),
                          plain(entry["convention"]),
                          plain(f"{entry['implied_from']} to {entry['implied_to']}"),
                          plain(entry["kb_date"]), plain("yes" if entry["holds"] else "NO"))
        out().print(table)
    claims = sorted((c for c in result.claims if c.check_worthy), key=lambda c: -c.score)
    if claims:
        table = Table(title="Check-worthy claims")
        for name in ("#", "score", "type", "sentence", "credited to"):
            table.add_column(name, overflow="fold")
        credit = {a.sentence: a for a in result.attributions}
        for c in claims:
            a = credit.get(c.sentence)
            who = "" if a is None or a.kind == "none" else f"{a.source} ({a.kind})"
            table.add_row(plain(c.sentence), plain(f"{c.score:.2f}"), plain(c.type),
                          plain(result.sentences[c.sentence].text), plain(who))
        out().print(table)
    for error in result.errors:
        out().print(Text(f"stage failed: {error}", style="red"))


def print_narratives(records: Sequence[NarrativeRecord], total: int) -> None:
    """Catalogue records as a table: id, rating, claim, origin."""
    table = Table(title=f"Narratives ({len(records)} of {total})")
    for name in ("id", "rating", "claim", "origin"):
        table.add_column(name, overflow="fold")
    for r in records:
        table.add_row(plain(r.id), plain(r.rating or ""), plain(r.claim), plain(r.origin or ""))
    out().print(table)


def print_narrative_matches(query: str, matches: Sequence[Match], threshold: float) -> None:
    """The records a text retells, best first; those under the threshold dimmed."""
    table = Table(title=Text(f"Known narratives for: {query[:120]}"), show_lines=True)
    for name in ("score", "record", "rating", "claim", "found by", "debunk"):
        table.add_column(name, overflow="fold")
    for m in matches:
        style = "" if m.hit.score >= threshold else "dim"
        table.add_row(Text(f"{m.hit.score:.2f}", style=style), plain(m.record.id),
                      plain(m.record.rating or ""), Text(m.record.claim, style=style),
                      plain(m.hit.retriever), plain(m.record.urls[0] if m.record.urls else ""))
    out().print(table)
    if not matches:
        out().print("no match")
    out().print(Text(f"a match needs a score of at least {threshold:.2f}", style="dim"))
