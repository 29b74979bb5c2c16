"""Vectorized normalization of vote codes and member codes.

Vote codes become exactly ``Y`` (yes), ``N`` (no), ``A`` (abstention) or ``X``
(did not vote: absent, not participating, or not entitled under Article 19).
Tolerated on input, and documented in the README: lower case, surrounding
spaces, and the older UN Digital Library code ``NV`` for non-voting. Anything
else is an error naming the file and line: nothing is dropped or guessed.

Work is done once per distinct value, not once per row, so that a file of a
million rows costs a few hundred look-ups.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import VoteDataError
from .members import load_historical_seats, load_members, to_iso3
from .tables import fail_at

#: The four vote codes, in the order used by every table and figure.
VOTE_CODES = ("Y", "N", "A", "X")
VOTE_LABELS = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "Not voting"}

_VOTE_ALIASES = {"Y": "Y", "N": "N", "A": "A", "X": "X", "NV": "X"}


def _map_distinct(values: pd.Series, convert, problem: str, file: str | Path | None) -> pd.Series:
    """Apply ``convert`` once per distinct value; raise VoteDataError at the first row that fails.

    ``convert(raw)`` returns the normalized value, or ``None`` (or raises
    VoteDataError) where the value is not acceptable. A missing value is
    always an error. Distinct values come in order of first appearance, so the
    first failing one is also the earliest failing row.
    """
    values = values.astype("string")
    mapping: dict = {}
    failure = None  # (position, problem, value)
    for raw in values.dropna().unique():
        try:
            code, reason = convert(raw), problem
        except VoteDataError as exc:
            code, reason = None, exc.problem
        if code is None:
            failure = (int(values.eq(raw).fillna(False).to_numpy().argmax()), reason, raw)
            break
        mapping[raw] = code
    missing = values.isna().to_numpy()
    if missing.any() and (failure is None or missing.argmax() < failure[0]):
        failure = (int(missing.argmax()), f"missing value ({problem})", "")
    if failure is not None:
        position, reason, raw = failure
        if file is not None:
            fail_at(file, position, reason, raw)
        raise VoteDataError(reason, value=raw)
    return values.map(mapping).astype(str)


def normalize_votes(values: pd.Series, file: str | Path | None = None) -> pd.Series:
    """Map raw vote codes to ``Y/N/A/X``; raise VoteDataError at the first unknown code."""
    return _map_distinct(
        values, lambda raw: _VOTE_ALIASES.get(str(raw).strip().upper()),
        "unknown vote code (expected Y, N, A, X or NV)", file,
    )


def member_codes(historical: bool = False) -> set[str]:
    """The 193 ISO3 codes, plus the historical seat codes (YUG, CSK, ...) when ``historical``."""
    codes = set(load_members()["iso3"])
    if historical:
        codes |= set(load_historical_seats()["code"])
    return codes


def normalize_codes(
    values: pd.Series, file: str | Path | None = None, historical: bool = False
) -> pd.Series:
    """Check member codes (upper-cased, stripped) against the member table; raise at the first unknown one.

    With ``historical=True`` the codes of former seats (``YUG``, ``CSK``, ...) are
    accepted as they are: they belong to old votes and are not mapped to a
    successor, which would be a guess.
    """
    known = member_codes(historical)

    def convert(raw):
        code = str(raw).strip().upper()
        return code if code in known else None

    problem = "unknown member code" if historical else "unknown member code (expected one of the 193 ISO3 codes)"
    return _map_distinct(values, convert, problem, file)


def normalize_names(values: pd.Series, file: str | Path | None = None) -> pd.Series:
    """Map country names (UN, common or upper-case) to ISO3; raise at the first unknown or ambiguous one."""
    return _map_distinct(values, to_iso3, "unknown country name", file)
