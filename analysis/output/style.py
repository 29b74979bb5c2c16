"""The look of every figure: one colour per vote code, the package's style, one way to title and source a figure.

Every figure function of :mod:`analysis.output.plots` and
:mod:`analysis.output.tilemap` builds its ``Figure`` here, outside pyplot's
state (:func:`new_figure`), so a figure shows exactly once in a notebook. The
style lives in :data:`STYLE` and is applied with :func:`style` while a figure is
built or saved; importing this module changes no global ``rcParams``. Colours
are from the Okabe-Ito palette (safe for the common forms of colour blindness)
and are the same in every figure.
"""

from __future__ import annotations

import functools
import io
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.figure import Figure

from ..data.schema import VOTE_CODES, VOTE_LABELS

#: One colour per vote code (Okabe-Ito): yes blue, no vermillion, abstain yellow, not voting grey.
VOTE_COLORS = {"Y": "#0072B2", "N": "#D55E00", "A": "#F0E442", "X": "#BBBBBB"}
#: Hatch used wherever a member did not vote.
NOT_VOTING_HATCH = "///"

#: The marker of each kind of vote (``vote_topics.csv``; the order of :data:`analysis.data.schema.TOPICS`), and the
#: shape's name in words for a figure's text alternative.
TOPIC_MARKERS = {"territorial integrity": ("D", "diamond"), "Crimea series": ("o", "circle"),
                 "aggression": ("^", "triangle"), "Human Rights Council membership": ("s", "square"),
                 "reparations": ("P", "plus"), "peace": ("*", "star"), "children": ("v", "downward triangle"),
                 "other": ("X", "cross")}

#: The short forms by which a chart labels some members (the UN short name of the United Kingdom, 52 characters,
#: ran across a third of page 09's chart).
LABEL_NAMES = {"USA": "United States", "GBR": "United Kingdom"}

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


def styled(function):
    """Build the figure inside :func:`style`."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with style():
            return function(*args, **kwargs)

    return wrapper


class ReportFigure(Figure):
    """A Figure that shows itself as one PNG in IPython, with or without pyplot's inline backend loaded.

    ``description`` is what the figure shows in words beyond its title (its text alternative, with the title;
    :func:`describe`), empty if the title says it all.
    """

    description = ""

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


def literal(text: str) -> str:
    """``text`` drawn as written: a ``$`` (a title from a data folder, "US$ 5") escaped, never read as math text."""
    return str(text).replace("$", "\\$")


def finish(fig: Figure, title: str, subtitle: str | None = None, source: str = SOURCE_VOTES) -> Figure:
    """Put the title (and subtitle) on top and the source line at the bottom of ``fig``, each drawn literally."""
    fig.suptitle(literal(title), x=0.01, ha="left", fontsize=13, fontweight="bold")
    if subtitle:
        fig.text(0.01, 0.925, literal(subtitle), ha="left", va="top", fontsize=9.5, color="#333333", gid="subtitle")
    fig.text(0.01, 0.01, literal(source), ha="left", va="bottom", fontsize=8, color="#555555", gid="source")
    fig.tight_layout(rect=(0, 0.04, 1, 0.9 if subtitle else 0.94))
    return fig


def caption(fig: Figure) -> tuple[str, str]:
    """(title, subtitle) of a figure made by :func:`finish`, as given to it; empty strings where there is none."""
    title = fig.get_suptitle()
    subtitle = next((t.get_text() for t in fig.texts if t.get_gid() == "subtitle"), "")
    return title.replace("\\$", "$"), subtitle.replace("\\$", "$")


def describe(fig: Figure, text: str) -> Figure:
    """Say in words what ``fig`` shows beyond its title (a key a reader of the picture sees, e.g. what each marker
    means): the report gives it with the title as the figure's text alternative."""
    fig.description = text
    return fig


def description(fig: Figure) -> str:
    """The words :func:`describe` gave ``fig`` ("" for none)."""
    return getattr(fig, "description", "")


def vote_legend(ax: mpl.axes.Axes, codes=VOTE_CODES, **kwargs) -> None:
    """A legend with one patch per vote code, in the package's colours."""
    handles = [mpl.patches.Rectangle((0, 0), 1, 1, facecolor=VOTE_COLORS[c], edgecolor="#555555", linewidth=0.5,
                             hatch=NOT_VOTING_HATCH if c == "X" else None) for c in codes]
    ax.legend(handles, [VOTE_LABELS[c] for c in codes], frameon=False, **kwargs)
