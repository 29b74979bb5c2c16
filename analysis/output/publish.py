"""Publishing a figure: shown once in a notebook; in the report, also its PNG, SVG and the CSV of its data.

:func:`publish` writes the PNG, the SVG and the CSV of the data behind a figure
into the folder it is given, so that a change in a number shows up as a text
diff; a tile map's SVG keeps one tooltip per member (:func:`to_svg`).
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .style import FIGURE_MIME, caption, description, style
from .tilemap import has_tiles, tile_svg


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
    figure_csv(data, fig).to_csv(folder / f"{name}.csv", lineterminator="\n")
    title, subtitle = caption(fig)
    record = {"name": name, "title": title, "subtitle": subtitle, "description": description(fig),
              "files": [f"{name}.png", f"{name}.svg", f"{name}.csv"]}
    panels = getattr(fig, "panels", None) if has_tiles(fig) else None
    inline = [(caption(p)[0], tile_svg(p)) for p in panels()] if panels else svg if has_tiles(fig) else None
    _display({"text/html": _figure_html(record, folder.name, inline),
              "text/plain": f"figure {name}: {title}", FIGURE_MIME: record}, raw=True)


def tile_names(fig: Figure) -> dict[str, str]:
    """ISO3 code -> UN name of every member a tile map shows (read from its tooltips), or {} for another figure."""
    names = {}
    for collection in (c for ax in fig.axes for c in ax.collections if getattr(c, "tile_ids", None)):
        for iso3, title in zip(collection.tile_ids, collection.tile_titles):
            names[iso3] = title.rsplit(f" ({iso3}): ", 1)[0]
    return names


def figure_csv(data: pd.DataFrame, fig: Figure | None = None) -> pd.DataFrame:
    """The data behind a figure as its CSV holds it: a one-row header, member names beside the codes.

    Column levels are joined into one name (``before 2025: USA``), so that a
    spreadsheet, R or Stata reads the header as one row; where the rows are
    members (an index of ISO3 codes that the tile map ``fig`` shows), a
    ``member`` column with the UN name follows the code.
    """
    out = data.copy()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [": ".join(str(part) for part in column if str(part)) for column in out.columns]
    out.columns.name = None
    names = tile_names(fig) if fig is not None else {}
    if names and out.index.nlevels == 1 and len(out) and set(out.index) <= set(names):
        out.insert(0, "member", [names[code] for code in out.index])
        out.index.name = out.index.name or "iso3"
    if isinstance(out.index, pd.RangeIndex) and out.index.name is None and len(out.columns):
        out = out.set_index(out.columns[0])  # row numbers are not data (09_cutting_points.csv had a column of them)
    elif out.index.nlevels == 1 and out.index.name is None:
        out.index.name = "row"  # every column has a header (01_groups.csv began ",Y,N,A,X")
    return out


def _figure_html(record: dict, href: str, inline_svg: str | list[tuple[str, str]] | None) -> str:
    """The report's ``<figure>``: the PNG (or, for a tile map, the SVG inline so its tooltips work; for maps side by
    side, each map's own SVG in a ``figure-panels`` box, which the stylesheet lays out by the width of the screen).
    The image's text alternative is the title, then what the figure shows beyond it (its key,
    :func:`.style.describe`); a panel's names the figure, then the panel."""
    name, title = record["name"], html.escape(record["title"])
    alt = html.escape(". ".join(t for t in (record["title"], record.get("description", "")) if t))
    if isinstance(inline_svg, list):
        named = ". ".join(t for t in (record["title"], record["subtitle"]) if t)
        image = '<div class="figure-panels">' + "".join(
            f'<div class="figure-panel">{_labelled(inline_svg_for_html(svg, prefix=f"{name}-{k}-"), f"{named}. {t}")}'
            f'</div>' for k, (t, svg) in enumerate(inline_svg)) + "</div>"
    elif inline_svg is not None:
        image = inline_svg_for_html(inline_svg, prefix=f"{name}-")
    else:
        image = (f'<a class="figure-zoom" href="{href}/{name}.svg" title="Open the figure full size">'  # a tap on
                 f'<img src="{href}/{name}.png" alt="{alt}" loading="lazy"></a>')  # a phone opens it to zoom in
    subtitle = f' <span class="subtitle">{html.escape(record["subtitle"])}</span>' if record["subtitle"] else ""
    links = " · ".join(f'<a href="{href}/{name}.{ext}">{label}</a>'
                       for ext, label in (("png", "PNG"), ("svg", "SVG"), ("csv", "data (CSV)")))
    return (f'<figure class="report-figure" id="fig-{name}">{image}'
            f'<figcaption><strong>{title}</strong>{subtitle} <span class="downloads">Download: {links}</span>'
            f'</figcaption></figure>')


def _labelled(svg: str, label: str) -> str:
    """``svg`` named as an image (``role="img"``, ``aria-label``)."""
    return svg.replace("<svg", f'<svg role="img" aria-label="{html.escape(label, quote=True)}"', 1)


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
