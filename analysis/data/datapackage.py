"""The Frictionless Data Package descriptor of ``data/`` (``datapackage.json``), made from the declarations.

Every table of :data:`analysis.data.schema.TABLES` becomes a resource: its
file, title and paragraph, each column with its type, its ``doc`` line as
description and its allowed values (``constraints.enum``, ``pattern``,
``required``), the table's key as ``primaryKey``, member codes and motion ids
as foreign keys to ``members`` and ``motions``, and the sources and terms of
its data. A table declared tomorrow appears in the descriptor without a line
here. ``python -m analysis.data.datapackage`` (``make datapackage``) rewrites
``data/datapackage.json``; a test fails when the file and the declarations
drift apart, and another validates ``data/`` against it with the
``frictionless`` library.

:func:`descriptor` describes any list of tables laid out like the declared
ones, e.g. the exported tables that the report's download holds
(:func:`analysis.output.export.write_package`).

>>> descriptor()["resources"][0]["schema"]["primaryKey"]
['iso3']
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from .schema import DATA_DIR, TABLES, VOTE_CODES, Field, Table

#: The one title of the work: README, report, citation and descriptor (a test checks all four).
TITLE = "The UN votes of 24 February 2025 on the war in Ukraine"
NAME = "unvotes-ukraine-2025"
AUTHORS = "The unvotes-ukraine-2025 contributors"
FILE = "datapackage.json"
DESCRIPTION = (
    "Country-level records of the UN votes on the war in Ukraine (General Assembly 2014-2025, Security Council "
    "resolution 2774 (2025)), the tallies of the amendment and procedural votes of 24 February 2025, the vote of "
    "24 February 2026 with a partial record from news reports, the text changes, members, regional groups and "
    "blocs; every table declared and checked by the package analysis (unvotes-ukraine-2025). Sources, terms and "
    "known gaps: README.md.")
MIT = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
_UN_TERMS_URL = "http://www.un.org/en/sections/about-website/terms-use/index.html"

#: Where the data come from, and on what terms (data/README.md says the same in prose).
SOURCES = {
    "undl": {"title": "United Nations Dag Hammarskjöld Library, voting records in the UN Digital Library",
             "path": "https://digitallibrary.un.org"},
    "un": {"title": "United Nations documents and press releases (GA/12675, GA/12677, SC/16005, A/79/720 and "
                    "addenda, resolution 79/3, the Secretariat's list of regional groups, the DGACM extract of "
                    "the ES-11 votes)", "path": "https://digitallibrary.un.org"},
    "news": {"title": "News reports, each named in the table (partial_votes.csv: source) or described by its "
                      "tally_quality (motions.csv)"},
    "project": {"title": f"Compiled by this project ({AUTHORS})"},
}
TERMS = {
    "undl": "Voting data published by the UN Dag Hammarskjöld Library. Its data terms of use "
            "(https://digitallibrary.un.org/pages/?ln=en&page=tos) allow use free of charge for non-commercial "
            "purposes, provided appropriate acknowledgement is given (\u00a9 United Nations, year, "
            "https://digitallibrary.un.org, downloaded on date); other re-use: ask the UN (permissions@un.org). "
            "Cite the Library as the source.",
    "un": f"United Nations documents, subject to the United Nations terms of use ({_UN_TERMS_URL}); cite the "
          "documents.",
    "news": "Facts reported by news outlets, each with its source; cite the sources.",
    "project": "Compiled by this project and released under the MIT License (LICENSE).",
}
#: The sources of each table, by name (an export layout: as the table it is made from).
TABLE_SOURCES = {
    "members": ("un",), "aliases": ("project",), "historical_seats": ("project",), "blocs": ("project",),
    "sc_members": ("un",), "tile_grid": ("project",), "article19": ("un", "project"),
    "motions": ("undl", "un", "news", "project"), "votes": ("undl", "un"), "partial_votes": ("news",),
    "text_changes": ("un", "project"), "text_comparison": ("un", "project"), "vote_topics": ("un", "project"),
    "roll_calls": ("undl", "un"), "partial_votes_long": ("news",), "context_votes": ("undl",),
}
TYPES = {"int": "integer", "number": "number", "date": "date", "yesno": "boolean"}  # every other kind is a string
MEMBER_KINDS = ("code",)


def _sources(table: Table) -> tuple[str, ...]:
    return TABLE_SOURCES.get(table.name, TABLE_SOURCES.get(table.name.removesuffix("_wide"), ()))


def _pattern(pattern: str) -> str:
    """A Python pattern as a Table Schema one (an XML Schema regular expression: no named groups)."""
    return re.sub(r"\(\?P<[^>]+>", "(", pattern)


def field_descriptor(field: Field) -> dict:
    """One column: name, type, description and the constraints the package's reader enforces."""
    out: dict = {"name": field.name, "type": TYPES.get(field.kind, "string"), "description": field.doc}
    if field.kind == "yesno":
        out.update(trueValues=["yes"], falseValues=["no"])
    constraints: dict = {}
    if not field.empty:
        constraints["required"] = True
    if field.kind == "vote":
        constraints["enum"] = list(VOTE_CODES)
    elif field.choices and field.kind != "yesno":
        constraints["enum"] = list(field.choices)
    if field.pattern:
        constraints["pattern"] = _pattern(field.pattern)
    elif field.kind == "code":
        constraints["pattern"] = "[A-Z]{3}"
    if field.kind == "int":
        constraints["minimum"] = 0
    if constraints:
        out["constraints"] = constraints
    return out


