"""Figures: stacked bars, heatmaps, lines, flows, and (from :mod:`.tilemap`) tile maps; one place for notebooks.

Every figure function returns a matplotlib ``Figure`` built outside pyplot's
state (:mod:`.style`), so a figure shows exactly once in a notebook: as a
cell's last value, or through :func:`publish` (:mod:`.publish`), which in the
report also writes its PNG, SVG and CSV. This module is the notebooks' one
namespace for figures: ``plots.stacked_bars``, ``plots.tile_map``,
``plots.publish``.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..data.schema import VOTE_CODES, VOTE_LABELS
from .publish import publish, to_svg  # noqa: F401 (the notebooks' namespace)
from .style import (  # noqa: F401
    LABEL_NAMES,
    NOT_VOTING_HATCH,
    SOURCE_TALLIES,
    SOURCE_VOTES,
    TOPIC_MARKERS,
    VOTE_COLORS,
    describe,
    finish,
    new_figure,
    style,
    styled,
    vote_legend,
)
from .tilemap import moved_map, tile_map, tile_maps  # noqa: F401


@styled
def stacked_bars(counts: pd.DataFrame, title: str, subtitle: str | None = None, *, percent: bool = False,
                 source: str = SOURCE_VOTES, xlabel: str | None = None, height: float | None = None) -> Figure:
    """Horizontal stacked bars, one bar per row of ``counts`` (columns among Y, N, A, X).

    With ``percent=True`` each bar is scaled to 100. Rows are drawn top to
    bottom in the table's order; each segment of 5 or more is labelled.
    """
    codes = [c for c in VOTE_CODES if c in counts.columns]
    data = counts[codes].astype(float)
    if percent:
        data = 100 * data.div(data.sum(axis=1), axis=0)
    per_row = 0.6 if any("\n" in str(i) for i in data.index) else 0.42
    fig, ax = new_figure((9, height or max(3.4, per_row * len(data) + 2.2)))
    y = np.arange(len(data))[::-1]
    left = np.zeros(len(data))
    for code in codes:
        values = data[code].to_numpy()
        ax.barh(y, values, left=left, color=VOTE_COLORS[code], edgecolor="white", linewidth=0.6,
                hatch=NOT_VOTING_HATCH if code == "X" else None)
        raw = counts[code].to_numpy()
        for yi, start, width, value in zip(y, left, values, raw):
            if width >= (5 if not percent else 3.5):
                ax.text(start + width / 2, yi, f"{value:.0f}", ha="center", va="center", fontsize=8.5,
                        color="white" if code in ("Y", "N") else "black")
        left += values
    ax.set_yticks(y, [str(i) for i in data.index])
    ax.set_xlim(0, 100 if percent else left.max())
    ax.set_xlabel(xlabel or ("% of members" if percent else "members"))
    vote_legend(ax, codes, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(codes), fontsize=9,
                borderaxespad=0.3)
    return finish(fig, title, subtitle, source)


@styled
def heatmap(table: pd.DataFrame, title: str, subtitle: str | None = None, *, source: str = SOURCE_VOTES,
            xlabel: str | None = None, ylabel: str | None = None, fmt: str = "{:.0f}",
            colorbar_label: str = "members") -> Figure:
    """A labelled heatmap of a small table (e.g. a 4x4 transition table), every cell annotated; NaN cells blank."""
    fig, ax = new_figure((max(6.2, 0.75 * table.shape[1] + 3), max(5.2, 0.5 * table.shape[0] + 2.8)))
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="Blues", vmin=0)
    top = np.nanmax(values) if np.isfinite(values).any() else 1
    for (i, j), value in np.ndenumerate(values):
        if np.isfinite(value):
            ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=10,
                    color="white" if value > top * 0.6 else "black")
    labels = lambda index: [f"{VOTE_LABELS.get(str(k), k)}" for k in index]  # noqa: E731
    ax.set_xticks(range(table.shape[1]), labels(table.columns))
    ax.set_yticks(range(table.shape[0]), labels(table.index))
    ax.set_xlabel(xlabel or str(table.columns.name))
    ax.set_ylabel(ylabel or str(table.index.name))
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.75, label=colorbar_label)
    return finish(fig, title, subtitle, source)


@styled
def line_chart(table: pd.DataFrame, title: str, subtitle: str | None = None, *, source: str = SOURCE_VOTES,
               ylabel: str = "members") -> Figure:
    """One line per vote code (columns among Y, N, A, X) over the rows of ``table`` (in order)."""
    fig, ax = new_figure((10, 4.8))
    x = np.arange(len(table))
    for code in [c for c in VOTE_CODES if c in table.columns]:
        color = VOTE_COLORS[code] if code != "A" else "#C9A800"  # a darker yellow for a thin line
        ax.plot(x, table[code], marker="o", color=color, label=VOTE_LABELS[code], linewidth=2)
        below = code == "N"  # keep the two low lines' labels apart
        for xi, value in zip(x, table[code]):
            ax.annotate(f"{value:.0f}", (xi, value), textcoords="offset points", xytext=(0, -12 if below else 6),
                        ha="center", fontsize=7.5, color="#333333")
    ax.set_xticks(x, [str(i) for i in table.index], rotation=30, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=-8 if "N" in table.columns else 0, top=float(table.to_numpy().max()) * 1.1)
    ax.grid(axis="y", color="#DDDDDD")
    ax.legend(frameon=False, ncol=4, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=9)
    return finish(fig, title, subtitle, source)


@styled
def flow_chart(matrix: pd.DataFrame, title: str, subtitle: str | None = None, *,
               source: str = SOURCE_VOTES) -> Figure:
    """An alluvial figure: members flowing between vote codes across the motions (columns) of ``matrix``.

    ``matrix`` is members x motions of vote codes (e.g. from
    :func:`analysis.vote_matrix`). Each column is a stack of blocks (Y, N, A, X
    from the top) sized by members; a band between neighbouring columns shows
    how many members went from one vote to the other, coloured by the earlier vote.
    """
    columns = list(matrix.columns)
    gap, width = 6, 0.14
    fig, ax = new_figure((10, 6.4))
    blocks = {}
    for i, motion in enumerate(columns):
        y = 0.0
        for code in VOTE_CODES:
            n = int((matrix[motion] == code).sum())
            blocks[(i, code)] = y
            if n:
                ax.add_patch(mpl.patches.Rectangle((i - width / 2, y), width, n, facecolor=VOTE_COLORS[code],
                                           edgecolor="#555555", linewidth=0.5,
                                           hatch=NOT_VOTING_HATCH if code == "X" else None))
                ax.text(i + (-width / 2 - 0.03 if i == 0 else width / 2 + 0.03), y + n / 2,
                        f"{VOTE_LABELS[code]} {n}" if i in (0, len(columns) - 1) else str(n),
                        ha="right" if i == 0 else "left", va="center", fontsize=8.5)
            y += n + gap
        ax.text(i, -gap, str(motion), ha="center", va="bottom", fontsize=10, fontweight="bold")
    outgoing, incoming = dict(blocks), dict(blocks)
    t = np.linspace(0, 1, 60)
    ease = t * t * (3 - 2 * t)
    for i in range(len(columns) - 1):
        pairs = pd.crosstab(matrix[columns[i]], matrix[columns[i + 1]]).reindex(
            index=list(VOTE_CODES), columns=list(VOTE_CODES), fill_value=0)
        xs = np.linspace(i + width / 2, i + 1 - width / 2, len(t))
        for a in VOTE_CODES:
            for b in VOTE_CODES:
                n = int(pairs.loc[a, b])
                if not n:
                    continue
                y0, y1 = outgoing[(i, a)], incoming[(i + 1, b)]
                outgoing[(i, a)] += n
                incoming[(i + 1, b)] += n
                top = y0 + (y1 - y0) * ease
                ax.fill_between(xs, top, top + n, color=VOTE_COLORS[a], alpha=0.45, linewidth=0)
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(len(matrix) + 3 * gap + 2, -3 * gap)
    ax.axis("off")
    return finish(fig, title, subtitle, source)


#: Least vertical gap between two end labels of :func:`trend_chart`, in points.
LABEL_GAP = 11


def _spread(values: list[float], gap: float) -> list[float]:
    """``values`` moved apart as little as needed so that neighbours are at least ``gap`` apart (order kept):
    labels that would overlap form a block, centred on their points; blocks that then overlap merge."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    blocks: list[list[int]] = []  # runs of positions in ``order``, each placed as one stack
    starts: list[float] = []
    for k in range(len(order)):
        blocks.append([k])
        starts.append(float(values[order[k]]))
        while len(blocks) > 1 and starts[-2] + gap * len(blocks[-2]) > starts[-1]:
            merged = blocks[-2] + blocks[-1]
            centre = sum(values[order[j]] for j in merged) / len(merged)
            blocks[-2:], starts[-2:] = [merged], [centre - gap * (len(merged) - 1) / 2]
    out = [0.0] * len(values)
    for block, start in zip(blocks, starts):
        for offset, k in enumerate(block):
            out[order[k]] = start + gap * offset
    return out


