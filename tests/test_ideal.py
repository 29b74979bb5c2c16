"""GA sessions (analysis.data.sessions), the first part of the ideal-point tests: facts, each able to fail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analysis.data import sessions
from analysis.data.sessions import ga_session, ga_session_of, session_opening

DATA = Path(__file__).resolve().parent.parent / "data"


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


# ---------------------------------------------------------------------------------------------------------------
# GA sessions
# ---------------------------------------------------------------------------------------------------------------

OPENINGS = {69: "2014-09-16", 71: "2016-09-13", 73: "2018-09-18", 74: "2019-09-17", 76: "2021-09-14"}


@pytest.mark.parametrize(("session", "opening"), OPENINGS.items())
def test_a_session_opens_on_its_day_and_the_day_before_belongs_to_the_previous_one(session, opening):
    day = dt.date.fromisoformat(opening)
    assert session_opening(1945 + session) == day
    assert ga_session([opening, (day - dt.timedelta(days=1)).isoformat()]).tolist() == [session, session - 1]


def test_since_2023_the_session_opens_in_the_second_week():
    # the 78th opened on 5 September 2023 (GA/12525), the 79th on 10 September 2024 (GA/12622)
    assert ga_session(["2023-09-04", "2023-09-05", "2024-09-09", "2024-09-10"]).tolist() == [77, 78, 78, 79]
    assert session_opening(2022) == dt.date(2022, 9, 13)  # the 77th: still the third week


def test_sessions_read_strings_datetimes_and_one_date_and_keep_the_index():
    dates = pd.Series(["2022-02-24", "2025-02-24"], index=[10, 20])
    assert ga_session(dates).to_dict() == {10: 76, 20: 79}
    assert ga_session(pd.to_datetime(dates)).to_dict() == {10: 76, 20: 79}
    assert ga_session_of(dt.date(2021, 9, 14)) == 76
    assert ga_session_of(pd.Timestamp("2021-09-13 23:59")) == 75


def test_a_date_that_cannot_be_read_or_comes_before_1947_is_refused():
    with pytest.raises(ValueError, match=r"not a date: '2021-02-30'"):
        ga_session(["2021-01-01", "2021-02-30"])
    with pytest.raises(ValueError, match=r"'1946-10-23' is before 1947"):
        ga_session(["1946-10-23"])


# ---------------------------------------------------------------------------------------------------------------
# The real context
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def context() -> pd.DataFrame:
    """The GA context 2014-2021 as load_context() will return it: motion, iso3, vote, date, body, session."""
    motions, votes = read("ga_context_motions.csv"), read("ga_context_votes.csv")
    table = votes.merge(motions[["motion", "date"]], on="motion", how="left", validate="many_to_one")
    table["body"] = "GA"
    table["session"] = ga_session(table["date"])
    return table[["motion", "iso3", "vote", "date", "body", "session"]]


def test_every_resolution_number_is_the_session_of_its_roll_calls(context):
    found = context.groupby("motion")["session"].unique().map(sorted)  # every roll call's session, per motion
    number = found.index.str.extract(r"^A/(?:RES/)?(\d+)/", expand=False)
    numbered = found[number.notna()]
    assert len(numbered) == 723
    assert {m: s for m, s, n in zip(numbered.index, numbered, number.dropna().astype(int)) if s != [n]} == {}
    # the draft symbols A/73/L.42 and A/76/L.14 carry a session and are among them; the only exceptions are
    # the two resolutions of the tenth emergency special session, which met during the 72nd
    assert {"A/73/L.42", "A/76/L.14"} <= set(numbered.index)
    assert found[number.isna()].to_dict() == {"A/RES/ES-10/19": [72], "A/RES/ES-10/20": [72]}
