# The two commands of the README: `make run` and `make test`.
# Both create .venv on first use and reinstall only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   := fixtures/leicester-data-breaches-2019.txt

.PHONY: run test lint typecheck unit golden bench ab score train review clean

# Set-up steps talk on stderr, so that `make run > seed.json` holds nothing but the JSON.
$(BIN)/python:
	@echo "creating $(VENV)" >&2
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip >&2

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "installing foiparse into $(VENV)" >&2
	@$(BIN)/python -m pip install -q -e . >&2
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	@echo "installing foiparse with the dev extras into $(VENV)" >&2
	@$(BIN)/python -m pip install -q -e '.[dev]' >&2
	@touch $@ $(VENV)/.installed

## run: install, print the seed's JSON, ingest fixtures/ into foiparse.sqlite
# The package's bytecode is written first (only what changed): an editable install in an
# environment with PYTHONDONTWRITEBYTECODE set would otherwise compile every module at
# every start, about 80 ms of a cold `foiparse FILE`. Then the pattern cache beside it
# (tools/build_patterns.py): every regex already compiled, about 100 ms more of a cold start.
run: $(VENV)/.installed
	@$(BIN)/python -m compileall -q src/foiparse >&2 || true
	@$(BIN)/python tools/build_patterns.py >&2
	@$(BIN)/foiparse $(SEED)
	@$(BIN)/foiparse ingest fixtures --db foiparse.sqlite

## review: the review site of fixtures/ (after make run, which ingests them): open review-site/index.html
review: $(VENV)/.installed
	@test -f foiparse.sqlite || $(BIN)/foiparse ingest fixtures --db foiparse.sqlite -q
	@$(BIN)/foiparse review --db foiparse.sqlite -o review-site --collate --no-progress
	@echo "open review-site/index.html in a browser" >&2

## test: lint, type checks and the whole test suite
test: $(VENV)/.installed-dev lint typecheck unit

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks fuzz tools fixtures/make_pdfs.py fixtures/make_office.py fixtures/make_scans.py fixtures/massfoi/make_massfoi.py
	$(BIN)/ruff format --check src tests benchmarks fuzz tools fixtures/make_pdfs.py fixtures/make_office.py fixtures/make_scans.py fixtures/massfoi/make_massfoi.py

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

unit: $(VENV)/.installed-dev
	$(BIN)/pytest -q

## golden: rewrite fixtures/*.expected.json from the current parser (review the diff!)
golden: $(VENV)/.installed-dev
	$(BIN)/python tests/regen_golden.py

## bench: issue #16's targets and the floor, as ratios in one run (not part of the tests; 6 minutes on a quiet 2-core machine, longer under load)
# The bytecode is written first, as by `make run`: the cold-start targets are for that state.
# One section, or smaller: make bench BENCH_ARGS="--only cli,pdf" (see benchmarks/bench.py --help).
BENCH_ARGS ?=
bench: $(VENV)/.installed-dev
	@$(BIN)/python -m compileall -q src/foiparse >&2 || true
	@$(BIN)/python tools/build_patterns.py >&2
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

## ab: warm speed of this tree against an earlier commit, interleaved (make ab REV=HEAD~3)
REV ?= HEAD
ab: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/ab.py $(REV)

## train: refit the weighed decisions' weights on ../shared/corpus (review the diff of src/foiparse/data/weights)
train: $(VENV)/.installed-dev
	$(BIN)/python tools/train.py

## score: precision/recall on the real responses in ../shared/corpus
score: $(VENV)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/eval/score.py

clean:
	rm -rf $(VENV) foiparse.sqlite review-site build/test-artifacts .mypy_cache .pytest_cache .ruff_cache
