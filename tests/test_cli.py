"""The command line: every subcommand on the bundled data and on a UN Digital Library file; output that fits
100 columns and parses back as CSV or JSON; bad input exits 2 with one line; Ctrl-C exits 130; a closed pipe
is quiet."""

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_cli as run

from analysis.cli import SUBCOMMANDS, main

ROOT = Path(__file__).resolve().parent.parent
UNDL = ROOT / "tests" / "bad_inputs" / "ok_current_layout.csv"


def test_votes_tally(capsys):
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7")
    assert code == 0
    assert out.strip() == "A/RES/ES-11/7 (GA, 2025-02-24): Y 93, N 18, A 65, X 17 (193 members)"


@pytest.mark.parametrize("spelling", ["S/RES/2774 (2025)", "S/RES/2774", "s/res/2774(2025)", "S/RES/2774(2025) ",
                                      "S/RES/2774\u00a0(2025)"])
def test_votes_accepts_the_uns_own_spellings(capsys, spelling):
    code, out, _ = run(capsys, "votes", spelling)
    assert code == 0 and out.strip() == "S/RES/2774(2025) (SC, 2025-02-24): Y 10, N 0, A 5, X 0 (15 members)"


@pytest.mark.parametrize("draft, resolution", [("A/ES-11/L.10", "A/RES/ES-11/7"), ("A/ES-11/L.11", "A/RES/ES-11/8"),
                                               ("es-11/7", "A/RES/ES-11/7")])
def test_votes_accepts_draft_symbols_and_short_forms(capsys, draft, resolution):
    assert run(capsys, "votes", draft)[1].startswith(resolution + " (GA, 2025-02-24)")


def test_votes_country_accepts_names_and_codes(capsys):
    assert run(capsys, "votes", "A/RES/ES-11/8", "--country", "United States")[1].strip() == \
        "A/RES/ES-11/8: United States of America (USA) A"
    assert run(capsys, "votes", "A/RES/ES-11/7", "--country", "usa")[1].strip() == \
        "A/RES/ES-11/7: United States of America (USA) N"


def test_a_non_member_on_the_council_vote_is_not_a_council_member(capsys):
    code, out, err = run(capsys, "votes", "S/RES/2774 (2025)", "--country", "Brazil")
    assert code == 0 and out.strip() == "S/RES/2774(2025): Brazil (BRA) not a Council member in 2025" and err == ""
    code, out, err = run(capsys, "votes", "S/2022/155", "--country", "Pakistan")
    assert code == 0 and out.strip() == "S/2022/155: Pakistan (PAK) not a Council member in 2022"


def test_a_vetoed_draft_of_2022_shows_its_tally_and_the_veto(capsys):
    code, out, err = run(capsys, "votes", "S/2022/155")
    assert code == 0 and err == ""
    assert out.splitlines() == ["S/2022/155 (SC, 2022-02-25): Y 11, N 1, A 3, X 0 (15 members)",
                                "  not adopted: vetoed by Russian Federation (RUS), a permanent member (Charter, "
                                "Article 27(3))"]
    assert run(capsys, "votes", "S/2022/720")[1].startswith("S/2022/720 (SC, 2022-09-30): Y 10, N 1, A 4, X 0 (15 "
                                                          "members)\n  not adopted: vetoed by Russian Federation")
    record = json.loads(run(capsys, "votes", "S/2022/155", "--tally", "--format", "json")[1])[0]
    assert (record["yes"], record["no"], record["abstain"], record["kind"]) == (11, 1, 3, "draft resolution")


