"""Shared fixtures: the bundled tables (loaded once) and a writer for small CSV files."""

from __future__ import annotations

from pathlib import Path

import pytest

import analysis


@pytest.fixture(scope="session")
def votes():
    return analysis.load_votes()


@pytest.fixture(scope="session")
def motions():
    return analysis.load_motions()


@pytest.fixture(scope="session")
def members():
    return analysis.load_members()


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