def _kinds(table: pd.DataFrame) -> pd.Series:
    """The kind of each vote of a trend table (its ``topic`` column), every vote with one the chart knows."""
    if "topic" not in table.columns:
        raise ValueError("trend_chart marks each vote by its kind: give the table a topic column "
                         "(records.tallies(..., topics=tables.vote_topics))")
    unknown = table.index[~table["topic"].isin(list(TOPIC_MARKERS))]
    if len(unknown):
        raise ValueError(f"trend_chart: no kind of vote for {unknown[0]} (topic {table['topic'][unknown[0]]!r})")
    return table["topic"]


def _kind_key(kinds: pd.Series, dates: pd.Series, hollow: np.ndarray) -> str:
    """The markers in words, for the text alternative: each kind's shape, its votes and their years."""
    parts = []
    for kind in [k for k in TOPIC_MARKERS if k in set(kinds)]:
        years = sorted({d.year for d in dates[kinds.eq(kind).to_numpy()]})
        n = int(kinds.eq(kind).sum())
        span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
        parts.append(f"{TOPIC_MARKERS[kind][1]}: {kind} ({n} vote{'s' if n > 1 else ''}, {span})")
    text = "Each point is a vote, its marker the kind of vote: " + "; ".join(parts) + "."
    if hollow.any():
        n = int(hollow.sum())
        text += f" Hollow markers: tally only, no country-level record ({n} vote{'s' if n > 1 else ''})."
    return text


