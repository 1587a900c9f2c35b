# GBA Talent Bridge: set-up, demo, tests and benchmarks.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Parallel test workers (pytest-xdist); a test file stays on one worker, so module fixtures load once.
TEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile

.PHONY: install demo serve test lint types contracts openapi openapi-check test-py test-pg bench lock clean system-deps

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements.lock
	@# Put src/ on the environment's path, so `.venv/bin/python -m talentbridge.rules ...` works anywhere.
	$(PY) -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'talentbridge.pth').write_text(str(pathlib.Path('src').resolve()) + '\n')"
	touch $(STAMP)

install: $(STAMP)

## Regenerate the lock file after changing pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_reference
	$(PY) manage.py load_demo
	$(PY) manage.py process_deadlines
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://$(HOST):$(PORT)/ with a background task worker (Ctrl-C stops both)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py run_worker --verbosity 0 & \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check src tests bench config
	$(VENV)/bin/ruff format --check src tests bench config

types: install
	$(VENV)/bin/mypy

contracts: install
	PYTHONPATH=src $(VENV)/bin/lint-imports

openapi: install
	$(PY) manage.py export_openapi --output openapi/openapi.json

openapi-check: install
	$(PY) manage.py export_openapi --check openapi/openapi.json

system-deps:
	scripts/ensure-system-deps

test-py: install system-deps
	$(PY) manage.py compilemessages --ignore .venv --verbosity 0
	$(PYTEST)

## The whole suite once more against PostgreSQL (DATABASE_URL or the local server).
test-pg: install
	DATABASE_URL=$${PG_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/talentbridge} REQUIRE_POSTGRES=1 $(PYTEST)

test: lint types contracts openapi-check test-py
	@if [ "$$CI" = "true" ]; then $(MAKE) --no-print-directory test-pg; fi

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) var/test* .pytest_cache .mypy_cache .ruff_cache
