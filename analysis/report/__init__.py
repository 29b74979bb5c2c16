"""The static HTML report (``make report``): findings first, every figure with its data, code folded.

:func:`build` executes the notebooks in ``notebooks/`` in fresh kernels (the
stored notebooks are not modified), renders one page per notebook
(:mod:`.pages`), computes the index's key findings from the data
(:mod:`analysis.findings`, :mod:`.index`) and moves the result into
``reports/`` writing only what it made (:mod:`.files`).
"""

from .build import NOTEBOOKS, REPORTS, build
from .files import ReportError

__all__ = ["NOTEBOOKS", "REPORTS", "ReportError", "build"]