def _line_color(code: str) -> str:
    return VOTE_COLORS[code] if code != "A" else "#C9A800"  # a darker yellow for a thin line


def _points(ax, dates: pd.Series, table: pd.DataFrame, codes: list[str], kinds: pd.Series, hollow: np.ndarray) -> None:
    """Every vote's points (one per code, in the code's colour) with its kind's marker; hollow where only the tally
    is known. One collection per kind (and per hollow), whatever the number of votes."""
    for kind, (marker, _) in TOPIC_MARKERS.items():
        mine = kinds.eq(kind).to_numpy()
        for empty in (False, True):
            keep = mine & (hollow == empty)
            if not keep.any():
                continue
            colors = [_line_color(c) for c in codes for _ in range(int(keep.sum()))]
            ax.scatter(np.concatenate([dates.to_numpy()[keep]] * len(codes)),
                       np.concatenate([table[c].to_numpy(dtype=float)[keep] for c in codes]),
                       marker=marker, s=60 if marker == "*" else 30, zorder=3, linewidths=1.3,
                       facecolor="white" if empty else colors, edgecolor=colors,
                       gid=f"kind:{kind}" + (":tally only" if empty else ""))


@styled
def trend_chart(table: pd.DataFrame, title: str, subtitle: str | None = None, *, source: str = SOURCE_VOTES,
                ylabel: str = "members") -> Figure:
    """One line per vote code over a real time axis: ``table`` has a ``date`` column, codes among Y, N, A, X, a
    ``topic`` column (the kind of each vote, :func:`analysis.measures.records.tallies` with ``topics=``), and
    optionally ``record`` (``tally only`` points are drawn hollow: no country-level record).

    Each vote's marker is its kind (:data:`TOPIC_MARKERS`), with a key below the axes and in the figure's text
    alternative (:func:`describe`). Each line is labelled once, at its end, with its name and last value; the labels
    are moved apart so that they never overlap (:data:`LABEL_GAP` points at least). Votes held days apart sit days
    apart.
    """
    codes = [c for c in VOTE_CODES if c in table.columns]
    kinds = _kinds(table)
    dates = pd.to_datetime(table["date"])
    hollow = table["record"].eq("tally only").to_numpy() if "record" in table.columns else np.zeros(len(table), bool)
    fig, ax = new_figure((10, 5.6))
    for code in codes:
        ax.plot(dates, table[code], color=_line_color(code), linewidth=2, label=VOTE_LABELS[code])
    _points(ax, dates, table, codes, kinds, hollow)
    ax.set_ylim(0, float(table[codes].to_numpy().max()) * 1.12)
    years = pd.date_range(f"{dates.min().year}-01-01", f"{dates.max().year + 1}-01-01", freq="YS")
    ax.set_xticks(years, [str(d.year) for d in years])
    ax.set_xlim(years[0], years[-1] + pd.Timedelta(days=200))
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color="#DDDDDD")
    if hollow.any():
        ax.scatter([], [], facecolor="white", edgecolor="#555555", s=30, label="tally only (no country-level record)")
    ax.add_artist(ax.legend(frameon=False, ncol=5, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=9))
    shown = [k for k in TOPIC_MARKERS if k in set(kinds)]
    handles = [mpl.lines.Line2D([], [], linestyle="none", marker=TOPIC_MARKERS[k][0], color="#555555",
                                markersize=8.5 if TOPIC_MARKERS[k][0] == "*" else 6) for k in shown]
    ax.legend(handles, shown, title="kind of vote", title_fontsize=8.5, frameon=False, ncol=min(len(shown), 4),
              loc="upper left", bbox_to_anchor=(0, -0.09), fontsize=8.5, alignment="left")
    finish(fig, title, subtitle, source)
    fig.draw_without_rendering()  # the final layout, to place the end labels in points
    last = [float(table[c].iat[-1]) for c in codes]
    heights = [ax.transData.transform((0, v))[1] * 72 / fig.dpi for v in last]
    labels = [ax.annotate(f"{VOTE_LABELS[code]} {value:.0f}", (dates.iat[-1], value), xytext=(8, y - y0),
                          textcoords="offset points", va="center", fontsize=8.5, color="#333333", gid="end-label")
              for code, value, y, y0 in zip(codes, last, _spread(heights, LABEL_GAP), heights)]
    _room_for(fig, ax, labels)
    return describe(fig, _kind_key(kinds, dates, hollow))


