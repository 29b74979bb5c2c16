"""Normalization of vote codes and member codes, once per distinct value.

Vote codes become exactly ``Y`` (yes), ``N`` (no), ``A`` (abstention) or ``X``
(did not vote: absent, not participating, or not entitled under Article 19).
Tolerated on input, and documented in the README: lower case, surrounding
spaces, and the older UN Digital Library code ``NV`` for non-voting. Anything
else is an error naming the file and line: nothing is dropped or guessed.

Every function works on a column's distinct values (a pandas factorization or
an arrow dictionary) and maps the rows with one array lookup, so a file of a
million rows costs a few hundred conversions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import VoteDataError
from .members import load_historical_seats, load_members, to_iso3
from .tables import fail_at

#: The four vote codes, in the order used by every table and figure.
VOTE_CODES = ("Y", "N", "A", "X")
VOTE_LABELS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}
VOTE_PROBLEM = "unknown vote code (expected Y, N, A, X or NV)"

_VOTE_INDEX = {"Y": 0, "N": 1, "A": 2, "X": 3, "NV": 3}


def vote_index(raw: object) -> int | None:
    """Position of a raw vote code in VOTE_CODES (``y``, `` NV `` tolerated), or None if unknown."""
    return _VOTE_INDEX.get(str(raw).strip().upper())


def map_distinct(indices: np.ndarray, dictionary: Sequence, convert: Callable[[object], object], problem: str,
                 file: str | Path | None = None, records: np.ndarray | None = None) -> list:
    """Convert each distinct value once; return the converted dictionary (a list aligned with ``dictionary``).

    ``indices`` gives each row's position in ``dictionary`` (-1 for a missing
    value). ``convert(raw)`` returns the normalized value, or None (or raises
    VoteDataError) where the value is not acceptable. The first row, in file
    order, with an unacceptable or missing value raises VoteDataError naming the
    file, the line (``records`` maps rows to data records when they differ) and
    the value.
    """
    converted, failures = [], {}
    for i, raw in enumerate(dictionary):
        try:
            value, reason = convert(raw), problem
        except VoteDataError as exc:
            value, reason = None, exc.problem
        if value is None:
            failures[i] = reason
        converted.append(value)
    bad = np.isin(indices, list(failures)) | (indices < 0) if failures else indices < 0
    if bad.any():
        position = int(bad.argmax())
        index = int(indices[position])
        reason, raw = (failures[index], dictionary[index]) if index >= 0 else (f"missing value ({problem})", "")
        record = int(records[position]) if records is not None else position
        fail_at(file, record, reason, raw)
    return converted


def _map_series(values: pd.Series, convert, problem: str, file) -> pd.Series:
    indices, uniques = pd.factorize(values.astype("string"))
    converted = map_distinct(indices, list(uniques), convert, problem, file)
    return pd.Series(np.asarray(converted, dtype=object)[indices], index=values.index, dtype="str")


def normalize_votes(values: pd.Series, file: str | Path | None = None) -> pd.Series:
    """Map raw vote codes to ``Y/N/A/X``; raise VoteDataError at the first unknown code."""
    return _map_series(values, lambda raw: None if vote_index(raw) is None else VOTE_CODES[vote_index(raw)],
                       VOTE_PROBLEM, file)


def member_codes(historical: bool = False) -> set[str]:
    """The 193 ISO3 codes, plus the historical seat codes (YUG, CSK, ...) when ``historical``."""
    codes = set(load_members()["iso3"])
    if historical:
        codes |= set(load_historical_seats()["code"])
    return codes


def code_converter(historical: bool = False) -> Callable[[object], str | None]:
    """A converter for :func:`map_distinct`: member code (upper-cased, stripped) or None if unknown.

    With ``historical=True`` the codes of former seats (``YUG``, ``CSK``, ...) are
    accepted as they are: they belong to old votes and are not mapped to a
    successor, which would be a guess.
    """
    known = member_codes(historical)

    def convert(raw: object) -> str | None:
        code = str(raw).strip().upper()
        return code if code in known else None

    return convert


def normalize_codes(values: pd.Series, file: str | Path | None = None, historical: bool = False) -> pd.Series:
    """Check member codes against the member table; raise VoteDataError at the first unknown one."""
    problem = "unknown member code" if historical else "unknown member code (expected one of the 193 ISO3 codes)"
    return _map_series(values, code_converter(historical), problem, file)


def normalize_names(values: pd.Series, file: str | Path | None = None) -> pd.Series:
    """Map country names (UN, common or upper-case) to ISO3; raise at the first unknown or ambiguous one."""
    return _map_series(values, to_iso3, "unknown country name", file)
