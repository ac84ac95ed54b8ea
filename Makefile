# The two set-up commands of the README: `make demo` and `make test`.
# Both create a virtual environment in .venv and install into it, so they work on a
# fresh machine with nothing but Python 3.11+ (and apt-get for the test services).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test lint bench install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.base: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[web]'
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,semantic]'
	touch $@

demo: $(VENV)/.base
	$(BIN)/launderlens demo

install-dev: $(STAMP)

# Starts a throwaway PostgreSQL server (installing it with apt-get if needed) so that
# the store conformance tests run against both backends, and installs Debian's Chromium
# for the browser tests of the web app.
test: $(STAMP)
	out="$$(scripts/pg-test-server.sh)" || { echo "$$out"; exit 1; }; \
	LAUNDERLENS_TEST_PG="$$(printf '%s\n' "$$out" | tail -n 1)" && export LAUNDERLENS_TEST_PG && \
	LAUNDERLENS_CHROMIUM="$$(scripts/chromium.sh | tail -n 1)" && export LAUNDERLENS_CHROMIUM && \
	$(BIN)/ruff check src tests bench evals && \
	$(BIN)/mypy && \
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
