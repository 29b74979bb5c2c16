"""Comparisons on the real record: transitions, changed votes, overlaps, groups."""

import pandas as pd

from analysis import by_group, changed_votes, coalition_overlap, shares, tally, transitions

A, B = "A/RES/ES-11/7", "A/RES/ES-11/8"


def test_transition_table_es11_7_to_es11_8(votes):
    table = transitions(A, B, votes)
    assert list(table.index) == list(table.columns) == ["Y", "N", "A", "X"]
    assert table.to_numpy().tolist() == [[78, 0, 11, 4], [1, 8, 9, 0], [12, 0, 51, 2], [2, 0, 2, 13]]
    assert table.to_numpy().sum() == 193
    assert table.sum(axis=1).tolist() == [93, 18, 65, 17]
    assert table.sum(axis=0).tolist() == [93, 8, 73, 19]


def test_transition_table_always_has_all_four_codes():
    votes = pd.DataFrame({"motion": ["a", "a", "b", "b"], "iso3": ["USA", "RUS", "USA", "RUS"],
                          "vote": ["Y", "Y", "Y", "N"]})
    table = transitions("a", "b", votes)
    assert table.to_numpy().tolist() == [[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]


def test_changed_votes_include_the_named_switches(votes):
    changed = changed_votes(A, B, votes).set_index("iso3")
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


def test_yes_coalitions_overlap(votes):
    overlap = coalition_overlap(A, B, votes=votes)
    assert overlap.loc["All members"].tolist() == [78, 15, 15, 85]
    assert overlap.drop("All members").sum().tolist() == [78, 15, 15, 85]


def test_group_distribution(votes, members):
    table = by_group(A, votes)
    assert table.sum().tolist() == [93, 18, 65, 17]
    assert table.loc["Western European and Others", "N"] == 2  # the United States and Israel
    weog_no = votes[(votes["motion"] == A) & (votes["vote"] == "N")].merge(
        members[members["regional_group"] == "Western European and Others"], on="iso3")
    assert sorted(weog_no["iso3"]) == ["ISR", "USA"]


def test_voting_profiles_over_es11_1_to_6_match_the_independent_tabulation(votes):
    """The data README cites an independent tabulation of 46 joint profiles over ES-11/1..6."""
    from analysis import vote_matrix

    profiles = vote_matrix([f"A/RES/ES-11/{i}" for i in range(1, 7)], votes).apply("".join, axis=1)
    counts = profiles.value_counts()
    assert len(counts) == 46
    assert counts["YYYYYY"] == 76 and counts["NNNNNN"] == 4 and counts["AAAAAA"] == 9


def test_always_and_group_rates(votes):
    from analysis import always, group_rates

    persistent = always("A", ["A/RES/ES-11/1", "A/RES/ES-11/4", "A/RES/ES-11/6", "A/RES/ES-11/7"], votes)
    assert len(persistent) == 18 and {"CHN", "IND", "ZAF"} <= set(persistent["iso3"])
    rates = group_rates(A, votes)
    assert rates.loc["All members"].tolist() == [193, 48.2, 9.3, 33.7, 8.8]
