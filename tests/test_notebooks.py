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


def test_a_changed_number_in_a_stored_output_fails_nbval(tmp_path):
    """Strict nbval is a real test: editing a printed number in the stored answer makes it fail."""
    import subprocess
    import sys

    source = next(p for p in NOTEBOOKS if p.name == "01_two_ga_outcomes.ipynb")
    notebook = nbformat.read(source, as_version=4)
    answer = [c for c in notebook.cells if c.cell_type == "code"][-1]
    stream = next(o for o in answer.outputs if o.output_type == "stream")
    assert "ES-11/7: 93-18-65" in stream.text
    stream.text = stream.text.replace("ES-11/7: 93-18-65", "ES-11/7: 94-18-65")
    # the figure cells print nothing the answer needs: dropped to keep the test quick
    notebook.cells = [c for c in notebook.cells if not (c.cell_type == "code" and "plots.publish" in c.source)]
    target = tmp_path / "01_tampered.ipynb"
    nbformat.write(notebook, target)
    root = source.parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(root / "tests" / "nbval_sanitize.cfg"), "-o", "addopts=", str(target)],
        capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "1 failed" in result.stdout
