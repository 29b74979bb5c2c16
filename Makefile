# The two commands: `make report` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: report test data-manifest tile-grid benchmark clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $(STAMP)

report: $(STAMP)
	$(PY) -m analysis report

test: $(STAMP)
	$(PY) -m pytest

benchmark: $(STAMP)
	$(PY) benchmarks/bench_undl.py

clean:
	rm -rf reports

data-manifest:
	cd data && sha256sum *.csv > SHA256SUMS

tile-grid: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[map]"
	$(PY) scripts/make_tile_grid.py
	cd data && sha256sum *.csv > SHA256SUMS
