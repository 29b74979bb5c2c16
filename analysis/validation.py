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

from collections.abc import Callable
from pathlib import Path

import numpy as np
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


def check_coded(motion: np.ndarray, member: np.ndarray, vote: np.ndarray, totals: dict[str, np.ndarray],
                body: str, fail: Callable[[int, str, object, int], None]) -> None:
    """Validate votes held as integer codes (the fast path for the full UN Digital Library files).

    ``motion`` and ``member`` are 0-based codes (every motion code 0..n-1
    occurs), ``vote`` indexes VOTE_CODES, ``totals`` maps ``total_*`` column
    names to one int64 per row (-1 where empty: not checked). Checks, in order:
    no member twice in a motion; at most 193 members per motion (``body``
    "GA") or 15 ("SC"); each
    total the same on every row of its motion and equal to the motion's own
    count. ``fail(position, problem, value, motion_code)`` raises the error for
    row ``position``.
    """
    limit, body_name = (GA_MAX_MEMBERS, "General Assembly") if body == "GA" else (SC_MEMBERS, "Security Council")
    n_motions = int(motion.max()) + 1 if len(motion) else 0
    key = motion.astype(np.int64) * (int(member.max()) + 1 if len(member) else 1) + member
    dup = pd.Series(key).duplicated().to_numpy()
    if dup.any():
        position = int(dup.argmax())
        fail(position, "member appears twice in the same motion", None, int(motion[position]))
    sizes = np.bincount(motion, minlength=n_motions)
    if (sizes > limit).any():
        rank = pd.Series(motion).groupby(motion).cumcount().to_numpy()
        position = int((rank >= limit).argmax())
        fail(position, f"{int(sizes[motion[position]])} members voted; a {body_name} vote has at most {limit}; "
             f"extra row", None, int(motion[position]))
    counts = np.bincount(motion.astype(np.int64) * 4 + vote, minlength=4 * n_motions).reshape(n_motions, 4)
    expected = {"total_ms": sizes, "total_yes": counts[:, 0], "total_no": counts[:, 1],
                "total_abstentions": counts[:, 2], "total_non_voting": counts[:, 3]}
    labels = {"total_ms": "rows", "total_yes": "Y votes", "total_no": "N votes", "total_abstentions": "A votes",
              "total_non_voting": "X votes"}
    first_row = np.unique(motion, return_index=True)[1]
    for column in ("total_ms", "total_yes", "total_no", "total_abstentions", "total_non_voting"):
        if column not in totals:
            continue
        values = totals[column]
        per_motion = values[first_row]
        differs = values != per_motion[motion]
        if differs.any():
            position = int(differs.argmax())
            fail(position, f"{column} differs between rows of the same motion", int(values[position]),
                 int(motion[position]))
        wrong = (per_motion >= 0) & (per_motion != expected[column])
        if wrong.any():
            code = int(np.flatnonzero(wrong)[np.argmin(first_row[wrong])])
            fail(int(first_row[code]), f"the motion has {int(expected[column][code])} {labels[column]} but its "
                 f"{column} column says {int(per_motion[code])}", None, code)
