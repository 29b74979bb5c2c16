"""One state, one vote: tile maps of roll calls, fast to draw and hoverable as SVG.

Each of the 193 members is one equal square at an approximate geographic
position (``data/tile_grid.csv``), so Palau counts as much as China, as in the
General Assembly. A map is drawn with a handful of artists, whatever the number
of members: the squares as two collections (voted, and hatched for members that
did not vote) and the ISO3 labels as one collection of glyph outlines. That is
what makes all the roll calls' maps render in a few seconds.

:func:`tile_svg` writes a map as SVG in which every square is a
``<g class="tile">`` with a ``<title>`` (full name and vote), so a reader
hovering a square sees the country, with no JavaScript; the labels are real
``<text>`` there, so the SVG stays small and searchable.
"""

from __future__ import annotations

import functools
import html
import io
import re

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.collections import PatchCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from ..data.bodies import body_of
from ..data.schema import VOTE_CODES, VOTE_LABELS
from ..measures.comparisons import moves, votes_on
from ..measures.records import NOT_ON_COUNCIL, NOT_RECORDED
from .style import NOT_VOTING_HATCH, SOURCE_VOTES, VOTE_COLORS, finish, new_figure, style, styled

SIDE = 0.92  #: side of a square, in grid units (the rest is the gap between squares)
NO_RECORD = "#F4F4F4"  #: face of a member with no vote on the motion (e.g. not on the Council)
LABEL_EM = 0.27  #: label font size in grid units, so labels scale with the squares
_TILES_GID = "tiles"
_LABELS_GID = "tile-labels"


def _label_color(code: str | None) -> str:
    return "white" if code in ("Y", "N") else ("#999999" if code is None else "black")


@functools.lru_cache(maxsize=512)
def _glyphs(text: str) -> mpl.path.Path:
    """The outline of ``text`` at 1 unit per em, centred on the origin (cached: the labels are reused)."""
    path = TextPath((0, 0), text, size=1, prop=FontProperties(family="DejaVu Sans"))
    # The box of the outline's points, not Path.get_extents() (which solves every curve for its extrema: 0.3 s for
    # the 193 codes, in every process that draws a map): DejaVu Sans puts a point at each extremum of its glyphs,
    # so the two boxes are the same for every member's code (tests/test_plots.py checks it).
    points = path.vertices if path.codes is None else path.vertices[path.codes != mpl.path.Path.CLOSEPOLY]
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    return path.transformed(Affine2D().translate(-(x0 + x1) / 2, -(y0 + y1) / 2))


def _tooltip(name: str, iso3: str, code: str | None, body_note: str, words: dict[str, str] = VOTE_LABELS) -> str:
    vote = words.get(code, code) if code is not None else body_note
    return f"{name} ({iso3}): {vote}"


