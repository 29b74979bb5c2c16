"""The declared tables and the one reading engine (schema), and the roll-call rules, through the loaders.

Each bad input raises VoteDataError naming file, line (or motion) and value.
"""

import pandas as pd
import pytest

from analysis import VoteDataError, load_motions, load_votes, read_votes
from analysis.data.schema import DATA_DIR

HEADER = ("motion,body,date,meeting,draft,kind,amends,proposer,title_or_change,yes,no,abstain,outcome,roll_call,"
          "tally_quality\n")
MEMBERS = pd.read_csv(DATA_DIR / "members.csv", dtype=str)["iso3"].tolist()


def motions_file(write, yes=2, no=1, abstain=0, body="GA", roll_call="yes"):
    return write("motions.csv", HEADER + f"M1,{body},2025-02-24,,,resolution,,,t,{yes},{no},{abstain},adopted,"
                                         f"{roll_call},official\n")


def votes_file(write, codes, members=MEMBERS, motion="M1"):
    rows = [f"{motion},{m},{c}" for m, c in zip(members, codes)]
    return write("votes.csv", "motion,iso3,vote\n" + "\n".join(rows) + "\n")


def full(*head):
    return list(head) + ["X"] * (193 - len(head))


def test_good_synthetic_record_loads(write):
    votes = load_votes(votes_file(write, full("Y", "Y", "N")), motions_file(write))
    assert len(votes) == 193


def test_tally_differs_from_official(write):
    with pytest.raises(VoteDataError, match=r"votes\.csv: motion M1: counted 3-1-0 \(yes-no-abstain\) but the motions table "
                                            r"gives 2-1-0; yes differs: 3"):
        load_votes(votes_file(write, full("Y", "Y", "Y", "N")), motions_file(write))


def test_unknown_vote_code(write):
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 4: unknown vote code .*: 'Q'"):
        load_votes(votes_file(write, full("Y", "Y", "Q")), motions_file(write))


def test_unknown_country_code(write):
    members = MEMBERS[:2] + ["ZZZ"] + MEMBERS[3:]
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 4: unknown member code .*: 'ZZZ'"):
        load_votes(votes_file(write, full("Y", "Y", "N"), members), motions_file(write))


def test_duplicate_member_in_a_motion(write):
    members = MEMBERS[:192] + [MEMBERS[0]]
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 194: motion M1: member appears twice .*: 'AFG'"):
        load_votes(votes_file(write, full("Y", "Y", "N"), members), motions_file(write))


def test_ga_roll_call_missing_a_member(write):
    with pytest.raises(VoteDataError, match=r"motion M1: a General Assembly roll call must list all 193 members of "
                                            r"its roster once; found 192 \(missing ZWE\)"):
        load_votes(votes_file(write, full("Y", "Y", "N"), MEMBERS[:192]), motions_file(write))


def test_sc_roll_call_with_wrong_members(write):
    with pytest.raises(VoteDataError, match=r"Security Council roll call must list all 15 members of the Council "
                                            r"of 2025 once; found 15 \(missing CHN, DNK"):
        load_votes(votes_file(write, ["Y"] * 2 + ["N"] + ["A"] * 12, MEMBERS[:15]),
                   motions_file(write, abstain=12, body="SC"))


def test_motion_not_in_motions_table(write):
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 2: motion is not in the motions table: 'M2'"):
        load_votes(votes_file(write, full("Y", "Y", "N"), motion="M2"), motions_file(write))


def test_roll_call_flag_without_records(write):
    votes_path = votes_file(write, full("Y", "Y", "N"))
    motions_path = write("motions.csv", HEADER + "M1,GA,2025-02-24,,,resolution,,,t,2,1,0,adopted,yes,official\n"
                                                  "M2,GA,2025-02-24,,,resolution,,,t,2,1,0,adopted,yes,official\n")
    with pytest.raises(VoteDataError, match=r"roll_call yes but there are no country-level rows: 'M2'"):
        load_votes(votes_path, motions_path)


def test_records_for_a_motion_flagged_without_roll_call(write):
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 2: country-level rows for a motion whose "
                                            r"roll_call is not yes in the motions table: 'M1'"):
        load_votes(votes_file(write, full("Y", "Y", "N")), motions_file(write, roll_call="no"))


def test_missing_column(write):
    path = write("votes.csv", "motion,iso3\nM1,AFG\n")
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 1: missing column\(s\) vote for the votes table; "
                                            r"header is: "
                                            r"'motion,iso3'"):
        read_votes(path)


def test_empty_and_header_only_files(write):
    with pytest.raises(VoteDataError, match=r"votes\.csv: file is empty"):
        read_votes(write("votes.csv", ""))
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 1: no data rows \(header only\)"):
        read_votes(write("votes.csv", "motion,iso3,vote\n"))


def test_missing_file():
    with pytest.raises(VoteDataError, match=r"nowhere\.csv: file not found"):
        read_votes("nowhere.csv")


def test_malformed_row(write):
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 3: malformed row \(expected 3 fields, found 4"):
        read_votes(write("votes.csv", "motion,iso3,vote\nM1,AFG,Y\nM1,ALB,Y,extra\n"))


def test_latin1_file(write):
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 3: not UTF-8 text"):
        read_votes(write("votes.csv", "motion,iso3,vote\nM1,AFG,Y\nR\xe9s,ALB,Y\n".encode("latin-1")))


def test_bad_motions_table_values(write):
    with pytest.raises(VoteDataError, match=r"motions\.csv, line 2: body must be one of GA, SC: 'XX'"):
        load_motions(motions_file(write, body="XX"))
    with pytest.raises(VoteDataError, match=r"motions\.csv, line 2: yes must be a whole number \(at most 18 digits 0-9\): 'many'"):
        load_motions(motions_file(write, yes="many"))
    with pytest.raises(VoteDataError, match=r"motions\.csv, line 2: roll_call must be yes or no: 'maybe'"):
        load_motions(motions_file(write, roll_call="maybe"))


def test_blank_lines_do_not_shift_reported_line_numbers(write):
    path = write("votes.csv", "motion,iso3,vote\n\nM1,AFG,Y\n\nM1,ALB,Q\n")
    with pytest.raises(VoteDataError, match=r"votes\.csv, line 5: unknown vote code .*'Q'"):
        read_votes(path)


def test_tolerated_vote_spellings(write):
    votes = read_votes(write("votes.csv", "motion,iso3,vote\na/res/es-11/7,AFG,y\nA/RES/ES-11/7,ALB, NV \n"
                                          "A/RES/ES-11/7 ,DZA,a\nA/RES/ES-11/7,and,N\n"))
    assert votes["vote"].tolist() == ["Y", "X", "A", "N"]
    assert votes["iso3"].tolist() == ["AFG", "ALB", "DZA", "AND"]
    assert set(votes["motion"]) == {"A/RES/ES-11/7"}  # one motion, spelled as in the motions table
