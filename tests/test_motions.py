"""The one motion resolver: every usual spelling of an id gives the canonical id; unknown ids get suggestions."""

import pytest

from analysis import VoteDataError, motion_id, symbol_key


@pytest.mark.parametrize("typed, canonical", [
    ("S/RES/2774 (2025)", "S/RES/2774(2025)"),      # the UN's own spacing
    ("S/RES/2774(2025)", "S/RES/2774(2025)"),
    ("s/res/2774", "S/RES/2774(2025)"),             # lower case, no year
    ("S/RES/2774", "S/RES/2774(2025)"),
    ("S/RES/2774\u00a0(2025) ", "S/RES/2774(2025)"),  # NBSP and a trailing space
    ("ES-11/8", "A/RES/ES-11/8"),                   # short for A/RES/ES-11/8
    (" a/res/es-11/7 ", "A/RES/ES-11/7"),
    ("A/RES/ES-11/7", "A/RES/ES-11/7"),
    ("A/ES-11/L.10", "A/RES/ES-11/7"),              # draft symbols
    ("A/ES-11/L.11", "A/RES/ES-11/8"),
    ("a/es-11/l.10", "A/RES/ES-11/7"),
    ("A/ES-11/L.17", "A/RES/ES-11/10"),             # the draft of a resolution also voted on procedurally
    ("A/ES-11/L.12", "A/ES-11/L.12"),               # an amendment's own symbol
    ("68/262", "A/RES/68/262"),
    ("a/es-11/l.11/eu-amendment-1", "A/ES-11/L.11/EU-amendment-1"),
])
def test_every_usual_spelling_resolves(motions, typed, canonical):
    assert motion_id(typed, motions) == canonical


def test_the_bundled_motions_table_is_the_default():
    assert motion_id("ES-11/9") == "A/RES/ES-11/9"


def test_an_unknown_id_suggests_the_closest_known_ones(motions):
    with pytest.raises(VoteDataError, match=r"unknown motion id \(did you mean A/RES/ES-11/7\b.*\?\): 'A/RES/ES-11/77'"):
        motion_id("A/RES/ES-11/77", motions)
    with pytest.raises(VoteDataError, match=r"did you mean A/ES-11/L.10 \(draft of A/RES/ES-11/7\)"):
        motion_id("A/ES-11/L10", motions)  # the dot left out
    with pytest.raises(VoteDataError, match=r"no close match among the \d+ known ids"):
        motion_id("hello", motions)


def test_errors_are_one_line(motions):
    with pytest.raises(VoteDataError) as info:
        motion_id("S/RES/9999", motions)
    assert "\n" not in str(info.value)


def test_a_list_of_ids_works_too_and_ambiguity_is_refused():
    assert motion_id("s/res/2774", ["S/RES/2774(2025)", "A/RES/ES-11/7"]) == "S/RES/2774(2025)"
    with pytest.raises(VoteDataError, match=r"ambiguous motion id \(could be S/RES/1\(2024\) or S/RES/1\(2025\)\)"):
        motion_id("S/RES/1", ["S/RES/1(2024)", "S/RES/1(2025)"])


@pytest.mark.parametrize("text, key", [
    ("S/RES/2774 (2025)", "s/res/2774(2025)"),
    ("  S/RES/2774\u00a0\u00a0(2025)\t", "s/res/2774(2025)"),
    ("A/RES/ES-11/7", "a/res/es-11/7"),
    ("A/ES-11/L.16/Rev. 1", "a/es-11/l.16/rev. 1"),
    ("Cafe\u0301", "caf\u00e9"),  # NFC
])
def test_symbol_key(text, key):
    assert symbol_key(text) == key


@pytest.mark.parametrize("typed, problem", [
    ("", "empty motion id"), ("   ", "empty motion id"), ("\u00a0", "empty motion id"),
    ("A/R\u0415S/ES-11/7", r"not ASCII \(U\+0415 CYRILLIC CAPITAL LETTER IE\)"),
    ("ES-11/\uff17", r"not ASCII \(U\+FF17 FULLWIDTH DIGIT SEVEN\)"),
    ("ES\u201111/7", r"not ASCII \(U\+2011 NON-BREAKING HYPHEN\)"),
    ("ES-11/7\u0301", r"combining character \(U\+0301 COMBINING ACUTE ACCENT\)"),
    ("ES-11\x1f/7", r"control, invisible or combining character \(U\+001F\)"),
])
def test_an_empty_or_look_alike_id_is_refused(motions, typed, problem):
    with pytest.raises(VoteDataError, match=problem):
        motion_id(typed, motions)


