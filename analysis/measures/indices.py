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
Only General Assembly votes count unless ``body`` says otherwise (a Council
vote would weigh in for its 15 members only), and :func:`agreement_counts`
gives the number of votes behind each score: a score on one vote is a fact
about that vote, not an alignment. :func:`periods` splits the motions by date.

Group cohesion (:func:`cohesion`) per motion and group, over members that cast
a vote (X left out): ``"rice"`` = |Y - N| / (Y + N) (abstentions left out) and
``"agreement_index"`` (Hix, Noury and Roland) = (max(Y, N, A) - (Y + N + A -
max) / 2) / (Y + N + A).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.ids import resolve_in
from ..data.schema import VoteDataError
from .arguments import measure, once_per_member, select_body

AGREEMENT_METHODS = ("coincidence", "lijphart", "kappa")
COHESION_METHODS = ("rice", "agreement_index")
_CAST = ("Y", "A", "N")  # the votes actually cast, in Lijphart's order (1, 2, 3)


def _check_method(method: str) -> None:
    if method not in AGREEMENT_METHODS:
        raise ValueError(f"method must be one of {', '.join(AGREEMENT_METHODS)}, not {method!r}")


def _one_hot(votes: pd.DataFrame, ids: list[str] | None, motions: pd.DataFrame | None,
             body: str | None) -> tuple[pd.Index, dict[str, np.ndarray]]:
    """Members (sorted ISO3) and, per cast code, a members x motions 0/1 matrix over the selected motions."""
    once_per_member(votes)
    if ids is not None:
        ids = resolve_in(votes, ids)
        votes = votes[votes["motion"].isin(ids)]
    votes = select_body(votes, body, motions, ids)
    matrix = votes.pivot(index="iso3", columns="motion", values="vote").sort_index()
    return matrix.index, {code: (matrix == code).to_numpy(dtype=float) for code in _CAST}


def _shared(hot: dict[str, np.ndarray], method: str) -> np.ndarray:
    """Number of motions each pair is compared on: both voted yes or no (coincidence), else both cast a vote."""
    if method == "coincidence":
        both = hot["Y"] + hot["N"]
    else:
        both = hot["Y"] + hot["A"] + hot["N"]
    return both @ both.T


