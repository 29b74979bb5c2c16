"""Agreement and cohesion on a small example computed by hand (see the comments), then on the real record.

The invented motions m1..m4 belong to no body, so the hand-computed examples pass ``body=None``.
"""

import math

import pandas as pd
import pytest

from analysis import VoteDataError, agreement, agreement_counts, cohesion, load_motions, majority_votes, periods

# P = USA, Q = RUS, R = FRA (codes only; the votes are invented for the arithmetic)
#        m1  m2  m3  m4
#   P    Y   Y   N   A
#   Q    Y   N   N   Y
#   R    N   A   X   Y
TABLE = {"m1": ("Y", "Y", "N"), "m2": ("Y", "N", "A"), "m3": ("N", "N", "X"), "m4": ("A", "Y", "Y")}
VOTES = pd.DataFrame([(m, iso3, v) for m, vs in TABLE.items() for iso3, v in zip(("USA", "RUS", "FRA"), vs)],
                     columns=["motion", "iso3", "vote"])


def test_coincidence_counts_only_yes_and_no():
    a = agreement(VOTES, "coincidence", body=None)
    assert a.loc["USA", "RUS"] == pytest.approx(2 / 3)  # m1 same, m2 opposite, m3 same; m4 has an abstention
    assert a.loc["USA", "FRA"] == 0  # only m1 (Y vs N) counts
    assert a.loc["RUS", "FRA"] == pytest.approx(1 / 2)  # m1 opposite, m4 same
    assert a.loc["USA", "USA"] == 1
    assert (a.to_numpy() == a.T.to_numpy()).all()
    assert list(a.index) == ["FRA", "RUS", "USA"]


def test_lijphart_gives_half_a_point_for_an_abstention():
    a = agreement(VOTES, "lijphart", body=None)
    assert a.loc["USA", "RUS"] == pytest.approx((1 + 0 + 1 + 0.5) / 4)
    assert a.loc["USA", "FRA"] == pytest.approx((0 + 0.5 + 0.5) / 3)  # m3 dropped: FRA absent
    assert a.loc["RUS", "FRA"] == pytest.approx((0 + 0.5 + 1) / 3)


def test_kappa_corrects_for_chance():
    a = agreement(VOTES, "kappa", body=None)
    # USA-RUS: observed 2/4; expected .5*.5 (Y) + .25*.5 (N) + .25*0 (A) = .375; (0.5-.375)/(1-.375) = 0.2
    assert a.loc["USA", "RUS"] == pytest.approx(0.2)
    # USA-FRA over m1, m2, m4: observed 0; expected 2/3*1/3 + 1/3*1/3 = 1/3; (0 - 1/3)/(2/3) = -0.5
    assert a.loc["USA", "FRA"] == pytest.approx(-0.5)


def test_kappa_is_undefined_without_variation():
    votes = pd.DataFrame({"motion": ["a", "b", "a", "b"], "iso3": ["USA", "USA", "FRA", "FRA"],
                          "vote": ["Y", "Y", "Y", "Y"]})
    assert math.isnan(agreement(votes, "kappa", body=None).loc["USA", "FRA"])


def test_pair_without_shared_votes_is_nan():
    votes = pd.DataFrame({"motion": ["a", "a"], "iso3": ["USA", "FRA"], "vote": ["Y", "X"]})
    assert math.isnan(agreement(votes, "coincidence", body=None).loc["USA", "FRA"])
    assert math.isnan(agreement(votes, "lijphart", body=None).loc["USA", "FRA"])


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="method must be one of coincidence, lijphart, kappa"):
        agreement(VOTES, "cosine")
    with pytest.raises(ValueError, match="method must be one of rice, agreement_index"):
        cohesion(VOTES, pd.DataFrame({"iso3": ["USA"], "bloc": ["G"]}), "mean")


GROUPS = pd.DataFrame({"iso3": ["USA", "RUS", "FRA", "USA"], "bloc": ["G1", "G1", "G1", "G2"]})


def test_rice_index():
    rice = cohesion(VOTES, GROUPS, "rice", body=None)
    assert rice["G1"].tolist() == pytest.approx([1 / 3, 0, 1, 1])  # m1 2Y 1N; m2 1-1; m3 2N; m4 2Y (A left out)
    assert rice.loc["m1", "G2"] == 1 and math.isnan(rice.loc["m4", "G2"])  # m4: USA only abstained


