"""make test's own set-up: the order hint of conftest.py names real files, and the Makefile uses it."""

from pathlib import Path

from conftest import SLOWEST_FIRST

ROOT = Path(__file__).resolve().parent.parent


def test_every_file_of_the_order_hint_exists_once():
    assert len(set(SLOWEST_FIRST)) == len(SLOWEST_FIRST)
    assert [name for name in SLOWEST_FIRST if not (ROOT / name).is_file()] == []


def test_make_test_keeps_files_whole_and_in_that_order():
    command = next(line for line in (ROOT / "Makefile").read_text().splitlines() if "-m pytest -n" in line)
    assert "--dist loadfile" in command and "--no-loadscope-reorder" in command
