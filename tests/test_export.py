"""Data that travels: ``export``, the long and wide roll calls, every table in every format, read back unchanged."""

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli as run

from analysis.data.exports import FORMATS, IDEAL_POINTS, PARTIAL, ROLL_CALLS
from analysis.data.members import member_codes
from analysis.data.schema import TABLES, VoteDataError, read_table, read_table_fast
from analysis.data.votes import load_votes, read_votes
from analysis.output import export

LONG = ["motion", "date", "body", "iso3", "member", "regional_group", "vote", "vote_label"]


def read_back(path, fmt: str) -> pd.DataFrame:
    """An export file read as R or pandas would, dates as dates: CSV through the package's own checked reader."""
    if fmt == "csv":
        return read_table(ROLL_CALLS, path, codes=member_codes())[0]
    frame = pd.DataFrame(json.loads(path.read_text(encoding="utf-8"))) if fmt == "json" else pd.read_parquet(path)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_the_long_roll_calls_carry_names_groups_dates_and_labels(tables):
    long = export.roll_call_table(tables)
    assert list(long.columns) == LONG == ROLL_CALLS.columns
    assert len(long) == len(tables.votes) == 20 * 193 + 4 * 15  # 20 GA roll calls, 4 Council votes
    assert long[["date", "motion", "iso3"]].equals(long[["date", "motion", "iso3"]].sort_values(
        ["date", "motion", "iso3"], ignore_index=True))
    usa = long[(long["motion"] == "A/RES/ES-11/7") & (long["iso3"] == "USA")].iloc[0]
    assert (usa["member"], usa["regional_group"], usa["vote"], usa["vote_label"], usa["body"]) == (
        "United States of America", "Western European and Others", "N", "No", "GA")
    assert f"{usa['date']:%Y-%m-%d}" == "2025-02-24"
    council = export.roll_call_table(tables, ["S/RES/2774 (2025)"])
    assert len(council) == 15 and set(council["body"]) == {"SC"}


def test_the_wide_roll_calls_have_a_row_per_member_and_melt_back(tables):
    long = export.roll_call_table(tables)
    wide = export.roll_call_table(tables, wide=True)
    motions = list(dict.fromkeys(long["motion"]))
    assert list(wide.columns) == ["iso3", "member", "regional_group"] + motions and len(wide) == 193
    assert wide["S/RES/2774(2025)"].notna().sum() == 15
    melted = wide.melt(id_vars=["iso3"], value_vars=motions, var_name="motion", value_name="vote").dropna()
    key = ["motion", "iso3"]
    assert melted.sort_values(key, ignore_index=True).equals(
        long[key + ["vote"]].sort_values(key, ignore_index=True)[melted.columns.tolist()])