def _room_for(fig: Figure, ax, labels: list) -> None:
    """Narrow ``ax`` from the right until the end ``labels`` (beside its last points) fit inside the figure."""
    overflow = max(t.get_window_extent().x1 for t in labels) + 6 - fig.bbox.width
    if overflow > 0:
        box = ax.get_position()
        ax.set_position([box.x0, box.y0, box.width - overflow / fig.bbox.width, box.height])


#: One colour per UN regional group (Okabe-Ito, after the vote colours' blue and vermillion are set aside).
GROUP_COLORS = {"African": "#009E73", "Asia-Pacific": "#CC79A7", "Eastern European": "#56B4E9",
                "Latin American and Caribbean": "#E69F00", "Western European and Others": "#0072B2"}


#: How many members at each end of the ideal-point chart are named beside their dot rather than above or below it.
ENDS = 2


@styled
def ideal_point_chart(points: pd.DataFrame, title: str, subtitle: str | None = None, *, label: list[str] = (),
                      source: str = SOURCE_VOTES) -> Figure:
    """Every member's ideal point with its interval, in order along the line (a dot and a bar per member).

    ``points``: indexed by ISO3, columns ``ideal``, ``lower``, ``upper``, ``regional_group`` and ``name``,
    sorted as it should be drawn. The members in ``label`` are named beside their dot, alternately above and
    below the line so that neighbours do not overlap.
    """
    fig, ax = new_figure((11, 5.2))
    x = np.arange(len(points))
    for group, color in GROUP_COLORS.items():
        mine = points["regional_group"].eq(group).to_numpy()
        ax.errorbar(x[mine], points["ideal"][mine], yerr=[(points["ideal"] - points["lower"])[mine],
                                                          (points["upper"] - points["ideal"])[mine]],
                    fmt="o", markersize=3.2, color=color, ecolor=color, elinewidth=0.7, alpha=0.9, label=group)
    position = {iso3: k for k, iso3 in enumerate(points.index)}
    shown = sorted((c for c in label if c in position), key=position.get)
    middle = []
    for k, iso3 in enumerate(shown):
        i = position[iso3]
        text = LABEL_NAMES.get(iso3, points.at[iso3, "name"])
        if i < ENDS or i >= len(points) - ENDS:  # at either end, beside its own dot: neighbours there stand apart
            left = i >= len(points) - ENDS     # in height, not in the order, so a label above would name the next dot
            ax.annotate(text, (i, points.at[iso3, "ideal"]), xytext=(-8 if left else 8, 0),
                        textcoords="offset points", ha="right" if left else "left", va="center", fontsize=7.5,
                        color="#333333", arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.5})
            continue
        above = k % 2 == 0
        y = points.at[iso3, "upper"] if above else points.at[iso3, "lower"]
        middle.append((ax.annotate(text, (i, y), xytext=(0, 10 if above else -10), textcoords="offset points",
                                   ha="center", va="bottom" if above else "top", fontsize=7.5, color="#333333",
                                   arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.5}), above))
    ax.axhline(0, color="#BBBBBB", linewidth=0.8)
    ax.set_xticks([])
    ax.set_xlabel(f"the {len(points)} members, in order of their position")
    ax.set_ylabel("ideal point (positive: the pole of the United States)")
    ax.legend(frameon=False, ncol=3, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8.5)
    finish(fig, title, subtitle, source)
    _clear_of_the_bars(fig, ax, middle, points)
    return fig


