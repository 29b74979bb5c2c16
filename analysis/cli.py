"""Command line: ``python -m analysis SUBCOMMAND`` (also installed as ``unvotes``)."""

from __future__ import annotations

import argparse
import sys

from .errors import VoteDataError


def main(argv: list[str] | None = None) -> int:
    """Run the command line; 0 on success, 2 on bad input (one-line message, no traceback)."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("report", help="execute the notebooks and write reports/index.html",
                   description="Execute every notebook in notebooks/ and write the HTML report to reports/.")
    args = parser.parse_args(argv)
    try:
        if args.command == "report":
            from .report import build

            build()
    except VoteDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
