"""The index's key findings: numbers computed from the data, each pointing to the page that shows it."""

import pandas as pd

from analysis.report.findings import key_findings


def test_the_key_numbers(votes, tables):
    findings = key_findings(tables)
    text = " ".join(f.text for f in findings)
    for number in ("93-18-65", "93-8-73", "10-0-5", "43 of 193 members changed", "only 78 voted yes on both",
                   "from 141 on A/RES/ES-11/6", "to 93 on ES-11/7", "from 32 to 65", "107-12-51",
                   "48 members that voted yes in 2023", "93.1%", "44.4%"):
        assert number in text, number
    assert "The United States voted no on ES-11/7 with the Russian Federation, and abstained on ES-11/8" in text
    council = next(f for f in findings if "10-0-5" in f.text)
    assert council.numbers["abstained"] == ["FRA", "GBR", "DNK", "GRC", "SVN"] or \
        sorted(council.numbers["abstained"]) == ["DNK", "FRA", "GBR", "GRC", "SVN"]
    assert "France" in council.text and "Slovenia" in council.text
    assert 6 <= len(findings) <= 10


def test_the_2026_vote_is_said_to_be_a_tally_with_a_partial_record_and_links_to_notebook_08(votes, tables):
    finding = next(f for f in key_findings(tables) if "ES-11/10" in f.text)
    assert "This is a tally (news sources" in finding.text
    assert "only a partial country-level record: news reports name 50 of the 170 votes cast" in finding.text
    assert "including all 12 against" in finding.text and "not in the member-level analysis" in finding.text
    assert (finding.page, finding.anchor) == ("08_one_year_later", "fig-08_tallies")


def test_the_2026_finding_counts_the_partial_record_it_is_given(votes, tables):
    """The named votes are counted from the partial record, not typed: fewer named states, smaller numbers."""
    partial = tables.partial
    fewer = partial[~(partial["motion"].eq("A/RES/ES-11/10") & partial["iso3"].isin(["RUS", "USA"]))]
    text = next(f.text for f in key_findings(tables.replace(partial=fewer)) if "ES-11/10" in f.text)
    assert "name 48 of the 170 votes cast, including 11 of the 12 against" in text
    none = partial[~partial["motion"].eq("A/RES/ES-11/10")]
    text = next(f.text for f in key_findings(tables.replace(partial=none)) if "ES-11/10" in f.text)
    assert "with no country-level record yet" in text and "news reports name" not in text


def test_findings_follow_the_data_not_typed_numbers(votes, tables):
    """Change one recorded vote and the sentence changes: the numbers are computed, not typed."""
    changed = votes.copy()
    row = (changed["motion"] == "A/RES/ES-11/7") & (changed["iso3"] == "USA")
    changed.loc[row, "vote"] = "A"
    text = " ".join(f.text for f in key_findings(tables.replace(votes=changed)))
    assert "93-17-66" in text and "93-18-65" not in text
    assert "The United States abstained on ES-11/7" in text


def test_every_finding_points_to_a_page_and_anchor(votes, tables):
    for finding in key_findings(tables):
        if finding.page is not None:
            assert finding.page[:2].isdigit() and finding.anchor, finding
        assert isinstance(finding.text, str) and not pd.isna(finding.text)