def test_the_council_of_2022_for_a_member_that_sat_in_2022_and_not_2025(capsys):
    assert run(capsys, "votes", "S/2022/155", "--country", "Albania")[1].strip() == "S/2022/155: Albania (ALB) Y"
    assert run(capsys, "votes", "S/2022/155", "--country", "UAE")[1].strip() == \
        "S/2022/155: United Arab Emirates (ARE) A"
    out = " ".join(run(capsys, "votes", "S/RES/2623(2022)", "--country", "ALB")[1].split())
    assert out.startswith("S/RES/2623(2022): Albania (ALB) Y (by elimination: SC/14809 names the 1 against and 3 "
                          "abstaining")
    record = json.loads(run(capsys, "votes", "S/RES/2623(2022)", "--country", "ALB", "--format", "json")[1])[0]
    assert record["record"] == "by elimination" and "https://press.un.org/en/2022/sc14809.doc.htm" in record["source"]
    named = json.loads(run(capsys, "votes", "S/2022/155", "--country", "ALB", "--format", "json")[1])[0]
    assert named["record"] == "roll call" and "hindustantimes.com" in named["source"]
    code, out, _ = run(capsys, "country", "Albania")
    assert code == 0 and "Security Council: 2022: elected member, term 2022-2023; 2025: not on the Council" in out
    rows = {line.split()[1]: line.split()[2:4] for line in out.splitlines() if line[:4].isdigit()}
    assert rows["S/2022/155"] == ["Y", "roll"] and rows["S/RES/2623(2022)"] == ["Y", "by"]
    assert rows["S/RES/2774(2025)"] == ["-", "not"]
    code, out, _ = run(capsys, "country", "United Arab Emirates")
    assert "Security Council: 2022: elected member, term 2022-2023; 2025: not on the Council" in out


def test_votes_by_group(capsys):
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7", "--group")
    assert code == 0
    assert "Western European and Others   27  2   0  0" in out


def test_an_amendment_shows_its_tally_and_its_quality(capsys):
    code, out, _ = run(capsys, "votes", "A/ES-11/L.12")
    text = " ".join(out.split())
    assert code == 0
    assert text.startswith("A/ES-11/L.12 (GA, 2025-02-24, amendment): yes 31, no 71, abstain 59; tally quality: "
                           "single news source for abstentions; yes/no in two news sources")
    assert "no country-level record" in text
    code, out, _ = run(capsys, "votes", "S/PV.9866/EU-amendment-sovereignty", "--tally", "--format", "json")
    record = json.loads(out)[0]
    assert record["yes"] == 9 and record["no"] is None and record["tally_quality"] == "official yes count only"
    assert record["record"] == "tally only"


def test_a_vote_known_from_news_says_so_with_its_source(capsys):
    code, out, _ = run(capsys, "votes", "ES-11/10", "--country", "Russian Federation")
    assert code == 0 and " ".join(out.split()).startswith(
        "A/RES/ES-11/10: Russian Federation (RUS) N (news report, high confidence: https://")


def test_compare(capsys):
    code, out, _ = run(capsys, "compare", "A/RES/ES-11/7", "A/RES/ES-11/8")
    assert code == 0
    assert "Y              78  0  11   4" in out
    assert "43 members changed their vote" in out
    assert "USA" in out and "N->A" in out


def test_compare_an_amendment_works_from_tallies_over_the_right_body(capsys):
    code, out, _ = run(capsys, "compare", "S/PV.9866/EU-amendment-invasion", "S/RES/2774")
    assert code == 0 and "over the 15 members of the SC" in " ".join(out.split())
    assert "(tally quality: unverified)" in out
    code, out, _ = run(capsys, "compare", "A/ES-11/L.11/EU-amendment-1", "ES-11/8", "--format", "json")
    parsed = json.loads(out)
    assert parsed["mode"] == "tallies" and parsed["members"] == 193
    assert parsed["bounds"][0] == {"code": "Y", "amendment": 60, "final": 93, "min_on_both": 0,
                                   "min_final_not_amendment": 33, "min_amendment_not_final": 0}


def test_motions(capsys):
    code, out, _ = run(capsys, "motions")
    assert code == 0
    table = out.split("\n\n")[0].splitlines()
    rows = [line for line in table[1:] if not line.startswith(" ")]  # titles are indented below each motion
    assert len(rows) == 36 and rows[0].startswith("A/RES/68/262") and rows[-1].startswith("A/RES/ES-11/10")
    assert rows[1].startswith("A/RES/71/205") and rows[11].startswith("S/2022/155")  # in date order
    assert "A/ES-11/L.11/EU-amendment-1" in out and "single news source" in out
    assert "veto RUS" in out
    draft = next(r for r in rows if r.startswith("S/2022/720"))
    assert draft.split()[3:7] == ["draft", "resolution", "10-1-4", "veto"]


