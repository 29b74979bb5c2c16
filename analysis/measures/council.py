"""The Security Council: its members' votes beside their General Assembly votes, and its voting rule.

A Council decision needs at least 9 votes in favour and, unless procedural, no
negative vote of a permanent member (Charter, Article 27). On 24 February 2025
the Council adopted the unamended US text while the General Assembly amended
it, so each Council member voted on both versions the same day. Which motion
a permanent member's negative vote defeated is data (the ``vetoed_by`` column
of :func:`analysis.load_motions`), not read from free text here.

The Council changes every year (elected members serve two-year terms from
1 January): the Council that voted in 2022 is not the Council of 2025. A
measure is given the members of one year (:func:`analysis.load_sc_members`,
``tables.council_of(year)``) or the table of every year held
(:func:`analysis.load_council`), and refuses a Council roll call voted by
members other than the ones it was given.
"""

from __future__ import annotations

import pandas as pd

from ..data.bodies import SC_MAJORITY, body_of
from ..data.ids import resolve_in
from ..data.schema import VoteDataError
from .arguments import measure
from .comparisons import vote_matrix


@measure
def council_votes(votes: pd.DataFrame, ids: list[str], *, sc_members: pd.DataFrame, members: pd.DataFrame,
                  year: int | None = None) -> pd.DataFrame:
    """The 15 Council members of one year with their votes on ``ids`` (one column each, in the order given).

    Columns ``name``, ``membership`` (permanent/elected), ``term``,
    ``regional_group``, then one per motion; index ISO3, permanent members
    first, then by name; ``attrs["year"]`` is the Council's year where known.
    ``sc_members`` is one year's Council (:func:`analysis.load_sc_members`,
    ``tables.sc_members`` for 2025, ``tables.council_of(2022)``) or the table
    of every year (:func:`analysis.load_council`, ``tables.council``): then
    ``year`` picks one, or, if not given, the year whose members cast the
    Council votes among ``ids``. A Council vote among ``ids`` cast by other
    members than these 15 is refused: the Council of 2022 is not that of 2025.
    ``members`` is the members table.
    """
    sc_members, year = _one_council(votes, ids, sc_members, year)
    council = sc_members.merge(members, on="iso3")
    table = council.set_index("iso3")[["name", "membership", "term", "regional_group"]]
    table = table.join(vote_matrix(votes, ids, members))
    table = table.sort_values(["membership", "name"], ascending=[False, True])
    table.attrs["year"] = year
    return table


def _one_council(votes: pd.DataFrame, ids: list[str], council: pd.DataFrame,
                 year: int | None) -> tuple[pd.DataFrame, int | None]:
    """The members of one year, and that year; refuses a Council vote among ``ids`` cast by other members."""
    ids = resolve_in(votes, ids)
    cast = {m: frozenset(votes.loc[votes["motion"].eq(m), "iso3"]) for m in ids if body_of(m) == "SC"}
    if "year" in council.columns:
        years = {int(y): frozenset(g["iso3"]) for y, g in council.groupby("year")}
        if year is None:
            found = {y for y, roster in years.items() for voters in cast.values() if voters == roster}
            if len(found) != 1:
                raise ValueError("give year= (the Council's year): "
                                 + ("the Council votes among ids were cast by the members of "
                                    f"{' and '.join(map(str, sorted(found)))}" if found else
                                    "no Council vote among ids tells which year's Council to show"))
            year = found.pop()
        council = council[council["year"] == year].drop(columns="year")
    roster = frozenset(council["iso3"])
    for motion, voters in cast.items():
        if voters and voters != roster:
            raise ValueError(f"{motion} was voted by another Council than the one given ({', '.join(sorted(voters - roster))} "
                             f"voted on it and are not among its members): pass that year's members "
                             f"(tables.council_of(YEAR), or tables.council with year=)")
    return council, year


