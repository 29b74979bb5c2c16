"""Loading the bundled tables: motions, country-level votes, text changes.

Every loader validates what it returns (see :mod:`analysis.validation`), so the
caller either gets a correct table or a :class:`~analysis.errors.VoteDataError`.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pandas as pd

from .errors import VoteDataError
from .members import load_sc_members
from .normalize import normalize_codes, normalize_votes
from .tables import data_path, fail_at, read_table
from .validation import GA_MAX_MEMBERS, SC_MEMBERS, check_roster, check_tallies, check_unique

MOTION_COLUMNS = [
    "motion", "body", "date", "meeting", "draft", "kind", "amends", "proposer",
    "title_or_change", "yes", "no", "abstain", "outcome", "roll_call", "tally_quality",
]
BODIES = ("GA", "SC")
KINDS = ("resolution", "amendment", "procedural")


def _is_iso_date(text: str) -> bool:
    """True for a real calendar date written ``YYYY-MM-DD`` (``2025-02-30`` and ``02/03/2025`` are not)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def load_motions(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per motion of interest, including those known only as tallies.

    Columns: ``motion`` (UN symbol, e.g. ``A/RES/ES-11/7``), ``body`` (GA/SC),
    ``date`` (datetime), ``meeting``, ``draft``, ``kind``
    (resolution/amendment/procedural), ``amends``, ``proposer``,
    ``title_or_change``, ``yes``/``no``/``abstain`` (official tally, nullable
    Int64 where unknown), ``outcome``, ``roll_call`` (bool: a country-level
    record exists) and ``tally_quality`` (how good the tally source is).
    """
    path = Path(path) if path else data_path("motions.csv", data_dir)
    frame = read_table(path, MOTION_COLUMNS)
    for i, row in enumerate(frame.itertuples(index=False)):
        if not row.motion.strip():
            fail_at(path, i, "empty motion id", row.motion)
        if row.body not in BODIES:
            fail_at(path, i, "body must be GA or SC", row.body)
        if row.kind not in KINDS:
            fail_at(path, i, "kind must be resolution, amendment or procedural", row.kind)
        if row.roll_call not in ("yes", "no"):
            fail_at(path, i, "roll_call must be yes or no", row.roll_call)
        if not _is_iso_date(row.date):
            fail_at(path, i, "date must be a real calendar date written YYYY-MM-DD", row.date)
        for column in ("yes", "no", "abstain"):
            value = getattr(row, column)
            if value != "" and not value.isdigit():
                fail_at(path, i, f"{column} must be a whole number or empty", value)
    dup = frame["motion"].duplicated().to_numpy()
    if dup.any():
        fail_at(path, int(dup.argmax()), "motion listed twice", frame["motion"].iat[int(dup.argmax())])
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    for column in ("yes", "no", "abstain"):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
    frame["roll_call"] = frame["roll_call"].eq("yes")
    frame["vetoed_by"] = [_vetoed_by(path, i, text) for i, text in enumerate(frame["outcome"])]
    return frame


_OUTCOME = re.compile(r"(adopted|rejected)( \(negative vote of a permanent member: (?P<member>[^)]+)\))?")


def _vetoed_by(path: Path, record: int, outcome: str) -> str | None:
    """ISO3 of the permanent member whose negative vote defeated the motion, read from ``outcome``.

    The outcome column has a fixed grammar: ``adopted``, ``rejected`` or
    ``rejected (negative vote of a permanent member: NAME)``; anything else is refused.
    """
    from .members import to_iso3

    match = _OUTCOME.fullmatch(outcome)
    if match is None:
        fail_at(path, record, "outcome must be 'adopted', 'rejected' or "
                "'rejected (negative vote of a permanent member: NAME)'", outcome)
    member = match.group("member")
    if member is None:
        return None
    try:
        return to_iso3(member)
    except VoteDataError as exc:
        fail_at(path, record, exc.problem, member)


def read_votes(path: str | Path) -> pd.DataFrame:
    """Read a vote file in the project layout (``motion, iso3, vote``) and normalize it.

    Codes are upper-cased and checked against the 193 members; vote codes go to
    Y/N/A/X (``NV`` and lower case tolerated). Duplicates are an error. No
    tally or roster check here: :func:`load_votes` adds those.
    """
    path = Path(path)
    frame = read_table(path, ["motion", "iso3", "vote"])
    if frame.empty:
        raise VoteDataError("no vote rows (header only)", file=path, line=1)
    votes = pd.DataFrame({
        "motion": frame["motion"].str.strip(),
        "iso3": normalize_codes(frame["iso3"], path),
        "vote": normalize_votes(frame["vote"], path),
    })
    check_unique(votes, path)
    return votes


def load_votes(path: str | Path | None = None, motions: pd.DataFrame | str | Path | None = None, *,
               data_dir: str | Path | None = None, with_motions: bool = False) -> pd.DataFrame:
    """Country-level votes as one tidy long table: ``motion``, ``iso3``, ``vote`` (Y/N/A/X).

    By default the bundled records: 10 General Assembly votes x 193 members and
    S/RES/2774 (2025) x 15 Council members. Give ``path`` (and ``motions``, a
    motions table or its CSV path) to load your own records in the same layout,
    for instance the country-level record of an amendment vote.

    Validated on load: every motion is in the motions table with
    ``roll_call`` true and vice versa, codes and votes are known, each member
    appears once per motion, GA roll calls list all 193 members and SC roll
    calls the 15 Council members of 2025 (the only Council year in the data;
    a record of another year would need its own roster), and the Y/N/A counts
    equal the official tally.

    With ``with_motions=True`` each row also carries the motion's ``date`` and
    ``body`` (GA/SC), so that ``votes[votes.date.dt.year == 2025]`` works.
    ``data_dir`` reads another data folder laid out like ``data/``.
    """
    path = Path(path) if path else data_path("votes.csv", data_dir)
    motions_file = None
    if motions is None or isinstance(motions, (str, Path)):
        motions_file = Path(motions) if motions is not None else data_path("motions.csv", data_dir)
        motions = load_motions(motions_file)
    votes = read_votes(path)
    known = set(motions["motion"])
    unknown = ~votes["motion"].isin(known)
    if unknown.any():
        position = int(unknown.to_numpy().argmax())
        fail_at(path, position, "motion is not in the motions table", votes["motion"].iat[position])
    flagged = motions.loc[motions["roll_call"], "motion"]
    without_record = sorted(set(flagged) - set(votes["motion"]))
    if without_record:
        raise VoteDataError("motions table says roll_call yes but there are no country-level rows",
                            file=path, value=without_record[0])
    not_flagged = set(votes["motion"]) - set(flagged)
    if not_flagged:
        motion = sorted(not_flagged)[0]
        raise VoteDataError("country-level rows for a motion whose roll_call is not yes in the motions table",
                            file=path, motion=motion)
    bodies = dict(zip(motions["motion"], motions["body"]))
    check_roster(votes, bodies, path, sc_roster=set(load_sc_members(data_dir=data_dir)["iso3"]))
    check_tallies(votes, motions, path, motions_file)
    votes = votes.reset_index(drop=True)
    if with_motions:
        votes = votes.merge(motions[["motion", "date", "body"]], on="motion", how="left", validate="many_to_one")
    return votes


def load_text_changes(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The US draft "The path to peace" as tabled against the text as amended in the General Assembly.

    Columns ``part``, ``original_us_text``, ``as_amended_in_the_general_assembly``,
    ``source_quality`` (the amended wording is partly paraphrase from news
    reports: shown, never hidden).
    """
    path = Path(path) if path else data_path("text_changes.csv", data_dir)
    return read_table(path, ["part", "original_us_text", "as_amended_in_the_general_assembly", "source_quality"])


PARTIAL_COLUMNS = ["motion", "iso3", "vote", "confidence", "source"]
CONFIDENCE = ("high", "medium", "low")
_TALLY = {"Y": "yes", "N": "no", "A": "abstain"}


def load_partial_votes(path: str | Path | None = None, motions: pd.DataFrame | str | Path | None = None, *,
                       data_dir: str | Path | None = None) -> pd.DataFrame:
    """Country-level votes known only from news reports, for motions without a full record.

    Columns ``motion, iso3, vote, confidence, source`` (confidence high, medium
    or low; source a URL). Today: A/RES/ES-11/10 (24 February 2026), 34 of the
    170 votes cast. Never mixed into :func:`load_votes`: a partial record is not
    a roll call. Validated on load: known member and vote codes, a known
    confidence and a source on every row, no member twice per motion, every
    motion in the motions table with ``roll_call`` false (a full record replaces
    a partial one), and never more votes of a kind than the motion's tally.
    """
    path = Path(path) if path else data_path("partial_votes.csv", data_dir)
    motions_file = None
    if motions is None or isinstance(motions, (str, Path)):
        motions_file = Path(motions) if motions is not None else data_path("motions.csv", data_dir)
        motions = load_motions(motions_file)
    frame = read_table(path, PARTIAL_COLUMNS)
    votes = pd.DataFrame({
        "motion": frame["motion"].str.strip(),
        "iso3": normalize_codes(frame["iso3"], path),
        "vote": normalize_votes(frame["vote"], path),
        "confidence": frame["confidence"].str.strip(),
        "source": frame["source"].str.strip(),
    })
    for i, row in enumerate(votes.itertuples(index=False)):
        if row.confidence not in CONFIDENCE:
            fail_at(path, i, "confidence must be high, medium or low", row.confidence)
        if not row.source:
            fail_at(path, i, "every partial vote needs its source", row.source)
    check_unique(votes, path)
    official = motions.set_index("motion")
    for i, motion in enumerate(votes["motion"]):
        if motion not in official.index:
            fail_at(path, i, "motion is not in the motions table", motion)
        if official.at[motion, "roll_call"]:
            fail_at(path, i, "the motion has a full country-level record; a partial record would duplicate it",
                    motion)
    counts = votes.groupby(["motion", "vote"]).size()
    for (motion, code), n in counts.items():
        row = official.loc[motion]
        if code in _TALLY:
            limit = row[_TALLY[code]]
        else:
            known = all(pd.notna(row[c]) for c in _TALLY.values())
            limit = (GA_MAX_MEMBERS if row["body"] == "GA" else SC_MEMBERS) - sum(int(row[c]) for c in _TALLY.values()) if known else pd.NA
        if pd.notna(limit) and n > int(limit):
            last = int(((votes["motion"] == motion) & (votes["vote"] == code)).to_numpy().nonzero()[0][-1])
            fail_at(path, last, f"more {code} votes ({n}) than the motion's tally allows ({int(limit)})", code,
                    motion=motion)
    return votes.reset_index(drop=True)


TEXT_COMPARISON_COLUMNS = ["provision", "in_es11_7_2025", "in_es11_10_2026", "change", "source_quality"]


def load_text_comparison(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """ES-11/7 (2025) against ES-11/10 (2026), provision by provision: kept, added or dropped.

    Columns ``provision``, ``in_es11_7_2025``, ``in_es11_10_2026``, ``change``
    (kept/added/dropped) and ``source_quality`` (the 2025 side is paraphrase).
    """
    path = Path(path) if path else data_path("texts/es11_7_vs_es11_10.csv", data_dir)
    frame = read_table(path, TEXT_COMPARISON_COLUMNS)
    for i, change in enumerate(frame["change"]):
        if change not in ("kept", "added", "dropped"):
            fail_at(path, i, "change must be kept, added or dropped", change)
    return frame


def load_resolution_text(motion: str = "A/RES/ES-11/10", *, data_dir: str | Path | None = None) -> str:
    """The adopted text of a resolution held in ``data/texts/`` (today: A/RES/ES-11/10), as one string."""
    path = data_path("texts/" + motion.replace("/", "_") + ".txt", data_dir)
    if not path.is_file():
        raise VoteDataError("no text held for this resolution", file=path, value=motion)
    return path.read_text(encoding="utf-8")


def load_article19(path: str | Path | None = None, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Members in arrears under Article 19 of the Charter in early 2025: ``iso3``, ``entitled_to_vote`` (bool), ``source``.

    The five listed as not entitled to vote (A/79/720 and addenda) are ``X`` on
    24 February 2025 by rule, not by choice; Sao Tome and Principe and Somalia
    were in arrears but allowed to vote (resolution 79/3).
    """
    from .normalize import normalize_codes

    path = Path(path) if path else data_path("article19_2025.csv", data_dir)
    frame = read_table(path, ["iso3", "entitled_to_vote", "source"])
    for i, row in enumerate(frame.itertuples(index=False)):
        if row.entitled_to_vote not in ("yes", "no"):
            fail_at(path, i, "entitled_to_vote must be yes or no", row.entitled_to_vote)
    frame["iso3"] = normalize_codes(frame["iso3"], path)
    frame["entitled_to_vote"] = frame["entitled_to_vote"].eq("yes")
    return frame