def test_agreement_index():
    ai = cohesion(VOTES, GROUPS, "agreement_index", body=None)
    # m1: (2 - 1/2)/3; m2: (1 - 2/2)/3; m3: (2 - 0)/2 (FRA absent); m4: (2 - 1/2)/3
    assert ai["G1"].tolist() == pytest.approx([0.5, 0, 1, 0.5])
    assert ai.loc["m4", "G2"] == 1


def test_real_record_eu_and_united_states(votes, members, motions):
    from analysis import load_blocs, load_blocs_2025

    ga = votes  # General Assembly votes by default
    rice = cohesion(ga, load_blocs(), "rice", motions=motions)  # the EU of each vote's day
    assert rice.loc["A/RES/ES-11/6", "EU27"] == 1.0
    assert rice.loc["A/RES/ES-11/7", "EU27"] == pytest.approx(25 / 27)  # Hungary voted no, the 26 others yes
    assert rice.attrs["membership"] == "on each vote's date (bloc_membership.csv)"
    snapshot = cohesion(ga, load_blocs_2025(), "rice")  # the 24 February 2025 members on every vote
    assert snapshot.loc["A/RES/ES-11/7", "EU27"] == pytest.approx(25 / 27)
    assert snapshot.attrs["membership"] == "as given: the same members on every vote (no joined/left dates)"
    before = agreement(ga, "coincidence", [f"A/RES/ES-11/{i}" for i in range(1, 7)])
    in_2025 = agreement(ga, "coincidence", ["A/RES/ES-11/7"])
    assert before.loc["USA", "UKR"] == 1 and in_2025.loc["USA", "UKR"] == 0
    assert in_2025.loc["USA", "RUS"] == 1


def test_majority_votes_follow_the_plurality_and_mark_ties():
    from analysis.measures.indices import majority_votes

    out = majority_votes(VOTES, {"USA", "RUS", "FRA"}, "G")
    assert out.values.tolist() == [["m1", "G", "Y"], ["m2", "G", "X"], ["m3", "G", "N"], ["m4", "G", "Y"]]


def test_eu_majority_on_the_real_record(votes):
    from analysis import load_blocs, load_blocs_2025
    from analysis.measures.indices import majority_votes

    eu = set(load_blocs_2025().query("bloc == 'EU27'")["iso3"])
    out = majority_votes(votes[votes["motion"].str.startswith("A/")], eu, "EU27").set_index("motion")["vote"]
    assert out["A/RES/ES-11/7"] == "Y" and out["A/RES/ES-11/8"] == "Y" and len(out) == 20
    dated = majority_votes(votes[votes["motion"].str.startswith("A/")], load_blocs().query("bloc == 'EU27'"), "EU27",
                           motions=load_motions()).set_index("motion")["vote"]
    assert dated.equals(out)  # the United Kingdom's votes of 2014-2019 did not change an EU majority


def test_counts_give_the_votes_behind_each_score():
    counts = agreement_counts(VOTES, "coincidence", body=None)
    assert counts.loc["USA", "RUS"] == 3 and counts.loc["USA", "FRA"] == 1 and counts.loc["RUS", "FRA"] == 2
    lijphart = agreement_counts(VOTES, "lijphart", body=None)
    assert lijphart.loc["USA", "RUS"] == 4 and lijphart.loc["USA", "FRA"] == 3
    assert agreement_counts(VOTES, "kappa", body=None).equals(lijphart)
    assert counts.dtypes.map(str).eq("int64").all()


def test_min_votes_blanks_pairs_compared_on_too_few_votes():
    a = agreement(VOTES, "coincidence", body=None, min_votes=2)
    assert math.isnan(a.loc["USA", "FRA"])  # one vote only
    assert a.loc["RUS", "FRA"] == pytest.approx(1 / 2) and a.loc["USA", "RUS"] == pytest.approx(2 / 3)


def test_invented_motions_need_a_body_or_body_none():
    with pytest.raises(VoteDataError, match="cannot tell which body voted on this motion.*'m1'"):
        agreement(VOTES)
    with_body = VOTES.assign(body="GA")
    assert agreement(with_body).equals(agreement(VOTES, body=None))
    motions = pd.DataFrame({"motion": list(TABLE), "body": ["GA", "GA", "SC", "SC"]})
    assert agreement_counts(VOTES, "lijphart", motions=motions).loc["USA", "RUS"] == 2  # m1, m2 only


