"""The member table and the name normalizer."""

import pytest

from analysis import (
    VoteDataError,
    blocs_on,
    load_blocs,
    load_blocs_2025,
    load_council,
    load_members,
    load_sc_members,
    name_key,
    to_iso3,
)
from analysis.data.members import REGIONAL_GROUPS


def test_193_members_with_their_groups(members):
    assert len(members) == 193
    assert members["iso3"].is_unique
    counts = members["regional_group"].value_counts().to_dict()
    assert counts == {"African": 54, "Asia-Pacific": 54, "Latin American and Caribbean": 33,
                      "Western European and Others": 29, "Eastern European": 23}
    row = members.set_index("iso3").loc["USA"]
    assert (row["name"], row["regional_group"]) == ("United States of America", "Western European and Others")
    assert members.set_index("iso3").loc["TUR", "regional_group"] == "Western European and Others"
    assert members.set_index("iso3").loc["KIR", "regional_group"] == "Asia-Pacific"
    assert set(members["regional_group"]) == set(REGIONAL_GROUPS)


def test_every_un_name_upper_case_and_code_maps_to_its_own_iso3(members):
    for iso3, name in zip(members["iso3"], members["name"]):
        assert to_iso3(name) == iso3, name
        assert to_iso3(name.upper()) == iso3, name.upper()
        assert to_iso3(iso3) == iso3
        assert to_iso3(iso3.lower()) == iso3


