"""The data dictionary of ``data/README.md``, made from the table declarations of :mod:`.schema`, never typed.

``python -m analysis.data.dictionary`` rewrites the part of ``data/README.md``
between the two markers below (``make data-dictionary``); a test fails when the
README and the declarations drift apart.

>>> "| `iso3` | member code |" in dictionary_markdown()
True
"""

from __future__ import annotations

import sys
from pathlib import Path

from .schema import DATA_DIR, TABLES, Table

START = "<!-- data dictionary: made from analysis/data/schema.py by make data-dictionary; do not edit by hand -->"
END = "<!-- end of the data dictionary -->"
KINDS = {"text": "text", "int": "whole number", "number": "decimal number", "date": "date YYYY-MM-DD", "yesno": "yes/no", "choice": "one of",
         "code": "member code", "vote": "vote code", "symbol": "motion id"}


def _kind(field) -> str:
    if field.choices:
        return "one of " + ", ".join(f"`{c}`" for c in field.choices)
    if field.rule:
        return field.rule
    return KINDS.get(field.kind, field.kind)


def table_markdown(table: Table) -> str:
    """One table's entry: heading, paragraph, key and row count, and a row per column."""
    lines = [f"### `{table.file}`: {table.title}" if table.title else f"### `{table.file}`", ""]
    if table.doc:
        lines += [table.doc, ""]
    facts = [f"loaded as `{table.name}`"]
    if table.key:
        facts.append("key " + ", ".join(f"`{k}`" for k in table.key) + " (unique)")
    if table.rows is not None:
        facts.append(f"exactly {table.rows} rows")
    sentence = "; ".join(facts)
    lines += [sentence[0].upper() + sentence[1:] + ".", "", "| column | kind | may be empty | meaning |", "|---|---|---|---|"]
    lines += [f"| `{f.name}` | {_kind(f)} | {'yes' if f.empty else 'no'} | {f.doc} |" for f in table.fields]
    return "\n".join(lines)


def dictionary_markdown(tables: dict[str, Table] = TABLES) -> str:
    """Every declared table's entry, in declaration order, between the markers."""
    return "\n\n".join([START] + [table_markdown(t) for t in tables.values()] + [END])


def with_dictionary(readme: str) -> str:
    """``readme`` with the part between the markers replaced by the current dictionary."""
    if START not in readme or END not in readme:
        raise ValueError(f"the README has no data dictionary markers ({START!r} ... {END!r})")
    before, rest = readme.split(START, 1)
    after = rest.split(END, 1)[1]
    return before + dictionary_markdown() + after


def main(readme: Path = DATA_DIR / "README.md") -> int:
    """Rewrite the data dictionary in ``readme``; print whether it changed."""
    old = readme.read_text(encoding="utf-8")
    new = with_dictionary(old)
    if new != old:
        readme.write_text(new, encoding="utf-8")
    print(f"{readme}: data dictionary {'rewritten' if new != old else 'already current'}")
    return 0


if __name__ == "__main__":  # pragma: no cover - make data-dictionary
    sys.exit(main())
