"""One HTML page per executed notebook: code folded, tables as HTML, navigation and a table of contents.

Pages are rendered with nbconvert's HTML exporter and the package's own template
(``analysis/templates/unvotes``, which extends nbconvert's ``lab`` template):
no input prompts, each code cell in a closed ``<details>``, links to the index
and to the previous and next page, and a contents list built from the page's
section headings. The figures a notebook published are read back from its
outputs (see :data:`analysis.output.style.FIGURE_MIME`) for the index's gallery.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from ..output.style import FIGURE_MIME

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_FIGURE = re.compile(r'<figure class="report-figure"[^>]*>.*?</figure>', re.S)
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>.*?</a>)?</h\1>', re.S)


@dataclass
class Page:
    """A report page: where it is written, its title and question, and the figures it published."""

    stem: str
    title: str
    question: str  # Markdown, as written in the notebook
    figures: list[dict] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)

    @property
    def href(self) -> str:
        return f"{self.stem}.html"


def intro(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """(title, question): the first heading of the first Markdown cell, and its **Question.** paragraph."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        title = next((line.lstrip("#").strip() for line in lines if line.startswith("#")), "")
        paragraphs = re.split(r"\n\s*\n", cell.source)
        question = next((p.strip() for p in paragraphs if p.strip().startswith("**Question")),
                        next((p.strip() for p in paragraphs if not p.lstrip().startswith("#")), ""))
        return title, question
    return "", ""


def figure_records(notebook: nbformat.NotebookNode) -> list[dict]:
    """The figures the notebook published, in order (the records :func:`analysis.output.publish.publish` displayed)."""
    return [output["data"][FIGURE_MIME] for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.get("outputs", []) if FIGURE_MIME in output.get("data", {})]


def exporter() -> HTMLExporter:
    return HTMLExporter(template_name="unvotes", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input_prompt=True, exclude_output_prompt=True)


def contents(page_html: str) -> str:
    """The page's contents list (section headings, h2 and h3) as HTML ("" for a page without one)."""
    headings = [(int(level), anchor, re.sub(r"<[^>]+>", "", text).strip())
                for level, anchor, text in _HEADING.findall(page_html)]
    items = "".join(f'<li class="toc-h{level}"><a href="#{html.escape(anchor, quote=True)}">{html.escape(text)}</a>'
                    f'</li>' for level, anchor, text in headings)
    toc = (f'<nav class="toc" aria-label="Contents"><details open><summary class="toc-title">On this page</summary>'
           f'<ul>{items}</ul></details></nav>' if items else "")  # report.js folds it on narrow screens
    return toc


#: A link from one notebook to another (``10_glossary.ipynb#Veto``), as the notebooks write it for Jupyter.
NOTEBOOK_LINK = re.compile(r'href="(\d\d_[\w-]+)\.ipynb')


def label_svgs(page_html: str) -> str:
    """Every figure's inline SVG as an image named by the figure's caption (``role="img"``, ``aria-label``).

    An ``<img>`` has its ``alt``; an inline SVG (the tile maps) has no text alternative of its own. report.js turns
    a map into a group of named squares when it makes them focusable.
    """
    def label(figure: re.Match) -> str:
        text = figure.group(0)
        title = re.search(r"<figcaption>\s*<strong>(.*?)</strong>", text, re.S)
        if title is None:
            return text
        subtitle = re.search(r'<span class="subtitle">(.*?)</span>', text, re.S)
        name = ". ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() for m in (title, subtitle) if m)
        return re.sub(r"<svg\b(?![^>]*\srole=)", f'<svg role="img" aria-label="{html.escape(name, quote=True)}"',
                      text, count=1)

    return _FIGURE.sub(label, page_html)


def render(notebook: nbformat.NotebookNode, page: Page, prev: Page | None, next_: Page | None,
           footer: str, assets: str = "assets") -> str:
    """The page's HTML; also fills ``page.anchors`` with every id a link may point to."""
    report = {"assets": assets, "footer": footer,
              "prev": {"href": prev.href, "title": prev.title} if prev else None,
              "next": {"href": next_.href, "title": next_.title} if next_ else None}
    body, _ = exporter().from_notebook_node(notebook, resources={"report": report})
    body = NOTEBOOK_LINK.sub(r'href="\1.html', body)  # a link to another notebook is a link to its page
    body = label_svgs(body)
    toc = contents(body)
    page.anchors = set(re.findall(r'\sid="([^"]+)"', body))
    return body.replace("<!-- toc -->", toc, 1)