# ---- the real record


def test_general_assembly_by_default_us_uk_lijphart_is_0925(votes):
    """The trap: the Council votes used to weigh in for their 15 members (US-UK 0.917 instead of 0.925)."""
    assert agreement(votes, "lijphart").loc["USA", "GBR"] == pytest.approx(0.925)  # 18.5 of 20
    assert agreement_counts(votes, "lijphart").loc["USA", "GBR"] == 20  # the 20 GA roll calls
    mixed = agreement(votes, "lijphart", body=None).loc["USA", "GBR"]
    assert mixed == pytest.approx(22 / 24) and agreement_counts(votes, "lijphart", body=None).loc["USA", "GBR"] == 24
    council = agreement(votes, "lijphart", body="SC")
    # two Councils (2022, 2025): 25 members; Y against A on S/RES/2774(2025), Y and Y on the three votes of 2022
    assert council.shape == (25, 25) and council.loc["USA", "GBR"] == pytest.approx(3.5 / 4)
    assert math.isnan(council.loc["ALB", "DNK"])  # Albania (2022) and Denmark (2025) never sat together


def test_a_council_id_with_the_default_body_is_refused(votes):
    with pytest.raises(VoteDataError, match="voted in the SC, not the GA: pass body='SC'"):
        agreement(votes, ids=["S/RES/2774(2025)"])


def test_samoa_drop_rests_on_one_vote(votes, motions):
    """The trap: Samoa 1.00 -> 0.00 with the United States, shown as if it were an alignment."""
    split = periods(motions)
    assert split["from 2025"] == ["A/RES/ES-11/7", "A/RES/ES-11/8", "A/RES/ES-11/9"]
    assert split["before 2025"][0] == "A/RES/68/262" and len(split["before 2025"]) == 17
    after = agreement(votes, "coincidence", split["from 2025"])
    counts = agreement_counts(votes, "coincidence", split["from 2025"])
    assert after.loc["USA", "WSM"] == 0 and counts.loc["USA", "WSM"] == 1  # ES-11/7 only: Samoa X on /8 and /9
    assert agreement_counts(votes, "coincidence", split["before 2025"]).loc["USA", "WSM"] == 13  # absent on 4
    assert math.isnan(agreement(votes, "coincidence", split["from 2025"], min_votes=2).loc["USA", "WSM"])
    top = (agreement(votes, "coincidence", split["before 2025"]).loc["USA"]
           - agreement(votes, "coincidence", split["from 2025"], min_votes=2).loc["USA"]).dropna()
    assert "WSM" not in top.index and (counts.loc["USA", top.index] >= 2).all()


def test_ids_accept_any_spelling(votes):
    assert agreement(votes, "lijphart", ["ES-11/7", "a/res/es-11/8 "]).equals(
        agreement(votes, "lijphart", ["A/RES/ES-11/7", "A/RES/ES-11/8"]))


def test_motions_is_only_ever_the_motions_table(votes):
    """The 0.1 shim read a list given as motions= as the ids; motions is the motions table, ids the list."""
    with pytest.raises(TypeError, match="motions is the motions table .*not a list; give a list of motion ids as ids="):
        agreement(votes, "lijphart", motions=["A/RES/ES-11/7"])


def test_cohesion_takes_the_body(votes):
    from analysis import load_blocs_2025

    assert list(cohesion(votes, load_blocs_2025()).index) == [m for m in pd.unique(votes["motion"]) if m.startswith("A/")]
    council = cohesion(votes, load_blocs_2025(), "agreement_index", body="SC")  # DNK, FRA, GRC, SVN all abstained
    assert list(council.index) == ["S/RES/2774(2025)", "S/2022/155", "S/RES/2623(2022)", "S/2022/720"]
    assert council.loc["S/RES/2774(2025)", "EU27"] == 1.0


def test_majority_votes_keep_date_and_body_columns():
    votes = VOTES.assign(body="GA", date=pd.Timestamp("2025-02-24"))
    out = majority_votes(votes, {"USA", "RUS", "FRA"}, "G")
    assert list(out.columns) == ["motion", "iso3", "vote", "date", "body"] and set(out["body"]) == {"GA"}


