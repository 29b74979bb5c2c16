"""The report builder: pages per notebook, an index, figures with their data, and only its own files replaced."""

import os
import threading
import time

import nbformat
import pytest
from conftest import run_cli

from analysis.data.schema import VoteDataError
from analysis.report import build as build_module
from analysis.report import files
from analysis.report.build import build
from analysis.report.execute import INJECTED_TAG, inject_parameters
from analysis.report.files import BACKUP, MANIFEST, ReportError, clean, install, locked, read_manifest, recover


def small_notebook(folder, figure="small"):
    """A two-cell notebook in the project's layout: a parameters cell, then a published figure."""
    folder.mkdir(exist_ok=True)
    first = nbformat.v4.new_code_cell("FIGURES = None\nfrom analysis import load_votes, tally, plots",
                                      metadata={"tags": ["parameters"]})
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A small question\n\n**Question.** How many `yes` votes?\n\n## Section one"),
        first,
        nbformat.v4.new_code_cell(
            "counts = tally(load_votes(), ['A/RES/ES-11/7'])\n"
            "fig = plots.stacked_bars(counts[['Y','N','A','X']], 'Small title')\n"
            f"plots.publish(fig, {figure!r}, counts, FIGURES)\nprint(counts.loc['A/RES/ES-11/7', 'Y'])"),
    ])
    nbformat.write(notebook, folder / "01_small.ipynb")
    return folder


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """A report built from a folder without notebooks (its index, explorer and download), once for the module."""
    folder = tmp_path_factory.mktemp("bare")
    return build(folder / "none", folder / "out")


def test_report_without_notebooks_still_writes_an_index(bare):
    index = bare
    assert index.exists()
    assert "No notebooks yet" in index.read_text()
    assert "Key findings" in index.read_text() and "93-18-65" in index.read_text()


def test_report_executes_a_notebook_and_links_its_page_and_figures(tmp_path):
    folder = small_notebook(tmp_path / "nb")
    out = tmp_path / "out"
    (out / "figures" / "sub").mkdir(parents=True)
    (out / "figures" / "my notes.txt").write_text("mine")
    (out / "figures" / "sub" / "keep.csv").write_text("mine too")
    (out / "README.txt").write_text("a reader's file")
    index = build(folder, out)
    page = (out / "01_small.html").read_text()
    assert "93" in page and 'id="fig-small"' in page and 'src="figures/small.png"' in page
    assert 'href="figures/small.csv"' in page and 'href="figures/small.svg"' in page
    assert '<a class="figure-zoom" href="figures/small.svg"' in page  # a tap on a phone opens it full size
    assert "<details" in page and "In&nbsp;[" not in page and "FIGURES = '" not in page  # injected cell removed
    text = index.read_text()
    assert 'href="01_small.html"' in text and "A small question" in text
    assert "<code>yes</code>" in text and "**Question" not in text  # the question rendered from Markdown
    assert 'href="01_small.html#fig-small"' in text and "Small title" in text
    for name in ("small.png", "small.svg", "small.csv", "thumbs/small.png"):
        assert (out / "figures" / name).is_file(), name
    assert (out / "figures" / "my notes.txt").read_text() == "mine"
    assert (out / "figures" / "sub" / "keep.csv").read_text() == "mine too"
    assert (out / "README.txt").read_text() == "a reader's file"
    assert "figures/small.png" in read_manifest(out) and "README.txt" not in read_manifest(out)
    assert [p.name for p in out.iterdir() if p.name.startswith(".report-build")] == []  # staging cleaned up
    assert nbformat.read(folder / "01_small.ipynb", 4).cells[2].outputs == []  # source notebook untouched


def test_a_failing_notebook_leaves_the_previous_report_as_it_was(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous report")
    (out / MANIFEST).write_text("index.html\n")  # the previous report's own
    folder = tmp_path / "nb"
    folder.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell(
        "raise RuntimeError('broken on purpose')")]), folder / "01_small.ipynb")
    with pytest.raises(ReportError, match="01_small.ipynb failed"):
        build(folder, out)
    assert (out / "index.html").read_text() == "previous report"
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "index.html"]


