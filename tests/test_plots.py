"""Figures: fixed colours, a title and source line on every figure, publish() writes PNG + CSV only for the report."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from analysis import plots  # noqa: E402

COUNTS = pd.DataFrame({"Y": [93, 93], "N": [18, 8], "A": [65, 73], "X": [17, 19]}, index=["ES-11/7", "ES-11/8"])


def texts(fig):
    return [t.get_text() for t in fig.texts] + [fig._suptitle.get_text()]


def test_one_colour_per_vote_code_all_distinct():
    assert set(plots.VOTE_COLORS) == {"Y", "N", "A", "X"}
    assert len(set(plots.VOTE_COLORS.values())) == 4


def test_stacked_bars_use_the_vote_colours_and_carry_title_and_source():
    fig = plots.stacked_bars(COUNTS, "Title", "Subtitle")
    ax = fig.axes[0]
    colours = {matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in ax.patches}
    assert {c.upper() for c in plots.VOTE_COLORS.values()} <= colours
    assert "Title" in texts(fig) and plots.SOURCE_VOTES in texts(fig)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ES-11/7", "ES-11/8"][::-1] or \
        [t.get_text() for t in ax.get_yticklabels()] == ["ES-11/7", "ES-11/8"]


def test_heatmap_annotates_every_cell():
    table = pd.DataFrame([[78, 0], [1, 8]], index=["Y", "N"], columns=["Y", "N"])
    fig = plots.heatmap(table, "T")
    cell_texts = sorted(t.get_text() for t in fig.axes[0].texts)
    assert cell_texts == ["0", "1", "78", "8"]


def test_publish_writes_png_and_csv_only_when_building_the_report(tmp_path, monkeypatch):
    fig = plots.stacked_bars(COUNTS, "T")
    monkeypatch.delenv(plots.FIGURES_ENV, raising=False)
    plots.publish(fig, "tallies", COUNTS)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv(plots.FIGURES_ENV, str(tmp_path / "figures"))
    plots.publish(fig, "tallies", COUNTS)
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["tallies.csv", "tallies.png"]
    assert (tmp_path / "figures" / "tallies.csv").read_text().splitlines()[1] == "ES-11/7,93,18,65,17"


def test_tile_map_has_one_square_per_member_coloured_by_vote(votes):
    fig = plots.tile_map("A/RES/ES-11/7", votes)
    ax = fig.axes[0]
    squares = [p for p in ax.patches if p.get_width() < 1]
    assert len(squares) == 193
    labels = {t.get_text() for t in ax.texts}
    assert {"USA", "RUS", "UKR", "PLW", "NRU"} <= labels
    colours = [matplotlib.colors.to_hex(p.get_facecolor()).upper() for p in squares]
    assert colours.count(plots.VOTE_COLORS["Y"].upper()) == 93
    assert colours.count(plots.VOTE_COLORS["N"].upper()) == 18
    assert sum(p.get_hatch() == plots.NOT_VOTING_HATCH for p in squares) == 17
    assert "Yes (93)" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_tile_map_of_a_council_vote_colours_only_the_15(votes):
    fig = plots.tile_map("S/RES/2774(2025)", votes)
    squares = [p for p in fig.axes[0].patches if p.get_width() < 1]
    coloured = [p for p in squares if matplotlib.colors.to_hex(p.get_facecolor()).upper() != "#F4F4F4"]
    assert len(coloured) == 15


def test_flow_chart_bands_add_up_to_the_members(votes):
    from analysis import vote_matrix

    matrix = vote_matrix(["A/RES/ES-11/6", "A/RES/ES-11/7"], votes)
    fig = plots.flow_chart(matrix, "T")
    ax = fig.axes[0]
    blocks = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]
    assert sum(p.get_height() for p in blocks) == 2 * 193
    assert {"A/RES/ES-11/6", "A/RES/ES-11/7", "Yes 141", "Yes 93"} <= {t.get_text() for t in ax.texts}
