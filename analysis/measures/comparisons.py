"""Comparing motions: tallies, transitions between two votes, changed votes, coalitions.

Every function is ``f(votes, ...)`` on the tidy long table of
:func:`analysis.load_votes` (or :func:`analysis.read_undl`), which is required
(see :mod:`analysis.arguments` for the conventions). Results are ordered
deterministically (vote codes Y, N, A, X; countries by ISO3) so that printed
outputs are stable.
"""

from __future__ import annotations

import pandas as pd

from ..data.ids import resolve_in
from ..data.schema import REGIONAL_GROUPS, VOTE_CODES
from .arguments import bodies, measure, once_per_member
from .records import NOT_ON_COUNCIL, NOT_RECORDED

#: Row label for votes of former seats (YUG, CSK, ...), which have no regional group of 2025.
FORMER_SEATS = "Former seats"


@measure
def votes_on(votes: pd.DataFrame, motion: str) -> pd.Series:
    """The roll call of ``motion``: each voting member's code, a Series indexed by ISO3 (sorted).

    Only the members that voted on it (the 15 for a Council vote); use
    :func:`vote_matrix` for a table that keeps every member.
    """
    (motion,) = resolve_in(votes, [motion])
    rows = votes[votes["motion"] == motion]
    return rows.set_index("iso3")["vote"].sort_index().rename(motion)


