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
    """Strict nbval is a real test: a printed number edited in a stored output makes it fail.

    The stored answer is computed by the package as the notebooks compute theirs, and compared under make test's
    own nbval options (pyproject's addopts: strict, our sanitizers, which must not mask a number). pytester runs
    it in this process: a second pytest in a subprocess would spend seconds importing what is loaded already.
    """
    setup = nbformat.v4.new_code_cell("from analysis import load_votes, tally\nvotes = load_votes()", execution_count=1)
    answer = nbformat.v4.new_code_cell(
        't = tally(votes, ["A/RES/ES-11/7"]).loc["A/RES/ES-11/7"]\nprint(f"ES-11/7: {t[\'Y\']}-{t[\'N\']}-{t[\'A\']}")',
        execution_count=2, outputs=[nbformat.v4.new_output("stream", name="stdout", text="ES-11/7: 94-18-65\n")])
    nbformat.write(nbformat.v4.new_notebook(cells=[setup, answer]), pytester.path / "tampered.ipynb")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:xdist", "--nbval",
                                          "--nbval-current-env", "--nbval-sanitize-with",
                                          str(ROOT / "tests" / "nbval_sanitize.cfg"), "tampered.ipynb")
    result.assert_outcomes(failed=1, passed=1)  # the record says 93-18-65
    report = result.stdout.str()
    assert "Cell 1: Cell outputs differ" in report and "mismatch 'stdout'" in report
    assert "'ES-11/7: 94-18-65\\n' == 'ES-11/7: 93-18-65\\n'" in report  # stored, then computed
