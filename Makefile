# Talkdown. `make play` and `make test` work on a fresh machine with only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test test-core lint typecheck browser bench fuzz eval schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/talkdown

# Lint and types first (they fail fast), then the authored files, then every test in parallel
# (the shipped walkthroughs run inside pytest, one test each: tests/scenario/test_shipped_walkthroughs.py).
test: lint typecheck browser
	$(BIN)/talkdown check scenarios/ rubrics/
	$(BIN)/python -m pytest -n auto

# The browser test of `talkdown serve` (tests/serve/) drives Debian's chromium through its chromedriver: installed
# here when missing, on Debian as root (as CI runs); otherwise one line says why that test will be skipped.
BROWSER_PACKAGES := chromium chromium-driver
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES)
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null; then \
	  echo "The browser test will be skipped: chromium or chromedriver is missing and this is not Debian."; \
	elif [ "$$(id -u)" != 0 ]; then \
	  echo "The browser test will be skipped: chromium or chromedriver is missing (as root: apt-get install $(BROWSER_PACKAGES))."; \
	elif ! { $(APT_INSTALL) >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && $(APT_INSTALL) >/dev/null 2>&1; }; }; then \
	  echo "The browser test will be skipped: apt-get could not install $(BROWSER_PACKAGES)."; \
	fi

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

# Thousands of malformed scenarios, rubrics and transcripts through every command (tests/fuzz/run.py),
# then the sweep (a wrong type at every key path of every shipped file, about 1,600 more):
# each must exit 0 or 2 (1 where documented) within 15 s, with no traceback and the file named.
# `make test` runs a few hundred of them (tests/test_fuzz.py). FUZZ_CASES=n FUZZ_SEED=n to change.
FUZZ_CASES ?= 3000
FUZZ_SEED  ?= 1
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz.run --cases $(FUZZ_CASES) --seed $(FUZZ_SEED) --sweep

eval: $(STAMP)
	$(BIN)/python -m simulator.language.eval_report

schema: $(STAMP)
	$(BIN)/talkdown schema > docs/scenario.schema.json
	$(BIN)/talkdown schema --rubric > docs/rubric.schema.json

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache
