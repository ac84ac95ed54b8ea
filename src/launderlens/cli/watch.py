"""``watch``: poll feeds, sitemaps and pages; ingest, cluster and analyse what is new; alert."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import click

from ..errors import LaunderlensError
from ..store.index_lock import LOCK_WAIT
from .common import common_options, echo, emit_json, opened_store, parse_window


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="URL...")
@click.option("--every", type=click.FloatRange(min=0.1), default=15.0, show_default=True,
              metavar="MINUTES", help="Minutes between two cycles.")
@click.option("--once", is_flag=True, help="Run one cycle and exit (for cron and tests).")
@click.option("--alerts-jsonl", type=click.Path(dir_okay=False, path_type=Path),
              help="Append each new alert to this JSON Lines file.")
@click.option("--webhook", metavar="URL", help="POST each new alert here, signed.")
@click.option("--webhook-secret-env", metavar="VAR",
              help="The environment variable that holds the webhook's shared secret "
                   "(HMAC-SHA256 of the body in the X-Launderlens-Signature header).")
@click.option("--webhook-allow-private", is_flag=True,
              help="Allow a webhook on a private, loopback or link-local address.")
@click.option("--allow-private", is_flag=True,
              help="Allow polling URLs on private, loopback and link-local addresses.")
@click.option("--story", "stories", multiple=True, metavar="ID",
              help="Alert on new copies of this story only (a story id or a member's id, "
                   "or a prefix; repeatable). Default: every story.")
@click.option("--max-pages", type=click.IntRange(min=1), default=50, show_default=True,
              help="New pages fetched per sitemap and poll; the rest wait for the next.")
@click.option("--delay", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              metavar="SECONDS", help="Least time between two requests to one host.")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Story index folder (default: beside a SQLite database file).")
@click.option("--lock-wait", type=click.FloatRange(min=0.0), metavar="SECONDS",
              help="How long a cycle waits for another run writing the story index "
                   f"before it gives up until the next cycle (default: {LOCK_WAIT:g}).")
@click.option("--window", type=click.FloatRange(min=0.0), metavar="DAYS",
              help="Keep a story's articles within this many days of each other.")
@click.option("--semantic/--no-semantic", default=None,
              help="Cluster with sentence embeddings (default: when installed, as `cluster` "
                   "does; the saved index must have been made the same way).")
@click.option("--networks", is_flag=True,
              help="Rebuild the outlet networks each cycle and alert when an outlet joins "
                   "one (aligns every story's copies: slow on a large store).")
@click.option("--analyze/--no-analyze", "analyse", default=True, show_default=True,
              help="Analyse new articles (known-narrative alerts need it).")
@common_options
def watch(sources: tuple[str, ...], every: float, once: bool, alerts_jsonl: Path | None,
          webhook: str | None, webhook_secret_env: str | None, webhook_allow_private: bool,
          allow_private: bool, stories: tuple[str, ...], max_pages: int, delay: float,
          index_dir: Path | None, lock_wait: float | None, window: float | None,
          semantic: bool | None, networks: bool, analyse: bool, db: str | None,
          as_json: bool) -> None:
    """Poll URL... (RSS/Atom feeds, sitemaps, pages) and act on what is new.

    Each cycle fetches every source with a conditional GET (a source that has not changed
    costs a 304), ingests new feed entries and sitemap pages, adds them to the stories of
    earlier runs (`cluster --incremental`), analyses them, and raises alerts: new_copy (a
    new article joins a story that had articles), known_narrative, and with --networks
    network_join. Alerts are stored (the web inbox lists them), printed, and optionally
    appended to a JSON Lines file and POSTed to a webhook. Ctrl-C stops between cycles.
    """
    from ..rewrites.incremental import IndexCache
    from ..watch import JsonlSink, WatchOptions, Webhook, run_cycle

    sinks: list[Any] = []
    if alerts_jsonl is not None:
        sinks.append(JsonlSink(alerts_jsonl))
    if webhook is not None:
        sinks.append(Webhook(webhook, _secret(webhook_secret_env),
                             allow_private=webhook_allow_private))
    elif webhook_secret_env:
        raise click.UsageError("--webhook-secret-env goes with --webhook URL")
    options = WatchOptions(tuple(sources), allow_private=allow_private, min_delay=delay,
                           max_pages=max_pages, stories=tuple(stories), index_dir=index_dir,
                           window=parse_window(window), semantic=semantic, analyze=analyse,
                           networks=networks, lock_wait=lock_wait)
    with opened_store(db) as store:
        if index_dir is None:
            from ..rewrites.incremental import default_index_dir

            default_index_dir(store)  # a store without a file needs --index: say so now
        analyzer = _analyzer(store) if analyse else None
        index_cache = IndexCache()  # the story index stays in memory from cycle to cycle
        while True:
            try:
                report = run_cycle(store, options, analyzer=analyzer, sinks=sinks,
                                   index_cache=index_cache)
            except LaunderlensError as error:
                if once:
                    raise
                # A long watch outlives one bad cycle (a locked database, a full disk).
                echo(f"error: the cycle failed: {error}", err=True)
            else:
                _show(report, as_json)
            if once:
                return
            try:
                time.sleep(every * 60)
            except KeyboardInterrupt:
                return


def _secret(variable: str | None) -> bytes:
    if not variable:
        raise click.UsageError("--webhook needs --webhook-secret-env VAR: the name of the "
                               "environment variable holding the shared secret")
    value = os.environ.get(variable, "")
    if not value:
        raise click.UsageError(f"the environment variable {variable} is empty or not set")
    return value.encode("utf-8")


def _analyzer(store: Any) -> Any:
    from ..claims.analyze import Analyzer
    from .narratives import open_matcher

    analyzer = Analyzer(semantic=False)
    analyzer.narratives = open_matcher(store, False, None)
    return analyzer


def _show(report: Any, as_json: bool) -> None:
    if as_json:
        emit_json(report.as_dict())
        return
    for poll in report.polls:
        detail = poll.error or (f"{len(poll.sources)} to ingest" +
                                (f", {poll.waiting} waiting" if poll.waiting else ""))
        echo(f"{poll.url}: {poll.status} ({detail})")
    echo(f"{len(report.ingest.stored)} new article(s), "
         f"{len(report.ingest.rejected)} rejected" +
         (f"; clustering {report.clustering}" if report.clustering else ""))
    for alert in report.alerts:
        echo(f"ALERT {alert.kind}: {alert.message}")
    for error in report.errors:
        echo(f"error: {error}", err=True)
