"""Settings in, a SparkSession out: the one place that imports pyspark and says how to
install it when it is missing.

A local session (``local[2]``) is what tests and single machines use; on a cluster,
``spark-submit`` builds the session and :func:`get_session` only tunes it.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import suppress
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["driver_memory", "get_session", "machine_memory", "require_pyspark"]

INSTALL_HINT = ("the Spark engine needs pyspark, pyarrow and pandas, and a Java runtime: "
                "pip install 'launderlens[spark]' (and a JDK 17 or newer)")


def require_pyspark() -> Any:
    """The pyspark module; ConfigError with the install hint when it is missing."""
    try:
        import pyarrow  # noqa: F401 - pandas UDFs exchange Arrow batches
        import pyspark
    except ImportError as error:
        raise ConfigError(f"{INSTALL_HINT} ({error})") from None
    return pyspark


def machine_memory(cgroups: Path = Path("/sys/fs/cgroup"),
                   membership: Path = Path("/proc/self/cgroup")) -> int | None:
    """Bytes of memory this machine gives the process: its physical memory, or the lowest
    memory limit of its cgroup (v2 or v1) and the cgroups above it; None where none can be
    read. The process's own cgroup counts, not only the root one: a batch job or a service
    is limited a few levels down, where the root file is absent or unlimited."""
    sizes = []
    with suppress(AttributeError, ValueError, OSError):  # no sysconf (Windows)
        sizes.append(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    # hierarchy (v2 "", v1 its controller's folder) -> the process's cgroup in it
    places = {"": "/", "memory": "/"}
    with suppress(OSError):
        for line in membership.read_text().splitlines():  # "id:controllers:/path"
            fields = line.split(":", 2)
            if len(fields) == 3 and (not fields[1] or "memory" in fields[1].split(",")):
                places["memory" if fields[1] else ""] = fields[2]
    for hierarchy, where in places.items():
        name = "memory.limit_in_bytes" if hierarchy else "memory.max"
        # In a container the root is often the container's own cgroup, and the path
        # named above it does not exist there: absent files are passed over.
        for folder in (PurePosixPath(where), *PurePosixPath(where).parents):
            with suppress(OSError, ValueError):  # absent, or "max" (no limit)
                sizes.append(int((cgroups / hierarchy / folder.relative_to("/") / name)
                                 .read_text()))
    return min(sizes, default=None)


def driver_memory(master: str, memory: int | None) -> str:
    """The driver heap (``spark.driver.memory``) to ask for on ``master`` when neither
    ``LAUNDERLENS_SPARK_DRIVER_MEMORY`` nor the caller's config sets one; ``memory`` is
    :func:`machine_memory`.

    In local mode (``local``, ``local[...]``) every executor is a thread of the driver's
    JVM, so this heap holds all of Spark's execution and storage memory: 2 GB ran out in
    the candidates stage at 100,000 articles where 3 GB passed. It is a quarter of the
    machine's memory, in whole GB, the share the JVM itself takes for its heap when not
    told: the rest stays for the Python workers (one per core, each holding Arrow batches),
    the page cache that shuffle files go through, and other programs. At least 2 GB (the
    earlier default) and at most 16 GB, so that a large machine's heap does not crowd out
    what a local job needs beside it; a job that needs more sets the variable. On a
    cluster the executors have heaps of their own and the driver keeps the earlier 2 GB.
    """
    if memory is None or not re.fullmatch(r"local(\[[^\]]*\])?", master):
        return "2g"
    return f"{min(max(memory // 4 // 2**30, 2), 16)}g"


def get_session(master: str | None = None, *, shuffle_partitions: int | None = None,
                app_name: str = "launderlens", config: dict[str, str] | None = None
                ) -> SparkSession:
    """The active SparkSession, or a new one on ``master`` (default ``local[2]`` unless
    ``spark-submit`` chose one). Executors run this interpreter, so that they import the
    same launderlens."""
    require_pyspark()
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app_name)
    chosen = master or os.environ.get("SPARK_MASTER") or "local[2]"
    if master or not os.environ.get("SPARK_MASTER"):
        builder = builder.master(chosen)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": str(shuffle_partitions or 8),
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        # Joins shuffle rather than broadcast: a side with article texts and vectors can
        # look small to the planner and still not fit the driver (seen at 30,000 articles).
        "spark.sql.autoBroadcastJoinThreshold": "-1",
        "spark.sql.adaptive.autoBroadcastJoinThreshold": "-1",
        "spark.pyspark.python": sys.executable,
        "spark.driver.memory": os.environ.get("LAUNDERLENS_SPARK_DRIVER_MEMORY")
        or driver_memory(chosen, machine_memory()),
        **(config or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
