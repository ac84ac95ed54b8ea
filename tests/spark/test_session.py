"""The driver heap asked for, chosen without starting Spark: a quarter of the
machine's memory in local mode, bounded to 2-16 GB; the earlier 2 GB on a cluster; the
variable or the caller's config over either."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from launderlens.spark.session import driver_memory, get_session, machine_memory

GB = 2**30


@pytest.mark.parametrize(("master", "memory", "heap"), [
    ("local[2]", 24 * GB, "6g"),
    ("local", 23 * GB + GB // 2, "5g"),  # whole GB, rounded down
    ("local[*]", 4 * GB, "2g"),  # never under the earlier default
    ("local[4, 3]", 512 * GB, "16g"),
    ("local[2]", None, "2g"),  # memory unknown
    ("yarn", 64 * GB, "2g"),
    ("spark://head:7077", 64 * GB, "2g"),
    ("local-cluster[2,1,1024]", 64 * GB, "2g"),  # executors are JVMs of their own
])
def test_the_heap_follows_the_machine_only_in_local_mode(
        master: str, memory: int | None, heap: str) -> None:
    assert driver_memory(master, memory) == heap


def test_the_machine_memory_is_read_here() -> None:
    memory = machine_memory()
    assert memory is None or memory > 256 * 2**20


class _Builder:
    """Records what get_session asks of SparkSession.builder, and starts nothing."""

    def __init__(self) -> None:
        self.settings: dict[str, str] = {}

    def appName(self, name: str) -> _Builder:
        return self

    def master(self, master: str) -> _Builder:
        self.settings["master"] = master
        return self

    def config(self, key: str, value: str) -> _Builder:
        self.settings[key] = value
        return self

    def getOrCreate(self) -> Any:
        class Context:
            def setLogLevel(self, level: str) -> None:
                pass

        class Started:
            sparkContext = Context()

        return Started()


@pytest.fixture
def builder(monkeypatch: pytest.MonkeyPatch) -> _Builder:
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    from pyspark.sql import SparkSession

    fake = _Builder()
    monkeypatch.setattr(SparkSession, "builder", fake)
    monkeypatch.setattr(SparkSession, "getActiveSession", lambda: None)
    monkeypatch.delenv("LAUNDERLENS_SPARK_DRIVER_MEMORY", raising=False)
    monkeypatch.delenv("SPARK_MASTER", raising=False)
    monkeypatch.setattr("launderlens.spark.session.machine_memory", lambda: 40 * GB)
    return fake


def test_local_mode_asks_for_a_quarter_of_the_memory(builder: _Builder) -> None:
    get_session()
    assert builder.settings["master"] == "local[2]"
    assert builder.settings["spark.driver.memory"] == "10g"


def test_a_cluster_master_keeps_two_gigabytes(builder: _Builder) -> None:
    get_session("spark://head:7077")
    assert builder.settings["spark.driver.memory"] == "2g"


def test_the_variable_and_the_callers_config_come_first(
        builder: _Builder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAUNDERLENS_SPARK_DRIVER_MEMORY", "3g")
    get_session("local[2]")
    assert builder.settings["spark.driver.memory"] == "3g"
    get_session("local[2]", config={"spark.driver.memory": "7g"})
    assert builder.settings["spark.driver.memory"] == "7g"


def _cgroups(root: Path, limits: dict[str, str], membership: str) -> Path:
    """A cgroup file tree under ``root`` with ``limits`` (file -> content), and the
    process's membership file; returns the latter."""
    for name, value in limits.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(value + "\n")
    (root / "self").write_text(membership)
    return root / "self"


@pytest.mark.parametrize(("limits", "membership", "heap"), [
    # cgroup v2, a batch job limited two levels below the root (no root file there)
    ({"jobs/memory.max": str(8 * GB), "jobs/job7/memory.max": "max"},
     "0::/jobs/job7\n", 8 * GB),
    ({"jobs/job7/memory.max": str(6 * GB)}, "0::/jobs/job7\n", 6 * GB),
    # cgroup v1: the memory controller's own line names the cgroup
    ({"memory/slurm/uid_1/job_2/memory.limit_in_bytes": str(12 * GB),
      "memory/memory.limit_in_bytes": "9223372036854771712"},
     "5:cpu,cpuacct:/slurm\n4:memory:/slurm/uid_1/job_2\n0::/\n", 12 * GB),
    # a container whose root is its own cgroup: the named path is absent below it
    ({"memory.max": str(5 * GB)}, "0::/system.slice/box.scope\n", 5 * GB),
    # no limit anywhere, and a line of another form: the machine's memory
    ({"memory.max": "max"}, "odd line\n0::/\n", None),
])
def test_the_process_own_cgroup_limit_counts(
        tmp_path: Path, limits: dict[str, str], membership: str, heap: int | None) -> None:
    physical = machine_memory(tmp_path / "none", tmp_path / "none")  # no cgroup files
    got = machine_memory(tmp_path, _cgroups(tmp_path, limits, membership))
    assert got == min((x for x in (heap, physical) if x is not None), default=None)
