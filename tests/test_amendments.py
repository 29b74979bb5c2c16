"""Tally bounds, and the exact path as soon as a country-level amendment record exists."""

import pandas as pd
import pytest

from analysis import VoteDataError, compare_with_final, load_motions, load_votes, tally_bounds
from analysis.data.schema import DATA_DIR

EU1, FINAL = "A/ES-11/L.11/EU-amendment-1", "A/RES/ES-11/8"


def test_tally_bounds_on_the_first_european_amendment(motions):
    bounds = tally_bounds(motions, EU1, FINAL)
    # amendment 60-18-81 (34 not counted), final 93-8-73 (19 not counted)
    assert bounds.loc["Y"].tolist() == [60, 93, 0, 33, 0]
    assert bounds.loc["N"].tolist() == [18, 8, 0, 0, 10]
    assert bounds.loc["A"].tolist() == [81, 73, 0, 0, 8]
    assert bounds.loc["X"].tolist() == [34, 19, 0, 0, 15]


def test_tally_bounds_force_an_overlap_when_counts_are_large():
    motions = pd.DataFrame({"motion": ["a", "b"], "body": ["GA", "GA"], "yes": [150, 120], "no": [10, 20],
                            "abstain": [20, 40], "roll_call": [False, False]}).astype(
        {"yes": "Int64", "no": "Int64", "abstain": "Int64"})
    bounds = tally_bounds(motions, "a", "b")
    assert bounds.loc["Y", "min_on_both"] == 150 + 120 - 193 == 77


def test_unknown_tally_gives_missing_bounds(motions):
    bounds = tally_bounds(motions, "S/PV.9866/EU-amendment-sovereignty", "S/RES/2774(2025)")
    assert bounds.loc["Y", "amendment"] == 9
    assert pd.isna(bounds.loc["N", "min_on_both"]) and pd.isna(bounds.loc["X", "amendment"])


def test_without_a_record_the_comparison_works_from_tallies(motions, votes):
    mode, table = compare_with_final(votes, motions, EU1, FINAL)
    assert mode == "tallies"
    assert table.loc["Y", "min_final_not_amendment"] == 33


def test_with_a_synthetic_amendment_record_the_exact_transitions_are_used(write):
    """Country-level amendment records added in the project layout are used as soon as they exist."""
    real_votes = pd.read_csv(DATA_DIR / "votes.csv", dtype=str)
    final = real_votes[real_votes["motion"] == FINAL]
    # a synthetic amendment vote: everybody votes as on the final text, except that yes becomes abstain for
    # the first 33 yes voters (in ISO3 order): 60-8-106 with the same 19 not voting
    synthetic = final.sort_values("iso3").copy()
    synthetic["motion"] = "AMD"
    yes = synthetic.index[synthetic["vote"] == "Y"][:33]
    synthetic.loc[yes, "vote"] = "A"
    votes_path = write("votes.csv", pd.concat([final, synthetic]).to_csv(index=False))
    motions = (DATA_DIR / "motions.csv").read_text().splitlines()
    header = motions[0]
    final_row = next(line for line in motions if line.startswith(FINAL + ","))
    amendment_row = "AMD,GA,2025-02-24,,,amendment,A/ES-11/L.11,synthetic,synthetic,60,8,106,adopted,yes,test"
    motions_path = write("motions.csv", "\n".join([header, final_row, amendment_row]) + "\n")
    votes = load_votes(votes_path, motions_path)
    mode, table = compare_with_final(votes, load_motions(motions_path), "AMD", FINAL)
    assert mode == "record"
    assert table.loc["Y", "Y"] == 60 and table.loc["A", "Y"] == 33 and table.loc["A", "A"] == 73
    assert table.to_numpy().sum() == 193


def test_council_amendment_bounds_are_over_the_15_council_members(motions, votes):
    """The trap: compare_with_final on a Council amendment reported 178 members not voting."""
    mode, bounds = compare_with_final(votes, motions, "S/PV.9866/EU-amendment-invasion", "S/RES/2774(2025)")
    assert mode == "tallies" and bounds.attrs["members"] == 15
    # amendment 6-1-8 and resolution 10-0-5: nobody left out of either tally
    assert bounds.loc["X"].tolist() == [0, 0, 0, 0, 0]
    assert bounds.loc["Y"].tolist() == [6, 10, 1, 4, 0]  # at least 6 + 10 - 15 = 1 voted yes on both
    assert tally_bounds(motions, EU1, FINAL).attrs["members"] == 193


def test_motions_of_two_bodies_are_refused(motions):
    with pytest.raises(VoteDataError, match=r"different bodies \(SC and GA\)"):
        tally_bounds(motions, "S/PV.9866/EU-amendment-invasion", FINAL)


def test_ids_in_any_spelling(motions, votes):
    assert tally_bounds(motions, EU1.lower(), "ES-11/8").equals(tally_bounds(motions, EU1, FINAL))
    mode, bounds = compare_with_final(votes, motions, EU1.lower(), "es-11/8")
    assert mode == "tallies" and bounds.equals(tally_bounds(motions, EU1, FINAL))
