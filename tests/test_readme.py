"""The README's examples run as written: every python block, and every command-line example but `report`.

They run in a scratch folder holding stand-ins for the files the examples name: a UN Digital Library file
(`2025_7_21_ga_voting.csv`, built from the bundled ES-11/6 and ES-11/7 records in the Library's
member-level layout), `path/to/file.csv` and `path/to/data/` (copies of the bundled data).
"""

import csv
import re
import shlex
import shutil
from pathlib import Path

import pytest

from analysis import load_members, load_motions, load_votes
from analysis.cli import main

ROOT = Path(__file__).resolve().parent.parent


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced code block, in order."""
    blocks, language, body = [], None, []
    for line in text.splitlines():
        if line.startswith("```"):
            if language is None:
                language, body = line[3:].strip(), []
            else:
                blocks.append((language, "\n".join(body) + "\n"))
                language = None
        elif language is not None:
            body.append(line)
    return blocks


BLOCKS = fenced_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
PYTHON_BLOCKS = [body for language, body in BLOCKS if language == "python"]
SHELL_LINES = [line for language, body in BLOCKS if language == "" for line in body.splitlines()
               if line.startswith("python -m analysis ")]
UNDL_HEADER = ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
               "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note", "total_yes",
               "total_no", "total_abstentions", "total_non_voting", "total_ms", "undl_link"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The scratch folder's files, made once for the module: each test gets its own copy (:func:`scratch`)."""
    folder = tmp_path_factory.mktemp("readme")
    votes, motions = load_votes(), load_motions().set_index("motion")
    names = load_members().set_index("iso3")["name"]
    with open(folder / "2025_7_21_ga_voting.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(UNDL_HEADER)
        for number, motion in enumerate(["A/RES/ES-11/6", "A/RES/ES-11/7"]):
            rows = votes[votes["motion"] == motion]
            counts = rows["vote"].value_counts()
            row = motions.loc[motion]
            for iso3, vote in zip(rows["iso3"], rows["vote"]):
                writer.writerow([number, iso3, names[iso3].upper(), vote, f"{row['date']:%Y-%m-%d}", "ES-11", motion,
                                 row["draft"], "", "", row["title_or_change"], "", "", "", counts.get("Y", 0),
                                 counts.get("N", 0), counts.get("A", 0), counts.get("X", 0), len(rows), ""])
    (folder / "path" / "to").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "votes.csv", folder / "path" / "to" / "file.csv")
    shutil.copytree(ROOT / "data", folder / "path" / "to" / "data")
    shutil.copy(folder / "2025_7_21_ga_voting.csv", folder / "ga_voting.csv")
    return folder


@pytest.fixture
def scratch(template, tmp_path, monkeypatch):
    folder = Path(shutil.copytree(template, tmp_path / "scratch"))
    monkeypatch.chdir(folder)
    return folder


def test_the_readme_has_examples():
    assert len(PYTHON_BLOCKS) >= 5 and len(SHELL_LINES) >= 12


def test_every_python_block_runs_in_order(scratch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    namespace: dict = {}
    for block in PYTHON_BLOCKS:
        exec(compile(block, "README.md", "exec"), namespace)
    plt.close("all")
    assert namespace["motion_id"]("S/RES/2774 (2025)") == "S/RES/2774(2025)"
    assert namespace["split"]["from 2025"] == ["A/RES/ES-11/7", "A/RES/ES-11/8", "A/RES/ES-11/9"]
    assert namespace["brazil"].iso3 == "BRA"
    assert namespace["ga"]["motion"].nunique() == 2


@pytest.mark.parametrize("line", [line for line in SHELL_LINES if " report" not in line])
def test_every_command_line_example_runs(scratch, capsys, line):
    argv = shlex.split(line, comments=True)[3:]
    if "update-data" in argv and "--data-dir" not in argv:  # refreshes data/ as written: here, a copy of it
        argv = ["--data-dir", str(scratch / "path" / "to" / "data"), *argv]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0 and err == "", err
    shown = re.search(r"#\s*->\s*(.*)$", line)
    if shown:
        assert " ".join(out.split()).startswith(shown.group(1).strip())
