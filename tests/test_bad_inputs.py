"""The bad-input corpus: every file in tests/bad_inputs/ behaves as tests/bad_inputs/expected.csv says.

A file either loads (tolerances: BOM, CRLF or CR-only line ends, gzip, padded headers, lower-case or
space-padded codes, NV, a motion id spelled two ways, historical seats, blank lines, long fields, quoted
newlines, rows identified by name) or raises VoteDataError naming the file, the line and the value; the
command line then exits 2 with one line on stderr. Nothing is dropped silently. The expected outcome of each
file is what the rules demand, not what the code happened to do when the file was added.

Each tolerated variant must read to exactly the table of its clean file, and the Library's version-1 file
to exactly the table of the version-3 file (and of the in-between and resolution-level files) of the same
votes.
"""

import csv
import os
import re
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import VoteDataError, read_undl, read_votes
from analysis.cli import main
from analysis.data.undl import read_undl_full

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
with open(CORPUS / "expected.csv", newline="", encoding="utf-8") as handle:
    CASES = list(csv.DictReader(handle))
READERS = {"undl": read_undl, "project": read_votes}


def rows(frame: pd.DataFrame) -> list[list[str]]:
    assert list(frame.columns) == ["motion", "iso3", "vote"]
    return frame.astype(str).values.tolist()


def test_corpus_is_complete():
    files = {p.name for p in CORPUS.iterdir() if p.is_file()} - {"expected.csv"}
    assert sorted(c["file"] for c in CASES) == sorted(files)
    assert len(files) >= 174
    assert sum(c["outcome"] == "error" for c in CASES) >= 127
    assert {c["reader"] for c in CASES} == set(READERS) and {c["outcome"] for c in CASES} == {"loads", "error"}


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
        assert (code, err) == (0, ""), err
        assert out.startswith("OK: ") and f": {int(case['rows']):,} rows, " in out.splitlines()[0], out
    else:
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err
        assert re.search(case["message"], err), err


# --- tolerated variants read to exactly the clean file's table ---------------------------------------------

TOLERATED = {
    # clean file: variants that must give exactly its table
    "ok_current_layout.csv": [
        "utf8_bom.csv", "crlf_line_endings.csv", "cr_only_line_endings.csv", "gzip_compressed.csv.gz",
        "lower_case_votes.csv", "blank_lines.csv", "enormous_field.csv", "name_only_rows.csv",
        "quoted_newline_in_title.csv", "padded_header_v3.csv", "padded_lower_case_codes_v3.csv",
        "motion_id_spelled_two_ways_v3.csv", "totals_all_empty_v3.csv",
    ],
    # NV (versions 1 and in-between) and X (version 3, resolution level) are one vote
    "v3_layout_same_votes_as_v1.csv": [
        "v1_layout_ok.csv", "ok_older_layout_nv.csv", "resolution_level_same_votes_as_v1.csv",
        "motion_id_spelled_two_ways_v1.csv", "motion_id_spelled_two_ways_in_between.csv",
        "leading_zero_in_motion_id_v3.csv", "header_upper_case_v3.csv",
    ],
    "project_layout_ok.csv": [
        "padded_header_project.csv", "cr_only_line_endings_project.csv", "gzip_compressed_project.csv.gz",
        "padded_lower_case_codes_project.csv", "motion_id_spelled_two_ways_project.csv",
        "leading_zero_in_motion_id_project.csv", "header_camel_case_project.csv",
    ],
    "resolution_level.csv": ["cr_only_line_endings_resolution_level.csv"],
    "padded_header_resolution_level.csv": ["resolution_level_member_names.csv"],
}
_READER = {c["file"]: READERS[c["reader"]] for c in CASES} | {"ok_current_layout.csv": read_undl}
PAIRS = [(clean, variant) for clean, variants in TOLERATED.items() for variant in variants]


@pytest.mark.parametrize("clean, variant", PAIRS, ids=[v for _, v in PAIRS])
def test_tolerated_variant_gives_exactly_the_clean_table(clean, variant):
    assert rows(_READER[variant](CORPUS / variant)) == rows(_READER[clean](CORPUS / clean))


def test_tolerated_cases_are_loads_cases():
    outcome = {c["file"]: c["outcome"] for c in CASES}
    assert all(outcome[f] == "loads" for pair in PAIRS for f in pair)


