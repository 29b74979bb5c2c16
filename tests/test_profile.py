"""One country's whole record: every motion in date order with the tally beside it, and its alignment."""

import json

import pandas as pd
import pytest

from analysis import VoteDataError, country_profile, load_motions


@pytest.fixture(scope="module")
def brazil(tables):
    return country_profile("BRA", tables=tables)


def test_every_motion_in_date_order_with_the_tally(brazil):
    table = brazil.votes
    assert len(table) == len(load_motions()) == 36
    assert table["date"].is_monotonic_increasing
    assert table["motion"].iloc[0] == "A/RES/68/262" and table["motion"].iloc[-1] == "A/RES/ES-11/10"
    row = table.set_index("motion").loc["A/RES/ES-11/7"]
    assert (row["vote"], row["record"], row["yes"], row["no"], row["abstain"]) == ("A", "roll call", 93, 18, 65)


def test_brazil_votes_as_recorded(brazil):
    votes = brazil.votes.set_index("motion")["vote"]
    assert votes[[f"A/RES/ES-11/{i}" for i in range(1, 10)]].tolist() == list("YYAYAYAAA")
    assert votes["A/RES/68/262"] == "A"


def test_council_motions_say_brazil_sat_in_2022_and_not_in_2025(brazil):
    council = brazil.votes[brazil.votes["body"] == "SC"].set_index("motion")
    of_2025 = council[council["date"].dt.year == 2025]
    assert len(of_2025) == 7 and of_2025["record"].eq("not a Council member").all() and of_2025["vote"].isna().all()
    assert not of_2025["on_council"].any() and brazil.votes.loc[brazil.votes["body"] == "GA", "on_council"].isna().all()
    of_2022 = council[council["date"].dt.year == 2022]
    assert of_2022["on_council"].all() and of_2022["vote"].tolist() == ["Y", "Y", "A"]  # 155, 2623, 720
    # the yes on resolution 2623 (2022) is deduced from the official 11-1-3 with the other four votes named
    assert of_2022["record"].tolist() == ["roll call", "by elimination", "roll call"]
    assert brazil.council == "2022: elected member, term 2022-2023; 2025: not on the Council"


def test_amendments_are_tally_only_and_2026_comes_from_news(brazil):
    rows = brazil.votes.set_index("motion")
    assert rows.loc["A/ES-11/L.12", "record"] == "tally only" and pd.isna(rows.loc["A/ES-11/L.12", "vote"])
    assert rows.loc["A/ES-11/L.12", "tally_quality"].startswith("single news source")
    assert rows.loc["A/RES/ES-11/10", "record"].startswith("news report (") and rows.loc["A/RES/ES-11/10", "vote"] == "A"


def test_agreement_before_and_from_2025_with_the_counts(brazil):
    scores = brazil.agreement
    assert list(scores.index) == ["United States of America (USA)", "Russian Federation (RUS)", "Ukraine (UKR)",
                                  "EU27 majority"]
    # 68/262, the ten Crimea resolutions of 2016-2021 and ES-11/1..6: Brazil cast a vote on all 17
    assert scores["votes before 2025"].tolist() == [17, 17, 17, 17]
    assert scores["votes from 2025"].tolist() == [3, 3, 3, 3]  # ES-11/7, /8, /9
    # ES-11/7..9: Brazil A, A, A; the US N, A, Y -> (0.5 + 1 + 0.5) / 3
    assert scores.loc["United States of America (USA)", "score from 2025"] == pytest.approx(2 / 3)
    assert brazil.method == "lijphart"


def test_a_council_member_and_a_member_under_article_19(brazil, tables):
    usa = country_profile("United States", tables=tables)
    assert usa.council == "permanent member"
    row = usa.votes.set_index("motion").loc["S/RES/2774(2025)"]
    assert row["vote"] == "Y" and row["on_council"]
    assert country_profile("DNK", tables=tables).council == "2022: not on the Council; 2025: elected member, term 2025-2026"
    assert country_profile("UKR", tables=tables).council == "not on the Council in 2022 or 2025"
    albania = country_profile("Albania", tables=tables)  # on the Council in 2022, not in 2025
    assert albania.council == "2022: elected member, term 2022-2023; 2025: not on the Council"
    rows = albania.votes.set_index("motion")
    assert rows.loc["S/2022/155", ["vote", "record"]].tolist() == ["Y", "roll call"] and rows.loc["S/2022/155",
                                                                                                  "on_council"]
    assert rows.loc["S/RES/2774(2025)", "record"] == "not a Council member" and not rows.loc["S/RES/2774(2025)", "on_council"]
    uae = country_profile("United Arab Emirates", tables=tables).votes.set_index("motion")
    assert uae.loc[["S/2022/155", "S/RES/2623(2022)", "S/2022/720"], "vote"].tolist() == ["A", "A", "Y"]
    assert "Article 19" in country_profile("Venezuela", tables=tables).article19 and brazil.article19 == ""


def test_text_fits_100_columns_and_json_parses(brazil):
    text = brazil.to_text()
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.startswith("Brazil (BRA), Latin American and Caribbean group")
    parsed = json.loads(brazil.to_json())
    assert parsed["iso3"] == "BRA" and len(parsed["votes"]) == 36 and parsed["votes"][0]["date"] == "2014-03-27"
    assert parsed["agreement"][0]["votes before 2025"] == 17


def test_names_are_forgiving_and_refusals_suggest(brazil):
    with pytest.raises(VoteDataError, match=r"did you mean Brazil\?"):
        country_profile("Brazl")
    with pytest.raises(VoteDataError, match=r"not a UN Member State \(an observer state\): 'Holy See'"):
        country_profile("Holy See")


def test_the_profile_and_the_command_line_say_where_a_vote_comes_from_in_the_same_words(capsys):
    """One classification: the profile's record column and the CLI's record field use the words of records.py."""
    import json

    from analysis.cli import main
    from analysis.measures import records

    brazil = country_profile("BRA").votes.set_index("motion")["record"]
    assert brazil["S/RES/2774(2025)"] == records.NOT_ON_COUNCIL
    assert brazil["A/ES-11/L.12"] == records.TALLY_ONLY and brazil["A/RES/ES-11/7"] == records.ROLL_CALL
    for motion, expected in (("S/RES/2774", records.NOT_ON_COUNCIL), ("A/ES-11/L.12", records.TALLY_ONLY),
                             ("ES-11/7", records.ROLL_CALL)):
        assert main(["votes", motion, "--country", "BRA", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)[0]["record"].startswith(expected)