@pytest.mark.parametrize("name, iso3", [
    ("BOLIVIA (PLURINATIONAL STATE OF)", "BOL"), ("Bolivia", "BOL"), ("Türkiye", "TUR"), ("TÜRKIYE", "TUR"),
    ("Turkey", "TUR"), ("Côte d\u2019Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("CÔTE D'IVOIRE", "CIV"),
    ("Ivory Coast", "CIV"), ("Netherlands (Kingdom of the)", "NLD"), ("Netherlands", "NLD"), ("DPRK", "PRK"),
    ("North Korea", "PRK"), ("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "PRK"), ("South Korea", "KOR"),
    ("USA", "USA"), ("United States", "USA"), ("UK", "GBR"), ("Russia", "RUS"), ("Viet Nam", "VNM"),
    ("Vietnam", "VNM"), ("Syria", "SYR"), ("Iran", "IRN"), ("Czech Republic", "CZE"), ("Swaziland", "SWZ"),
    ("Cape Verde", "CPV"), ("DR Congo", "COD"), ("Congo", "COG"), ("Sao Tome and Principe", "STP"),
    ("São Tomé and Príncipe", "STP"), ("  Saint  Lucia ", "LCA"), ("Micronesia", "FSM"), ("Laos", "LAO"),
])
def test_common_aliases(name, iso3):
    assert to_iso3(name) == iso3


def test_unknown_name_is_refused_with_the_value():
    with pytest.raises(VoteDataError, match=r"unknown country name or code: 'Atlantis'"):
        to_iso3("Atlantis")


def test_ambiguous_name_is_refused_with_candidates():
    with pytest.raises(VoteDataError, match=r"ambiguous country name \(could be KOR or PRK\).*'Korea'"):
        to_iso3("Korea")


def test_observer_state_is_refused_as_non_member():
    with pytest.raises(VoteDataError, match=r"not a UN Member State .*'Holy See'"):
        to_iso3("Holy See")


def test_name_key_folds_accents_case_apostrophes_and_spaces():
    assert name_key("Côte d\u2019Ivoire") == name_key(" COTE  D'IVOIRE") == "cote d'ivoire"


def test_blocs_on_24_february_2025():
    blocs = load_blocs_2025()
    sizes = blocs.groupby("bloc").size().to_dict()
    assert sizes == {"ASEAN": 10, "AU": 54, "BRICS": 10, "EU27": 27, "G7": 7, "NATO": 32}
    assert {"IDN", "EGY", "ETH", "IRN", "ARE"} <= set(blocs.loc[blocs["bloc"] == "BRICS", "iso3"])
    assert "SWE" in set(blocs.loc[blocs["bloc"] == "NATO", "iso3"])
    assert "TLS" not in set(blocs.loc[blocs["bloc"] == "ASEAN", "iso3"])
    # the snapshot is the dated table on that day (load_blocs_2025 refuses the two files if they disagree)
    on_the_day = blocs_on(load_blocs(), "2025-02-24")
    assert sorted(zip(on_the_day["bloc"], on_the_day["iso3"])) == sorted(zip(blocs["bloc"], blocs["iso3"]))


def test_bloc_membership_has_the_dates_of_each_change():
    blocs = load_blocs()
    assert list(blocs.columns) == ["bloc", "iso3", "joined", "left"] and blocs.attrs["source"] == "bloc_membership.csv"
    dated = blocs.dropna(subset=["joined"]).set_index(["bloc", "iso3"])["joined"].dt.strftime("%Y-%m-%d").to_dict()
    assert dated == {("AU", "MAR"): "2017-01-30", ("BRICS", "ARE"): "2024-01-01", ("BRICS", "EGY"): "2024-01-01",
                     ("BRICS", "ETH"): "2024-01-01", ("BRICS", "IDN"): "2025-01-06", ("BRICS", "IRN"): "2024-01-01",
                     ("NATO", "FIN"): "2023-04-04", ("NATO", "MKD"): "2020-03-27", ("NATO", "MNE"): "2017-06-05",
                     ("NATO", "SWE"): "2024-03-07"}
    left = blocs.dropna(subset=["left"])
    assert left[["bloc", "iso3"]].values.tolist() == [["EU27", "GBR"]] and str(left["left"].iat[0].date()) == "2020-01-31"
    assert blocs["joined"].isna().sum() == 131 and blocs["left"].isna().sum() == 140


@pytest.mark.parametrize("date, bloc, size, member, inside", [
    ("2022-03-02", "NATO", 30, "FIN", False),    # NATO without Finland in 2022 (it joined on 4 April 2023)
    ("2023-04-04", "NATO", 31, "FIN", True),     # a member from the day it joined
    ("2019-12-18", "EU27", 28, "GBR", True),     # the EU with the United Kingdom in 2019
    ("2020-01-31", "EU27", 28, "GBR", True),     # its last day as a member
    ("2020-02-01", "EU27", 27, "GBR", False),
    ("2023-02-23", "BRICS", 5, "IRN", False),    # BRICS of 5 before 2024
    ("2024-01-01", "BRICS", 9, "IRN", True),
    ("2025-02-24", "BRICS", 10, "IDN", True),
    ("2014-03-27", "NATO", 28, "MNE", False),
])
def test_blocs_on_a_date(date, bloc, size, member, inside):
    members = blocs_on(load_blocs(), date).query("bloc == @bloc")["iso3"]
    assert len(members) == size and (member in set(members)) is inside


def test_security_council_2025():
    sc = load_sc_members()
    assert sorted(sc.loc[sc["membership"] == "permanent", "iso3"]) == ["CHN", "FRA", "GBR", "RUS", "USA"]
    assert len(sc) == 15


def test_security_council_of_2022_is_not_that_of_2025():
    sc = load_sc_members(year=2022)
    assert sorted(sc.loc[sc["membership"] == "elected", "iso3"]) == [
        "ALB", "ARE", "BRA", "GAB", "GHA", "IND", "IRL", "KEN", "MEX", "NOR"]
    council = load_council()
    assert list(council.columns) == ["year", "iso3", "membership", "term"]
    assert council.groupby("year").size().to_dict() == {2022: 15, 2025: 15}
    both = set(council.loc[council["year"] == 2022, "iso3"]) & set(council.loc[council["year"] == 2025, "iso3"])
    assert sorted(both) == ["CHN", "FRA", "GBR", "RUS", "USA"]  # only the permanent members sat in both
    assert council.set_index(["year", "iso3"]).loc[(2022, "IND"), "term"] == "2021-2022"
    with pytest.raises(VoteDataError, match=r"no Council membership held for this year \(held: 2022, 2025\): 2023"):
        load_sc_members(year=2023)


def test_a_council_roster_that_contradicts_its_year_is_refused(write):
    rows = (load_sc_members(year=2022)).itertuples(index=False)
    text = "iso3,membership,term\n" + "".join(f"{i},{m},{t}\n" for i, m, t in rows)
    with pytest.raises(VoteDataError, match=r"sc_members_2022\.csv, line 10: an elected member's term must include "
                                            r"2022, a permanent member has none: 'IND 2023-2024'"):
        load_sc_members(write("sc_members_2022.csv", text.replace("IND,elected,2021-2022", "IND,elected,2023-2024")),
                        year=2022)


def test_member_table_errors_name_file_line_and_value(write):
    good = load_members()
    rows = ["iso3,name,regional_group"] + [f"{i},{n},{g}" for i, n, g in good.itertuples(index=False)]
    rows[5] = "XX,Nowhere,African"
    with pytest.raises(VoteDataError, match=r"members\.csv, line 6: iso3 must be three capital letters: 'XX'"):
        load_members(write("members.csv", "\n".join(rows)))
    rows[5] = "AGO,Angola,Atlantic"
    with pytest.raises(VoteDataError, match=r"line 6: regional_group must be one of African, .*: 'Atlantic'"):
        load_members(write("members.csv", "\n".join(rows)))
    with pytest.raises(VoteDataError, match=r"members\.csv: expected 193 rows, found 192"):
        load_members(write("members.csv", "\n".join(rows[:5] + rows[6:])))


def test_tile_grid_places_every_member_once_in_its_own_cell():
    from analysis import load_tile_grid

    grid = load_tile_grid()
    assert len(grid) == 193 and grid["iso3"].is_unique
    assert set(grid["iso3"]) == set(load_members()["iso3"])
    assert not grid.duplicated(["col", "row"]).any()
    cell = grid.set_index("iso3")
    assert cell.loc["NOR", "row"] < cell.loc["ZAF", "row"]  # north above south
    assert cell.loc["USA", "col"] < cell.loc["FRA", "col"] < cell.loc["CHN", "col"]  # west to east


def test_tile_grid_errors(write):
    from analysis import load_tile_grid

    rows = ["iso3,col,row"] + [f"{c},{i % 30},{i // 30}" for i, c in enumerate(load_members()["iso3"])]
    with pytest.raises(VoteDataError, match=r"tile_grid\.csv, line 3: two members share a cell: 'ALB at 0,0'"):
        load_tile_grid(write("tile_grid.csv", "\n".join(rows[:2] + ["ALB,0,0"] + rows[3:])))
    with pytest.raises(VoteDataError, match=r"tile_grid\.csv: expected 193 rows, found 192 \(missing ZWE\)"):
        load_tile_grid(write("tile_grid.csv", "\n".join(rows[:-1])))


@pytest.mark.parametrize("typed, suggestion", [("Brazl", "Brazil"), ("Untied States", "United States of America"),
                                               ("Frnace", "France")])
def test_a_near_miss_suggests_the_closest_member(typed, suggestion):
    with pytest.raises(VoteDataError, match=rf"did you mean {suggestion}\?\): '{typed}'"):
        to_iso3(typed)


def test_observer_message_shows_no_internal_note():
    with pytest.raises(VoteDataError) as info:
        to_iso3("Holy See")
    assert str(info.value) == "not a UN Member State (an observer state): 'Holy See'"


def test_every_lookup_uses_the_data_folder_it_is_given(data_copy):
    """A folder's own alias is known in that folder only; its own member names replace the bundled ones."""
    from analysis.data.members import name_codes, try_iso3

    with open(data_copy / "member_aliases.csv", "a", encoding="utf-8", newline="") as out:
        out.write("Ruritania,FRA,a test alias\r\n")
    members = data_copy / "members.csv"
    members.write_bytes(members.read_bytes().replace(b"BRA,Brazil,", b"BRA,Federative Republic of Brazil,"))
    assert to_iso3("Ruritania", data_dir=data_copy) == "FRA" and try_iso3("Ruritania") is None
    assert to_iso3("Federative Republic of Brazil", data_dir=data_copy) == "BRA"
    assert name_codes(["ruritania", "Brazil"], data_dir=data_copy) == ["FRA", None]
    with pytest.raises(VoteDataError, match="unknown country name"):
        to_iso3("Ruritania")


@pytest.mark.parametrize("name, problem", [
    ("", r"empty country name or code: ''"), ("   ", r"empty country name or code"),
    ("Yugoslavia", r"a former seat \(YUG\), not one of today's Member States: 'Yugoslavia'"),
    ("CSK", r"a former seat \(CSK\)"), ("German Democratic Republic", r"a former seat \(DDR\)"),
])
def test_an_empty_name_or_a_former_seat_is_not_a_member(name, problem):
    with pytest.raises(VoteDataError, match=problem):
        to_iso3(name)


def test_a_copy_of_a_folder_shares_the_cached_reads_and_a_changed_copy_does_not(tmp_path):
    """Small tables are cached by their bytes (FileVersion), not by path: a copy of data/ (update-data's
    scratch copy, a test's) reads them no second time, and a copy whose file changed is read anew."""
    import shutil
    from pathlib import Path

    from analysis.data.members import load_members
    from analysis.data.schema import DATA_DIR, FileVersion

    same, changed = (Path(shutil.copytree(DATA_DIR, tmp_path / n)) for n in ("same", "changed"))
    text = (changed / "members.csv").read_text(encoding="utf-8")
    (changed / "members.csv").write_text(text.replace("Brazil", "Brasil"), encoding="utf-8")
    assert FileVersion(same / "members.csv") == FileVersion(DATA_DIR / "members.csv")
    assert FileVersion(changed / "members.csv") != FileVersion(DATA_DIR / "members.csv")
    assert FileVersion(tmp_path / "missing.csv") != FileVersion(tmp_path / "missing.csv".upper())
    original = load_members()
    assert load_members(data_dir=same).equals(original)
    assert load_members(data_dir=changed).set_index("iso3").at["BRA", "name"] == "Brasil"
    assert load_members().set_index("iso3").at["BRA", "name"] == "Brazil"


def test_a_pipe_for_a_small_table_is_refused_not_waited_on(data_copy):
    """FileVersion read every byte before the reader's check: a pipe as members.csv hung the package."""
    import os
    import signal

    from analysis.data.members import load_members

    (data_copy / "members.csv").unlink()
    os.mkfifo(data_copy / "members.csv")
    signal.alarm(10)  # a regression hangs: fail instead of waiting for ever
    try:
        with pytest.raises(VoteDataError, match="not a regular file"):
            load_members(data_dir=data_copy)
    finally:
        signal.alarm(0)


def test_a_cache_key_parses_its_own_bytes_even_if_the_file_changed_since(data_copy):
    """A file changed between making its key and reading it was cached, under the old bytes' key, with the new
    table: every folder holding the old bytes then read the wrong names. The key now carries its bytes."""
    from analysis.data.members import _cached, load_members
    from analysis.data.schema import FileVersion

    path = data_copy / "members.csv"
    version = FileVersion(path)
    path.write_text(path.read_text(encoding="utf-8").replace("Ukraine", "Ukrainf"), encoding="utf-8")
    _cached.cache_clear()
    assert _cached("members", version, None).set_index("iso3").at["UKR", "name"] == "Ukraine"
    assert load_members(data_dir=data_copy).set_index("iso3").at["UKR", "name"] == "Ukrainf"
    assert load_members().set_index("iso3").at["UKR", "name"] == "Ukraine"