def draw_tiles(ax, record: pd.Series, grid: pd.DataFrame, names: dict[str, str],
               no_record: str = NOT_RECORDED, palette: dict[str, tuple[str, str]] | None = None) -> None:
    """Draw one square per row of ``grid`` on ``ax``, coloured by ``record`` (ISO3 -> vote code)."""
    iso3s = list(grid["iso3"])
    cols, rows = grid["col"].to_numpy(), grid["row"].to_numpy()
    codes = [record.get(i) for i in iso3s]
    colors = VOTE_COLORS if palette is None else {k: v[0] for k, v in palette.items()}
    words = VOTE_LABELS if palette is None else {k: v[1] for k, v in palette.items()}
    order = list(VOTE_CODES) if palette is None else list(palette)
    hatched = [c == "X" and palette is None for c in codes]
    for want_hatch in (False, True):
        keep = [k for k, h in enumerate(hatched) if h == want_hatch]
        if not keep:
            continue
        squares = PatchCollection(
            [Rectangle((cols[k], -rows[k]), SIDE, SIDE) for k in keep],
            facecolors=[colors[codes[k]] if codes[k] else NO_RECORD for k in keep],
            edgecolors=["white" if codes[k] else "#DDDDDD" for k in keep], linewidths=0.8,
            hatch=NOT_VOTING_HATCH if want_hatch else None)
        squares.set_gid(_TILES_GID)
        squares.tile_ids = [iso3s[k] for k in keep]
        squares.tile_titles = [_tooltip(names.get(iso3s[k], iso3s[k]), iso3s[k], codes[k], no_record, words)
                               for k in keep]
        ax.add_collection(squares)
    centres = [(c + SIDE / 2, -r + SIDE / 2) for c, r in zip(cols, rows)]
    labels = PathCollection(
        [_glyphs(i).transformed(Affine2D().scale(LABEL_EM).translate(x, y)) for i, (x, y) in zip(iso3s, centres)],
        facecolors=[_label_color(c) for c in codes], edgecolors="none", linewidths=0)
    labels.set_gid(_LABELS_GID)
    labels.tile_labels = list(zip(iso3s, centres, [_label_color(c) for c in codes]))
    ax.add_collection(labels)
    ax.set_xlim(-0.2, grid["col"].max() + 1.1)
    ax.set_ylim(-grid["row"].max() - 0.2, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    counts = pd.Series(codes).value_counts()
    present = [c for c in order if c in counts.index]
    handles = [Rectangle((0, 0), 1, 1, facecolor=colors[c], edgecolor="#555555", linewidth=0.5,
                         hatch=NOT_VOTING_HATCH if c == "X" and palette is None else None) for c in present]
    ax.legend(handles, [f"{words[c]} ({int(counts[c])})" for c in present], frameon=False,
              ncol=len(present), loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=9.5,
              handlelength=1.2, columnspacing=1.0)


def _note(motion: str) -> str:
    return NOT_ON_COUNCIL if body_of(motion) == "SC" else NOT_RECORDED


@styled
def tile_map(votes: pd.DataFrame, motion: str, *, grid: pd.DataFrame, members: pd.DataFrame,
             title: str | None = None, subtitle: str | None = None, source: str = SOURCE_VOTES) -> Figure:
    """One state, one vote: each of the 193 members as one equal square, coloured by its vote on ``motion``.

    Non-voting members are hatched; every square carries its ISO3 code. For a
    Security Council vote only the Council members are coloured. ``grid`` is the
    layout (:func:`analysis.load_tile_grid`), ``members`` the members table (for
    the names in the tooltips). The figure is outside pyplot's state, so as a
    cell's last line it shows once.

    Examples:
        >>> tables = load_tables()
        >>> tile_map(tables.votes, "ES-11/7", grid=tables.tile_grid, members=tables.members)  # doctest: +SKIP
    """
    names = dict(zip(members["iso3"], members["name"]))
    fig, ax = new_figure((12, 7.6))
    draw_tiles(ax, votes_on(votes, motion), grid, names, _note(motion))
    return finish(fig, title or f"{motion}: one state, one vote",
                  subtitle or "Each UN Member State is one square, placed near its capital", source)


@styled
def tile_maps(votes: pd.DataFrame, motions: list[str], *, grid: pd.DataFrame, members: pd.DataFrame,
              title: str | None = None, subtitle: str | None = None, source: str = SOURCE_VOTES,
              labels: dict[str, str] | None = None) -> Figure:
    """Small multiples: one tile map per motion, side by side in one figure (arguments as :func:`tile_map`).

    ``fig.panels()`` gives the same maps one figure each (for the report's pages, which lay them out by the width of
    the screen); the figure itself, its PNG and its SVG keep them side by side.
    """
    names = dict(zip(members["iso3"], members["name"]))
    labels = labels or {}
    fig, axes = new_figure((7.2 * len(motions), 6.2), ncols=len(motions))
    for ax, motion in zip(np.atleast_1d(axes).ravel(), motions):
        draw_tiles(ax, votes_on(votes, motion), grid, names, _note(motion))
        ax.set_title(labels.get(motion, motion), pad=26, fontsize=11)
    fig.panels = functools.partial(_panels, votes, list(motions), grid, members,
                                   [labels.get(m, m) for m in motions], source)
    return finish(fig, title or "One state, one vote: " + " and ".join(motions),
                  subtitle or "Each UN Member State is one square, placed near its capital", source)


def _panels(votes: pd.DataFrame, motions: list[str], grid: pd.DataFrame, members: pd.DataFrame, titles: list[str],
            source: str) -> list[Figure]:
    """The maps of :func:`tile_maps` one figure each, in order, titled as there: the report shows them side by side
    where the page is wide and one above the other where it is narrow (a phone), each as wide as it can be."""
    return [_panel(votes, motion, grid, members, title, source) for motion, title in zip(motions, titles)]


@styled
def _panel(votes: pd.DataFrame, motion: str, grid: pd.DataFrame, members: pd.DataFrame, title: str,
           source: str) -> Figure:
    names = dict(zip(members["iso3"], members["name"]))
    fig, ax = new_figure((7.2, 5.6))
    draw_tiles(ax, votes_on(votes, motion), grid, names, _note(motion))
    return finish(fig, title, None, source)


def has_tiles(fig: Figure) -> bool:
    """Whether ``fig`` holds a tile map (drawn by :func:`draw_tiles`)."""
    return any(getattr(c, "tile_ids", None) for ax in fig.axes for c in ax.collections)


def tile_svg(fig: Figure) -> str:
    """The map as SVG text, each square a ``<g class="tile" data-iso3=...>`` with a ``<title>`` tooltip.

    While saving, the squares carry a link per member (which marks them in the
    SVG) and the glyph-outline labels are hidden; the labels are then written
    as ``<text>`` at the same places. ``fig`` is left as it was. Labels ignore
    the pointer, so hovering a label shows its square's title.
    """
    squares = [c for ax in fig.axes for c in ax.collections if getattr(c, "tile_ids", None)]
    outlines = [c for ax in fig.axes for c in ax.collections if getattr(c, "tile_labels", None)]
    titles = {}
    try:
        for n, collection in enumerate(squares):
            urls = [f"tile:{n}:{k}" for k in range(len(collection.tile_ids))]
            titles.update({u: (i, t) for u, i, t in zip(urls, collection.tile_ids, collection.tile_titles)})
            collection.set_urls(urls)
        for collection in outlines:
            collection.set_visible(False)
        buffer = io.StringIO()
        with style(), mpl.rc_context({"svg.fonttype": "none"}):
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        labels = "".join(_svg_labels(collection) for collection in outlines)  # the layout of that save
    finally:
        for collection in outlines:
            collection.set_visible(True)
        for collection in squares:
            collection.set_urls(None)
    svg = buffer.getvalue()

    def tile(match: re.Match) -> str:
        iso3, title = titles[html.unescape(match.group(1))]
        return (f'<g class="tile" data-iso3="{html.escape(iso3)}"><title>{html.escape(title)}</title>'
                f'{_PATH.sub(_slim_path, match.group(2))}</g>')

    svg = re.sub(r'<a xlink:href="(tile:[^"]+)"[^>]*>(.*?)</a>', tile, svg, flags=re.S)
    style_rule = "text{pointer-events:none}g.tile:hover path{stroke:#000;stroke-width:1.5}"
    svg = svg.replace("<defs>", f'<defs>\n  <style type="text/css">{style_rule}</style>', 1)
    closing = svg.rindex("</svg>")
    return svg[:closing] + f'<g id="tile-labels">{labels}</g>\n' + svg[closing:]


def _svg_labels(collection) -> str:
    """``<text>`` elements for the labels of ``collection``, in SVG points (72 per inch, y downwards)."""
    ax = collection.axes
    fig = ax.figure
    scale = 72 / fig.dpi
    height = fig.get_figheight() * 72
    size = _label_points(ax)
    family = "DejaVu Sans, Bitstream Vera Sans, Arial, sans-serif"
    out = [f'<g font-size="{size:.2f}" font-family="{family}" text-anchor="middle">']  # said once, not 193 times
    for iso3, (x, y), color in collection.tile_labels:
        px, py = ax.transData.transform((x, y)) * scale
        out.append(f'<text x="{px:.2f}" y="{height - py + 0.36 * size:.2f}" fill="{color}">{html.escape(iso3)}</text>')
    return "".join(out) + "</g>"


_PATH = re.compile(r"<path\s([^>]*?)\s*/?>(?:\s*</path>)?", re.S)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _slim_path(match: re.Match) -> str:
    """A square as matplotlib writes it, lighter: its corners to 0.01 pt, its style as presentation attributes
    (so that the stylesheet's rules for a hovered, focused or chosen square win over them, as they cannot over an
    inline style), and no clip path (the axes' limits hold every square). A map's page is a third of the size and
    quicker to lay out: 27 maps on one page."""
    attributes = dict(re.findall(r'([a-z:-]+)="([^"]*)"', match.group(1)))
    corners = _NUMBER.sub(lambda n: f"{float(n.group()):.2f}".rstrip("0").rstrip("."),
                          " ".join(attributes["d"].split()))
    style = [part.split(":", 1) for part in attributes.get("style", "").split(";") if ":" in part]
    return " ".join([f'<path d="{corners}"', *(f'{k.strip()}="{v.strip()}"' for k, v in style)]) + "/>"


def _label_points(ax) -> float:
    """The font size in points that matches :data:`LABEL_EM` grid units on ``ax`` (after the layout is drawn)."""
    fig = ax.figure
    ax.apply_aspect()
    (x0, _), (x1, _) = ax.transData.transform([(0, 0), (1, 0)])
    return LABEL_EM * (x1 - x0) * 72 / fig.dpi


#: The moves between two votes (:func:`analysis.measures.comparisons.moves`), as :func:`moved_map` colours them
#: (code -> colour, words).
MOVES = {"toward": ("#0072B2", "moved toward yes"), "away": ("#D55E00", "moved away from yes"),
         "other": ("#999999", "between not voting and abstaining or no"), "same": ("#E8E8E8", "the same vote")}


@styled
def moved_map(votes: pd.DataFrame, a: str, b: str, *, grid: pd.DataFrame, members: pd.DataFrame,
              title: str | None = None, subtitle: str | None = None, source: str = SOURCE_VOTES) -> Figure:
    """Who moved between two votes: each member's square coloured by its move from ``a`` to ``b``
    (:func:`analysis.measures.comparisons.moves`: toward yes, away from yes, another change, or the same vote).
    Arguments as :func:`tile_map`."""
    names = dict(zip(members["iso3"], members["name"]))
    first, second = votes_on(votes, a), votes_on(votes, b)
    record = moves(votes, a, b)
    fig, ax = new_figure((12, 7.6))
    draw_tiles(ax, record, grid, names, NOT_RECORDED, palette=MOVES)
    return finish(fig, title or f"Who moved from {first.name} to {second.name}",
                  subtitle or "Each UN Member State is one square; colour: its move between the two votes", source)
