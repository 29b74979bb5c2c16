"""The bad-input corpus: every file in tests/bad_inputs/ behaves as tests/bad_inputs/expected.csv says.

A file either loads (tolerances: BOM, CRLF, lower-case codes, NV, historical seats, blank lines, long fields,
quoted newlines, rows identified by name) or raises VoteDataError naming the file, the line and the value;
the command line then exits 2 with one line on stderr. Nothing is dropped silently.
"""

import csv
import re
from pathlib import Path

import pytest

from analysis import VoteDataError, read_undl, read_votes
from analysis.cli import main

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
with open(CORPUS / "expected.csv", newline="", encoding="utf-8") as handle:
    CASES = list(csv.DictReader(handle))
READERS = {"undl": read_undl, "project": read_votes}


def test_corpus_is_complete():
    files = {p.name for p in CORPUS.glob("*.csv")} - {"expected.csv"}
    assert {c["file"] for c in CASES} == files
    assert len(files) >= 20
    assert sum(c["outcome"] == "error" for c in CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_file_behaves_as_its_table_says(case):
    path = CORPUS / case["file"]
    read = READERS[case["reader"]]
    if case["outcome"] == "loads":
        votes = read(path)
        assert len(votes) == int(case["rows"])
        assert set(votes["vote"]) <= {"Y", "N", "A", "X"}
        assert list(votes.columns) == ["motion", "iso3", "vote"]
    else:
        with pytest.raises(VoteDataError) as info:
            read(path)
        message = str(info.value)
        assert message.startswith(str(path)), message
        assert re.search(case["message"], message), message
        assert "\n" not in message


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_command_line_check(case, capsys):
    code = main(["check", str(CORPUS / case["file"])])
    out, err = capsys.readouterr()
    if case["outcome"] == "loads":
        assert code == 0 and out.startswith("OK: ") and err == ""
    else:
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err


def test_tolerated_inputs_give_the_same_table_as_the_clean_file():
    clean = read_undl(CORPUS / "ok_current_layout.csv")
    for name in ("utf8_bom.csv", "crlf_line_endings.csv", "lower_case_votes.csv", "blank_lines.csv",
                 "enormous_field.csv", "name_only_rows.csv", "quoted_newline_in_title.csv"):
        assert read_undl(CORPUS / name).astype(str).equals(clean.astype(str)), name


def test_historical_seats_and_nv_are_kept_as_recorded():
    old = read_undl(CORPUS / "historical_seats.csv")
    assert old["iso3"].tolist() == ["YUG", "CSK", "USA", "CHN"]
    nv = read_undl(CORPUS / "ok_older_layout_nv.csv")
    assert nv.set_index("iso3").loc["VEN", "vote"] == "X"


def test_resolution_level_layout_gives_the_member_level_table():
    votes = read_undl(CORPUS / "resolution_level.csv")
    es7 = votes[votes["motion"] == "A/RES/ES-11/7"].set_index("iso3")["vote"].to_dict()
    assert es7 == {"UKR": "Y", "FRA": "Y", "RUS": "N", "CHN": "A", "SSD": "X"}
    old = votes[votes["motion"] == "A/RES/45/1"]
    assert sorted(old["iso3"]) == ["CHN", "FRA", "RUS", "UKR"]  # empty cell: South Sudan was not yet a member
