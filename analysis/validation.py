"""Checks run on every load, so that a notebook never works on a silently wrong table.

Each check raises :class:`~analysis.errors.VoteDataError` naming the file and
line (or the motion) and the offending value:

- each (motion, member) pair appears once;
- a General Assembly roll call covers the 193 members exactly once, a
  Security Council roll call the 15 members of the Council;
- the Y/N/A counts of a roll call equal the official tally in the motions
  table (where the tally is known);
- in a UN Digital Library file, each motion's rows match the file's own
  ``total_ms`` and ``total_*`` columns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import VoteDataError
from .normalize import VOTE_CODES, member_codes
from .tables import fail_at, line_of_record

GA_MAX_MEMBERS = 193
SC_MEMBERS = 15


def vote_counts(votes: pd.DataFrame) -> pd.DataFrame:
    """Counts of Y/N/A/X per motion (motions in order of first appearance, all four columns)."""
    order = pd.unique(votes["motion"])
    counts = pd.crosstab(votes["motion"], votes["vote"])
    return counts.reindex(index=order, columns=list(VOTE_CODES), fill_value=0)


def check_unique(votes: pd.DataFrame, file: str | Path | None = None) -> None:
    """No member may appear twice in the same motion."""
    dup = votes.duplicated(["motion", "iso3"]).to_numpy()
    if dup.any():
        position = int(dup.argmax())
        motion, iso3 = votes["motion"].iat[position], votes["iso3"].iat[position]
        problem = "member appears twice in the same motion"
        if file is not None:
            fail_at(file, position, problem, iso3, motion=motion)
        raise VoteDataError(problem, value=iso3, motion=motion)


def check_roster(votes: pd.DataFrame, bodies: dict[str, str], file: str | Path | None = None,
                 sc_roster: set[str] | None = None) -> None:
    """GA roll calls list exactly the 193 members; SC roll calls exactly 15 members (``sc_roster`` if given)."""
    members = member_codes()
    for motion, group in votes.groupby("motion", sort=False):
        present = set(group["iso3"])
        body = bodies.get(motion)
        if body == "GA":
            missing, extra = sorted(members - present), sorted(present - members)
            if missing or extra:
                detail = f"missing {', '.join(missing[:10])}" if missing else f"not members {', '.join(extra)}"
                raise VoteDataError(
                    f"a General Assembly roll call must list all {GA_MAX_MEMBERS} members once; "
                    f"found {len(present)} ({detail})", file=file, motion=motion,
                )
        elif body == "SC":
            if len(present) != SC_MEMBERS or (sc_roster is not None and present != sc_roster):
                odd = sorted(present ^ sc_roster) if sc_roster is not None else []
                raise VoteDataError(
                    f"a Security Council roll call must list the {SC_MEMBERS} Council members; "
                    f"found {len(present)}" + (f" (differs by {', '.join(odd)})" if odd else ""),
                    file=file, motion=motion,
                )


def check_tallies(votes: pd.DataFrame, motions: pd.DataFrame, file: str | Path | None = None,
                  motions_file: str | Path | None = None) -> None:
    """Each roll call's Y/N/A counts must equal the official tally (columns ``yes, no, abstain``).

    A tally that is unknown (missing) is not checked; one that is known must match exactly.
    """
    counts = vote_counts(votes)
    official = motions.set_index("motion")
    for motion, row in counts.iterrows():
        expected = official.loc[motion]
        for code, column in (("Y", "yes"), ("N", "no"), ("A", "abstain")):
            want = expected[column]
            if pd.notna(want) and int(row[code]) != int(want):
                record = int(motions.index[motions["motion"] == motion][0])
                where = f"{motions_file}, line {line_of_record(motions_file, record)}" if motions_file else "the motions table"
                raise VoteDataError(
                    f"counted {row['Y']}-{row['N']}-{row['A']} (yes-no-abstain) but {where} gives "
                    f"{_tally_text(expected)}; {column} differs", file=file, motion=motion,
                    value=int(row[code]),
                )


def _tally_text(row: pd.Series) -> str:
    return "-".join("?" if pd.isna(row[c]) else str(int(row[c])) for c in ("yes", "no", "abstain"))


def check_undl_totals(frame: pd.DataFrame, file: str | Path | None = None) -> None:
    """In a UN Digital Library file, each motion's rows must agree with its own total columns.

    ``frame`` has ``motion``, ``vote`` and the ``total_*`` columns (as numbers).
    The totals must be the same on every row of a motion, the row count must
    equal ``total_ms`` and the Y/N/A/X counts ``total_yes``, ``total_no``,
    ``total_abstentions`` and ``total_non_voting``.
    """
    total_columns = {"ms": "total_ms", "Y": "total_yes", "N": "total_no", "A": "total_abstentions",
                     "X": "total_non_voting"}
    present = {k: c for k, c in total_columns.items() if c in frame.columns}
    if not present:
        return
    grouped = frame.groupby("motion", sort=False)[list(present.values())]
    lo, hi = grouped.min(), grouped.max()
    inconsistent = (lo != hi) & ~(lo.isna() & hi.isna())
    if inconsistent.to_numpy().any():
        motion = inconsistent.any(axis=1).idxmax()
        column = inconsistent.loc[motion].idxmax()
        position = int(((frame["motion"] == motion) & (frame[column] != lo.at[motion, column])).to_numpy().argmax())
        _fail(file, position, f"{column} differs between rows of the same motion", frame[column].iat[position], motion)
    counts = vote_counts(frame)
    counts["ms"] = frame.groupby("motion", sort=False).size()
    for key, column in present.items():
        want = lo[column]
        got = counts[key].reindex(want.index)
        wrong = want.notna() & (got != want)
        if wrong.any():
            motion = wrong.idxmax()
            position = int((frame["motion"] == motion).to_numpy().argmax())
            what = "rows" if key == "ms" else f"{key} votes"
            _fail(file, position, f"the motion has {int(got[motion])} {what} but its {column} column says "
                  f"{int(want[motion])}", None, motion)


def _fail(file, position: int, problem: str, value, motion: str) -> None:
    if file is not None:
        fail_at(file, position, problem, value, motion=motion)
    raise VoteDataError(problem, value=value, motion=motion)
