"""Watching sources: feeds, sitemaps and pages in; new articles stored, clustered into the
stories of earlier runs and analysed, and alerts out.

Each cycle (:func:`run_cycle`) polls every source with a conditional GET and per-host
politeness (:mod:`.poll`), ingests what is new, adds it to the saved story index
(:func:`launderlens.rewrites.incremental.cluster_incremental`), analyses the new
articles, and raises alerts (:mod:`.alerts`): ``new_copy``, ``known_narrative`` and, when
asked, ``network_join``. Alerts are kept in the store (the web inbox lists them) and
handed to sinks: the terminal, a JSON Lines file, a signed webhook.
"""

from __future__ import annotations

from .alerts import JsonlSink, Webhook, sign
from .cycle import CycleReport, WatchOptions, run_cycle
from .poll import HostPacer, Poller, PollResult

__all__ = ["CycleReport", "HostPacer", "JsonlSink", "PollResult", "Poller", "WatchOptions",
           "Webhook", "run_cycle", "sign"]
