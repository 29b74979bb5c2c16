"""Command line: python -m analysis [--data-dir DIR] SUBCOMMAND (also installed as unvotes).

Subcommands live in one table, SUBCOMMANDS (name -> Subcommand: help, how to
add its arguments, what to run), so a new one is one entry. The data
subcommands read the bundled records, another data folder (--data-dir, before
the subcommand), or with --data PATH a UN Digital Library voting file. Text
output fits 100 columns; --format csv or json prints the same facts for
scripts. Exit codes: 0 success; 2 bad input, with one line on stderr naming
the file, line and value (never a traceback); 130 interrupted (Ctrl-C); 141
when the reader of the output goes away (e.g. piped into head), silently.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .data.schema import VoteDataError
from .measures.records import ROLL_CALL, TALLY_ONLY
from .output.terminal import CONTROL, WIDTH, json_records, printable, shorten, table_text, tally_text, wrap

FORMATS = ("text", "csv", "json")
EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 2, 130, 141


class UsageError(Exception):
    """A command line that cannot be run as given (unknown option, conflicting options)."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit 2, like every other bad input."""

    def error(self, message: str):  # noqa: D102 - argparse's hook
        raise UsageError(f"{message} (see: {self.prog} --help)")


@dataclass
class Subcommand:
    """One subcommand: its one-line help, its description, a function adding its arguments, the function to run."""

    help: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], None]


class Data:
    """What a subcommand reads: the bundle of ``--data-dir`` (or the bundled folder), the votes and motions of
    ``--data FILE`` where given; each table loaded on first use, once."""

    def __init__(self, args: argparse.Namespace) -> None:
        from .data.tables import load_tables

        self.file = getattr(args, "data", None)
        self.dir = args.data_dir
        self.tables = load_tables(self.dir)

    @cached_property
    def _undl(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        from .data.undl import read_undl_full

        return read_undl_full(self.file, data_dir=self.dir)

    @cached_property
    def motions(self) -> pd.DataFrame:
        return self._undl[1] if self.file else self.tables.motions

    @cached_property
    def votes(self) -> pd.DataFrame:
        return self._undl[0] if self.file else self.tables.votes

    @cached_property
    def partial(self) -> pd.DataFrame | None:
        """Votes known only from news reports (none for a UN Digital Library file)."""
        return None if self.file else self.tables.partial

    @property
    def members(self) -> pd.DataFrame:
        return self.tables.members

    def motion(self, text: str) -> pd.Series:
        """The motions-table row of a motion id typed in any usual spelling (see analysis.motion_id)."""
        from .data.ids import motion_row

        row = motion_row(self.motions, text).copy()
        row["recorded"] = bool(self.votes["motion"].eq(row["motion"]).any())
        return row

    def name(self, iso3: str) -> str:
        return self.tables.name(iso3)

    def basis(self, motion: str, iso3: str) -> tuple[str, str] | None:
        """(vote_basis, source) of a bundled Council vote of 2022 (sc_2022_sources.csv); None for any other."""
        if self.file:
            return None
        sources = self.tables.sc_sources
        row = sources[sources["motion"].eq(motion) & sources["iso3"].eq(iso3)]
        return (row["vote_basis"].iat[0], row["source"].iat[0]) if len(row) else None


# ---------------------------------------------------------------------------------------------- output


def emit(frame: pd.DataFrame, fmt: str, index: bool = False) -> None:
    """Print a table as text (fitted to 100 columns), CSV or JSON records."""
    if index:
        frame = frame.reset_index()
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    elif fmt == "json":
        emit_json(json_records(frame))
    else:
        print(table_text(frame))


def emit_json(value: object) -> None:
    print_json(json.dumps(value, ensure_ascii=False, indent=1))


def print_json(text: str) -> None:
    """Print JSON text; where the output cannot hold every character as it is (an ASCII or Latin-1 terminal)
    or the text holds a control character, every non-ASCII character is written as a JSON ``\\u`` escape, so
    the output stays valid JSON."""
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "utf-8")
        plain = not CONTROL.search(text)
    except (UnicodeEncodeError, LookupError):
        plain = False
    print(text if plain else json.dumps(json.loads(text), ensure_ascii=True, indent=1))


