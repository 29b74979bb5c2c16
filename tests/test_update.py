"""update-data: refreshing a data folder from a UN Digital Library file, on synthetic Library files.

The Library files here are built from the bundled records (so they agree with
them) plus, where a test needs one, a synthetic full roll call of
A/RES/ES-11/10 consistent with its tally (107-12-51) and its partial record.
That roll call is a test fixture, not data: it never leaves the temporary folders.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import functools
import hashlib
import io
import os
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli as run
from scipy.special import expit
from test_data_manifest import manifest_problems

import analysis
from analysis import VoteDataError, load_context, load_context_motions, load_motions, load_partial_votes, load_votes
from analysis.data.schema import DATA_DIR
from analysis.data.update import UpdateConflict, apply_update, motion_key, plan_update
from analysis.measures.ideal import ideal_points, vote_fit

GA_HEADER = ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
             "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note", "total_yes", "total_no",
             "total_abstentions", "total_non_voting", "total_ms", "undl_link"]
SC_HEADER = ["undl_id", "ms_code", "ms_name", "permanent_member", "ms_vote", "date", "resolution", "draft", "meeting",
             "description", "agenda", "subjects", "vote_note", "modality", "total_yes", "total_no",
             "total_abstentions", "total_non_voting", "total_ms", "undl_link"]
ES10 = "A/RES/ES-11/10"
ES10_META = {"date": "2026-02-24", "draft": "A/ES-11/L.17", "meeting": "A/ES-11/PV.23",
             "title": "Support for lasting peace in Ukraine"}


def synthetic_es11_10(changes: dict[str, str] | None = None) -> pd.DataFrame:
    """A 193-member roll call of ES-11/10: the 52 known votes (16 Y, 12 N, 22 A, 2 X), then the other members by
    code: 91 Y, 29 A, 21 X.

    That gives 107-12-51 with 23 not voting, the official tally. ``changes`` swaps votes afterwards.
    """
    partial = load_partial_votes()
    known = partial[partial["motion"] == ES10].set_index("iso3")["vote"]
    rest = sorted(set(analysis.load_members()["iso3"]) - set(known.index))
    votes = dict(known)
    votes.update(zip(rest, ["Y"] * 91 + ["A"] * 29 + ["X"] * 21))
    votes.update(changes or {})
    return pd.DataFrame({"motion": ES10, "iso3": sorted(votes), "vote": [votes[i] for i in sorted(votes)]})


def write_library_file(path: Path, records: pd.DataFrame, meta: dict[str, dict[str, str]] | None = None,
                       body: str = "GA", motion_ids: dict[str, str] | None = None) -> Path:
    """A member-level Library file in the current column layout, totals from the rows themselves.

    ``meta`` gives date/draft/meeting/title per motion (default: the bundled motions table);
    ``motion_ids`` writes a motion under another spelling (e.g. ``S/RES/2774 (2025)``).
    """
    motions = load_motions().set_index("motion")
    names = {iso3: name.upper() for iso3, name in analysis.load_members()[["iso3", "name"]].itertuples(index=False)}
    permanent = {"CHN", "FRA", "GBR", "RUS", "USA"}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GA_HEADER if body == "GA" else SC_HEADER)
    for number, (motion, group) in enumerate(records.groupby("motion", sort=False)):
        counts = group["vote"].value_counts()
        totals = [int(counts.get(c, 0)) for c in "YNAX"] + [len(group)]
        info = (meta or {}).get(motion)
        if info is None:
            row = motions.loc[motion]
            info = {"date": f"{row['date']:%Y-%m-%d}", "draft": row["draft"], "meeting": row["meeting"],
                    "title": row["title_or_change"]}
        shown = (motion_ids or {}).get(motion, motion)
        for iso3, vote in zip(group["iso3"], group["vote"]):
            name = names[iso3]
            if body == "GA":
                writer.writerow([4000000 + number, iso3, name, vote, info["date"], "ES-11", shown, info["draft"], "",
                                 info["meeting"], info["title"], "Agenda item 5", "UKRAINE--POLITICAL CONDITIONS", "",
                                 *totals, f"https://digitallibrary.un.org/record/{4000000 + number}"])
            else:
                writer.writerow([4000000 + number, iso3, name, iso3 in permanent, vote, info["date"], shown, "",
                                 info["meeting"], info["title"], "Ukraine", "UKRAINE", "", "Voting", *totals,
                                 f"https://digitallibrary.un.org/record/{4000000 + number}"])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def other_motion() -> pd.DataFrame:
    """A motion neither the package nor its context holds, dated before the context's last date (2021-12-24), so
    not used by update-data (a GA roll call after that date would extend the context)."""
    return pd.DataFrame({"motion": "A/RES/65/999", "iso3": ["FRA", "DEU", "RUS"], "vote": ["Y", "Y", "N"]})


def bundled_ga() -> pd.DataFrame:
    votes = load_votes()
    return votes[votes["motion"].str.startswith("A/")].astype(str)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """The bundled GA records plus a full ES-11/10 roll call (its rows in reverse code order) and another motion."""
    es10 = synthetic_es11_10().iloc[::-1]
    records = pd.concat([other_motion(), bundled_ga(), es10], ignore_index=True)
    return write_library_file(tmp_path_factory.mktemp("library") / "ga_voting.csv", records, {ES10: ES10_META,
                              "A/RES/65/999": {"date": "2010-10-01", "draft": "", "meeting": "", "title": "Other"}})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_motion_key_tolerates_spacing_case_and_unicode_form():
    assert motion_key("S/RES/2774 (2025)") == motion_key("S/RES/2774(2025)") == motion_key(" s/res/2774(2025) ")
    assert motion_key("A/RES/ES-11/10") == motion_key("a/res/es-11/10")
    assert motion_key("A/RES/ES-11/1") != motion_key("A/RES/ES-11/10")
    assert motion_key("A/RES/ES\u002d11/7") == motion_key("A/RES/ES-11/7")


def test_update_adds_es11_10_retires_its_partial_record_and_rewrites_the_manifest(library, data_copy, capsys):
    before = snapshot(data_copy)
    code, out, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(library))
    assert code == 0, err
    assert "compared 20 bundled roll calls with the file, member by member: identical" in out
    assert "added the roll call of A/RES/ES-11/10 (GA, 2026-02-24): 107-12-51, 23 not voting, 193 members" in out
    assert "roll_call 'no' -> 'yes'" in out and "tally 107-12-51 confirmed by the Library record" in out
    assert "retired the 52 partial votes of A/RES/ES-11/10" in out and "52 of 52 agree" in out
    assert "1 other motions not used" in out
    # the context (every recorded GA vote, the Ukraine ones included) takes the file's GA roll calls after
    # 2021-12-24: ES-11/1 to ES-11/10; the 11 it holds already (68/262, the Crimea series) are compared
    assert "compared 11 roll calls of the context (ga_context_votes.csv) with the file, member by member" in out
    assert ("added 10 GA roll calls dated after 2021-12-24 to the context (2022-03-02 to 2026-02-24, sessions 76, "
            "77, 79, 80): ga_context_motions.csv 10 rows, ga_context_votes.csv 1,930 rows appended") in out

    votes = load_votes(data_dir=data_copy)  # validates: 193 members, tally equal to the motions row
    es10 = votes[votes["motion"] == ES10]
    assert len(es10) == 193
    assert es10["vote"].value_counts().to_dict() == {"Y": 107, "A": 51, "X": 23, "N": 12}
    assert sorted(es10.loc[es10["vote"] == "N", "iso3"]) == sorted(
        load_partial_votes().query("vote == 'N' and motion == @ES10")["iso3"])
    row = load_motions(data_dir=data_copy).set_index("motion").loc[ES10]
    assert bool(row["roll_call"]) and row["tally_quality"] == "official"
    assert (row["yes"], row["no"], row["abstain"]) == (107, 12, 51)
    assert row["title_or_change"] == "Support for lasting peace in Ukraine" and row["proposer"] == "Ukraine (46 co-sponsors)"
    # the partial record of the request for separate votes stays: no full record replaces it
    assert set(load_partial_votes(data_dir=data_copy)["motion"]) == {"A/ES-11/PV.23/motion-division"}
    assert "A/RES/65/999" not in set(votes["motion"])
    context = load_context(data_dir=data_copy)
    assert context["motion"].nunique() == 735 and "A/RES/65/999" not in set(context["motion"])
    assert context[context["motion"] == ES10].set_index("iso3")["vote"].equals(es10.set_index("iso3")["vote"])

    after = snapshot(data_copy)
    assert {n for n in after if after[n] != before[n]} == {"votes.csv", "motions.csv", "partial_votes.csv",
                                                           "ga_context_motions.csv", "ga_context_votes.csv",
                                                           "SHA256SUMS"}
    assert set(after) == set(before)  # no temporary file left behind
    # votes.csv: the old bytes, then 193 rows appended with the same CRLF line ends, members by code
    assert after["votes.csv"].startswith(before["votes.csv"])
    appended = after["votes.csv"][len(before["votes.csv"]):].decode().split("\r\n")
    assert appended[-1] == "" and len(appended) == 194
    assert appended[:2] == ["A/RES/ES-11/10,AFG,Y", "A/RES/ES-11/10,AGO,Y"] and appended[-2] == "A/RES/ES-11/10,ZWE,X"
    # motions.csv: exactly one line changed, in place
    old_lines, new_lines = before["motions.csv"].split(b"\r\n"), after["motions.csv"].split(b"\r\n")
    changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert len(old_lines) == len(new_lines) and len(changed) == 1
    assert changed[0][1] == (b"A/RES/ES-11/10,GA,2026-02-24,A/ES-11/PV.23,A/ES-11/L.17,resolution,,Ukraine "
                             b"(46 co-sponsors),Support for lasting peace in Ukraine,107,12,51,adopted,yes,official")
    kept = [line for line in before["partial_votes.csv"].split(b"\r\n") if not line.startswith(ES10.encode())]
    assert after["partial_votes.csv"] == b"\r\n".join(kept) and len(kept) == 5  # header, 3 rows, the last CRLF
    assert manifest_problems(data_copy) == []
    assert after["SHA256SUMS"].count(b"\n") == before["SHA256SUMS"].count(b"\n")

    # a second run finds nothing to do and writes nothing
    code, out, _ = run(capsys, "--data-dir", str(data_copy), "update-data", str(library))
    assert code == 0 and "no change" in out and "compared 21 bundled roll calls" in out
    assert "compared 21 roll calls of the context" in out and "no GA roll call after 2021-12-31 that the " \
        "context lacks" in out
    assert snapshot(data_copy) == after


def test_a_single_changed_vote_stops_the_update_and_writes_nothing(data_copy, tmp_path, capsys):
    records = pd.concat([bundled_ga(), synthetic_es11_10()], ignore_index=True)
    flip = (records["motion"] == "A/RES/ES-11/7") & (records["iso3"] == "FRA")
    assert records.loc[flip, "vote"].tolist() == ["Y"]
    records.loc[flip, "vote"] = "N"
    path = write_library_file(tmp_path / "changed.csv", records, {ES10: ES10_META})
    before = snapshot(data_copy)
    code, out, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "A/RES/ES-11/7 France (FRA): bundled Y, Library file N" in err
    assert "contradicts the bundled data in 1 place(s)" in err and "nothing was written" in err
    assert snapshot(data_copy) == before  # every file byte-identical, ES-11/10 not added either


def test_the_conflict_lists_every_difference(data_copy, tmp_path):
    records = pd.concat([bundled_ga(), synthetic_es11_10()], ignore_index=True)
    records = records[~((records["motion"] == "A/RES/68/262") & (records["iso3"] == "ZWE"))]
    records.loc[(records["motion"] == "A/RES/ES-11/9") & (records["iso3"] == "USA"), "vote"] = "A"
    path = write_library_file(tmp_path / "changed.csv", records, {ES10: ES10_META})
    with pytest.raises(UpdateConflict) as info:
        plan_update(path, data_copy)
    assert [str(d) for d in info.value.differences] == [
        "A/RES/68/262 Zimbabwe (ZWE): bundled N, Library file (none)",
        "A/RES/ES-11/9 United States of America (USA): bundled Y, Library file A"]


# --- one normal form, the folder's own names, a crash-safe single writer ------------------------------------

def write_manifest(folder: Path) -> None:
    """SHA256SUMS of ``folder`` as ``make data-manifest`` writes it."""
    names = sorted((p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                    and p.name not in ("SHA256SUMS", "README.md")), key=str.encode)
    (folder / "SHA256SUMS").write_bytes(b"".join(f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n"
                                                 .encode() for n in names))


@pytest.fixture(scope="module")
def scratch_root(tmp_path_factory):
    """Where the tests below write their data folders: in memory (/dev/shm) where there is one, since they
    make and remove a few hundred folders and a folder costs milliseconds on some disks; else the temp folder."""
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        root = Path(tempfile.mkdtemp(prefix="test_update-", dir="/dev/shm"))
        yield root
        shutil.rmtree(root, ignore_errors=True)
    else:  # pragma: no cover - not Linux
        yield tmp_path_factory.mktemp("scratch")


@pytest.fixture
def scratch(scratch_root, request) -> Path:
    path = scratch_root / request.node.name
    path.mkdir()
    return path


@pytest.fixture(scope="module")
def padded(scratch_root) -> tuple[Path, Path, dict[str, bytes], object]:
    """(Library file, data folder, its snapshot, the plan): the file writes ES-11/7 as A/RES/ES-11/07 and
    ES-11/10 as A/RES/ES-11/010, and France's rows with an empty code and the name GAUL, an alias that only
    this data folder knows. The plan is made once; each test applies it to a fresh copy of the folder."""
    root = scratch_root / "padded"
    folder = Path(shutil.copytree(DATA_DIR, root / "planned" / "data"))
    with open(folder / "member_aliases.csv", "a", encoding="utf-8", newline="") as out:
        out.write("Gaul,FRA,a test alias of this folder only\r\n"
                  if b"\r\n" in (DATA_DIR / "member_aliases.csv").read_bytes() else "Gaul,FRA,a test alias\n")
    write_manifest(folder)
    records = pd.concat([bundled_ga(), synthetic_es11_10()], ignore_index=True)
    library = write_library_file(root / "padded.csv", records, {ES10: ES10_META},
                                 motion_ids={"A/RES/ES-11/7": "A/RES/ES-11/07", ES10: "A/RES/ES-11/010"})
    library.write_text(re.sub(r"^(\d+),FRA,FRANCE,", r"\1,,GAUL,", library.read_text(encoding="utf-8"), flags=re.M),
                       encoding="utf-8")
    return library, folder, snapshot(folder), plan_update(library, folder)


def fresh(padded, place: Path) -> Path:
    """A copy of the padded fixture's data folder at ``place`` (its parent folder holds nothing else), its files
    hard links of the fixture's: an update never writes a file in place (it writes new files), and the fixture's
    snapshot is checked after the tests that use this."""
    place.parent.mkdir(parents=True)
    return Path(shutil.copytree(padded[1], place, symlinks=True, copy_function=os.link))


def beside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name != folder.name)


def test_ids_with_leading_zeros_are_the_bundled_motions_and_the_folder_names_its_own_members(padded):
    """ES-11/07 is ES-11/7 (compared, identical) and ES-11/010 is ES-11/10 (its roll call added, its partial
    record retired), never two new roll calls beside them; GAUL is France in this folder, whose aliases say so."""
    plan = padded[3]
    assert "A/RES/ES-11/7" in plan.compared and [a["motion"] for a in plan.added] == [ES10]
    assert plan.retired == {ES10: 52} and not any("/0" in m for m in plan.selected)
    with pytest.raises(VoteDataError, match=r"unknown country name.*'GAUL'"):  # the bundled folder has no Gaul
        analysis.read_undl(padded[0])


def test_a_full_width_id_is_refused_not_added(data_copy, tmp_path, capsys):
    path = write_library_file(tmp_path / "wide.csv", synthetic_es11_10().iloc[:3], {ES10: ES10_META},
                              motion_ids={ES10: "A/RES/ES-11/\uff11\uff10"})
    before = snapshot(data_copy)
    code, out, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "line 2: motion id holds a character that is not ASCII (U+FF11 FULLWIDTH DIGIT ONE)" in err
    assert snapshot(data_copy) == before


class Killed(BaseException):
    """The process dies here: raised by the checkpoint, with the update's own clean-up switched off."""


