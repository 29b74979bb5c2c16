"""Benchmark: read_undl on a synthetic file in the UN Digital Library GA layout.

Generates a file with the Library's exact GA columns (real ms_code and upper-case
ms_name values of the 193 members, about 5,000 motions for a million rows,
title/agenda/subject texts of realistic length, historical seats YUG and CSK in
the oldest motions), then times, each in a fresh subprocess so that peak memory
is the process's own:

- ``bare``: ``pandas.read_csv(path, engine="pyarrow")``, the floor;
- ``read_undl``: load + normalize + validate, this package;
- ``naive``: default-engine ``pandas.read_csv`` + row-wise normalization.

Prints times, ratios against the bare read and peak memory (max RSS).

    python benchmarks/bench_undl.py --rows 1000000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HEADER = ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "session", "resolution", "draft",
          "committee_report", "meeting", "title", "agenda_title", "subjects", "vote_note", "total_yes",
          "total_no", "total_abstentions", "total_non_voting", "total_ms", "undl_link"]
WORDS = ("the general assembly resolution on international cooperation development human rights situation "
         "nuclear disarmament peace security question of palestine financing of united nations operations "
         "territorial integrity sovereignty sustainable programme implementation report secretary-general").split()


def generate(path: Path, rows: int, seed: int = 20250224) -> None:
    """Write a synthetic UN Digital Library GA file of about ``rows`` rows to ``path``."""
    from analysis import load_members

    rng = np.random.default_rng(seed)
    members = load_members()
    codes = members["iso3"].to_numpy()
    names = members["name"].str.upper().to_numpy()
    n_motions = max(1, rows // 193)
    chunks = []
    for m in range(n_motions):
        if m < max(1, n_motions // 100):  # the oldest motions: a smaller roster with historical seats
            keep = rng.choice(193, size=150, replace=False)
            mcodes = np.concatenate([codes[keep], ["YUG", "CSK"]])
            mnames = np.concatenate([names[keep], ["YUGOSLAVIA", "CZECHOSLOVAKIA"]])
        else:
            mcodes, mnames = codes, names
        votes = rng.choice(np.array(["Y", "N", "A", "X"]), size=len(mcodes), p=[0.7, 0.05, 0.15, 0.1])
        year = 1946 + m * 79 // n_motions
        title = " ".join(rng.choice(WORDS, size=rng.integers(6, 22))).capitalize()
        agenda = " ".join(rng.choice(WORDS, size=rng.integers(4, 14))).capitalize()
        subjects = "|".join(" ".join(rng.choice(WORDS, size=3)).upper() for _ in range(rng.integers(1, 6)))
        counts = {c: int((votes == c).sum()) for c in "YNAX"}
        chunks.append(pd.DataFrame({
            "undl_id": 100000 + m, "ms_code": mcodes, "ms_name": mnames, "ms_vote": votes,
            "date": f"{year}-{1 + m % 12:02d}-{1 + m % 28:02d}", "session": str(year - 1945),
            "resolution": f"A/RES/{year - 1945}/{m}", "draft": f"A/{year - 1945}/L.{m % 90}",
            "committee_report": f"A/{year - 1945}/{m % 700}", "meeting": f"A/{year - 1945}/PV.{m % 100}",
            "title": title, "agenda_title": agenda, "subjects": subjects, "vote_note": "",
            "total_yes": counts["Y"], "total_no": counts["N"], "total_abstentions": counts["A"],
            "total_non_voting": counts["X"], "total_ms": len(mcodes),
            "undl_link": f"https://digitallibrary.un.org/record/{100000 + m}",
        }))
    frame = pd.concat(chunks, ignore_index=True)[HEADER]
    frame.to_csv(path, index=False, lineterminator="\n")


#: case -> (untimed setup, timed code); imports are set up outside the timer for every case alike.
CASES = {
    "bare": ("import pandas as pd", "frame = pd.read_csv(PATH, engine='pyarrow'); n = len(frame)"),
    "read_undl": ("from analysis import read_undl", "frame = read_undl(PATH); n = len(frame)"),
    "naive": (
        "import pandas as pd\nfrom analysis import to_iso3\n"
        "CODES = {'Y': 'Y', 'N': 'N', 'A': 'A', 'X': 'X', 'NV': 'X'}\nHIST = {'YUG', 'CSK'}",
        "frame = pd.read_csv(PATH)\n"
        "frame['iso3'] = frame.apply(lambda r: r['ms_code'] if r['ms_code'] in HIST else to_iso3(r['ms_code']), axis=1)\n"
        "frame['vote'] = frame.apply(lambda r: CODES[r['ms_vote'].strip().upper()], axis=1)\n"
        "n = len(frame)",
    ),
}

#: Peak memory is the child's own high-water mark (VmHWM): it belongs to the address space made at exec, so
#: unlike ru_maxrss it does not carry the parent's peak into the child (the parent holds the generated frame).
RUNNER = """
import json, sys, time
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
PATH = sys.argv[1]
{setup}
start = time.perf_counter()
{code}
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "rows": n, "peak_mb": peak_mb()}}))
"""


def measure(case: str, path: Path) -> dict:
    """Run one case in a fresh interpreter; return seconds, rows and peak memory (MB)."""
    setup, code = CASES[case]
    out = subprocess.run([sys.executable, "-c", RUNNER.format(setup=setup, code=code), str(path)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="about how many rows to generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the best is reported")
    parser.add_argument("--no-naive", action="store_true", help="skip the slow naive baseline")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ga_voting.csv"
        start = time.perf_counter()
        generate(path, args.rows)
        size_mb = path.stat().st_size / 2**20
        print(f"generated {path.name}: {size_mb:.0f} MB in {time.perf_counter() - start:.1f} s")
        results = {}
        for case in ["bare", "read_undl"] + ([] if args.no_naive else ["naive"]):
            runs = [measure(case, path) for _ in range(1 if case == "naive" else args.repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            results[case] = best
        base = results["bare"]["seconds"]
        print(f"{'case':<10} {'rows':>10} {'seconds':>9} {'x bare':>8} {'peak MB':>9}")
        for case, r in results.items():
            print(f"{case:<10} {r['rows']:>10,} {r['seconds']:>9.2f} {r['seconds'] / base:>8.2f} {r['peak_mb']:>9.0f}")
        return results


if __name__ == "__main__":
    main()
