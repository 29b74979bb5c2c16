"""data/datapackage.json is the Frictionless Data Package descriptor the declarations make, and data/ meets it.

The drift test and the descriptor's content are checked without frictionless; the validation by the
``frictionless`` library (import 0.6-2.6 s, validation 1.5-3 s a package) runs in one test only.
"""

import json
import shutil

from analysis.data import datapackage
from analysis.data.schema import DATA_DIR, TABLES


def test_the_descriptor_is_the_one_the_declarations_make():
    written = (DATA_DIR / datapackage.FILE).read_text(encoding="utf-8")
    assert written == datapackage.descriptor_text(), "run make datapackage"


def test_every_declared_table_is_a_resource_with_its_columns_key_and_values():
    resources = {r["name"]: r for r in datapackage.descriptor()["resources"]}
    assert list(resources) == list(TABLES)
    for table in TABLES.values():
        resource = resources[table.name]
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert resource["path"] == table.file and list(fields) == table.columns
        assert resource["schema"].get("primaryKey", []) == list(table.key)
        assert resource["terms"] and all(f["description"] for f in fields.values())
        for field in table.fields:
            if field.kind == "choice":
                assert fields[field.name]["constraints"]["enum"] == list(field.choices)
    vote = {f["name"]: f for f in resources["votes"]["schema"]["fields"]}["vote"]
    assert vote["constraints"] == {"required": True, "enum": ["Y", "N", "A", "X"]}
    assert {"fields": "iso3", "reference": {"resource": "members", "fields": "iso3"}} in \
        resources["votes"]["schema"]["foreignKeys"]
    assert resources["tile_grid"]["licenses"][0]["name"] == "MIT"
    assert "Dag Hammarskj\u00f6ld Library" in resources["votes"]["terms"] and "licenses" not in resources["votes"]


def test_frictionless_validates_data_and_an_export_and_sees_a_bad_cell(tables, tmp_path):
    """The one test that imports frictionless: data/ (every row), the export folder, and a copy with one bad cell.

    The export is validated on its first 20,000 rows per file: the one larger file, the context's 139,925 votes, is
    validated whole in data/ here, and its export is read back whole through the package's checker in test_export
    (frictionless takes about 5 s per pass over it)."""
    from frictionless import Package, validate

    from analysis.output.export import write_package

    report = validate(str(DATA_DIR / datapackage.FILE))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:5]
    assert report.stats["tasks"] == len(TABLES)
    write_package(tables, tmp_path / "export")
    report = validate(str(tmp_path / "export" / datapackage.FILE), limit_rows=20_000)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:5]
    broken = shutil.copytree(DATA_DIR, tmp_path / "broken")
    lines = (broken / "sc_members_2025.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("permanent", "permanant").replace("elected", "elcted")
    (broken / "sc_members_2025.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    package = Package(json.loads((broken / datapackage.FILE).read_text(encoding="utf-8")), basepath=str(broken))
    errors = package.get_resource("sc_members").validate().flatten(["rowNumber", "fieldName", "type"])
    assert errors == [[2, "membership", "constraint-error"]]
