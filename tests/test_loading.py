"""Loading the bundled data: the real values of the record."""

import pandas as pd

from analysis import load_text_changes, load_votes
from analysis.tables import DATA_DIR


def test_load_votes_reproduces_the_shared_records_exactly(votes):
    raw = pd.read_csv(DATA_DIR / "votes.csv", dtype=str, keep_default_na=False)
    assert list(votes.columns) == ["motion", "iso3", "vote"]
    assert votes.astype(str).equals(raw)
    assert len(votes) == 10 * 193 + 15
    assert set(votes["vote"]) == {"Y", "N", "A", "X"}


def test_es11_7_and_es11_8_official_tallies(votes):
    def counts(motion):
        return votes.loc[votes["motion"] == motion, "vote"].value_counts().to_dict()

    assert counts("A/RES/ES-11/7") == {"Y": 93, "N": 18, "A": 65, "X": 17}
    assert counts("A/RES/ES-11/8") == {"Y": 93, "N": 8, "A": 73, "X": 19}
    assert counts("S/RES/2774(2025)") == {"Y": 10, "A": 5}


def test_united_states_russia_ukraine_on_the_day(votes):
    table = votes.pivot(index="iso3", columns="motion", values="vote")
    assert table.loc["USA", "A/RES/ES-11/7"] == "N"
    assert table.loc["USA", "A/RES/ES-11/8"] == "A"
    assert table.loc["RUS", "A/RES/ES-11/7"] == "N"
    assert table.loc["RUS", "A/RES/ES-11/8"] == "N"
    assert table.loc["UKR", "A/RES/ES-11/7"] == "Y"
    assert table.loc["UKR", "A/RES/ES-11/8"] == "A"
    assert table.loc["USA", "S/RES/2774(2025)"] == "Y"
    assert table.loc["FRA", "S/RES/2774(2025)"] == "A"


def test_article_19_states_are_recorded_as_not_voting(votes):
    day = votes[votes["motion"].isin(["A/RES/ES-11/7", "A/RES/ES-11/8"])]
    for iso3 in ("AFG", "BOL", "COG", "GNB", "VEN"):
        assert set(day.loc[day["iso3"] == iso3, "vote"]) == {"X"}, iso3


def test_motions_table_types_and_gaps(motions):
    assert len(motions) == 23
    row = motions.set_index("motion").loc["A/RES/ES-11/7"]
    assert (row["yes"], row["no"], row["abstain"], row["body"], row["kind"]) == (93, 18, 65, "GA", "resolution")
    assert row["date"] == pd.Timestamp("2025-02-24")
    assert motions["roll_call"].dtype == bool
    assert motions["roll_call"].sum() == 11
    # the only resolution without a country-level record is the 2026 one (known from news reports only)
    assert motions.loc[~motions["roll_call"] & motions["kind"].eq("resolution"), "motion"].tolist() == ["A/RES/ES-11/10"]
    es10 = motions.set_index("motion").loc["A/RES/ES-11/10"]
    assert (es10["yes"], es10["no"], es10["abstain"], es10["date"]) == (107, 12, 51, pd.Timestamp("2026-02-24"))
    division = motions.set_index("motion").loc["A/ES-11/PV.23/motion-division"]
    assert (division["yes"], division["no"], division["abstain"], division["kind"]) == (11, 69, 62, "procedural")
    sovereignty = motions.set_index("motion").loc["S/PV.9866/EU-amendment-sovereignty"]
    assert sovereignty["yes"] == 9 and pd.isna(sovereignty["no"]) and pd.isna(sovereignty["abstain"])
    assert str(motions["yes"].dtype) == "Int64"
    eu = motions[motions["motion"].str.contains("EU-amendment") & motions["body"].eq("GA")]
    assert eu[["yes", "no", "abstain"]].astype(int).values.tolist() == [[60, 18, 81], [79, 16, 67], [83, 16, 61]]
    assert set(eu["tally_quality"]) == {"single news source"}


def test_text_changes_keep_their_source_quality():
    changes = load_text_changes()
    assert len(changes) == 4
    assert changes["source_quality"].str.len().gt(0).all()
    assert "Russian Federation-Ukraine conflict" in changes.loc[0, "original_us_text"]


def test_user_added_amendment_record_is_loaded_and_validated(write):
    """A country-level amendment record in the project layout (roll_call yes) is used like any other."""
    members = pd.read_csv(DATA_DIR / "members.csv", dtype=str)["iso3"]
    rows = ["motion,iso3,vote"]
    codes = ["Y"] * 60 + ["N"] * 18 + ["A"] * 81 + ["X"] * 34
    rows += [f"AMD-1,{iso3},{code}" for iso3, code in zip(members, codes)]
    votes_path = write("votes.csv", "\n".join(rows) + "\n")
    motions_path = write("motions.csv", (
        "motion,body,date,meeting,draft,kind,amends,proposer,title_or_change,yes,no,abstain,outcome,roll_call,"
        "tally_quality\nAMD-1,GA,2025-02-24,,,amendment,A/ES-11/L.11,test,synthetic,60,18,81,adopted,yes,test\n"))
    votes = load_votes(votes_path, motions_path)
    assert votes["vote"].value_counts().to_dict() == {"A": 81, "Y": 60, "X": 34, "N": 18}
