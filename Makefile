# fwcompare: `make help` lists the targets. Everything runs inside a project virtualenv (.venv),
# created and kept in sync with pyproject.toml on demand, so each target does its own set-up.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.fwcompare-installed
NOTEBOOK ?= notebooks/01-django-vs-flask.ipynb
PORT ?= 8866
PROFILE ?= learning
REPORTS ?= reports
# JupyterLab refuses to start as root unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.DEFAULT_GOAL := help
.PHONY: help setup lab dashboard report notebook-report slides test test-fast unit-fast-app-cli unit-fast-rest lint format bench evidence evidence-full clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 is required")'
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml changed (or the venv is new): fast when nothing changed.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(UV) pip install --quiet --python $(PY) --compile-bytecode -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) ## create/refresh the virtualenv (.venv) with every dependency

# Lab also reads .jupyter/jupyter_server_config.py (first on the config path; your own config
# still applies): saving a notebook under notebooks/ drops its outputs, execution counts and widget
# state, so running the bundled notebooks leaves `git status` clean. KEEP_OUTPUTS=1 leaves that
# out (outputs are saved into the tracked file); LAB_ARGS adds options.
LAB_CONFIG_PATH := JUPYTER_CONFIG_PATH="$(CURDIR)/.jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}"
lab: $(STAMP) ## open the main notebook (the explorer) in JupyterLab on 127.0.0.1
	$(if $(KEEP_OUTPUTS),,$(LAB_CONFIG_PATH)) $(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 \
	    $(ALLOW_ROOT) $(LAB_ARGS) $(NOTEBOOK)

# PRESET=id opens on that preset (default: the comparison's first), COMPARISON=key on another
# bundled comparison; DASHBOARD_ARGS passes more (python -m fwcompare_nb dashboard --help).
dashboard: $(STAMP) ## serve the dashboard app with Voila on 127.0.0.1 (PORT=8866, PRESET=..., COMPARISON=...)
	$(PY) -m fwcompare_nb dashboard --port=$(PORT) $(if $(PRESET),--preset=$(PRESET)) \
	    $(if $(COMPARISON),--comparison=$(COMPARISON)) $(DASHBOARD_ARGS)

report: $(STAMP) ## one self-contained HTML report for a preset: make report PROFILE=large-project
	$(PY) -m fwcompare_nb report --profile $(PROFILE) -o $(REPORTS)/report-$(PROFILE).html

notebook-report: $(STAMP) ## notebook 01 run by papermill for PROFILE, as HTML without code (explorer as images)
	mkdir -p $(REPORTS)
	$(VENV)/bin/papermill --cwd notebooks -k python3 --log-level WARNING $(NOTEBOOK) \
	    $(REPORTS)/01-$(PROFILE).ipynb -p profile $(PROFILE) -p static True
	$(VENV)/bin/jupyter nbconvert --to html --no-input $(REPORTS)/01-$(PROFILE).ipynb

# One HTML file with reveal.js inline (from the sphinx-revealjs package): opens offline, from file://.
slides: $(STAMP) ## notebook 01 as reveal.js slides that open offline, code hidden ($(REPORTS)/01-slides.slides.html)
	$(PY) -m fwcompare_nb.reporting.slides $(NOTEBOOK) -o $(REPORTS)/01-slides.slides.html \
	    -p profile $(PROFILE)

test: lint ## lint, then every test: tests/unit and tests/integration (notebooks, browsers, PDF); what CI runs
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: lint ## lint, then the unit tests not marked slow (two pytest processes; ~90 s each on 2 cores)
	$(MAKE) --no-print-directory -j2 --output-sync=target unit-fast-app-cli unit-fast-rest

# The two halves of test-fast, one per core (about 90 s each, 2026-12-01); together: tests/unit -m "not slow".
unit-fast-app-cli:
	$(PY) -m pytest tests/unit/app tests/unit/cli -m "not slow" $(PYTEST_ARGS)

unit-fast-rest:
	$(PY) -m pytest tests/unit --ignore=tests/unit/app --ignore=tests/unit/cli -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP) ## ruff lint and format check, the layer contracts (import-linter), types (mypy)
	$(PY) -m ruff check fwcompare_nb tests benchmarks tools
	$(PY) -m ruff format --check fwcompare_nb tests benchmarks tools
	$(VENV)/bin/lint-imports
	$(PY) -m mypy

format: $(STAMP) ## apply ruff formatting and safe fixes
	$(PY) -m ruff check --fix fwcompare_nb tests benchmarks tools
	$(PY) -m ruff format fwcompare_nb tests benchmarks tools

bench: $(STAMP) ## print the speed figures: kernels, explorer kernel time, dashboard in Chromium
	$(PY) benchmarks/bench_kernels.py
	$(PY) benchmarks/bench_explorer.py
	$(PY) benchmarks/bench_smaa.py
	$(PY) benchmarks/bench_browser.py

# EVIDENCE_ARGS passes options on, e.g. EVIDENCE_ARGS="--out /tmp/m.csv --frameworks flask".
evidence: $(STAMP) ## measure the minimal apps (quick, < 2 min; first run builds venvs from PyPI)
	$(PY) -m tools.evidence --quick $(EVIDENCE_ARGS)

evidence-full: $(STAMP) ## the same with more repeats, longer loads, gunicorn and waitress (slow)
	$(PY) -m tools.evidence --full $(EVIDENCE_ARGS)

clean: ## remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
