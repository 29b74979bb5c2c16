# The two commands: `make report` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: report test notebooks data-manifest tile-grid benchmark clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $(STAMP)

report: $(STAMP)
	$(PY) -m analysis report

test: $(STAMP)
	$(PY) -m pytest

# Re-execute every notebook in place so that its stored outputs match the code and data (then review the diff).
# Kernels talk over IPC sockets in a private temporary folder (no "running over TCP without encryption" warning).
notebooks: $(STAMP)
	@tmp=$$(mktemp -d) && $(PY) -m jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False --KernelManager.transport=ipc --KernelManager.ip=$$tmp/kernel \
	  notebooks/*.ipynb; status=$$?; rm -rf $$tmp; exit $$status

benchmark: $(STAMP)
	$(PY) benchmarks/bench_undl.py

clean:
	rm -rf reports

data-manifest:
	cd data && find . -type f ! -name SHA256SUMS ! -name README.md | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS

tile-grid: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[map]"
	$(PY) scripts/make_tile_grid.py
	$(MAKE) data-manifest