def kill_after(update, monkeypatch, step: int) -> None:
    """Make the ``step``-th file operation of the next update its last, as SIGKILL would: no except or finally
    of the update runs but the kernel's (its files and its lock are closed)."""
    calls = iter(range(step, -1, -1))

    def checkpoint(name: str) -> None:
        if next(calls) == 0:
            raise Killed(name)

    monkeypatch.setattr(update, "checkpoint", checkpoint)
    monkeypatch.setattr(update, "recover", lambda folder: [])  # apply's clean-up on an error: a kill skips it


@pytest.fixture
def no_fsync(monkeypatch):
    """fsync is for power loss, not for a killed process; without it the loops below run in a third of the time."""
    import analysis.data.update as update

    monkeypatch.setattr(update.os, "fsync", lambda fd: None)
    return update


@pytest.mark.parametrize("exchange", [True, False], ids=["one_exchange", "two_renames"])
def test_update_killed_after_each_file_operation_leaves_old_or_new_data(padded, scratch, monkeypatch, no_fsync,
                                                                        exchange):
    """Stopped after each file operation in turn: the folder is the old data or the new, byte for byte (so its
    checksums are valid and nothing temporary is inside it); the next run removes what was left beside it (or,
    stopped between two renames, puts the old folder back) and completes."""
    update = no_fsync
    _, source, before, plan = padded
    recover = update.recover
    if not exchange:  # a system without renameat2(RENAME_EXCHANGE): the two-rename fallback
        monkeypatch.setattr(update, "_exchange", lambda a, b: False)
    steps: list[str] = []
    monkeypatch.setattr(update, "checkpoint", steps.append)
    whole = fresh(padded, scratch / "whole" / "data")
    apply_update(dataclasses.replace(plan, data_dir=whole))
    after = snapshot(whole)
    assert after != before and manifest_problems(whole) == [] and beside(whole) == []
    assert steps[0] == "staging folder created" and steps[-1] == "old folder removed" and len(steps) > 10
    for k, step in enumerate(steps):
        folder = fresh(padded, scratch / str(k) / "data")
        kill_after(update, monkeypatch, k)
        with pytest.raises(Killed):
            apply_update(dataclasses.replace(plan, data_dir=folder))
        if folder.exists():
            assert snapshot(folder) in (before, after), f"killed after {step!r}: a mixed folder"
        else:  # between the two renames of the fallback: the folder is missing, both copies are beside it
            assert not exchange and step == "old folder moved aside", step
        assert len(beside(folder)) <= (2 if step == "old folder moved aside" else 1), (step, beside(folder))
        monkeypatch.setattr(update, "checkpoint", lambda name: None)
        recover(folder)  # what the next run does first
        assert beside(folder) == [] and snapshot(folder) in (before, after), step
        if snapshot(folder) == before:
            apply_update(dataclasses.replace(plan, data_dir=folder))
        assert snapshot(folder) == after, step
    assert snapshot(source) == before  # the hard-linked fixture was never written through


