"""Shared fixtures: the bundled tables (loaded once) and a writer for small CSV files.

``analysis`` is imported inside the fixtures, not here: pytest-xdist's controller loads this file before it
starts the workers, and has no use for pandas.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tables():
    """The bundle of the bundled data folder, each table loaded once for the whole session."""
    from analysis import load_tables

    return load_tables()


@pytest.fixture(scope="session")
def votes(tables):
    return tables.votes


@pytest.fixture(scope="session")
def motions(tables):
    return tables.motions


@pytest.fixture(scope="session")
def members(tables):
    return tables.members


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the bundled data folder, to change or to update."""
    import shutil

    from analysis.data.schema import DATA_DIR

    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """The command line run in this process: (exit code, stdout, stderr)."""
    from analysis.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text or bytes) -> path of a new file in a temporary folder."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


#: The test files that take longest, slowest first (measured under make test; benchmarks/README.md). make test's
#: workers take whole files in collection order (pytest-xdist's --dist loadfile --no-loadscope-reorder), so these
#: start first and the short files fill in at the end: both workers finish together instead of one waiting on
#: the maps notebook. Only an order: a file not listed keeps its place after them, and a file's own tests (a
#: notebook's cells) keep theirs. test_report_site builds the whole report when any input changed (about 45 s).
SLOWEST_FIRST = (
    "tests/test_report_site.py", "tests/test_update.py", "tests/test_cli.py", "tests/test_wheel.py",
    "tests/test_properties.py",
    "tests/test_plots.py", "notebooks/07_maps.ipynb", "tests/test_report.py", "tests/test_readme.py",
    "notebooks/09_in_context.ipynb", "notebooks/06_alignment.ipynb", "notebooks/01_two_ga_outcomes.ipynb",
    "notebooks/08_one_year_later.ipynb",
    "notebooks/03_abstentions.ipynb", "tests/test_broken_data_dir.py", "notebooks/04_security_council.ipynb",
    "tests/test_notebooks.py", "notebooks/02_amendments.ipynb", "tests/test_benchmark.py",
    "tests/test_bad_inputs.py", "notebooks/05_trajectory.ipynb",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: order within a file kept


class _NoPng:
    """Run in each notebook's kernel before its first cell under nbval: figures are still built and shown, as
    their text form (``<Figure size ...>``, which nbval compares), but not rasterized to PNG, which nbval never
    compares (it skips ``image/png``) and which cost about 5 s of the suite's CPU (2.4 s of it the 27 maps of 07).
    Every figure is still drawn, to PNG and SVG, by the report build that test_report_site makes and checks.

    A plugin registered in :func:`pytest_configure`, not a hook of this file: a conftest's hooks reach only the
    tests of its own folder, and the notebooks are in notebooks/.
    """

    CODE = 'get_ipython().display_formatter.formatters["image/png"].enabled = False'

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item):
        result = yield
        notebook = item.parent
        kernel = getattr(notebook, "kernel", None)  # an nbval notebook (IPyNbFile) once its kernel has started
        started = type(item).__name__ == "IPyNbCell" and kernel is not None
        if started and notebook.stash.get(_PNG_OFF, None) is not kernel:
            sent = kernel.execute_cell_input(self.CODE, allow_stdin=False)
            kernel.await_reply(sent, timeout=60)
            kernel.await_idle(sent, timeout=60)
            notebook.stash[_PNG_OFF] = kernel  # once per kernel
        return result


_PNG_OFF = pytest.StashKey[object]()


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_NoPng(), "unvotes-no-png")


def _data_stamps() -> dict[str, tuple[int, int]]:
    from analysis.data.schema import DATA_DIR

    return {p.relative_to(DATA_DIR).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(DATA_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_DATA_BEFORE] = _data_stamps()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test writes into the bundled data/ (an update, an export, a README example): a run that did fails."""
    before = session.config.stash.get(_DATA_BEFORE, None)
    if before is None:
        return
    after = _data_stamps()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if changed:
        session.config.get_terminal_writer().line(f"data/ was changed by the test run: {', '.join(changed[:5])}",
                                                  red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_DATA_BEFORE = pytest.StashKey[dict]()
