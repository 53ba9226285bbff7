# eigenplan — every target does its own set-up on a machine with only Python 3.11 and make.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export EIGENPLAN_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test lint format css bench messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

## make demo: install, migrate, load the demo municipality, serve on http://127.0.0.1:8000
demo: $(STAMP)
	EIGENPLAN_DEMO=1 $(BIN)/eigenplan demo

## make test: lint, then the whole suite (browser journeys included)
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	EIGENPLAN_DEMO=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

## make css: rebuild the NL Design System CSS and htmx from the npm registry
css:
	bash frontend/build.sh

## make messages: refresh and compile the translations
messages: $(STAMP)
	cd src/eigenplan && EIGENPLAN_DEMO=1 ../../$(BIN)/django-admin makemessages -l en -l nl --settings=eigenplan.settings
	cd src/eigenplan && EIGENPLAN_DEMO=1 ../../$(BIN)/django-admin compilemessages --settings=eigenplan.settings

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
