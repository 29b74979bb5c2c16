"""A broken data folder (``data_dir=`` or ``--data-dir``) is refused, never read to a wrong table.

Each test copies ``data/`` to a temporary folder and breaks one thing. The loader that reads the broken file
must raise VoteDataError naming the file, the line and the value; the command line that reads it must exit 2
with exactly one line on stderr. Variants that cannot change a table (CR-only line ends, motion ids in
another case or padded with spaces) must give exactly the bundled table.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import analysis
from analysis import VoteDataError
from analysis.cli import main
from analysis.data.schema import DATA_DIR

VOTES_ES7 = ["votes", "A/RES/ES-11/7"]


@dataclass
class Break:
    """Replace ``old`` by ``new`` (the first time) in ``file``; ``new=None``: replace the file by a folder."""

    id: str
    file: str
    old: str
    new: str | None
    loader: str
    value: str | None  # the value the message must quote (None: no value, e.g. a folder)
    argv: list[str] | None = None  # the command line that reads the file (None: no command reads it)
    line: bool = True  # the message must name the line of the change


BREAKS = [
    Break("impossible_date", "motions.csv", "A/RES/ES-11/7,GA,2025-02-24", "A/RES/ES-11/7,GA,2025-02-30",
          "load_motions", "2025-02-30", VOTES_ES7),
    Break("day_month_year_date", "motions.csv", "A/RES/ES-11/7,GA,2025-02-24", "A/RES/ES-11/7,GA,24/02/2025",
          "load_motions", "24/02/2025", VOTES_ES7),
    Break("full_width_tally", "motions.csv", "lasting peace in Ukraine\",93,18,65", "lasting peace in Ukraine\",９３,18,65",
          "load_motions", "９３", VOTES_ES7),
    Break("superscript_tally", "motions.csv", "lasting peace in Ukraine\",93,18,65", "lasting peace in Ukraine\",⁹³,18,65",
          "load_motions", "⁹³", VOTES_ES7),
    Break("negative_tally", "motions.csv", "lasting peace in Ukraine\",93,18,65", "lasting peace in Ukraine\",93,-18,65",
          "load_motions", "-18", VOTES_ES7),
    Break("tally_beyond_64_bits", "motions.csv", "lasting peace in Ukraine\",93,18,65",
          "lasting peace in Ukraine\",99999999999999999999,18,65", "load_motions", "99999999999999999999", VOTES_ES7),
    Break("na_tally", "motions.csv", "lasting peace in Ukraine\",93,18,65", "lasting peace in Ukraine\",93,18,NA",
          "load_motions", "NA", VOTES_ES7),
    Break("duplicated_header", "motions.csv", "yes,no,abstain", "yes,yes,abstain", "load_motions", "yes", VOTES_ES7),
    Break("motion_listed_twice_in_two_spellings", "motions.csv", "A/RES/ES-11/8,GA", "a/res/es-11/7 ,GA",
          "load_motions", None, VOTES_ES7),
    Break("body_contradicts_symbol", "motions.csv", "A/RES/ES-11/7,GA", "A/RES/ES-11/7,SC", "load_motions", "SC",
          VOTES_ES7),
    Break("veto_by_unknown_member", "motions.csv", "permanent member: Russian Federation)",
          "permanent member: Soviet Union)", "load_motions", "Soviet Union", ["motions"]),
    Break("motions_is_a_folder", "motions.csv", "", None, "load_motions", None, VOTES_ES7, line=False),
    Break("votes_is_a_folder", "votes.csv", "", None, "load_votes", None, VOTES_ES7, line=False),
    Break("unknown_vote", "votes.csv", "A/RES/ES-11/7,UKR,Y", "A/RES/ES-11/7,UKR,maybe", "load_votes", "maybe",
          VOTES_ES7),
    Break("full_width_vote", "votes.csv", "A/RES/ES-11/7,UKR,Y", "A/RES/ES-11/7,UKR,Ｙ", "load_votes", "Ｙ",
          VOTES_ES7),
    Break("full_width_member_code", "votes.csv", "A/RES/ES-11/7,UKR,Y", "A/RES/ES-11/7,ＵＫＲ,Y", "load_votes", "ＵＫＲ",
          VOTES_ES7),
    Break("duplicated_votes_header", "votes.csv", "motion,iso3,vote", "motion,iso3,iso3", "load_votes", "iso3",
          VOTES_ES7),
    Break("member_twice", "votes.csv", "A/RES/ES-11/7,UKR,Y", "A/RES/ES-11/7,RUS,Y", "load_votes", "RUS",
          VOTES_ES7),
    Break("empty_motion_id", "votes.csv", "A/RES/ES-11/7,UKR,Y", ",UKR,Y", "load_votes", "", VOTES_ES7),
    Break("unknown_member_in_blocs", "blocs.csv", "EU27,AUT", "EU27,XXX", "load_blocs_2025", "XXX"),
    Break("unknown_member_in_bloc_membership", "bloc_membership.csv", "EU27,AUT,,", "EU27,XXX,,", "load_blocs", "XXX"),
    Break("impossible_joining_date", "bloc_membership.csv", "NATO,FIN,2023-04-04,", "NATO,FIN,2023-04-31,",
          "load_blocs", "2023-04-31"),
    Break("left_before_it_joined", "bloc_membership.csv", "NATO,FIN,2023-04-04,", "NATO,FIN,2023-04-04,2022-01-01",
          "load_blocs", "NATO FIN"),
    Break("snapshot_disagrees_with_the_dated_blocs", "blocs.csv", "NATO,FIN", "ASEAN,FIN", "load_blocs_2025",
          "ASEAN FIN"),
    Break("lower_case_member_in_members", "members.csv", "AFG,Afghanistan", "afg,Afghanistan", "load_members",
          "afg", VOTES_ES7),
    Break("members_is_a_folder", "members.csv", "", None, "load_members", None, VOTES_ES7, line=False),
    Break("council_member_twice", "sc_members_2025.csv", "USA,permanent", "CHN,permanent", "load_sc_members", "CHN",
          VOTES_ES7),
    Break("council_of_2022_member_twice", "sc_members_2022.csv", "USA,permanent", "CHN,permanent",
          "load_sc_members_2022", "CHN", ["votes", "S/2022/155"]),
    Break("council_of_2022_term_outside_2022", "sc_members_2022.csv", "IND,elected,2021-2022", "IND,elected,2023-2024",
          "load_sc_members_2022", "IND 2023-2024", ["votes", "S/2022/155"]),
    Break("council_vote_of_2022_differs_from_its_source", "sc_2022_sources.csv", "S/2022/155,ALB,Y,named in source",
          "S/2022/155,ALB,N,named in source", "load_sc_sources", "S/2022/155 ALB N",
          ["votes", "S/2022/155", "--country", "ALB"]),
    Break("council_vote_basis_unknown", "sc_2022_sources.csv", "S/2022/155,ALB,Y,named in source",
          "S/2022/155,ALB,Y,guessed", "load_sc_sources", "guessed", ["votes", "S/2022/155", "--country", "ALB"]),
    Break("related_tally_with_a_council_symbol", "related_tallies.csv", "2024-07-11,A/RES/78/316",
          "2024-07-11,S/RES/78/316", "load_related_tallies", "S/RES/78/316"),
    Break("related_tally_in_words", "related_tallies.csv", ",99,9,60,official", ",99,9,sixty,official",
          "load_related_tallies", "sixty"),
    Break("context_motion_impossible_date", "ga_context_motions.csv", "A/RES/68/262,2014-03-27",
          "A/RES/68/262,2014-03-32", "load_context_motions", "2014-03-32"),
    Break("context_totals_beyond_193", "ga_context_motions.csv", ",100,11,58,24,767565", ",101,11,58,24,767565",
          "load_context_motions", "A/RES/68/262"),
    Break("context_vote_unknown", "ga_context_votes.csv", "A/RES/68/262,AFG,A", "A/RES/68/262,AFG,maybe",
          "load_context", "maybe"),
    Break("context_member_twice", "ga_context_votes.csv", "A/RES/68/262,AGO,A", "A/RES/68/262,AFG,A",
          "load_context", "AFG"),
    Break("context_counts_differ_from_the_record", "ga_context_votes.csv", "A/RES/68/262,AFG,A",
          "A/RES/68/262,AFG,Y", "load_context", None, line=False),  # counted 101-11-57, the record 100-11-58
    Break("superscript_tile_column", "tile_grid.csv", "AFG,20,5", "AFG,²0,5", "load_tile_grid", "²0"),
    Break("tile_column_beyond_64_bits", "tile_grid.csv", "AFG,20,5", "AFG,99999999999999999999,5", "load_tile_grid",
          "99999999999999999999"),
    Break("unknown_alias_code", "member_aliases.csv", "Turkey,TUR", "Turkey,TRK", "load_aliases", "TRK",
          [*VOTES_ES7, "--country", "Turkey"]),
    Break("article19_maybe", "article19_2025.csv", "AFG,no", "AFG,maybe", "load_article19", "maybe"),
    Break("partial_vote_unknown_confidence", "partial_votes.csv", "A/RES/ES-11/10,RUS,N,high",
          "A/RES/ES-11/10,RUS,N,certain", "load_partial_votes", "certain"),
    Break("partial_vote_confidence_beyond_its_sources", "partial_votes.csv", "A/RES/ES-11/10,ALB,Y,low,1,",
          "A/RES/ES-11/10,ALB,Y,high,1,", "load_partial_votes", "high", ["votes", "ES-11/10", "--country", "ALB"]),
    Break("partial_vote_source_groups_in_words", "partial_votes.csv", "A/RES/ES-11/10,ALB,Y,low,1,",
          "A/RES/ES-11/10,ALB,Y,low,one,", "load_partial_votes", "one"),
    Break("historical_seat_lower_case", "historical_seats.csv", "YUG,Yugoslavia", "yug,Yugoslavia",
          "load_historical_seats", "yug"),
    Break("vote_topic_not_a_kind", "vote_topics.csv", "Return of Ukrainian children,children",
          "Return of Ukrainian children,war", "load_vote_topics", "war"),
    Break("vote_topic_basis_of_spaces", "vote_topics.csv", 'children,"classified from the title: ""Return of Ukrainian '
          'children"""', 'children," \t "', "load_vote_topics", " \t "),
    Break("vote_topic_title_of_spaces", "vote_topics.csv", "Return of Ukrainian children,children",
          "\t,children", "load_vote_topics", "\t"),
    Break("vote_topic_for_a_vote_not_held", "vote_topics.csv", "Return of Ukrainian children,children",
          "Return of Ukrainian children (2027),children", "load_vote_topics", "Return of Ukrainian children (2027)"),
]


