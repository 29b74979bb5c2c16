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
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .data.schema import VoteDataError
from .output.terminal import WIDTH, json_records, shorten, table_text, tally_text, wrap

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

        return read_undl_full(self.file)

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
        row["recorded"] = row["motion"] in set(self.votes["motion"])
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
    print(json.dumps(value, ensure_ascii=False, indent=1))


def _when(row: pd.Series) -> str:
    date = f", {row['date']:%Y-%m-%d}" if pd.notna(row.get("date")) else ""
    return f"{row['body']}{date}"


def _tally_only(row: pd.Series) -> dict:
    """The facts held about a motion without a country-level record."""
    return {"motion": row["motion"], "body": row["body"], "date": row.get("date"), "kind": row.get("kind"),
            "yes": row.get("yes"), "no": row.get("no"), "abstain": row.get("abstain"),
            "tally_quality": row.get("tally_quality"), "record": "tally only"}


# ---------------------------------------------------------------------------------------------- votes


def add_votes(p: argparse.ArgumentParser) -> None:
    p.add_argument("motion", metavar="MOTION", help="motion id in any usual spelling, e.g. A/RES/ES-11/7, ES-11/7, "
                   "'S/RES/2774 (2025)' or the draft A/ES-11/L.10")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--country", metavar="NAME_OR_CODE", help="one country's vote: a name or ISO3 code, "
                       "e.g. 'United States'")
    which.add_argument("--group", action="store_true", help="counts per UN regional group")


def cmd_votes(args: argparse.Namespace) -> None:
    data = Data(args)
    row = data.motion(args.motion)
    if args.country:
        return _country_vote(data, row, args)
    if not row["recorded"]:
        if args.group:
            raise VoteDataError(f"no country-level record, so no counts per group (the tally: {tally_text(row, labelled=True)})",
                                value=row["motion"])
        if args.format != "text":
            return emit(pd.DataFrame([_tally_only(row)]), args.format)
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
        record = {"motion": row["motion"], "body": row["body"], "date": row.get("date"), "kind": row.get("kind"),
                  "yes": counts["Y"], "no": counts["N"], "abstain": counts["A"], "not_voting": counts["X"],
                  "members": counts["members"], "tally_quality": row.get("tally_quality"), "record": "roll call"}
        return emit(pd.DataFrame([record]), args.format)
    print(f"{row['motion']} ({_when(row)}): Y {counts['Y']}, N {counts['N']}, A {counts['A']}, X {counts['X']} "
          f"({counts['members']} members)")
    if isinstance(row.get("vetoed_by"), str):  # a veto is a veto, of a draft as of an amendment
        print(wrap(f"  not adopted: vetoed by {data.name(row['vetoed_by'])} ({row['vetoed_by']}), a permanent "
                   "member (Charter, Article 27(3))", WIDTH, "    "))
    return None


def _country_vote(data: Data, row: pd.Series, args: argparse.Namespace) -> None:
    from .data.members import to_iso3

    iso3, motion = to_iso3(args.country, data_dir=data.dir), row["motion"]
    answer = {"motion": motion, "iso3": iso3, "name": data.name(iso3), "vote": None, "record": None,
              "confidence": None, "source": None}
    if row["recorded"]:
        roll = data.votes[(data.votes["motion"] == motion) & (data.votes["iso3"] == iso3)]
        if len(roll):
            answer.update(vote=roll["vote"].iat[0], record="roll call")
            shown = answer["vote"]
            basis = data.basis(motion, iso3)
            if basis is not None:  # a Council vote of 2022: named in a source, or deduced by elimination
                answer.update(record="roll call" if basis[0] == "named in source" else "by elimination",
                              source=basis[1])
                shown += "" if basis[0] == "named in source" else f" ({basis[0]})"
        elif row["body"] == "SC":
            year = f" in {row['date']:%Y}" if pd.notna(row.get("date")) else ""
            answer["record"] = shown = f"not a Council member{year}"
        else:
            answer["record"] = shown = "no vote in this record (not a member at the time)"
    else:
        news = data.partial
        news = news[(news["motion"] == motion) & (news["iso3"] == iso3)] if news is not None else []
        if len(news):
            found = news.iloc[0]
            answer.update(vote=found["vote"], record="news report", confidence=found["confidence"],
                          source=found["source"])
            shown = f"{found['vote']} (news report, confidence {found['confidence']}: {found['source']})"
        else:
            answer["record"] = "tally only"
            shown = f"unknown: no country-level record (the tally: {tally_text(row, labelled=True)})"
    if args.format != "text":
        return emit(pd.DataFrame([answer]), args.format)
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
    if args.format == "csv":
        both = vote_matrix(data.votes, [a["motion"], b["motion"]], data.members).dropna()
        both = both.join(data.members.set_index("iso3")[["name", "regional_group"]]).reset_index(names="iso3")
        both["changed"] = both[a["motion"]] != both[b["motion"]]
        return emit(both[["iso3", "name", "regional_group", a["motion"], b["motion"], "changed"]], "csv")
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


