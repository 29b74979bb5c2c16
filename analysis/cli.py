"""Command line: ``python -m analysis SUBCOMMAND`` (also installed as ``unvotes``).

Subcommands: ``report``, ``votes``, ``compare``, ``motions``, ``check``. The data
subcommands read the bundled records, or with ``--data PATH`` a UN Digital
Library voting file. Exit codes: 0 success, 2 bad input (one-line message
naming file, line and value; never a traceback for bad data).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .errors import VoteDataError

MOTION_COLUMNS = ["motion", "body", "date", "kind", "yes", "no", "abstain", "outcome", "roll_call", "tally_quality"]


def _load(data: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(votes, motions): the bundled records, or those of a UN Digital Library file."""
    if data is None:
        from .loading import load_motions, load_votes

        return load_votes(), load_motions()
    from .undl import read_undl_full

    return read_undl_full(data)


def _print(frame: pd.DataFrame, index: bool = True) -> None:
    print(frame.to_string(index=index))


def cmd_votes(args: argparse.Namespace) -> None:
    from .comparisons import by_group, tally, votes_on
    from .members import load_members, to_iso3

    votes, motions = _load(args.data)
    if args.country:
        iso3 = to_iso3(args.country)
        record = votes_on(args.motion, votes)
        if iso3 not in record.index:
            raise VoteDataError(f"{iso3} has no vote on {args.motion}", value=args.country)
        name = load_members().set_index("iso3")["name"].get(iso3, iso3)
        print(f"{args.motion}: {name} ({iso3}) {record[iso3]}")
        return
    if args.group:
        _print(by_group(args.motion, votes))
        return
    votes_on(args.motion, votes)  # a clear error for an unknown motion
    row = tally(votes, [args.motion]).iloc[0]
    info = motions.set_index("motion").loc[args.motion] if args.motion in set(motions["motion"]) else None
    when = f" ({info['body']}, {info['date']:%Y-%m-%d})" if info is not None and pd.notna(info["date"]) else ""
    print(f"{args.motion}{when}: Y {row['Y']}, N {row['N']}, A {row['A']}, X {row['X']} ({row['members']} members)")


def cmd_compare(args: argparse.Namespace) -> None:
    from .comparisons import changed_votes, transitions

    votes, _ = _load(args.data)
    _print(transitions(args.motion_a, args.motion_b, votes))
    changed = changed_votes(args.motion_a, args.motion_b, votes)
    print(f"\n{len(changed)} members changed their vote")
    if len(changed):
        _print(changed.fillna(""), index=False)


def cmd_motions(args: argparse.Namespace) -> None:
    if args.data is None:
        from .loading import load_motions

        motions = load_motions()
    else:
        motions = _load(args.data)[1]
    columns = [c for c in MOTION_COLUMNS if c in motions.columns]
    shown = motions[columns].copy()
    shown["date"] = shown["date"].dt.strftime("%Y-%m-%d")
    _print(shown, index=False)


def cmd_check(args: argparse.Namespace) -> None:
    from .comparisons import tally
    from .loading import read_votes

    path = Path(args.path)
    if not path.is_file():
        raise VoteDataError("file not found", file=path)
    with open(path, "rb") as handle:
        first = handle.readline().decode("utf-8-sig", errors="replace").strip().lower().replace('"', "")
    if first.split(",")[:3] == ["motion", "iso3", "vote"]:
        votes, layout = read_votes(path), "project layout (motion, iso3, vote)"
    else:
        from .undl import read_undl

        votes, layout = read_undl(path), "UN Digital Library layout"
    counts = tally(votes)[["Y", "N", "A", "X", "members"]]
    print(f"OK: {path} ({layout}): {len(votes):,} rows, {len(counts):,} motions")
    _print(counts)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n\n")[0],
                                     epilog="Exit codes: 0 success, 2 bad input.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")

    def data_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", metavar="PATH", help="a UN Digital Library voting file instead of the bundled data")

    sub.add_parser("report", help="execute the notebooks and write reports/index.html",
                   description="Execute every notebook in notebooks/ and write the HTML report to reports/.")
    p = sub.add_parser("votes", help="how one motion went: tally, one country, or per regional group",
                       description="How one motion went: the tally, one country's vote, or counts per regional group.")
    p.add_argument("motion", metavar="MOTION", help="motion id, e.g. A/RES/ES-11/7")
    p.add_argument("--country", metavar="NAME_OR_CODE", help="a country name or ISO3 code, e.g. 'United States'")
    p.add_argument("--group", action="store_true", help="counts per UN regional group")
    data_option(p)
    p = sub.add_parser("compare", help="transition table and changed votes between two motions",
                       description="The 4x4 transition table between two motions and every member that changed.")
    p.add_argument("motion_a", metavar="MOTION_A")
    p.add_argument("motion_b", metavar="MOTION_B")
    data_option(p)
    p = sub.add_parser("motions", help="the motions table", description="The motions table with official tallies.")
    data_option(p)
    p = sub.add_parser("check", help="validate a vote file and print its tallies",
                       description="Validate a vote file (project layout or UN Digital Library layout) and print "
                                   "its tallies per motion.")
    p.add_argument("path", metavar="PATH")
    return parser


COMMANDS = {"votes": cmd_votes, "compare": cmd_compare, "motions": cmd_motions, "check": cmd_check}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; 0 on success, 2 on bad input (one-line message, no traceback)."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "report":
            from .report import ReportError, build

            try:
                build()
            except ReportError as exc:  # e.g. a link out of reports/, or a notebook that failed
                print(f"error: {exc}", file=sys.stderr)
                return 2
        else:
            COMMANDS[args.command](args)
    except VoteDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
    return 0
