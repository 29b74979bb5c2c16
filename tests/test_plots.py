"""Figures: fixed colours, style in a context, a title and source on every figure, publish() into a given folder."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import plots  # noqa: E402
from analysis.output import publish, style  # noqa: E402

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


def test_importing_and_drawing_leave_the_global_rcparams_alone():
    """The style is applied in a context: figures get it, the caller's matplotlib settings do not change."""
    before = dict(matplotlib.rcParams)
    fig = plots.stacked_bars(COUNTS, "T")
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.rcParams["svg.hashsalt"] != style.STYLE["svg.hashsalt"]
    ax = fig.axes[0]
    assert not ax.spines["top"].get_visible() and ax.get_title(loc="left") == ""  # the style was applied inside
    assert fig.dpi == style.STYLE["figure.dpi"]


def test_figures_are_not_in_pyplots_state():
    import matplotlib.pyplot as plt

    open_before = plt.get_fignums()
    plots.stacked_bars(COUNTS, "T")
    plots.heatmap(COUNTS[["Y", "N"]], "T")
    assert plt.get_fignums() == open_before


def test_publish_without_a_folder_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plots.publish(plots.stacked_bars(COUNTS, "T"), "tallies", COUNTS)
    assert list(tmp_path.iterdir()) == []
    assert not hasattr(plots, "FIGURES_ENV")  # no environment variable decides where files go


def test_publish_writes_png_svg_and_csv_into_the_folder_it_is_given(tmp_path):
    fig = plots.stacked_bars(COUNTS, "Title", "Sub")
    plots.publish(fig, "tallies", COUNTS, tmp_path / "figures")
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["tallies.csv", "tallies.png", "tallies.svg"]
    assert (tmp_path / "figures" / "tallies.csv").read_text().splitlines()[1] == "ES-11/7,93,18,65,17"
    assert (tmp_path / "figures" / "tallies.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "figures" / "tallies.svg").read_text()
    assert svg.count("<svg") == 1 and "Title" in style.caption(fig)[0]


def test_saved_svg_is_the_same_file_on_every_run():
    assert plots.to_svg(plots.stacked_bars(COUNTS, "T")) == plots.to_svg(plots.stacked_bars(COUNTS, "T"))


def test_inline_svg_prefixes_every_id_and_reference():
    svg = plots.to_svg(plots.stacked_bars(COUNTS, "T"))
    inline = publish.inline_svg_for_html(svg, "x-")
    assert inline.startswith("<svg") and "<?xml" not in inline
    import re

    ids = re.findall(r'\bid="([^"]+)"', inline)
    assert ids and all(i.startswith("x-") for i in ids)
    assert all(ref.startswith("x-") for ref in re.findall(r'url\(#([^)]+)\)', inline))


def squares(fig, ax_index=0):
    """(iso3, face colour, hatched) for every tile on one axes of a tile map."""
    out = []
    for collection in fig.axes[ax_index].collections:
        if getattr(collection, "tile_ids", None):
            faces = [matplotlib.colors.to_hex(c).upper() for c in collection.get_facecolors()]
            out += [(i, f, collection.get_hatch() == plots.NOT_VOTING_HATCH) for i, f in zip(collection.tile_ids, faces)]
    return out


def test_tile_map_has_one_square_per_member_coloured_by_vote(votes, tables):
    fig = plots.tile_map(votes, "A/RES/ES-11/7", grid=tables.tile_grid, members=tables.members)
    tiles = squares(fig)
    assert len(tiles) == 193 and len({i for i, _, _ in tiles}) == 193
    faces = [f for _, f, _ in tiles]
    assert faces.count(plots.VOTE_COLORS["Y"].upper()) == 93
    assert faces.count(plots.VOTE_COLORS["N"].upper()) == 18
    assert sum(h for _, _, h in tiles) == 17
    assert dict((i, f) for i, f, _ in tiles)["USA"] == plots.VOTE_COLORS["N"].upper()
    assert "Yes (93)" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    labels = next(c for c in fig.axes[0].collections if getattr(c, "tile_labels", None))
    assert {"USA", "RUS", "UKR", "PLW", "NRU"} <= {i for i, _, _ in labels.tile_labels}
    assert len(labels.get_paths()) == 193


def test_every_tile_label_is_centred_on_its_square(tables):
    """The labels are centred by the box of their outline's points (fast), which is the box of the outline itself
    (Path.get_extents, exact and slow) for every member's code in DejaVu Sans: a point at each extremum."""
    from analysis.output.tilemap import _glyphs

    for code in tables.members["iso3"]:
        box = _glyphs(code).get_extents()
        assert abs(box.x0 + box.x1) < 1e-9 and abs(box.y0 + box.y1) < 1e-9, (code, box)


def test_tile_map_draws_a_few_collections_not_an_artist_per_member(votes, tables):
    ax = plots.tile_map(votes, "A/RES/ES-11/7", grid=tables.tile_grid, members=tables.members).axes[0]
    assert len(ax.collections) <= 3 and len(ax.patches) == 0 and len(ax.texts) == 0


def test_tile_map_of_a_council_vote_colours_only_the_15(votes, tables):
    tiles = squares(plots.tile_map(votes, "S/RES/2774(2025)", grid=tables.tile_grid, members=tables.members))
    assert len(tiles) == 193
    assert sum(f != "#F4F4F4" for _, f, _ in tiles) == 15


def test_tile_maps_are_small_multiples_with_their_own_tallies(votes, tables):
    fig = plots.tile_maps(votes, ["A/RES/ES-11/7", "A/RES/ES-11/8"], grid=tables.tile_grid,
                          members=tables.members)
    assert len(fig.axes) == 2 and [len(squares(fig, k)) for k in (0, 1)] == [193, 193]
    legends = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in fig.axes]
    assert "No (18)" in legends[0] and "No (8)" in legends[1]


