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

#: How many decimals the exported ideal points keep: the fit's own precision is far finer than its intervals
#: (typically 0.1 to 0.3 wide), and four decimals give the same bytes on every machine.
IDEAL_DECIMALS = 4

IDEAL_POINTS = Table(
    "ideal_points", "ideal_points.csv", _member_fields() + (
        Field("session", "int", doc="the GA regular session (session N opens in September of 1945 + N)"),
        Field("ideal", "number", doc="the member's ideal point in the session (posterior mode; positive: the pole "
                                     "of the United States)"),
        Field("lower", "number", doc="the lower end of its 90 % interval (Laplace approximation at the mode)"),
        Field("upper", "number", doc="the upper end of its 90 % interval"),
        Field("n_votes", "int", doc="the member's yes, abstain and no votes in the session on the roll calls "
                                    "fitted (unanimous ones left out)"),
    ), key=("iso3", "session"), title="ideal points per member and GA session (computed, not a data file)",
    doc="Computed from the folder's General Assembly context when exported, not read from a data file: "
        "analysis.measures.ideal.ideal_points with its default settings, the same as notebook 09 and country "
        "--positions (one dimension; an ordered logit, yes > abstain > no, non-voting missing; each member's "
        "sessions linked by a stationary AR(1) random walk; the posterior mode with a 90 % Laplace interval; the "
        "sign fixed so that the United States' mean position is positive). The scale is the model's own: read "
        f"orders and distances. Values rounded to {IDEAL_DECIMALS} decimals; a row per member and session in "
        "which it cast a usable vote, sorted by code and session.")

#: The built layouts, by name (the bundled tables export as declared in TABLES).
EXPORTS = {t.name: t for t in (ROLL_CALLS, PARTIAL, CONTEXT, IDEAL_POINTS)}


def wide_table(motions: list[str], base: Table = ROLL_CALLS) -> Table:
    """The wide layout of ``base``: a row per member (code, name, group), a column of vote codes per motion."""
    vote = next(f for f in base.fields if f.name == "vote")
    fields = _member_fields() + tuple(replace(vote, name=m, empty=True, doc=f"the vote on {m} (empty: no vote "
                                              "recorded, e.g. not on the Council)") for m in motions)
    return Table(f"{base.name}_wide", base.file.replace(".csv", "_wide.csv"), fields, key=("iso3",),
                 title=base.title.replace("one row per member and motion (long)",
                                          "one row per member, one column per motion (wide)"),
                 doc="The same votes as the long table, one column per motion in date order.")
