# Set-up and everyday commands. Every target creates the project's environment in .venv/ first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR := demo-output

.PHONY: demo test lint typecheck unit bench bench-portal bench-release docs clean system-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "kostra needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## demo: a synthetic year loaded as if most units had delivered, the portal on http://127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/python scripts/demo.py $(DEMO_DIR) $(DEMO_ARGS)

## test: lint, type-check and run the whole test suite
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) system-deps
	$(BIN)/pytest

## system-deps: PostgreSQL and Chromium from Debian's packages, for the tests (installed if missing)
system-deps:
	@scripts/system-deps.sh

## bench: national-scale extracts, timed read and control run (figures, not a test)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

## bench-portal: deadline day at the portal, every unit uploads and submits (figures, not a test)
bench-portal: $(STAMP) system-deps
	$(BIN)/python scripts/bench_portal.py

## bench-release: a whole national year from accepted submissions to every release file
bench-release: $(STAMP)
	$(BIN)/python scripts/bench_release.py

## docs: regenerate docs/controls.md from the rule registry
docs: $(STAMP)
	$(BIN)/kostra rules doc > docs/controls.md

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache .hypothesis
