"""The layouts of the exported tables (``python -m analysis export``), declared like the bundled ones.

A roll call leaves the package as one row per member and motion, with the UN
name and regional group beside the ISO3 code, so that a join in R or Stata
needs nothing else. Each layout is a :class:`~analysis.data.schema.Table`
whose columns are those of the bundled tables (same name, kind, allowed values
and ``doc``) plus the member's name and the vote's label, so that

- the exported CSV reads back through :func:`~analysis.data.schema.read_table`,
  the one engine that checks the bundled files (``read_table(ROLL_CALLS, path)``);
- the data package descriptor (:mod:`analysis.data.datapackage`) describes an
  export as it describes ``data/``.

>>> ROLL_CALLS.columns
['motion', 'date', 'body', 'iso3', 'member', 'regional_group', 'vote', 'vote_label']
"""

from __future__ import annotations

from dataclasses import replace

from .schema import TABLES, VOTE_LABELS, Field, Table

#: The file formats of an export.
FORMATS = ("csv", "json", "parquet")


def _declared(table: str, column: str, **changes) -> Field:
    """The declared field ``column`` of the bundled ``table``, with ``changes`` (a new name, doc, ...)."""
    spec = next(f for f in TABLES[table].fields if f.name == column)
    return replace(spec, **changes)


def _member_fields() -> tuple[Field, ...]:
    return (_declared("members", "iso3", kind="code", pattern=None, rule=""),
            _declared("members", "name", name="member", doc="the member's UN short name (members.csv name)"),
            _declared("members", "regional_group"))


def _vote_fields(table: str) -> tuple[Field, ...]:
    return (_declared(table, "vote", doc="Y yes, N no, A abstention, X did not vote"),
            Field("vote_label", "choice", tuple(VOTE_LABELS.values()), doc="the vote in words: "
                  + ", ".join(f"{label} ({code})" for code, label in VOTE_LABELS.items())))


def _motion_fields(table: str) -> tuple[Field, ...]:
    return (_declared(table, "motion"), _declared("motions", "date"), _declared("motions", "body"))


ROLL_CALLS = Table(
    "roll_calls", "roll_calls.csv", _motion_fields("votes") + _member_fields() + _vote_fields("votes"),
    key=("motion", "iso3"), title="every roll call, one row per member and motion (long)",
    doc="The country-level records of votes.csv with the motion's date and body and the member's UN name and "
        "regional group; sorted by date, motion and ISO3 code.")

PARTIAL = Table(
    "partial_votes_long", "partial_votes_long.csv",
    _motion_fields("partial_votes") + _member_fields() + _vote_fields("partial_votes")
    + tuple(f for f in TABLES["partial_votes"].fields if f.name in ("confidence", "source")),
    key=("motion", "iso3"), may_be_empty=True, title="votes known only from news reports (long)",
    doc="partial_votes.csv with the motion's date and body and the member's name and group. Not a roll call: the "
        "named states are those the news reported, not a sample.")

CONTEXT = replace(ROLL_CALLS, name="context_votes", file="context_votes.csv",
                  title="the General Assembly context votes, one row per member and motion (long)",
                  doc="Votes of the General Assembly on other questions, for context; laid out as the roll calls.")

#: The built layouts, by name (the bundled tables export as declared in TABLES).
EXPORTS = {t.name: t for t in (ROLL_CALLS, PARTIAL, CONTEXT)}


def wide_table(motions: list[str], base: Table = ROLL_CALLS) -> Table:
    """The wide layout of ``base``: a row per member (code, name, group), a column of vote codes per motion."""
    vote = next(f for f in base.fields if f.name == "vote")
    fields = _member_fields() + tuple(replace(vote, name=m, empty=True, doc=f"the vote on {m} (empty: no vote "
                                              "recorded, e.g. not on the Council)") for m in motions)
    return Table(f"{base.name}_wide", base.file.replace(".csv", "_wide.csv"), fields, key=("iso3",),
                 title=base.title.replace("one row per member and motion (long)",
                                          "one row per member, one column per motion (wide)"),
                 doc="The same votes as the long table, one column per motion in date order.")
