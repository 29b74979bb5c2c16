"""Building the static HTML report: execute every notebook, write one page each and an index.

``make report`` (or ``python -m analysis report``) runs this. Notebooks are
executed in a fresh kernel in file-name order from the ``notebooks/`` folder;
the stored notebooks are not modified. Figures are embedded in the pages, and
each figure published with :func:`analysis.plots.publish` is also written to
``reports/figures/`` as PNG plus the CSV of its data.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import ExecutePreprocessor

from .plots import FIGURES_ENV

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"


def _title_and_question(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The first heading and the first paragraph after it, from the notebook's first markdown cell."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            lines = [line.strip() for line in cell.source.splitlines()]
            title = next((line.lstrip("# ") for line in lines if line.startswith("#")), "")
            body = " ".join(line for line in lines if line and not line.startswith("#"))
            return title, body
    return "", ""


def build(notebooks: Path = NOTEBOOKS, out: Path = REPORTS, timeout: int = 600) -> Path:
    """Execute each notebook and write ``out/index.html`` plus one page per notebook; return the index path."""
    out.mkdir(parents=True, exist_ok=True)
    figures = out / "figures"
    figures.mkdir(exist_ok=True)
    for old in figures.glob("*"):
        old.unlink()
    os.environ[FIGURES_ENV] = str(figures)
    exporter = HTMLExporter(template_name="lab")
    entries = []
    paths = sorted(notebooks.glob("*.ipynb"))
    for path in paths:
        print(f"executing {path.name} ...", flush=True)
        notebook = nbformat.read(path, as_version=4)
        ExecutePreprocessor(timeout=timeout, kernel_name="python3").preprocess(
            notebook, {"metadata": {"path": str(notebooks)}})
        page, _ = exporter.from_notebook_node(notebook)
        target = out / f"{path.stem}.html"
        target.write_text(page, encoding="utf-8")
        entries.append((target.name, *_title_and_question(notebook)))
    index = out / "index.html"
    index.write_text(_index_page(entries, sorted(figures.glob("*.png"))), encoding="utf-8")
    print(f"wrote {index.relative_to(ROOT) if index.is_relative_to(ROOT) else index} "
          f"({len(entries)} notebook page(s), {len(list(figures.glob('*.png')))} figure(s))")
    return index


def _index_page(entries: list[tuple[str, str, str]], figures: list[Path]) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(title or name)}</a><br><span>{html.escape(question)}</span></li>'
        for name, title, question in entries
    ) or "<li>No notebooks yet: add numbered notebooks to <code>notebooks/</code> and run <code>make report</code> again.</li>"
    figure_items = "\n".join(
        f'<li><a href="figures/{p.name}">{p.stem}</a> (<a href="figures/{p.stem}.csv">data</a>)</li>' for p in figures
    ) or "<li>No figures yet.</li>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>UN votes of 24 February 2025 on the war in Ukraine</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45}}
li{{margin-bottom:.8rem}} span{{color:#444}} footer{{margin-top:2rem;font-size:.85rem;color:#555}}</style>
</head><body>
<h1>The UN votes of 24 February 2025 on the war in Ukraine</h1>
<p>A reproducible analysis of the two General Assembly texts (A/RES/ES-11/7 and A/RES/ES-11/8), the
amendments, and Security Council resolution 2774 (2025), with the recorded Ukraine votes since 2014.</p>
<h2>Notebooks</h2>
<ol>
{items}
</ol>
<h2>Figures and the data behind them</h2>
<ul>
{figure_items}
</ul>
<footer>Source: UN Digital Library voting records (Dag Hammarskjöld Library); UN press releases GA/12675,
GA/12677, SC/16005. See <code>data/README.md</code> for provenance and known gaps: no country-level record
of any amendment vote exists in the data.</footer>
</body></html>
"""
