"""The usage line of ``evals/fit_manipulation.py`` names every option the script takes: the
pinned weights come from a documented command, and a reader who copies the usage line must
be able to see every knob that command may set."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType

import pytest


def test_the_usage_line_names_every_option(load_eval: Callable[[str], ModuleType],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    fit = load_eval("fit_manipulation")
    with pytest.raises(SystemExit):
        fit.main(["--help"])
    options = set(re.findall(r"--[\w-]+", capsys.readouterr().out)) - {"--help"}
    usage = str(fit.__doc__).rsplit("::", 1)[1]
    assert options and options <= set(re.findall(r"--[\w-]+", usage)), options
