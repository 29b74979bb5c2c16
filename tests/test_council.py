"""The Security Council: members' votes on both versions of the text, and the Charter's voting rule."""

import pandas as pd
import pytest

from analysis import council_outcomes, council_votes


def test_council_votes_on_the_three_texts(votes, tables):
    table = council_votes(votes, ["S/RES/2774(2025)", "A/RES/ES-11/8", "A/RES/ES-11/7"], sc_members=tables.sc_members,
                          members=tables.members)
    assert len(table) == 15
    assert table.index[:5].tolist() == ["CHN", "FRA", "RUS", "GBR", "USA"]  # permanent members first, by name
    assert table.loc["USA", ["S/RES/2774(2025)", "A/RES/ES-11/8", "A/RES/ES-11/7"]].tolist() == ["Y", "A", "N"]
    assert table.loc["RUS", ["S/RES/2774(2025)", "A/RES/ES-11/8"]].tolist() == ["Y", "N"]
    abstained = table.index[table["S/RES/2774(2025)"] == "A"].tolist()
    assert sorted(abstained) == ["DNK", "FRA", "GBR", "GRC", "SVN"]


def test_the_council_of_2022_on_its_own_votes(votes, tables):
    """The vetoed drafts and resolution 2623 (2022) were voted by the Council of 2022, not that of 2025."""
    ids = ["S/2022/155", "S/RES/2623(2022)", "S/2022/720", "A/RES/ES-11/1"]
    table = council_votes(votes, ids, sc_members=tables.council, members=tables.members)
    assert table.attrs["year"] == 2022 and len(table) == 15
    assert table.index[:5].tolist() == ["CHN", "FRA", "RUS", "GBR", "USA"]
    assert table.loc["RUS", ids].tolist() == ["N", "N", "N", "N"]
    assert sorted(table.index[table["S/2022/155"] == "A"]) == ["ARE", "CHN", "IND"]
    assert sorted(table.index[table["S/2022/720"] == "A"]) == ["BRA", "CHN", "GAB", "IND"]
    assert table.loc["ALB", "term"] == "2022-2023" and table.loc["IND", "term"] == "2021-2022"
    assert table.equals(council_votes(votes, ids, sc_members=tables.council_of(2022), members=tables.members))
    counts = votes[votes["motion"] == "S/2022/155"]["vote"].value_counts().to_dict()
    assert counts == {"Y": 11, "A": 3, "N": 1}  # 11-1-3, the official tally


def test_a_council_vote_is_refused_with_another_years_council(votes, tables):
    with pytest.raises(ValueError, match=r"S/2022/155 was voted by another Council than the one given \(ALB, ARE, "
                                         r"BRA, .*\): pass that year's members"):
        council_votes(votes, ["S/2022/155"], sc_members=tables.sc_members, members=tables.members)
    with pytest.raises(ValueError, match="the Council votes among ids were cast by the members of 2022 and 2025"):
        council_votes(votes, ["S/2022/155", "S/RES/2774(2025)"], sc_members=tables.council, members=tables.members)
    with pytest.raises(ValueError, match="no Council vote among ids tells which year"):
        council_votes(votes, ["A/RES/ES-11/1"], sc_members=tables.council, members=tables.members)
    assert council_votes(votes, ["A/RES/ES-11/1"], sc_members=tables.council, members=tables.members,
                         year=2025).loc["PAK", "A/RES/ES-11/1"] == "A"


def test_the_vetoed_drafts_of_2022_are_vetoes(motions, votes, tables):
    out = council_outcomes(motions, votes=votes, council=tables.council).set_index("motion")
    for draft, tally in (("S/2022/155", (11, 1, 3)), ("S/2022/720", (10, 1, 4))):
        row = out.loc[draft]
        assert (row["kind"], row["yes"], row["no"], row["abstain"]) == ("draft resolution", *tally)
        assert row["vetoed_by"] == "RUS" and row["permanent_against"] == "RUS"
        assert row["reason"] == "failed: negative vote of a permanent member" and row["would_pass_without_veto"]
    procedural = out.loc["S/RES/2623(2022)"]
    assert (procedural["yes"], procedural["no"], procedural["abstain"]) == (11, 1, 3)
    assert pd.isna(procedural["vetoed_by"]) and procedural["permanent_against"] == "RUS"
    assert procedural["reason"] == ("adopted: 9 or more in favour; the negative vote of a permanent member (RUS) did "
                                    "not block it: decided as procedural (Charter, Article 27(2))")
    assert pd.isna(procedural["would_pass_without_veto"])  # not vetoed: no veto to take away, not "no"
    assert out.loc["S/RES/2774(2025)", "permanent_against"] == ""
    # from the motions table alone, who voted against is not known: the reason does not claim it
    alone = council_outcomes(motions).set_index("motion")
    assert alone.loc["S/RES/2623(2022)", "reason"] == ("adopted: 9 or more in favour (who voted against is not in "
                                                        "the data given)")
    assert alone.loc["S/2022/155", "reason"] == "failed: negative vote of a permanent member"


def test_council_outcomes_on_24_february(motions):
    out = council_outcomes(motions, "2025-02-24").set_index("motion")
    assert len(out) == 7
    assert out.loc["S/RES/2774(2025)", "reason"].startswith("adopted")
    assert out.loc["S/PV.9866/EU-amendment-invasion", "reason"] == "failed: fewer than 9 in favour"
    assert out.loc["S/PV.9866/motion-postpone", "reason"] == "failed: fewer than 9 in favour"
    vetoed = out.index[out["would_pass_without_veto"].fillna(False)].tolist()
    assert vetoed == ["S/PV.9866/EU-amendment-sovereignty", "S/PV.9866/EU-amendment-just-peace"]
    # page 02 said "would have passed without the veto: no" of the adopted resolution 2774 and of the amendment
    # that failed with 6 in favour: neither was vetoed, so the column is empty there
    assert out["would_pass_without_veto"].isna().sum() == 5
    assert pd.isna(out.loc["S/RES/2774(2025)", "would_pass_without_veto"])
    assert out.loc["S/PV.9866/RU-amendment-wording", "reason"] == "failed: no tally found"
    assert pd.isna(out.loc["S/PV.9866/RU-amendment-wording", "enough_yes"])


def test_the_veto_comes_from_the_vetoed_by_column_not_the_outcome_text(motions):
    out = council_outcomes(motions).set_index("motion")
    assert out.loc["S/PV.9866/EU-amendment-sovereignty", "vetoed_by"] == "RUS"
    edited = motions.copy()
    edited.loc[edited["motion"] == "S/PV.9866/EU-amendment-sovereignty", "vetoed_by"] = None
    out = council_outcomes(edited).set_index("motion")
    assert out.loc["S/PV.9866/EU-amendment-sovereignty", "reason"] == "failed"  # 9 in favour, no veto on record
    assert pd.isna(out.loc["S/PV.9866/EU-amendment-sovereignty", "would_pass_without_veto"])


def test_council_votes_need_the_council_table_from_the_caller(votes):
    with pytest.raises(TypeError, match="sc_members"):
        council_votes(votes, ["S/RES/2774(2025)"])