def _when(row: pd.Series) -> str:
    date = f", {row['date']:%Y-%m-%d}" if pd.notna(row.get("date")) else ""
    return f"{row['body']}{date}"


#: The columns of ``votes --tally --format csv|json``: the same for every motion, with or without a roll call.
TALLY_COLUMNS = ["motion", "date", "body", "kind", "yes", "no", "abstain", "not_voting", "members", "tally_quality",
                 "record"]


def _tally_row(row: pd.Series, counts: pd.Series | None) -> pd.DataFrame:
    """A motion's tally as one row: counted from its roll call, or (None) the tally alone (not_voting and
    members then empty: not recorded)."""
    facts = {"motion": row["motion"], "date": row.get("date"), "body": row["body"], "kind": row.get("kind"),
             "tally_quality": row.get("tally_quality")}
    if counts is None:
        facts.update(yes=row.get("yes"), no=row.get("no"), abstain=row.get("abstain"), not_voting=None, members=None,
                     record=TALLY_ONLY)
    else:
        facts.update(yes=counts["Y"], no=counts["N"], abstain=counts["A"], not_voting=counts["X"],
                     members=counts["members"], record=ROLL_CALL)
    frame = pd.DataFrame([facts], columns=TALLY_COLUMNS)
    for column in ("yes", "no", "abstain", "not_voting", "members"):
        frame[column] = pd.array([None if pd.isna(v) else int(v) for v in frame[column]], dtype="Int64")
    return frame


# ---------------------------------------------------------------------------------------------- votes


def add_votes(p: argparse.ArgumentParser) -> None:
    p.add_argument("motion", metavar="MOTION", help="motion id in any usual spelling, e.g. A/RES/ES-11/7, ES-11/7, "
                   "'S/RES/2774 (2025)' or the draft A/ES-11/L.10")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--country", metavar="NAME_OR_CODE", help="one country's vote: a name or ISO3 code, "
                       "e.g. 'United States'")
    which.add_argument("--group", action="store_true", help="counts per UN regional group")
    which.add_argument("--tally", action="store_true", help="the tally as one row (with --format csv or json: "
                       "the same columns for every motion, with or without a roll call)")


def cmd_votes(args: argparse.Namespace) -> None:
    data = Data(args)
    row = data.motion(args.motion)
    if args.country is not None:  # an empty --country is refused by to_iso3, never ignored
        return _country_vote(data, row, args)
    if args.format != "text" and not (args.tally or args.group):
        return _roll_call(data, row, args.format)
    if not row["recorded"]:
        if args.group:
            raise VoteDataError(f"no country-level record, so no counts per group (the tally: {tally_text(row, labelled=True)})",
                                value=row["motion"])
        if args.format != "text":
            return emit(_tally_row(row, None), args.format)
        quality = row.get("tally_quality")
        print(wrap(f"{row['motion']} ({_when(row)}, {row.get('kind', 'motion')}): {tally_text(row, labelled=True)}"
                   + (f"; tally quality: {quality}" if quality else "")
                   + "; no country-level record (only the tally is known)", WIDTH, "  "))
        return None
    from .measures.comparisons import by_group, tally

    if args.group:
        table = by_group(data.votes, row["motion"], data.members)
        if args.format == "text":
            print(f"{row['motion']} ({_when(row)}): votes per UN regional group")
            print(table.to_string())
        else:
            emit(table, args.format, index=True)
        return None
    counts = tally(data.votes, [row["motion"]]).iloc[0]
    if args.format != "text":
        return emit(_tally_row(row, counts), args.format)
    print(f"{row['motion']} ({_when(row)}): Y {counts['Y']}, N {counts['N']}, A {counts['A']}, X {counts['X']} "
          f"({counts['members']} members)")
    if isinstance(row.get("vetoed_by"), str):  # a veto is a veto, of a draft as of an amendment
        print(wrap(f"  not adopted: vetoed by {data.name(row['vetoed_by'])} ({row['vetoed_by']}), a permanent "
                   "member (Charter, Article 27(3))", WIDTH, "    "))
    return None