def test_a_figures_folder_linked_outside_is_never_written_through(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "precious.png").write_text("not the report's")
    (outside / "01_small.png").write_text("named like a figure, still not the report's")
    out = tmp_path / "out"
    out.mkdir()
    (out / "figures").symlink_to(outside, target_is_directory=True)
    (out / MANIFEST).write_text("figures/precious.png\nfigures/01_small.png\n../elsewhere/precious.png\n")
    with pytest.raises(ReportError, match="symbolic link"):
        build(tmp_path / "none", out)
    assert sorted(p.name for p in outside.iterdir()) == ["01_small.png", "precious.png"]
    assert (outside / "precious.png").read_text() == "not the report's"
    assert (out / "figures").is_symlink() and not (out / "index.html").exists()


def test_install_replaces_only_its_own_files(tmp_path):
    out = tmp_path / "out"
    (out / "figures" / "sub").mkdir(parents=True)
    for name in ("figures/old.png", "figures/kept.png", "figures/user.png", "figures/sub/user.txt", "old.html"):
        (out / name).write_text("before")
    (out / MANIFEST).write_text("# header\nfigures/old.png\nfigures/kept.png\nold.html\n/etc/passwd\n../x\n")
    staging = tmp_path / "staging"
    (staging / "figures").mkdir(parents=True)
    (staging / "figures" / "kept.png").write_text("after")
    (staging / "index.html").write_text("after")
    assert install(staging, out) == ["figures/kept.png", "index.html"]
    assert not (out / "figures" / "old.png").exists() and not (out / "old.html").exists()
    assert (out / "figures" / "kept.png").read_text() == "after"
    assert (out / "figures" / "user.png").read_text() == "before"
    assert (out / "figures" / "sub" / "user.txt").read_text() == "before"
    assert read_manifest(out) == ["figures/kept.png", "index.html"]


def test_install_removes_a_stale_link_but_not_its_target(tmp_path):
    target = tmp_path / "target.png"
    target.write_text("outside")
    out = tmp_path / "out"
    out.mkdir()
    (out / "gone.png").symlink_to(target)
    (out / MANIFEST).write_text("gone.png\n")
    staging = tmp_path / "staging"
    staging.mkdir()
    install(staging, out)
    assert not os.path.lexists(out / "gone.png") and target.read_text() == "outside"


def test_install_refuses_a_folder_where_it_writes_a_file(tmp_path):
    out = tmp_path / "out"
    (out / "index.html").mkdir(parents=True)
    (out / "index.html" / "mine.txt").write_text("x")
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "index.html").write_text("report")
    with pytest.raises(ReportError, match="folder where the report writes a file"):
        install(staging, out)
    assert (out / "index.html" / "mine.txt").read_text() == "x"


def test_parameters_are_injected_after_the_tagged_cell():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell(
        "FIGURES = None", metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell("x = 1")])
    inject_parameters(notebook, "/tmp/figs")
    assert notebook.cells[2].source == "FIGURES = '/tmp/figs'\nDATA_DIR = None"
    other = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("FIGURES = None", metadata={"tags": ["parameters"]})])
    inject_parameters(other, None, "/my/data")
    assert other.cells[1].source == "FIGURES = None\nDATA_DIR = '/my/data'"
    assert INJECTED_TAG in notebook.cells[2].metadata["tags"]