def test_a_real_sigkill_in_the_middle_of_an_update(padded, scratch, no_fsync):
    """Real SIGKILLs, of forked children: halfway through writing the new folder (the old data stays) and right
    after the switch (the new data is in place); either way one folder is left beside it, which the next run
    removes."""
    update = no_fsync
    _, _, before, plan = padded
    whole = fresh(padded, scratch / "whole" / "data")
    apply_update(dataclasses.replace(plan, data_dir=whole))
    for target, expected in (("staged votes.csv", before), ("switched", snapshot(whole))):
        folder = fresh(padded, scratch / target.replace(" ", "_") / "data")
        pid = os.fork()
        if pid == 0:  # the child: dies at the step, no clean-up of any kind
            update.checkpoint = lambda name: name == target and os.kill(os.getpid(), signal.SIGKILL)
            try:
                apply_update(dataclasses.replace(plan, data_dir=folder))
            finally:
                os._exit(3)
        status = os.waitpid(pid, 0)[1]
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, target
        assert snapshot(folder) == expected and manifest_problems(folder) == [] and len(beside(folder)) == 1
        update.recover(folder)
        assert beside(folder) == [] and snapshot(folder) == expected


def test_an_exception_during_the_update_leaves_the_old_data(padded, scratch, monkeypatch):
    import analysis.data.update as update

    _, _, before, plan = padded
    for stop in ("staged votes.csv", "staging folder flushed", "switched"):
        folder = fresh(padded, scratch / stop.replace(" ", "_") / "data")

        def interrupt(name: str, stop=stop) -> None:
            if name == stop:
                raise KeyboardInterrupt

        monkeypatch.setattr(update, "checkpoint", interrupt)
        with pytest.raises(KeyboardInterrupt):
            apply_update(dataclasses.replace(plan, data_dir=folder))
        assert beside(folder) == []  # cleaned at once: the old folder (or, once switched, the new one) whole
        assert snapshot(folder) == before if stop != "switched" else manifest_problems(folder) == []