def _roll_call(data: Data, row: pd.Series, fmt: str) -> None:
    """The roll call of a motion, a row per member (the long layout of ``export``)."""
    if not row["recorded"]:
        raise VoteDataError(f"no country-level record, only the tally ({tally_text(row, labelled=True)}; --tally "
                            "gives it as a row, export --partial the votes news reports name) of",
                            value=row["motion"])
    from .output.export import roll_call_table, write_table

    write_table(roll_call_table(data.tables.replace(votes=data.votes, motions=data.motions), [row["motion"]]),
                None, fmt)


def _country_vote(data: Data, row: pd.Series, args: argparse.Namespace) -> None:
    from .data.members import to_iso3
    from .measures.records import NOT_ON_COUNCIL, MemberRecord

    iso3, motion = to_iso3(args.country, data_dir=data.dir), row["motion"]
    found = MemberRecord(data.votes, data.partial, iso3).on(motion, row["body"])
    answer = {"motion": motion, "iso3": iso3, "name": data.name(iso3), "vote": found.vote, "record": found.record,
              "confidence": found.confidence, "source": found.source}
    basis = data.basis(motion, iso3) if found.record == ROLL_CALL else None
    if basis is not None and basis[0] != "named in source":  # a Council vote of 2022 deduced by elimination
        answer.update(record="by elimination", source=basis[1])
    elif basis is not None:
        answer.update(source=basis[1])
    if found.record == NOT_ON_COUNCIL and pd.notna(row.get("date")):
        answer["record"] = f"{NOT_ON_COUNCIL} in {row['date']:%Y}"
    if args.format != "text":
        return emit(pd.DataFrame([answer]), args.format)
    if found.confidence:
        shown = f"{found.vote} ({found.record}, {found.confidence} confidence: {found.source})"
    elif found.record == TALLY_ONLY:
        shown = f"unknown: no country-level record (the tally: {tally_text(row, labelled=True)})"
    elif found.vote and answer["record"] != ROLL_CALL:
        shown = f"{found.vote} ({basis[0] if basis is not None else answer['record']})"
    else:
        shown = found.vote or answer["record"]
    print(wrap(f"{motion}: {answer['name']} ({iso3}) {shown}", WIDTH, "  "))
    return None


# ---------------------------------------------------------------------------------------------- compare


def add_compare(p: argparse.ArgumentParser) -> None:
    p.add_argument("motion_a", metavar="MOTION_A", help="first motion id (any usual spelling)")
    p.add_argument("motion_b", metavar="MOTION_B", help="second motion id")


def cmd_compare(args: argparse.Namespace) -> None:
    data = Data(args)
    a, b = data.motion(args.motion_a), data.motion(args.motion_b)
    if not (a["recorded"] and b["recorded"]):
        return _compare_tallies(data, a, b, args.format)
    from .measures.comparisons import changed_votes, transitions, vote_matrix

    table = transitions(data.votes, a["motion"], b["motion"])
    changed = changed_votes(data.votes, a["motion"], b["motion"], data.members)
    if args.format == "json":
        return emit_json({"a": a["motion"], "b": b["motion"], "mode": "record",
                          "transitions": {code: {k: int(v) for k, v in table.loc[code].items()} for code in table.index},
                          "changed": json_records(changed)})
    if args.format == "csv":  # by position: a motion compared with itself has two columns of one name
        matrix = vote_matrix(data.votes, list(dict.fromkeys((a["motion"], b["motion"]))), data.members).dropna()
        first, second = matrix[a["motion"]], matrix[b["motion"]]
        info = data.members.set_index("iso3")[["name", "regional_group"]].reindex(matrix.index)
        both = pd.concat([info, first.rename("a"), second.rename("b")], axis=1).reset_index(names="iso3")
        both["changed"] = (first != second).to_numpy()
        both.columns = ["iso3", "name", "regional_group", a["motion"], b["motion"], "changed"]
        return emit(both, "csv")
    print(table.to_string())
    print(f"\n{len(changed)} members changed their vote")
    if len(changed):
        print(table_text(changed.fillna(""), shrink=("name", "regional_group")))
    return None


