"""read_undl on small files in the UN Digital Library layouts (both column-name generations, both bodies)."""

import pytest

from analysis import VoteDataError, read_undl
from analysis.data.undl import read_undl_full

GA_HEADER = ("undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,"
             "agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,"
             "undl_link")
OLD_HEADER = GA_HEADER.replace("ms_code,ms_name,ms_vote", "ms_codes,ms_names,ms_votes")


def ga_row(code, name, vote, motion="A/RES/ES-11/7", totals=(2, 1, 0, 0, 3)):
    y, n, a, x, ms = totals
    return (f'4076672,{code},{name},{vote},2025-02-24,ES-11,{motion},A/ES-11/L.10,,A/ES-11/PV.20,'
            f'"Advancing a comprehensive, just and lasting peace in Ukraine",'
            f'"Agenda, item 5","UKRAINE--POLITICAL CONDITIONS",,{y},{n},{a},{x},{ms},https://x/4076672')


def ga_file(write, rows, header=GA_HEADER, name="ga.csv"):
    return write(name, header + "\n" + "\n".join(rows) + "\n")


def test_current_layout(write):
    path = ga_file(write, [ga_row("UKR", "UKRAINE", "Y"), ga_row("RUS", "RUSSIAN FEDERATION", "N"),
                           ga_row("BOL", "BOLIVIA (PLURINATIONAL STATE OF)", "Y")])
    votes = read_undl(path)
    assert votes.astype(str).values.tolist() == [["A/RES/ES-11/7", "UKR", "Y"], ["A/RES/ES-11/7", "RUS", "N"],
                                                 ["A/RES/ES-11/7", "BOL", "Y"]]
    assert list(votes.columns) == ["motion", "iso3", "vote"]


def test_older_layout_with_nv(write):
    rows = [ga_row("UKR", "UKRAINE", "Y", totals=(1, 1, 0, 1, 3)), ga_row("RUS", "RUSSIAN FEDERATION", "N", totals=(1, 1, 0, 1, 3)),
            ga_row("VEN", "VENEZUELA (BOLIVARIAN REPUBLIC OF)", "NV", totals=(1, 1, 0, 1, 3))]
    votes = read_undl(ga_file(write, rows, OLD_HEADER))
    assert votes["vote"].tolist() == ["Y", "N", "X"]


def test_motions_from_the_file_totals(write):
    path = ga_file(write, [ga_row("UKR", "UKRAINE", "Y"), ga_row("RUS", "RUSSIAN FEDERATION", "N"),
                           ga_row("BOL", "BOLIVIA (PLURINATIONAL STATE OF)", "Y")])
    _, motions = read_undl_full(path)
    row = motions.iloc[0]
    assert (row["motion"], row["body"], row["yes"], row["no"], row["abstain"], row["members"]) == (
        "A/RES/ES-11/7", "GA", 2, 1, 0, 3)


def test_counts_contradicting_the_file_totals(write):
    path = ga_file(write, [ga_row("UKR", "UKRAINE", "Y"), ga_row("RUS", "RUSSIAN FEDERATION", "N"),
                           ga_row("BOL", "BOLIVIA (PLURINATIONAL STATE OF)", "A")])
    with pytest.raises(VoteDataError, match=r"ga\.csv, line 2: motion A/RES/ES-11/7: the motion has 1 Y votes but "
                                            r"its total_yes column says 2"):
        read_undl(path)


def test_row_count_contradicting_total_ms(write):
    path = ga_file(write, [ga_row("UKR", "UKRAINE", "Y", totals=(1, 1, 0, 0, 3)),
                           ga_row("RUS", "RUSSIAN FEDERATION", "N", totals=(1, 1, 0, 0, 3))])
    with pytest.raises(VoteDataError, match=r"the motion has 2 rows but its total_ms column says 3"):
        read_undl(path)


def test_name_contradicting_code(write):
    path = ga_file(write, [ga_row("UKR", "RUSSIAN FEDERATION", "Y"), ga_row("RUS", "RUSSIAN FEDERATION", "N"),
                           ga_row("BOL", "BOLIVIA (PLURINATIONAL STATE OF)", "Y")])
    with pytest.raises(VoteDataError, match=r"ga\.csv, line 2: ms_name 'RUSSIAN FEDERATION' is RUS, but the member "
                                            r"code says: 'UKR'"):
        read_undl(path)


