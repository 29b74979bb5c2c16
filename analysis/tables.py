"""Reading the project's small CSV tables, with errors that point at a line.

The bundled data files are read as text (no type guessing, no NA guessing), so
that a value such as ``NA`` (Namibia's ISO2 code) or an empty tally is never
turned into something else behind the user's back. Every problem becomes a
:class:`~analysis.errors.VoteDataError` naming the file and line.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from .errors import VoteDataError

#: The bundled data folder of the package.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: Environment variable naming another data folder; read at each call, never cached.
DATA_DIR_ENV = "ANALYSIS_DATA_DIR"


def data_dir(folder: str | Path | None = None) -> Path:
    """The data folder to read: ``folder`` if given, else ``$ANALYSIS_DATA_DIR`` (read now), else the bundled one."""
    if folder is not None:
        return Path(folder)
    return Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)


def data_path(name: str, folder: str | Path | None = None) -> Path:
    """Path of a data file, e.g. ``data_path("votes.csv")`` (see :func:`data_dir` for which folder)."""
    return data_dir(folder) / name


def line_of_record(path: str | Path, record: int) -> int:
    """Physical line number (1-based) of data record ``record`` (0-based, header excluded).

    Blank lines are skipped as CSV parsers skip them, and quoted fields that
    span lines are counted, so the number is the line a text editor shows.
    Used only when reporting an error, so it may read the file again.
    """
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.reader(handle)
        seen = -1  # the header is record -1
        start = 1
        for row in reader:
            if not row:
                start = reader.line_num + 1
                continue
            if seen == record:
                return start
            seen += 1
            start = reader.line_num + 1
    return start


def _records(path: str | Path):
    """(start line, fields) for each non-blank record of ``path``, header included."""
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.reader(handle)
        start = 1
        for row in reader:
            if row:
                yield start, row
            start = reader.line_num + 1


def first_malformed_record(path: str | Path) -> tuple[int, str] | None:
    """(line, start of text) of the first record whose field count differs from the header's, if any."""
    expected = None
    for start, row in _records(path):
        if expected is None:
            expected = len(row)
        elif len(row) != expected:
            return start, ",".join(row)[:60]
    return None


def first_record_with(path: str | Path, column: int, value: str) -> int | None:
    """Line of the first data record whose field number ``column`` (0-based) equals ``value``."""
    for i, (start, row) in enumerate(_records(path)):
        if i > 0 and len(row) > column and row[column] == value:
            return start
    return None


def read_table(path: str | Path, required: list[str]) -> pd.DataFrame:
    """Read a small CSV as strings and check its required columns.

    Raises VoteDataError for a missing or empty file, a malformed row or a
    missing column. Extra columns are kept.
    """
    path = Path(path)
    if not path.exists():
        raise VoteDataError("file not found", file=path)
    if path.stat().st_size == 0:
        raise VoteDataError("file is empty", file=path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise VoteDataError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=path) from None
    except pd.errors.ParserError as exc:
        raise VoteDataError(f"malformed CSV ({exc})", file=path) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise VoteDataError(
            f"missing required column(s) {', '.join(missing)}; header is", file=path, line=1,
            value=",".join(frame.columns),
        )
    return frame


def fail_at(path: str | Path | None, record: int | None, problem: str, value: object = None, **extra) -> None:
    """Raise VoteDataError for data record ``record`` (0-based, header excluded) of ``path``, with its physical line.

    Either may be None where unknown (a table built in memory has no file).
    """
    line = line_of_record(path, record) if path is not None and record is not None else None
    raise VoteDataError(problem, file=path, line=line, value=value, **extra)