def _compare_tallies(data: Data, a: pd.Series, b: pd.Series, fmt: str) -> None:
    """Two motions, one without a country-level record: the bounds their tallies put on each other."""
    from .measures.amendments import tally_bounds

    bounds = tally_bounds(data.motions, a["motion"], b["motion"])
    if fmt == "json":
        return emit_json({"a": a["motion"], "b": b["motion"], "mode": "tallies", "members": bounds.attrs["members"],
                          "tally_quality": {a["motion"]: a.get("tally_quality"), b["motion"]: b.get("tally_quality")},
                          "bounds": json_records(bounds.reset_index())})
    if fmt == "csv":
        return emit(bounds, "csv", index=True)
    missing = " and ".join(r["motion"] for r in (a, b) if not r["recorded"])
    print(wrap(f"No country-level record of {missing}: what the two tallies alone prove, over the "
               f"{bounds.attrs['members']} members of the {a['body']}.", WIDTH))
    for r in (a, b):
        quality = r.get("tally_quality")
        print(wrap(f"  {r['motion']}: {tally_text(r, labelled=True)}" + (f" (tally quality: {quality})" if quality else ""),
                   WIDTH, "    "))
    print()
    print(table_text(bounds.reset_index()))
    return None


# ---------------------------------------------------------------------------------------------- motions


def add_motions(p: argparse.ArgumentParser) -> None:
    pass


def cmd_motions(args: argparse.Namespace) -> None:
    motions = Data(args).motions
    if args.format != "text":
        return emit(motions, args.format)
    motions = motions.sort_values("date", kind="stable")  # in date order, as people read a record
    shown = pd.DataFrame({
        "motion": motions["motion"],
        "date": motions["date"],
        "body": motions["body"],
        "kind": motions.get("kind", pd.Series("", index=motions.index)),
        "tally": [_short_tally(r) for _, r in motions.iterrows()],
        "outcome": [_outcome(r) for _, r in motions.iterrows()],
        "record": motions["roll_call"].map({True: "yes", False: "no"}),
    })
    titles = motions.get("title_or_change", pd.Series("", index=motions.index)).fillna("")
    lines = table_text(shown).splitlines()
    print(lines[0])
    for line, title in zip(lines[1:], titles):  # each motion's title on its own line, shortened to fit
        print(line)
        if title:
            print("    " + shorten(title, WIDTH - 4))
    quality = motions.get("tally_quality")
    if quality is not None:
        odd = motions[quality.ne("official") & quality.ne("")]
        if len(odd):
            print("\n* tally quality other than official:")
            for motion, text in zip(odd["motion"], odd["tally_quality"]):
                print(wrap(f"  {motion}: {text}", WIDTH, "      "))
    print("\nrecord yes: a country-level record exists (see votes, compare, country); full titles: --format csv")
    return None


def _short_tally(row: pd.Series) -> str:
    quality = row.get("tally_quality")
    return tally_text(row) + ("*" if isinstance(quality, str) and quality not in ("", "official") else "")


def _outcome(row: pd.Series) -> str:
    if isinstance(row.get("vetoed_by"), str):
        return f"veto {row['vetoed_by']}"
    return str(row.get("outcome", "") or "")


# ---------------------------------------------------------------------------------------------- country


def add_country(p: argparse.ArgumentParser) -> None:
    p.add_argument("country", metavar="NAME_OR_CODE", help="a country name or ISO3 code, e.g. BRA or Brazil")
    p.add_argument("--method", choices=("lijphart", "coincidence", "kappa"), default="lijphart",
                   help="agreement index (default: lijphart)")
    p.add_argument("--positions", action="store_true", help="also its ideal point in each GA session, from every "
                   "recorded GA vote of the context (2014-2021; fitted now, about 2 s)")


def cmd_country(args: argparse.Namespace) -> None:
    from .data.members import to_iso3
    from .measures.profile import country_profile
    from .output.profile import profile_json, profile_table, profile_text

    data = Data(args)
    profile = country_profile(data.tables, to_iso3(args.country, data_dir=data.dir), votes=data.votes,
                              motions=data.motions, partial=data.partial, method=args.method)
    positions = _positions(data, profile.iso3) if args.positions else None
    if args.format == "json":
        text = profile_json(profile)
        if positions is not None:
            record = json.loads(text)
            record["ideal_points"] = json_records(positions)
            text = json.dumps(record, ensure_ascii=False, indent=1)
        print_json(text)
    elif args.format == "csv":
        table = profile_table(profile)
        if positions is not None:
            table = pd.concat([table, positions.assign(section="ideal point")], ignore_index=True)
        emit(table, "csv")
    else:
        print(profile_text(profile))
        if positions is not None:
            print("\n" + wrap(f"Ideal point per GA session (one dimension, from every recorded GA vote of "
                              f"{_years(data)}; positive: the pole of the United States; 90 % interval):", WIDTH))
            print(table_text(positions))


