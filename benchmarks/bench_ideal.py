"""Benchmark: ideal_points against a plain SVD reference, on the GA context 2014-2021 and at full Assembly scale.

    .venv/bin/python benchmarks/bench_ideal.py                  # the context, then 193 members x 6,000 roll calls
    .venv/bin/python benchmarks/bench_ideal.py --repeat 1 --motions 1200     # a quick look

The reference is what a quick analysis would do: the member x roll call matrix (yes 1, abstain 0.5, no 0, a
member who did not vote given the roll call's mean), each column centred, and its leading singular vector as
the position (one per member, for all sessions). Both start from the same tidy table, so building the matrix
is part of the reference's time (the SVD alone is shown too); BLAS runs on one thread for both, as in
``ideal_points``. Each time is the best of ``--repeat`` runs in this process, after one
untimed warm-up (imports, first allocations), as wall time and as this process's CPU time: on a shared
machine the wall time also holds the time other processes took, so read the ratios of one run.

Recovery: Pearson's correlation with the true member-session positions of the synthetic set (drawn from the
model, ``simulate_votes``; 25 % of the votes missing). The reference's one point per member is compared with
each of that member's true sessions. Both are oriented by the same rule (the member with the highest true
mean position positive).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.data.sessions import ga_session  # noqa: E402
from analysis.measures.ideal import _one_blas_thread, ideal_points, simulate_votes  # noqa: E402

SCORE = {"Y": 1.0, "A": 0.5, "N": 0.0}


def vote_matrix(votes: pd.DataFrame) -> pd.DataFrame:
    """Members x roll calls: yes 1, abstain 0.5, no 0, a missing vote (X) filled with the roll call's mean."""
    cast = votes[votes["vote"] != "X"]
    matrix = cast.assign(score=cast["vote"].map(SCORE)).pivot(index="iso3", columns="motion", values="score")
    matrix = matrix.reindex(sorted(votes["iso3"].unique()))
    return matrix.fillna(matrix.mean())


def leading_vector(matrix: pd.DataFrame, orient: str) -> pd.Series:
    """The leading left singular vector of the column-centred matrix, scaled to variance 1, ``orient`` positive."""
    values = matrix.to_numpy(dtype=float)
    u, _, _ = np.linalg.svd(values - values.mean(axis=0), full_matrices=False)
    position = pd.Series(u[:, 0] * np.sqrt(len(u)), index=matrix.index)
    return -position if position[orient] < 0 else position


def svd_reference(votes: pd.DataFrame, orient: str) -> pd.Series:
    """One position per member, from the tidy votes: the matrix, then its leading singular vector."""
    with _one_blas_thread():  # as ideal_points runs (on a busy machine OpenBLAS's threads slow a small SVD)
        return leading_vector(vote_matrix(votes), orient)


def context() -> pd.DataFrame:
    motions = pd.read_csv(ROOT / "data" / "ga_context_motions.csv", dtype=str, keep_default_na=False)
    votes = pd.read_csv(ROOT / "data" / "ga_context_votes.csv", dtype=str, keep_default_na=False)
    table = votes.merge(motions[["motion", "date"]], on="motion", validate="many_to_one")
    table["session"] = ga_session(table["date"])
    return table


def best(function, repeat: int):
    """(result, best wall seconds, CPU seconds of that run) over ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu, result))
    wall, cpu, result = min(runs, key=lambda run: run[0])
    return result, wall, cpu


def recovery(estimate: pd.DataFrame, truth: pd.DataFrame) -> float:
    both = estimate.merge(truth, on=["iso3", "session"], suffixes=("", "_true"))
    return float(np.corrcoef(both["ideal"], both["ideal_true"])[0, 1])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the best is reported (default 3)")
    parser.add_argument("--members", type=int, default=193)
    parser.add_argument("--motions", type=int, default=6000)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--no-context", action="store_true", help="skip the GA context 2014-2021")
    args = parser.parse_args(argv)

    warm, _, _ = simulate_votes(30, 60, 2, seed=1)
    ideal_points(warm, orient="M000")
    svd_reference(warm, "M000")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; best of {args.repeat}")
    print(f"{'case':<40}{'wall s':>9}{'cpu s':>9}{'x SVD':>8}{'recovery':>10}")
    results = {}

    def row(name, wall, cpu, ratio=None, corr=None):
        results[name] = {"wall": wall, "cpu": cpu, "ratio": ratio, "recovery": corr}
        print(f"{name:<40}{wall:>9.3f}{cpu:>9.3f}{'' if ratio is None else f'{ratio:.1f}':>8}"
              f"{'' if corr is None else f'{corr:.4f}':>10}")

    def svd_rows(label, votes, orient):
        matrix = vote_matrix(votes)
        position, wall, cpu = best(lambda: svd_reference(votes, orient), args.repeat)
        with _one_blas_thread():
            _, svd_wall, svd_cpu = best(lambda: leading_vector(matrix, orient), args.repeat)
        return position, wall, cpu, svd_wall, svd_cpu

    if not args.no_context:
        votes = context()
        _, svd_wall, svd_cpu, only_wall, only_cpu = svd_rows("context", votes, "USA")
        fit, wall, cpu = best(lambda: ideal_points(votes), args.repeat)
        row("context 2014-2021: SVD", svd_wall, svd_cpu)
        row("  of which the SVD itself", only_wall, only_cpu)
        row("context 2014-2021: ideal_points", wall, cpu, wall / svd_wall)
        print(f"    {len(votes):,} votes, {votes['motion'].nunique()} roll calls, {len(fit):,} member-sessions; "
              f"{fit.attrs['iterations']} Newton steps, converged {fit.attrs['converged']}")

    votes, truth, _ = simulate_votes(args.members, args.motions, args.sessions, missing=0.25, seed=0)
    top = truth.groupby("iso3")["ideal"].mean().idxmax()
    position, svd_wall, svd_cpu, only_wall, only_cpu = svd_rows("synthetic", votes, top)
    svd_estimate = truth[["iso3", "session"]].assign(ideal=truth["iso3"].map(position))
    fit, wall, cpu = best(lambda: ideal_points(votes, orient=top), args.repeat)
    label = f"synthetic {args.members} x {args.motions:,}"
    row(f"{label}: SVD", svd_wall, svd_cpu, None, recovery(svd_estimate, truth))
    row("  of which the SVD itself", only_wall, only_cpu)
    row(f"{label}: ideal_points", wall, cpu, wall / svd_wall, recovery(fit, truth))
    print(f"    {int((votes['vote'] != 'X').sum()):,} votes cast in {args.sessions} sessions; "
          f"{fit.attrs['iterations']} Newton steps, converged {fit.attrs['converged']}")
    return results


if __name__ == "__main__":
    main()