def test_check_bundled_votes(capsys):
    code, out, _ = run(capsys, "check", "data/votes.csv")
    assert code == 0
    assert "3,920 rows, 24 motions" in out


def test_data_option_reads_a_un_digital_library_file(capsys):
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7", "--data", str(UNDL))
    assert code == 0 and "Y 2, N 1, A 1, X 0 (4 members)" in out
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7", "--data", str(UNDL), "--country", "Russian Federation")
    assert out.strip() == "A/RES/ES-11/7: Russian Federation (RUS) N"
    code, out, _ = run(capsys, "motions", "--data", str(UNDL))
    assert code == 0 and "A/RES/ES-11/7" in out
    code, out, _ = run(capsys, "compare", "A/RES/ES-11/7", "A/RES/ES-11/7", "--data", str(UNDL))
    assert code == 0 and "0 members changed their vote" in out
    code, out, _ = run(capsys, "country", "France", "--data", str(UNDL))
    assert code == 0 and "A/RES/ES-11/7" in out and "roll call" in out


# ---- the country view


def test_country_bra_shows_every_motion_in_date_order(capsys):
    from analysis import load_motions

    code, out, err = run(capsys, "country", "BRA")
    assert code == 0 and err == ""
    assert out.startswith("Brazil (BRA), Latin American and Caribbean group\nSecurity Council: 2022: elected member, "
                          "term 2022-2023; 2025: not on the Council")
    rows = [line.split() for line in out.splitlines() if line[:4].isdigit() and line[4:5] == "-"]
    motions = load_motions()
    assert [r[1] for r in rows] == list(motions.sort_values("date", kind="stable")["motion"])
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    es11 = {r[1]: r[2] for r in rows}
    assert [es11[f"A/RES/ES-11/{i}"] for i in range(1, 10)] == list("YYAYAYAAA")
    assert es11["S/RES/2774(2025)"] == "-" and "not a Council member" in out
    assert "United States of America (USA)" in out and "before 2025" in out


def test_country_formats_parse_back(capsys):
    code, out, _ = run(capsys, "country", "Brazil", "--format", "json")
    parsed = json.loads(out)
    assert code == 0 and parsed["iso3"] == "BRA" and len(parsed["votes"]) == 36
    assert {a["partner"] for a in parsed["agreement"]} >= {"EU27 majority", "Ukraine (UKR)"}
    code, out, _ = run(capsys, "country", "BRA", "--format", "csv")
    rows = [r for r in csv.DictReader(io.StringIO(out)) if r["section"] == "vote"]  # member, vote, agreement
    assert len(rows) == 36 and rows[0]["motion"] == "A/RES/68/262" and rows[0]["vote"] == "A"


# ---- formats for scripts, width for people


