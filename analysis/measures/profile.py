"""One country's whole record: every motion in date order, the tally beside each vote, and its alignment.

:func:`country_profile` answers "how did Brazil vote?" in one call: the vote on
each motion of the motions table (roll calls, Council votes it was not part of,
amendments known only as tallies, and votes known only from news reports, each
labelled as such), whether it sat on the Council, and its agreement with the
United States, the Russian Federation, Ukraine and the EU27 majority before and
from a date, with the number of votes behind each score.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .indices import agreement_by_period, majority_votes, periods
from .records import ROLL_CALL, MemberRecord

if TYPE_CHECKING:
    from ..data.tables import Tables

#: The partners of the agreement table: ISO3 codes, plus the EU27 majority (a pseudo-member).
PARTNERS = ("USA", "RUS", "UKR")
EU_MAJORITY = "EU27 majority"

VOTE_COLUMNS = ["date", "motion", "body", "kind", "vote", "record", "on_council", "yes", "no", "abstain",
                "tally_quality", "title"]


@dataclass
class CountryProfile:
    """A member's record (``votes``, one row per motion in date order) and ``agreement`` with four partners.

    ``votes`` columns: ``date``, ``motion``, ``body``, ``kind``, ``vote`` (Y/N/A/X,
    missing where not known), ``record`` (where the vote comes from, in the
    words of :mod:`analysis.measures.records`: ``roll call``, ``by elimination``
    (a roll-call vote deduced from the official tally with the other votes named:
    the 11 yes votes of S/RES/2623 (2022), see ``sc_2022_sources.csv``), ``not a
    Council member``, ``news report (high confidence)``..., ``tally only``),
    ``on_council`` (for Council motions: by the Council of the vote's year), the official ``yes``/``no``/``abstain``,
    ``tally_quality`` and ``title``. ``agreement`` has one row per partner and
    the columns ``score <period>`` and ``votes <period>`` (the count behind it).
    """

    iso3: str
    name: str
    regional_group: str
    council: str
    article19: str
    method: str
    votes: pd.DataFrame
    agreement: pd.DataFrame


def _on_council(iso3: str, date: pd.Timestamp, council: pd.DataFrame):
    """Whether ``iso3`` sat on the Council on ``date``, by the members of that year (:func:`analysis.load_council`);
    NA where the date, or that year's membership, is not in the data."""
    if pd.isna(date):
        return pd.NA
    year = council[council["year"] == date.year]
    if year.empty:
        return pd.NA
    return bool(year["iso3"].eq(iso3).any())


def _council_text(iso3: str, council: pd.DataFrame, motions: pd.DataFrame) -> str:
    """``permanent member``; per year of a Council vote, e.g. ``2022: elected member, term 2022-2023; 2025: not
    on the Council``; or ``not on the Council in 2022 or 2025``."""
    years = sorted({d.year for d in motions.loc[motions["body"] == "SC", "date"].dropna()})
    if not years:
        return "no Council vote in the data"
    seats = {}
    for year in years:
        rows = council[(council["year"] == year) & (council["iso3"] == iso3)]
        held = (council["year"] == year).any()
        seats[year] = ("membership not in the data" if not held else "not on the Council" if rows.empty else
                       "permanent member" if rows["membership"].iat[0] == "permanent" else
                       f"elected member, term {rows['term'].iat[0]}")
    if set(seats.values()) == {"permanent member"}:
        return "permanent member"
    if set(seats.values()) == {"not on the Council"}:
        return "not on the Council in " + " or ".join(map(str, years))
    return "; ".join(f"{year}: {seat}" for year, seat in seats.items())


def country_profile(tables: Tables, iso3: str, *, votes: pd.DataFrame | None = None,
                    motions: pd.DataFrame | None = None, partial: pd.DataFrame | None = None, method: str = "lijphart",
                    at: str = "2025-01-01") -> CountryProfile:
    """The whole record of the member ``iso3`` from the bundle ``tables`` (:func:`analysis.load_tables`).

    ``votes``, ``motions`` and ``partial`` replace the bundle's roll calls,
    motions and partial records (e.g. a UN Digital Library file's votes and
    motions, with ``partial`` None).
    Agreement uses ``method`` on General Assembly roll calls, before and from
    the date ``at``.

    Examples:
        >>> brazil = country_profile(load_tables(), "BRA")
        >>> brazil.votes.set_index("motion").at["A/RES/ES-11/7", "vote"]
        'A'
    """
    if votes is None:
        votes, partial = tables.votes, tables.partial if partial is None else partial
    motions = tables.motions if motions is None else motions
    members = tables.members.set_index("iso3")
    if iso3 not in members.index:
        raise KeyError(f"not a member code: {iso3!r} (resolve names with analysis.to_iso3 first)")
    article19 = tables.article19
    listed = article19[(article19["iso3"] == iso3) & ~article19["entitled_to_vote"]]
    return CountryProfile(
        iso3=iso3, name=members.at[iso3, "name"], regional_group=members.at[iso3, "regional_group"],
        council=_council_text(iso3, tables.council, motions),
        article19=str(listed["source"].iat[0]) if len(listed) else "", method=method,
        votes=_vote_rows(iso3, votes, motions, partial, tables.council,
                         sources=tables.sc_sources if votes is tables.votes else None),
        agreement=_agreement(iso3, votes, motions, tables, method, at))


def _vote_rows(iso3: str, votes: pd.DataFrame, motions: pd.DataFrame, partial: pd.DataFrame | None,
               council: pd.DataFrame, member: MemberRecord | None = None,
               ordered: list[dict] | None = None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per motion of the motions table, in date order, with this member's vote and where it comes from.

    ``council`` is the Council of each year (:func:`analysis.load_council`); ``sources`` (the bundle's
    ``sc_sources``) marks a roll-call vote deduced from the tally: ``by elimination``. ``member`` and
    ``ordered`` (the motions' rows in date order) may be given when they are shared by many calls.
    """
    member = MemberRecord(votes, partial, iso3) if member is None else member
    basis = {} if sources is None else dict(zip(sources.loc[sources["iso3"] == iso3, "motion"],
                                                sources.loc[sources["iso3"] == iso3, "vote_basis"]))
    rows = []
    ordered = motions.sort_values("date", kind="stable").to_dict("records") if ordered is None else ordered
    seated = functools.cache(lambda date: _on_council(iso3, date, council))  # once per date, not per motion
    for m in ordered:
        motion, body = m["motion"], m.get("body")
        on_council = seated(m["date"]) if body == "SC" else pd.NA
        found = member.on(motion, body, on_council if on_council is not pd.NA else None)
        vote, record = (pd.NA if found.vote is None else found.vote), found.label
        how = basis.get(motion, "named in source").split(":")[0]
        if found.record == ROLL_CALL and how != "named in source":
            record = how  # "by elimination"
        rows.append({"date": m["date"], "motion": motion, "body": body, "kind": m.get("kind", "resolution"),
                     "vote": vote, "record": record, "on_council": on_council, "yes": m.get("yes"),
                     "no": m.get("no"), "abstain": m.get("abstain"), "tally_quality": m.get("tally_quality", ""),
                     "title": m.get("title_or_change", "")})
    out = pd.DataFrame(rows, columns=VOTE_COLUMNS)
    for column in ("yes", "no", "abstain"):
        out[column] = pd.array(out[column], dtype="Int64")
    out["on_council"] = pd.array(out["on_council"], dtype="boolean")
    return out


def member_votes(tables: Tables, iso3: str, *, votes: pd.DataFrame | None = None,
                 motions: pd.DataFrame | None = None, partial: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``votes`` table of :func:`country_profile` alone (same arguments), without the agreement scores.

    For a page of every member's record: the scores compare every member at once
    (:func:`partner_agreement`), so computing them once per member is wasted.
    """
    if votes is None:
        votes, partial = tables.votes, tables.partial if partial is None else partial
    motions = tables.motions if motions is None else motions
    return _vote_rows(iso3, votes, motions, partial, tables.council,
                      sources=tables.sc_sources if votes is tables.votes else None)


def members_votes(tables: Tables, iso3s: list[str] | None = None, *, votes: pd.DataFrame | None = None,
                  motions: pd.DataFrame | None = None, partial: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """:func:`member_votes` of many members (default: every member, in the members table's order) at once.

    The same tables as one call per member, made faster by splitting the roll
    calls and the partial record by member once rather than once per member.
    """
    if votes is None:
        votes, partial = tables.votes, tables.partial if partial is None else partial
    motions = tables.motions if motions is None else motions
    iso3s = list(tables.members["iso3"]) if iso3s is None else list(iso3s)
    ordered = motions.sort_values("date", kind="stable").to_dict("records")
    recorded = set(votes["motion"].unique())
    own = {iso3: rows for iso3, rows in votes.groupby("iso3", sort=False)}
    news = {} if partial is None else {iso3: rows for iso3, rows in partial.groupby("iso3", sort=False)}
    sources = tables.sc_sources if votes is tables.votes else None
    out = {}
    for iso3 in iso3s:
        mine = own.get(iso3, votes.iloc[:0])
        reported = None if partial is None else news.get(iso3, partial.iloc[:0])
        member = MemberRecord(mine, reported, iso3, recorded=recorded)
        out[iso3] = _vote_rows(iso3, mine, motions, reported, tables.council, member, ordered, sources)
    return out


def council_seat(tables: Tables, iso3: str, *, motions: pd.DataFrame | None = None) -> str:
    """The ``council`` line of :func:`country_profile`: ``permanent member``, ``elected member, term 2024-2025``..."""
    return _council_text(iso3, tables.council, tables.motions if motions is None else motions)


def partner_agreement(tables: Tables, *, votes: pd.DataFrame | None = None, motions: pd.DataFrame | None = None,
                      method: str = "lijphart", at: str = "2025-01-01") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every member's agreement with the partners (:data:`PARTNERS`, then the EU27 majority), and the counts.

    The ``(scores, counts)`` of :func:`analysis.measures.indices.agreement_by_period`
    on the General Assembly roll calls before and from ``at``: the numbers
    :func:`country_profile` shows for one member, for all members at once.
    """
    votes = tables.votes if votes is None else votes
    motions = tables.motions if motions is None else motions
    eu = tables.bloc_membership.query("bloc == 'EU27'")  # the EU of each vote's day (the UK until 2020)
    ga = votes[votes["motion"].isin(set(motions.loc[motions["body"] == "GA", "motion"]))][["motion", "iso3", "vote"]]
    with_eu = pd.concat([ga, majority_votes(ga, eu, EU_MAJORITY, motions=motions)], ignore_index=True)
    partners = [p for p in PARTNERS] + [EU_MAJORITY]
    return agreement_by_period(with_eu, periods(motions, at=at, body="GA"), partners, method, motions=motions)


def _agreement(iso3: str, votes: pd.DataFrame, motions: pd.DataFrame, tables: Tables, method: str,
               at: str) -> pd.DataFrame:
    """Scores and counts against the partners, per period of General Assembly roll calls."""
    names = tables.members.set_index("iso3")["name"]
    partners = [p for p in PARTNERS] + [EU_MAJORITY]
    scores, counts = partner_agreement(tables, votes=votes, motions=motions, method=method, at=at)
    out = pd.DataFrame(index=pd.Index([f"{names.get(p, p)} ({p})" if p in names else p for p in partners],
                                      name="partner"))
    for label in scores.columns.unique("period"):
        out[f"score {label}"] = scores[label].reindex(index=[iso3]).iloc[0].to_numpy()
        out[f"votes {label}"] = counts[label].reindex(index=[iso3], fill_value=0).iloc[0].to_numpy()
    return out
