# The two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PYTEST_ARGS ?= -n 2 --dist load --durations=15  # both cores (pytest-xdist); tests stand alone in any order

.PHONY: run test bench seed-large lint screenshots clean translations extract

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

## make translations: compile the catalogs (locales/*/LC_MESSAGES/messages.po → .mo); run and test call it
translations: $(VENV)/.runtime
	$(PY) -m scripts.compile_catalogs

## make extract: collect the marked strings into locales/messages.pot and merge them into each catalog
extract: $(VENV)/.dev
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _ -k N_ -k M -k M_plural:1,2 -k ngettext:1,2 -k pgettext:1c,2 \
		--sort-by-file --width 120 --no-location -o locales/messages.pot .
	for lang in zh_Hans zh_Hant; do test -f locales/$$lang/LC_MESSAGES/messages.po || \
		$(VENV)/bin/pybabel -q init -i locales/messages.pot -d locales -D messages -l $$lang --width 120; done
	$(VENV)/bin/pybabel -q update -i locales/messages.pot -d locales -D messages --width 120 --no-fuzzy-matching --ignore-obsolete

## make run: install, seed the demo data on first start, serve the app on http://localhost:$(PORT)
run: $(VENV)/.runtime translations
	$(PY) -m seed --profile demo --if-empty
	$(PY) -m scripts.serve --server.port $(PORT)

## make test: lint, then unit, page (AppTest), browser (Playwright + chromium) and PostgreSQL tests
test: $(VENV)/.dev translations
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; } || [ "$$(id -u)" != 0 ] || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } || \
		echo "chromium (or the CJK fonts) could not be installed: browser tests will skip (and fail in CI)"
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
