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


def test_council_outcomes_on_24_february(motions):
    out = council_outcomes(motions, "2025-02-24").set_index("motion")
    assert len(out) == 7
    assert out.loc["S/RES/2774(2025)", "reason"].startswith("adopted")
    assert out.loc["S/PV.9866/EU-amendment-invasion", "reason"] == "failed: fewer than 9 in favour"
    assert out.loc["S/PV.9866/motion-postpone", "reason"] == "failed: fewer than 9 in favour"
    vetoed = out.index[out["would_pass_without_veto"]].tolist()
    assert vetoed == ["S/PV.9866/EU-amendment-sovereignty", "S/PV.9866/EU-amendment-just-peace"]
    assert out.loc["S/PV.9866/RU-amendment-wording", "reason"] == "failed: no tally found"
    assert pd.isna(out.loc["S/PV.9866/RU-amendment-wording", "enough_yes"])


def test_the_veto_comes_from_the_vetoed_by_column_not_the_outcome_text(motions):
    out = council_outcomes(motions).set_index("motion")
    assert out.loc["S/PV.9866/EU-amendment-sovereignty", "vetoed_by"] == "RUS"
    edited = motions.copy()
    edited.loc[edited["motion"] == "S/PV.9866/EU-amendment-sovereignty", "vetoed_by"] = None
    out = council_outcomes(edited).set_index("motion")
    assert out.loc["S/PV.9866/EU-amendment-sovereignty", "reason"] == "failed"  # 9 in favour, no veto on record
    assert not out.loc["S/PV.9866/EU-amendment-sovereignty", "would_pass_without_veto"]


def test_council_votes_need_the_council_table_from_the_caller(votes):
    with pytest.raises(TypeError, match="sc_members"):
        council_votes(votes, ["S/RES/2774(2025)"])