def test_a_second_update_while_one_is_writing_refuses_in_one_line(padded, scratch, monkeypatch, capsys):
    import analysis.data.update as update

    library, _, before, plan = padded
    folder = fresh(padded, scratch / "busy" / "data")
    started, release = threading.Event(), threading.Event()

    def hold(name: str) -> None:
        if name == "staging folder created":
            started.set()
            release.wait(30)

    monkeypatch.setattr(update, "checkpoint", hold)
    first = threading.Thread(target=apply_update, args=(dataclasses.replace(plan, data_dir=folder),))
    first.start()
    try:
        assert started.wait(30)
        code, out, err = run(capsys, "--data-dir", str(folder), "update-data", str(library))
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "another update-data is writing this data folder now" in err and str(folder.parent) in err
        assert snapshot(folder) == before
    finally:
        release.set()
        first.join(30)
    assert manifest_problems(folder) == [] and beside(folder) == []
    # the plan was made before the first update wrote: applying it again is refused, not a lost update
    with pytest.raises(VoteDataError, match="changed since the update was planned"):
        apply_update(dataclasses.replace(plan, data_dir=folder))


def test_checksum_files_written_by_sha256sum_b_or_with_comments_are_kept(tmp_path):
    """A manifest as ``sha256sum -b`` writes it (`` *name``), with a comment line: only the changed files' digests
    change, every other byte is kept; one that is not UTF-8 or not a checksum file is one line, nothing written."""
    from analysis.data.update import _manifest

    path = tmp_path / "SHA256SUMS"
    old = "# written by sha256sum -b\r\n" + "a" * 64 + " *motions.csv\r\n\r\n" + "b" * 64 + " *votes.csv\r\n"
    new = _manifest(old.encode(), {"votes.csv": b"new votes"}, path).decode()
    assert new == old.replace("b" * 64, hashlib.sha256(b"new votes").hexdigest())
    assert _manifest(b"", {"votes.csv": b"v"}, path) == f"{hashlib.sha256(b'v').hexdigest()}  votes.csv\n".encode()
    with pytest.raises(VoteDataError, match=r"SHA256SUMS, line 2: not UTF-8 text .*nothing was written"):
        _manifest(b"0" * 64 + b"  votes.csv\n" + b"0" * 64 + b"  caf\xe9.csv\n", {}, path)
    with pytest.raises(VoteDataError, match=r"SHA256SUMS, line 1: not a checksum line .*'votes.csv 0123'"):
        _manifest(b"votes.csv 0123\n", {}, path)


def test_a_symlinked_votes_file_is_refused_and_says_so(padded, scratch, capsys):
    folder = fresh(padded, scratch / "link" / "data")
    real = scratch / "elsewhere.csv"
    shutil.move(folder / "votes.csv", real)
    (folder / "votes.csv").symlink_to(real)
    before = snapshot(folder)
    code, out, err = run(capsys, "--data-dir", str(folder), "update-data", str(padded[0]))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"votes.csv: is a symbolic link (to {real}): update-data writes the data folder's own files" in err
    assert "never through a link, so nothing was written" in err and snapshot(folder) == before