def _loader(name: str):
    if name == "load_aliases":  # the alias table is read by the name normalizer
        return lambda data_dir: analysis.to_iso3("Turkey", data_dir=data_dir)
    if name == "load_sc_members_2022":
        return lambda data_dir: analysis.load_sc_members(data_dir=data_dir, year=2022)
    return getattr(analysis, name)


def broken_copy(tmp_path: Path, b: Break) -> tuple[Path, int | None]:
    """A copy of data/ with one thing broken: (folder, line of the change)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / b.file
    if b.new is None:
        path.unlink()
        path.mkdir()
        return folder, None
    text = path.read_text(encoding="utf-8")
    at = text.index(b.old)
    path.write_text(text.replace(b.old, b.new, 1), encoding="utf-8", newline="")
    return folder, text[:at].count("\n") + 1


@pytest.mark.parametrize("b", BREAKS, ids=[b.id for b in BREAKS])
def test_broken_data_folder_is_refused_by_the_api(b, tmp_path):
    folder, line = broken_copy(tmp_path, b)
    with pytest.raises(VoteDataError) as info:
        _loader(b.loader)(data_dir=folder)
    message = str(info.value)
    assert message.startswith(str(folder / b.file)), message
    assert "\n" not in message
    if b.line:
        assert f"{folder / b.file}, line {line}: " in message, message
    if b.value is not None:
        assert repr(b.value) in message, message


@pytest.mark.parametrize("b", [b for b in BREAKS if b.argv], ids=[b.id for b in BREAKS if b.argv])
def test_broken_data_folder_is_refused_by_the_command_line(b, tmp_path, monkeypatch, capsys):
    folder, line = broken_copy(tmp_path, b)
    code = main(["--data-dir", str(folder), *b.argv])
    out, err = capsys.readouterr()
    assert code == 2, out
    assert err.count("\n") == 1 and err.startswith(f"error: {folder / b.file}"), err
    if b.line:
        assert f", line {line}: " in err, err


@pytest.mark.parametrize("b", [BREAKS[0], BREAKS[2]], ids=[BREAKS[0].id, BREAKS[2].id])
def test_broken_data_folder_through_python_m_analysis(b, tmp_path):
    """End to end, as a user runs it: one line on stderr, exit 2, no traceback."""
    folder, line = broken_copy(tmp_path, b)
    run = subprocess.run([sys.executable, "-m", "analysis", "--data-dir", str(folder), *b.argv], capture_output=True,
                         text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith(f"error: {folder / b.file}, line {line}: ")
    assert repr(b.value) in run.stderr


def test_missing_data_folder_is_one_line(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "nowhere"), *VOTES_ES7]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "nowhere" in err, err
    with pytest.raises(VoteDataError, match="file not found"):
        analysis.load_votes(data_dir=tmp_path / "nowhere")


# --- tolerated variants of the data folder read to exactly the bundled tables ---------------------------------

def test_tolerated_variants_of_the_data_folder_give_the_bundled_tables(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    motions = folder / "motions.csv"
    motions.write_bytes(motions.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))  # old Mac line ends
    votes = folder / "votes.csv"
    lines = votes.read_text(encoding="utf-8").splitlines()
    spelled = [lines[0]] + [(" " + line.lower() if i % 3 == 0 else "\u00a0" + line if i % 3 == 1 else line)
                            for i, line in enumerate(lines[1:])]
    votes.write_text("\r\n".join(spelled) + "\r\n", encoding="utf-8", newline="")
    assert analysis.load_motions(data_dir=folder).astype(str).equals(analysis.load_motions().astype(str))
    assert analysis.load_votes(data_dir=folder).astype(str).equals(analysis.load_votes().astype(str))


def test_un_symbols_in_the_motions_table_are_case_folded_to_the_canonical_symbol(tmp_path):
    """``a/res/es-11/7`` (padded, lower case) in motions.csv is the motion A/RES/ES-11/7, as in every other door."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    motions = folder / "motions.csv"
    lines = motions.read_text(encoding="utf-8").split("\n")
    lines = [(" " + line.split(",", 1)[0].lower() + "\u00a0," + line.split(",", 1)[1])
             if line.startswith(("A/RES/", "S/RES/")) else line for line in lines]
    motions.write_text("\n".join(lines), encoding="utf-8")
    assert analysis.load_motions(data_dir=folder)["motion"].tolist() == analysis.load_motions()["motion"].tolist()
    assert analysis.load_votes(data_dir=folder).astype(str).equals(analysis.load_votes().astype(str))


