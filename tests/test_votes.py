"""The votes module: the bundled motions, roll calls and partial records, with their real values."""

import pandas as pd
import pytest

import analysis
from analysis import VoteDataError, load_text_changes, load_votes
from analysis.data.schema import DATA_DIR


def test_load_votes_reproduces_the_shared_records_exactly(votes):
    raw = pd.read_csv(DATA_DIR / "votes.csv", dtype=str, keep_default_na=False)
    assert list(votes.columns) == ["motion", "iso3", "vote"]
    assert votes.astype(str).equals(raw)
    assert len(votes) == 20 * 193 + 4 * 15  # 68/262, ten Crimea resolutions, ES-11/1..9; four Council votes
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
    assert len(motions) == 36
    row = motions.set_index("motion").loc["A/RES/ES-11/7"]
    assert (row["yes"], row["no"], row["abstain"], row["body"], row["kind"]) == (93, 18, 65, "GA", "resolution")
    assert row["date"] == pd.Timestamp("2025-02-24")
    assert motions["roll_call"].dtype == bool
    assert motions["roll_call"].sum() == 24
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


def test_with_motions_adds_date_and_body(votes):
    joined = load_votes(with_motions=True)
    assert list(joined.columns) == ["motion", "iso3", "vote", "date", "body"]
    assert joined[["motion", "iso3", "vote"]].equals(votes)
    in_2025 = joined[joined["date"].dt.year == 2025]
    assert sorted(in_2025["motion"].unique()) == ["A/RES/ES-11/7", "A/RES/ES-11/8", "A/RES/ES-11/9",
                                                  "S/RES/2774(2025)"]
    assert sorted(joined.loc[joined["date"].dt.year == 2022, "motion"].unique()) == [
        "A/RES/ES-11/1", "A/RES/ES-11/2", "A/RES/ES-11/3", "A/RES/ES-11/4", "A/RES/ES-11/5", "S/2022/155",
        "S/2022/720", "S/RES/2623(2022)"]
    assert set(joined.loc[joined["motion"] == "S/RES/2774(2025)", "body"]) == {"SC"}


def test_partial_votes_of_2026():
    partial = analysis.load_partial_votes()
    assert list(partial.columns) == ["motion", "iso3", "vote", "confidence", "source_groups", "source",
                                     "other_sources"]
    assert len(partial) == 55 and set(partial["motion"]) == {"A/RES/ES-11/10", "A/ES-11/PV.23/motion-division"}
    es10 = partial[partial["motion"].eq("A/RES/ES-11/10")]
    assert len(es10) == 52 and es10["vote"].value_counts().to_dict() == {"A": 22, "Y": 16, "N": 12, "X": 2}
    assert sorted(es10.loc[es10["vote"] == "X", "iso3"]) == ["AZE", "TKM"]
    assert "SVK" not in set(es10["iso3"])  # one outlet says yes, one says abstained: left out
    division = partial[partial["motion"].eq("A/ES-11/PV.23/motion-division")].set_index("iso3")["vote"]
    assert division.to_dict() == {"IND": "A", "RUS": "Y", "USA": "Y"}
    assert es10.set_index("iso3").loc["USA", "vote"] == "A"
    # confidence follows from the independent source groups: high 3 or more, medium 2, low 1
    assert es10.groupby("confidence")["source_groups"].agg(["min", "max"]).to_dict("index") == {
        "high": {"min": 3, "max": 18}, "low": {"min": 1, "max": 1}, "medium": {"min": 2, "max": 2}}
    assert es10["confidence"].value_counts().to_dict() == {"high": 25, "low": 20, "medium": 7}
    assert sorted(partial.loc[partial["vote"] == "N", "iso3"]) == [
        "BDI", "BFA", "BLR", "CUB", "ERI", "IRN", "MLI", "NER", "NIC", "PRK", "RUS", "SDN"]
    votes = load_votes()
    assert "A/RES/ES-11/10" not in set(votes["motion"])  # never mixed into the roll-call table


@pytest.mark.parametrize("extra, message", [
    ("A/RES/ES-11/10,SYR,N,high,3,https://example.org,", r"more N votes \(13\) than the motion's tally allows \(12\)"),
    ("A/RES/ES-11/10,RUS,N,high,3,https://example.org,", "member appears twice in the same motion"),
    ("A/RES/ES-11/7,RUS,N,high,3,https://example.org,", "has a full country-level record"),
    ("A/RES/ES-11/10,ITA,maybe,high,3,https://example.org,", "unknown vote code"),
    ("A/RES/ES-11/10,ITA,Y,certain,3,https://example.org,", "confidence must be one of high, medium, low"),
    ("A/RES/ES-11/10,ITA,Y,high,3,,", "source is empty"),
    ("A/RES/ES-11/10,ITA,Y,high,2,https://example.org,", r"confidence does not follow from source_groups 2 \(high: 3 "
                                                         r"or more source groups, medium: 2, low: 1\): 'high'"),
    ("A/RES/ES-11/10,ITA,Y,low,3,https://example.org,", "confidence does not follow from source_groups 3"),
    ("A/RES/ES-11/10,ITA,Y,low,0,https://example.org,", r"source_groups must be at least 1 .*: 0"),
    ("A/RES/ES-11/10,ITA,Y,low,one,https://example.org,", "source_groups must be a whole number"),
])
def test_partial_votes_that_break_a_rule_are_refused(tmp_path, extra, message):
    source = (DATA_DIR / "partial_votes.csv").read_text(encoding="utf-8")
    path = tmp_path / "partial_votes.csv"
    path.write_text(source.rstrip("\n") + "\n" + extra + "\n", encoding="utf-8")
    with pytest.raises(VoteDataError, match=message) as info:
        analysis.load_partial_votes(path)
    assert f"{path}, line 57" in str(info.value)