def test_clean_removes_only_what_the_report_wrote(tmp_path):
    out = tmp_path / "out"
    staging = tmp_path / "staging"
    (staging / "figures" / "thumbs").mkdir(parents=True)
    for name in ("index.html", "figures/a.png", "figures/thumbs/a.png"):
        (staging / name).write_text("report")
    install(staging, out)
    (out / "figures" / "notes.txt").write_text("mine")
    assert sorted(clean(out)) == ["figures/a.png", "figures/thumbs/a.png", "index.html"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["figures", "figures/notes.txt"]


def test_the_report_offers_the_data_as_one_zip_that_reads_back(bare, tmp_path, tables):
    """The download: every exported table, its descriptor and the data README, deterministic, CSVs that read back."""
    import io
    import json
    import zipfile

    import pandas as pd

    from analysis.data.exports import ROLL_CALLS
    from analysis.data.members import member_codes
    from analysis.data.schema import TABLES, read_table, read_table_fast
    from analysis.output.export import roll_call_table
    from analysis.report.download import NAME, ZIP, write_download

    index = bare
    assert f'href="{ZIP}"' in index.read_text() and 'id="download"' in index.read_text()
    with zipfile.ZipFile(bare.parent / ZIP) as archive:
        names = archive.namelist()
        files = {name.removeprefix(f"{NAME}/"): archive.read(name) for name in names}
    assert names == sorted(names) and all(n.startswith(f"{NAME}/") for n in names)
    assert {"roll_calls.csv", "roll_calls_wide.csv", "partial_votes_long.csv", "datapackage.json", "README.md",
            "LICENSE", "CITATION.cff"} | {t.file for t in TABLES.values()} <= set(files)
    descriptor = json.loads(files["datapackage.json"])
    assert {r["path"] for r in descriptor["resources"]} == {n for n in files if n.endswith(".csv")}
    (tmp_path / "roll_calls.csv").write_bytes(files["roll_calls.csv"])
    back = read_table(ROLL_CALLS, tmp_path / "roll_calls.csv", codes=member_codes())[0]
    pd.testing.assert_frame_equal(back, roll_call_table(tables), check_dtype=False)
    wide = pd.read_csv(io.BytesIO(files["roll_calls_wide.csv"]), dtype=str, keep_default_na=False)
    assert len(wide) == 193 and list(wide.columns[:3]) == ["iso3", "member", "regional_group"]
    for name, table in TABLES.items():  # each declared table reads back through its declaration
        (tmp_path / "table.csv").write_bytes(files[table.file])
        if len(files[table.file]) > 1_000_000:  # the context's votes: at once, by the same rules (None if refused)
            assert read_table_fast(name, tmp_path / "table.csv", codes=member_codes()) is not None
            continue
        assert len(read_table(name, tmp_path / "table.csv", codes=member_codes())[0]) > 0 or table.may_be_empty
    from analysis.report.build import ROOT

    again = write_download(tmp_path / "again", tables, ROOT)
    assert again.read_bytes() == (bare.parent / ZIP).read_bytes()  # the same data, the same bytes


# --- what the report will and will not overwrite: fast tests on a tiny folder, no notebook executed -------------


def staged(folder, contents):
    """A staging folder holding ``contents`` (relative path -> text), as a build leaves it for install."""
    for relative, text in contents.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    return folder


def tree(folder):
    """Every entry under ``folder``: a file's text, a link's target (``-> target``), a folder as ``/``."""
    entries = {}
    for top, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = os.path.join(top, name)
            relative = os.path.relpath(path, folder)
            if os.path.islink(path):
                entries[relative] = f"-> {os.readlink(path)}"
            elif os.path.isdir(path):
                entries[relative] = "/"
            else:
                with open(path, encoding="utf-8") as handle:
                    entries[relative] = handle.read()
    return entries


OLD = {"index.html": "old index", "01_a.html": "old page", "figures/a.png": "old a", "figures/gone.png": "old gone"}
NEW = {"index.html": "new index", "01_a.html": "new page", "figures/a.png": "new a", "figures/new/b.png": "new b",
       "02_b.html": "new page 2"}


def previous_report(tmp_path):
    """``out`` holding a report of :data:`OLD` (with its manifest) and a reader's own file."""
    out = tmp_path / "out"
    install(staged(tmp_path / "old", OLD), out)
    (out / "notes.txt").write_text("mine")
    return out


def one_cell_notebooks(folder):
    """A folder holding one notebook of one code cell."""
    folder.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), folder / "01_one.ipynb")
    return folder


@pytest.fixture
def no_notebook_runs(monkeypatch):
    """Fail the test if a notebook is executed (every test below is refused before that)."""
    def refuse(*args, **kwargs):
        raise AssertionError("a notebook was executed")

    monkeypatch.setattr(build_module, "execute_all", refuse)


def test_a_report_folder_that_is_a_link_is_never_written_through(tmp_path, no_notebook_runs):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("not the report's")
    out = tmp_path / "reports"
    out.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ReportError, match=f"^{out} is a symbolic link \\(to {elsewhere}\\);.*nothing was written"):
        build(one_cell_notebooks(tmp_path / "nb"), out)
    with pytest.raises(ReportError, match="is a symbolic link"):
        install(staged(tmp_path / "staging", NEW), out)
    assert tree(elsewhere) == {"index.html": "not the report's"}


