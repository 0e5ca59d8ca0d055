# Talkdown. `make play` and `make test` work on a fresh machine with only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test bench eval check lint-imports schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/talkdown

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/talkdown check scenarios/ rubrics/
	$(BIN)/talkdown test scenarios/
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

eval: $(STAMP)
	$(BIN)/python -m simulator.language.evaluate

schema: $(STAMP)
	$(BIN)/talkdown schema > docs/scenario.schema.json
	$(BIN)/talkdown schema --rubric > docs/rubric.schema.json

clean:
	rm -rf $(VENV) build *.egg-info
