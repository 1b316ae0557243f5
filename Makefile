PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test samples lint bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# exit 1 means "done, with data problems listed": the samples leave some hours blank on purpose
demo: $(STAMP)
	$(BIN)/needscli validate data/samples/cadres.xlsx || [ $$? -eq 1 ]
	$(BIN)/needscli analyze data/samples/cadres.xlsx --as-of 2026-11-01 -o needscli-out || [ $$? -eq 1 ]

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

samples: $(STAMP)
	$(BIN)/python data/samples/make_samples.py

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]' || echo "bench extras not installed: no fast floor"
	$(BIN)/python benchmarks/run.py --sizes 10000,100000

# the readers fuzzed for FUZZ_SECONDS: rounds of FUZZ_EXAMPLES examples a reader, each with a new seed
# (make test runs a few); FUZZ_SEED=N repeats one round
FUZZ_SECONDS ?= 300
FUZZ_EXAMPLES ?= 500
fuzz: $(STAMP)
	$(BIN)/python tests/hostile/run_fuzz.py --seconds $(FUZZ_SECONDS) --examples $(FUZZ_EXAMPLES) $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

clean:
	rm -rf $(VENV) needscli-out .pytest_cache