def test_a_later_es11_resolution_gets_a_motions_row_from_the_file(library, data_copy, tmp_path, capsys):
    later = synthetic_es11_10().assign(motion="A/RES/ES-11/11")
    records = pd.concat([bundled_ga(), synthetic_es11_10(), later], ignore_index=True)
    meta = {ES10: ES10_META, "A/RES/ES-11/11": {"date": "2026-06-30", "draft": "A/ES-11/L.18",
                                                 "meeting": "A/ES-11/PV.24", "title": "Synthetic title, with a comma"}}
    path = write_library_file(tmp_path / "later.csv", records, meta)
    before = (data_copy / "motions.csv").read_bytes()
    code, out, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 0, err
    assert "new row for A/RES/ES-11/11 from the file's metadata" in out
    after = (data_copy / "motions.csv").read_bytes()
    assert after.endswith(b'A/RES/ES-11/11,GA,2026-06-30,A/ES-11/PV.24,A/ES-11/L.18,resolution,,,'
                          b'"Synthetic title, with a comma",107,12,51,adopted,yes,official\r\n')
    assert after.count(b"\r\n") == before.count(b"\r\n") + 1
    assert set(load_votes(data_dir=data_copy)["motion"]) >= {ES10, "A/RES/ES-11/11"}
    assert manifest_problems(data_copy) == []


def test_a_security_council_file_with_another_spelling_of_the_symbol(data_copy, tmp_path, capsys):
    council = load_votes().query("motion == 'S/RES/2774(2025)'").astype(str)
    path = write_library_file(tmp_path / "sc.csv", council, body="SC",
                              motion_ids={"S/RES/2774(2025)": "S/RES/2774 (2025)"})
    before = snapshot(data_copy)
    code, out, _ = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 0
    assert "compared 1 bundled roll calls with the file, member by member: identical (S/RES/2774(2025))" in out
    assert "no change" in out and snapshot(data_copy) == before
    council.loc[council["iso3"] == "FRA", "vote"] = "Y"
    path = write_library_file(tmp_path / "sc2.csv", council, body="SC",
                              motion_ids={"S/RES/2774(2025)": "s/res/2774 (2025)"})
    code, _, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 2 and "S/RES/2774(2025) France (FRA): bundled A, Library file Y" in err
    assert snapshot(data_copy) == before


def test_a_partial_vote_the_library_records_otherwise_is_reported_and_the_record_kept(data_copy, tmp_path, capsys):
    # Saudi Arabia: 'A' in the partial record (low confidence); here the synthetic record has it 'Y' and
    # swaps one unnamed member from Y to A so that the tally stays 107-12-51
    es10 = synthetic_es11_10()
    swap = es10[(es10["vote"] == "Y") & ~es10["iso3"].isin(load_partial_votes()["iso3"])]["iso3"].iat[0]
    records = pd.concat([bundled_ga(), synthetic_es11_10({"SAU": "Y", swap: "A"})], ignore_index=True)
    path = write_library_file(tmp_path / "sau.csv", records, {ES10: ES10_META})
    code, out, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 0, err
    assert "51 of 52 agree with the Library record" in out
    assert "SAU: the partial record said A (low confidence), the Library records Y; the Library record is kept" in out
    assert analysis.votes_on(load_votes(data_dir=data_copy), ES10)["SAU"] == "Y"


def test_a_news_tally_yields_to_the_record_but_an_official_one_stops_the_update(data_copy, tmp_path, capsys):
    es10 = synthetic_es11_10()
    unnamed = es10[(es10["vote"] == "Y") & ~es10["iso3"].isin(load_partial_votes()["iso3"])]["iso3"].iat[0]
    records = pd.concat([bundled_ga(), synthetic_es11_10({unnamed: "A"})], ignore_index=True)  # 106-12-52
    path = write_library_file(tmp_path / "tally.csv", records, {ES10: ES10_META})
    plan = plan_update(path, data_copy)
    assert "tally 107-12-51 (news sources (several agree); not yet in the UN Digital Library voting dataset) -> " \
           "106-12-52 (the Library record)" in plan.summary()
    motions = (data_copy / "motions.csv").read_text(encoding="utf-8")
    (data_copy / "motions.csv").write_text(motions.replace(
        "107,12,51,adopted,no,news sources (several agree); not yet in the UN Digital Library voting dataset",
        "107,12,51,adopted,no,official"), encoding="utf-8", newline="")
    before = snapshot(data_copy)
    code, _, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 2 and "A/RES/ES-11/10 official tally: bundled 107-12-51, Library file 106-12-52" in err
    assert snapshot(data_copy) == before


def test_a_roll_call_that_would_not_validate_is_refused(data_copy, tmp_path, capsys):
    es10 = synthetic_es11_10()
    records = pd.concat([bundled_ga(), es10[es10["iso3"] != "ZWE"]], ignore_index=True)  # 192 members
    path = write_library_file(tmp_path / "short.csv", records, {ES10: ES10_META})
    before = snapshot(data_copy)
    code, _, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 2
    assert err == (f"error: {data_copy / 'votes.csv'}: motion A/RES/ES-11/10: the update from {path} would make this "
                   "file invalid, so nothing was written: a General Assembly roll call must list all 193 members of "
                   "its roster once; found 192 (missing ZWE)\n")
    assert snapshot(data_copy) == before


def test_a_planned_file_that_would_not_validate_names_the_data_folders_file_and_line(data_copy, tmp_path):
    """Validated in a scratch copy, a problem is still told of the data folder's own file, at the line of the file
    as the update would write it: here a new resolution whose Library title is blank (dated 2020, before the
    context's last date, so only motions.csv and votes.csv would take it)."""
    es11 = synthetic_es11_10().assign(motion="A/RES/ES-11/11")
    path = write_library_file(tmp_path / "blank_title.csv", es11, {"A/RES/ES-11/11": {
        "date": "2020-01-15", "draft": "", "meeting": "", "title": "   "}})
    line = (data_copy / "motions.csv").read_bytes().count(b"\n") + 1  # the row appended
    with pytest.raises(VoteDataError) as info:
        plan_update(path, data_copy)
    assert str(info.value) == (f"{data_copy / 'motions.csv'}, line {line}: the update from {path} would make this "
                               "file invalid (the line of the updated file), so nothing was written: title_or_change "
                               "is empty: ''")
    assert "update-data-" not in str(info.value)  # never the scratch copy (tempfile's update-data-XXXX)


