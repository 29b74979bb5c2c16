"""The context: every recorded General Assembly vote of 2014-2021, its sessions, and its agreement with votes.csv."""

import datetime
import re

import pandas as pd
import pytest

from analysis import load_context, load_context_motions, load_tables
from analysis.data.bodies import ga_session, session_opening
from analysis.data.schema import DATA_DIR, read_table, read_table_fast

CRIMEA = ["A/RES/71/205", "A/RES/72/190", "A/RES/73/194", "A/RES/73/263", "A/RES/74/17", "A/RES/74/168",
          "A/RES/75/29", "A/RES/75/192", "A/RES/76/70", "A/RES/76/179"]


@pytest.fixture(scope="module")
def context():
    return load_context()


@pytest.fixture(scope="module")
def context_motions():
    return load_context_motions()


def test_every_recorded_vote_of_2014_to_2021(context):
    assert list(context.columns) == ["motion", "iso3", "vote", "date", "body", "session"]
    assert len(context) == 139_925 == 725 * 193 and context["motion"].nunique() == 725
    assert context.groupby("motion")["iso3"].nunique().eq(193).all()
    assert set(context["vote"]) == {"Y", "N", "A", "X"} and set(context["body"]) == {"GA"}
    assert (context["date"].min(), context["date"].max()) == (pd.Timestamp("2014-03-27"), pd.Timestamp("2021-12-24"))
    assert sorted(context["session"].unique()) == list(range(68, 77))


def test_the_context_motions_hold_the_record_and_its_totals(context_motions):
    assert list(context_motions.columns) == ["motion", "date", "title", "yes", "no", "abstain", "non_voting",
                                             "undl_record", "body", "session"]
    row = context_motions.set_index("motion").loc["A/RES/68/262"]
    assert (row["yes"], row["no"], row["abstain"], row["non_voting"]) == (100, 11, 58, 24)
    assert row["undl_record"] == "767565" and row["session"] == 68 and row["title"].startswith("Territorial integrity")
    totals = context_motions[["yes", "no", "abstain", "non_voting"]].sum(axis=1)
    assert totals.eq(193).all()


def test_the_counts_equal_the_records_totals(context, context_motions):
    counts = pd.crosstab(context["motion"], context["vote"]).reindex(columns=list("YNAX"))
    record = context_motions.set_index("motion")[["yes", "no", "abstain", "non_voting"]].astype(int)
    assert (counts.loc[record.index].to_numpy() == record.to_numpy()).all()


def test_the_ukraine_votes_of_the_context_are_those_of_votes_csv(context):
    """A/RES/68/262 and the ten Crimea resolutions: the same 193 votes in both files, member by member."""
    votes = load_tables().votes
    for motion in ["A/RES/68/262", *CRIMEA]:
        ours = votes[votes["motion"] == motion].set_index("iso3")["vote"].sort_index()
        theirs = context[context["motion"] == motion].set_index("iso3")["vote"].sort_index()
        assert len(ours) == 193 and ours.equals(theirs), motion


def test_a_crimea_tally_from_the_data(context, context_motions):
    """A/RES/76/179 (16 December 2021): 65-25-85, 18 not voting, in the record, the context and motions.csv."""
    counts = context.loc[context["motion"] == "A/RES/76/179", "vote"].value_counts().to_dict()
    assert counts == {"Y": 65, "N": 25, "A": 85, "X": 18}
    motions = load_tables().motions.set_index("motion")
    assert motions.loc["A/RES/76/179", ["yes", "no", "abstain"]].astype(int).tolist() == [65, 25, 85]
    row = context_motions.set_index("motion").loc["A/RES/76/179"]
    assert (row["date"], row["session"]) == (pd.Timestamp("2021-12-16"), 76)


# ---- the GA session: rule 1 of the rules of procedure up to 2022, the second week since 2023


@pytest.mark.parametrize("date, session", [
    ("2014-09-16", 69), ("2014-09-15", 68), ("2021-09-14", 76), ("2021-09-13", 75), ("2014-03-27", 68),
    ("2019-09-17", 74), ("2019-09-16", 73), ("2018-09-18", 73), ("2018-09-17", 72), ("2021-12-24", 76),
])
def test_the_session_of_a_date(date, session):
    assert ga_session([date]).tolist() == [session]


