"""Where a vote comes from: a roll call, a partial record from news reports, or a tally only, in one set of words.

Every table, text and figure that says where a member's vote comes from uses
the words of this module, so the profile, the command line and the notebooks
say the same thing: ``roll call``; ``news report`` (with its confidence);
``not a Council member``; ``no vote recorded (not a member at the time)``;
``tally only`` (the motion has no country-level record). The measures here
combine roll calls with tally-only motions (:func:`tallies`), a full record
with a partial one (:func:`known_votes`), and classify two votes' camps
(:func:`camps`).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd

from ..data.bodies import LIMITS
from ..data.schema import VOTE_CODES, topic_of

ROLL_CALL = "roll call"
NEWS_REPORT = "news report"
NOT_ON_COUNCIL = "not a Council member"
NOT_RECORDED = "no vote recorded (not a member at the time)"
TALLY_ONLY = "tally only"
#: Where a known vote comes from in :func:`known_votes`: the full record has no confidence of its own.
FULL_RECORD = "record"


@dataclass(frozen=True)
class MemberVote:
    """One member's vote on one motion (None where not known), where it comes from, and for a news report its
    confidence and source."""

    vote: str | None
    record: str
    confidence: str | None = None
    source: str | None = None

    @property
    def label(self) -> str:
        """``record`` with the confidence of a news report: ``news report (high confidence)``."""
        return news_label(self.confidence) if self.confidence else self.record


def news_label(confidence: str) -> str:
    """Where a vote known from news reports comes from, with its confidence: ``news report (high confidence)``."""
    return f"{NEWS_REPORT} ({confidence} confidence)"


class MemberRecord:
    """One member's votes, looked up once: :meth:`on` gives its vote on any motion and where it comes from.

    Examples:
        >>> t = load_tables()
        >>> brazil = MemberRecord(t.votes, t.partial, "BRA")
        >>> brazil.on("S/RES/2774(2025)", "SC").record, brazil.on("A/RES/ES-11/7", "GA").vote
        ('not a Council member', 'A')
    """

    def __init__(self, votes: pd.DataFrame, partial: pd.DataFrame | None, iso3: str,
                 recorded: set[str] | None = None) -> None:
        """``recorded``: the motions with a roll call, when ``votes`` holds only some members' rows (default: the
        motions of ``votes``)."""
        self.iso3 = iso3
        mine = votes[votes["iso3"] == iso3].drop_duplicates("motion")
        self.own = dict(zip(mine["motion"], mine["vote"].astype(str)))  # plain dicts: looked up once per motion
        self.recorded = set(votes["motion"].unique()) if recorded is None else recorded
        self.news = None
        if partial is not None:
            reported = partial[partial["iso3"] == iso3]
            self.news = {m: (str(v), str(c), str(s)) for m, v, c, s in zip(
                reported["motion"], reported["vote"], reported["confidence"], reported["source"])}

    def on(self, motion: str, body: str | None, on_council: bool | None = None) -> MemberVote:
        """The vote on ``motion``: its roll call, else a news report, else none (and why).

        ``on_council`` False says the member was not on the Council that day (a
        Council motion without a roll call is then not its vote either).
        """
        if motion in self.own:
            return MemberVote(self.own[motion], ROLL_CALL)
        if motion in self.recorded:
            return MemberVote(None, NOT_ON_COUNCIL if body == "SC" else NOT_RECORDED)
        if body == "SC" and on_council is False:
            return MemberVote(None, NOT_ON_COUNCIL)
        if self.news is not None and motion in self.news:
            vote, confidence, source = self.news[motion]
            return MemberVote(vote, NEWS_REPORT, confidence, source)
        return MemberVote(None, TALLY_ONLY)


def known_votes(votes: pd.DataFrame, partial: pd.DataFrame, motion: str) -> pd.DataFrame:
    """The votes known on ``motion``: its full roll call if ``votes`` has it, else its partial record.

    Indexed by ISO3 (sorted), columns ``vote``, ``confidence`` (``record`` for
    the full roll call) and ``source``; ``attrs["record"]`` says which it is.

    Examples:
        >>> t = load_tables()
        >>> known_votes(t.votes, t.partial, "A/RES/ES-11/10").loc["RUS", "vote"]
        'N'
    """
    full = votes[votes["motion"] == motion]
    if len(full):
        known = full[["iso3", "vote"]].assign(confidence=FULL_RECORD, source="UN Digital Library voting record")
        kind = "full record from the UN Digital Library"
    else:
        known = partial.loc[partial["motion"] == motion, ["iso3", "vote", "confidence", "source"]]
        kind = "partial record from news reports"
    known = known.set_index("iso3").sort_index()
    known.attrs["record"] = kind
    return known


def tallies(votes: pd.DataFrame, motions: pd.DataFrame, ids: list[str],
            topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Y, N, A, X of each motion of ``ids`` (in the order given): counted from its roll call where ``votes`` has
    one, else the motions table's tally (X: the body's members not counted in it).

    Columns ``date``, ``body``, ``Y``, ``N``, ``A``, ``X``, ``record`` (``roll call`` or ``tally only``) and
    ``tally_quality``; a motion whose tally is not known in full is refused (ValueError), never guessed. Given
    ``topics`` (``tables.vote_topics``), also ``topic``: the kind of vote, read from the motion's title.

    Examples:
        >>> t = load_tables()
        >>> tallies(t.votes, t.motions, ["A/RES/ES-11/7", "A/RES/ES-11/10"])[["Y", "N", "A", "X", "record"]]
                         Y   N   A   X     record
        motion
        A/RES/ES-11/7   93  18  65  17  roll call
        A/RES/ES-11/10 107  12  51  23 tally only
    """
    table = motions.set_index("motion")
    recorded = set(votes["motion"])
    counted = pd.crosstab(votes["motion"], votes["vote"]).reindex(columns=list(VOTE_CODES), fill_value=0)
    rows = []
    for motion in ids:
        row = table.loc[motion]
        if motion in recorded:
            y, n, a, x = (int(counted.at[motion, c]) for c in VOTE_CODES)
        elif row[["yes", "no", "abstain"]].notna().all():
            y, n, a = int(row["yes"]), int(row["no"]), int(row["abstain"])
            x = LIMITS[row["body"]] - y - n - a
        else:
            raise ValueError(f"{motion}: no country-level record and no full tally, so no counts")
        rows.append({"motion": motion, "date": row["date"], "body": row["body"], "Y": y, "N": n, "A": a, "X": x,
                     "record": ROLL_CALL if motion in recorded else TALLY_ONLY,
                     "tally_quality": row["tally_quality"]})
    out = pd.DataFrame(rows).set_index("motion")
    if topics is not None:
        out["topic"] = topic_of(table.loc[out.index, "title_or_change"], topics)
    return out