@pytest.mark.parametrize("argv", [
    ["votes", "A/ES-11/L.10"], ["votes", "A/RES/ES-11/7", "--group"], ["votes", "ES-11/7", "--country", "BRA"],
    ["compare", "ES-11/7", "ES-11/8"], ["motions"], ["country", "BRA"],
])
def test_csv_and_json_parse_back(capsys, argv):
    code, out, _ = run(capsys, *argv, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(None not in row for row in rows)  # no row longer than the header
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert code == 0 and json.loads(out)


def test_votes_csv_for_a_draft_symbol(capsys):
    code, out, _ = run(capsys, "votes", "A/ES-11/L.10", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 193 and {r["motion"] for r in rows} == {"A/RES/ES-11/7"}  # the roll call
    code, out, _ = run(capsys, "votes", "A/ES-11/L.10", "--tally", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and row["motion"] == "A/RES/ES-11/7"
    assert (row["yes"], row["no"], row["abstain"], row["not_voting"], row["members"]) == ("93", "18", "65", "17", "193")


def test_motions_csv_and_json_hold_the_full_table(capsys):
    from analysis import load_motions

    out = run(capsys, "motions", "--format", "csv")[1]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 36 and rows[7]["title_or_change"] == load_motions()["title_or_change"].iat[7]
    records = json.loads(run(capsys, "motions", "--format", "json")[1])
    assert records[0]["date"] == "2014-03-27" and records[0]["yes"] == 100 and records[0]["roll_call"] is True


WIDE = [["votes", "A/RES/ES-11/7"], ["votes", "A/ES-11/L.12"], ["votes", "A/RES/ES-11/7", "--group"],
        ["votes", "ES-11/10", "--country", "RUS"], ["compare", "A/RES/ES-11/7", "A/RES/ES-11/8"],
        ["compare", "A/ES-11/L.12", "A/RES/ES-11/8"], ["motions"], ["country", "BRA"], ["country", "GBR"],
        ["country", "VEN"], ["check", "data/votes.csv"], ["votes", "S/2022/155"], ["country", "ALB"],
        ["votes", "S/RES/2623(2022)", "--country", "ALB"]]


@pytest.mark.parametrize("argv", WIDE, ids=[" ".join(a) for a in WIDE])
def test_text_output_fits_100_columns(capsys, argv):
    code, out, _ = run(capsys, *argv)
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 100


@pytest.mark.parametrize("sub", [None, *SUBCOMMANDS])
def test_help_is_plain_text(sub, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # in-process: argparse prints help and exits 0, as the command does
    with pytest.raises(SystemExit) as info:
        main(([sub] if sub else []) + ["--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0 and out.startswith("usage: python -m analysis" + (f" {sub}" if sub else ""))
    for markup in ("``", ":func:", ":mod:"):
        assert markup not in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "unvotes"
    result = subprocess.run([str(script), "votes", "A/RES/ES-11/8"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "Y 93, N 8, A 73, X 19" in result.stdout


# ---- bad input: exit 2, one line, no traceback


@pytest.mark.parametrize("argv, message", [
    (["votes", "A/RES/99/99"], "unknown motion id (did you mean "),
    (["votes", "A/RES/ES-11/77"], "did you mean A/RES/ES-11/7"),
    (["votes", "A/RES/ES-11/7", "--country", "Atlantis"], "unknown country name or code: 'Atlantis'"),
    (["votes", "A/RES/ES-11/7", "--country", "Brazl"], "(did you mean Brazil?): 'Brazl'"),
    (["votes", "A/RES/ES-11/7", "--country", "Korea"], "ambiguous country name"),
    (["votes", "A/RES/ES-11/7", "--country", "Holy See"], "error: not a UN Member State (an observer state): 'Holy See'"),
    (["country", "Brazl"], "did you mean Brazil?"),
    (["votes", "A/ES-11/L.12", "--group"], "no country-level record, so no counts per group"),
    (["compare", "S/PV.9866/EU-amendment-invasion", "A/RES/ES-11/8"], "different bodies (SC and GA)"),
    (["check", "no/such/file.csv"], "no/such/file.csv: file not found"),
    (["check", "data"], "data: is a folder, not a file"),
    (["compare", "A/RES/ES-11/7", "A/RES/ES-11/8", "--data", "no/such.csv"], "no/such.csv: file not found"),
    (["votes", "A/RES/ES-11/7", "--data", "data"], "data: is a folder, not a file"),
    (["--data-dir", "no/such/dir", "motions"], "--data-dir is not a folder: 'no/such/dir'"),
    (["votes", "A/RES/ES-11/7", "--country", "FRA", "--group"], "argument --group: not allowed with argument --country"),
    (["votes", "A/RES/ES-11/7", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    (["votes"], "the following arguments are required: MOTION"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "the following arguments are required: SUBCOMMAND"),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err
    assert "observer state: not a member; listed so" not in err  # never the alias table's internal note


def test_an_unreadable_file_is_one_line(capsys, monkeypatch):
    import analysis.data.undl

    def refuse(path, **options):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(analysis.data.undl, "read_undl_full", refuse)
    code, out, err = run(capsys, "motions", "--data", "secret.csv")
    assert code == 2 and out == "" and err == "error: secret.csv: Permission denied\n"


def test_data_dir_is_read_by_every_data_subcommand(capsys, data_copy):
    votes = data_copy / "votes.csv"
    votes.write_text(votes.read_text().replace("A/RES/ES-11/7,BRA,A", "A/RES/ES-11/7,BRA,Y"))
    motions = data_copy / "motions.csv"
    motions.write_text(motions.read_text().replace("resolution,,Ukraine and European co-sponsors,"
                                                   "\"Advancing a comprehensive, just and lasting peace in Ukraine\",93,18,65",
                                                   "resolution,,Ukraine and European co-sponsors,"
                                                   "\"Advancing a comprehensive, just and lasting peace in Ukraine\",94,18,64"))
    d = str(data_copy)
    assert run(capsys, "--data-dir", d, "votes", "ES-11/7")[1].startswith("A/RES/ES-11/7 (GA, 2025-02-24): Y 94")
    assert run(capsys, "--data-dir", d, "votes", "ES-11/7", "--country", "BRA")[1].strip().endswith("(BRA) Y")
    assert "94-18-64" in run(capsys, "--data-dir", d, "motions")[1]
    assert "Y->Y" not in run(capsys, "--data-dir", d, "compare", "ES-11/6", "ES-11/7")[1]
    assert "BRA" not in run(capsys, "--data-dir", d, "compare", "ES-11/6", "ES-11/7")[1]  # Y on both now
    country = run(capsys, "--data-dir", d, "country", "BRA")[1]
    assert [line.split()[2] for line in country.splitlines() if "A/RES/ES-11/7 " in line] == ["Y"]


def test_a_broken_data_dir_is_one_line_naming_the_file(capsys, data_copy):
    votes = data_copy / "votes.csv"
    votes.write_text(votes.read_text().replace("A/RES/ES-11/7,BRA,A", "A/RES/ES-11/7,BRA,Q"))
    code, out, err = run(capsys, "--data-dir", str(data_copy), "votes", "ES-11/7")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert str(votes) in err and "unknown vote code" in err and "'Q'" in err


def test_a_folder_in_place_of_a_data_file_is_one_line(capsys, data_copy):
    (data_copy / "motions.csv").unlink()
    (data_copy / "motions.csv").mkdir()
    code, out, err = run(capsys, "--data-dir", str(data_copy), "motions")
    assert code == 2 and out == "" and err.startswith("error: ") and err.count("\n") == 1 and "motions.csv" in err


# ---- Ctrl-C and closed pipes


def test_keyboard_interrupt_exits_130_with_one_line(capsys, monkeypatch):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(SUBCOMMANDS["motions"], "run", interrupted)
    code, out, err = run(capsys, "motions")
    assert code == 130 and out == "" and err == "error: interrupted\n"


# A shell starts a background job (`make test &`, some CI runners) with SIGINT ignored, and a child inherits that;
# the child restores Python's own handler, as it is in a terminal, so Ctrl-C reaches the CLI's handler.
SLOW = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)
from analysis import cli
def slow(args):
    print("ready", file=sys.stderr, flush=True)
    time.sleep(30)
cli.SUBCOMMANDS["motions"].run = slow
sys.exit(cli.main(["motions"]))
"""


def test_sigint_exits_130_with_one_line():
    proc = subprocess.Popen([sys.executable, "-c", SLOW], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)
    assert proc.stderr.readline() == "ready\n"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130 and out == "" and err == "error: interrupted\n"


def test_a_closed_pipe_is_quiet():
    """The reader is gone before the first byte is written: no BrokenPipeError traceback, no 'Exception ignored'."""
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "motions"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.close()  # long before the child has imported pandas
    start = time.monotonic()
    err = proc.stderr.read()
    proc.wait(timeout=30)
    assert err == b"" and proc.returncode == 141 and time.monotonic() - start < 30


def test_piping_into_head_is_quiet_in_a_c_locale_without_utf8_mode():
    """Piped into head, and in a C locale without UTF-8 mode (ASCII streams): no traceback, the name that ASCII
    cannot hold written as an escape."""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    env.pop("PYTHONIOENCODING", None)
    result = subprocess.run(f"'{sys.executable}' -m analysis country CIV | head -1", shell=True, capture_output=True,
                            text=True, cwd=ROOT, env=env)
    assert result.stdout == "C\\xf4te d'Ivoire (CIV), African group\n" and result.stderr == ""


# ---- a command line that never breaks: encodings, a closed stdout, bytes that are not UTF-8, empty values


EVERY = [["votes", "ES-11/7", "--country", "UKR"], ["compare", "ES-11/7", "ES-11/7", "--format", "csv"],
         ["motions"], ["country", "CIV"], ["country", "CIV", "--format", "json"], ["check", str(UNDL)],
         ["update-data", str(UNDL), "--dry-run"], ["votes", "ES-11/\udcff"], ["country", "C\udcc3\udcb4te d'Ivoire"],
         ["check", "/nowhere/\udcff.csv"]]
DATA = {"votes", "compare", "motions", "country"}  # these read the small Library file: the point is the output


def run_encoded(monkeypatch, encoding: str, argv: list[str]) -> tuple[int, str, str]:
    """The command line with stdout and stderr that hold only ``encoding`` (as under PYTHONIOENCODING or a C
    locale without UTF-8 mode), strict, as Python's own streams are."""
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict") for _ in range(2))
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        code = main(argv)
    for stream in (out, err):
        stream.flush()
    return code, out.buffer.getvalue().decode(encoding), err.buffer.getvalue().decode(encoding)


def test_every_subcommand_writes_its_output_or_one_line_in_ascii_and_latin_1(monkeypatch):
    """Every subcommand (and each format where one holds text the encoding lacks, and arguments holding bytes
    that are not UTF-8) under an ASCII output; Latin-1 for the text that Latin-1 holds and JSON."""
    runs = [("ascii", argv) for argv in EVERY] + [("latin-1", argv) for argv in EVERY[3:5]]
    for encoding, argv in runs:
        code, out, err = run_encoded(monkeypatch, encoding, argv + (["--data", str(UNDL)] if argv[0] in DATA else []))
        assert (code == 0 and out and err == "") or (code == 2 and err.count("\n") == 1 and err.startswith("error: ")), \
            (encoding, argv, code, err)
        if code == 0 and "json" in argv:
            json.loads(out)  # still valid JSON: what the encoding lacks is a \\u escape
        if argv == ["country", "CIV"]:
            assert code == 0 and out.startswith("C\\xf4te d'Ivoire (CIV)" if encoding == "ascii" else "Côte d'Ivoire (CIV)")
        if argv[0] == "votes" and "\udcff" in argv[1]:
            assert "a byte that is not UTF-8 text (0xFF)" in err


def test_a_closed_stdout_is_one_line_and_exit_2_for_every_subcommand(capsys, monkeypatch):
    for argv in EVERY:
        monkeypatch.setattr(sys, "stdout", None)  # what Python sets when started with >&-
        code = main(argv)
        monkeypatch.undo()
        out, err = capsys.readouterr()
        assert code == 2 and err == "error: standard output is closed, so nothing can be shown; nothing was done\n"


@pytest.mark.parametrize("argv, message", [
    (["votes", ""], "empty motion id: ''"), (["votes", "  "], "empty motion id: ' '"),
    (["compare", "", "ES-11/7"], "empty motion id: ''"), (["votes", "ES-11/7", "--country", ""], "empty country name"),
    (["votes", "ES-11/7", "--data", ""], "argument --data: empty value ''"),
    (["--data-dir", "", "motions"], "argument --data-dir: empty value ''"),
    (["check", ""], "argument PATH: empty value ''"), (["country", " "], "empty country name or code: ' '"),
    (["votes", "A/R\u0415S/ES-11/7"], "not ASCII (U+0415 CYRILLIC CAPITAL LETTER IE)"),
    (["votes", "ES-11/\udcff"], "a byte that is not UTF-8 text (0xFF)"),
])
def test_an_empty_or_look_alike_argument_is_refused_never_ignored(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err, err


def test_compare_a_motion_with_itself_in_every_format(capsys):
    code, out, _ = run(capsys, "compare", "ES-11/7", "ES-11/7", "--format", "csv", "--data", str(UNDL))
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["iso3", "name", "regional_group", "A/RES/ES-11/7", "A/RES/ES-11/7", "changed"]
    assert len(rows) == 5 and {r[5] for r in rows[1:]} == {"False"}
    assert json.loads(run(capsys, "compare", "ES-11/7", "ES-11/7", "--format", "json", "--data", str(UNDL))[1])[
        "changed"] == []


def test_names_and_titles_from_a_data_folder_never_reach_the_terminal_raw(capsys, data_copy):
    """An escape sequence in a member name or a title is written escaped, in every format."""
    members = data_copy / "members.csv"
    members.write_bytes(members.read_bytes().replace(b"Brazil", "Brazil\x1b[2J\x9b31m".encode()))
    motions = data_copy / "motions.csv"
    motions.write_bytes(motions.read_bytes().replace(b"Territorial integrity of Ukraine",
                                                     b"Territorial integrity\x1b]0;owned\x07 of Ukraine"))
    for argv in (["country", "BRA"], ["motions"]):
        code, out, err = run(capsys, "--data-dir", str(data_copy), *argv)
        assert code == 0 and err == "", (argv, err)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), argv
        assert "Brazil" in out or "Territorial integrity" in out, argv
        if argv == ["country", "BRA"]:
            assert out.startswith("Brazil\\x1b[2J\\x9b31m (BRA)")
    from analysis import country_profile  # printed from Python too

    view = country_profile("BRA", data_dir=data_copy)
    assert str(view).startswith("Brazil\\x1b[2J\\x9b31m (BRA)")


def test_the_data_dir_names_its_own_members_everywhere(capsys, data_copy, tmp_path):
    """A folder's own alias is known to --country, to check and to --data (the Library reader)."""
    with open(data_copy / "member_aliases.csv", "a", encoding="utf-8", newline="") as out:
        out.write("Ruritania,FRA,a test alias\r\n")
    undl = tmp_path / "undl.csv"
    undl.write_text(UNDL.read_text(encoding="utf-8").replace(",FRA,FRANCE,", ",,RURITANIA,"), encoding="utf-8")
    assert run(capsys, "check", str(undl))[0] == 2  # the bundled folder has no Ruritania
    code, out, err = run(capsys, "--data-dir", str(data_copy), "check", str(undl))
    assert code == 0 and out.startswith("OK: 4 rows"), err
    code, out, _ = run(capsys, "--data-dir", str(data_copy), "votes", "ES-11/7", "--data", str(undl), "--country",
                       "Ruritania")
    assert code == 0 and out.strip() == "A/RES/ES-11/7: France (FRA) Y"


def test_country_positions_give_the_ideal_point_per_session(capsys):
    """Issue 19: the member's ideal point per GA session, from the context 2014-2021 (fitted by the command)."""
    code, out, _ = run(capsys, "country", "USA", "--positions", "--format", "json")
    assert code == 0
    points = json.loads(out)["ideal_points"]
    assert [p["session"] for p in points] == list(range(68, 77))
    assert all(p["lower"] < p["ideal"] < p["upper"] and p["ideal"] > 0 for p in points)  # the positive pole
    code, out, _ = run(capsys, "country", "RUS", "--positions")
    assert code == 0 and "Ideal point per GA session" in out and max(map(len, out.splitlines())) <= 100
