"""What amendment tallies can and cannot prove.

No country-level record of the amendment votes of 24 February 2025 exists in
the data. Two votes over the same 193 members still bound each other: if ``f``
members voted yes on the final text and only ``a`` voted yes on an amendment,
at least ``f - a`` of the final text's supporters did not vote yes on the
amendment. :func:`compare_with_final` gives those bounds, or the exact
transition table as soon as a country-level record of the amendment is added
(``roll_call`` true in the motions table).
"""

from __future__ import annotations

import pandas as pd

from .comparisons import transitions
from .schema import VoteDataError
from .members import N_MEMBERS

_CODES = (("Y", "yes"), ("N", "no"), ("A", "abstain"))


def _official(motions: pd.DataFrame, motion: str) -> pd.Series:
    rows = motions[motions["motion"] == motion]
    if rows.empty:
        raise VoteDataError("motion is not in the motions table", value=motion)
    return rows.iloc[0]


def tally_bounds(amendment: str, final: str, motions: pd.DataFrame, members: int = N_MEMBERS) -> pd.DataFrame:
    """Bounds that two tallies alone put on how the same members voted on both motions.

    One row per code (Y, N, A, and X for "not counted in the tally": members
    minus yes+no+abstain). Columns: ``amendment`` and ``final`` (the counts),
    ``min_on_both`` = max(0, a + f - members), ``min_final_not_amendment`` =
    max(0, f - a) (at least that many members with this code on the final text
    did not have it on the amendment) and ``min_amendment_not_final`` =
    max(0, a - f), the same the other way. Missing tallies give missing bounds.
    """
    first, second = _official(motions, amendment), _official(motions, final)
    rows = []
    for code, column in _CODES + (("X", None),):
        if column is None:
            known = all(pd.notna(first[c]) for _, c in _CODES) and all(pd.notna(second[c]) for _, c in _CODES)
            a = members - sum(int(first[c]) for _, c in _CODES) if known else pd.NA
            f = members - sum(int(second[c]) for _, c in _CODES) if known else pd.NA
        else:
            a, f = first[column], second[column]
        if pd.isna(a) or pd.isna(f):
            rows.append((code, a, f, pd.NA, pd.NA, pd.NA))
        else:
            a, f = int(a), int(f)
            rows.append((code, a, f, max(0, a + f - members), max(0, f - a), max(0, a - f)))
    table = pd.DataFrame(rows, columns=["code", "amendment", "final", "min_on_both", "min_final_not_amendment",
                                        "min_amendment_not_final"])
    return table.set_index("code").astype("Int64")


def compare_with_final(amendment: str, final: str, motions: pd.DataFrame,
                       votes: pd.DataFrame | None = None) -> tuple[str, pd.DataFrame]:
    """(``"record"``, transition table) where the amendment has a country-level record, else (``"tallies"``, bounds)."""
    row = _official(motions, amendment)
    if bool(row["roll_call"]):
        return "record", transitions(amendment, final, votes)
    return "tallies", tally_bounds(amendment, final, motions)
