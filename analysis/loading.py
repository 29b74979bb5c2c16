"""Loading the bundled tables: motions, country-level votes, text changes.

Every loader validates what it returns (see :mod:`analysis.validation`), so the
caller either gets a correct table or a :class:`~analysis.errors.VoteDataError`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .errors import VoteDataError
from .members import load_sc_members
from .normalize import normalize_codes, normalize_votes
from .tables import data_path, fail_at, read_table
from .validation import check_roster, check_tallies, check_unique

MOTION_COLUMNS = [
    "motion", "body", "date", "meeting", "draft", "kind", "amends", "proposer",
    "title_or_change", "yes", "no", "abstain", "outcome", "roll_call", "tally_quality",
]
BODIES = ("GA", "SC")
KINDS = ("resolution", "amendment", "procedural")


def load_motions(path: str | Path | None = None) -> pd.DataFrame:
    """One row per motion of interest, including those known only as tallies.

    Columns: ``motion`` (UN symbol, e.g. ``A/RES/ES-11/7``), ``body`` (GA/SC),
    ``date`` (datetime), ``meeting``, ``draft``, ``kind``
    (resolution/amendment/procedural), ``amends``, ``proposer``,
    ``title_or_change``, ``yes``/``no``/``abstain`` (official tally, nullable
    Int64 where unknown), ``outcome``, ``roll_call`` (bool: a country-level
    record exists) and ``tally_quality`` (how good the tally source is).
    """
    path = Path(path) if path else data_path("motions.csv")
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
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.date):
            fail_at(path, i, "date must be YYYY-MM-DD", row.date)
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
    return frame


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


def load_votes(path: str | Path | None = None, motions: pd.DataFrame | str | Path | None = None) -> pd.DataFrame:
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
    """
    path = Path(path) if path else data_path("votes.csv")
    motions_file = None
    if motions is None or isinstance(motions, (str, Path)):
        motions_file = Path(motions) if motions is not None else data_path("motions.csv")
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
    check_roster(votes, bodies, path, sc_roster=set(load_sc_members()["iso3"]))
    check_tallies(votes, motions, path, motions_file)
    return votes.reset_index(drop=True)


def load_text_changes(path: str | Path | None = None) -> pd.DataFrame:
    """The US draft "The path to peace" as tabled against the text as amended in the General Assembly.

    Columns ``part``, ``original_us_text``, ``as_amended_in_the_general_assembly``,
    ``source_quality`` (the amended wording is partly paraphrase from news
    reports: shown, never hidden).
    """
    path = Path(path) if path else data_path("text_changes.csv")
    return read_table(path, ["part", "original_us_text", "as_amended_in_the_general_assembly", "source_quality"])