def _pair(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Members with a record on both motions: columns ``a`` and ``b`` (so that ``a == b`` works too)."""
    return _recorded(votes, resolve_in(votes, [a, b])).dropna().set_axis(["a", "b"], axis=1)


@measure
def tally(votes: pd.DataFrame, ids: list[str] | None = None) -> pd.DataFrame:
    """Counts per motion: ``Y, N, A, X``, ``members``, ``voting`` (Y+N: present and voting, rule 86 of the General
    Assembly's rules of procedure), ``present`` (Y+N+A: casting any vote).

    ``ids`` selects and orders the rows (default: every motion, in order of first appearance).
    """
    if ids is not None:
        ids = resolve_in(votes, ids)
        votes = votes[votes["motion"].isin(ids)]
    counts = vote_counts(votes)
    if ids is not None:
        counts = counts.loc[ids]
    counts = counts.copy()
    counts["members"] = counts[list(VOTE_CODES)].sum(axis=1)
    counts["voting"] = counts["Y"] + counts["N"]
    counts["present"] = counts["Y"] + counts["N"] + counts["A"]
    counts.columns.name = None
    return counts


@measure
def shares(votes: pd.DataFrame, ids: list[str] | None = None) -> pd.DataFrame:
    """Y/N/A as percentages, per motion, of three bases (one decimal).

    - ``*_of_voting`` (``Y``, ``N``): of the members present and voting, which under rule 86 of the General
      Assembly's rules of procedure are those voting yes or no (an abstaining member counts as not voting):
      the base of the Assembly's majorities (Charter, Article 18);
    - ``*_of_present`` (``Y``, ``N``, ``A``): of the members casting any vote, abstentions included;
    - ``*_of_all`` (``Y``, ``N``, ``A``, ``X``): of all the members on the roll call.

    Examples:
        >>> shares(load_tables().votes, ["ES-11/7"]).loc["A/RES/ES-11/7", ["Y_of_voting", "Y_of_present"]].tolist()
        [83.8, 52.8]
    """
    counts = tally(votes, ids)
    out = pd.DataFrame(index=counts.index)
    for code in ("Y", "N"):
        out[f"{code}_of_voting"] = 100 * counts[code] / counts["voting"]
    for code in ("Y", "N", "A"):
        out[f"{code}_of_present"] = 100 * counts[code] / counts["present"]
    for code in VOTE_CODES:
        out[f"{code}_of_all"] = 100 * counts[code] / counts["members"]
    return out.round(1)


@measure
def transitions(votes: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Crosstab of counts: rows = vote on motion ``a``, columns = vote on motion ``b``.

    All four codes ``Y, N, A, X`` are always present on both axes (zeros
    included). Only members with a record on both motions are counted; with the
    bundled GA data that is all 193.
    """
    a, b = resolve_in(votes, [a, b])
    both = _pair(votes, a, b)
    table = pd.crosstab(both["a"], both["b"]).reindex(index=list(VOTE_CODES), columns=list(VOTE_CODES), fill_value=0)
    table.index.name, table.columns.name = a, b
    return table.astype(int)


@measure
def changed_votes(votes: pd.DataFrame, a: str, b: str, members: pd.DataFrame) -> pd.DataFrame:
    """Every member whose vote differs between ``a`` and ``b``, with its name and regional group.

    Columns ``iso3``, ``name``, ``regional_group``, ``from``, ``to``, ``change``
    (e.g. ``N->A``); sorted by kind of change (in Y, N, A, X order) then name.
    """
    both = _pair(votes, a, b).set_axis(["from", "to"], axis=1)
    moved = both[both["from"] != both["to"]].reset_index(names="iso3")
    out = moved.merge(members, on="iso3", how="left")
    out["change"] = out["from"] + "->" + out["to"]
    rank = {code: i for i, code in enumerate(VOTE_CODES)}
    out["_order"] = out["from"].map(rank) * 4 + out["to"].map(rank)
    out = out.sort_values(["_order", "name"]).drop(columns="_order")
    return out[["iso3", "name", "regional_group", "from", "to", "change"]].reset_index(drop=True)


@measure
def by_group(votes: pd.DataFrame, motion: str, groups: pd.DataFrame, column: str = "regional_group") -> pd.DataFrame:
    """Counts of Y/N/A/X on ``motion`` per group (default: UN regional group).

    ``groups`` is any table with ``iso3`` and ``column``: the members table
    (:func:`analysis.load_members`) for the regional groups, or the blocs table
    with ``column="bloc"`` (members outside every bloc are then not counted). With regional groups, votes of former seats (``YUG``, ``CSK``...
    in old UN Digital Library rows) are counted in a row "Former seats" rather
    than dropped.
    """
    record = votes_on(votes, motion)
    motion = record.name
    votes_here = record.reset_index()
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


@measure
def coalition_overlap(votes: pd.DataFrame, a: str, b: str, members: pd.DataFrame, code: str = "Y") -> pd.DataFrame:
    """How far the ``code`` coalitions (default: yes) of two motions are the same members, per regional group.

    Columns ``both``, ``only_<a>``, ``only_<b>``, ``neither``; one row per
    regional group plus ``All members``.
    """
    a, b = resolve_in(votes, [a, b])
    frame = _pair(votes, a, b).reset_index(names="iso3")
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


@measure
def group_rates(votes: pd.DataFrame, motion: str, members: pd.DataFrame) -> pd.DataFrame:
    """Per regional group: members, and Y/N/A/X as % of the group's members (one decimal), plus all members."""
    counts = by_group(votes, motion, members)
    counts.loc["All members"] = counts.sum()
    rates = (100 * counts.div(counts.sum(axis=1), axis=0)).round(1)
    rates.insert(0, "members", counts.sum(axis=1))
    return rates


@measure
def always(votes: pd.DataFrame, code: str, ids: list[str], members: pd.DataFrame) -> pd.DataFrame:
    """Members who voted ``code`` on every one of ``ids`` (``iso3``, ``name``, ``regional_group``), by group then name."""
    table = vote_matrix(votes, ids, members)
    keep = table.index[(table == code).all(axis=1)]
    out = members[members["iso3"].isin(keep)]
    order = {g: i for i, g in enumerate(REGIONAL_GROUPS)}
    return out.assign(_g=out["regional_group"].map(order)).sort_values(["_g", "name"]).drop(columns="_g").reset_index(drop=True)


@measure
def vote_matrix(votes: pd.DataFrame, ids: list[str], members: pd.DataFrame | None = None) -> pd.DataFrame:
    """Members x motions table of vote codes (ISO3 index, sorted; one column per id, in the order given).

    Nothing is dropped: the rows are every member that voted on any of
    ``ids``, and a Council vote brings in every UN Member State of ``members``
    (the members table, required when ``ids`` holds a Council vote). A member without a vote on a
    motion (not on the Council; in old records, not yet a member) is a missing
    value, and ``table.attrs["missing"]`` says what it means per motion, e.g.
    ``{"S/RES/2774(2025)": "not a Council member"}``.
    """
    ids = resolve_in(votes, ids)
    table = _recorded(votes, ids)
    of = bodies(votes[votes["motion"].isin(ids)])
    council = [m for m in dict.fromkeys(ids) if of.get(m) == "SC"]
    if council:
        if members is None:
            raise TypeError("vote_matrix(): a Council vote is among ids: pass members= (the members table), so that "
                            "every member gets a row")
        table = table.reindex(table.index.union(pd.Index(members["iso3"], name="iso3")))
    table.attrs["missing"] = {m: NOT_ON_COUNCIL if m in council else NOT_RECORDED
                              for m in dict.fromkeys(ids) if table[m].isna().to_numpy().any()}
    return table


def _recorded(votes: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Members x ``ids`` (resolved ids) for the members with a record on at least one of them; one pivot."""
    rows = votes[votes["motion"].isin(ids)]
    once_per_member(rows)
    table = rows.pivot(index="iso3", columns="motion", values="vote").reindex(columns=ids).sort_index()
    table.index.name, table.columns.name = "iso3", None
    return table


def vote_counts(votes: pd.DataFrame) -> pd.DataFrame:
    """Counts of Y/N/A/X per motion (motions in order of first appearance, all four columns)."""
    order = pd.unique(votes["motion"])
    counts = pd.crosstab(votes["motion"], votes["vote"])
    return counts.reindex(index=order, columns=list(VOTE_CODES), fill_value=0)


#: Each member's move between two votes, as :func:`moves` names it: toward yes, away from yes, another change (to
#: or from not voting, yes not involved), or the same vote.
MOVE_KINDS = ("toward", "away", "other", "same")
_RANK = {"N": 0, "A": 1, "Y": 2}


def _move(before: str, after: str) -> str:
    if before == after:
        return "same"
    if before in _RANK and after in _RANK:
        return "toward" if _RANK[after] > _RANK[before] else "away"
    if "Y" in (before, after):
        return "toward" if after == "Y" else "away"
    return "other"


@measure
def moves(votes: pd.DataFrame, a: str, b: str) -> pd.Series:
    """Each member's move from ``a`` to ``b`` (:data:`MOVE_KINDS`), in the order no < abstain < yes; not voting to
    or from yes counts as away from or toward yes, and between not voting and abstaining or no as ``other``.
    Indexed by ISO3 (sorted), members with a vote on both.

    Examples:
        >>> moves(load_votes(), "ES-11/6", "ES-11/7").value_counts().to_dict()
        {'same': 133, 'away': 51, 'other': 8, 'toward': 1}
    """
    pair = _pair(votes, a, b)
    return pd.Series([_move(x, y) for x, y in zip(pair["a"], pair["b"])], index=pair.index, dtype=object,
                     name="move")
