# The README's two commands are `make demo` and `make test`; the rest are helpers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-sqlite test-postgres lint bench install serve clean

$(STAMP): pyproject.toml package.json scripts/ensure-system-packages
	scripts/ensure-system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	npm install --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

## Install, build the demo sector (once) and serve it on http://127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/tdkt migrate --noinput -v0
	$(BIN)/tdkt demo --keep-existing
	$(BIN)/tdkt serve

serve: $(STAMP)
	$(BIN)/tdkt serve

## The whole test suite, on SQLite, or on PostgreSQL when DATABASE_URL points there
test: $(STAMP)
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

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
