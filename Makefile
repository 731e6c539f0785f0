# The two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PYTEST_ARGS ?=

.PHONY: run test bench seed-large lint screenshots clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

## make run: install, seed the demo data on first start, serve the app on http://localhost:$(PORT)
run: $(VENV)/.runtime
	$(PY) -m seed --profile demo --if-empty
	$(PY) -m scripts.serve --server.port $(PORT)

## make test: lint, then unit, page (AppTest), browser (Playwright + chromium) and PostgreSQL tests
test: $(VENV)/.dev
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium could not be installed: browser tests will skip (and fail in CI)"
	$(PY) -m ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

## make bench: seed (or reuse) the large profile and print the benchmark table
bench: $(VENV)/.dev
	$(PY) -m bench

lint: $(VENV)/.dev
	$(PY) -m ruff check .

screenshots: $(VENV)/.dev
	$(PY) -m scripts.screenshots

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