# --- the folder is read at call time: a change after the first use is seen -----------------------------------

def test_aliases_broken_after_first_use_are_noticed(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    assert analysis.to_iso3("Turkey", data_dir=folder) == "TUR"
    aliases = folder / "member_aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8").replace("Turkey,TUR", "Turkey,TRK"), encoding="utf-8")
    with pytest.raises(VoteDataError, match=r"member_aliases\.csv, line \d+: .*'TRK'"):
        analysis.to_iso3("Turkey", data_dir=folder)


def test_a_rewritten_table_is_read_again_even_with_the_same_size_and_time(tmp_path):
    """A file replaced by one of the same size with its time kept (cp -p, rsync -t, tar) is read again."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    blocs = folder / "blocs.csv"
    assert "AUT" in set(analysis.load_blocs_2025(data_dir=folder)["iso3"])
    before = blocs.stat()
    blocs.write_bytes(blocs.read_bytes().replace(b"EU27,AUT", b"EU27,XXX", 1))  # same size: CRLF kept
    os.utime(blocs, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert blocs.stat().st_size == before.st_size
    with pytest.raises(VoteDataError, match=r"blocs\.csv, line 2: .*'XXX'"):
        analysis.load_blocs_2025(data_dir=folder)


@pytest.mark.parametrize("name, loader", [("votes.csv", "load_votes"), ("ga_context_votes.csv", "load_context")])
def test_a_header_that_is_not_utf8_is_one_line_not_a_traceback(tmp_path, capsys, name, loader):
    """pyarrow's fast read raised UnicodeDecodeError on a non-UTF-8 header (a traceback from export, update-data and
    the report's check); the line-by-line reader names the file and line."""
    import shutil

    folder = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    raw = (folder / name).read_bytes()
    (folder / name).write_bytes(raw.replace(b"vote", b"vot\xe9", 1))
    with pytest.raises(VoteDataError, match=rf"{name}, line 1: not UTF-8 text"):
        getattr(analysis, loader)(data_dir=folder)
    assert main(["--data-dir", str(folder), *(["export", "--context"] if "context" in name else VOTES_ES7)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not UTF-8 text" in err


def test_a_blank_or_unused_row_of_vote_topics_is_refused_with_its_line(tmp_path):
    """vote_topics.csv: a required text of spaces only is empty, and a kind for a title that no General Assembly
    resolution of motions.csv and no vote of related_tallies.csv has is a row for a vote the data does not hold:
    both refused, never read (the report reads the table through Tables, which refuses the same)."""
    blank = next(b for b in BREAKS if b.id == "vote_topic_basis_of_spaces")
    folder, line = broken_copy(tmp_path / "blank", blank)
    with pytest.raises(VoteDataError) as info:
        analysis.load_tables(folder).check()
    assert str(info.value) == f"{folder / 'vote_topics.csv'}, line {line}: basis is empty (it holds only white " \
                              "space): ' \\t '"
    unused = next(b for b in BREAKS if b.id == "vote_topic_for_a_vote_not_held")
    folder, line = broken_copy(tmp_path / "unused", unused)
    with pytest.raises(VoteDataError) as info:
        analysis.load_tables(folder).vote_topics
    assert str(info.value) == (f"{folder / 'vote_topics.csv'}, line {line}: no General Assembly resolution of "
                               "motions.csv and no vote of related_tallies.csv has this title: a kind for a vote the "
                               "data does not hold (add the vote first, or remove the row): 'Return of Ukrainian "
                               "children (2027)'")
