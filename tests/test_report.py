"""The report builder: pages per notebook, an index, figures with their data."""

import nbformat

from analysis.report import build


def test_report_without_notebooks_still_writes_an_index(tmp_path):
    index = build(tmp_path / "none", tmp_path / "out")
    assert index.exists()
    assert "No notebooks yet" in index.read_text()


def test_report_executes_a_notebook_and_links_its_page_and_figures(tmp_path):
    folder = tmp_path / "nb"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A small question\nHow many yes votes?"),
        nbformat.v4.new_code_cell(
            "from analysis import load_votes, tally, plots\n"
            "counts = tally(load_votes(), ['A/RES/ES-11/7'])\n"
            "fig = plots.stacked_bars(counts[['Y','N','A','X']], 'T')\n"
            "plots.publish(fig, 'small', counts)\nprint(counts.loc['A/RES/ES-11/7', 'Y'])"),
    ])
    nbformat.write(notebook, folder / "01_small.ipynb")
    index = build(folder, tmp_path / "out")
    page = (tmp_path / "out" / "01_small.html").read_text()
    assert "93" in page and "data:image/png;base64" in page
    text = index.read_text()
    assert 'href="01_small.html"' in text and "A small question" in text and "How many yes votes?" in text
    assert (tmp_path / "out" / "figures" / "small.png").exists()
    assert (tmp_path / "out" / "figures" / "small.csv").exists()
    assert nbformat.read(folder / "01_small.ipynb", 4).cells[1].outputs == []  # source notebook untouched
