"""Comparisons on the real record: transitions, changed votes, overlaps, groups; one signature style."""

import pandas as pd
import pytest

from analysis import (
    VoteDataError,
    always,
    by_group,
    changed_votes,
    coalition_overlap,
    group_rates,
    shares,
    tally,
    transitions,
    vote_matrix,
    votes_on,
)

A, B, SC = "A/RES/ES-11/7", "A/RES/ES-11/8", "S/RES/2774(2025)"


def test_transition_table_es11_7_to_es11_8(votes):
    table = transitions(votes, A, B)
    assert list(table.index) == list(table.columns) == ["Y", "N", "A", "X"]
    assert table.to_numpy().tolist() == [[78, 0, 11, 4], [1, 8, 9, 0], [12, 0, 51, 2], [2, 0, 2, 13]]
    assert table.to_numpy().sum() == 193
    assert table.sum(axis=1).tolist() == [93, 18, 65, 17]
    assert table.sum(axis=0).tolist() == [93, 8, 73, 19]


def test_transition_table_always_has_all_four_codes():
    votes = pd.DataFrame({"motion": ["a", "a", "b", "b"], "iso3": ["USA", "RUS", "USA", "RUS"],
                          "vote": ["Y", "Y", "Y", "N"]})
    table = transitions(votes, "a", "b")
    assert table.to_numpy().tolist() == [[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]


def test_changed_votes_include_the_named_switches(votes, members):
    changed = changed_votes(votes, A, B, members).set_index("iso3")
    assert len(changed) == 193 - (78 + 8 + 51 + 13)
    assert changed.loc["USA", "change"] == "N->A"
    assert changed.loc["UKR", "change"] == "Y->A"
    assert changed.loc["HUN", "change"] == "N->A"
    assert changed.loc["ISR", "change"] == "N->A"
    assert changed.loc["MHL", "change"] == "N->Y"
    assert changed.loc["UKR", "regional_group"] == "Eastern European"
    order = changed["change"].tolist()
    assert order.index("Y->A") < order.index("N->Y") < order.index("N->A") < order.index("A->Y")


def test_tally_and_shares(votes):
    counts = tally(votes, [A, B])
    assert counts.loc[A, ["Y", "N", "A", "X", "present", "voting"]].tolist() == [93, 18, 65, 17, 176, 111]
    share = shares(votes, [A])
    assert share.loc[A, "Y_of_present"] == round(100 * 93 / 176, 1) == 52.8
    assert share.loc[A, "Y_of_all"] == 48.2


def test_the_majority_base_is_yes_plus_no_under_rule_86(votes):
    """Page 01 called yes + no + abstain the base of the Assembly's majorities; under rule 86 it is yes + no:
    111 members present and voting on ES-11/7, not 176."""
    from analysis.data.bodies import majority_base

    counts = tally(votes, [A])
    assert majority_base(counts.loc[A, "Y"], counts.loc[A, "N"]) == counts.loc[A, "voting"] == 111
    assert shares(votes, [A]).loc[A, ["Y_of_voting", "N_of_voting"]].tolist() == [83.8, 16.2]


def test_yes_coalitions_overlap(votes, members):
    overlap = coalition_overlap(votes, A, B, members)
    assert overlap.loc["All members"].tolist() == [78, 15, 15, 85]
    assert overlap.drop("All members").sum().tolist() == [78, 15, 15, 85]


def test_group_distribution(votes, members):
    table = by_group(votes, A, members)
    assert table.sum().tolist() == [93, 18, 65, 17]
    assert table.loc["Western European and Others", "N"] == 2  # the United States and Israel
    weog_no = votes[(votes["motion"] == A) & (votes["vote"] == "N")].merge(
        members[members["regional_group"] == "Western European and Others"], on="iso3")
    assert sorted(weog_no["iso3"]) == ["ISR", "USA"]


def test_voting_profiles_over_es11_1_to_6_match_the_independent_tabulation(votes):
    """The data README cites an independent tabulation of 46 joint profiles over ES-11/1..6."""
    profiles = vote_matrix(votes, [f"A/RES/ES-11/{i}" for i in range(1, 7)]).apply("".join, axis=1)
    counts = profiles.value_counts()
    assert len(counts) == 46
    assert counts["YYYYYY"] == 76 and counts["NNNNNN"] == 4 and counts["AAAAAA"] == 9


def test_always_and_group_rates(votes, members):
    persistent = always(votes, "A", ["A/RES/ES-11/1", "A/RES/ES-11/4", "A/RES/ES-11/6", A], members)
    assert len(persistent) == 18 and {"CHN", "IND", "ZAF"} <= set(persistent["iso3"])
    rates = group_rates(votes, A, members)
    assert rates.loc["All members"].tolist() == [193, 48.2, 9.3, 33.7, 8.8]


# ---- nothing dropped


def test_vote_matrix_with_the_council_vote_keeps_all_193(votes, members):
    """The trap: the matrix kept only the 15 Council members and the next lookup failed with KeyError 'BRA'."""
    table = vote_matrix(votes, [SC, B], members)
    assert len(table) == 193 and table.index.is_monotonic_increasing
    assert table[SC].isna().sum() == 178 and table[SC].notna().sum() == 15
    assert pd.isna(table.loc["BRA", SC]) and table.loc["BRA", B] == "A"
    assert table.loc["USA", SC] == "Y" and table.attrs["missing"] == {SC: "not a Council member"}
    alone = vote_matrix(votes, [SC], members)
    assert len(alone) == 193 and alone[SC].value_counts().to_dict() == {"Y": 10, "A": 5}


def test_general_assembly_matrix_has_no_missing_value(votes):
    table = vote_matrix(votes, [A, B])
    assert len(table) == 193 and table.notna().all().all() and table.attrs["missing"] == {}


def test_votes_on_is_the_roll_call_itself(votes):
    assert len(votes_on(votes, SC)) == 15 and votes_on(votes, SC)["USA"] == "Y"


def test_comparisons_over_two_bodies_count_members_on_both(votes):
    table = transitions(votes, SC, B)
    assert table.to_numpy().sum() == 15


# ---- ids in any spelling, one signature style, no hidden load


@pytest.mark.parametrize("spelling", ["S/RES/2774 (2025)", "s/res/2774", " S/RES/2774(2025) ", "S/RES/2774\u00a0(2025)"])
def test_measures_accept_any_spelling_of_an_id(votes, members, spelling):
    assert votes_on(votes, spelling).name == SC
    assert list(vote_matrix(votes, [spelling, "ES-11/8"], members).columns) == [SC, B]


def test_a_council_vote_in_vote_matrix_needs_the_members_table(votes):
    """Every member gets a row beside a Council vote, from the members table the caller gives: none is loaded."""
    with pytest.raises(TypeError, match="a Council vote is among ids: pass members="):
        vote_matrix(votes, [SC, B])


def test_an_id_without_a_record_suggests_recorded_ids(votes):
    with pytest.raises(VoteDataError, match=r"no country-level record for this motion \(did you mean A/RES/ES-11/7"):
        votes_on(votes, "A/RES/ES-11/77")


def test_votes_are_required():
    with pytest.raises(TypeError, match="votes is required"):
        vote_matrix(["A/RES/ES-11/7"])
    with pytest.raises(TypeError, match="votes is required"):
        transitions(A, B)


def test_the_pre_0_2_call_order_is_refused_with_the_reason(votes, members):
    """One calling convention: the votes table first (the 0.1 shim that also took motion ids first is gone)."""
    with pytest.raises(TypeError, match="transitions\\(\\): votes is required.*got a str where the votes table goes"):
        transitions(A, B, votes)
    with pytest.raises(TypeError, match="changed_votes\\(\\): votes is required"):
        changed_votes(A, B, votes, members)


def test_no_measure_reloads_the_data(votes, members, monkeypatch):
    """vote_matrix on 9 motions used to run load_votes 9 times; now nothing is loaded behind the caller's back."""
    import analysis.data.members
    import analysis.data.motions
    import analysis.data.votes

    def refuse(*args, **kwargs):
        raise AssertionError("a measure loaded the data itself")

    monkeypatch.setattr(analysis.data.votes, "load_votes", refuse)
    monkeypatch.setattr(analysis.data.motions, "load_motions", refuse)
    monkeypatch.setattr(analysis.data.members, "load_members", refuse)
    nine = [f"A/RES/ES-11/{i}" for i in range(1, 10)]
    assert vote_matrix(votes, nine).shape == (193, 9)
    tally(votes, nine), transitions(votes, A, B), changed_votes(votes, A, B, members), always(votes, "Y", nine, members)
    vote_matrix(votes, [SC, A], members), by_group(votes, A, members), coalition_overlap(votes, A, B, members)


def test_a_member_twice_in_one_motion_is_refused_by_the_measures():
    from analysis import VoteDataError, agreement

    twice = pd.DataFrame({"motion": ["a", "a", "b"], "iso3": ["FRA", "FRA", "FRA"], "vote": ["Y", "N", "Y"]})
    for measure in (lambda: transitions(twice, "a", "b"), lambda: agreement(twice)):
        with pytest.raises(VoteDataError, match="a member appears twice in the same motion; validate the table"):
            measure()
