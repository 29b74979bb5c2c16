"""One title, one version, one licence: README, report, data package descriptor and CITATION.cff agree."""

import json
import re
import tomllib
from pathlib import Path

from analysis.data import datapackage
from analysis.data.schema import DATA_DIR
from analysis.report import index

ROOT = Path(__file__).resolve().parent.parent


def cff(key: str) -> str:
    """A top-level scalar of CITATION.cff (quoted or not)."""
    match = re.search(rf"^{re.escape(key)}: *(.+)$", (ROOT / "CITATION.cff").read_text(encoding="utf-8"), re.M)
    assert match, key
    return match.group(1).strip().strip('"')


def test_the_title_is_the_same_in_all_four_places():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[0]
    descriptor = json.loads((DATA_DIR / datapackage.FILE).read_text(encoding="utf-8"))
    titles = {"README": readme.removeprefix("# "), "report": index.TITLE, "descriptor": descriptor["title"],
              "CITATION.cff": cff("title")}
    assert set(titles.values()) == {datapackage.TITLE}, titles


def test_version_licence_and_authors_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    descriptor = json.loads((DATA_DIR / datapackage.FILE).read_text(encoding="utf-8"))
    assert cff("version") == descriptor["version"] == project["version"]
    assert cff("license") == project["license"] == "MIT" == descriptor["licenses"][0]["name"]
    assert project["authors"] == [{"name": datapackage.AUTHORS}]
    assert "Copyright (c) 2025-2026 The unvotes-ukraine-2025 contributors" in (ROOT / "LICENSE").read_text()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"version = {{{project['version']}}}" in readme and f"title   = {{{datapackage.TITLE}}}" in readme


def test_the_report_index_carries_the_title():
    page = index.index_page([], [], "0.1.0", "abc")
    assert f"<h1>{datapackage.TITLE}</h1>" in page and f"<title>{datapackage.TITLE}</title>" in page
