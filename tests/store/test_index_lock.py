"""The writer lock's wait is defined once, in a module light enough for the command line:
importing it loads neither numpy nor the clustering code, and the help of both commands
that take ``--lock-wait`` states the library's own default."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from launderlens.cli import main
from launderlens.store.index_lock import LOCK_WAIT


def test_the_lock_module_loads_no_numpy_and_no_index_code() -> None:
    probe = ("import sys; import launderlens.store.index_lock; "
             "print(sorted(m for m in ('numpy', 'launderlens.rewrites') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


@pytest.mark.parametrize("command", [["cluster"], ["watch"]])
def test_the_help_states_the_library_default(command: list[str]) -> None:
    shown = CliRunner().invoke(main, [*command, "--help"])
    assert shown.exit_code == 0, shown.output
    option = " ".join(shown.output.split()).split("--lock-wait", 1)[1]
    stated = re.search(r"\(default: ([0-9.]+)[;)]", option)
    assert stated is not None and float(stated.group(1)) == LOCK_WAIT
