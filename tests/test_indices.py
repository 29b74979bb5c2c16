"""Agreement and cohesion on a small example computed by hand (see the comments), then on the real record."""

import math

import pandas as pd
import pytest

from analysis import agreement, cohesion

# P = USA, Q = RUS, R = FRA (codes only; the votes are invented for the arithmetic)
#        m1  m2  m3  m4
#   P    Y   Y   N   A
#   Q    Y   N   N   Y
#   R    N   A   X   Y
TABLE = {"m1": ("Y", "Y", "N"), "m2": ("Y", "N", "A"), "m3": ("N", "N", "X"), "m4": ("A", "Y", "Y")}
VOTES = pd.DataFrame([(m, iso3, v) for m, vs in TABLE.items() for iso3, v in zip(("USA", "RUS", "FRA"), vs)],
                     columns=["motion", "iso3", "vote"])


def test_coincidence_counts_only_yes_and_no():
    a = agreement(VOTES, "coincidence")
    assert a.loc["USA", "RUS"] == pytest.approx(2 / 3)  # m1 same, m2 opposite, m3 same; m4 has an abstention
    assert a.loc["USA", "FRA"] == 0  # only m1 (Y vs N) counts
    assert a.loc["RUS", "FRA"] == pytest.approx(1 / 2)  # m1 opposite, m4 same
    assert a.loc["USA", "USA"] == 1
    assert (a.to_numpy() == a.T.to_numpy()).all()
    assert list(a.index) == ["FRA", "RUS", "USA"]


def test_lijphart_gives_half_a_point_for_an_abstention():
    a = agreement(VOTES, "lijphart")
    assert a.loc["USA", "RUS"] == pytest.approx((1 + 0 + 1 + 0.5) / 4)
    assert a.loc["USA", "FRA"] == pytest.approx((0 + 0.5 + 0.5) / 3)  # m3 dropped: FRA absent
    assert a.loc["RUS", "FRA"] == pytest.approx((0 + 0.5 + 1) / 3)


def test_kappa_corrects_for_chance():
    a = agreement(VOTES, "kappa")
    # USA-RUS: observed 2/4; expected .5*.5 (Y) + .25*.5 (N) + .25*0 (A) = .375; (0.5-.375)/(1-.375) = 0.2
    assert a.loc["USA", "RUS"] == pytest.approx(0.2)
    # USA-FRA over m1, m2, m4: observed 0; expected 2/3*1/3 + 1/3*1/3 = 1/3; (0 - 1/3)/(2/3) = -0.5
    assert a.loc["USA", "FRA"] == pytest.approx(-0.5)


def test_kappa_is_undefined_without_variation():
    votes = pd.DataFrame({"motion": ["a", "b", "a", "b"], "iso3": ["USA", "USA", "FRA", "FRA"],
                          "vote": ["Y", "Y", "Y", "Y"]})
    assert math.isnan(agreement(votes, "kappa").loc["USA", "FRA"])


def test_pair_without_shared_votes_is_nan():
    votes = pd.DataFrame({"motion": ["a", "a"], "iso3": ["USA", "FRA"], "vote": ["Y", "X"]})
    assert math.isnan(agreement(votes, "coincidence").loc["USA", "FRA"])
    assert math.isnan(agreement(votes, "lijphart").loc["USA", "FRA"])


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="method must be one of coincidence, lijphart, kappa"):
        agreement(VOTES, "cosine")
    with pytest.raises(ValueError, match="method must be one of rice, agreement_index"):
        cohesion(VOTES, pd.DataFrame({"iso3": ["USA"], "bloc": ["G"]}), "mean")


GROUPS = pd.DataFrame({"iso3": ["USA", "RUS", "FRA", "USA"], "bloc": ["G1", "G1", "G1", "G2"]})


def test_rice_index():
    rice = cohesion(VOTES, GROUPS, "rice")
    assert rice["G1"].tolist() == pytest.approx([1 / 3, 0, 1, 1])  # m1 2Y 1N; m2 1-1; m3 2N; m4 2Y (A left out)
    assert rice.loc["m1", "G2"] == 1 and math.isnan(rice.loc["m4", "G2"])  # m4: USA only abstained


def test_agreement_index():
    ai = cohesion(VOTES, GROUPS, "agreement_index")
    # m1: (2 - 1/2)/3; m2: (1 - 2/2)/3; m3: (2 - 0)/2 (FRA absent); m4: (2 - 1/2)/3
    assert ai["G1"].tolist() == pytest.approx([0.5, 0, 1, 0.5])
    assert ai.loc["m4", "G2"] == 1


def test_real_record_eu_and_united_states(votes, members):
    from analysis import load_blocs

    ga = votes[votes["motion"].str.startswith("A/")]
    rice = cohesion(ga, load_blocs(), "rice")
    assert rice.loc["A/RES/ES-11/6", "EU27"] == 1.0
    assert rice.loc["A/RES/ES-11/7", "EU27"] == pytest.approx(25 / 27)  # Hungary voted no, the 26 others yes
    before = agreement(ga, "coincidence", [f"A/RES/ES-11/{i}" for i in range(1, 7)])
    in_2025 = agreement(ga, "coincidence", ["A/RES/ES-11/7"])
    assert before.loc["USA", "UKR"] == 1 and in_2025.loc["USA", "UKR"] == 0
    assert in_2025.loc["USA", "RUS"] == 1


def test_majority_votes_follow_the_plurality_and_mark_ties():
    from analysis.indices import majority_votes

    out = majority_votes(VOTES, {"USA", "RUS", "FRA"}, "G")
    assert out.values.tolist() == [["m1", "G", "Y"], ["m2", "G", "X"], ["m3", "G", "N"], ["m4", "G", "Y"]]


def test_eu_majority_on_the_real_record(votes):
    from analysis import load_blocs
    from analysis.indices import majority_votes

    eu = set(load_blocs().query("bloc == 'EU27'")["iso3"])
    out = majority_votes(votes[votes["motion"].str.startswith("A/")], eu, "EU27").set_index("motion")["vote"]
    assert out["A/RES/ES-11/7"] == "Y" and out["A/RES/ES-11/8"] == "Y" and len(out) == 10