#: The motions table a vote table's ``motion`` refers to, where it is not ``motions``.
MOTION_TABLES = {"context_votes": "context_motions"}


def _foreign_keys(table: Table, names: set[str]) -> list[dict]:
    """Member codes refer to ``members``, motion ids of the vote tables to ``motions`` (where both are there)."""
    keys = []
    for f in table.fields:
        if f.kind in MEMBER_KINDS and "members" in names and table.name != "members":
            keys.append({"fields": f.name, "reference": {"resource": "members", "fields": "iso3"}})
        elif f.kind == "symbol" and f.name == "motion" and table.name not in ("motions", *MOTION_TABLES.values()):
            target = MOTION_TABLES.get(table.name, "motions")  # the context's votes belong to the context's motions
            if target in names:
                keys.append({"fields": f.name, "reference": {"resource": target, "fields": "motion"}})
    return keys


def resource(table: Table, names: set[str] = frozenset(TABLES)) -> dict:
    """The resource of one table; ``names`` are the resources of the package (for foreign keys)."""
    schema: dict = {"fields": [field_descriptor(f) for f in table.fields]}
    if table.key:
        schema["primaryKey"] = list(table.key)
    keys = _foreign_keys(table, set(names))
    if keys:
        schema["foreignKeys"] = keys
    description = " ".join(p for p in (table.doc, f"Exactly {table.rows} rows." if table.rows else "") if p)
    out = {"name": table.name, "path": table.file, "profile": "tabular-data-resource",
           "title": table.title or table.name, "description": description or table.title,
           "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}
    sources = _sources(table)
    if sources:
        out["sources"] = [SOURCES[s] for s in sources]
        out["terms"] = " ".join(TERMS[s] for s in sources)
    else:
        out["terms"] = "See README.md for this table's sources and terms."
    if sources == ("project",):
        out["licenses"] = [MIT]
    return out


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version(NAME)
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare source tree
        return "0+unknown"


def descriptor(tables: Iterable[Table] | None = None, description: str = DESCRIPTION) -> dict:
    """The Data Package descriptor of ``tables`` (default: every declared table, at its path in ``data/``)."""
    tables = list(TABLES.values() if tables is None else tables)
    names = {t.name for t in tables}
    used = list(dict.fromkeys(s for t in tables for s in _sources(t)))
    return {
        "profile": "tabular-data-package", "name": NAME, "title": TITLE, "description": description,
        "version": _version(),
        "licenses": [dict(MIT, title="MIT License: the code and the project's own compilations; the data of the UN "
                                     "and of news reports keep their sources' terms (each resource's terms)")],
        "contributors": [{"title": AUTHORS, "role": "author"}],
        "sources": [SOURCES[s] for s in used],
        "resources": [resource(t, names) for t in tables],
    }


def descriptor_text(tables: Iterable[Table] | None = None, **options) -> str:
    """The descriptor as the text of ``datapackage.json`` (sorted as declared, no timestamp: the same every time)."""
    return json.dumps(descriptor(tables, **options), ensure_ascii=False, indent=2) + "\n"


def main(folder: Path = DATA_DIR) -> int:
    """Rewrite ``folder/datapackage.json``; print whether it changed (then run make data-manifest)."""
    path = folder / FILE
    new = descriptor_text()
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if new != old:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: data package descriptor {'written' if new != old else 'already current'}")
    return 0


if __name__ == "__main__":  # pragma: no cover - make datapackage
    sys.exit(main())