def test_the_data_folder_is_named_by_the_caller_and_no_environment_variable(tmp_path, monkeypatch):
    """data_dir= reads that folder; an environment variable changes nothing (no global state)."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "motions.csv").write_text((copy / "motions.csv").read_text().replace("2025-02-24", "2025-02-30", 1))
    with pytest.raises(VoteDataError, match="2025-02-30"):
        analysis.load_motions(data_dir=copy)
    with pytest.raises(VoteDataError, match="2025-02-30"):
        analysis.load_tables(copy).motions
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(copy))
    assert len(analysis.load_motions()) == 36 and analysis.load_tables().folder == DATA_DIR


def test_veto_and_article_19_are_data(motions):
    vetoed = motions.dropna(subset=["vetoed_by"])
    assert vetoed["motion"].tolist() == ["S/PV.9866/EU-amendment-sovereignty", "S/PV.9866/EU-amendment-just-peace",
                                         "S/2022/155", "S/2022/720"]
    assert set(vetoed["vetoed_by"]) == {"RUS"}
    article19 = analysis.load_article19()
    assert sorted(article19.loc[~article19["entitled_to_vote"], "iso3"]) == ["AFG", "BOL", "COG", "GNB", "VEN"]
    assert sorted(article19.loc[article19["entitled_to_vote"], "iso3"]) == ["SOM", "STP"]


# ---- the Security Council of 2022, member by member


def test_the_council_votes_of_2022_with_their_basis(votes):
    sources = analysis.load_sc_sources()
    assert list(sources.columns) == ["motion", "iso3", "vote", "vote_basis", "source"]
    assert sources.groupby("motion").size().to_dict() == {"S/2022/155": 15, "S/2022/720": 15, "S/RES/2623(2022)": 15}
    basis = sources["vote_basis"].str.split(":").str[0]
    assert basis.value_counts().to_dict() == {"named in source": 34, "by elimination": 11}
    # S/RES/2623 (2022): SC/14809 names the no and the three abstentions; the other 11 are yes by elimination
    deduced = sources[basis.eq("by elimination")]
    assert set(deduced["motion"]) == {"S/RES/2623(2022)"} and set(deduced["vote"]) == {"Y"}
    named = sources[sources["motion"].eq("S/RES/2623(2022)") & basis.eq("named in source")]
    assert named.set_index("iso3")["vote"].sort_index().to_dict() == {"ARE": "A", "CHN": "A", "IND": "A", "RUS": "N"}
    both = sources.merge(votes, on=["motion", "iso3"], suffixes=("", "_votes"))
    assert len(both) == 45 and both["vote"].eq(both["vote_votes"]).all()  # identical to votes.csv
    for motion, tally in (("S/2022/155", {"Y": 11, "N": 1, "A": 3}), ("S/RES/2623(2022)", {"Y": 11, "N": 1, "A": 3}),
                          ("S/2022/720", {"Y": 10, "N": 1, "A": 4})):
        assert votes.loc[votes["motion"] == motion, "vote"].value_counts().to_dict() == tally, motion


def test_a_council_vote_of_a_year_whose_council_is_not_held_is_refused(tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    (folder / "motions.csv").write_text((folder / "motions.csv").read_text(encoding="utf-8").replace(
        "S/2022/720,SC,2022-09-30", "S/2022/720,SC,2023-09-30"), encoding="utf-8")
    with pytest.raises(VoteDataError, match=r"votes\.csv: motion S/2022/720: a Council roll call of 2023, but no "
                                            r"Council membership of that year is held \(sc_members_2023\.csv"):
        load_votes(data_dir=folder)


def test_a_veto_the_record_does_not_show_is_refused(tmp_path):
    """The motions table says Russia's negative vote defeated S/2022/155: the record must have Russia voting no."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    (folder / "motions.csv").write_text((folder / "motions.csv").read_text(encoding="utf-8").replace(
        "11,1,3,rejected (negative vote of a permanent member: Russian Federation)",
        "11,1,3,rejected (negative vote of a permanent member: China)"), encoding="utf-8")
    with pytest.raises(VoteDataError, match=r"motion S/2022/155: the motions table says the negative vote of a "
                                            r"permanent member \(CHN\) defeated it, but the record has CHN voting: 'A'"):
        load_votes(data_dir=folder)


def test_related_tallies_keep_their_gaps():
    related = analysis.load_related_tallies()
    assert list(related.columns) == ["date", "symbol", "title", "yes", "no", "abstain", "tally_quality", "sources",
                                     "note"]
    assert len(related) == 7
    assert related["symbol"].tolist() == ["", "", "", "", "A/RES/78/316", "", ""]  # never a guessed symbol
    zaporizhzhia = related.set_index("symbol").loc["A/RES/78/316"]
    assert zaporizhzhia[["yes", "no", "abstain"]].tolist() == [99, 9, 60] and zaporizhzhia["tally_quality"] == "official"
    crimea_2025 = related[related["date"] == pd.Timestamp("2025-12-18")].iloc[0]
    assert (crimea_2025["yes"], crimea_2025["no"]) == (79, 16) and pd.isna(crimea_2025["abstain"])  # 73 or 72
    crimea_2023 = related[related["date"] == pd.Timestamp("2023-12-19")].iloc[0]
    assert crimea_2023[["yes", "no", "abstain"]].isna().all() and crimea_2023["tally_quality"] == "no tally found"
    assert not set(related["symbol"]) & set(analysis.load_motions()["motion"])
