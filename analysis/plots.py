"""Figures: one colour per vote code, one way to title and source a figure, one way to publish it.

Every figure function returns a matplotlib ``Figure`` built outside pyplot's
state, so a figure shows exactly once in a notebook: as a cell's last value,
or through :func:`publish`. The style lives in :data:`STYLE` and is applied
with :func:`style` while a figure is built or saved; importing this module
changes no global ``rcParams``. Colours are from the Okabe-Ito palette (safe
for the common forms of colour blindness) and are the same in every figure.
:func:`publish` writes the PNG, the SVG and the CSV of the data behind a
figure into the folder it is given, so that a change in a number shows up as
a text diff.
"""

from __future__ import annotations

import functools
import html
import io
import re
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .schema import VOTE_CODES, VOTE_LABELS

#: One colour per vote code (Okabe-Ito): yes blue, no vermillion, abstain yellow, not voting grey.
VOTE_COLORS = {"Y": "#0072B2", "N": "#D55E00", "A": "#F0E442", "X": "#BBBBBB"}
#: Hatch used wherever a member did not vote.
NOT_VOTING_HATCH = "///"

SOURCE_VOTES = "Source: UN Digital Library voting records (Dag Hammarskjöld Library)"
SOURCE_TALLIES = "Source: UN press releases GA/12675, GA/12677, SC/16005 and news reports (tally quality as shown)"

#: The package's matplotlib style, applied by :func:`style` (never to the global rcParams).
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "svg.hashsalt": "unvotes",  # stable SVG ids, so a saved SVG is the same file on every run
}

#: Mime type of the record :func:`publish` displays in a report build (read by the report builder).
FIGURE_MIME = "application/vnd.unvotes.figure+json"


@contextmanager
def style():
    """The package style for the duration of a ``with`` block (restores the caller's rcParams after)."""
    with mpl.rc_context(STYLE):
        yield


def _styled(function):
    """Build the figure inside :func:`style`."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with style():
            return function(*args, **kwargs)

    return wrapper


class ReportFigure(Figure):
    """A Figure that shows itself as one PNG in IPython, with or without pyplot's inline backend loaded."""

    def __repr__(self) -> str:
        return super().__repr__().replace(type(self).__name__, "Figure", 1)  # as any matplotlib figure

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        with style():
            self.savefig(buffer, format="png", dpi="figure", bbox_inches="tight", metadata={"Software": None})
        return buffer.getvalue()


def new_figure(figsize: tuple[float, float], ncols: int = 1) -> tuple[Figure, object]:
    """A figure and its axes, outside pyplot's state (it is never shown twice nor kept alive by pyplot)."""
    fig = ReportFigure(figsize=figsize)
    axes = fig.subplots(1, ncols)
    return fig, axes


def finish(fig: Figure, title: str, subtitle: str | None = None, source: str = SOURCE_VOTES) -> Figure:
    """Put the title (and subtitle) on top and the source line at the bottom of ``fig``."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
    if subtitle:
        fig.text(0.01, 0.925, subtitle, ha="left", va="top", fontsize=9.5, color="#333333", gid="subtitle")
    fig.text(0.01, 0.01, source, ha="left", va="bottom", fontsize=8, color="#555555", gid="source")
    fig.tight_layout(rect=(0, 0.04, 1, 0.9 if subtitle else 0.94))
    return fig


def caption(fig: Figure) -> tuple[str, str]:
    """(title, subtitle) of a figure made by :func:`finish`; empty strings where there is none."""
    title = fig.get_suptitle()
    subtitle = next((t.get_text() for t in fig.texts if t.get_gid() == "subtitle"), "")
    return title, subtitle


def to_svg(fig: Figure) -> str:
    """``fig`` as SVG text; a tile map gets a ``<title>`` (name and vote) on every member's square."""
    if has_tiles(fig):
        return tile_svg(fig)
    buffer = io.StringIO()
    with style():
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def publish(fig: Figure, name: str, data: pd.DataFrame, folder: str | Path | None = None) -> None:
    """Show ``fig`` once; given a ``folder``, also write ``NAME.png``, ``NAME.svg`` and ``NAME.csv`` there.

    Without a folder (notebooks run as tests, or explored by hand) nothing is
    written and the figure is shown as usual. The report builder passes its
    figures folder; the figure is then shown as an HTML ``<figure>`` with an
    anchor ``fig-NAME``, its caption and links to the three files, which
    assumes the page is written to the folder's parent (as the report does).
    """
    plt.close(fig)  # if pyplot holds it, it would be shown a second time at the end of the cell
    if folder is None:
        _display(fig)
        return
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with style():
        fig.savefig(folder / f"{name}.png", metadata={"Software": None})
    svg = to_svg(fig)
    (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
    data.to_csv(folder / f"{name}.csv", lineterminator="\n")
    title, subtitle = caption(fig)
    record = {"name": name, "title": title, "subtitle": subtitle,
              "files": [f"{name}.png", f"{name}.svg", f"{name}.csv"]}
    _display({"text/html": _figure_html(record, folder.name, svg if has_tiles(fig) else None),
              "text/plain": f"figure {name}: {title}", FIGURE_MIME: record}, raw=True)


def _figure_html(record: dict, href: str, inline_svg: str | None) -> str:
    """The report's ``<figure>``: the PNG (or, for a tile map, the SVG inline so its tooltips work)."""
    name, title = record["name"], html.escape(record["title"])
    if inline_svg is not None:
        image = inline_svg_for_html(inline_svg, prefix=f"{name}-")
    else:
        image = f'<img src="{href}/{name}.png" alt="{title}" loading="lazy">'
    subtitle = f' <span class="subtitle">{html.escape(record["subtitle"])}</span>' if record["subtitle"] else ""
    links = " · ".join(f'<a href="{href}/{name}.{ext}">{label}</a>'
                       for ext, label in (("png", "PNG"), ("svg", "SVG"), ("csv", "data (CSV)")))
    return (f'<figure class="report-figure" id="fig-{name}">{image}'
            f'<figcaption><strong>{title}</strong>{subtitle} <span class="downloads">Download: {links}</span>'
            f'</figcaption></figure>')


def inline_svg_for_html(svg: str, prefix: str) -> str:
    """SVG text ready to sit inside an HTML page: no XML prolog, every id prefixed so that several can coexist."""
    body = svg[svg.index("<svg"):]
    ids = set(re.findall(r'\bid="([^"]+)"', body))
    if ids:
        pattern = re.compile(r'(\bid="|url\(#|xlink:href="#)(' + "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
                             + r')(?=[")])')
        body = pattern.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", body)
    return body


def _display(obj, raw: bool = False) -> None:
    """IPython's display, only inside IPython (a plain script that publishes shows nothing)."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with jupyter
        return
    if get_ipython() is not None:
        display(obj, raw=raw)


def vote_legend(ax: mpl.axes.Axes, codes=VOTE_CODES, **kwargs) -> None:
    """A legend with one patch per vote code, in the package's colours."""
    handles = [mpl.patches.Rectangle((0, 0), 1, 1, facecolor=VOTE_COLORS[c], edgecolor="#555555", linewidth=0.5,
                             hatch=NOT_VOTING_HATCH if c == "X" else None) for c in codes]
    ax.legend(handles, [VOTE_LABELS[c] for c in codes], frameon=False, **kwargs)


@_styled
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


@_styled
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


@_styled
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


@_styled
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


# at the end: tilemap builds on the helpers above; tile_map and tile_maps are re-exported
from .tilemap import has_tiles, tile_map, tile_maps, tile_svg  # noqa: E402,F401