def test_dry_run_prints_the_plan_and_writes_nothing(library, data_copy, capsys):
    before = snapshot(data_copy)
    code, out, _ = run(capsys, "--data-dir", str(data_copy), "update-data", str(library), "--dry-run")
    assert code == 0 and "added the roll call of A/RES/ES-11/10" in out and "dry run: nothing written" in out
    assert "added 10 GA roll calls dated after 2021-12-24 to the context" in out  # the context's files too
    assert "SHA256SUMS: new checksums of votes.csv, motions.csv, partial_votes.csv, ga_context_motions.csv, " \
           "ga_context_votes.csv" in out
    assert snapshot(data_copy) == before


def test_the_data_dir_is_the_option_not_the_environment(library, data_copy, monkeypatch, capsys):
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(data_copy))  # read by nothing
    code, out, _ = run(capsys, "--data-dir", str(data_copy), "update-data", str(library), "--dry-run")
    assert code == 0 and f"nothing written to {data_copy}" in out


def test_a_data_folder_that_does_not_validate_is_refused_before_reading_the_file(data_copy, library):
    (data_copy / "partial_votes.csv").write_bytes((data_copy / "partial_votes.csv").read_bytes() +
                                             b"A/RES/ES-11/10,SYR,N,high,3,https://example.org,\r\n")
    with pytest.raises(VoteDataError, match=r"more N votes \(13\) than the motion's tally allows \(12\)"):
        plan_update(library, data_copy)


def test_make_data_runs_update_data():
    makefile = (DATA_DIR.parent / "Makefile").read_text()
    assert "$(PY) -m analysis update-data $(DHL)" in makefile


def test_es11_10_enters_the_trajectory_alignment_and_one_year_notebooks_with_no_code_change(library, data_copy, tmp_path,
                                                                                              monkeypatch, capsys):
    """Once its full record is refreshed in, ES-11/10 appears in 05, 06 and 08, executed unchanged on that data_copy."""
    import nbformat
    from kernels import execute

    from analysis.report.execute import inject_parameters

    assert run(capsys, "--data-dir", str(data_copy), "update-data", str(library))[0] == 0
    folder = DATA_DIR.parent / "notebooks"

    # the three notebooks run one after the other in one kernel (one start instead of three): each
    # notebook's first cell sets up everything it uses, so none depends on another's state
    names = ["05_trajectory.ipynb", "06_alignment.ipynb", "08_one_year_later.ipynb"]
    notebooks = [nbformat.read(folder / name, as_version=4) for name in names]
    for notebook in notebooks:
        inject_parameters(notebook, None, data_copy)  # as the report passes its data folder
    cells = [cell for notebook in notebooks for cell in notebook.cells]
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"  # ids are unique within a notebook, not across three
    executed = execute(cells, folder, tmp_path / "kernel")  # figures built on the new data_copy, shown as text
    assert not any("image/png" in output.get("data", {}) for cell in executed for output in cell.get("outputs", []))
    assert any("Figure" in output.get("data", {}).get("text/plain", "") for cell in executed
               for output in cell.get("outputs", []))
    texts, start = {}, 0
    for name, notebook in zip(names, notebooks):
        part = executed[start:start + len(notebook.cells)]
        start += len(notebook.cells)
        texts[name] = "\n".join(output.get("text", "") + output.get("data", {}).get("text/plain", "")
                                 for cell in part for output in cell.get("outputs", []))

    trajectory = texts["05_trajectory.ipynb"]
    assert "ES-11/9 (2025-12-03), ES-11/10 (2026-02-24)" in trajectory
    assert "Across the 21 recorded votes yes ranged from" in trajectory  # the page's answer counts it (20 before)
    alignment = texts["06_alignment.ipynb"]
    assert "EU majority position: yes on all 21 votes" in alignment  # ES-11/10 among them (20 before)
    one_year = texts["08_one_year_later.ipynb"]
    assert "170 of 170 votes cast are known (full record from the UN Digital Library)" in one_year
    assert "against ES-11/10: 12 of 12 named - the list is complete" in one_year


def test_one_motion_under_two_spellings_is_one_motion_and_so_refused(data_copy, tmp_path):
    """The reader reads 'A/RES/ES-11/10' and 'A/RES/ES-11/10 ' as one motion: its members then appear twice."""
    es10 = synthetic_es11_10()
    records = pd.concat([es10, es10.assign(motion="A/RES/ES-11/10 ")], ignore_index=True)
    path = write_library_file(tmp_path / "twice.csv", records, {ES10: ES10_META, "A/RES/ES-11/10 ": ES10_META})
    with pytest.raises(VoteDataError, match=r"line 195: motion A/RES/ES-11/10: member appears twice in the same "
                                            r"motion: 'AFG'") as info:
        plan_update(path, data_copy)
    assert str(path) in str(info.value)


# --- the context grows: a Library file with GA roll calls after 2021 ---------------------------------------

LATER = [f"A/RES/77/{900 + k}" for k in range(40)]  # invented symbols: 40 roll calls of session 77


@functools.lru_cache(maxsize=1)
def later_records() -> tuple[pd.DataFrame, dict[str, dict[str, str]]]:
    """(records, metadata) of a synthetic GA Library file: ten of the context's roll calls of session 76 (as
    bundled), the bundled GA Ukraine roll calls (20: 68/262, the Crimea series, ES-11/1 to ES-11/9), and 40 invented roll
    calls of session 77, dated 2022-10-03 to 2023-06-30. Each invented roll call is drawn from the model of
    ideal_points with the 2021 positions: the members' ideal points of session 76 and the fitted parameters of
    one of its 40 most divided roll calls; a member that did not vote on that roll call does not vote here
    either. A test fixture, never data: it lives in temporary folders only."""
    context = load_context()
    s76 = context[context["session"] == 76]
    fit = ideal_points(s76)
    items = pd.DataFrame(fit.attrs["items"]).set_index("motion")
    divided = s76[s76["vote"] == "N"].groupby("motion").size().nlargest(40).index
    positions = fit.set_index("iso3")["ideal"]
    rng = np.random.default_rng(77)
    invented = []
    for motion, source in zip(LATER, divided):
        rows = s76[s76["motion"] == source].set_index("iso3")["vote"]
        b, cut_no, cut_yes = items.loc[source, ["discrimination", "cut_no", "cut_yes"]]
        eta = b * positions.reindex(rows.index).fillna(0).to_numpy()
        p_no, p_yes = expit(cut_no - eta), expit(eta - cut_yes)
        u = rng.random(len(rows))
        drawn = np.where(u < p_no, "N", np.where(u < 1 - p_yes, "A", "Y"))
        invented.append(pd.DataFrame({"motion": motion, "iso3": rows.index,
                                      "vote": np.where(rows.eq("X").to_numpy(), "X", drawn)}))
    ukraine = bundled_ga()
    ten = sorted(set(s76["motion"]) - set(ukraine["motion"]))[:10]  # a file holds many of the context's roll calls
    others = s76.loc[s76["motion"].isin(ten), ["motion", "iso3", "vote"]].astype(str)
    records = pd.concat([others, ukraine, *invented], ignore_index=True)
    held = load_context_motions().set_index("motion")
    meta = {m: {"date": f"{held.at[m, 'date']:%Y-%m-%d}", "draft": "", "meeting": "", "title": held.at[m, "title"]}
            for m in ten}
    for motion, day in zip(LATER, pd.date_range("2022-10-03", "2023-06-30", periods=40)):
        meta[motion] = {"date": f"{day:%Y-%m-%d}", "draft": "", "meeting": "", "title": f"Synthetic {motion}"}
    return records, meta