def tally_only_votes(related: pd.DataFrame, topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """The votes of ``related`` (``tables.related_tallies``) whose tally is known in full, as :func:`tallies`
    gives them (``record`` ``tally only``; X: the Assembly's members not counted), in the table's order.

    Indexed by the symbol, or where no source confirms one by ``(symbol not confirmed)`` and the title, shortened (a
    symbol is never guessed). Given ``topics``, also ``topic``, read from the title.

    Examples:
        >>> t = load_tables()
        >>> tally_only_votes(t.related_tallies).loc["A/RES/78/316", ["Y", "N", "A", "X"]].tolist()
        [99, 9, 60, 25]
    """
    known = related.dropna(subset=["yes", "no", "abstain"])
    out = pd.DataFrame({"date": known["date"], "body": "GA", "Y": known["yes"].astype(int),
                        "N": known["no"].astype(int), "A": known["abstain"].astype(int)})
    out["X"] = LIMITS["GA"] - out[["Y", "N", "A"]].sum(axis=1)
    out["record"], out["tally_quality"] = TALLY_ONLY, known["tally_quality"]
    if topics is not None:
        out["topic"] = topic_of(known["title"], topics)
    short = known["title"].map(lambda title: textwrap.shorten(title, 60, placeholder=" ..."))
    out.index = known["symbol"].where(known["symbol"].ne(""), "(symbol not confirmed) " + short).rename("motion")
    return out


CAMPS = ("stayed", "left", "joined")


def camps(before: pd.Series, after: pd.Series, code: str = "N") -> pd.Series:
    """Members in the ``code`` camp (default: against) on either vote: ``stayed``, ``left`` or ``joined``.

    ``before`` and ``after`` map ISO3 to a vote code (a member missing from
    ``after``, e.g. not named in a partial record, counts as not in its camp,
    which is only a fact when ``after`` is complete). Sorted by ISO3.

    Examples:
        >>> camps(pd.Series({"USA": "N", "RUS": "N", "IRN": "A"}), pd.Series({"USA": "A", "RUS": "N", "IRN": "N"}))
        IRN    joined
        RUS    stayed
        USA      left
        dtype: object
    """
    was = set(before.index[before.eq(code)])
    now = set(after.index[after.eq(code)])
    out = {i: "stayed" if i in was and i in now else "left" if i in was else "joined" for i in was | now}
    return pd.Series(out, dtype=object).sort_index()