def cmd_country(args: argparse.Namespace) -> None:
    from .data.members import to_iso3
    from .measures.profile import country_profile
    from .output.profile import profile_json, profile_text

    data = Data(args)
    profile = country_profile(data.tables, to_iso3(args.country, data_dir=data.dir), votes=data.votes,
                              motions=data.motions, partial=data.partial, method=args.method)
    if args.format == "json":
        print(profile_json(profile))
    elif args.format == "csv":
        emit(profile.votes, "csv")
    else:
        print(profile_text(profile))


# ---------------------------------------------------------------------------------------------- check, report


def add_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="a vote file: project layout (motion, iso3, vote) or a UN Digital "
                   "Library file")


def cmd_check(args: argparse.Namespace) -> None:
    from .data.undl import read_vote_file
    from .measures.comparisons import tally

    votes, layout = read_vote_file(args.path)
    counts = tally(votes)[["Y", "N", "A", "X", "members"]]
    print(f"OK: {len(votes):,} rows, {len(counts):,} motions ({layout})")
    print(f"file: {args.path}")
    print(counts.to_string())


def add_report(p: argparse.ArgumentParser) -> None:
    pass


def cmd_report(args: argparse.Namespace) -> None:
    from .report.build import build
    from .report.files import ReportError

    try:
        build(data_dir=args.data_dir)
    except ReportError as exc:  # e.g. a link out of reports/, or a notebook that failed: one line, exit 2
        raise UsageError(str(exc)) from None


def add_update_data(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a UN Digital Library voting file (GA or SC, any layout)")
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
    "check": Subcommand("validate a vote file and print its tallies",
                        "Validate a vote file (project layout or UN Digital Library layout) and print its tallies "
                        "per motion.", add_check, cmd_check),
    "update-data": Subcommand("refresh the data folder from a UN Digital Library voting file",
                              "Compare every bundled roll call with a UN Digital Library voting file (any "
                              "difference stops the update and nothing is written), add the roll calls the file "
                              "holds and the data lacks, retire their partial records and update SHA256SUMS. "
                              "Writes into --data-dir (default: the bundled data/).",
                              add_update_data, cmd_update_data),
    "report": Subcommand("execute the notebooks and write reports/index.html",
                         "Execute every notebook in notebooks/ and write the HTML report to reports/.",
                         add_report, cmd_report),
}
#: Subcommands that read the vote data: they take --data PATH and --format.
DATA_SUBCOMMANDS = ("votes", "compare", "motions", "country")

EPILOG = """examples:
  python -m analysis votes "S/RES/2774 (2025)"
  python -m analysis votes S/2022/155 --country Albania
  python -m analysis votes A/ES-11/L.10 --format csv
  python -m analysis country BRA
  python -m analysis --data-dir my_data/ motions

Exit codes: 0 success, 2 bad input (one line on stderr), 130 interrupted,
141 output closed early (e.g. piped into head)."""


def build_parser() -> Parser:
    parser = Parser(prog="python -m analysis", description="The UN votes on the war in Ukraine: tallies, country\n"
                    "votes, comparisons and country records from the command line.", epilog=EPILOG,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", metavar="DIR", type=Path, help="read the data files from DIR (laid out like "
                        "the bundled data/ folder) instead of the bundled data")
    sub = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    for name, command in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=command.help, description=command.description)
        command.arguments(p)
        if name in DATA_SUBCOMMANDS:
            p.add_argument("--data", metavar="PATH", help="a UN Digital Library voting file instead of the "
                           "bundled data")
            p.add_argument("--format", choices=FORMATS, default="text", help="text (default, fits 100 columns), "
                           "csv or json (for scripts)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; see the module doc for the exit codes."""
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
    try:
        print("error: " + " ".join(message.split()), file=sys.stderr)
    except (OSError, ValueError):
        pass


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
