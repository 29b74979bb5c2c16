"""Executing the notebooks for the report: fresh kernels, over IPC, two at a time.

Each notebook gets its figures folder and its data folder as parameters: a cell
setting ``FIGURES`` and ``DATA_DIR`` is inserted after the cell tagged
``parameters`` (at the top if there is none), as papermill does, and removed again before the page is
rendered. Kernels talk over IPC sockets in a private temporary folder, so no
TCP port is opened and the kernel prints no "running over TCP without
encryption" warning. The stored notebooks are never modified.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets.config import Config

from .files import ReportError

INJECTED_TAG = "injected-parameters"


def inject_parameters(notebook: nbformat.NotebookNode, figures: Path | None, data_dir: Path | None = None) -> None:
    """Insert ``FIGURES = '<figures>'`` (None: write no files) and ``DATA_DIR = '<data folder>'`` (None: the
    bundled data) after the ``parameters`` cell (or first), tagged ``injected-parameters``."""
    values = [None if v is None else str(v) for v in (figures, data_dir)]
    cell = nbformat.v4.new_code_cell("FIGURES = {!r}\nDATA_DIR = {!r}".format(*values),
                                     metadata={"tags": [INJECTED_TAG]})
    tagged = [i for i, c in enumerate(notebook.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    notebook.cells.insert(tagged[0] + 1 if tagged else 0, cell)


def remove_injected(notebook: nbformat.NotebookNode) -> None:
    notebook.cells = [c for c in notebook.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]


def kernel_config(socket_base: Path) -> Config:
    """Kernel manager settings: IPC transport with sockets named ``socket_base-N``."""
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = str(socket_base)
    return config


async def _execute(path: Path, figures: Path, data_dir: Path | None, sockets: Path, index: int, timeout: int,
                   limit: asyncio.Semaphore) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    inject_parameters(notebook, figures, data_dir)
    async with limit:
        print(f"executing {path.name} ...", flush=True)
        started = time.perf_counter()
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}},
                                config=kernel_config(sockets / f"kernel{index}"))
        try:
            await client.async_execute()
        except CellExecutionError as error:
            raise ReportError(f"{path.name} failed; the report was not changed:\n{error}") from error
        print(f"  {path.name}: {time.perf_counter() - started:.1f} s", flush=True)
    remove_injected(notebook)
    return notebook


def execute_all(paths: list[Path], figures: Path, timeout: int = 600, jobs: int | None = None,
                data_dir: Path | None = None) -> list[nbformat.NotebookNode]:
    """Execute ``paths`` (at most ``jobs`` at once, default: the number of cores, at most 2); keep their order."""
    jobs = jobs or max(1, min(2, os.cpu_count() or 1))

    async def run() -> list[nbformat.NotebookNode]:
        limit = asyncio.Semaphore(jobs)
        with tempfile.TemporaryDirectory(prefix="unvotes-kernels-") as sockets:
            return await asyncio.gather(*(_execute(p, figures, data_dir, Path(sockets), i, timeout, limit)
                                          for i, p in enumerate(paths)))

    return asyncio.run(run())