@pytest.mark.parametrize("relative", ["index.html", "figures/a.png", MANIFEST])
@pytest.mark.parametrize("where", ["inside", "outside"])
def test_a_file_or_the_manifest_that_is_a_link_is_refused_and_nothing_written(tmp_path, relative, where):
    out = previous_report(tmp_path)
    target = out / "notes.txt" if where == "inside" else tmp_path / "precious.txt"
    target.write_text("not the report's")
    (out / relative).unlink()
    (out / relative).symlink_to(target)
    before = tree(out)
    with pytest.raises(ReportError, match=f"^{out / relative} is a symbolic link \\(to {target}\\); the report "
                                          "never writes through a link it did not make, so nothing was written"):
        install(staged(tmp_path / "staging", NEW), out)
    assert tree(out) == before and target.read_text() == "not the report's"


def test_no_temporary_file_has_a_name_a_link_could_be_waiting_at(tmp_path):
    """Today's and yesterday's predictable names hold links to a file outside: it is never written."""
    out = previous_report(tmp_path)
    precious = tmp_path / "precious.txt"
    precious.write_text("not the report's")
    for name in (f"{MANIFEST}.tmp", f"{MANIFEST}.new", f"{BACKUP}x"):
        (out / name).symlink_to(precious)
    install(staged(tmp_path / "staging", NEW), out)
    assert precious.read_text() == "not the report's" and (out / "index.html").read_text() == "new index"
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == sorted(
        [MANIFEST, f"{MANIFEST}.new", f"{MANIFEST}.tmp", f"{BACKUP}x"])  # the links left alone, nothing else left


def test_a_file_that_is_not_the_reports_own_is_never_replaced_without_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("my own index")
    with pytest.raises(ReportError, match=f"^{out / 'index.html'} is not the report's own file \\(the last "
                                          f"report's {MANIFEST} does not list it\\), so nothing was written: move it"):
        install(staged(tmp_path / "staging", NEW), out)
    assert tree(out) == {"index.html": "my own index"}
    assert install(staged(tmp_path / "staging", NEW), out, force=True) == sorted(NEW)
    assert (out / "index.html").read_text() == "new index" and "index.html" in read_manifest(out)


def test_make_report_names_a_file_not_its_own_in_one_line_before_any_notebook(tmp_path, monkeypatch, capsys,
                                                                              no_notebook_runs):
    out = previous_report(tmp_path)
    (out / "01_one.html").write_text("a page of my own")
    before = tree(out)
    monkeypatch.setattr(build_module, "REPORTS", out)
    monkeypatch.setattr(build_module, "NOTEBOOKS", one_cell_notebooks(tmp_path / "nb"))
    code, stdout, stderr = run_cli(capsys, "report")
    assert code == 2 and stdout == "" and stderr.count("\n") == 1
    assert stderr.startswith(f"error: {out / '01_one.html'} is not the report's own file") and "--force" in stderr
    assert tree(out) == before
    with pytest.raises(SystemExit):
        run_cli(capsys, "report", "--help")
    assert "--force" in capsys.readouterr().out


def test_a_broken_data_folder_is_one_line_before_any_notebook_and_the_report_stays(tmp_path, data_copy, monkeypatch,
                                                                                    capsys, no_notebook_runs):
    votes = data_copy / "votes.csv"
    lines = votes.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[3] == "A/RES/68/262,ALB,Y\n"
    lines[3] = "A/RES/68/262,ALB,Q\n"
    votes.write_text("".join(lines), encoding="utf-8")
    out = previous_report(tmp_path)
    before = tree(out)
    monkeypatch.setattr(build_module, "REPORTS", out)
    monkeypatch.setattr(build_module, "NOTEBOOKS", one_cell_notebooks(tmp_path / "nb"))
    code, stdout, stderr = run_cli(capsys, "--data-dir", str(data_copy), "report")
    assert (code, stdout) == (2, "")
    assert stderr == f"error: {votes}, line 4: unknown vote code (expected Y, N, A, X or NV): 'Q'\n"
    assert tree(out) == before
    with pytest.raises(VoteDataError, match=f"^{tmp_path / 'missing'}: the data folder does not exist"):
        build(tmp_path / "nb", out, data_dir=tmp_path / "missing")
    assert tree(out) == before


def _failing_at(call, error):
    """A stand-in for os.replace that raises ``error`` at its ``call``-th call (from 0), and counts the calls."""
    real, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) - 1 == call:
            raise error
        real(source, target)

    return replace, calls