def council_outcomes(motions: pd.DataFrame, date: str | None = None, *, votes: pd.DataFrame | None = None,
                     council: pd.DataFrame | None = None) -> pd.DataFrame:
    """Security Council votes with the reason each passed or failed, by the Charter's rule.

    Works from the motions table (tallies, ``outcome``, ``vetoed_by``); with
    ``votes`` (the roll calls) and ``council`` (:func:`analysis.load_council`),
    it also names the permanent members that voted no. A decision needs at
    least 9 votes in favour and, unless procedural, no negative vote of a
    permanent member. Columns: ``motion``, ``kind``, ``proposer``, ``yes``,
    ``no``, ``abstain``, ``tally_quality``, ``outcome``, ``vetoed_by`` (ISO3 or
    missing), ``permanent_against`` (the permanent members voting no by the
    record, e.g. ``RUS``; empty: none; missing: no record given or held),
    ``enough_yes`` (yes >= 9, missing where the yes count is unknown),
    ``reason`` and ``would_pass_without_veto`` (missing where no permanent member's negative vote defeated
    the motion: an adopted text had no veto to take away). A draft resolution defeated by
    a permanent member's negative vote (S/2022/155, S/2022/720) is a veto like
    any other; a motion adopted although a permanent member voted no (S/RES/2623
    (2022)) was decided as procedural (Article 27(2)), and its reason says so.
    """
    if "vetoed_by" not in motions.columns:
        raise VoteDataError("the motions table has no vetoed_by column: use the table of load_motions()")
    chosen = motions[motions["body"] == "SC"]
    if date is not None:
        chosen = chosen[chosen["date"] == pd.Timestamp(date)]
    out = chosen[["motion", "kind", "proposer", "yes", "no", "abstain", "tally_quality", "outcome",
                  "vetoed_by"]].copy()
    out["permanent_against"] = [_permanent_against(m, d, votes, council) for m, d in zip(chosen["motion"],
                                                                                       chosen["date"])]
    out["enough_yes"] = out["yes"].map(lambda y: pd.NA if pd.isna(y) else bool(y >= SC_MAJORITY)).astype("boolean")
    vetoed = out["vetoed_by"].notna()
    out["reason"] = [_reason(row, veto) for row, veto in zip(out.to_dict("records"), vetoed)]
    # only a vetoed motion has a veto to take away: elsewhere the question does not arise (missing, not "no")
    out["would_pass_without_veto"] = out["enough_yes"].fillna(False).where(vetoed)
    return out.reset_index(drop=True)


def _permanent_against(motion: str, date: pd.Timestamp, votes: pd.DataFrame | None, council: pd.DataFrame | None):
    """The permanent members that voted no on ``motion`` by the record ("" none), or NA where it is not known."""
    if votes is None or council is None or motion not in set(votes["motion"]):
        return pd.NA
    permanent = set(council.loc[council["membership"].eq("permanent") & council["year"].eq(date.year), "iso3"])
    if not permanent:
        return pd.NA
    against = votes.loc[votes["motion"].eq(motion) & votes["vote"].eq("N"), "iso3"]
    return " ".join(sorted(set(against) & permanent))


def _reason(row: dict, veto: bool) -> str:
    """Why a Council motion passed or failed, by Article 27, from its tally, outcome and the record."""
    enough, against = row["enough_yes"], row["permanent_against"]
    if row["outcome"] == "adopted":
        if isinstance(against, str) and against:
            return (f"adopted: 9 or more in favour; the negative vote of a permanent member ({against}) did not "
                    "block it: decided as procedural (Charter, Article 27(2))")
        if (pd.notna(row["no"]) and int(row["no"]) == 0) or against == "":
            return "adopted: 9 or more in favour, no permanent member against"
        return "adopted: 9 or more in favour (who voted against is not in the data given)"
    if veto:
        return "failed: negative vote of a permanent member"
    if pd.isna(enough):
        return "failed: no tally found"
    if not enough:
        return f"failed: fewer than {SC_MAJORITY} in favour"
    return "failed"
