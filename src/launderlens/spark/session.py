"""Settings in, a SparkSession out: the one place that imports pyspark and says how to
install it when it is missing.

A local session (``local[2]``) is what tests and single machines use; on a cluster,
``spark-submit`` builds the session and :func:`get_session` only tunes it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["get_session", "require_pyspark"]

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
    if master or not os.environ.get("SPARK_MASTER"):
        builder = builder.master(master or os.environ.get("SPARK_MASTER") or "local[2]")
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
        "spark.driver.memory": os.environ.get("LAUNDERLENS_SPARK_DRIVER_MEMORY", "2g"),
        **(config or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
