"""Standard measures of voting agreement between members and cohesion within groups.

Pairwise agreement (:func:`agreement`) returns a square ISO3 x ISO3 table:

- ``"coincidence"``: the US State Department's voting coincidence, identical /
  (identical + opposite), counting only motions on which *both* members voted
  yes or no; abstentions and absences are left out.
- ``"lijphart"``: Lijphart's index of agreement, the mean of 1 - |v1 - v2| / 2
  with yes = 1, abstain = 2, no = 3, over motions on which both members cast
  a vote (Y, A or N): full agreement 1, yes against no 0, one abstaining 0.5.
  Absence (X) is left out.
- ``"kappa"``: Cohen's kappa on the categories Y, A, N over the motions on
  which both cast a vote: agreement corrected for the agreement expected from
  each member's own distribution of votes. Undefined (NaN) where the expected
  agreement is 1, e.g. two members that voted yes every time.

A pair with no motion to compare is NaN. The diagonal is computed like any pair.

Group cohesion (:func:`cohesion`) per motion and group, over members that cast
a vote (X left out): ``"rice"`` = |Y - N| / (Y + N) (abstentions left out) and
``"agreement_index"`` (Hix, Noury and Roland) = (max(Y, N, A) - (Y + N + A -
max) / 2) / (Y + N + A).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import VoteDataError

AGREEMENT_METHODS = ("coincidence", "lijphart", "kappa")
COHESION_METHODS = ("rice", "agreement_index")
_CAST = ("Y", "A", "N")  # the votes actually cast, in Lijphart's order (1, 2, 3)


def _one_hot(votes: pd.DataFrame, motions: list[str] | None) -> tuple[pd.Index, dict[str, np.ndarray]]:
    """Members (sorted ISO3) and, per cast code, a members x motions 0/1 matrix."""
    if motions is not None:
        votes = votes[votes["motion"].isin(motions)]
    matrix = votes.pivot(index="iso3", columns="motion", values="vote").sort_index()
    return matrix.index, {code: (matrix == code).to_numpy(dtype=float) for code in _CAST}


def agreement(votes: pd.DataFrame, method: str = "coincidence", motions: list[str] | None = None) -> pd.DataFrame:
    """Pairwise agreement between members over ``motions`` (default: all in ``votes``); see the module doc."""
    if method not in AGREEMENT_METHODS:
        raise ValueError(f"method must be one of {', '.join(AGREEMENT_METHODS)}, not {method!r}")
    if votes.duplicated(["motion", "iso3"]).any():
        raise VoteDataError("a member appears twice in the same motion; validate the table first")
    index, hot = _one_hot(votes, motions)
    y, a, n = hot["Y"], hot["A"], hot["N"]
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "coincidence":
            identical = y @ y.T + n @ n.T
            opposite = y @ n.T + n @ y.T
            values = identical / (identical + opposite)
        else:
            cast = y + a + n
            shared = cast @ cast.T
            if method == "lijphart":
                score = {("Y", "Y"): 1, ("A", "A"): 1, ("N", "N"): 1, ("Y", "A"): 0.5, ("A", "Y"): 0.5,
                         ("A", "N"): 0.5, ("N", "A"): 0.5, ("Y", "N"): 0, ("N", "Y"): 0}
                total = sum(w * (hot[p] @ hot[q].T) for (p, q), w in score.items() if w)
                values = total / shared
            else:
                observed = sum(hot[c] @ hot[c].T for c in _CAST) / shared
                expected = sum((hot[c] @ cast.T) * (cast @ hot[c].T) for c in _CAST) / shared**2
                values = (observed - expected) / (1 - expected)
                values[np.isclose(expected, 1)] = np.nan
    values[~np.isfinite(values)] = np.nan
    return pd.DataFrame(values, index=index.rename("iso3"), columns=index.rename("iso3"))


def cohesion(votes: pd.DataFrame, groups: pd.DataFrame, method: str = "rice", by: str | None = None) -> pd.DataFrame:
    """Cohesion of each group on each motion: rows = motions (in order of appearance), columns = groups.

    ``groups`` is a table with ``iso3`` and a group column: ``by`` names it
    (default: ``bloc`` if present, else ``regional_group``), e.g. the blocs
    table or the members table. A member may belong to several groups. A group
    with no member casting a vote on a motion gets NaN (for ``rice``, also when
    its members only abstained).
    """
    if method not in COHESION_METHODS:
        raise ValueError(f"method must be one of {', '.join(COHESION_METHODS)}, not {method!r}")
    by = by or ("bloc" if "bloc" in groups.columns else "regional_group")
    merged = votes.merge(groups[["iso3", by]], on="iso3", how="inner")
    counts = pd.crosstab([merged["motion"], merged[by]], merged["vote"]).reindex(columns=list(_CAST), fill_value=0)
    y, a, n = counts["Y"], counts["A"], counts["N"]
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "rice":
            score = (y - n).abs() / (y + n)
        else:
            total = y + a + n
            top = counts[list(_CAST)].max(axis=1)
            score = (top - (total - top) / 2) / total
    table = score.astype(float).unstack(by)
    order = list(pd.unique(votes["motion"]))
    table = table.reindex([m for m in order if m in table.index])
    table.columns.name, table.index.name = by, "motion"
    return table


def majority_votes(votes: pd.DataFrame, members: list[str] | set[str], label: str) -> pd.DataFrame:
    """A pseudo-member ``label`` that votes, on each motion, as the plurality of ``members`` who cast a vote.

    Only Y, A and N count; a tie for first place, or no vote cast, gives ``X``
    (no majority position). Rows ``motion, iso3 = label, vote``, ready to be
    appended to ``votes`` for :func:`agreement` (e.g. the EU27 majority).
    """
    mine = votes[votes["iso3"].isin(set(members)) & votes["vote"].isin(_CAST)]
    counts = pd.crosstab(mine["motion"], mine["vote"]).reindex(columns=list(_CAST), fill_value=0)
    top = counts.max(axis=1)
    winners = counts.eq(top, axis=0)
    vote = counts.idxmax(axis=1).where(winners.sum(axis=1) == 1, "X")
    order = [m for m in pd.unique(votes["motion"]) if m in vote.index]
    missing = [m for m in pd.unique(votes["motion"]) if m not in vote.index]
    out = pd.DataFrame({"motion": order + missing, "iso3": label,
                        "vote": [vote[m] for m in order] + ["X"] * len(missing)})
    return out
