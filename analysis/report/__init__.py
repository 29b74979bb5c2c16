"""The static HTML report (``make report``): findings first, every figure with its data, code folded.

:func:`analysis.report.build.build` executes the notebooks in ``notebooks/`` in
fresh kernels (the stored notebooks are not modified), renders one page per
notebook (:mod:`.pages`), computes the index's key findings from the data
(:mod:`.findings`, :mod:`.index`) and moves the result into ``reports/``
writing only what it made (:mod:`.files`). The report wing sits on top of the
three others (data, measures, output) and imports only them.
"""
