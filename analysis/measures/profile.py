"""One country's whole record: every motion in date order, the tally beside each vote, and its alignment.

:func:`country_profile` answers "how did Brazil vote?" in one call: the vote on
each motion of the motions table (roll calls, Council votes it was not part of,
amendments known only as tallies, and votes known only from news reports, each
labelled as such), whether it sat on the Council, and its agreement with the
United States, the Russian Federation, Ukraine and the EU27 majority before and
from a date, with the number of votes behind each score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .indices import agreement_by_period, majority_votes, periods
from .records import NOT_ON_COUNCIL, NOT_RECORDED, ROLL_CALL, TALLY_ONLY, news_label

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


def _seats(council: pd.DataFrame) -> dict[int, dict[str, tuple[str, str]]]:
    """The Council of each year (:func:`analysis.load_council`) as ``{year: {iso3: (membership, term)}}``, looked
    up once for all of a call's members and motions."""
    return {int(year): dict(zip(rows["iso3"], zip(rows["membership"], rows["term"])))
            for year, rows in council.groupby("year", sort=True)}


def _council_years(motions: pd.DataFrame) -> list[int]:
    """The years of the motions' Council votes, in order."""
    return sorted({d.year for d in motions.loc[motions["body"] == "SC", "date"].dropna()})


def _council_text(iso3: str, seats: dict[int, dict[str, tuple[str, str]]], years: list[int]) -> str:
    """``permanent member``; per year of a Council vote (``years``), e.g. ``2022: elected member, term 2022-2023;
    2025: not on the Council``; or ``not on the Council in 2022 or 2025``. ``seats``: :func:`_seats`."""
    if not years:
        return "no Council vote in the data"
    text = {}
    for year in years:
        seat = seats.get(year, {}).get(iso3)
        text[year] = ("membership not in the data" if year not in seats else "not on the Council" if seat is None
                      else "permanent member" if seat[0] == "permanent" else f"elected member, term {seat[1]}")
    if set(text.values()) == {"permanent member"}:
        return "permanent member"
    if set(text.values()) == {"not on the Council"}:
        return "not on the Council in " + " or ".join(map(str, years))
    return "; ".join(f"{year}: {seat}" for year, seat in text.items())


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
        council=_council_text(iso3, _seats(tables.council), _council_years(motions)),
        article19=str(listed["source"].iat[0]) if len(listed) else "", method=method,
        votes=members_votes(tables, [iso3], votes=votes, motions=motions, partial=partial)[iso3],
        agreement=_agreement(iso3, votes, motions, tables, method, at))


