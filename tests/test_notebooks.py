"""The stored notebooks: committed with outputs, each opening with its question and its answer, then the evidence."""

from pathlib import Path

import nbformat
import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_core_notebooks_exist():
    names = [p.name for p in NOTEBOOKS]
    assert {"01_two_ga_outcomes.ipynb", "02_amendments.ipynb", "03_abstentions.ipynb"} <= set(names)


#: Reference pages: no question answered by computation, so no answer first; their worked examples are computed.
REFERENCE = {"10_glossary.ipynb"}


def test_reference_pages_compute_their_examples_and_store_them_for_nbval():
    """The glossary was Markdown only, so nbval had nothing to compare and its worked example was typed: besides
    the parameters cell, each code cell now states an example with say() and keeps its output for nbval."""
    for path in (p for p in NOTEBOOKS if p.name in REFERENCE):
        notebook = nbformat.read(path, as_version=4)
        assert notebook.cells[0].source.startswith("# ") and "**Question.**" in notebook.cells[0].source
        code = [c for c in notebook.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
        assert code and all("say(" in c.source and c.outputs for c in code)


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name not in REFERENCE], ids=lambda p: p.name)
def test_notebook_structure(path):
    """Question, then the answer in two or three sentences of prose, then the evidence; no answer left at the end."""
    import html
    import re

    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ") and "**Question.**" in first.source
    code = [c for c in notebook.cells if c.cell_type == "code"]
    printing = [c for c in code if "print(" in c.source or "plots." in c.source or "say(" in c.source]
    assert all(c.outputs for c in printing), "every printing or plotting cell has stored outputs for nbval"
    outputs = [(k, o) for k, c in enumerate(notebook.cells) if c.cell_type == "code" for o in c.outputs]
    k, answer = outputs[0]  # the notebook's first output of any kind is its answer
    assert k <= 3 and all(c.cell_type == "code" for c in notebook.cells[1:k + 1]), "the answer comes first"
    shown, said = "".join(answer["data"]["text/html"]), "".join(answer["data"]["text/plain"])
    assert shown.startswith('<p class="answer">') and html.unescape(re.sub(r"<[^>]+>", "", shown)) == said
    assert 2 <= len(re.split(r"(?<=[.;:])\s+(?=[A-Z0-9])", said)) and len(re.split(r"(?<=\.)\s+(?=[A-Z0-9])", said)) <= 3
    assert not any(c.cell_type == "markdown" and c.source.strip().startswith("## Answer") for c in notebook.cells)
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


def test_the_glossary_numbers_are_the_data(votes):
    """The glossary's example of rule 86 states ES-11/7's tally and majority base: they must be the record's."""
    import json

    from analysis import tally

    cells = json.loads((ROOT / "notebooks" / "10_glossary.ipynb").read_text())["cells"]
    text = "".join("".join(c["source"]) + "".join("".join(o.get("data", {}).get("text/plain", ""))
                                                  for o in c.get("outputs", [])) for c in cells)
    counts = tally(votes, ["A/RES/ES-11/7"]).iloc[0]
    assert f"({counts['Y']} yes, {counts['N']} no, {counts['A']} abstentions)" in text
    assert f"it is the {counts['voting']} members voting yes" in text and f"not the {counts['present']} that" in text


#: The groups and measures the glossary defines for pages 01-09: each entry's anchor (its heading, spaces as
#: hyphens), what the entry must name as its source, and the pages whose Markdown links it at its first use.
GLOSSARY_TERMS = {
    "Regional-groups": ("United Nations Regional Groups of Member States",
                        ["01_two_ga_outcomes.ipynb", "03_abstentions.ipynb", "05_trajectory.ipynb",
                         "06_alignment.ipynb"]),
    "Rice-index": ('`analysis.cohesion`, method `"rice"`', ["06_alignment.ipynb"]),
    "Agreement-index-of-a-group": ('`analysis.cohesion`, method `"agreement_index"`', ["06_alignment.ipynb"]),
    "Lijphart-index-of-agreement": ('`analysis.agreement`, method `"lijphart"`',
                                    ["06_alignment.ipynb", "09_in_context.ipynb"]),
    "Ideal-point": ("`analysis.measures.ideal.ideal_points`", ["09_in_context.ipynb"]),
    "Cutting-point": ("`analysis.measures.ideal.vote_fit`", ["09_in_context.ipynb"]),
    "Motion-ids": ("These ids are not UN symbols", ["02_amendments.ipynb"]),
    "Voting-coincidence": ('`analysis.agreement`, method `"coincidence"`', ["06_alignment.ipynb"]),
    "Kappa": ('`analysis.agreement`, method `"kappa"`', ["06_alignment.ipynb"]),
    "Tally-quality": ("*official* is the UN's", ["04_security_council.ipynb"]),
}


def _markdown(name: str) -> list[str]:
    return [c.source for c in nbformat.read(ROOT / "notebooks" / name, as_version=4).cells if c.cell_type == "markdown"]


def test_the_glossary_defines_the_terms_the_pages_link():
    """Each group and measure has its entry, naming its source, and the pages that use it link it; every link to
    the glossary from any page lands on an entry (a heading's anchor: Jupyter's and the report's, spaces as hyphens)."""
    import re

    entries = {cell.splitlines()[0].removeprefix("## ").replace(" ", "-"): cell
               for cell in _markdown("10_glossary.ipynb") if cell.startswith("## ")}
    for anchor, (source, pages) in GLOSSARY_TERMS.items():
        assert anchor in entries and source in " ".join(entries[anchor].split()), anchor  # lines rewrapped
        for page in pages:
            assert f"](10_glossary.ipynb#{anchor})" in "\n".join(_markdown(page)), (page, anchor)
    for path in NOTEBOOKS:  # the glossary links its own entries as #anchor, the other pages as 10_glossary.ipynb#anchor
        link = r"\]\(#([^)\s]+)\)" if path.name == "10_glossary.ipynb" else r"\]\(10_glossary\.ipynb#([^)\s]+)\)"
        for anchor in re.findall(link, "\n".join(_markdown(path.name))):
            assert anchor in entries, (path.name, anchor)


def test_the_council_gap_note_agrees_with_the_motions_table(motions):
    """The trap: page 04 said no tally was found for the two Russian amendments while its table gave one 4-6-5."""
    import json

    cells = json.loads((ROOT / "notebooks" / "04_security_council.ipynb").read_text())["cells"]
    said = next("".join(o["data"]["text/plain"]) for c in cells if c["cell_type"] == "code"
                for o in c.get("outputs", []) if "tallies rest on" in "".join(o.get("data", {}).get("text/plain", "")))
    for motion, quality in motions.loc[motions["motion"].str.startswith("S/PV.9866/"),
                                       ["motion", "tally_quality"]].itertuples(index=False):
        assert f"{quality}: " in said and motion.removeprefix("S/PV.9866/") in said
    assert "single news source: RU-amendment-root-causes" in said and "no tally found: RU-amendment-wording" in said
