# Two commands do all the set-up on a fresh machine (Python 3.11 assumed):
#   make demo   install, migrate SQLite, seed workshop n°1, serve on http://127.0.0.1:8000
#   make test   install the test extras, lint, check migrations, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers (this machine has two cores); each has its own test database and server.
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: demo test deps test-deps lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

deps: $(VENV)/.deps
test-deps: $(VENV)/.test-deps

demo: deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py prepare_demo --base-url http://$(HOST):$(PORT)
	@echo "Arrêt : Ctrl+C. Les données restent dans var/db.sqlite3."
	$(BIN)/daphne --bind $(HOST) --port $(PORT) fne92.asgi:application

test: test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint: test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: test-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache .ruff_cache