def _square(values: np.ndarray, index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame(values, index=index.rename("iso3"), columns=index.rename("iso3"))


@measure
def agreement_counts(votes: pd.DataFrame, method: str = "coincidence", ids: list[str] | None = None, *,
                     motions: pd.DataFrame | None = None, body: str | None = "GA") -> pd.DataFrame:
    """How many votes each pair's :func:`agreement` score rests on, as a square ISO3 x ISO3 table of integers.

    Under ``"coincidence"`` the motions on which both voted yes or no; under
    ``"lijphart"`` and ``"kappa"`` those on which both cast a vote (Y, A or N).
    Same selection as :func:`agreement` (``ids``, ``body``, ``motions``).
    """
    _check_method(method)
    index, hot = _one_hot(votes, ids, motions, body)
    return _square(_shared(hot, method).round().astype(int), index)


@measure
def agreement(votes: pd.DataFrame, method: str = "coincidence", ids: list[str] | None = None, *,
              motions: pd.DataFrame | None = None, body: str | None = "GA", min_votes: int = 1) -> pd.DataFrame:
    """Pairwise agreement between members over the motions ``ids`` (default: all); see the module doc.

    ``body`` keeps the General Assembly's votes by default (``"SC"`` the
    Council's, ``None`` every motion), so that the 15 Council members' scores
    are not silently mixed with a Council vote. The body of each motion comes
    from a ``body`` column of ``votes``, else the motions table ``motions``,
    else the symbol (``A/...``, ``S/...``). ``min_votes`` blanks (NaN) every
    pair compared on fewer votes: :func:`agreement_counts` gives the counts.
    """
    _check_method(method)
    index, hot = _one_hot(votes, ids, motions, body)
    y, a, n = hot["Y"], hot["A"], hot["N"]
    shared = _shared(hot, method)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "coincidence":
            values = (y @ y.T + n @ n.T) / shared
        elif method == "lijphart":
            score = {("Y", "Y"): 1, ("A", "A"): 1, ("N", "N"): 1, ("Y", "A"): 0.5, ("A", "Y"): 0.5,
                     ("A", "N"): 0.5, ("N", "A"): 0.5}
            values = sum(w * (hot[p] @ hot[q].T) for (p, q), w in score.items()) / shared
        else:
            cast = y + a + n
            observed = sum(hot[c] @ hot[c].T for c in _CAST) / shared
            expected = sum((hot[c] @ cast.T) * (cast @ hot[c].T) for c in _CAST) / shared**2
            values = (observed - expected) / (1 - expected)
            values[np.isclose(expected, 1)] = np.nan
    values[~np.isfinite(values) | (shared < max(min_votes, 1))] = np.nan
    return _square(values, index)


@measure
def cohesion(votes: pd.DataFrame, groups: pd.DataFrame, method: str = "rice", by: str | None = None, *,
             motions: pd.DataFrame | None = None, body: str | None = "GA") -> pd.DataFrame:
    """Cohesion of each group on each motion: rows = motions (in order of appearance), columns = groups.

    ``body`` selects the motions as in :func:`agreement` (General Assembly by default).

    ``groups`` is a table with ``iso3`` and a group column: ``by`` names it
    (default: ``bloc`` if present, else ``regional_group``), e.g. the blocs
    table or the members table. A member may belong to several groups. A group
    with no member casting a vote on a motion gets NaN (for ``rice``, also when
    its members only abstained).

    Where ``groups`` has ``joined`` and ``left`` dates (the table of
    :func:`analysis.load_blocs`), each vote is read with the membership of its
    own day: NATO without Finland in 2022, the EU with the United Kingdom in
    2019, BRICS of five before 2024. The dates of the votes come from a
    ``date`` column of ``votes`` (``load_votes(with_motions=True)``) or from
    ``motions``. The table's ``attrs["membership"]`` says which membership it used.
    """
    if method not in COHESION_METHODS:
        raise ValueError(f"method must be one of {', '.join(COHESION_METHODS)}, not {method!r}")
    by = by or ("bloc" if "bloc" in groups.columns else "regional_group")
    votes = select_body(votes, body, motions)
    merged, membership = members_on_the_day(votes, groups, by, motions)
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
    table.attrs["membership"] = membership
    return table


def members_on_the_day(votes: pd.DataFrame, groups: pd.DataFrame, by: str,
                       motions: pd.DataFrame | None = None) -> tuple[pd.DataFrame, str]:
    """``votes`` joined to ``groups`` (each vote once per group of its member), and what membership that is.

    Where ``groups`` has ``joined``/``left`` dates, a vote counts for a group only
    if the member belonged to it on the vote's date (``joined`` <= date <= ``left``;
    a missing date: no bound). Without dates, the same members for every vote.
    """
    if not {"joined", "left"} <= set(groups.columns):
        merged = votes.merge(groups[["iso3", by]], on="iso3", how="inner")
        return merged, "as given: the same members on every vote (no joined/left dates)"
    if "date" in votes.columns:
        dates = votes["date"]
    elif motions is not None and "date" in motions.columns:
        dates = votes["motion"].map(motions.drop_duplicates("motion").set_index("motion")["date"])
    else:
        raise ValueError("the groups have membership dates (joined, left): give motions= (the motions table) or "
                         "votes with a date column, so that each vote is read with the membership of its own day")
    if dates.isna().any():
        raise VoteDataError("no date for this motion, so its membership of the day cannot be told",
                            value=votes["motion"][dates.isna().to_numpy()].iat[0])
    dated = votes.assign(_day=pd.to_datetime(dates).to_numpy())
    merged = dated.merge(groups[["iso3", by, "joined", "left"]], on="iso3", how="inner")
    member = ((merged["joined"].isna() | (merged["joined"] <= merged["_day"]))
              & (merged["left"].isna() | (merged["_day"] <= merged["left"])))
    source = groups.attrs.get("source", "the joined and left dates of the groups table")
    return (merged[member.to_numpy()].drop(columns=["_day", "joined", "left"]),
            f"on each vote's date ({source})")


def majority_votes(votes: pd.DataFrame, members: list[str] | set[str] | pd.DataFrame, label: str, *,
                   motions: pd.DataFrame | None = None) -> pd.DataFrame:
    """A pseudo-member ``label`` that votes, on each motion, as the plurality of ``members`` who cast a vote.

    ``members`` is a set of ISO3 codes (the same members on every motion), or
    one bloc's rows of :func:`analysis.load_blocs` (``iso3``, ``joined``,
    ``left``): then each motion counts the members of its own day (dates from
    a ``date`` column of ``votes`` or from ``motions``, as in :func:`cohesion`).
    Only Y, A and N count; a tie for first place, or no vote cast, gives ``X``
    (no majority position). Rows ``motion, iso3 = label, vote``, ready to be
    appended to ``votes`` for :func:`agreement` (e.g. the EU27 majority).
    """
    if isinstance(members, pd.DataFrame):
        mine = members_on_the_day(votes, members.assign(_group=label), "_group", motions)[0]
        mine = mine[mine["vote"].isin(_CAST)]
    else:
        mine = votes[votes["iso3"].isin(set(members)) & votes["vote"].isin(_CAST)]
    counts = pd.crosstab(mine["motion"], mine["vote"]).reindex(columns=list(_CAST), fill_value=0)
    top = counts.max(axis=1)
    winners = counts.eq(top, axis=0)
    vote = counts.idxmax(axis=1).where(winners.sum(axis=1) == 1, "X")
    order = [m for m in pd.unique(votes["motion"]) if m in vote.index]
    missing = [m for m in pd.unique(votes["motion"]) if m not in vote.index]
    out = pd.DataFrame({"motion": order + missing, "iso3": label,
                        "vote": [vote[m] for m in order] + ["X"] * len(missing)})
    extra = [c for c in ("date", "body") if c in votes.columns]
    if extra:  # keep a table of load_votes(with_motions=True) joinable
        out = out.merge(votes.drop_duplicates("motion")[["motion", *extra]], on="motion", how="left")
    return out


def periods(motions: pd.DataFrame, at: str = "2025-01-01", body: str | None = "GA") -> dict[str, list[str]]:
    """The motions with a country-level record split by date: ``{"before 2025": [...], "from 2025": [...]}``.

    Taken from the motions table (its ``date``, ``body`` and ``roll_call``
    columns), in date order, so that a period means what the data hold (from
    2025 = ES-11/7, /8 and /9 in the bundled data) rather than a typed list.
    Labels name the year when ``at`` is 1 January, else the date.
    """
    cut = pd.Timestamp(at)
    rows = motions[motions["roll_call"].astype(bool)] if "roll_call" in motions.columns else motions
    if body is not None:
        rows = rows[rows["body"] == body]
    rows = rows.sort_values("date", kind="stable")
    label = str(cut.year) if (cut.month, cut.day) == (1, 1) else f"{cut:%Y-%m-%d}"
    return {f"before {label}": list(rows.loc[rows["date"] < cut, "motion"]),
            f"from {label}": list(rows.loc[rows["date"] >= cut, "motion"])}


def agreement_by_period(votes: pd.DataFrame, periods: dict[str, list[str]], partners: list[str],
                        method: str = "lijphart", *, motions: pd.DataFrame | None = None,
                        body: str | None = "GA") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every member's agreement with each of ``partners`` in each period, and the votes each score rests on.

    ``periods`` maps a label to motion ids (e.g. :func:`periods`); ``partners`` are
    ISO3 codes or pseudo-members of ``votes`` (e.g. a :func:`majority_votes`
    label). Returns ``(scores, counts)``: members x (period, partner) columns,
    counts as integers; a period with no recorded motion gives NaN scores on 0 votes.

    Examples:
        >>> t = load_tables()
        >>> scores, counts = agreement_by_period(t.votes, periods(t.motions), ["USA", "RUS"])
        >>> round(scores.loc["GBR", ("from 2025", "USA")], 2), counts.loc["GBR", ("from 2025", "USA")]
        (np.float64(0.33), np.int64(3))
    """
    recorded = set(votes["motion"])
    members = pd.Index(sorted(pd.unique(votes["iso3"])), name="iso3")
    scores, counts = {}, {}
    for label, ids in periods.items():
        ids = [m for m in ids if m in recorded]
        if not ids:  # no roll call in this period: no score, on no vote
            scores[label] = pd.DataFrame(np.nan, index=members, columns=partners)
            counts[label] = pd.DataFrame(0, index=members, columns=partners)
            continue
        scores[label] = agreement(votes, method, ids, motions=motions, body=body).reindex(
            index=members, columns=partners)
        counts[label] = agreement_counts(votes, method, ids, motions=motions, body=body).reindex(
            index=members, columns=partners, fill_value=0)
    score, count = pd.concat(scores, axis=1), pd.concat(counts, axis=1)
    score.columns.names = count.columns.names = ["period", "partner"]
    return score, count.astype(int)


def agreement_by_year(votes: pd.DataFrame, pairs: list[tuple[str, str]], method: str = "lijphart", *,
                      motions: pd.DataFrame | None = None, body: str | None = "GA") -> pd.DataFrame:
    """The agreement of each pair of members (or pseudo-members) per calendar year, with the votes behind it.

    ``votes`` needs a ``date`` column (``load_context()``, or ``load_votes(with_motions=True)``). One row per
    year and pair, in year then pair order: ``year``, ``a``, ``b``, ``score`` (NaN where the pair shared no
    vote) and ``n_votes`` (:func:`agreement_counts`).

    Examples:
        >>> votes = load_votes(with_motions=True)
        >>> agreement_by_year(votes, [("USA", "RUS")]).query("year == 2025")[["score", "n_votes"]].values.tolist()
        [[0.5, 3]]
    """
    if "date" not in votes.columns:
        raise ValueError("agreement_by_year needs a date column: use load_context() or load_votes(with_motions=True)")
    years = pd.to_datetime(votes["date"]).dt.year
    rows = []
    for year in sorted(years.unique()):
        these = votes[years.eq(year).to_numpy()]
        scores = agreement(these, method, motions=motions, body=body)
        counts = agreement_counts(these, method, motions=motions, body=body)
        for a, b in pairs:
            known = a in scores.index and b in scores.index
            rows.append({"year": int(year), "a": a, "b": b,
                         "score": float(scores.at[a, b]) if known else np.nan,
                         "n_votes": int(counts.at[a, b]) if known else 0})
    return pd.DataFrame(rows, columns=["year", "a", "b", "score", "n_votes"])
