"""With load_tables(data_dir=X) every number and name comes from X: a measure, a figure, the CLI and the report's
findings all read the folder they are given, and nothing reads the bundled data behind the caller's back."""

from pathlib import Path

from conftest import run_cli

from analysis import changed_votes, load_tables
from analysis.output.tilemap import tile_map, tile_svg
from analysis.report.findings import key_findings

RENAMED = "Republic of Testland"


def renamed_copy(data_copy: Path) -> Path:
    members = data_copy / "members.csv"
    text = members.read_text(encoding="utf-8")
    assert "USA,United States of America," in text
    members.write_text(text.replace("USA,United States of America,", f"USA,{RENAMED},"), encoding="utf-8")
    return data_copy


def test_a_measure_a_figure_the_cli_and_the_findings_use_the_folder_given(data_copy, capsys):
    folder = renamed_copy(data_copy)
    tables = load_tables(folder)
    assert tables.folder == folder
    moved = changed_votes(tables.votes, "A/RES/ES-11/7", "A/RES/ES-11/8", tables.members).set_index("iso3")
    assert moved.loc["USA", "name"] == RENAMED
    svg = tile_svg(tile_map(tables.votes, "ES-11/7", grid=tables.tile_grid, members=tables.members))
    assert f"{RENAMED} (USA): No" in svg and "United States of America" not in svg
    code, out, _ = run_cli(capsys, "--data-dir", str(folder), "votes", "ES-11/7", "--country", "USA")
    assert code == 0 and RENAMED in out
    code, out, _ = run_cli(capsys, "--data-dir", str(folder), "country", "USA")
    assert code == 0 and out.startswith(f"{RENAMED} (USA)")
    findings = " ".join(f.text for f in key_findings(tables))
    assert "93-18-65" in findings


def test_the_bundled_tables_are_untouched_by_a_copy(data_copy, tables):
    renamed_copy(data_copy)
    load_tables(data_copy).members  # loading the copy caches nothing that the bundled folder then returns
    assert tables.name("USA") == "United States of America"
    assert load_tables().name("USA") == "United States of America"