def test_tile_svg_gives_every_square_a_title_and_leaves_the_figure_unchanged(votes, tables):
    import re

    fig = plots.tile_map(votes, "A/RES/ES-11/8", grid=tables.tile_grid, members=tables.members)
    ax = fig.axes[0]
    svg = plots.to_svg(fig)
    tiles = re.findall(r'<g class="tile" data-iso3="([A-Z]{3})"><title>([^<]+)</title>', svg)
    assert len(tiles) == 193
    assert dict(tiles)["USA"] == "United States of America (USA): Abstain"
    assert dict(tiles)["BHS"].endswith(": Not voting")
    assert ">USA</text>" in svg and "pointer-events:none" in svg  # labels are text and let the hover through
    assert len(ax.texts) == 0 and all(c.get_visible() for c in ax.collections)
    assert all(c.get_urls() in (None, [None]) for c in ax.collections)
    assert svg == plots.to_svg(fig)


def test_council_map_titles_say_who_was_not_on_the_council(votes, tables):
    svg = plots.to_svg(plots.tile_map(votes, "S/RES/2774(2025)", grid=tables.tile_grid, members=tables.members))
    assert "Ukraine (UKR): not a Council member" in svg and "France (FRA): Abstain" in svg


def test_a_figure_as_the_last_line_of_a_cell_is_shown_once(tmp_path):
    """The bug of issue #10: tile_map(...) as a cell's last line showed the map twice. Run it in a real kernel,
    a fresh interpreter, whose first import is the tile map module itself (it must import on its own)."""
    import nbformat
    from kernels import execute

    cells = ["from analysis.output.tilemap import tile_map\nfrom analysis import plots, load_tables\nt = load_tables()\n"
             "tile_map(t.votes, 'A/RES/ES-11/7', grid=t.tile_grid, members=t.members)",
             "plots.tile_maps(t.votes, ['A/RES/ES-11/7', 'A/RES/ES-11/8'], grid=t.tile_grid, members=t.members)",
             "import pandas as pd\nc = pd.DataFrame({'Y': [1], 'N': [2]})\nfig = plots.stacked_bars(c, 'T')\n"
             "plots.publish(fig, 'x', c)",
             "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\nplots.publish(fig, 'y', c)"]
    executed = execute([nbformat.v4.new_code_cell(c) for c in cells], tmp_path, tmp_path / "kernel", timeout=120)
    shown = [[o.get("data", {}).get("text/plain", o.output_type) for o in cell.outputs] for cell in executed]
    assert [len(outputs) for outputs in shown] == [1, 1, 1, 1], shown
    assert all(outputs[0].startswith("<Figure size") for outputs in shown), shown
    assert [p.name for p in tmp_path.iterdir()] == []  # publish without a folder wrote nothing


def test_flow_chart_bands_add_up_to_the_members(votes, tables):
    from analysis import vote_matrix

    matrix = vote_matrix(votes, ["A/RES/ES-11/6", "A/RES/ES-11/7"])
    fig = plots.flow_chart(matrix, "T")
    ax = fig.axes[0]
    blocks = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]
    assert sum(p.get_height() for p in blocks) == 2 * 193
    assert {"A/RES/ES-11/6", "A/RES/ES-11/7", "Yes 141", "Yes 93"} <= {t.get_text() for t in ax.texts}