def test_a_motion_without_a_roll_call_is_refused_by_name(tables):
    with pytest.raises(VoteDataError, match="no country-level record for this motion"):
        export.roll_call_table(tables, ["A/ES-11/L.12"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_to_the_identical_table(tables, data_copy, tmp_path, fmt):
    long = export.roll_call_table(tables)
    path = tmp_path / f"roll_calls.{fmt}"
    export.write_table(long, path, fmt)
    back = read_back(path, fmt)
    pd.testing.assert_frame_equal(back, long, check_dtype=False)
    # motion, iso3, vote of the export form a project-layout vote file: read_votes and load_votes take it
    (data_copy / "votes.csv").write_text(back[["motion", "iso3", "vote"]].to_csv(index=False), encoding="utf-8")
    again = load_votes(data_dir=data_copy)
    assert again.equals(long[["motion", "iso3", "vote"]].astype(again.dtypes.to_dict()))
    key = ["motion", "iso3"]
    assert again.sort_values(key, ignore_index=True).equals(tables.votes.sort_values(key, ignore_index=True))
    assert read_votes(data_copy / "votes.csv").equals(again)


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_deterministic(tables, fmt):
    long = export.roll_call_table(tables)
    assert export.table_bytes(long, fmt) == export.table_bytes(long.copy(), fmt)


@pytest.mark.parametrize("name", list(TABLES))
def test_every_declared_table_exports_as_a_valid_data_file(tables, tmp_path, name):
    """A CSV export of a bundled table reads back through the same declaration to the same table."""
    exported = export.declared_table(tables, name)
    path = tmp_path / "table.csv"
    export.write_table(exported.frame, path, "csv")
    if len(exported.frame) > 20_000:  # the context's votes: read at once by the same rules (the line-by-line
        back = read_table_fast(name, path, codes=member_codes())  # reader takes 3 s; None if any cell is wrong)
        assert back is not None
    else:
        back = read_table(name, path, codes=member_codes())[0]
    pd.testing.assert_frame_equal(back, exported.frame, check_dtype=False)


def test_the_partial_record_exports_with_confidence_and_source(tables):
    partial = export.partial_table(tables)
    assert list(partial.columns) == PARTIAL.columns and len(partial) == len(tables.partial) == 55  # 52 on ES-11/10, 3 on the division
    assert set(partial["confidence"]) <= {"high", "medium", "low"} and partial["source"].str.startswith("http").all()
    assert set(partial["motion"]) == {"A/RES/ES-11/10", "A/ES-11/PV.23/motion-division"}


def test_the_context_exports_every_recorded_ga_vote_of_2014_2021(tables):
    """The context (tables.context) laid out as the roll calls: 725 roll calls x 193 members, names beside codes."""
    long = export.context_table(tables).frame
    assert len(long) == 139_925 and long["motion"].nunique() == 725
    usa = long[(long["motion"] == "A/RES/68/262") & (long["iso3"] == "USA")].iloc[0]
    assert (usa["member"], usa["vote"], usa["body"]) == ("United States of America", "Y", "GA")
    wide = export.context_table(tables, ["A/RES/68/262"], wide_form=True).frame
    assert len(wide) == 193 and wide.set_index("iso3").at["RUS", "A/RES/68/262"] == "N"


def test_the_package_folder_holds_every_table_its_descriptor_and_readme(tables, tmp_path):
    written = export.write_package(tables, tmp_path / "out")
    names = {p.relative_to(tmp_path / "out").as_posix() for p in written}
    assert {"roll_calls.csv", "roll_calls_wide.csv", "partial_votes_long.csv", "datapackage.json",
            "README.md"} <= names
    assert {t.file for t in TABLES.values()} <= names
    descriptor = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in descriptor["resources"]} == names - {"datapackage.json", "README.md"}


# ---- the command line


def test_export_defaults_to_every_roll_call_as_csv_on_stdout(capsys, tables):
    code, out, err = run(capsys, "export")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and err == "" and len(rows) == len(tables.votes)
    assert list(rows[0]) == LONG and rows[0]["date"] == "2014-03-27"


def test_export_options(capsys, tmp_path):
    code, out, _ = run(capsys, "export", "ES-11/7", "A/ES-11/L.11", "--wide")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 193 and list(rows[0])[3:] == ["A/RES/ES-11/7", "A/RES/ES-11/8"]
    code, out, _ = run(capsys, "export", "--partial", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 55 and json.loads(out)[0]["confidence"]
    code, out, _ = run(capsys, "export", "--table", "motions")
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 36  # every motion of the motions table
    code, _, _ = run(capsys, "export", "--format", "parquet", "-o", str(tmp_path / "votes.parquet"))
    assert code == 0 and len(pd.read_parquet(tmp_path / "votes.parquet")) == 3920
    code, out, _ = run(capsys, "export", "--all", "--format", "json", "-o", str(tmp_path / "all"))
    assert code == 0 and (tmp_path / "all" / "roll_calls_wide.json").is_file()


@pytest.mark.parametrize("argv, message", [
    (["--wide", "--partial"], "--wide applies to the roll calls"),
    (["--all"], "give the folder with -o DIR"),
    (["--table", "members", "ES-11/7"], "MOTION picks roll calls"),
    (["A/ES-11/L.12"], "no country-level record for this motion"),
    (["--table", "nothing"], "invalid choice: 'nothing'"),
    (["--format", "xlsx"], "invalid choice: 'xlsx'"),
])
def test_export_refuses_in_one_line(capsys, argv, message):
    code, out, err = run(capsys, "export", *argv)
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1


def test_votes_csv_is_the_roll_call_and_tally_one_column_set(capsys):
    code, out, _ = run(capsys, "votes", "A/RES/ES-11/7", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 193 and list(rows[0]) == LONG
    code, out, _ = run(capsys, "votes", "S/RES/2774", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 15
    columns = set()
    for motion in ("A/RES/ES-11/7", "A/ES-11/L.12", "S/RES/2774", "ES-11/10"):
        code, out, _ = run(capsys, "votes", motion, "--tally", "--format", "csv")
        (row,) = list(csv.DictReader(io.StringIO(out)))
        columns.add(tuple(row))
        assert code == 0
    assert len(columns) == 1
    code, _, err = run(capsys, "votes", "ES-11/10", "--format", "csv")
    assert code == 2 and "--tally" in err and "export --partial" in err


def test_country_csv_holds_every_section(capsys):
    code, out, _ = run(capsys, "country", "BRA", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    sections = [r["section"] for r in rows]
    assert code == 0 and sections == ["member"] + ["vote"] * 36 + ["agreement"] * 8
    assert {r["iso3"] for r in rows} == {"BRA"}
    assert rows[0]["council"] == "2022: elected member, term 2022-2023; 2025: not on the Council"
    usa = next(r for r in rows if r["section"] == "agreement" and r["partner"].endswith("(USA)"))
    assert usa["period"] == "before 2025" and usa["method"] == "lijphart" and int(usa["n_votes"]) == 17


# ---- the ideal points: a computed table, exported like the others


@pytest.fixture(scope="module")
def session76(tmp_path_factory):
    """(data folder, its bundle, its ideal points): a copy of data/ whose context holds only session 76 (the 78
    roll calls of 14 September to 24 December 2021), so that a fit takes a tenth of a second."""
    import shutil

    from analysis.data.schema import DATA_DIR
    from analysis.data.tables import load_tables
    from analysis.measures.ideal import ideal_points

    folder = Path(shutil.copytree(DATA_DIR, tmp_path_factory.mktemp("session76") / "data"))
    motions = pd.read_csv(folder / "ga_context_motions.csv", dtype=str, keep_default_na=False)
    kept = motions[motions["date"] >= "2021-09-14"]
    kept.to_csv(folder / "ga_context_motions.csv", index=False)
    lines = (folder / "ga_context_votes.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    held = set(kept["motion"])
    (folder / "ga_context_votes.csv").write_text("".join([lines[0]] + [line for line in lines[1:]
                                                                       if line.split(",", 1)[0] in held]),
                                                 encoding="utf-8")
    tables = load_tables(folder)
    return folder, tables, ideal_points(tables.context)


def test_the_ideal_points_export_has_a_row_per_member_and_session_with_names(session76):
    _, tables, ideal = session76
    frame = export.ideal_point_table(tables, ideal).frame
    assert list(frame.columns) == IDEAL_POINTS.columns == ["iso3", "member", "regional_group", "session", "ideal",
                                                           "lower", "upper", "n_votes"]
    assert len(frame) == len(ideal) == 192 and set(frame["session"]) == {76}  # one member cast no vote at all
    usa = frame.set_index("iso3").loc["USA"]
    assert usa["member"] == "United States of America" and usa["regional_group"] == "Western European and Others"
    assert usa["lower"] < usa["ideal"] < usa["upper"] and usa["ideal"] > 0
    # session 76 alone: the United States at one end, Syria at the other (the line is the sessions' own)
    assert frame.sort_values("ideal")["iso3"].iat[0] == "SYR" and frame.sort_values("ideal")["iso3"].iat[-1] == "USA"
    context = tables.context
    kinds = context[context["vote"] != "X"].groupby("motion")["vote"].nunique()
    divided = context["motion"].isin(kinds.index[kinds >= 2])
    assert usa["n_votes"] == int((divided & context["iso3"].eq("USA") & context["vote"].ne("X")).sum())
    assert (frame[["ideal", "lower", "upper"]] == frame[["ideal", "lower", "upper"]].round(4)).all().all()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_ideal_points_round_trip_in_every_format(session76, tmp_path, fmt):
    _, tables, ideal = session76
    frame = export.ideal_point_table(tables, ideal).frame
    path = tmp_path / f"ideal_points.{fmt}"
    export.write_table(frame, path, fmt)
    if fmt == "csv":
        back = read_table(IDEAL_POINTS, path, codes=member_codes())[0]
    else:
        back = pd.DataFrame(json.loads(path.read_text(encoding="utf-8"))) if fmt == "json" else pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)
    assert export.table_bytes(frame, fmt) == export.table_bytes(export.ideal_point_table(tables, ideal).frame, fmt)


def test_export_ideal_points_uses_the_settings_of_country_positions(session76, capsys):
    folder = str(session76[0])
    code, out, err = run(capsys, "--data-dir", folder, "export", "--ideal-points", "--format", "json")
    assert code == 0 and err == ""
    rows = {r["iso3"]: r for r in json.loads(out)}
    code, shown, _ = run(capsys, "--data-dir", folder, "country", "BRA", "--positions", "--format", "json")
    (position,) = json.loads(shown)["ideal_points"]
    assert code == 0 and len(rows) == 192 and rows["BRA"]["session"] == position["session"] == 76
    assert round(rows["BRA"]["ideal"], 2) == position["ideal"] and rows["BRA"]["n_votes"] == position["n_votes"]
    for argv, message in ((["--wide"], "--wide applies to the roll calls"), (["ES-11/7"], "MOTION picks roll calls")):
        code, out, err = run(capsys, "--data-dir", folder, "export", "--ideal-points", *argv)
        assert code == 2 and out == "" and message in err
