"""Figures: one colour per vote code, one way to title and source a figure, one way to publish it.

Every figure function returns a matplotlib ``Figure`` so notebooks stay short.
Colours are from the Okabe-Ito palette (safe for the common forms of colour
blindness) and are the same in every figure. :func:`publish` saves the PNG and
the CSV of the data behind it when the report is being built, so that a change
in a number shows up as a text diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .schema import VOTE_CODES, VOTE_LABELS

#: One colour per vote code (Okabe-Ito): yes blue, no vermillion, abstain yellow, not voting grey.
VOTE_COLORS = {"Y": "#0072B2", "N": "#D55E00", "A": "#F0E442", "X": "#BBBBBB"}
#: Hatch used wherever a member did not vote.
NOT_VOTING_HATCH = "///"

SOURCE_VOTES = "Source: UN Digital Library voting records (Dag Hammarskjöld Library)"
SOURCE_TALLIES = "Source: UN press releases GA/12675, GA/12677, SC/16005 and news reports (tally quality as shown)"

#: Set by the report builder: where publish() writes figures and their data.
FIGURES_ENV = "ANALYSIS_FIGURES_DIR"

plt.rcParams.update({
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "svg.hashsalt": "unvotes",
})


def finish(fig: plt.Figure, title: str, subtitle: str | None = None, source: str = SOURCE_VOTES) -> plt.Figure:
    """Put the title (and subtitle) on top and the source line at the bottom of ``fig``."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    if subtitle:
        fig.text(0.01, 0.925, subtitle, ha="left", va="top", fontsize=9.5, color="#333333")
    fig.text(0.01, 0.01, source, ha="left", va="bottom", fontsize=8, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 0.9 if subtitle else 0.94))
    return fig


def publish(fig: plt.Figure, name: str, data: pd.DataFrame) -> None:
    """Save ``fig`` as ``NAME.png`` and ``data`` as ``NAME.csv`` when the report is being built.

    Outside the report build (``ANALYSIS_FIGURES_DIR`` unset) it does nothing,
    so notebooks run as tests write no files.
    """
    target = os.environ.get(FIGURES_ENV)
    if not target:
        return
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    fig.savefig(folder / f"{name}.png", metadata={"Software": None})
    data.to_csv(folder / f"{name}.csv", lineterminator="\n")


def vote_legend(ax: plt.Axes, codes=VOTE_CODES, **kwargs) -> None:
    """A legend with one patch per vote code, in the package's colours."""
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=VOTE_COLORS[c], edgecolor="#555555", linewidth=0.5,
                             hatch=NOT_VOTING_HATCH if c == "X" else None) for c in codes]
    ax.legend(handles, [VOTE_LABELS[c] for c in codes], frameon=False, **kwargs)


def stacked_bars(counts: pd.DataFrame, title: str, subtitle: str | None = None, *, percent: bool = False,
                 source: str = SOURCE_VOTES, xlabel: str | None = None, height: float | None = None) -> plt.Figure:
    """Horizontal stacked bars, one bar per row of ``counts`` (columns among Y, N, A, X).

    With ``percent=True`` each bar is scaled to 100. Rows are drawn top to
    bottom in the table's order; each segment of 5 or more is labelled.
    """
    codes = [c for c in VOTE_CODES if c in counts.columns]
    data = counts[codes].astype(float)
    if percent:
        data = 100 * data.div(data.sum(axis=1), axis=0)
    per_row = 0.6 if any("\n" in str(i) for i in data.index) else 0.42
    fig, ax = plt.subplots(figsize=(9, height or max(3.4, per_row * len(data) + 2.2)))
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


def heatmap(table: pd.DataFrame, title: str, subtitle: str | None = None, *, source: str = SOURCE_VOTES,
            xlabel: str | None = None, ylabel: str | None = None, fmt: str = "{:.0f}",
            colorbar_label: str = "members") -> plt.Figure:
    """A labelled heatmap of a small table (e.g. a 4x4 transition table), every cell annotated; NaN cells blank."""
    fig, ax = plt.subplots(figsize=(max(6.2, 0.75 * table.shape[1] + 3), max(5.2, 0.5 * table.shape[0] + 2.8)))
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


def line_chart(table: pd.DataFrame, title: str, subtitle: str | None = None, *, source: str = SOURCE_VOTES,
               ylabel: str = "members") -> plt.Figure:
    """One line per vote code (columns among Y, N, A, X) over the rows of ``table`` (in order)."""
    fig, ax = plt.subplots(figsize=(10, 4.8))
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


def tile_map(motion: str, votes: pd.DataFrame | None = None, grid: pd.DataFrame | None = None,
             title: str | None = None, subtitle: str | None = None, source: str = SOURCE_VOTES) -> plt.Figure:
    """One state, one vote: each of the 193 members as one equal square, coloured by its vote on ``motion``.

    Squares sit at approximate geographic positions (``data/tile_grid.csv``), so
    Palau counts as much as China, as in the General Assembly. Non-voting
    members are hatched; every square carries its ISO3 code. For a Security
    Council vote only the 15 Council members are coloured.
    """
    from .comparisons import votes_on
    from .members import load_tile_grid

    grid = load_tile_grid() if grid is None else grid
    record = votes_on(motion, votes)
    fig, ax = plt.subplots(figsize=(12, 7.6))
    for iso3, col, row in grid[["iso3", "col", "row"]].itertuples(index=False):
        code = record.get(iso3)
        face = VOTE_COLORS[code] if code is not None else "#F4F4F4"
        ax.add_patch(plt.Rectangle((col, -row), 0.92, 0.92, facecolor=face, edgecolor="white" if code else "#DDDDDD",
                                   linewidth=0.8, hatch=NOT_VOTING_HATCH if code == "X" else None))
        ax.text(col + 0.46, -row + 0.46, iso3, ha="center", va="center", fontsize=6.3,
                color="white" if code in ("Y", "N") else ("#999999" if code is None else "black"))
    ax.set_xlim(-0.2, grid["col"].max() + 1.1)
    ax.set_ylim(-grid["row"].max() - 0.2, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    counts = record.value_counts()
    codes = [c for c in VOTE_CODES if c in set(record)]
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=VOTE_COLORS[c], edgecolor="#555555", linewidth=0.5,
                             hatch=NOT_VOTING_HATCH if c == "X" else None) for c in codes]
    ax.legend(handles, [f"{VOTE_LABELS[c]} ({int(counts[c])})" for c in codes], frameon=False, ncol=len(codes),
              loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=9.5)
    return finish(fig, title or f"{motion}: one state, one vote",
                  subtitle or "Each UN Member State is one square, placed near its capital", source)


def flow_chart(matrix: pd.DataFrame, title: str, subtitle: str | None = None, *,
               source: str = SOURCE_VOTES) -> plt.Figure:
    """An alluvial figure: members flowing between vote codes across the motions (columns) of ``matrix``.

    ``matrix`` is members x motions of vote codes (e.g. from
    :func:`analysis.vote_matrix`). Each column is a stack of blocks (Y, N, A, X
    from the top) sized by members; a band between neighbouring columns shows
    how many members went from one vote to the other, coloured by the earlier vote.
    """
    columns = list(matrix.columns)
    gap, width = 6, 0.14
    fig, ax = plt.subplots(figsize=(10, 6.4))
    blocks = {}
    for i, motion in enumerate(columns):
        y = 0.0
        for code in VOTE_CODES:
            n = int((matrix[motion] == code).sum())
            blocks[(i, code)] = y
            if n:
                ax.add_patch(plt.Rectangle((i - width / 2, y), width, n, facecolor=VOTE_COLORS[code],
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