def _positions(data: Data, iso3: str) -> pd.DataFrame:
    """The member's ideal point per session (analysis.measures.ideal), from the data folder's GA context."""
    ideal = _ideal_points(data)
    mine = ideal[ideal["iso3"] == iso3].drop(columns="iso3").reset_index(drop=True)
    return mine.round({"ideal": 2, "lower": 2, "upper": 2})


def _ideal_points(data: Data) -> pd.DataFrame:
    """``ideal_points`` of the data folder's GA context with the default settings (those of notebook 09)."""
    from .measures.ideal import ideal_points

    return ideal_points(data.tables.context)


def _years(data: Data) -> str:
    dates = data.tables.context["date"]
    return f"{dates.min():%Y}-{dates.max():%Y}"


# ---------------------------------------------------------------------------------------------- export


def add_export(p: argparse.ArgumentParser) -> None:
    from .data.exports import FORMATS as EXPORT_FORMATS
    from .data.schema import TABLES

    p.add_argument("motions", nargs="*", metavar="MOTION", help="motion ids in any usual spelling (default: every "
                   "roll call)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--partial", action="store_true", help="the votes known only from news reports, with their "
                      "confidence and source (never a roll call)")
    what.add_argument("--context", action="store_true", help="the General Assembly context votes (where the data "
                      "has them)")
    what.add_argument("--ideal-points", action="store_true", help="each member's ideal point in each GA session, "
                      "fitted now from the context (a computed table, not a data file; about 2 s)")
    what.add_argument("--table", metavar="NAME", choices=list(TABLES), help="a bundled table as declared: "
                      + ", ".join(TABLES))
    what.add_argument("--all", action="store_true", help="every table, one file each, into the folder -o DIR (with "
                      "CSV: and its datapackage.json)")
    p.add_argument("--wide", action="store_true", help="a row per member, a column per motion (roll calls, context)")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help="csv (default), json or parquet")
    p.add_argument("-o", "--output", metavar="PATH", help="the file to write (default: standard output); with "
                   "--all, the folder")
    p.add_argument("--data", metavar="PATH", help="the roll calls of a UN Digital Library voting file instead of "
                   "the bundled data")


def _export_problem(args: argparse.Namespace) -> str | None:
    """What makes an export command line impossible, or None."""
    if args.wide and (args.partial or args.table or args.all or args.ideal_points):
        return "--wide applies to the roll calls and --context only"
    if args.motions and (args.table or args.all or args.ideal_points):
        return "MOTION picks roll calls; --table, --all and --ideal-points export whole tables"
    if args.all and not args.output:
        return "--all writes one file per table: give the folder with -o DIR"
    if args.data and (args.partial or args.context or args.table or args.all or args.ideal_points):
        return "--data gives the roll calls of a Library file only (no partial record, context or other table)"
    if args.format == "parquet" and not args.output and sys.stdout.isatty():
        return "parquet is binary: write it to a file with -o PATH"
    return None


def cmd_export(args: argparse.Namespace) -> None:
    from .output import export

    problem = _export_problem(args)
    if problem:
        raise UsageError(problem)
    data = Data(args)
    tables = data.tables.replace(votes=data.votes, motions=data.motions) if data.file else data.tables
    if args.all:
        written = export.write_package(tables, Path(args.output), args.format)
        print(f"wrote {len(written)} files to {args.output}")
        return
    if args.table:
        result = export.declared_table(tables, args.table)
    elif args.partial:
        result = export.Export(export.PARTIAL, export.partial_table(tables, args.motions))
    elif args.context:
        result = export.context_table(tables, args.motions, args.wide)
    elif args.ideal_points:
        result = export.ideal_point_table(tables, _ideal_points(data))
    else:
        result = export.roll_call_export(tables, args.motions, args.wide)
    export.write_table(result.frame, args.output, args.format)


# ---------------------------------------------------------------------------------------------- check, report


