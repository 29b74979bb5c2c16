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

import numpy as np
import pandas as pd

#: Tables with more rows than this sit in a scroll box (the whole table is still there, and prints in full).
SCROLL_ROWS = 25

#: A vote a partial record does not name, as the notebooks mark it.
UNKNOWN = "?"
#: Vote codes in words, as a reader says them.
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstained", "X": "did not vote"}
#: Column names of the package's tables in words; any other name has its underscores made spaces.
COLUMN_WORDS = {
    "iso3": "code", "name": "member", "regional_group": "regional group", "Y": "yes", "N": "no", "A": "abstained",
    "X": "did not vote", "yes": "yes", "no": "no", "abstain": "abstained", "members": "members",
    "voting": "present and voting (yes + no)", "present": "casting a vote (yes + no + abstained)",
    "not_counted": "not counted", "tally_quality": "tally quality", "roll_call": "country-level record",
    "Y_of_voting": "yes, % of yes + no", "N_of_voting": "no, % of yes + no", "Y_of_present": "yes, % of votes cast",
    "N_of_present": "no, % of votes cast", "A_of_present": "abstained, % of votes cast", "Y_of_all": "yes, % of all",
    "N_of_all": "no, % of all", "A_of_all": "abstained, % of all", "X_of_all": "did not vote, % of all",
    "min_on_both": "at least on both", "min_final_not_amendment": "at least on the final text, not the amendment",
    "min_amendment_not_final": "at least on the amendment, not the final text", "vetoed_by": "vetoed by",
    "enough_yes": "9 or more in favour", "would_pass_without_veto": "would have passed without the veto",
    "title_or_change": "title or change", "in_es11_7_2025": "in ES-11/7 (2025)", "in_es11_10_2026": "in ES-11/10 (2026)",
    "source_quality": "source quality", "entitled_to_vote": "entitled to vote", "on_council": "on the Council",
    "topic": "kind of vote",
}


def column_words(label: object) -> str:
    """A column or index name in words: ``regional_group`` -> ``regional group``; a tuple joined by spaces."""
    if isinstance(label, tuple):
        return " ".join(column_words(part) for part in label if str(part) not in ("", "None"))
    text = str(label)
    return COLUMN_WORDS.get(text, text.replace("_", " "))


def _decimals(values: pd.Series) -> int:
    """The one precision of a column of floats: 0, 1 or 2 decimals, the fewest that shows every value."""
    finite = values.dropna().astype(float)
    for digits in (0, 1):
        if ((finite * 10 ** digits).round(6) % 1 == 0).all():
            return digits
    return 2


#: Whole-number columns written without a thousands separator: a year, a session number.
NO_SEPARATOR = frozenset({"year", "session", "positions of session"})


def _cells(column: pd.Series, digits: int | None = None) -> tuple[list[str], bool]:
    """A column's cells as text for readers, and whether it is numeric (right-aligned); ``digits``: the decimals
    of a float column (default: the fewest that show every value of this column)."""
    present = column.dropna()
    if pd.api.types.is_bool_dtype(column) or (len(present) and present.map(type).isin([bool]).all()):
        return ["" if pd.isna(v) else "yes" if v else "no" for v in column], False
    if pd.api.types.is_numeric_dtype(column):
        if pd.api.types.is_float_dtype(column):
            digits = _decimals(column) if digits is None else digits
            return ["" if pd.isna(v) else f"{v:,.{digits}f}" for v in column], True
        if str(column.name).lower() in NO_SEPARATOR:  # 2014, not 2,014
            return ["" if pd.isna(v) else f"{v}" for v in column], True
        return ["" if pd.isna(v) else f"{v:,}" for v in column], True
    if len(present) and present.astype(str).isin([*VOTE_WORDS, UNKNOWN]).all() and \
            present.astype(str).isin(list(VOTE_WORDS)).any():
        return ["" if pd.isna(v) else VOTE_WORDS.get(str(v), "not known") for v in column], False
    if len(present) and present.astype(str).str.fullmatch(_MOVE.pattern).all():
        return ["" if pd.isna(v) else move_words(str(v)) for v in column], False
    if pd.api.types.is_datetime64_any_dtype(column):
        return ["" if pd.isna(v) else f"{v:%Y-%m-%d}" for v in column], False
    return [_cell(v) for v in column], False


#: A change of vote as the measures write it (``changed_votes``' ``change``: ``N->A``).
_MOVE = re.compile(r"([YNAX])->([YNAX])")


