"""Showing a table in a notebook: an HTML table for readers, the same numbers as text for the tests.

``show(df)`` is the notebooks' replacement for ``print(df.to_string())``. In a
notebook it displays one output with two forms: ``text/html`` (a compact table,
numbers marked for right alignment, a long table in a scroll box) and
``text/plain`` (exactly ``df.to_string()``, which strict nbval compares, so a
changed number still fails the tests). Both forms are deterministic: no random
ids, no styles that depend on the run. Outside IPython it prints the text.
"""

from __future__ import annotations

import html
import re

import pandas as pd

#: Tables with more rows than this sit in a scroll box (the whole table is still there, and prints in full).
SCROLL_ROWS = 25

_NUMBER = re.compile(r"<td>(-?[\d,]*\.?\d+(?:e[-+]?\d+)?%?|NaN|&lt;NA&gt;|nan|inf|-inf)</td>")


def table_html(frame: pd.DataFrame | pd.Series, index: bool = True, caption: str | None = None) -> str:
    """The HTML form: ``<table class="report-table">``, numeric cells with class ``num``."""
    frame = frame.to_frame() if isinstance(frame, pd.Series) else frame
    body = frame.to_html(index=index, border=0, classes="report-table", max_rows=None, max_cols=None)
    body = _NUMBER.sub(r'<td class="num">\1</td>', body)
    if caption:
        body = body.replace(">\n", f">\n  <caption>{html.escape(caption)}</caption>\n", 1)
    if len(frame) > SCROLL_ROWS:
        body = f'<div class="table-scroll" data-rows="{len(frame)}">{body}</div>'
    return body


def frame_text(frame: pd.DataFrame | pd.Series, index: bool = True, caption: str | None = None) -> str:
    """The text form: ``frame.to_string()`` (whole, never truncated), after the caption if any."""
    text = frame.to_string(index=index) if isinstance(frame, pd.DataFrame) else frame.to_string()
    return f"{caption}\n{text}" if caption else text


def show(frame: pd.DataFrame | pd.Series, index: bool = True, caption: str | None = None) -> None:
    """Display ``frame`` as a table (HTML and text); print the text outside IPython."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with jupyter
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        print(frame_text(frame, index, caption))
        return
    display({"text/html": table_html(frame, index, caption), "text/plain": frame_text(frame, index, caption)},
            raw=True)


def with_counts(scores: pd.DataFrame | pd.Series, counts: pd.DataFrame | pd.Series, digits: int = 2):
    """``0.50 (3)``: each score to ``digits`` decimals with the number of votes it rests on (``NaN (0)``: none).

    Examples:
        >>> with_counts(pd.Series([0.5, None]), pd.Series([3, 0])).tolist()
        ['0.50 (3)', 'NaN (0)']
    """
    def text(value) -> str:
        return "NaN" if pd.isna(value) else f"{value:.{digits}f}"

    shown = scores.map(text) if isinstance(scores, pd.Series) else scores.apply(lambda column: column.map(text))
    return shown + " (" + counts.astype(int).astype(str) + ")"
