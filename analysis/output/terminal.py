"""Text for the terminal and for scripts: tables that fit 100 columns, one tally format, JSON records.

Used by the command line and by :mod:`analysis.output.profile`. Text tables put
text left and numbers right and shorten long text with an ellipsis; the width
is fixed (100 columns by default) rather than read from the terminal, so that
the same command prints the same text everywhere.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data.schema import tally_text  # noqa: F401 (the one tally format, for the output wing)

#: What a member did on a motion, before the motion's name ("The United States voted no on ES-11/7").
VERB = {"Y": "voted yes on", "N": "voted no on", "A": "abstained on", "X": "did not vote on"}
WIDTH = 100
ELLIPSIS = "\u2026"
_GAP = "  "
#: Characters never written raw to a terminal: C0 and C1 controls (ESC starts an escape sequence; CSI is one
#: by itself) but newline and tab, DEL, and the bidirectional overrides that reorder what a terminal shows.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character escaped (``\\x1b``): a member name or a title from a data folder
    never sends an escape sequence to a terminal."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the last one an ellipsis where something was cut; at the end
    of a word where one ends in the second half (page 07's map titles ended "Ukraine, as wel").

    >>> shorten("Advancing a comprehensive peace", 12), shorten("Sevastopol, Ukraine, as well as", 24)
    ('Advancing a…', 'Sevastopol, Ukraine, as…')
    """
    text = printable(text)
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    if not text[len(cut)].isspace() and " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + ELLIPSIS


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return printable(value)


def table_text(frame: pd.DataFrame, shrink: tuple[str, ...] = (), width: int = WIDTH, min_width: int = 8) -> str:
    """``frame`` as aligned text no wider than ``width``, shortening the ``shrink`` columns (widest first).

    Missing values print as empty cells, floats with two decimals, dates as
    ``YYYY-MM-DD``. Numeric columns are right-aligned, the others left-aligned.
    A table that cannot be made narrow enough is returned as narrow as it gets.
    """
    columns = [str(c) for c in frame.columns]  # by position: repeated headers (e.g. "votes") are fine
    cells = [[_cell(v) for v in frame.iloc[:, i]] for i in range(len(columns))]
    numeric = [pd.api.types.is_numeric_dtype(frame.iloc[:, i]) and not pd.api.types.is_bool_dtype(frame.iloc[:, i])
               for i in range(len(columns))]
    limits = [max([len(c)] + [len(v) for v in cells[i]]) for i, c in enumerate(columns)]
    total = sum(limits) + len(_GAP) * (len(limits) - 1)
    while total > width:
        candidates = [i for i, c in enumerate(columns) if c in shrink and limits[i] > max(min_width, len(c))]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: limits[i])
        new = max(limits[widest] - (total - width), min_width, len(columns[widest]))
        total -= limits[widest] - new
        limits[widest] = new
    lines = []
    for row in [columns] + [[cells[i][r] for i in range(len(columns))] for r in range(len(frame))]:
        parts = [shorten(v, limits[i]).rjust(limits[i]) if numeric[i] else shorten(v, limits[i]).ljust(limits[i])
                 for i, v in enumerate(row)]
        lines.append(_GAP.join(parts).rstrip())
    return "\n".join(lines)


def wrap(text: str, width: int = WIDTH, indent: str = "") -> str:
    """``text`` wrapped to ``width`` columns, continuation lines indented by ``indent``."""
    import textwrap

    return textwrap.fill(printable(text), width=width, subsequent_indent=indent, break_long_words=True,
                         break_on_hyphens=False)


def json_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts for JSON: missing values None, dates ``YYYY-MM-DD``, numbers as numbers."""
    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, pd.Timestamp):
                value = f"{value:%Y-%m-%d}"
            elif value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[str(key)] = value
        out.append(clean)
    return out
