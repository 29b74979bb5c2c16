# The two commands: `make report` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Python may write its bytecode caches (the gitignored __pycache__ folders) even where the environment says not to
# (PYTHONDONTWRITEBYTECODE, set in some containers): otherwise every test worker, kernel and subprocess compiles
# the package again and pytest rewrites every test module again, on every run (about 1.3 s per test worker).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help report test lint lab notebooks data data-dictionary datapackage data-manifest tile-grid benchmark clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $(STAMP)

report: $(STAMP)  ## execute the notebooks and write reports/index.html (FORCE=1: replace files not its own)
	$(PY) -m analysis report$(if $(FORCE), --force)

# One worker per core: the suite is CPU-bound (kernels, Chromium and subprocesses work while a worker waits on
# them), and each extra worker collects all tests again (3 workers on 2 cores: 56-65 s; 2 workers: 52-56 s).
# --dist loadfile keeps each notebook's cells (and each test file, e.g. test_report_site's one report) together.
TEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print(len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count() or 1)")

test: $(STAMP)  ## lint, unit tests, strict nbval, the report in Chromium
	$(VENV)/bin/ruff check --quiet .
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=15

# Explore the notebooks interactively: the first run installs JupyterLab into .venv (the optional extra "lab"),
# then every run starts it on notebooks/. Options go through LAB_ARGS, e.g. in a container run as root:
# make lab LAB_ARGS="--allow-root --no-browser"
LAB_STAMP := $(VENV)/.lab-installed
LAB_ARGS ?=

$(LAB_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,lab]"
	@touch $@

lint: $(STAMP)  ## ruff: pyflakes, import order, complexity at most 12
	$(VENV)/bin/ruff check .

lab: $(LAB_STAMP)  ## JupyterLab on notebooks/ (installs it once)
	$(VENV)/bin/jupyter lab $(LAB_ARGS) notebooks/

# Re-execute every notebook in place so that its stored outputs match the code and data (then review the diff).
# Kernels talk over IPC sockets in a private temporary folder (no "running over TCP without encryption" warning).
notebooks: $(STAMP)  ## re-execute every notebook in place (refresh stored outputs)
	@tmp=$$(mktemp -d) && $(PY) -m jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False --KernelManager.transport=ipc --KernelManager.ip=$$tmp/kernel \
	  notebooks/*.ipynb; status=$$?; rm -rf $$tmp; exit $$status

benchmark: $(STAMP)  ## the benchmarks (results in benchmarks/README.md)
	$(PY) benchmarks/bench_undl.py

# Removes only what make report wrote (its manifest lists it) and the tests' cached report build and frictionless pass.
clean: $(STAMP)  ## remove only what make report wrote
	$(PY) -c "from analysis.report.files import clean; from analysis.report.build import REPORTS; clean(REPORTS)"
	rm -rf build/test-report build/test-frictionless

# Refresh data/ from a UN Digital Library voting file: make data DHL=path/to/ga_voting.csv
# (compares every bundled roll call, adds the ones the data lacks, retires their partial records; see README)
data: $(STAMP)  ## refresh data/ from a Library file: make data DHL=file.csv
	@test -n "$(DHL)" || { echo "usage: make data DHL=path/to/library_voting_file.csv" >&2; exit 2; }
	$(PY) -m analysis update-data $(DHL)

data-dictionary: $(STAMP)  ## rewrite the data dictionary in data/README.md from the declarations
	$(PY) -m analysis.data.dictionary

# The Frictionless Data Package descriptor of data/, made from the table declarations (a test fails when they drift).
datapackage: $(STAMP)  ## rewrite data/datapackage.json from the declarations (then SHA256SUMS)
	$(PY) -m analysis.data.datapackage
	$(MAKE) data-manifest

data-manifest:  ## rewrite data/SHA256SUMS after a hand change of data/
	cd data && find . -type f ! -name SHA256SUMS ! -name README.md | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS

tile-grid: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[map]"
	$(PY) scripts/make_tile_grid.py
	$(MAKE) data-manifest