def folder_digest(folder: Path) -> str:
    """One SHA-256 over every file of ``folder`` (names and bytes)."""
    digest = hashlib.sha256()
    for name, content in snapshot(folder).items():
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


@dataclasses.dataclass
class Grown:
    folder: Path                 # the data folder, updated
    out: str                     # what update-data printed
    before: dict[str, bytes]     # the folder's files before the update
    after: dict[str, bytes]      # and after it
    tables: analysis.Tables      # the bundle of the updated folder (its context loaded once, for every test)


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Grown:
    """A copy of data/ (as ``data_copy`` makes it, once for the module) after update-data with the synthetic file
    of :func:`later_records`. (What a dry run of such an update says: test_dry_run_prints_the_plan_and_writes_nothing.)"""
    from analysis.cli import main

    root = tmp_path_factory.mktemp("grown")
    folder = Path(shutil.copytree(DATA_DIR, root / "data"))
    library = write_library_file(root / "ga_voting.csv", *later_records())
    before = snapshot(folder)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--data-dir", str(folder), "update-data", str(library)]) == 0
    return Grown(folder, out.getvalue(), before, snapshot(folder), analysis.load_tables(folder))


def test_the_plan_says_how_many_roll_calls_the_context_gains(grown):
    out = grown.out
    assert ("added 49 GA roll calls dated after 2021-12-24 to the context (2022-03-02 to 2025-12-03, sessions 76, "
            "77, 79, 80): ga_context_motions.csv 49 rows, ga_context_votes.csv 9,457 rows appended") in out
    assert "compared 21 roll calls of the context (ga_context_votes.csv) with the file, member by member: " \
           "identical" in out  # ten of session 76, and the 11 Ukraine roll calls of 2014-2021 the context holds
    assert "compared 20 bundled roll calls with the file" in out and "added the roll call" not in out
    assert "9 of them are the package's roll calls, the same votes as in votes.csv" in out
    assert "wrote ga_context_motions.csv, ga_context_votes.csv, SHA256SUMS" in out


def test_the_context_gains_the_later_roll_calls_in_its_layout_and_nothing_else_changes(grown):
    folder, before, after = grown.folder, grown.before, grown.after
    assert {n for n in after if after[n] != before[n]} == {"ga_context_motions.csv", "ga_context_votes.csv",
                                                           "SHA256SUMS"}
    assert manifest_problems(folder) == []
    for name in ("ga_context_motions.csv", "ga_context_votes.csv"):  # appended, CRLF kept
        assert after[name].startswith(before[name]) and after[name].count(b"\n") == after[name].count(b"\r\n")
    appended = after["ga_context_motions.csv"][len(before["ga_context_motions.csv"]):].decode().splitlines()
    assert appended[0] == "A/RES/ES-11/1,2022-03-02,Aggression against Ukraine,141,5,35,12,4000011"
    assert appended[3].startswith("A/RES/77/900,2022-10-03,Synthetic A/RES/77/900,")
    motions = grown.tables.context_motions
    assert len(motions) == 725 + 49 and motions["date"].is_monotonic_increasing
    assert motions.groupby("session").size().loc[[76, 77, 79, 80]].tolist() == [78 + 3, 43, 2, 1]


def test_the_ukraine_roll_calls_enter_the_context_once_with_the_votes_of_votes_csv(grown):
    context, votes = grown.tables.context, grown.tables.votes
    assert len(context) == (725 + 49) * 193 and not context.duplicated(["motion", "iso3"]).any()
    ukraine = sorted(set(votes["motion"]) & set(context["motion"]))
    assert len(ukraine) == 20  # every GA roll call of votes.csv: 68/262, 10 Crimea, ES-11/1 to ES-11/9
    key = ["motion", "iso3"]
    ours = context[context["motion"].isin(ukraine)][key + ["vote"]].sort_values(key, ignore_index=True)
    theirs = votes[votes["motion"].isin(ukraine)][key + ["vote"]].sort_values(key, ignore_index=True)
    assert ours.astype(str).equals(theirs.astype(str))
    assert votes.equals(load_votes())  # the roll calls themselves did not change


def test_ideal_points_and_cutting_lines_pick_up_the_new_session_with_no_code_change(grown):
    """The fit and the cutting lines of notebook 09 (ideal_points, vote_fit with the nearest session), on the
    grown context: here fitted on its sessions 76 to 80 only, for speed (the notebook fits them all)."""
    tables = grown.tables
    context = tables.context
    ideal = ideal_points(context[context["session"] >= 76])
    s77 = ideal[ideal["session"] == 77].set_index("iso3")
    assert len(s77) == 193 and s77.loc["USA", "ideal"] > 0 > s77.loc["RUS", "ideal"]
    s76 = ideal[ideal["session"] == 76].set_index("iso3")["ideal"]
    assert s77["ideal"].corr(s76) > 0.95  # the invented votes were drawn from the 2021 positions
    votes = tables.votes.merge(tables.motions[["motion", "date"]], on="motion")  # as notebook 09 builds them
    votes["session"] = analysis.ga_session(votes["date"])
    fits = {m: vote_fit(votes, ideal, m) for m in ("A/RES/ES-11/6", "A/RES/ES-11/7")}
    assert (fits["A/RES/ES-11/6"].motion_session, fits["A/RES/ES-11/6"].session) == (77, 77)  # was 76
    assert fits["A/RES/ES-11/7"].session == 79  # ES-11/7 and 8 are in the context now: their own session


