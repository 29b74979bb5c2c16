"""Comparing motions: tallies, transitions between two votes, changed votes, coalitions.

All functions take the tidy long table of :func:`analysis.load_votes` (or of
:func:`analysis.read_undl`); when ``votes`` is omitted they load the bundled
records. Results are ordered deterministically (vote codes Y, N, A, X;
countries by ISO3) so that printed outputs are stable.
"""

from __future__ import annotations

import pandas as pd

from .schema import VOTE_CODES, VoteDataError
from .members import REGIONAL_GROUPS, load_members

#: Row label for votes of former seats (YUG, CSK, ...), which have no regional group of 2025.
FORMER_SEATS = "Former seats"


def _votes(votes: pd.DataFrame | None) -> pd.DataFrame:
    if votes is None:
        from .votes import load_votes

        return load_votes()
    return votes


def votes_on(motion: str, votes: pd.DataFrame | None = None) -> pd.Series:
    """The vote of each member on ``motion`` as a Series indexed by ISO3 (sorted)."""
    votes = _votes(votes)
    rows = votes[votes["motion"] == motion]
    if rows.empty:
        known = list(pd.unique(votes["motion"]))
        shown = ", ".join(map(str, known[:12])) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
        raise VoteDataError(f"no country-level record for this motion (records exist for: {shown})", value=motion)
    return rows.set_index("iso3")["vote"].sort_index().rename(motion)


def _pair(a: str, b: str, votes: pd.DataFrame | None) -> pd.DataFrame:
    """Members with a record on both motions: columns ``a`` and ``b`` (so that ``a == b`` works too)."""
    return vote_matrix([a, b], votes).set_axis(["a", "b"], axis=1)


def tally(votes: pd.DataFrame | None = None, motions: list[str] | None = None) -> pd.DataFrame:
    """Counts per motion: ``Y, N, A, X``, ``members``, ``voting`` (Y+N), ``present`` (Y+N+A).

    ``motions`` selects and orders the rows (default: order of first appearance).
    """
    from .votes import vote_counts

    votes = _votes(votes)
    counts = vote_counts(votes)
    if motions is not None:
        missing = [m for m in motions if m not in counts.index]
        if missing:
            raise VoteDataError("no country-level record for this motion", value=missing[0])
        counts = counts.loc[motions]
    counts = counts.copy()
    counts["members"] = counts[list(VOTE_CODES)].sum(axis=1)
    counts["voting"] = counts["Y"] + counts["N"]
    counts["present"] = counts["Y"] + counts["N"] + counts["A"]
    counts.columns.name = None
    return counts


def shares(votes: pd.DataFrame | None = None, motions: list[str] | None = None) -> pd.DataFrame:
    """Y/N/A as percentages of members present and voting (Y+N+A) and of all members, per motion.

    Columns ``Y_of_present``, ``N_of_present``, ``A_of_present``, ``Y_of_all``,
    ``N_of_all``, ``A_of_all``, ``X_of_all``, rounded to one decimal.
    """
    counts = tally(votes, motions)
    out = pd.DataFrame(index=counts.index)
    for code in ("Y", "N", "A"):
        out[f"{code}_of_present"] = 100 * counts[code] / counts["present"]
    for code in VOTE_CODES:
        out[f"{code}_of_all"] = 100 * counts[code] / counts["members"]
    return out.round(1)