def test_version_1_reads_to_the_version_3_table_and_its_totals_are_checked():
    v1_votes, v1_motions = read_undl_full(CORPUS / "v1_layout_ok.csv")
    for other in ("v3_layout_same_votes_as_v1.csv", "ok_older_layout_nv.csv", "resolution_level_same_votes_as_v1.csv"):
        votes, motions = read_undl_full(CORPUS / other)
        assert rows(votes) == rows(v1_votes), other
        assert motions.astype(str).to_dict("records") == v1_motions.astype(str).to_dict("records"), other
    row = v1_motions.iloc[0]
    assert (row["motion"], row["body"], f"{row['date']:%Y-%m-%d}") == ("A/RES/ES-11/7", "GA", "2025-02-24")
    assert [int(row[c]) for c in ("yes", "no", "abstain", "non_voting", "members")] == [2, 1, 0, 1, 4]
    assert rows(v1_votes) == [["A/RES/ES-11/7", "UKR", "Y"], ["A/RES/ES-11/7", "FRA", "Y"],
                              ["A/RES/ES-11/7", "RUS", "N"], ["A/RES/ES-11/7", "VEN", "X"]]
    for bad in ("totals_contradict_counts_v1.csv", "total_ms_contradicts_rows_v1.csv", "nan_total_v1.csv"):
        with pytest.raises(VoteDataError):
            read_undl(CORPUS / bad)


def test_a_motion_id_spelled_two_ways_is_one_motion():
    for name in ("motion_id_spelled_two_ways_v3.csv", "motion_id_spelled_two_ways_v1.csv",
                 "motion_id_spelled_two_ways_in_between.csv", "motion_id_spelled_two_ways_project.csv"):
        assert set(_READER[name](CORPUS / name)["motion"]) == {"A/RES/ES-11/7"}, name
    with pytest.raises(VoteDataError, match="not ASCII"):  # é, in NFC or NFD: a UN symbol is ASCII
        read_undl(CORPUS / "motion_id_nfc_and_nfd_v3.csv")


def test_the_code_is_authoritative_and_a_name_fills_only_an_empty_code():
    """One row's former name (ZAIRE) or ambiguous name (KOREA) beside its code never makes another row fail; a
    former seat's name identifies a row whose code is empty; a column past the first MiB of the header is read
    whole (NIGERIA, not NIGER)."""
    assert read_undl(CORPUS / "former_and_ambiguous_names_beside_codes_v3.csv")["iso3"].tolist() == [
        "COD", "FRA", "RUS", "KOR"]
    assert read_undl(CORPUS / "former_seat_name_with_blank_code_v3.csv")["iso3"].tolist() == ["UKR", "YUG", "RUS", "VEN"]
    assert read_undl(CORPUS / "former_seat_column_resolution_level.csv")["iso3"].tolist() == ["UKR", "YUG"]
    far = read_undl(CORPUS / "header_past_one_mebibyte_nigeria_resolution_level.csv.gz")
    assert far.astype(str).values.tolist() == [["A/RES/ES-11/7", "UKR", "Y"], ["A/RES/ES-11/7", "NGA", "A"],
                                               ["A/RES/68/262", "UKR", "Y"], ["A/RES/68/262", "NGA", "Y"]]


def test_a_ga_vote_in_a_file_with_council_columns_is_a_ga_vote():
    votes, motions = read_undl_full(CORPUS / "ga_vote_in_council_layout_16_members.csv")
    assert motions["body"].tolist() == ["GA"] and len(votes) == 16
    _, motions = read_undl_full(CORPUS / "sc_layout_ok.csv")
    assert motions["body"].tolist() == ["SC"]


def test_a_descriptive_motion_id_reads_the_same_through_every_door(write):
    """Motion ids are normalised identically everywhere: the same rows in the project layout and in the
    Library's layout give the same table (the motions table spells this id in mixed case)."""
    motion = "A/ES-11/L.11/EU-amendment-1"
    project = write("project.csv", f"motion,iso3,vote\n{motion},UKR,Y\n{motion.upper()},RUS,N\n")
    library = write("undl.csv", "resolution,ms_code,ms_vote,date\n"
                                f"{motion},UKR,Y,2025-02-24\n{motion.upper()},RUS,N,2025-02-24\n")
    assert rows(read_undl(library)) == rows(read_votes(project))


# --- a folder, a missing file, an unreadable file: one clear line ------------------------------------------

def _unreadable(tmp_path: Path) -> list[Path]:
    """Files that exist but cannot be read: mode 000 (when not root), and one whose read fails with EIO."""
    paths = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        path = tmp_path / "no_permission.csv"
        path.write_text("motion,iso3,vote\nA/RES/ES-11/7,UKR,Y\n", encoding="utf-8")
        path.chmod(0)
        paths.append(path)
    if Path("/proc/self/mem").exists():  # opens, but reading offset 0 fails (root ignores mode 000)
        link = tmp_path / "input_output_error.csv"
        link.symlink_to("/proc/self/mem")
        paths.append(link)
    return paths