def test_a_changed_vote_in_a_context_roll_call_stops_the_update_and_writes_nothing(data_copy, tmp_path, capsys):
    records, meta = later_records()
    held = records[records["motion"].isin(["A/RES/76/10", *LATER])].copy()
    flip = (held["motion"] == "A/RES/76/10") & (held["iso3"] == "FRA")
    assert held.loc[flip, "vote"].tolist() == ["Y"]
    held.loc[flip, "vote"] = "N"
    path = write_library_file(tmp_path / "changed.csv", held, meta)
    before = folder_digest(data_copy)
    code, out, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(path))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "A/RES/76/10 France (FRA): bundled Y, Library file N" in err and "nothing was written" in err
    assert folder_digest(data_copy) == before  # the 40 later roll calls were not added either


def test_a_second_update_adds_a_roll_call_of_the_last_day_the_first_one_added(grown, tmp_path, capsys):
    """After one update grew the context to 2025-12-03 (ES-11/9), a new roll call of that same day in a later file
    is appended (it was skipped as "not after the context's last date"); the roll calls already held are compared."""
    folder = Path(shutil.copytree(grown.folder, tmp_path / "data"))
    context = grown.tables.context
    assert f"{context['date'].max():%Y-%m-%d}" == "2025-12-03"
    same_day = context[context["motion"] == "A/RES/ES-11/9"][["iso3", "vote"]].assign(motion="A/RES/80/901")
    held = context[context["motion"] == LATER[0]][["motion", "iso3", "vote"]]
    meta = {"A/RES/80/901": {"date": "2025-12-03", "draft": "", "meeting": "", "title": "Synthetic A/RES/80/901"},
            LATER[0]: {"date": f"{context.loc[context['motion'] == LATER[0], 'date'].iat[0]:%Y-%m-%d}", "draft": "",
                       "meeting": "", "title": f"Synthetic {LATER[0]}"}}
    path = write_library_file(tmp_path / "next.csv", pd.concat([held, same_day], ignore_index=True), meta)
    code, out, _ = run(capsys, "--data-dir", str(folder), "update-data", str(path))
    assert code == 0 and "added 1 GA roll calls dated after 2021-12-31 to the context" in out, out
    again = analysis.load_context(data_dir=folder)
    assert (again["motion"] == "A/RES/80/901").sum() == 193 and again["motion"].nunique() == context["motion"].nunique() + 1


ES11 = "A/RES/ES-11/11"  # invented: a resolution of the series the data lacks, with a title vote_topics.csv lacks
ES11_META = {ES11: {"date": "2026-03-10", "draft": "A/ES-11/L.99", "meeting": "A/ES-11/PV.99",
                    "title": "A brand new title"}}
NO_KIND = (f"vote_topics.csv: no kind of vote for {ES11}, a General Assembly resolution this update adds (title "
           "'A brand new title'): add its row (title, topic, basis) to vote_topics.csv; the report refuses the data "
           "until it has one (update-data never chooses a kind)")


@pytest.fixture(scope="module")
def new_title(tmp_path_factory) -> Path:
    """A Library file of one invented GA resolution, ES-11/11, with the votes of the synthetic ES-11/10."""
    return write_library_file(tmp_path_factory.mktemp("new_title") / "ga.csv",
                              synthetic_es11_10().assign(motion=ES11), ES11_META)


def test_a_dry_run_names_an_added_resolution_without_a_kind(new_title, data_copy, capsys):
    before = snapshot(data_copy)
    code, out, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(new_title), "--dry-run")
    assert (code, err) == (0, "") and out.splitlines()[-2:] == [NO_KIND, f"dry run: nothing written to {data_copy}"]
    assert snapshot(data_copy) == before


def test_an_added_resolution_without_a_kind_is_written_and_named_with_what_to_do(new_title, data_copy, capsys):
    """update-data writes the votes (facts) of a GA resolution whose title has no row in vote_topics.csv, never
    choosing a kind, and says so, dry run too: the report's folder check refuses the data until the row is added."""
    from analysis import load_vote_topics, topic_of

    before = snapshot(data_copy)
    code, out, err = run(capsys, "--data-dir", str(data_copy), "update-data", str(new_title))
    assert (code, err) == (0, "") and NO_KIND in out.splitlines() and out.splitlines()[-1].startswith("wrote ")
    assert (data_copy / "vote_topics.csv").read_bytes() == before["vote_topics.csv"]  # never written
    assert load_votes(data_dir=data_copy).query("motion == @ES11")["vote"].value_counts().to_dict() == {
        "Y": 107, "A": 51, "X": 23, "N": 12}
    motions = load_motions(data_dir=data_copy)
    titles = motions.loc[motions["body"].eq("GA") & motions["kind"].eq("resolution"), "title_or_change"]
    with pytest.raises(VoteDataError, match="no kind of vote for this title: add its row to vote_topics.csv: "
                                            "'A brand new title'"):
        topic_of(titles, load_vote_topics(data_dir=data_copy))  # what Tables.check, before the report, runs


def test_a_kind_added_before_the_update_is_used_by_it(new_title, data_copy):
    """A row written into vote_topics.csv before the resolution is in the data is refused on its own (a kind for a
    vote the data does not hold), but the update validates it with the planned motions: no instruction then."""
    from analysis import load_vote_topics

    path = data_copy / "vote_topics.csv"
    path.write_bytes(path.read_bytes() + b'A brand new title,peace,"classified from the title: ""new"""\n')
    with pytest.raises(VoteDataError, match=r"line 22: no General Assembly resolution of motions.csv"):
        load_vote_topics(data_dir=data_copy)
    plan = plan_update(new_title, data_copy)
    assert plan.without_kind == [] and "vote_topics.csv" not in plan.summary()
    assert [a["motion"] for a in plan.added] == [ES11]