def test_agreement_by_year_counts_each_years_votes():
    from analysis import load_votes
    from analysis.measures.indices import agreement_by_year

    out = agreement_by_year(load_votes(with_motions=True), [("USA", "RUS"), ("UKR", "RUS")])
    usa = out[out["a"].eq("USA")].set_index("year")
    assert usa["n_votes"].to_dict()[2022] == 5 and usa.at[2025, "score"] == 0.5 and usa.at[2014, "score"] == 0.0
    assert list(out.columns) == ["year", "a", "b", "score", "n_votes"]
    with pytest.raises(ValueError, match="needs a date column"):
        agreement_by_year(load_votes(), [("USA", "RUS")])


# ---- each vote read with the membership of its own day


def _changed(votes, motion, iso3, vote):
    out = votes.copy()
    out.loc[out["motion"].eq(motion) & out["iso3"].eq(iso3), "vote"] = vote
    return out


def test_nato_without_finland_in_2022(votes, motions):
    """Finland joined NATO on 4 April 2023: its vote counts for NATO in 2025, not in 2022."""
    from analysis import load_blocs, load_blocs_2025

    blocs = load_blocs()
    moved = _changed(_changed(votes, "A/RES/ES-11/1", "FIN", "N"), "A/RES/ES-11/7", "FIN", "N")
    dated = cohesion(moved, blocs, "rice", motions=motions)
    assert dated.loc["A/RES/ES-11/1", "NATO"] == 1.0  # 2 March 2022: the 30 without Finland all voted yes
    assert dated.loc["A/RES/ES-11/7", "NATO"] < cohesion(votes, blocs, "rice", motions=motions).loc["A/RES/ES-11/7",
                                                                                                     "NATO"]
    snapshot = cohesion(moved, load_blocs_2025(), "rice")
    assert snapshot.loc["A/RES/ES-11/1", "NATO"] == pytest.approx(30 / 32)  # 31 yes, Finland no, over 32


def test_the_eu_with_the_united_kingdom_in_2019(votes, motions):
    """The United Kingdom was a member of the EU until 31 January 2020: its vote counts for it in 2019."""
    from analysis import load_blocs

    moved = _changed(_changed(votes, "A/RES/74/168", "GBR", "N"), "A/RES/ES-11/1", "GBR", "N")
    rice = cohesion(moved, load_blocs(), "rice", motions=motions)
    assert rice.loc["A/RES/74/168", "EU27"] == pytest.approx(26 / 28)  # 18 December 2019: 27 yes, the UK no
    assert rice.loc["A/RES/ES-11/1", "EU27"] == 1.0  # 2 March 2022: the 27 without the UK
    assert cohesion(votes, load_blocs(), "rice", motions=motions).loc["A/RES/74/168", "EU27"] == 1.0


def test_brics_of_five_before_2024(votes, motions):
    """Before 1 January 2024 BRICS had five members: on ES-11/1 Brazil yes, Russia no, China, India and
    South Africa abstaining -> agreement index (3 - 2/2) / 5 = 0.4; read with the ten of 2025: 0.17."""
    from analysis import load_blocs, load_blocs_2025

    dated = cohesion(votes, load_blocs(), "agreement_index", motions=motions)
    assert dated.loc["A/RES/ES-11/1", "BRICS"] == pytest.approx(0.4)
    # the ten of 2025: 4 yes (Brazil, Egypt, Indonesia, the United Arab Emirates), 4 abstaining, Russia no, Ethiopia
    # not voting -> (4 - 5/2) / 9
    snapshot = cohesion(votes, load_blocs_2025(), "agreement_index")
    assert snapshot.loc["A/RES/ES-11/1", "BRICS"] == pytest.approx(1.5 / 9)
    assert dated.loc["A/RES/ES-11/7", "BRICS"] == snapshot.loc["A/RES/ES-11/7", "BRICS"]  # 2025: the same ten


def test_dated_groups_need_the_dates_of_the_votes(votes, motions):
    from analysis import load_blocs

    with pytest.raises(ValueError, match="give motions= .* so that each vote is read with the membership of its own"):
        cohesion(votes, load_blocs())
    with_dates = load_votes_with_dates()
    assert cohesion(with_dates, load_blocs()).equals(cohesion(votes, load_blocs(), motions=motions))


def load_votes_with_dates():
    from analysis import load_votes

    return load_votes(with_motions=True)