def test_leading_zeros_are_the_same_symbol_and_case_folding_merges_no_two_ids(motions):
    assert motion_id("A/RES/ES-11/07", motions) == motion_id("es-11/007", motions) == "A/RES/ES-11/7"
    assert motion_id("A/RES/ES-11/010", motions) == "A/RES/ES-11/10"
    assert symbol_key("A/RES/ES-11/10") != symbol_key("A/RES/ES-11/1") and symbol_key("S/RES/0") == "s/res/0"
    assert symbol_key("STRASSE") != symbol_key("STRAßE") and symbol_key("A/RЕS") != symbol_key("A/RES")


def test_every_general_assembly_resolution_and_tally_only_vote_has_its_kind(tables):
    """vote_topics.csv covers every title a trend chart can plot, each kind read from words of the title."""
    from analysis import topic_of
    from analysis.data.schema import TOPICS

    topics, motions = tables.vote_topics, tables.motions
    resolutions = motions[motions["body"].eq("GA") & motions["kind"].eq("resolution")]
    kinds = topic_of(resolutions.set_index("motion")["title_or_change"], topics)
    assert kinds.notna().all() and topic_of(tables.related_tallies["title"], topics).notna().all()
    assert set(topics["topic"]) == set(TOPICS) and topics["title"].is_unique
    for title, basis in zip(topics["title"], topics["basis"]):  # the quoted words are the title's own
        assert basis.startswith('classified from the title: "'), basis
        words = basis.split('"')[1]
        assert all(part.strip() in title for part in words.split("...")), (title, words)
    # checked against the titles of motions.csv: ES-11/1 "Aggression against Ukraine", ES-11/3 "Suspension of the
    # rights of membership of the Russian Federation in the Human Rights Council", ES-11/4 "Territorial integrity of
    # Ukraine: defending ...", ES-11/5 "Furtherance of remedy and reparation ...", ES-11/9 "Return of Ukrainian children"
    assert kinds[["A/RES/ES-11/1", "A/RES/ES-11/3", "A/RES/ES-11/4", "A/RES/ES-11/5", "A/RES/ES-11/9"]].tolist() == [
        "aggression", "Human Rights Council membership", "territorial integrity", "reparations", "children"]
    assert kinds[["A/RES/68/262", "A/RES/ES-11/6", "A/RES/ES-11/7", "A/RES/ES-11/8", "A/RES/ES-11/10"]].tolist() == [
        "territorial integrity", "peace", "peace", "peace", "peace"]
    crimea = resolutions.loc[resolutions["title_or_change"].str.contains("Crimea"), "motion"]
    assert len(crimea) == 10 and set(kinds[crimea]) == {"Crimea series"}
    assert set(resolutions.loc[resolutions["date"].dt.year.between(2016, 2021), "motion"]) == set(crimea)


def test_a_title_without_a_kind_is_refused_not_guessed(tables):
    import pandas as pd

    from analysis import topic_of

    with pytest.raises(VoteDataError, match="no kind of vote for this title: add its row to vote_topics.csv"):
        topic_of(pd.Series(["Aggression against Ukraine", "A resolution of 2027"]), tables.vote_topics)


def test_the_folder_check_refuses_a_resolution_without_a_kind_before_any_notebook(data_copy):
    """A resolution that update-data brings in with a new title has no row in vote_topics.csv: the report's check
    of the folder (Tables.check, before any notebook runs) names the file and the title."""
    from analysis import load_tables

    path = data_copy / "motions.csv"
    # the title of one of the four militarization resolutions: its row stays used by the other three (a row no
    # resolution uses is refused by load_vote_topics itself, see tests/test_broken_data_dir.py)
    old = b',"Problem of the militarization of the Autonomous Republic of Crimea and the city of Sevastopol, Ukraine, ' \
          b'as well as parts of the Black Sea and the Sea of Azov",'
    path.write_bytes(path.read_bytes().replace(old, b",A brand new title,", 1))
    with pytest.raises(VoteDataError, match=r"vote_topics\.csv: no kind of vote for this title.*'A brand new title'"):
        load_tables(data_copy).check()
