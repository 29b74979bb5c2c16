"""Shared fixtures: the bundled tables (loaded once) and a writer for small CSV files.

``analysis`` is imported inside the fixtures, not here: pytest-xdist's controller loads this file before it
starts the workers, and has no use for pandas.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def votes():
    from analysis import load_votes

    return load_votes()


@pytest.fixture(scope="session")
def motions():
    from analysis import load_motions

    return load_motions()


@pytest.fixture(scope="session")
def members():
    from analysis import load_members

    return load_members()


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