def test_an_install_interrupted_at_any_step_leaves_the_old_report_or_the_new(tmp_path, monkeypatch):
    """Raise from each os.replace of an install in turn (an OSError, then Ctrl-C): the old report comes back."""
    monkeypatch.setattr(os, "fsync", lambda handle: None)  # 40 installs: the disk flushes are not what is tested
    out = previous_report(tmp_path / "run")
    replace, calls = _failing_at(-1, None)
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", replace)
        install(staged(tmp_path / "run" / "new", NEW), out)
    new = tree(out)
    assert len(calls) == 10 and new["index.html"] == "new index" and "figures/gone.png" not in new
    assert new["notes.txt"] == "mine" and new[MANIFEST].endswith("02_b.html\nfigures/a.png\nfigures/new/b.png\n"
                                                                  "index.html\n")
    for step in range(len(calls)):  # Ctrl-C takes the same way back: tried first, half way and at the manifest
        errors = [(OSError(28, "No space left on device"), ReportError)] + [(KeyboardInterrupt(), None)] * (
            step in (0, 4, len(calls) - 1))
        for error, raised in errors:
            folder = tmp_path / f"{step}-{raised is None}"
            out = previous_report(folder)
            before = tree(out)
            with monkeypatch.context() as patch:
                patch.setattr(os, "replace", _failing_at(step, error)[0])
                with pytest.raises(raised or KeyboardInterrupt) as caught:
                    install(staged(folder / "new", NEW), out)
            assert tree(out) == before, step
            if raised:
                assert str(caught.value).endswith("so it was undone: the folder is as it was before this build")


@pytest.mark.parametrize("call", [0, 1])
def test_an_interrupted_write_of_the_journal_or_the_manifest_leaves_the_old_report(tmp_path, monkeypatch, call):
    out = previous_report(tmp_path)
    before = tree(out)
    real, calls = files._write_new, []

    def half_then_fail(path, text):
        calls.append(path)
        if len(calls) - 1 == call:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(text[: len(text) // 2])
            raise OSError(5, "Input/output error")
        real(path, text)

    monkeypatch.setattr(files, "_write_new", half_then_fail)
    with pytest.raises(ReportError, match="Input/output error"):
        install(staged(tmp_path / "new", NEW), out)
    assert tree(out) == before


def test_an_install_killed_at_any_step_is_undone_or_finished_by_the_next_run(tmp_path, monkeypatch):
    """As if killed after each os.replace: nothing undone then; the next run's recovery gives old or new, whole."""
    monkeypatch.setattr(os, "fsync", lambda handle: None)  # 24 installs: the disk flushes are not what is tested
    steps, mixed = 10, 0
    report = {**{r: t for r, t in OLD.items() if r not in NEW}, **NEW}  # what an unmixed report has
    for step in range(steps + 1):
        folder = tmp_path / str(step)
        out = previous_report(folder)
        before = tree(out)
        with monkeypatch.context() as patch:
            patch.setattr(os, "replace", _failing_at(step, OSError("killed"))[0])
            patch.setattr(files, "_undo", lambda root, backup: None)  # a killed process undoes nothing
            if step < steps:
                with pytest.raises(ReportError):
                    install(staged(folder / "new", NEW), out)
            else:
                install(staged(folder / "new", NEW), out)
        left = {r: tree(out).get(r) for r in report}
        mixed += left != {r: OLD.get(r) for r in report} and left != {r: NEW.get(r) for r in report}
        with locked(out):
            recover(out)
        assert tree(out) == before if step < steps else tree(out)["index.html"] == "new index", step
        assert not list(out.glob(f"{BACKUP}*"))
    assert mixed >= 3  # the test saw half-done installs, and each was undone
    out = previous_report(tmp_path / "next")
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", _failing_at(6, OSError("killed"))[0])
        patch.setattr(files, "_undo", lambda root, backup: None)
        with pytest.raises(ReportError):
            install(staged(tmp_path / "next" / "new", NEW), out)
    install(staged(tmp_path / "next" / "new2", NEW), out)  # the next build puts the old back, then installs
    assert {r: tree(out)[r] for r in NEW} == NEW and "figures/gone.png" not in tree(out)


def test_a_second_install_waits_for_the_first(tmp_path):
    out = previous_report(tmp_path)
    second = threading.Thread(target=install, args=(staged(tmp_path / "new", NEW), out))
    with locked(out):
        second.start()
        time.sleep(0.2)
        assert (out / "index.html").read_text() == "old index"
    second.join(5)
    assert (out / "index.html").read_text() == "new index"