def test_the_trend_chart_has_a_time_axis_and_labels_that_never_collide(votes, motions):
    """The trap: evenly spaced votes (2014 to 2022 looked like one step) and No/Not-voting labels on each other."""
    from analysis import load_vote_topics
    from analysis.measures.records import tallies

    ga = motions[motions["body"].eq("GA") & motions["kind"].eq("resolution")].sort_values("date", kind="stable")
    trend = tallies(votes, motions, list(ga["motion"]), topics=load_vote_topics())
    fig = plots.trend_chart(trend, "T")
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "2014" and ticks[-1] == "2027" and "2020" in ticks  # a real calendar axis
    gaps = np.diff(np.asarray(ax.lines[0].get_xdata(), dtype="datetime64[D]").astype(int))
    assert gaps.max() > 20 * max(gaps.min(), 1)  # evenly spaced votes would have equal gaps: days apart sit days apart
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == "end-label"]
    assert len(boxes) == 4
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert {t.get_text().split()[0] for t in ax.texts if t.get_gid() == "end-label"} == {"Yes", "No", "Abstain", "Not"}


def test_the_trend_chart_marks_every_vote_by_its_kind(tables):
    """Each vote's marker is its kind (vote_topics.csv), with a key in the legend and in the text alternative; the
    tally-only votes are hollow; the end labels stay inside the figure; the source line is there."""
    from analysis.data.schema import TOPICS
    from analysis.measures.records import tallies, tally_only_votes

    m, topics = tables.motions, tables.vote_topics
    recorded = list(m[m["body"].eq("GA") & m["roll_call"]].sort_values("date", kind="stable")["motion"])
    series = pd.concat([tallies(tables.votes, m, recorded, topics=topics),
                        tally_only_votes(tables.related_tallies, topics)]).sort_values("date", kind="stable")
    assert series.loc[["A/RES/ES-11/1", "A/RES/ES-11/3", "A/RES/ES-11/4", "A/RES/ES-11/5"], "topic"].tolist() == [
        "aggression", "Human Rights Council membership", "territorial integrity", "reparations"]
    assert set(series.loc[["A/RES/71/205", "A/RES/76/70", "A/RES/76/179"], "topic"]) == {"Crimea series"}
    fig = plots.trend_chart(series, "T")
    ax = fig.axes[0]
    key = [t.get_text() for t in ax.get_legend().get_texts()]
    assert key == list(TOPICS) and set(style.TOPIC_MARKERS) == set(TOPICS)  # all eight kinds occur here
    points = {}
    for c in ax.collections:
        if (c.get_gid() or "").startswith("kind:"):
            points[c.get_gid()] = points.get(c.get_gid(), 0) + len(c.get_offsets())
    kinds = series["topic"].value_counts()
    hollow = series[series["record"].eq("tally only")]["topic"].value_counts()
    assert {g: n for g, n in points.items() if not g.endswith("tally only")} == {
        f"kind:{k}": 4 * (n - hollow.get(k, 0)) for k, n in kinds.items() if n > hollow.get(k, 0)}  # 4 lines
    assert {g: n for g, n in points.items() if g.endswith("tally only")} == {
        f"kind:{k}:tally only": 4 * n for k, n in hollow.items()} and hollow.sum() == 5
    assert sum(points.values()) == 4 * len(series)  # every plotted vote has a kind
    assert "cross: other (3 votes, 2024-2025)" in fig.description and "square: Human Rights Council membership (1 vote, 2022)" in \
        fig.description and "Hollow markers: tally only, no country-level record (5 votes)." in fig.description
    labels = [t.get_window_extent().x1 for t in ax.texts if t.get_gid() == "end-label"]
    assert len(labels) == 4 and max(labels) <= fig.bbox.width and plots.SOURCE_VOTES in texts(fig)
    with pytest.raises(ValueError, match="marks each vote by its kind"):
        plots.trend_chart(series.drop(columns="topic"), "T")
    with pytest.raises(ValueError, match="no kind of vote for A/RES/ES-11/9"):
        plots.trend_chart(series.assign(topic=series["topic"].where(series.index != "A/RES/ES-11/9")), "T")


