"""Benchmark: load_context() (the GA context 2014-2021, 139,925 votes, with all its checks) in a fresh process.

Each run is a fresh Python process (no cache of the package or of pyarrow is warm) that, after its imports,
times two things on the bundled ``data/ga_context_votes.csv``:

- ``read_csv``: a bare ``pandas.read_csv`` of the votes file (default engine, no checks), the reference;
- ``load_context``: :func:`analysis.data.context.load_context`: read (pyarrow), normalize, and every check
  (codes against the 193 members, vote codes, each member once per motion, all 193 on every roll call, the
  counts against the record's yes/no/abstain/non_voting, the motions of both files), plus reading the
  context's motions table and the member table it needs, and the GA session of each vote.

The order of the two alternates from run to run (the first read of the file may pay for the disk). Prints
each run, then the median of each and the median ratio. Target: ``load_context`` under 0.5 s.

    python benchmarks/bench_context.py --runs 7
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

RUNNER = """
import json, sys, time
import pandas as pd
from analysis.data.context import load_context
from analysis.data.schema import DATA_DIR
PATH = DATA_DIR / "ga_context_votes.csv"
def bare():
    start = time.perf_counter(); n = len(pd.read_csv(PATH)); return time.perf_counter() - start, n
def package():
    start = time.perf_counter(); n = len(load_context()); return time.perf_counter() - start, n
order = [bare, package] if sys.argv[1] == "0" else [package, bare]
result = {}
for case in order:
    result[case.__name__] = case()
print(json.dumps({"read_csv": result["bare"][0], "load_context": result["package"][0],
                  "rows": result["package"][1], "bare_rows": result["bare"][1]}))
"""


def measure(turn: int) -> dict:
    """One fresh interpreter: seconds of the bare read and of load_context, and the rows each gave."""
    out = subprocess.run([sys.executable, "-c", RUNNER, str(turn % 2)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes; the medians are reported")
    args = parser.parse_args(argv)
    runs = [measure(turn) for turn in range(args.runs)]
    print(f"{'run':>4} {'read_csv s':>11} {'load_context s':>15} {'ratio':>7}")
    for i, r in enumerate(runs, 1):
        print(f"{i:>4} {r['read_csv']:>11.3f} {r['load_context']:>15.3f} {r['load_context'] / r['read_csv']:>7.2f}")
    summary = {"read_csv": statistics.median(r["read_csv"] for r in runs),
               "load_context": statistics.median(r["load_context"] for r in runs),
               "ratio": statistics.median(r["load_context"] / r["read_csv"] for r in runs),
               "rows": runs[0]["rows"], "runs": len(runs)}
    print(f"median of {len(runs)} fresh processes ({summary['rows']:,} votes): read_csv {summary['read_csv']:.3f} s, "
          f"load_context {summary['load_context']:.3f} s, ratio {summary['ratio']:.2f} (target: load_context < 0.5 s)")
    return summary


if __name__ == "__main__":
    main()