def add_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", type=_not_empty, help="a vote file: project layout (motion, iso3, "
                   "vote) or a UN Digital Library file")


def cmd_check(args: argparse.Namespace) -> None:
    from .data.undl import read_vote_file
    from .measures.comparisons import tally

    votes, layout = read_vote_file(args.path, data_dir=args.data_dir)
    counts = tally(votes)[["Y", "N", "A", "X", "members"]]
    print(f"OK: {len(votes):,} rows, {len(counts):,} motions ({layout})")
    print(f"file: {args.path}")
    print(counts.to_string())


def add_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true", help="replace files in reports/ that the last report did not "
                   "write (e.g. an index.html of your own); without it the report stops and names such a file. "
                   "Symbolic links are never written through, even so")


def cmd_report(args: argparse.Namespace) -> None:
    from .report.build import build
    from .report.files import ReportError

    try:  # a broken --data-dir raises VoteDataError before any notebook runs: one line, exit 2
        build(data_dir=args.data_dir, force=args.force)
    except ReportError as exc:  # e.g. a link out of reports/, or a notebook that failed: one line, exit 2
        raise UsageError(str(exc)) from None


def add_update_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", type=_not_empty, help="a UN Digital Library voting file (GA or SC, "
                   "any layout)")
    p.add_argument("--dry-run", action="store_true", help="print what would change and write nothing")


def cmd_update_data(args: argparse.Namespace) -> None:
    from .data.update import update_data

    update_data(args.file, args.data_dir, dry_run=args.dry_run)


# ---------------------------------------------------------------------------------------------- the table


SUBCOMMANDS: dict[str, Subcommand] = {
    "votes": Subcommand("how one motion went: tally, one country, or per regional group",
                        "How one motion went: the tally, one country's vote, or counts per regional group. A motion "
                        "known only as a tally (an amendment, a procedural vote) shows its tally and how good it is.",
                        add_votes, cmd_votes),
    "compare": Subcommand("transition table and changed votes between two motions",
                          "The 4x4 transition table between two motions and every member that changed its vote; "
                          "where one has no country-level record, the bounds the two tallies put on each other.",
                          add_compare, cmd_compare),
    "motions": Subcommand("the motions table", "Every motion with its date, kind, tally (marked * where it is not "
                          "official), outcome, whether a country-level record exists, and its title.",
                          add_motions, cmd_motions),
    "country": Subcommand("one country's whole record and its alignment",
                          "One country's vote on every motion in date order with the tally beside it, whether it "
                          "sat on the Council, and its agreement with the United States, the Russian Federation, "
                          "Ukraine and the EU27 majority before and from 2025, with the votes behind each score.",
                          add_country, cmd_country),
    "export": Subcommand("the roll calls and every table as CSV, JSON or Parquet, for R, Stata and others",
                         "Write the roll calls (default: all, long: a row per member and motion with its ISO3 code, "
                         "UN name and regional group; --wide: a row per member, a column per motion), the partial "
                         "record, the context votes, the ideal points per member and GA session (computed) or any "
                         "bundled table, as CSV (default), JSON or Parquet, to "
                         "standard output or -o PATH. Sorted, no timestamps: the same data give the same file.",
                         add_export, cmd_export),
    "check": Subcommand("validate a vote file and print its tallies",
                        "Validate a vote file (project layout or UN Digital Library layout) and print its tallies "
                        "per motion.", add_check, cmd_check),
    "update-data": Subcommand("refresh the data folder from a UN Digital Library voting file",
                              "Compare every bundled roll call (and the GA context's) with a UN Digital Library "
                              "voting file (any difference stops the update and nothing is written), add the roll "
                              "calls the file holds and the data lacks, retire their partial records, append the "
                              "file's GA roll calls after the context's last date to the context and update "
                              "SHA256SUMS. "
                              "Writes into --data-dir (default: the bundled data/).",
                              add_update_data, cmd_update_data),
    "report": Subcommand("execute the notebooks and write reports/index.html",
                         "Execute every notebook in notebooks/ and write the HTML report to reports/. The data "
                         "folder is checked first (a broken one stops it in one line). It replaces or removes only "
                         "the files the last report wrote (listed in reports/.report-files), never writes through a "
                         "symbolic link, and puts the new report in place all at once: on any refusal or failure "
                         "the previous report stays as it was.",
                         add_report, cmd_report),
}
#: Subcommands that read the vote data: they take --data PATH and --format.
DATA_SUBCOMMANDS = ("votes", "compare", "motions", "country")

