"""The report's front page: findings first, then every figure, then the pages, then provenance.

Everything with a number on it comes from the data at build time: the key
findings from :func:`analysis.report.findings.key_findings`, the gallery from the
figures the notebooks published. The question paragraphs of the notebooks are
rendered from their Markdown with nbconvert's converter.
"""

from __future__ import annotations

import html
from importlib import metadata
from typing import TYPE_CHECKING

from nbconvert.filters.markdown import markdown2html

from ..data.datapackage import TITLE
from .pages import NOTEBOOK_LINK, Page

if TYPE_CHECKING:
    from .findings import Finding

SUMMARY = ("How the United Nations voted on the war in Ukraine, from the Crimea resolution of 2014 to the competing "
           "texts of 24 February 2025, Security Council resolution 2774 and the Assembly's vote a year later, read "
           "from the UN's own country-level records. Every number on these pages is computed from those records when "
           "the report is built, and every figure links to the data behind it.")
SOURCES = ("UN Digital Library voting records (Dag Hammarskjöld Library) for every country-level vote; UN press "
           "releases GA/12675, GA/12677 and SC/16005 and news reports for the amendment and procedural tallies, each "
           "with its tally quality. Known gaps: no country-level record of any amendment vote exists; the 2026 vote "
           "(A/RES/ES-11/10) is known as a tally with a partial country-level record from news reports, never mixed "
           "into the roll calls. Details: data/README.md in the package.")


def package_version() -> str:
    try:
        return metadata.version("unvotes-ukraine-2025")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "unknown"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def finding_item(finding: Finding, pages: dict[str, Page], countries: str = "") -> str:
    page = pages.get(finding.page) if finding.page else None
    if page is None:
        link = ' <a class="see" href="#about-data">About this number</a>' if finding.page is None else ""
    else:
        target = f"{page.href}#{finding.anchor}" if finding.anchor else page.href
        what = "figure" if (finding.anchor or "").startswith("fig-") else "section"
        link = f' <a class="see" href="{_e(target)}" title="{_e(page.title)}">See the {what} →</a>'
    return f"<li>{_e(finding.text)}{link}{countries}</li>"


def gallery_card(record: dict, page: Page, figures: str = "figures") -> str:
    name, title = record["name"], _e(record["title"])
    files = {f.rsplit(".", 1)[-1]: f for f in record["files"]}
    links = " · ".join(f'<a href="{figures}/{_e(files[ext])}">{label}</a>'
                       for ext, label in (("png", "PNG"), ("svg", "SVG"), ("csv", "CSV")) if ext in files)
    return (f'<figure class="card" id="gallery-{_e(name)}"><a class="thumb" href="{page.href}#fig-{_e(name)}">'
            f'<img src="{figures}/thumbs/{_e(name)}.png" alt="{title}" loading="lazy"></a>'
            f'<figcaption><a href="{page.href}#fig-{_e(name)}">{title}</a>'
            f'<span class="files">{links}</span></figcaption></figure>')


def page_item(page: Page) -> str:
    question = NOTEBOOK_LINK.sub(r'href="\1.html', markdown2html(page.question))  # links to pages, not notebooks
    return (f'<li><a class="page-title" href="{page.href}">{_e(page.title or page.stem)}</a>'
            f'<div class="question">{question}</div></li>')


def footer(version: str, data_checksum: str) -> str:
    """The provenance line shared by every page."""
    return (f"<p>{_e(SOURCES)}</p><p>Package <code>unvotes-ukraine-2025</code> version <code>{_e(version)}</code>; "
            f"data checksum (SHA-256 of <code>data/SHA256SUMS</code>) <code>{_e(data_checksum)}</code>.</p>")


def download_section(href: str | None) -> str:
    """The "Download the data" section: the zip of every table, what it holds, and the figures' CSVs."""
    if href is None:
        return ""
    return f"""<section id="download"><h2>Download the data</h2>
<p><a class="download" href="{_e(href)}" download>All the data as one zip (CSV)</a>: every roll call long
(<code>roll_calls.csv</code>: one row per member and vote, the ISO3 code with the UN name and regional group
beside it) and wide (<code>roll_calls_wide.csv</code>: one row per member, one column per vote), the motions
with their tallies, the votes known only from news reports with their confidence and source, and every other
table, with <code>datapackage.json</code> (a Frictionless Data Package: each column's type, meaning and allowed
values, each table's sources and terms) and the data README. The same files, or Parquet and JSON, come from
<code>python -m analysis export --all -o DIR</code>.</p>
<p>Each figure's CSV (in the gallery below) holds the numbers it shows, with a one-row header and the member's
name beside every code. The UN's voting records are published by the UN Dag Hammarskjöld Library, whose terms
ask for acknowledgement of the source; the README in the zip gives the terms of each table.</p>
</section>"""


def index_page(findings: list[Finding], pages: list[Page], version: str, data_checksum: str,
               assets: str = "assets", download: str | None = None, countries: list[str] | None = None) -> str:
    """The index; ``countries`` holds, per finding, its links to the country explorer (HTML, "" for none)."""
    by_stem = {p.stem: p for p in pages}
    countries = countries or [""] * len(findings)
    finding_items = "\n".join(finding_item(f, by_stem, c) for f, c in zip(findings, countries))
    cards = "\n".join(
        f'<h3 class="gallery-page"><a href="{p.href}">{_e(p.title or p.stem)}</a></h3>\n<div class="gallery">\n'
        + "\n".join(gallery_card(r, p) for r in p.figures) + "\n</div>" for p in pages if p.figures)
    page_items = "\n".join(page_item(p) for p in pages) or (
        "<li>No notebooks yet: add numbered notebooks to <code>notebooks/</code> and run <code>make report</code> "
        "again.</li>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(TITLE)}</title>
<link rel="icon" href="{assets}/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{assets}/report.css">
</head><body class="report-index">
<nav class="pager pager-top" aria-label="Sections"><a class="to-explorer" href="explorer.html">Find a country</a>
<a href="#key-findings">Key findings</a>
<a href="#figures">Figures</a> <a href="#pages">Pages</a>{' <a href="#download">Download the data</a>' if download else ''}
<a href="#about-data">Sources</a></nav>
<main>
<header><h1>{_e(TITLE)}</h1>
<p class="lede">{_e(SUMMARY)}</p>
<p class="find-country"><a href="explorer.html">Find a country</a>: every vote of one Member State, in words, and how
often it voted with the United States, the Russian Federation, Ukraine and the EU27 majority.</p></header>
<section id="key-findings"><h2>Key findings</h2>
<ol class="findings">
{finding_items}
</ol></section>
{download_section(download)}
<section id="figures"><h2>Figures and the data behind them</h2>
<p class="hint">Each figure opens on its page, where a map's squares name the member and its vote when hovered,
tapped or reached with the Tab and arrow keys; download it as PNG or SVG (the SVG's squares name them on hover), or
the CSV of the numbers it shows.</p>
{cards or '<p>No figures yet.</p>'}
</section>
<section id="pages"><h2>The analysis, page by page</h2>
<ol class="pages">
{page_items}
</ol></section>
<footer class="provenance" id="about-data"><h2>Sources, provenance and citation</h2>
{footer(version, data_checksum)}
<p>Please cite the UN records and this package: The unvotes-ukraine-2025 contributors, <cite>{_e(TITLE)}</cite>,
version {_e(version)} (CITATION.cff in the package). Rebuild this report with <code>make report</code>; the same data give the same
pages.</p>
</footer>
</main>
<script src="{assets}/report.js"></script>
</body></html>
"""
