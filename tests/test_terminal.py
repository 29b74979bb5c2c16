"""Plain-text tables that fit 100 columns."""

import pandas as pd

from analysis.output.terminal import shorten, table_text


def test_shorten_marks_the_cut():
    assert shorten("Advancing a comprehensive peace", 12) == "Advancing a\u2026"
    assert shorten("short", 12) == "short"


def test_table_fits_by_shortening_the_named_columns():
    frame = pd.DataFrame({"motion": ["A/RES/ES-11/7"], "yes": [93], "title": ["x" * 200]})
    text = table_text(frame, shrink=("title",), width=60)
    lines = text.splitlines()
    assert max(map(len, lines)) == 60 and lines[1].endswith("\u2026")
    assert lines[1].startswith("A/RES/ES-11/7   93  x")  # text left, numbers right


def test_missing_values_are_empty_and_floats_have_two_decimals():
    frame = pd.DataFrame({"a": ["x", None], "b": [0.8181, float("nan")]})
    assert table_text(frame).split("\n") == ["a     b", "x  0.82", ""]
