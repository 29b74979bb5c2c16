"""Running cells in a real kernel for a test, as the report does (IPC sockets), without drawing PNGs.

The tests that use it read printed text or count outputs: each figure is still built and shown, as its text
form only, which saves rasterizing every figure (about a second per test).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from analysis.report.execute import kernel_config

NO_PNG = 'get_ipython().display_formatter.formatters["image/png"].enabled = False'


def execute(cells: list[nbformat.NotebookNode], folder: Path, sockets: Path, timeout: int = 300) -> list:
    """Run ``cells`` in order in one fresh kernel working in ``folder``; return them with their outputs."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NO_PNG), *cells])
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(folder)}}, config=kernel_config(sockets)).execute()
    return notebook.cells[1:]
