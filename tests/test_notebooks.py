"""The stored notebooks: committed with outputs, each opening with its question and ending with its answer."""

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_the_core_notebooks_exist():
    names = [p.name for p in NOTEBOOKS]
    assert {"01_two_ga_outcomes.ipynb", "02_amendments.ipynb", "03_abstentions.ipynb"} <= set(names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_structure(path):
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ") and "**Question.**" in first.source
    assert any(c.cell_type == "markdown" and c.source.strip().startswith("## Answer") for c in notebook.cells[-3:])
    code = [c for c in notebook.cells if c.cell_type == "code"]
    printing = [c for c in code if "print(" in c.source or "plots." in c.source]
    assert all(c.outputs for c in printing), "every printing or plotting cell has stored outputs for nbval"
    last = code[-1].outputs
    assert any(o.output_type == "stream" for o in last), "the answer is printed by code"
    source = "\n".join(c.source for c in code)
    for forbidden in ("sys.path", "urllib", "requests", "http://", "https://"):
        assert forbidden not in source