@pytest.mark.parametrize("kind", ["folder", "missing", "dangling_link", "unreadable"])
def test_folders_and_unreadable_files_are_refused_in_one_line(kind, tmp_path, capsys):
    if kind == "folder":
        (tmp_path / "votes.csv").mkdir()
        paths = [tmp_path / "votes.csv"]
    elif kind == "missing":
        paths = [tmp_path / "nothing_here.csv"]
    elif kind == "dangling_link":
        (tmp_path / "dangling.csv").symlink_to(tmp_path / "gone.csv")
        paths = [tmp_path / "dangling.csv"]
    else:
        paths = _unreadable(tmp_path)
        if not paths:
            pytest.skip("no way to make an unreadable file here (root without /proc)")
    for path in paths:
        messages = set()
        for read in (read_undl, read_votes):
            with pytest.raises(VoteDataError) as info:
                read(path)
            assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)
            messages.add(str(info.value))
        assert len(messages) == 1, messages  # one clear line, the same at every door
        assert main(["check", str(path)]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err == f"error: {messages.pop()}\n", err


# --- files kept from the first corpus -----------------------------------------------------------------------

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


# --- round three: special files, a header read whole, names looked up only where needed --------------------

def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.csv"
    if kind == "device":
        path.symlink_to("/dev/zero")  # an endless stream: refused before a byte is read
    elif kind == "fifo":
        os.mkfifo(path)  # opening it would wait for a writer forever
    else:
        path.symlink_to(tmp_path / "loop_b.csv")
        (tmp_path / "loop_b.csv").symlink_to(path)
    return path


@pytest.mark.parametrize("kind, message", [("device", "not a regular file (a device, pipe or socket), so it is not read"),
                                           ("fifo", "not a regular file (a device, pipe or socket), so it is not read"),
                                           ("loop", "symbolic link loop")])
def test_a_device_a_pipe_or_a_link_loop_is_refused_at_once(kind, message, tmp_path, capsys, data_copy):
    if kind == "device" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    path = _special(tmp_path, kind)
    for read in (read_undl, read_votes):
        with pytest.raises(VoteDataError, match=re.escape(f"{path}: {message}")):
            read(path)
    assert main(["check", str(path)]) == 2 and capsys.readouterr().err == f"error: {path}: {message}\n"
    (data_copy / "votes.csv").unlink()
    votes = _special(data_copy, kind).rename(data_copy / "votes.csv") if kind != "loop" else None
    if votes is not None:  # a data folder's file: the same, for the loaders and the command line
        assert main(["--data-dir", str(data_copy), "votes", "ES-11/7"]) == 2
        assert capsys.readouterr().err == f"error: {votes}: {message}\n"


def test_a_header_longer_than_a_mebibyte_is_read_whole(write):
    """Plain text (the corpus has the gzip case): NIGERIA after a 1 MiB column name is NIGERIA, not NIGER, and
    a total_yes there is checked, not cut to total_y and skipped."""
    pad = " " * ((1 << 20) + 10)
    path = write("long.csv", f"resolution,date,UKR,{pad}NIGERIA,{pad}total_yes\nA/RES/ES-11/7,2025-02-24,Y,A,2\n")
    with pytest.raises(VoteDataError, match=r"line 2: motion A/RES/ES-11/7: the motion has 1 Y votes but its "
                                            r"total_yes column says 2"):
        read_undl(path)
    path.write_text(path.read_text().replace(",2\n", ",1\n"))
    assert read_undl(path)["iso3"].tolist() == ["UKR", "NGA"]


def test_twenty_thousand_unknown_names_beside_codes_cost_no_suggestions(write):
    """The code is authoritative: 20,000 distinct names that no table knows, each beside a valid code, and one
    row identified by its name alone, read at once (they cost 8.5 s of suggestions and then a false refusal)."""
    from analysis.data.members import load_members

    members = load_members()
    codes = members["iso3"].tolist()
    rows = [f"A/RES/77/{n // 190 + 1},{codes[n % 190]},FORMER NAME {n},Y" for n in range(20_000)]
    rows.append(f"A/RES/77/1,,{members['name'].iat[191].upper()},N")
    path = write("names.csv", "resolution,ms_code,ms_name,ms_vote\n" + "\n".join(rows) + "\n")
    start = time.perf_counter()
    votes = read_undl(path)
    assert len(votes) == 20_001 and votes["iso3"].iat[-1] == codes[191]
    assert time.perf_counter() - start < 5  # about 0.3 s; the suggestions alone took 8.5 s


def test_a_broken_gzip_file_is_one_line_from_update_data(data_copy, capsys):
    name = "gzip_bad_deflate_block.csv.gz"  # the API and check read every broken gzip of the corpus
    code = main(["--data-dir", str(data_copy), "update-data", str(CORPUS / name)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"error: {CORPUS / name}: cannot read the file (broken gzip stream"), err