def member_votes(tables: Tables, iso3: str, *, votes: pd.DataFrame | None = None,
                 motions: pd.DataFrame | None = None, partial: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``votes`` table of :func:`country_profile` alone (same arguments), without the agreement scores.

    For a page of every member's record: the scores compare every member at once
    (:func:`partner_agreement`), so computing them once per member is wasted.
    """
    return members_votes(tables, [iso3], votes=votes, motions=motions, partial=partial)[iso3]


def members_votes(tables: Tables, iso3s: list[str] | None = None, *, votes: pd.DataFrame | None = None,
                  motions: pd.DataFrame | None = None, partial: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """:func:`member_votes` of many members (default: every member, in the members table's order) at once.

    From one members x motions table: the words of :mod:`analysis.measures.records` chosen by column, not one
    motion at a time (a test checks every cell against :class:`~analysis.measures.records.MemberRecord`).

    Examples:
        >>> every = members_votes(load_tables())
        >>> every["BRA"].set_index("motion").at["A/RES/ES-11/7", "vote"], len(every)
        ('A', 193)
    """
    if votes is None:
        votes, partial = tables.votes, tables.partial if partial is None else partial
    motions = tables.motions if motions is None else motions
    iso3s = list(tables.members["iso3"]) if iso3s is None else list(iso3s)
    ordered = motions.sort_values("date", kind="stable").reset_index(drop=True)
    grid = pd.DataFrame({"iso3": np.repeat(iso3s, len(ordered)), "at": np.tile(np.arange(len(ordered)), len(iso3s))})
    grid["motion"] = ordered["motion"].to_numpy()[grid["at"]]
    own = votes.drop_duplicates(["motion", "iso3"]).set_index(["iso3", "motion"])["vote"].astype(str)
    grid["own"] = own.reindex(pd.MultiIndex.from_frame(grid[["iso3", "motion"]])).to_numpy()
    sc = (ordered["body"] == "SC").to_numpy()[grid["at"]]
    seats = _seats(tables.council)
    years = ordered["date"].dt.year.to_numpy()[grid["at"]]
    held = np.array([not pd.isna(y) and int(y) in seats for y in years])
    sat = np.array([h and i in seats[int(y)] for h, i, y in zip(held, grid["iso3"], years)])
    recorded = grid["motion"].isin(set(votes["motion"])).to_numpy()
    news = (pd.DataFrame(columns=["iso3", "motion", "vote", "confidence"]) if partial is None
            else partial.drop_duplicates(["iso3", "motion"]))
    reported = news.set_index(["iso3", "motion"]).reindex(pd.MultiIndex.from_frame(grid[["iso3", "motion"]]))
    has_own, has_news = grid["own"].notna().to_numpy(), reported["vote"].notna().to_numpy()
    missing = ~has_own & (recorded | (sc & held & ~sat))
    words = np.select(
        [has_own, missing & sc, missing, has_news],
        [ROLL_CALL, NOT_ON_COUNCIL, NOT_RECORDED, [news_label(c) for c in reported["confidence"].astype(str)]],
        TALLY_ONLY).astype(object)
    if votes is tables.votes:  # a roll-call vote deduced from the tally: "by elimination" (sc_2022_sources.csv)
        basis = tables.sc_sources.set_index(["iso3", "motion"])["vote_basis"].str.split(":").str[0]
        how = basis.reindex(pd.MultiIndex.from_frame(grid[["iso3", "motion"]])).fillna("named in source")
        words = np.where(has_own & (how.to_numpy() != "named in source"), how.to_numpy(), words)
    vote = np.where(has_own, grid["own"].to_numpy(), np.where(~missing & has_news, reported["vote"].to_numpy(),
                                                               None))
    table = pd.DataFrame({
        "date": ordered["date"].to_numpy()[grid["at"]], "motion": grid["motion"].to_numpy(),
        "body": ordered["body"].to_numpy()[grid["at"]],
        "kind": (ordered["kind"] if "kind" in ordered else pd.Series("resolution", index=ordered.index))
        .to_numpy()[grid["at"]],
        "vote": pd.array([pd.NA if v is None else v for v in vote], dtype=object), "record": words,
        "on_council": pd.array(np.where(sc & held, sat, None), dtype="boolean"),
        **{c: pd.array(ordered[c].to_numpy()[grid["at"]], dtype="Int64") for c in ("yes", "no", "abstain")},
        "tally_quality": ordered.get("tally_quality", pd.Series("", index=ordered.index)).to_numpy()[grid["at"]],
        "title": ordered.get("title_or_change", pd.Series("", index=ordered.index)).to_numpy()[grid["at"]]},
        columns=VOTE_COLUMNS)
    n = len(ordered)
    return {iso3: table.iloc[i * n:(i + 1) * n].reset_index(drop=True) for i, iso3 in enumerate(iso3s)}


def council_seat(tables: Tables, iso3: str, *, motions: pd.DataFrame | None = None) -> str:
    """The ``council`` line of :func:`country_profile`: ``permanent member``, ``elected member, term 2024-2025``..."""
    return council_seats(tables, [iso3], motions=motions)[iso3]


def council_seats(tables: Tables, iso3s: list[str] | None = None, *,
                  motions: pd.DataFrame | None = None) -> dict[str, str]:
    """:func:`council_seat` of many members (default: every member), the Council looked up once.

    Examples:
        >>> council_seats(load_tables(), ["FRA", "ALB"])
        {'FRA': 'permanent member', 'ALB': '2022: elected member, term 2022-2023; 2025: not on the Council'}
    """
    motions = tables.motions if motions is None else motions
    seats, years = _seats(tables.council), _council_years(motions)
    return {iso3: _council_text(iso3, seats, years) for iso3 in (tables.members["iso3"] if iso3s is None else iso3s)}


def partner_agreement(tables: Tables, *, votes: pd.DataFrame | None = None, motions: pd.DataFrame | None = None,
                      method: str = "lijphart", at: str = "2025-01-01",
                      only: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every member's agreement with the partners (:data:`PARTNERS`, then the EU27 majority), and the counts.

    The ``(scores, counts)`` of :func:`analysis.measures.indices.agreement_by_period`
    on the General Assembly roll calls before and from ``at``: the numbers
    :func:`country_profile` shows for one member, for all members at once.
    ``only`` (ISO3 codes) keeps those members' rows alone: every score is a pair's, so they are the same numbers,
    without the work of the other 190 members (the EU27 majority is still that of all its members).
    """
    votes = tables.votes if votes is None else votes
    motions = tables.motions if motions is None else motions
    eu = tables.bloc_membership.query("bloc == 'EU27'")  # the EU of each vote's day (the UK until 2020)
    ga = votes[votes["motion"].isin(set(motions.loc[motions["body"] == "GA", "motion"]))][["motion", "iso3", "vote"]]
    with_eu = pd.concat([ga, majority_votes(ga, eu, EU_MAJORITY, motions=motions)], ignore_index=True)
    partners = [p for p in PARTNERS] + [EU_MAJORITY]
    if only is not None:
        with_eu = with_eu[with_eu["iso3"].isin(set(only) | set(partners))]
    return agreement_by_period(with_eu, periods(motions, at=at, body="GA"), partners, method, motions=motions)


def _agreement(iso3: str, votes: pd.DataFrame, motions: pd.DataFrame, tables: Tables, method: str,
               at: str) -> pd.DataFrame:
    """Scores and counts against the partners, per period of General Assembly roll calls."""
    names = tables.members.set_index("iso3")["name"]
    partners = [p for p in PARTNERS] + [EU_MAJORITY]
    scores, counts = partner_agreement(tables, votes=votes, motions=motions, method=method, at=at, only=[iso3])
    out = pd.DataFrame(index=pd.Index([f"{names.get(p, p)} ({p})" if p in names else p for p in partners],
                                      name="partner"))
    for label in scores.columns.unique("period"):
        out[f"score {label}"] = scores[label].reindex(index=[iso3]).iloc[0].to_numpy()
        out[f"votes {label}"] = counts[label].reindex(index=[iso3], fill_value=0).iloc[0].to_numpy()
    return out