def test_up_to_2022_the_opening_is_the_tuesday_of_the_third_week_counting_weeks_with_a_working_day():
    # 1 September 2019 was a Sunday and 1 September 2018 a Saturday: their weeks have no working day in
    # September, so the first week starts on Monday 2 (3) September and the session opened on 17 (18) September
    assert session_opening(2019) == datetime.date(2019, 9, 17) and session_opening(2018) == datetime.date(2018, 9, 18)
    assert session_opening(2015) == datetime.date(2015, 9, 15)  # 1 September a Tuesday: its week counts
    assert all(session_opening(year).weekday() == 1 for year in range(2000, 2040))


@pytest.mark.parametrize("session, opening", [(77, "2022-09-13"), (78, "2023-09-05"), (79, "2024-09-10"),
                                              (80, "2025-09-09")])
def test_the_openings_as_held_the_second_week_since_the_78th_session(session, opening):
    """The 77th opened in the third week (13 September 2022); the 78th, 79th and 80th in the second (5 September
    2023, 10 September 2024, 9 September 2025), a week before the third-week count (12, 17 and 16 September)."""
    assert session_opening(1945 + session) == datetime.date.fromisoformat(opening)


def test_a_vote_of_early_september_2023_falls_in_the_session_of_its_day():
    # 4 September 2023: still the 77th; 6 September 2023: the 78th, opened the day before (rule 1's third week
    # would have put both in the 77th)
    assert ga_session(["2023-09-04", "2023-09-05", "2023-09-06"]).tolist() == [77, 78, 78]
    assert ga_session(["2024-09-09", "2024-09-10", "2025-09-08", "2025-09-09"]).tolist() == [78, 79, 79, 80]


def test_every_resolution_symbol_carries_its_computed_session(context_motions):
    """A/RES/NN/... is a resolution of session NN: the rule gives NN for every one of them (no exception)."""
    numbered = context_motions[context_motions["motion"].str.match(r"A/RES/\d+/")]
    symbol = numbered["motion"].map(lambda m: int(re.match(r"A/RES/(\d+)/", m).group(1)))
    exceptions = numbered.loc[symbol != numbered["session"], ["motion", "date", "session"]]
    assert exceptions.empty, exceptions.to_string()
    assert len(numbered) == 721
    # the four without a session number: two votes of the tenth emergency special session, held during the 72nd
    # regular session, and two drafts voted without a resolution number
    others = context_motions.loc[~context_motions["motion"].str.match(r"A/RES/\d+/")].set_index("motion")["session"]
    assert others.to_dict() == {"A/RES/ES-10/19": 72, "A/RES/ES-10/20": 72, "A/73/L.42": 73, "A/76/L.14": 76}


# ---- the fast read is the exact read


def test_the_fast_read_gives_the_table_of_the_line_by_line_read():
    from analysis.data.members import member_codes

    codes = member_codes()
    for name in ("context_votes", "context_motions", "votes", "motions", "partial_votes", "blocs"):
        assert read_table_fast(name, codes=codes).equals(read_table(name, codes=codes)[0]), name


def test_tolerated_variants_of_the_context_give_the_same_table(tmp_path, context):
    """CRLF line ends, spaces around codes and lower-case votes change nothing (the fast read normalizes them)."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "ga_context_votes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    changed = [lines[0]] + [(line.replace(",", ", ", 1).lower().replace("a/res", "A/RES") if i % 5 == 0 else line)
                            for i, line in enumerate(lines[1:])]
    path.write_text("\r\n".join(changed) + "\r\n", encoding="utf-8", newline="")
    assert load_context(data_dir=folder).equals(context)


def test_the_bundle_reads_the_context_only_when_asked(context):
    tables = load_tables()
    tables.votes, tables.motions
    assert "context" not in vars(tables) and "context_motions" not in vars(tables)
    assert tables.context.equals(context) and len(tables.context_motions) == 725


def test_each_call_gets_its_own_copy(context):
    first = load_context()
    first.loc[0, "vote"] = "N"
    assert load_context().loc[0, "vote"] == context.loc[0, "vote"] == "A"


def test_the_benchmark_runs(capsys):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import bench_context

    summary = bench_context.main(["--runs", "1"])
    assert summary["rows"] == 139_925 and summary["load_context"] > 0 and "ratio" in capsys.readouterr().out
