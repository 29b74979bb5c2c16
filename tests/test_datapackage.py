"""data/datapackage.json is the Frictionless Data Package descriptor the declarations make, and data/ meets it.

The drift test and the descriptor's content are checked without frictionless; the validation by the
``frictionless`` library (import 0.6-2.6 s, validation 1.5-3 s a package) runs in one test only.
"""

import json
import shutil
from pathlib import Path

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


#: Where the whole pass over data/ is recorded, one file per version of data/ and of frictionless.
PASSES = DATA_DIR.parent / "build" / "test-frictionless"


def _whole_pass_record() -> Path:
    """The record of a whole frictionless pass over data/ as its files are now (every byte of every file, and the
    frictionless version, make the name): a pass over identical bytes with the same library gives the same
    answer, so a warm run does not repeat it (1.7 s of CPU); any change of data/ makes the test validate again,
    and a fresh clone (CI) always does."""
    import hashlib

    import frictionless

    digest = hashlib.sha256(frictionless.__version__.encode())
    for path in sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(DATA_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return PASSES / f"{digest.hexdigest()[:24]}.valid"


def test_frictionless_validates_data_and_an_export_and_sees_a_bad_cell(tables, tmp_path):
    """The one test that imports frictionless: data/ (every row, once per version of data/: _whole_pass_record),
    the export folder, and a copy with one bad cell.

    The export is validated on its first 20,000 rows per file: the one larger file, the context's 139,925 votes, is
    validated whole in data/ here, and its export is read back whole through the package's checker in test_export
    (frictionless takes about 5 s per pass over it)."""
    from frictionless import Package, validate

    from analysis.output.export import write_package

    passed = _whole_pass_record()
    if not passed.exists():  # data/ as it is now was never validated whole by this frictionless
        report = validate(str(DATA_DIR / datapackage.FILE))
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:5]
        assert report.stats["tasks"] == len(TABLES)
        passed.parent.mkdir(parents=True, exist_ok=True)
        passed.write_text(f"{report.stats['tasks']} resources valid\n")
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