def test_end_labels_are_spread_apart_as_little_as_needed():
    assert plots._spread([0, 1, 100], 10) == pytest.approx([-4.5, 5.5, 100])
    spread = plots._spread([20, 21, 22, 80], 10)
    ordered = sorted(spread)
    assert all(b - a >= 10 - 1e-9 for a, b in zip(ordered, ordered[1:]))
    assert spread[3] == 80 and sorted(range(4), key=spread.__getitem__) == [0, 1, 2, 3]


def test_a_figures_csv_has_one_header_row_and_member_names_beside_codes(votes, tables, tmp_path):
    import csv

    fig = plots.tile_map(votes, "ES-11/7", grid=tables.tile_grid, members=tables.members)
    data = votes[votes["motion"] == "A/RES/ES-11/7"].set_index("iso3")[["vote"]]
    plots.publish(fig, "map", data, tmp_path)
    rows = list(csv.reader((tmp_path / "map.csv").open(encoding="utf-8")))
    assert rows[0] == ["iso3", "member", "vote"] and len(rows) == 194
    assert ["BOL", "Bolivia (Plurinational State of)", "X"] in rows
    scores = pd.DataFrame([[0.5, 0.25]], index=pd.Index(["African"], name="regional_group"),
                          columns=pd.MultiIndex.from_tuples([("before 2025", "USA"), ("from 2025", "USA")]))
    plots.publish(plots.heatmap(scores, "T"), "scores", scores, tmp_path)
    assert (tmp_path / "scores.csv").read_text().splitlines() == [
        "regional_group,before 2025: USA,from 2025: USA", "African,0.5,0.25"]
    # every column has a header, and row numbers are not written as data (01_groups.csv began ",Y,N,A,X";
    # 09_cutting_points.csv had a column 0, 1, 2, ...)
    from analysis.output.publish import figure_csv

    assert figure_csv(pd.DataFrame({"Y": [1]}, index=["WEOG · ES-11/7"])).to_csv().splitlines()[0] == "row,Y"
    assert figure_csv(pd.DataFrame({"motion": ["ES-11/7"], "cut": [0.5]})).to_csv().splitlines() == [
        "motion,cut", "ES-11/7,0.5"]


def test_the_ideal_point_chart_names_the_members_asked_for():
    points = pd.DataFrame({"ideal": [-1.0, 0.2, 1.5], "lower": [-1.3, 0.0, 1.2], "upper": [-0.7, 0.4, 1.8],
                           "regional_group": ["Eastern European", "African", "Western European and Others"],
                           "name": ["Russian Federation", "Kenya", "United States of America"]},
                          index=pd.Index(["RUS", "KEN", "USA"], name="iso3"))
    fig = plots.ideal_point_chart(points, "T", label=["USA", "RUS", "XXX"])
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"Russian Federation", "United States"} <= texts and "Kenya" not in texts  # the chart's short form
    cuts = pd.DataFrame({"date": pd.to_datetime(["2014-03-27", "2025-02-24"]), "cutting point (yes)": [-0.5, 0.3],
                         "yes towards": ["Western pole", "other pole"]})
    ax = plots.cutting_chart(cuts, "T").axes[0]
    assert [len(c.get_offsets()) for c in ax.collections] == [1, 1]


def test_the_members_at_the_end_of_the_line_are_named_beside_their_own_dot():
    """Page 09 named Israel above its interval, beside the United States' higher dot, and the United States below
    it: at each end of the line a label now sits level with its own dot, towards the middle."""
    ideal = [-4.35, -3.95, *range(-2, 3), 4.96, 5.86]
    names = ["Syrian Arab Republic", "Iran", "a", "b", "c", "d", "e", "Israel", "United States of America"]
    codes = ["SYR", "IRN", "AAA", "BBB", "CCC", "DDD", "EEE", "ISR", "USA"]
    points = pd.DataFrame({"ideal": ideal, "lower": [v - 0.5 for v in ideal], "upper": [v + 0.5 for v in ideal],
                           "regional_group": "Asia-Pacific", "name": names}, index=pd.Index(codes, name="iso3"))
    fig = plots.ideal_point_chart(points, "T", label=["USA", "ISR", "SYR", "IRN", "CCC"])
    placed = {t.get_text(): t for t in fig.axes[0].texts}
    for name, at, side in [("United States", 8, "right"), ("Israel", 7, "right"),
                           ("Syrian Arab Republic", 0, "left"), ("Iran", 1, "left")]:
        assert placed[name].xy == (at, ideal[at]) and placed[name].get_ha() == side, name  # level with its dot
    assert placed["c"].get_ha() == "center"  # in the middle, above or below as before


