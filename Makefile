# The two commands: `make report` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: report test notebooks data data-manifest tile-grid benchmark clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $(STAMP)

report: $(STAMP)
	$(PY) -m analysis report

test: $(STAMP)
	$(PY) -m pytest

# Re-execute every notebook in place so that its stored outputs match the code and data (then review the diff).
notebooks: $(STAMP)
	$(PY) -m jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False notebooks/*.ipynb

benchmark: $(STAMP)
	$(PY) benchmarks/bench_undl.py

clean:
	rm -rf reports

# Refresh data/ from a UN Digital Library voting file: make data DHL=path/to/ga_voting.csv
# (compares every bundled roll call, adds the ones the data lacks, retires their partial records; see README)
data: $(STAMP)
	@test -n "$(DHL)" || { echo "usage: make data DHL=path/to/library_voting_file.csv" >&2; exit 2; }
	$(PY) -m analysis update-data $(DHL)

data-manifest:
	cd data && find . -type f ! -name SHA256SUMS ! -name README.md | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS

tile-grid: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[map]"
	$(PY) scripts/make_tile_grid.py
	$(MAKE) data-manifest
