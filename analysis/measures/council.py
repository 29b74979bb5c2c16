"""The Security Council: its members' votes beside their General Assembly votes, and its voting rule.

A Council decision needs at least 9 votes in favour and, unless procedural, no
negative vote of a permanent member (Charter, Article 27). On 24 February 2025
the Council adopted the unamended US text while the General Assembly amended
it, so each Council member voted on both versions the same day. Which motion
a permanent member's negative vote defeated is data (the ``vetoed_by`` column
of :func:`analysis.load_motions`), not read from free text here.
"""

from __future__ import annotations

import pandas as pd

from ..data.bodies import SC_MAJORITY
from ..data.schema import VoteDataError
from .arguments import measure
from .comparisons import vote_matrix


@measure
def council_votes(votes: pd.DataFrame, ids: list[str], *, sc_members: pd.DataFrame,
                  members: pd.DataFrame) -> pd.DataFrame:
    """The 15 Council members of 2025 with their votes on ``ids`` (one column each, in the order given).

    Columns ``name``, ``membership`` (permanent/elected), ``term``,
    ``regional_group``, then one per motion; index ISO3, permanent members
    first, then by name. ``sc_members`` is the Council's membership
    (:func:`analysis.load_sc_members`) and ``members`` the members table.
    """
    council = sc_members.merge(members, on="iso3")
    table = council.set_index("iso3")[["name", "membership", "term", "regional_group"]]
    table = table.join(vote_matrix(votes, ids, members))
    return table.sort_values(["membership", "name"], ascending=[False, True])


def council_outcomes(motions: pd.DataFrame, date: str | None = None) -> pd.DataFrame:
    """Security Council votes with the reason each passed or failed, by the Charter's rule.

    Works from the motions table alone (tallies, ``outcome``, ``vetoed_by``).
    A decision needs at least 9 votes in favour and, unless procedural, no
    negative vote of a permanent member. Columns: ``motion``, ``kind``,
    ``proposer``, ``yes``, ``no``, ``abstain``, ``tally_quality``, ``outcome``,
    ``vetoed_by`` (ISO3 or missing), ``enough_yes`` (yes >= 9, missing where
    the yes count is unknown), ``reason`` and ``would_pass_without_veto``.
    """
    if "vetoed_by" not in motions.columns:
        raise VoteDataError("the motions table has no vetoed_by column: use the table of load_motions()")
    council = motions[motions["body"] == "SC"]
    if date is not None:
        council = council[council["date"] == pd.Timestamp(date)]
    out = council[["motion", "kind", "proposer", "yes", "no", "abstain", "tally_quality", "outcome",
                   "vetoed_by"]].copy()
    out["enough_yes"] = out["yes"].map(lambda y: pd.NA if pd.isna(y) else bool(y >= SC_MAJORITY)).astype("boolean")
    vetoed = out["vetoed_by"].notna()
    reasons = []
    for enough, veto, adopted in zip(out["enough_yes"], vetoed, out["outcome"].eq("adopted")):
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