def move_words(change: str) -> str:
    """A change of vote in words, as a table shows it.

    >>> move_words("N->A")
    'no → abstained'
    """
    match = _MOVE.fullmatch(change)
    if match is None:
        raise ValueError(f"not a change of vote (two of Y, N, A, X joined by ->): {change!r}")
    return f"{VOTE_WORDS[match[1]]} → {VOTE_WORDS[match[2]]}"


def _cell(value: object) -> str:
    """One cell of a mixed column (e.g. a transposed table): yes/no for booleans, empty for missing values."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return str(value)


def for_readers(frame: pd.DataFrame | pd.Series, index: bool = True) -> pd.DataFrame:
    """``frame`` as readers see it: a meaningful index made columns, labels and vote codes in words."""
    frame = frame.to_frame() if isinstance(frame, pd.Series) else frame
    if index and not (isinstance(frame.index, pd.RangeIndex) and frame.index.name is None):
        names = [n if n is not None else "" for n in frame.index.names]
        frame = frame.copy()
        frame.index = frame.index.set_names([n or f"_level{i}" for i, n in enumerate(names)])
        frame = frame.reset_index()
        frame = frame.rename(columns={f"_level{i}": "" for i in range(len(names))})
        first = frame.columns[0]
        if frame[first].astype(str).isin(list(VOTE_WORDS)).all():
            frame[first] = frame[first].map(lambda v: VOTE_WORDS.get(str(v), v))
        elif frame[first].astype(str).str.fullmatch(_MOVE.pattern).all():
            frame[first] = frame[first].map(lambda v: move_words(str(v)))
    return frame


def table_html(frame: pd.DataFrame | pd.Series, index: bool = True, caption: str | None = None) -> str:
    """The HTML form for readers: words for codes and column names, no pandas index as data, empty cells for
    missing values, yes/no for booleans, one precision for every decimal column (the fewest that show every
    value: ``1.00`` beside ``0.81``, never ``1.0``), numbers and their headers right-aligned; a crosstab's caption
    says what its rows and columns are.
    Wide tables scroll inside their box; a long one (more than :data:`SCROLL_ROWS` rows) sits in a scroll box."""
    across = frame.columns.name if isinstance(frame, pd.DataFrame) else None
    shown = for_readers(frame, index)
    floats = [c for c in shown.columns if pd.api.types.is_float_dtype(shown[c])]
    digits = max((_decimals(shown[c]) for c in floats), default=0)  # one precision for the table's decimals
    columns = [_cells(shown.iloc[:, i], digits) for i in range(shown.shape[1])]
    labels = [column_words(c) for c in shown.columns]
    if all(str(c) in VOTE_WORDS for c in shown.columns[1:]) and len(shown.columns) > 1:
        labels = labels[:1] + [VOTE_WORDS[str(c)] for c in shown.columns[1:]]
    if across and index and labels and labels[0]:  # a crosstab with a row name: the caption says what the rows
        note = f"Rows: {labels[0]}; columns: {column_words(across)}."  # and the columns are (in the corner cell it
        caption = f"{caption} {note}" if caption else note               # pushed every number off a phone's screen)
    num = ' class="num"'
    head = "".join(f'<th{num if numeric else ""} scope="col">{html.escape(label)}</th>'
                   for label, (_, numeric) in zip(labels, columns))
    rows = []
    for r in range(len(shown)):
        cells = "".join(f'<td{num if numeric else ""}>{html.escape(values[r])}</td>' for values, numeric in columns)
        rows.append(f"<tr>{cells}</tr>")
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    body = (f'<table class="report-table">{title}<thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(rows)
            + "\n</tbody></table>")
    body = f'<div class="table-wrap">{body}</div>'
    if len(shown) > SCROLL_ROWS:
        body = f'<div class="table-scroll" data-rows="{len(shown)}">{body}</div>'
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
    """``0.50 (3)``: each score to ``digits`` decimals with the number of votes it rests on (``n/a (0)``: none).

    Examples:
        >>> with_counts(pd.Series([0.5, None]), pd.Series([3, 0])).tolist()
        ['0.50 (3)', 'n/a (0)']
    """
    def text(value) -> str:
        return "n/a" if pd.isna(value) else f"{value:.{digits}f}"

    shown = scores.map(text) if isinstance(scores, pd.Series) else scores.apply(lambda column: column.map(text))
    return shown + " (" + counts.astype(int).astype(str) + ")"


def say(text: str) -> None:
    """Show ``text`` to the reader as a paragraph of prose (HTML), the same text for the tests (text/plain).

    The notebooks' way to state an answer in words, computed from the data, instead of console output.
    """
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with jupyter
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        print(text)
        return
    display({"text/html": f'<p class="answer">{html.escape(text)}</p>', "text/plain": text}, raw=True)