def transitions(a: str, b: str, votes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Crosstab of counts: rows = vote on motion ``a``, columns = vote on motion ``b``.

    All four codes ``Y, N, A, X`` are always present on both axes (zeros
    included). Only members with a record on both motions are counted; with the
    bundled GA data that is all 193.
    """
    both = _pair(a, b, votes)
    table = pd.crosstab(both["a"], both["b"]).reindex(index=list(VOTE_CODES), columns=list(VOTE_CODES), fill_value=0)
    table.index.name, table.columns.name = a, b
    return table.astype(int)


def changed_votes(a: str, b: str, votes: pd.DataFrame | None = None,
                  members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every member whose vote differs between ``a`` and ``b``, with its name and regional group.

    Columns ``iso3``, ``name``, ``regional_group``, ``from``, ``to``, ``change``
    (e.g. ``N->A``); sorted by kind of change (in Y, N, A, X order) then name.
    """
    members = load_members() if members is None else members
    both = _pair(a, b, votes).set_axis(["from", "to"], axis=1)
    moved = both[both["from"] != both["to"]].reset_index(names="iso3")
    out = moved.merge(members, on="iso3", how="left")
    out["change"] = out["from"] + "->" + out["to"]
    rank = {code: i for i, code in enumerate(VOTE_CODES)}
    out["_order"] = out["from"].map(rank) * 4 + out["to"].map(rank)
    out = out.sort_values(["_order", "name"]).drop(columns="_order")
    return out[["iso3", "name", "regional_group", "from", "to", "change"]].reset_index(drop=True)


def by_group(motion: str, votes: pd.DataFrame | None = None, members: pd.DataFrame | None = None,
             groups: pd.DataFrame | None = None, column: str = "regional_group") -> pd.DataFrame:
    """Counts of Y/N/A/X on ``motion`` per group (default: UN regional group).

    ``groups`` may be any table with ``iso3`` and ``column`` (e.g. the blocs
    table with ``column="bloc"``; members outside every bloc are then not
    counted). With regional groups, votes of former seats (``YUG``, ``CSK``...
    in old UN Digital Library rows) are counted in a row "Former seats" rather
    than dropped.
    """
    groups = (load_members() if members is None else members) if groups is None else groups
    votes_here = votes_on(motion, votes).reset_index()
    how = "left" if column == "regional_group" else "inner"
    merged = votes_here.merge(groups[["iso3", column]], on="iso3", how=how)
    merged[column] = merged[column].fillna(FORMER_SEATS)
    table = pd.crosstab(merged[column], merged[motion]).reindex(columns=list(VOTE_CODES), fill_value=0)
    if column == "regional_group":
        extra = [FORMER_SEATS] if FORMER_SEATS in table.index else []
        table = table.reindex(list(REGIONAL_GROUPS) + extra, fill_value=0)
    table.columns.name = None
    table.index.name = column
    return table.astype(int)


def coalition_overlap(a: str, b: str, code: str = "Y", votes: pd.DataFrame | None = None,
                      members: pd.DataFrame | None = None) -> pd.DataFrame:
    """How far the ``code`` coalitions (default: yes) of two motions are the same members, per regional group.

    Columns ``both``, ``only_<a>``, ``only_<b>``, ``neither``; one row per
    regional group plus ``All members``.
    """
    members = load_members() if members is None else members
    frame = _pair(a, b, votes).reset_index(names="iso3")
    frame = frame.merge(members[["iso3", "regional_group"]], on="iso3", how="left")
    in_a, in_b = frame["a"] == code, frame["b"] == code
    frame["class"] = "neither"
    frame.loc[in_a & in_b, "class"] = "both"
    frame.loc[in_a & ~in_b, "class"] = f"only {a}"
    frame.loc[~in_a & in_b, "class"] = f"only {b}"
    columns = ["both", f"only {a}", f"only {b}", "neither"]
    table = pd.crosstab(frame["regional_group"], frame["class"]).reindex(
        index=list(REGIONAL_GROUPS), columns=columns, fill_value=0)
    table.loc["All members"] = table.sum()
    table.index.name, table.columns.name = "regional_group", None
    return table.astype(int)


def group_rates(motion: str, votes: pd.DataFrame | None = None, members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per regional group: members, and Y/N/A/X as % of the group's members (one decimal), plus all members."""
    counts = by_group(motion, votes, members)
    counts.loc["All members"] = counts.sum()
    rates = (100 * counts.div(counts.sum(axis=1), axis=0)).round(1)
    rates.insert(0, "members", counts.sum(axis=1))
    return rates


def always(code: str, motions: list[str], votes: pd.DataFrame | None = None,
           members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Members who voted ``code`` on every one of ``motions`` (``iso3``, ``name``, ``regional_group``), by group then name."""
    members = load_members() if members is None else members
    table = vote_matrix(motions, votes)
    keep = table.index[(table == code).all(axis=1)]
    out = members[members["iso3"].isin(keep)]
    order = {g: i for i, g in enumerate(REGIONAL_GROUPS)}
    return out.assign(_g=out["regional_group"].map(order)).sort_values(["_g", "name"]).drop(columns="_g").reset_index(drop=True)


def vote_matrix(motions: list[str], votes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Members x motions table of vote codes (ISO3 index, sorted; columns in the order given)."""
    return pd.concat([votes_on(m, votes) for m in motions], axis=1, join="inner").sort_index()
