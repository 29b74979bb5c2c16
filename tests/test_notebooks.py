"""The stored notebooks: committed with outputs, each opening with its question and ending with its answer."""

from pathlib import Path

import nbformat
import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


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


def test_a_changed_number_in_a_stored_output_fails_nbval(pytester):
    """Strict nbval is a real test: editing a printed number in the stored answer makes it fail.

    The same nbval options as make test (pyproject's addopts), run in-process by pytester: a second pytest in a
    subprocess would spend seconds importing what this one has loaded already.
    """
    source = next(p for p in NOTEBOOKS if p.name == "01_two_ga_outcomes.ipynb")
    notebook = nbformat.read(source, as_version=4)
    answer = [c for c in notebook.cells if c.cell_type == "code"][-1]
    stream = next(o for o in answer.outputs if o.output_type == "stream")
    assert "ES-11/7: 93-18-65" in stream.text
    stream.text = stream.text.replace("ES-11/7: 93-18-65", "ES-11/7: 94-18-65")
    # the figure cells print nothing the answer needs: dropped to keep the test quick
    notebook.cells = [c for c in notebook.cells if not (c.cell_type == "code" and "plots.publish" in c.source)]
    nbformat.write(notebook, pytester.path / "01_tampered.ipynb")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:xdist", "--nbval",
                                          "--nbval-current-env", "--nbval-sanitize-with",
                                          str(ROOT / "tests" / "nbval_sanitize.cfg"), "01_tampered.ipynb")
    result.assert_outcomes(failed=1, passed=len([c for c in notebook.cells if c.cell_type == "code"]) - 1)
    assert "94-18-65" in result.stdout.str() and "93-18-65" in result.stdout.str()
