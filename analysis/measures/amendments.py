"""What amendment tallies can and cannot prove.

No country-level record of the amendment votes of 24 February 2025 exists in
the data. Two votes of the same body still bound each other: if ``f``
members voted yes on the final text and only ``a`` voted yes on an amendment,
at least ``f - a`` of the final text's supporters did not vote yes on the
amendment. :func:`compare_with_final` gives those bounds, or the exact
transition table as soon as a country-level record of the amendment is added
(``roll_call`` true in the motions table). The bounds are over the body's
members: 193 in the General Assembly, 15 in the Security Council.
"""

from __future__ import annotations

import pandas as pd

from ..data.bodies import LIMITS
from ..data.ids import motion_row
from ..data.schema import VoteDataError
from .arguments import measure
from .comparisons import transitions

_CODES = (("Y", "yes"), ("N", "no"), ("A", "abstain"))


def _size(first: pd.Series, second: pd.Series, members: int | None) -> int:
    """Members of the body both motions were voted in; refuses motions of two bodies."""
    if members is not None:
        return members
    body_a, body_b = first.get("body"), second.get("body")
    if body_a != body_b:
        raise VoteDataError(f"the two motions were voted in different bodies ({body_a} and {body_b}); tallies bound "
                            "each other only over the same members", value=f"{first['motion']} / {second['motion']}")
    if body_a not in LIMITS:
        raise VoteDataError("unknown body; give members= (how many members voted)", value=body_a)
    return LIMITS[body_a]


@measure
def tally_bounds(motions: pd.DataFrame, amendment: str, final: str, members: int | None = None) -> pd.DataFrame:
    """Bounds that two tallies alone put on how the same members voted on both motions.

    ``members`` is the size of the body (default: from the motions' ``body``,
    193 for GA, 15 for SC; two bodies are refused). One row per code (Y, N,
    A, and X for "not counted in the tally": members minus yes+no+abstain).
    Columns: ``amendment`` and ``final`` (the counts), ``min_on_both`` =
    max(0, a + f - members), ``min_final_not_amendment`` = max(0, f - a) (at
    least that many members with this code on the final text did not have it
    on the amendment) and ``min_amendment_not_final`` = max(0, a - f), the same
    the other way. Missing tallies give missing bounds.
    """
    first, second = motion_row(motions, amendment), motion_row(motions, final)
    members = _size(first, second, members)
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
            if a < 0 or f < 0:
                raise VoteDataError(f"a tally counts more votes than the body's {members} members",
                                    value=first["motion"] if a < 0 else second["motion"])
            rows.append((code, a, f, max(0, a + f - members), max(0, f - a), max(0, a - f)))
    table = pd.DataFrame(rows, columns=["code", "amendment", "final", "min_on_both", "min_final_not_amendment",
                                        "min_amendment_not_final"])
    table = table.set_index("code").astype("Int64")
    table.attrs["members"] = members
    return table


@measure
def compare_with_final(votes: pd.DataFrame, motions: pd.DataFrame, amendment: str,
                       final: str) -> tuple[str, pd.DataFrame]:
    """(``"record"``, transition table) where the amendment has a country-level record, else (``"tallies"``, bounds)."""
    first, second = motion_row(motions, amendment), motion_row(motions, final)
    if bool(first["roll_call"]) and bool(second["roll_call"]):
        return "record", transitions(votes, first["motion"], second["motion"])
    return "tallies", tally_bounds(motions, first["motion"], second["motion"])
