"""Terminal rendering for the CLI: tables and summaries drawn with rich.

Article text, titles and outlet names are written by adversaries, so they are always
passed to rich as plain ``Text`` (never as markup): a title like ``[link=...]`` must
print as itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .model import Article, Rejection, Sentence

if TYPE_CHECKING:
    from .demo import DemoResult
    from .ingest import IngestReport


def out() -> Console:
    """A console for standard output, made per call so the terminal width is current."""
    return Console(highlight=False)


def plain(value: object) -> Text:
    """A table cell that rich will not interpret."""
    return Text("" if value is None else str(value))


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
    table.add_column("title", overflow="fold", ratio=3)
    for a in rows:
        table.add_row(plain(a.id), plain(_date(a)), plain(a.outlet or a.domain),
                      plain(a.section), plain(a.title))
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
    db = result.database
    out().print(Text(f"Stored in {db}\nNext: `launderlens articles --db {db}` lists them, "
                       f"`launderlens show ID --db {db}` shows one with its sentences."))