EPILOG = """examples:
  python -m analysis votes "S/RES/2774 (2025)"
  python -m analysis votes S/2022/155 --country Albania
  python -m analysis votes A/ES-11/L.10 --format csv
  python -m analysis country BRA
  python -m analysis export --format parquet -o roll_calls.parquet
  python -m analysis --data-dir my_data/ motions

Exit codes: 0 success, 2 bad input (one line on stderr), 130 interrupted,
141 output closed early (e.g. piped into head)."""


def _not_empty(text: str) -> str:
    """An argument that names something: an empty or blank one is refused, never read as "not given"."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"empty value {text!r}")
    return text


def _folder(text: str) -> Path:
    return Path(_not_empty(text))


def build_parser() -> Parser:
    parser = Parser(prog="python -m analysis", description="The UN votes on the war in Ukraine: tallies, country\n"
                    "votes, comparisons and country records from the command line.", epilog=EPILOG,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", metavar="DIR", type=_folder, help="read the data files from DIR (laid out "
                        "like the bundled data/ folder) instead of the bundled data")
    sub = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    for name, command in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=command.help, description=command.description)
        command.arguments(p)
        if name in DATA_SUBCOMMANDS:
            p.add_argument("--data", metavar="PATH", type=_not_empty, help="a UN Digital Library voting file "
                           "instead of the bundled data")
            p.add_argument("--format", choices=FORMATS, default="text", help="text (default, fits 100 columns), "
                           "csv or json (for scripts)")
    return parser


def safe_text(text: str, encoding: str | None = None) -> str:
    """``text`` as it may be written to a terminal: every control character escaped (``\\x1b``,
    :func:`~analysis.output.terminal.printable`), and every character the output's ``encoding`` cannot hold
    (ASCII, Latin-1, a C locale) as a backslash escape."""
    text = printable(text)
    if encoding:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            text = text.encode(encoding, "backslashreplace").decode(encoding)
        except LookupError:  # pragma: no cover - an encoding Python does not know
            pass
    return text


class SafeStream(io.TextIOBase):
    """stdout or stderr for the length of :func:`main`: text goes through :func:`safe_text`, so a member name or a
    title from a data folder never sends a raw escape sequence, and no encoding makes a print fail."""

    def __init__(self, stream) -> None:
        self.stream = stream

    @property
    def encoding(self) -> str | None:
        return getattr(self.stream, "encoding", None)

    def write(self, text: str) -> int:
        self.stream.write(safe_text(text, self.encoding))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def buffer(self):
        """The byte stream below, for exports: data files are written byte for byte, never re-escaped."""
        return self.stream.buffer

    def isatty(self) -> bool:
        return self.stream.isatty()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; see the module doc for the exit codes."""
    if sys.stdout is None:  # started with stdout closed (>&-): refuse before reading or writing anything
        _fail("standard output is closed, so nothing can be shown; nothing was done")
        return EXIT_BAD_INPUT
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), err if err is None else SafeStream(err)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(argv: list[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.data_dir is not None and not args.data_dir.is_dir():
            raise VoteDataError("--data-dir is not a folder", value=str(args.data_dir))
        SUBCOMMANDS[args.command].run(args)
        sys.stdout.flush()  # a closed pipe shows up here, inside the try
    except BrokenPipeError:  # output piped into head and the like: stop quietly
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        _fail("interrupted")
        return EXIT_INTERRUPTED
    except (UsageError, VoteDataError) as exc:
        _fail(str(exc))
        return EXIT_BAD_INPUT
    except OSError as exc:  # a folder given as a file, an unreadable file, ...
        _fail(f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc))
        return EXIT_BAD_INPUT
    return 0


def _fail(message: str) -> None:
    if sys.stderr is None:  # stderr closed too: the exit code is all there is
        return
    try:
        print("error: " + safe_text(" ".join(message.split()), getattr(sys.stderr, "encoding", None)),
              file=sys.stderr)
    except (OSError, ValueError):
        pass


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
