# danvan: `make run` installs and serves on SQLite with the real units and a demo; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PIP_FLAGS ?= --disable-pip-version-check --quiet
# E-mails link to the address the server listens on, unless told otherwise.
export SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run install install-dev setup serve dev test bench bench-smoke lint format migrations-check messages clean

run: setup serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install $(PIP_FLAGS) -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install $(PIP_FLAGS) -r requirements-dev.txt -c constraints.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

setup: install
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_units
	$(BIN)/python manage.py setup_demo --url http://$(HOST):$(PORT)
	$(BIN)/python manage.py load_demo

# The web server and the background-job consumer (e-mails, deadline reminders) run together.
serve:
	$(BIN)/python manage.py run_huey --workers 1 --quiet & HUEY_PID=$$!; \
	trap 'kill $$HUEY_PID 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn danvan.config.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile - --log-level warning

dev: setup
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Browser tests run in a session of their own: they need transactional tests, whose
# flushes would otherwise empty the seeded reference data under the tests that follow.
test: install-dev
	@scripts/ensure-chromium
	$(BIN)/pytest -n 2 --dist loadfile -m "not browser" $(PYTEST_ARGS)
	$(BIN)/pytest -n 2 --dist loadfile -m browser $(PYTEST_ARGS)

# Benchmarks (not part of the suite): BENCH_SIZE=small|medium|large, BENCH_DATABASE_URL to choose the database.
BENCH_SIZE ?= medium
bench: install
	$(BIN)/python -m benchmarks --size $(BENCH_SIZE) $(BENCH_ARGS)

# CI's smoke check: the small set, short runs, nothing appended to BENCHMARKS.md; fails on a
# lost or refused request, never on a missed speed target.
bench-smoke: install
	$(BIN)/python -m benchmarks --size small --seconds 5 --users 2 --page-users 4 --no-record --strict

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: install
	cd danvan && ../$(BIN)/python ../manage.py makemessages -l en --no-obsolete && ../$(BIN)/python ../manage.py compilemessages -l en

clean:
	rm -rf $(VENV) var
