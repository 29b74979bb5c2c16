"""The benchmark script runs end to end on a small size (timings are not asserted: that is the benchmark's job)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_undl  # noqa: E402

from analysis import read_undl  # noqa: E402


def test_generated_file_is_in_the_library_layout_and_valid(tmp_path):
    path = tmp_path / "ga.csv"
    bench_undl.generate(path, 2000)
    assert path.read_text().splitlines()[0].split(",") == bench_undl.HEADER
    votes = read_undl(path)
    assert len(votes) == 152 + 9 * 193  # the oldest motion carries historical seats on a smaller roster
    assert {"YUG", "CSK"} <= set(votes["iso3"])


def test_benchmark_runs_and_reports_every_case(capsys):
    results = bench_undl.main(["--rows", "2000", "--repeat", "1"])
    assert set(results) == {"bare", "read_undl", "naive"}
    assert all(r["rows"] == results["bare"]["rows"] for r in results.values())
    assert "x bare" in capsys.readouterr().out
