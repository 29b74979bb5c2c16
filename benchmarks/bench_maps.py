"""Time the tile maps: every roll call's map built and rendered to PNG, as a notebook shows it.

    .venv/bin/python benchmarks/bench_maps.py            # best of 3
    .venv/bin/python benchmarks/bench_maps.py --svg      # also the SVG with a tooltip per member

Uses only ``analysis.tile_map`` and matplotlib, so it runs on older versions of
the package too (for before/after numbers). Data loading happens before the timer.
"""

from __future__ import annotations

import argparse
import io
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from analysis import load_motions, load_votes, tile_map  # noqa: E402


def once(motions: list[str], votes, svg: bool) -> float:
    started = time.perf_counter()
    for motion in motions:
        fig = tile_map(motion, votes)
        fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")  # what the notebook's inline display does
        if svg:
            from analysis.output.plots import to_svg

            to_svg(fig)
        plt.close(fig)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--svg", action="store_true", help="also write each map's SVG with tooltips")
    args = parser.parse_args()
    votes, motions = load_votes(), load_motions()
    roll_calls = list(motions.loc[motions["roll_call"].astype(bool), "motion"])
    best = min(once(roll_calls, votes, args.svg) for _ in range(args.repeat))
    print(f"{len(roll_calls)} roll-call maps{' + SVG' if args.svg else ''}: best of {args.repeat} {best:.2f} s "
          f"({best / len(roll_calls):.2f} s per map)")


if __name__ == "__main__":
    main()
