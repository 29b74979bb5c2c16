"""Where a vote comes from, in one set of words; roll calls beside tally-only votes; the camps of two votes."""

import pytest

from analysis.data.motions import load_resolution_text, resolution_paragraphs
from analysis.measures import records


def test_tallies_count_roll_calls_and_take_the_tally_of_the_others(tables):
    out = records.tallies(tables.votes, tables.motions, ["A/RES/68/262", "A/RES/ES-11/7", "A/RES/ES-11/10"])
    assert out.loc["A/RES/68/262", ["Y", "N", "A", "X"]].tolist() == [100, 11, 58, 24]
    assert out.loc["A/RES/ES-11/7", ["Y", "N", "A", "X"]].tolist() == [93, 18, 65, 17]
    assert out.loc["A/RES/ES-11/10", ["Y", "N", "A", "X"]].tolist() == [107, 12, 51, 23]  # 193 - 170 not counted
    assert out["record"].tolist() == ["roll call", "roll call", "tally only"]


def test_a_motion_without_record_or_full_tally_is_refused(tables):
    unknown = tables.motions.loc[tables.motions[["yes", "no", "abstain"]].isna().any(axis=1), "motion"].iat[0]
    with pytest.raises(ValueError, match="no country-level record and no full tally"):
        records.tallies(tables.votes, tables.motions, [unknown])


def test_known_votes_are_the_partial_record_until_the_full_one_exists(tables):
    known = records.known_votes(tables.votes, tables.partial, "A/RES/ES-11/10")
    assert known.attrs["record"] == "partial record from news reports"
    assert int(known["vote"].eq("N").sum()) == 12 and known.index.is_monotonic_increasing
    full = records.known_votes(tables.votes, tables.partial, "A/RES/ES-11/7")
    assert len(full) == 193 and set(full["confidence"]) == {"record"} and full.loc["USA", "vote"] == "N"


def test_camps_of_the_2025_and_2026_votes_against(tables):
    before = tables.votes.query("motion == 'A/RES/ES-11/7'").set_index("iso3")["vote"]
    after = records.known_votes(tables.votes, tables.partial, "A/RES/ES-11/10")["vote"]
    camp = records.camps(before, after)
    assert camp.value_counts().to_dict() == {"stayed": 10, "left": 8, "joined": 2}
    assert camp["USA"] == "left" and camp["RUS"] == "stayed" and set(camp[camp.eq("joined")].index) == {"CUB", "IRN"}


def test_a_member_record_says_where_each_vote_comes_from(tables):
    usa = records.MemberRecord(tables.votes, tables.partial, "USA")
    assert usa.on("A/RES/ES-11/7", "GA") == records.MemberVote("N", "roll call")
    news = usa.on("A/RES/ES-11/10", "GA")
    assert (news.vote, news.record) == ("A", "news report") and news.label.endswith("confidence)")
    assert records.MemberRecord(tables.votes, None, "USA").on("A/RES/ES-11/10", "GA").record == "tally only"
    assert records.MemberRecord(tables.votes, None, "BRA").on("S/RES/2774(2025)", "SC").vote is None


def test_the_paragraphs_of_the_2026_text():
    paragraphs = resolution_paragraphs(load_resolution_text("A/RES/ES-11/10"))
    assert sorted(paragraphs) == ["PP1", "PP2", "PP3", "PP4", "operative 1", "operative 2", "operative 3",
                                  "operative 4"]
    assert paragraphs["PP2"].startswith("PP2 ")
    assert resolution_paragraphs("Source: x\n1.5 is not a paragraph\nPPX no") == {}
