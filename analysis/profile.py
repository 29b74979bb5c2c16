"""One country's whole record: every motion in date order, the tally beside each vote, and its alignment.

:func:`country_profile` answers "how did Brazil vote?" in one call: the vote on
each motion of the motions table (roll calls, Council votes it was not part of,
amendments known only as tallies, and votes known only from news reports, each
labelled as such), whether it sat on the Council, and its agreement with the
United States, the Russian Federation, Ukraine and the EU27 majority before and
from a date, with the number of votes behind each score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .indices import agreement, agreement_counts, majority_votes, periods
from .members import load_blocs, load_members, load_sc_members, to_iso3
from .terminal import WIDTH, table_text, tally_text, wrap

#: The partners of the agreement table: ISO3 codes, plus the EU27 majority (a pseudo-member).
PARTNERS = ("USA", "RUS", "UKR")
EU_MAJORITY = "EU27 majority"

VOTE_COLUMNS = ["date", "motion", "body", "kind", "vote", "record", "on_council", "yes", "no", "abstain",
                "tally_quality", "title"]


@dataclass
class CountryProfile:
    """A member's record (``votes``, one row per motion in date order) and ``agreement`` with four partners.

    ``votes`` columns: ``date``, ``motion``, ``body``, ``kind``, ``vote`` (Y/N/A/X,
    missing where not known), ``record`` (``roll call``; ``not on Council``;
    ``news (high)``, ``news (medium)``...: a vote known only from news reports,
    with its confidence; ``tally only``: no country-level record), ``on_council``
    (for Council motions), the official ``yes``/``no``/``abstain``,
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

    def to_text(self, width: int = WIDTH) -> str:
        """The profile as plain text no wider than ``width`` (what ``python -m analysis country`` prints)."""
        shown = self.votes.copy()
        shown["tally"] = [tally_text(r) for r in shown.itertuples(index=False)]
        shown["vote"] = shown["vote"].fillna("-")
        table = table_text(shown[["date", "motion", "vote", "record", "tally", "title"]], shrink=("title", "record"),
                           width=width)
        lines = [f"{self.name} ({self.iso3}), {self.regional_group} group", wrap(f"Security Council: {self.council}", width)]
        if self.article19:
            lines.append(wrap(f"Article 19: {self.article19}", width))
        scores = self.agreement.reset_index()
        scores.columns = ["votes" if c.startswith("votes ") else c.removeprefix("score ") for c in scores.columns]
        lines += ["", table, "", f"Agreement ({self.method} index) with each partner, and the number of votes it rests on:",
                  table_text(scores, shrink=("partner",), width=width)]
        return "\n".join(lines)

    def to_json(self) -> str:
        """The profile as one JSON object: member facts, ``votes`` and ``agreement`` as lists of records."""
        return json.dumps({"iso3": self.iso3, "name": self.name, "regional_group": self.regional_group,
                           "council": self.council, "article19": self.article19 or None, "method": self.method,
                           "votes": records(self.votes), "agreement": records(self.agreement.reset_index())},
                          ensure_ascii=False, indent=1)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        head = f"<p><b>{self.name} ({self.iso3})</b>, {self.regional_group} group. Security Council: {self.council}."
        if self.article19:
            head += f" Article 19: {self.article19}."
        return (head + "</p>" + self.votes.to_html(index=False, na_rep="") +
                f"<p>Agreement ({self.method}) and the number of votes behind each score:</p>" +
                self.agreement.to_html(na_rep="", float_format="{:.2f}".format))


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts for JSON: missing values None, dates ``YYYY-MM-DD``, numbers as numbers."""
    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, pd.Timestamp):
                value = f"{value:%Y-%m-%d}"
            elif value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[str(key)] = value
        out.append(clean)
    return out


def _on_council(iso3: str, date: pd.Timestamp, sc_members: pd.DataFrame):
    """Whether ``iso3`` sat on the Council on ``date``: a permanent member, or an elected one within its term."""
    row = sc_members[sc_members["iso3"] == iso3]
    if row.empty:
        return False
    if pd.isna(date):
        return pd.NA
    if row["membership"].iat[0] == "permanent":
        return True
    first, _, last = str(row["term"].iat[0]).partition("-")
    return first.isdigit() and last.isdigit() and int(first) <= date.year <= int(last)


def _council_text(iso3: str, sc_members: pd.DataFrame, motions: pd.DataFrame) -> str:
    """``permanent member``, ``elected member, term 2024-2025`` or ``not on the Council in 2025``."""
    row = sc_members[sc_members["iso3"] == iso3]
    if not row.empty:
        if row["membership"].iat[0] == "permanent":
            return "permanent member"
        return f"elected member, term {row['term'].iat[0]}"
    years = sorted({d.year for d in motions.loc[motions["body"] == "SC", "date"].dropna()})
    return "not on the Council in " + " or ".join(map(str, years)) if years else "no Council vote in the data"


def country_profile(country: str, *, votes: pd.DataFrame | None = None, motions: pd.DataFrame | None = None,
                    partial: pd.DataFrame | None = None, method: str = "lijphart", at: str = "2025-01-01",
                    data_dir: str | Path | None = None) -> CountryProfile:
    """The whole record of one member (an ISO3 code or any name :func:`analysis.to_iso3` knows).

    Reads the bundled data (or ``data_dir``) for whatever table is not given:
    ``votes`` (:func:`analysis.load_votes`), ``motions``
    (:func:`analysis.load_motions`) and ``partial``
    (:func:`analysis.load_partial_votes`; ignored when ``votes`` is given
    without it). Agreement uses ``method`` on General Assembly roll calls,
    before and from the date ``at``.
    """
    from .members import load_article19
    from .votes import load_motions, load_partial_votes, load_votes

    iso3 = to_iso3(country)
    given_votes = votes is not None
    motions = load_motions(data_dir=data_dir) if motions is None else motions
    votes = load_votes(data_dir=data_dir) if votes is None else votes
    if partial is None and not given_votes:
        partial = load_partial_votes(data_dir=data_dir)
    members = load_members(data_dir=data_dir).set_index("iso3")
    sc_members = load_sc_members(data_dir=data_dir)
    article19 = load_article19(data_dir=data_dir)

    table = _vote_rows(iso3, votes, motions, partial, sc_members)
    listed = article19[(article19["iso3"] == iso3) & ~article19["entitled_to_vote"]]
    note = str(listed["source"].iat[0]) if len(listed) else ""
    return CountryProfile(
        iso3=iso3, name=members.at[iso3, "name"], regional_group=members.at[iso3, "regional_group"],
        council=_council_text(iso3, sc_members, motions), article19=note, method=method,
        votes=table, agreement=_agreement(iso3, votes, motions, method, at, data_dir))


def _vote_rows(iso3: str, votes: pd.DataFrame, motions: pd.DataFrame, partial: pd.DataFrame | None,
               sc_members: pd.DataFrame) -> pd.DataFrame:
    """One row per motion of the motions table, in date order, with this member's vote and where it comes from."""
    own = votes[votes["iso3"] == iso3].drop_duplicates("motion").set_index("motion")["vote"]
    recorded = set(votes["motion"])
    news = pd.DataFrame(columns=["motion", "vote", "confidence"]) if partial is None else \
        partial[partial["iso3"] == iso3].set_index("motion")
    rows = []
    for m in motions.sort_values("date", kind="stable").to_dict("records"):
        motion, body = m["motion"], m.get("body")
        on_council = _on_council(iso3, m["date"], sc_members) if body == "SC" else pd.NA
        if motion in own.index:
            vote, record = own[motion], "roll call"
        elif motion in recorded:
            vote, record = pd.NA, "not on Council" if body == "SC" else "no vote recorded"
        elif body == "SC" and on_council is False:
            vote, record = pd.NA, "not on Council"
        elif motion in news.index:
            vote, record = news.at[motion, "vote"], f"news ({news.at[motion, 'confidence']})"
        else:
            vote, record = pd.NA, "tally only"
        rows.append({"date": m["date"], "motion": motion, "body": body, "kind": m.get("kind", "resolution"),
                     "vote": vote, "record": record, "on_council": on_council, "yes": m.get("yes"),
                     "no": m.get("no"), "abstain": m.get("abstain"), "tally_quality": m.get("tally_quality", ""),
                     "title": m.get("title_or_change", "")})
    out = pd.DataFrame(rows, columns=VOTE_COLUMNS)
    for column in ("yes", "no", "abstain"):
        out[column] = pd.array(out[column], dtype="Int64")
    out["on_council"] = pd.array(out["on_council"], dtype="boolean")
    return out