def _clear_of_the_bars(fig: Figure, ax, labels: list, points: pd.DataFrame) -> None:
    """Move each label up (or down) until it covers no member's dot or interval and no label placed before it:
    on the steep part of the line a label just above its own bar crossed its neighbours' (page 09's Russian
    Federation), and two labels below neighbouring members fell on each other (Hungary, the United Kingdom).
    Measured on the figure as laid out by :func:`finish`, in display units; the leader line follows."""
    if not labels:
        return
    at = np.arange(len(points))
    x, low = ax.transData.transform(np.column_stack([at, points["lower"]])).T
    high = ax.transData.transform(np.column_stack([at, points["upper"]]))[:, 1]
    pad, to_points, placed = 3.0, 72 / fig.dpi, []  # 3 px: a dot's radius
    for note, above in labels:
        box, moved = _words_box(note), 0.0  # the words move as a block: measured once, then translated
        for _ in range(len(points)):  # each move clears at least one more obstacle
            under = (x >= box.x0 - pad) & (x <= box.x1 + pad) & (high >= box.y0 - pad) & (low <= box.y1 + pad)
            tops = list(high[under]) + [b.y1 for b in placed if b.overlaps(box)]
            bottoms = list(low[under]) + [b.y0 for b in placed if b.overlaps(box)]
            if not tops:
                break
            shift = (max(tops) + pad - box.y0) if above else (min(bottoms) - pad - box.y1)
            box, moved = box.translated(0, shift), moved + shift
        dx, dy = note.xyann
        note.xyann = (dx, dy + moved * to_points)
        placed.append(box)


def _words_box(note):
    """An annotation's words' box in display units (its own box holds its leader line too): placed first."""
    note.get_window_extent()  # places the words and the line for the figure's renderer
    return Text.get_window_extent(note)


@styled
def cutting_chart(cuts: pd.DataFrame, title: str, subtitle: str | None = None, *,
                  source: str = SOURCE_VOTES) -> Figure:
    """Each roll call's cutting point on the ideal-point scale over time (``date``, ``cutting point (yes)``,
    ``yes towards``): a filled dot where yes lies towards the positive pole, hollow where towards the other."""
    fig, ax = new_figure((10, 4.4))
    dates = pd.to_datetime(cuts["date"])
    west = cuts["yes towards"].eq("Western pole").to_numpy()
    values = cuts["cutting point (yes)"].to_numpy(dtype=float)
    ax.scatter(dates[west], values[west], color=VOTE_COLORS["Y"], s=36, zorder=3, label="yes towards the positive pole")
    ax.scatter(dates[~west], values[~west], facecolor="white", edgecolor=VOTE_COLORS["N"], s=36, linewidths=1.5,
               zorder=3, label="yes towards the other pole")
    ax.axhline(0, color="#BBBBBB", linewidth=0.8)
    ax.set_ylabel("cutting point (ideal-point scale)")
    ax.grid(axis="y", color="#DDDDDD")
    ax.legend(frameon=False, ncol=2, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=9)
    return finish(fig, title, subtitle, source)
