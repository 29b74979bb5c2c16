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


def test_notebook_tables_escape_html_from_the_data():
    from analysis.output.tables import table_html

    frame = pd.DataFrame({"name": ["<script>alert(1)</script>"], "votes": [3]}, index=pd.Index(["<b>x</b>"]))
    html = table_html(frame, caption="<img src=x onerror=alert(1)>")
    assert "<script>" not in html and "<b>x" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_years_and_sessions_have_no_thousands_separator_but_counts_do():
    """Page 09's agreement table showed the year 2014 as "2,014"."""
    from analysis.output.tables import table_html

    frame = pd.DataFrame({"year": [2014], "session": [76], "n_votes": [139925]})
    html = table_html(frame, index=False)
    assert ">2014<" in html and "2,014" not in html and ">139,925<" in html


def test_one_precision_for_a_tables_decimals_and_a_crosstab_says_rows_and_columns_in_its_caption():
    """Page 06's Rice table showed "1.0" in its ASEAN column beside "1.00" elsewhere; crosstabs put "A/RES/ES-11/7
    (rows); A/RES/ES-11/8 (columns)" in their corner cell, which pushed every number off a phone's screen."""
    from analysis.output.tables import table_html

    html = table_html(pd.DataFrame({"EU27": [1.0, 0.81], "ASEAN": [1.0, 0.5]}), index=False)
    assert ">1.0<" not in html and html.count(">1.00<") == 2 and ">0.50<" in html
    cross = pd.crosstab(pd.Series(["Y", "N"], name="ES-11/7"), pd.Series(["Y", "A"], name="ES-11/8"))
    html = table_html(cross, caption="Votes on both:")
    assert "<caption>Votes on both: Rows: ES-11/7; columns: ES-11/8.</caption>" in html and "(rows)" not in html


def test_a_change_of_vote_is_shown_in_words_in_a_column_or_as_the_index():
    """Page 01's count of changed votes showed "A->X" and "Y->A" to readers."""
    import pytest

    from analysis.output.tables import move_words, table_html

    counts = pd.Series([2, 11], index=pd.Index(["A->X", "Y->A"], name="change"), name="count")
    html = table_html(counts)
    assert "<td>abstained → did not vote</td>" in html and "<td>yes → abstained</td>" in html and "-&gt;" not in html
    html = table_html(pd.DataFrame({"member": ["Kenya"], "change": ["A->Y"]}), index=False)
    assert "<td>abstained → yes</td>" in html
    with pytest.raises(ValueError, match="not a change of vote"):
        move_words("A->Q")


def test_a_cut_ends_at_a_word_where_one_ends_in_the_second_half():
    """Page 07's map subtitles ended "... the city of Sevastopol, Ukraine, as wel"."""
    title = "Situation of human rights in the Autonomous Republic of Crimea and the city of Sevastopol, Ukraine, as well"
    assert shorten(title, 100) == "Situation of human rights in the Autonomous Republic of Crimea and the city of " \
                                  "Sevastopol, Ukraine,\u2026"
    assert shorten("x" * 30, 10) == "x" * 9 + "\u2026"  # no word end: cut where the limit falls


def test_a_table_with_an_unnamed_index_gets_no_empty_rows_caption():
    """Page 08's transposed table said "Rows: ; columns: motion." above its first column."""
    from analysis.output.tables import table_html

    frame = pd.DataFrame({"A/RES/ES-11/7": [93]}, index=pd.Index(["yes"])).rename_axis(columns="motion")
    html = table_html(frame)
    assert "Rows:" not in html and ">A/RES/ES-11/7</th>" in html
