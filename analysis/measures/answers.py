"""The numbers behind each page's answer, and behind the index's key findings that state the same facts.

Every page of the report opens with its answer in two or three sentences (worded by
:mod:`analysis.output.answers`); the index's key findings (:mod:`analysis.report.findings`) state some of the same
facts. Both take their numbers from here, so that a page and the index never disagree. Each function is a measure
``f(votes, ...)`` that returns a small frozen record of counts and ISO3 codes (never words), computed from the tables
it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.bodies import LIMITS, SC_MAJORITY
from ..data.members import blocs_on
from .amendments import tally_bounds
from .arguments import measure
from .comparisons import always, changed_votes, group_rates, tally, vote_matrix, votes_on
from .council import council_outcomes, council_votes
from .indices import agreement, agreement_by_period, agreement_counts, cohesion
from .records import camps, known_votes, tallies


@dataclass(frozen=True)
class TwoVotes:
    """Two roll calls side by side: their counts (:func:`tally`), the yes votes on both, the members that changed
    their vote, every member's pair of votes, and each regional group's rates (:func:`group_rates`)."""

    a: str
    b: str
    counts: pd.DataFrame
    both_yes: int
    changed: int
    members: int
    pairs: pd.DataFrame  # ISO3 x (a, b): the vote codes
    rates: dict[str, pd.DataFrame]


@measure
def two_votes(votes: pd.DataFrame, a: str, b: str, members: pd.DataFrame) -> TwoVotes:
    """``a`` and ``b`` compared member by member (page 01; the index's first findings).

    Examples:
        >>> t = load_tables()
        >>> r = two_votes(t.votes, "A/RES/ES-11/7", "A/RES/ES-11/8", t.members)
        >>> r.both_yes, r.changed, tuple(r.pairs.loc["USA"])
        (78, 43, ('N', 'A'))
    """
    pairs = pd.DataFrame({a: votes_on(votes, a), b: votes_on(votes, b)}).dropna()
    return TwoVotes(a, b, tally(votes, [a, b]), int((pairs[a].eq("Y") & pairs[b].eq("Y")).sum()),
                    len(changed_votes(votes, a, b, members)), len(pairs), pairs,
                    {m: group_rates(votes, m, members) for m in (a, b)})


@dataclass(frozen=True)
class YesCamp:
    """The members that voted yes on ``before`` and not on ``after``: how many went to each code (``went``: A, X,
    N), the codes' counts on both votes, and how many of them voted yes again on each of ``later``."""

    before: str
    after: str
    counts: pd.DataFrame
    left: tuple[str, ...]
    went: dict[str, int]
    back: dict[str, int]
    dates: dict[str, pd.Timestamp]


@measure
def yes_camp(votes: pd.DataFrame, before: str, after: str, later: tuple[str, ...] = (), *,
             motions: pd.DataFrame) -> YesCamp:
    """Who left the yes camp between two votes, and where to (pages 03 and 05; the index); the dates of the two
    votes from ``motions``.

    Examples:
        >>> t = load_tables()
        >>> r = yes_camp(t.votes, "A/RES/ES-11/6", "A/RES/ES-11/7", ("A/RES/ES-11/8",), motions=t.motions)
        >>> len(r.left), r.went, r.back
        (48, {'A': 33, 'X': 8, 'N': 7}, {'A/RES/ES-11/8': 10})
    """
    table = vote_matrix(votes, [before, after, *later])
    (before, after, *later) = table.columns
    left = table[table[before].eq("Y") & table[after].ne("Y")]
    went = {code: int(left[after].eq(code).sum()) for code in ("A", "X", "N")}
    dates = motions.set_index("motion")["date"]
    return YesCamp(before, after, tally(votes, [before, after]), tuple(left.index), went,
                   {m: int(left[m].eq("Y").sum()) for m in later}, {m: dates[m] for m in (before, after)})


@dataclass(frozen=True)
class Abstainers:
    """Abstention on ``a`` by regional group (% of each group's members, high to low), the members that abstained
    on every one of ``core``, and how many abstained on only one of ``a`` and ``b``."""

    rates: pd.Series
    persistent: tuple[str, ...]
    only: dict[str, int]


@measure
def abstainers(votes: pd.DataFrame, a: str, b: str, core: list[str], members: pd.DataFrame) -> Abstainers:
    """Who abstains: by group on ``a``, on all of ``core``, on one of ``a`` and ``b`` only (page 03).

    Examples:
        >>> t = load_tables()
        >>> r = abstainers(t.votes, "ES-11/7", "ES-11/8", ["ES-11/1", "ES-11/4", "ES-11/6", "ES-11/7"], t.members)
        >>> len(r.persistent), r.only, r.rates.index[0]
        (18, {'A/RES/ES-11/7': 14, 'A/RES/ES-11/8': 22}, 'Asia-Pacific')
    """
    rates = group_rates(votes, a, members)["A"].drop("All members").sort_values(ascending=False, kind="stable")
    pair = vote_matrix(votes, [a, b])
    (a, b) = pair.columns
    one = pair[a].eq("A") ^ pair[b].eq("A")
    return Abstainers(rates, tuple(always(votes, "A", core, members)["iso3"]),
                      {a: int((one & pair[a].eq("A")).sum()), b: int((one & pair[b].eq("A")).sum())})


@dataclass(frozen=True)
class CouncilDay:
    """A Council resolution and its day: its count, the permanent members voting yes and the members abstaining
    (ISO3), the motions of the day a permanent member's negative vote defeated (``vetoed``: motion, yes, vetoed_by)
    and those short of the votes a decision needs (``short``), and each member's vote on it and, in the General
    Assembly the same day, on ``ga`` (``same_day``)."""

    motion: str
    counts: pd.Series
    permanent_yes: tuple[str, ...]
    abstained: tuple[str, ...]
    vetoed: pd.DataFrame
    short: pd.DataFrame
    same_day: pd.DataFrame


@measure
def council_day(votes: pd.DataFrame, motions: pd.DataFrame, motion: str, ga: str, *, sc_members: pd.DataFrame,
                members: pd.DataFrame) -> CouncilDay:
    """The Council's vote on ``motion``, the other motions of its day, and the same members on ``ga`` (page 04;
    the index). A decision needs :data:`~analysis.data.bodies.SC_MAJORITY` votes in favour and no negative vote
    of a permanent member (Charter, Article 27(3)).

    Examples:
        >>> t = load_tables()
        >>> r = council_day(t.votes, t.motions, "S/RES/2774(2025)", "A/RES/ES-11/8", sc_members=t.sc_members,
        ...                 members=t.members)
        >>> r.permanent_yes, r.vetoed["yes"].tolist()
        (('CHN', 'RUS', 'USA'), [9, 11])
    """
    council = council_votes(votes, [motion, ga], sc_members=sc_members, members=members)
    (motion, ga) = council.columns[-2:]
    date = motions.set_index("motion").at[motion, "date"]
    outcomes = council_outcomes(motions, f"{date:%Y-%m-%d}")
    vetoed = outcomes[outcomes["would_pass_without_veto"].fillna(False).astype(bool)]
    short = outcomes[outcomes["yes"].notna() & outcomes["yes"].lt(SC_MAJORITY)]
    permanent = council["membership"].eq("permanent")
    return CouncilDay(motion, tally(votes, [motion]).loc[motion],
                      tuple(council.index[permanent & council[motion].eq("Y")]),
                      tuple(council.index[council[motion].eq("A")]),
                      vetoed[["motion", "yes", "vetoed_by"]].reset_index(drop=True),
                      short[["motion", "yes", "tally_quality"]].reset_index(drop=True), council[[motion, ga]])


@dataclass(frozen=True)
class AmendmentDay:
    """The amendments of a General Assembly text (motion, proposer, yes, no, abstain, outcome), the least number
    of the text's yes votes that did not vote yes on the amendment ``first`` (from the tallies alone), and the
    text's row of the motions table."""

    final: str
    amendments: pd.DataFrame
    first: str
    at_least: int
    final_counts: pd.Series


def amendment_day(motions: pd.DataFrame, final: str, first: str) -> AmendmentDay:
    """The amendments to the draft of ``final``, from the motions table's tallies (page 02). There is no
    country-level record of an amendment vote; the bound for ``first`` comes from the tallies (:func:`tally_bounds`).

    Examples:
        >>> r = amendment_day(load_tables().motions, "A/RES/ES-11/8", "A/ES-11/L.11/EU-amendment-1")
        >>> r.amendments["yes"].tolist(), r.at_least
        ([31, 60, 79, 83], 33)
    """
    table = motions.set_index("motion")
    rows = motions[motions["kind"].eq("amendment") & motions["amends"].eq(table.at[final, "draft"])]
    bounds = tally_bounds(motions, first, final)
    return AmendmentDay(final, rows[["motion", "proposer", "yes", "no", "abstain", "outcome"]].reset_index(drop=True),
                        first, int(bounds.loc["Y", "min_final_not_amendment"]), table.loc[final])


@dataclass(frozen=True)
class Sequences:
    """Yes on each kind of vote (``yes``: kind -> (least, most, how many votes)), the motions with the least and
    the most yes, and the voting profiles over ``core`` (profile -> members, most common first)."""

    yes: dict[str, tuple[int, int, int]]
    fewest: tuple[str, int]
    most: tuple[str, int]
    profiles: pd.Series


@measure
def sequences(votes: pd.DataFrame, motions: pd.DataFrame, ids: list[str], core: list[str],
              topics: pd.DataFrame) -> Sequences:
    """Yes across ``ids`` by kind of vote (``topics``, :func:`analysis.load_vote_topics`) and the profiles of
    votes over ``core`` (page 05).

    Examples:
        >>> t = load_tables()
        >>> ids = list(t.motions.query("body == 'GA' and roll_call")["motion"])
        >>> r = sequences(t.votes, t.motions, ids, [f"A/RES/ES-11/{i}" for i in range(1, 7)], t.vote_topics)
        >>> r.yes["Crimea series"], r.fewest, len(r.profiles), r.profiles.iat[0]
        ((62, 70, 10), ('A/RES/76/70', 62), 46, 76)
    """
    counts = tallies(votes, motions, ids, topics=topics)
    by_kind = counts.groupby("topic", sort=False)["Y"]
    profiles = profile_counts(votes, core)
    return Sequences({k: (int(s.min()), int(s.max()), len(s)) for k, s in by_kind},
                     (counts["Y"].idxmin(), int(counts["Y"].min())), (counts["Y"].idxmax(), int(counts["Y"].max())),
                     profiles)


@measure
def profile_counts(votes: pd.DataFrame, ids: list[str]) -> pd.Series:
    """How many members cast each sequence of votes over ``ids`` (``YYAYAY``: one code per motion, in order), most
    common first, then in the order of the codes."""
    profiles = vote_matrix(votes, ids).apply("".join, axis=1)
    counts = profiles.value_counts().rename_axis("profile").rename("members")
    return counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")


@dataclass(frozen=True)
class Alignment:
    """One member's agreement with ``partners`` in each period (``scores``, ``counts``: period x partner), its
    mean agreement with ``allies`` in each period (with the fewest and most votes behind a score), and the members
    that voted as it did on every vote of the last period."""

    member: str
    scores: pd.DataFrame
    counts: pd.DataFrame
    allies: dict[str, tuple[float, int, int]]
    same: tuple[str, ...]


@measure
def alignment(votes: pd.DataFrame, periods: dict[str, list[str]], member: str, partners: list[str],
              allies: list[str], method: str = "lijphart") -> Alignment:
    """``member`` against its partners and allies, period by period (page 06). ``votes`` may hold pseudo-members
    (:func:`analysis.majority_votes`) among ``partners``.

    Examples:
        >>> t = load_tables()
        >>> r = alignment(t.votes, periods(t.motions), "USA", ["RUS", "UKR"], ["GBR", "FRA"])
        >>> r.scores.loc["from 2025", "RUS"], r.counts.loc["from 2025", "RUS"], r.same
        (np.float64(0.5), np.int64(3), ('HUN', 'ISR', 'PLW'))
    """
    pairs = votes[votes["iso3"].isin([member, *partners, *allies])]  # a pair's score depends on the pair alone
    scores, counts = agreement_by_period(pairs, periods, partners, method)
    mean = {}
    for label, ids in periods.items():
        n = agreement_counts(pairs, method, ids).loc[member, allies]
        mean[label] = (float(agreement(pairs, method, ids).loc[member, allies].mean()), int(n.min()), int(n.max()))
    last = vote_matrix(votes, list(periods.values())[-1])
    last = last[last.index.str.fullmatch(r"[A-Z]{3}")]  # members, not pseudo-members
    same = last.index[last.eq(last.loc[member]).all(axis=1) & (last.index != member)]
    return Alignment(member, scores.loc[member].unstack("partner"), counts.loc[member].unstack("partner"), mean,
                     tuple(same))


@measure
def bloc_score(votes: pd.DataFrame, groups: pd.DataFrame, motion: str, bloc: str, method: str, *,
               motions: pd.DataFrame) -> tuple[float, int]:
    """One bloc's cohesion on one vote, with its membership of that day, and the members it rests on: those
    voting yes or no (Rice) or casting a vote (agreement index) (page 06).

    Examples:
        >>> t = load_tables()
        >>> bloc_score(t.votes, t.bloc_membership, "A/RES/ES-11/7", "EU27", "rice", motions=t.motions)
        (0.9259259259259259, 27)
    """
    cast = votes_on(votes, motion)
    score = cohesion(votes[votes["motion"].eq(cast.name)], groups, method, motions=motions).at[cast.name, bloc]
    day = blocs_on(groups, motions.set_index("motion").at[cast.name, "date"])
    cast = cast.reindex(day.loc[day["bloc"].eq(bloc), "iso3"])
    counted = ("Y", "N") if method == "rice" else ("Y", "N", "A")
    return float(score), int(cast.isin(counted).sum())


@dataclass(frozen=True)
class OneYear:
    """A vote known as a tally (``b``) against a roll call a year before (``a``): both rows of the motions table,
    the members against either (``camps``: ISO3 -> stayed, left or joined), what is known of ``b`` member by member
    (:func:`known_votes`) and the members not counted in each tally."""

    a: pd.Series
    b: pd.Series
    camps: pd.Series
    known: pd.DataFrame
    not_voting: dict[str, int]


@measure
def one_year(votes: pd.DataFrame, partial: pd.DataFrame, motions: pd.DataFrame, a: str, b: str) -> OneYear:
    """``b`` against ``a``: tallies, the no camp member by member, what the record of ``b`` covers (page 08; the
    index). The no camp's comparison is complete only where every vote against ``b`` is named.

    Examples:
        >>> t = load_tables()
        >>> r = one_year(t.votes, t.partial, t.motions, "A/RES/ES-11/7", "A/RES/ES-11/10")
        >>> r.camps.value_counts().to_dict(), r.not_voting
        ({'stayed': 10, 'left': 8, 'joined': 2}, {'A/RES/ES-11/7': 17, 'A/RES/ES-11/10': 23})
    """
    table = motions.set_index("motion")
    rows = {m: table.loc[m] for m in (a, b)}
    known = known_votes(votes, partial, b)
    missing = {m: LIMITS[r["body"]] - int(r["yes"] + r["no"] + r["abstain"]) for m, r in rows.items()}
    return OneYear(rows[a], rows[b], camps(votes_on(votes, a), known["vote"]), known, missing)


@dataclass(frozen=True)
class Unexpected:
    """A member's vote on a roll call read against the line of general positions: its rank among the least
    expected votes (1: the least), the probability of a yes and of the vote cast, and how well the line predicts
    the roll call, against the least and best of the roll calls within the sessions the line covers."""

    member: str
    motion: str
    vote: str
    rank: int
    p_yes: float
    p_vote: float
    correct: float
    within: tuple[float, float]
    sessions: tuple[int, int] = (0, 0)  #: the first and last session of the roll calls ``within`` ranges over


def unexpected(fits: dict, motion: str, member: str, last_session: int) -> Unexpected:
    """How unexpected ``member``'s vote on ``motion`` was, from the fits of :func:`analysis.measures.ideal.vote_fit`
    (motion -> fit) and the last session the ideal points cover (page 09)."""
    fit = fits[motion]
    row = fit.members.set_index("iso3").loc[member]
    rank = int((fit.members["p_vote"] < row["p_vote"]).sum()) + 1
    inside = [f for f in fits.values() if f.motion_session is not None and f.motion_session <= last_session]
    correct = [f.correct for f in inside]
    return Unexpected(member, motion, str(row["vote"]), rank, float(row["p_yes"]), float(row["p_vote"]),
                      float(fit.correct), (min(correct), max(correct)),
                      (min(f.motion_session for f in inside), max(f.motion_session for f in inside)))

