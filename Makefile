# Talkdown. `make play` and `make test` work on a fresh machine with only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test test-core lint typecheck bench eval schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/talkdown

# Lint and types first (they fail fast), then the authored files, then every test in parallel
# (the shipped walkthroughs run inside pytest, one test each: tests/scenario/test_shipped_walkthroughs.py).
test: lint typecheck
	$(BIN)/talkdown check scenarios/ rubrics/
	$(BIN)/python -m pytest -n auto

# The core suite alone, without the app's tests or the whole-scenario plays (about 20 seconds).
test-core: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not tui and not plays"

lint: $(STAMP)
	$(BIN)/ruff check simulator tests benchmarks
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

eval: $(STAMP)
	$(BIN)/python -m simulator.language.eval_report

schema: $(STAMP)
	$(BIN)/talkdown schema > docs/scenario.schema.json
	$(BIN)/talkdown schema --rubric > docs/rubric.schema.json

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache
