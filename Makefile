# The README's two commands are `make demo` and `make test`; the rest are helpers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The Vietnamese catalogue, compiled by the build (never committed).
PO := src/tdkt/locale/vi/LC_MESSAGES/django.po
MO := $(PO:.po=.mo)

.PHONY: demo test test-sqlite test-postgres lint bench load install serve clean messages

$(STAMP): pyproject.toml package.json scripts/ensure-system-packages
	scripts/ensure-system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	npm install --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP) $(MO)

$(MO): $(PO) | $(STAMP)
	cd src/tdkt && ../../$(BIN)/tdkt compilemessages -v0
	touch $@

## The catalogue from the sources: every new gettext string, with the translations kept
messages: $(STAMP)
	cd src/tdkt && ../../$(BIN)/tdkt makemessages -l vi --no-location --ignore 'static/*' -v0

## Install, build the demo sector (once) and serve it on http://127.0.0.1:8000
demo: $(STAMP) $(MO)
	$(BIN)/tdkt migrate --noinput -v0
	$(BIN)/tdkt demo --keep-existing
	$(BIN)/tdkt serve

serve: $(STAMP) $(MO)
	$(BIN)/tdkt serve

## The whole test suite, on SQLite, or on PostgreSQL when DATABASE_URL points there
test: $(STAMP) $(MO)
	$(BIN)/python -m pytest -n auto --dist loadscope

lint: $(STAMP)
	$(BIN)/ruff check src tests bench e2e
	$(BIN)/ruff format --check src tests bench e2e
	$(BIN)/tdkt makemigrations --check --dry-run
	$(BIN)/tdkt check

bench: $(STAMP)
	$(BIN)/python bench/bench_demo.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_engine.py
	$(BIN)/python bench/bench_scan.py
	$(BIN)/python bench/bench_reports.py
	$(BIN)/python bench/bench_onboarding.py
	$(BIN)/python bench/bench_backup.py

## The server under 50 signed-in users (bench/load): LOAD_ARGS="--models sync:2,gthread:2x4"
LOAD_VENV := bench/load/.venv
$(LOAD_VENV)/.installed: bench/load/requirements.txt
	test -x $(LOAD_VENV)/bin/python || $(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/load/requirements.txt
	touch $@

load: $(STAMP) $(MO) $(LOAD_VENV)/.installed
	$(BIN)/python bench/load/run.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) $(LOAD_VENV) node_modules var .pytest_cache
