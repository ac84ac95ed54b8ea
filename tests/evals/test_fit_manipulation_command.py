"""The command behind the pinned manipulation weights (``evals/fit_manipulation.py``): its
usage line names every option the script takes, and the command its docstring gives still
fits the weights pinned in :mod:`launderlens.rewrites.verdicts`, so that a change of the
detectors that moves them fails here until they are refitted."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType

import pytest

from launderlens.rewrites.verdicts import MANIPULATION_BIAS, MANIPULATION_WEIGHTS

# The pin rounds to three decimals; a drift below this moves no copy's score by much.
DRIFT = 0.02


@pytest.fixture(scope="module")
def fit(load_eval: Callable[[str], ModuleType]) -> ModuleType:
    return load_eval("fit_manipulation")


def test_the_usage_line_names_every_option(fit: ModuleType,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        fit.main(["--help"])
    options = set(re.findall(r"--[\w-]+", capsys.readouterr().out)) - {"--help"}
    usage = str(fit.__doc__).rsplit("::", 1)[1]
    assert options and options <= set(re.findall(r"--[\w-]+", usage)), options


@pytest.mark.slow
def test_the_documented_command_gives_the_pinned_weights(
        fit: ModuleType, load_eval: Callable[[str], ModuleType],
        capsys: pytest.CaptureFixture[str]) -> None:
    if not load_eval("align_verdicts").corruptions_available():
        pytest.skip("LLMFake or SheepDog data not found (they live in ../shared/data)")
    command = re.search(r"The pinned weights\s+come from ``(.+?)``", str(fit.__doc__), re.S)
    assert command, "the docstring no longer gives the command behind the pinned weights"
    fit.main(command.group(1).split())
    printed = capsys.readouterr().out
    bias = re.search(r"^BIAS = (\S+)$", printed, re.M)
    assert bias
    fitted = {name: float(value)
              for name, value in re.findall(r"^\s+'(\w+)': (\S+),$", printed, re.M)}
    assert fitted.keys() == MANIPULATION_WEIGHTS.keys()
    drifted = {name: (MANIPULATION_WEIGHTS[name], weight) for name, weight in fitted.items()
               if abs(MANIPULATION_WEIGHTS[name] - weight) > DRIFT}
    assert abs(float(bias.group(1)) - MANIPULATION_BIAS) <= DRIFT, bias.group(1)
    assert not drifted, drifted
