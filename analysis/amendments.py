"""What amendment tallies can and cannot prove, and the Security Council's voting rule.

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
from .errors import VoteDataError
from .members import N_MEMBERS

#: Votes in favour a Security Council decision needs (Charter, Article 27).
SC_MAJORITY = 9

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


def council_outcomes(motions: pd.DataFrame, date: str | None = None) -> pd.DataFrame:
    """Security Council votes with the reason each passed or failed, by the Charter's rule.

    A decision needs at least 9 votes in favour and, unless procedural, no
    negative vote of a permanent member. Columns: ``motion``, ``kind``,
    ``proposer``, ``yes``, ``no``, ``abstain``, ``tally_quality``, ``outcome``,
    ``enough_yes`` (yes >= 9, missing where the yes count is unknown), ``reason``
    and ``would_pass_without_veto``.
    """
    council = motions[motions["body"] == "SC"]
    if date is not None:
        council = council[council["date"] == pd.Timestamp(date)]
    out = council[["motion", "kind", "proposer", "yes", "no", "abstain", "tally_quality", "outcome"]].copy()
    out["enough_yes"] = out["yes"].map(lambda y: pd.NA if pd.isna(y) else bool(y >= SC_MAJORITY)).astype("boolean")
    vetoed = out["outcome"].str.contains("negative vote of a permanent member", regex=False)
    reasons = []
    for enough, veto, adopted in zip(out["enough_yes"], vetoed, out["outcome"].str.startswith("adopted")):
        if adopted:
            reasons.append("adopted: 9 or more in favour, no permanent member against")
        elif veto:
            reasons.append("failed: negative vote of a permanent member")
        elif pd.isna(enough):
            reasons.append("failed: no tally found")
        elif not enough:
            reasons.append(f"failed: fewer than {SC_MAJORITY} in favour")
        else:
            reasons.append("failed")
    out["reason"] = reasons
    out["would_pass_without_veto"] = vetoed & out["enough_yes"].fillna(False).astype(bool)
    return out.reset_index(drop=True)