def _agreement(iso3: str, votes: pd.DataFrame, motions: pd.DataFrame, method: str, at: str,
               data_dir: str | Path | None) -> pd.DataFrame:
    """Scores and counts against the partners, per period of General Assembly roll calls."""
    eu = set(load_blocs(data_dir=data_dir).query("bloc == 'EU27'")["iso3"])
    ga = votes[votes["motion"].isin(set(motions.loc[motions["body"] == "GA", "motion"]))]
    with_eu = pd.concat([ga[["motion", "iso3", "vote"]], majority_votes(ga[["motion", "iso3", "vote"]], eu,
                                                                         EU_MAJORITY)], ignore_index=True)
    names = load_members(data_dir=data_dir).set_index("iso3")["name"]
    partners = [p for p in PARTNERS] + [EU_MAJORITY]
    out = pd.DataFrame(index=pd.Index([f"{names.get(p, p)} ({p})" if p in names else p for p in partners],
                                      name="partner"))
    recorded = set(with_eu["motion"])
    for label, ids in periods(motions, at=at, body="GA").items():
        ids = [m for m in ids if m in recorded]
        if not ids:  # no roll call in this period: no score, on no vote
            out[f"score {label}"], out[f"votes {label}"] = float("nan"), 0
            continue
        scores = agreement(with_eu, method, ids, motions=motions)
        counts = agreement_counts(with_eu, method, ids, motions=motions)
        out[f"score {label}"] = scores.reindex(index=[iso3], columns=partners).iloc[0].to_numpy()
        out[f"votes {label}"] = counts.reindex(index=[iso3], columns=partners, fill_value=0).iloc[0].to_numpy()
    return out