def test_no_label_of_the_ideal_point_chart_covers_a_members_bar_or_another_label():
    """Page 09: "Russian Federation", just above its own bar where the line steps up, was drawn across its
    neighbours' bars, and "Hungary" and "United Kingdom" (52 characters then) fell on each other."""
    from matplotlib.text import Text

    ideal = np.r_[np.linspace(-2, -0.3, 40), np.linspace(0.5, 2.5, 40)]  # a step, as between groups of members
    codes = [f"M{k:02d}" for k in range(80)]
    names = [f"Member number {k}" for k in range(80)]
    points = pd.DataFrame({"ideal": ideal, "lower": ideal - 0.3, "upper": ideal + 0.3,
                           "regional_group": "African", "name": names}, index=pd.Index(codes, name="iso3"))
    chosen = ["M36", "M38", "M39", "M41", "M60", "M62", "M63"]  # at the step, and neighbours below each other
    ax = plots.ideal_point_chart(points, "T", label=chosen).axes[0]
    boxes = []
    for note in ax.texts:
        note.get_window_extent()
        boxes.append(Text.get_window_extent(note))
    assert len(boxes) == len(chosen)
    xy = ax.transData.transform(np.column_stack([np.arange(80), points["lower"]]))
    top = ax.transData.transform(np.column_stack([np.arange(80), points["upper"]]))[:, 1]
    for box, note in zip(boxes, ax.texts):
        covered = [codes[i] for i in range(80) if box.x0 - 3 <= xy[i, 0] <= box.x1 + 3
                   and top[i] >= box.y0 and xy[i, 1] <= box.y1]
        assert covered == [], (note.get_text(), covered)
    assert not any(a.overlaps(b) for k, a in enumerate(boxes) for b in boxes[k + 1:])
    assert "United Kingdom" == plots.LABEL_NAMES["GBR"]  # the chart's short form, not the 52-character UN name


def test_a_dollar_in_a_title_is_drawn_literally_not_as_math_text():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig, _ = style.new_figure((6, 4))
    fig.set_dpi(10)
    style.finish(fig, "Arrears of US$ 5 and $x^2$", "paid $ 3", source="Source: $")
    FigureCanvasAgg(fig).draw()  # an unpaired $ would fail to parse as math text here
    assert style.caption(fig) == ("Arrears of US$ 5 and $x^2$", "paid $ 3")
    assert "Arrears of US\\$ 5 and \\$x^2\\$" in texts(fig) and "Source: \\$" in texts(fig)


def test_the_moved_map_colours_each_member_by_its_move(votes, tables):
    """ES-11/6 to ES-11/7: the United States moved away from yes (Y -> N); the squares count every member once."""
    from analysis.output.tilemap import MOVES

    fig = plots.moved_map(votes, "ES-11/6", "ES-11/7", grid=tables.tile_grid, members=tables.members)
    tiles = dict((i, f) for i, f, _ in squares(fig))
    assert len(tiles) == 193
    assert tiles["USA"] == MOVES["away"][0].upper() and tiles["UKR"] == MOVES["same"][0].upper()
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[0].startswith("moved toward yes (") and any(t.startswith("the same vote (") for t in legend)


def test_maps_side_by_side_come_one_figure_each_for_the_page(votes, tables):
    """The report lays out a pair of maps by the screen's width (stacked on a phone): one SVG per map, each named."""
    fig = plots.tile_maps(votes, ["A/RES/ES-11/7", "A/RES/ES-11/8"], grid=tables.tile_grid, members=tables.members,
                          title="Pair", subtitle="Sub", labels={"A/RES/ES-11/7": "ES-11/7 (L.10)"})
    panels = fig.panels()
    assert [style.caption(p)[0] for p in panels] == ["ES-11/7 (L.10)", "A/RES/ES-11/8"]
    assert [len(squares(p)) for p in panels] == [193, 193] and plots.SOURCE_VOTES in texts(panels[0])
    assert "No (18)" in [t.get_text() for t in panels[0].axes[0].get_legend().get_texts()]
    record = {"name": "pair", "title": "Pair", "subtitle": "Sub", "files": []}
    page = publish._figure_html(record, "figures", [("ES-11/7 (L.10)", '<svg id="a"></svg>'),
                                                    ("A/RES/ES-11/8", '<svg id="a"></svg>')])
    assert page.count('<div class="figure-panel"><svg role="img" aria-label="Pair. Sub. ') == 2
    assert 'id="pair-0-a"' in page and 'id="pair-1-a"' in page  # each map's ids its own
