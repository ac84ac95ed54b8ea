# The two set-up commands of the README: `make demo` and `make test`.
# Both create a virtual environment in .venv and install into it, so they work on a
# fresh machine with nothing but Python 3.11+ (and apt-get for the test services).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
# Every install takes the tested versions (constraints.txt). Where the plain package index
# resolves torch to its CUDA build, name PyTorch's CPU-only wheel index:
#   make test TORCH_INDEX=https://download.pytorch.org/whl/cpu
PIP     = $(BIN)/pip install -q -c constraints.txt
TORCH_INDEX ?=
TORCH_PIN   = $(shell sed -n 's/^torch==//p' constraints.txt)

.PHONY: demo test lint bench install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.base: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[web]'
	touch $@

# dev brings the onnx extra (and onnx/onnxscript for the export tests); semantic brings torch.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -c 'import torch' 2>/dev/null || \
		$(BIN)/pip install -q $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX)) 'torch==$(TORCH_PIN)'
	$(PIP) -e '.[dev,semantic]'
	touch $@

demo: $(VENV)/.base
	$(BIN)/launderlens demo

install-dev: $(STAMP)

# Starts a throwaway PostgreSQL server (installing it with apt-get if needed) so that
# the store conformance tests run against both backends, installs Debian's Chromium
# for the browser tests of the web app and a Java runtime for the Spark tests.
test: $(STAMP)
	out="$$(scripts/pg-test-server.sh)" || { echo "$$out"; exit 1; }; \
	LAUNDERLENS_TEST_PG="$$(printf '%s\n' "$$out" | tail -n 1)" && export LAUNDERLENS_TEST_PG && \
	LAUNDERLENS_CHROMIUM="$$(scripts/chromium.sh | tail -n 1)" && export LAUNDERLENS_CHROMIUM && \
	JAVA_HOME="$$(scripts/java.sh | tail -n 1)" && export JAVA_HOME && \
	$(BIN)/ruff check src tests bench evals && \
	$(BIN)/mypy && \
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
