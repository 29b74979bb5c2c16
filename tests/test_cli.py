"""The command line on the bundled data and on a UN Digital Library file; bad input exits 2 with one line."""

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main

UNDL = Path(__file__).resolve().parent / "bad_inputs" / "ok_current_layout.csv"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_votes_tally(capsys):
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7")
    assert code == 0
    assert out.strip() == "A/RES/ES-11/7 (GA, 2025-02-24): Y 93, N 18, A 65, X 17 (193 members)"


def test_votes_country_accepts_names_and_codes(capsys):
    assert run(capsys, "votes", "A/RES/ES-11/8", "--country", "United States")[1].strip() == \
        "A/RES/ES-11/8: United States of America (USA) A"
    assert run(capsys, "votes", "A/RES/ES-11/7", "--country", "usa")[1].strip() == \
        "A/RES/ES-11/7: United States of America (USA) N"


def test_votes_by_group(capsys):
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7", "--group")
    assert code == 0
    assert "Western European and Others   27  2   0  0" in out


def test_compare(capsys):
    code, out, _ = run(capsys, "compare", "A/RES/ES-11/7", "A/RES/ES-11/8")
    assert code == 0
    assert "Y              78  0  11   4" in out
    assert "43 members changed their vote" in out
    assert "USA" in out and "N->A" in out


def test_motions(capsys):
    code, out, _ = run(capsys, "motions")
    assert code == 0
    assert len(out.strip().splitlines()) == 24
    assert "A/ES-11/L.11/EU-amendment-1" in out and "single news source" in out


def test_check_bundled_votes(capsys):
    code, out, _ = run(capsys, "check", "data/votes.csv")
    assert code == 0
    assert "1,945 rows, 11 motions" in out


def test_data_option_reads_a_un_digital_library_file(capsys):
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7", "--data", str(UNDL))
    assert code == 0 and "Y 2, N 1, A 1, X 0 (4 members)" in out
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7", "--data", str(UNDL), "--country", "Russian Federation")
    assert out.strip() == "A/RES/ES-11/7: Russian Federation (RUS) N"
    code, out, _ = run(capsys, "motions", "--data", str(UNDL))
    assert code == 0 and "A/RES/ES-11/7" in out
    code, out, _ = run(capsys, "compare", "A/RES/ES-11/7", "A/RES/ES-11/7", "--data", str(UNDL))
    assert code == 0 and "0 members changed their vote" in out


@pytest.mark.parametrize("argv, message", [
    (["votes", "A/RES/99/99"], "no country-level record for this motion"),
    (["votes", "A/RES/ES-11/7", "--country", "Atlantis"], "unknown country name or code: 'Atlantis'"),
    (["votes", "A/RES/ES-11/7", "--country", "Korea"], "ambiguous country name"),
    (["check", "no/such/file.csv"], "no/such/file.csv: file not found"),
    (["compare", "A/RES/ES-11/7", "A/RES/ES-11/8", "--data", "no/such.csv"], "no/such.csv: file not found"),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err


@pytest.mark.parametrize("sub", ["report", "votes", "compare", "motions", "check"])
def test_help_on_every_subcommand(sub):
    result = subprocess.run([sys.executable, "-m", "analysis", sub, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("usage: python -m analysis " + sub)


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "unvotes"
    result = subprocess.run([str(script), "votes", "A/RES/ES-11/8"], capture_output=True, text=True)
    assert result.returncode == 0 and "Y 93, N 8, A 73, X 19" in result.stdout