def test_unknown_code_and_vote(write):
    path = ga_file(write, [ga_row("UKR", "UKRAINE", "Y"), ga_row("XYZ", "NOWHERE", "N"),
                           ga_row("BOL", "BOLIVIA (PLURINATIONAL STATE OF)", "Y")])
    with pytest.raises(VoteDataError, match=r"ga\.csv, line 3: unknown member code: 'XYZ'"):
        read_undl(path)
    path = ga_file(write, [ga_row("UKR", "UKRAINE", "Y"), ga_row("RUS", "RUSSIAN FEDERATION", "maybe"),
                           ga_row("BOL", "BOLIVIA (PLURINATIONAL STATE OF)", "Y")])
    with pytest.raises(VoteDataError, match=r"ga\.csv, line 3: unknown vote code .*'maybe'"):
        read_undl(path)


def test_historical_seat_is_kept(write):
    header = GA_HEADER
    rows = [ga_row("YUG", "YUGOSLAVIA", "Y", "A/RES/47/1", (1, 1, 0, 0, 2)),
            ga_row("USA", "UNITED STATES", "N", "A/RES/47/1", (1, 1, 0, 0, 2))]
    votes = read_undl(ga_file(write, rows, header))
    assert votes["iso3"].tolist() == ["YUG", "USA"]


def test_security_council_layout(write):
    header = GA_HEADER.replace("undl_link", "undl_link,permanent_member,description,agenda,modality")
    sc = [("USA", "UNITED STATES", "Y", "True"), ("FRA", "FRANCE", "A", "True"), ("RUS", "RUSSIAN FEDERATION", "Y", "True")]
    rows = [ga_row(c, n, v, "S/RES/2774(2025)", (2, 0, 1, 0, 3)) + f",{p},d,a,Voting" for c, n, v, p in sc]
    votes, motions = read_undl_full(ga_file(write, rows, header, "sc.csv"))
    assert votes["vote"].tolist() == ["Y", "A", "Y"]
    assert motions["body"].tolist() == ["SC"]


def test_field_larger_than_the_fast_parse_block_is_read(write):
    """A 5 MB title exceeds the 4 MiB blocks of the fast parse; the reader retries with larger blocks."""
    big = "x" * (5 << 20)
    rows = [ga_row("UKR", "UKRAINE", "Y").replace("Advancing a comprehensive, just and lasting peace in Ukraine", big),
            ga_row("RUS", "RUSSIAN FEDERATION", "N"), ga_row("BOL", "BOLIVIA (PLURINATIONAL STATE OF)", "Y")]
    votes = read_undl(ga_file(write, rows))
    assert votes["vote"].tolist() == ["Y", "N", "Y"]


def test_error_after_a_quoted_line_break_reports_the_physical_line(write):
    rows = [ga_row("UKR", "UKRAINE", "Y").replace("just and lasting", "just\nand lasting"),
            ga_row("RUS", "RUSSIAN FEDERATION", "Q"), ga_row("BOL", "BOLIVIA (PLURINATIONAL STATE OF)", "Y")]
    with pytest.raises(VoteDataError, match=r"ga\.csv, line 4: unknown vote code .*'Q'"):
        read_undl(ga_file(write, rows))


def test_motions_keep_their_own_dates(write):
    rows = [ga_row("UKR", "UKRAINE", "Y", "A/RES/ES-11/7", (1, 0, 0, 0, 1)),
            ga_row("UKR", "UKRAINE", "Y", "A/RES/68/262", (1, 0, 0, 0, 1)).replace("2025-02-24", "2014-03-27")]
    _, motions = read_undl_full(ga_file(write, rows))
    dates = dict(zip(motions["motion"], motions["date"].dt.strftime("%Y-%m-%d")))
    assert dates == {"A/RES/ES-11/7": "2025-02-24", "A/RES/68/262": "2014-03-27"}
