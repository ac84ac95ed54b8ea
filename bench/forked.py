"""Run one benchmark phase in a forked child, so that its peak memory is its own.

Every bench script measures its phases this way; the child sends back the phase's result
with its peak resident memory, or its traceback, so a failing phase stops the bench with
the reason instead of leaving the parent waiting.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import traceback
from collections.abc import Callable
from typing import Any


def _child(fn: Callable[[], dict[str, Any]], queue: Any) -> None:
    try:
        result = fn()
    except BaseException:  # the parent waits on the queue: always answer it
        queue.put({"error": traceback.format_exc()})
        raise
    # Worker processes of the phase count too: the larger of this process's peak and that
    # of its biggest child (they run side by side, so the sum bounds the phase).
    peak = max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    result["peak_rss_mb"] = round(peak / 1024, 1)
    queue.put(result)


def in_child(fn: Callable[[], dict[str, Any]], name: str = "") -> dict[str, Any]:
    """``fn()`` run in a forked child, with ``peak_rss_mb`` and the one-minute load average
    before and after (``load_1min``) added; SystemExit with the child's traceback if it
    failed."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, queue))
    load_before = os.getloadavg()[0]
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    if "error" in result:
        label = name or getattr(fn, "__name__", "phase")
        raise SystemExit(f"benchmark phase {label} failed:\n{result['error']}")
    result["load_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return result
