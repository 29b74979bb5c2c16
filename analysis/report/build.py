"""``make report``: execute the notebooks, write one page each, an index, and the figures with their data.

Before the slow part, the build checks the output folder (no link written
through, no file of someone else's replaced: :func:`analysis.report.files.prepare`)
and reads and checks every table of the data folder once, so either problem is
refused in about a second, in one line. The whole report is then built in a
staging folder inside the output folder and moved in by
:func:`analysis.report.files.install`, which replaces only what the report
wrote last time, all or nothing. A notebook that fails, a broken data folder
or a refusal leaves the previous report as it was.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from pathlib import Path

from PIL import Image

from ..data.schema import DATA_DIR
from ..data.tables import load_tables
from . import download, explorer, index, pages
from .execute import execute_all
from .files import ReportError, install, prepare
from .findings import key_findings

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
ASSETS = Path(__file__).resolve().parent.parent / "templates" / "assets"
#: Where every build writes, whatever the notebooks (their pages and figures come beside these).
FIXED = ["index.html", download.ZIP, explorer.PAGE, explorer.DATA_FILE]
FOLDERS = ["figures/thumbs", "assets", download.FOLDER]


def data_checksum(sums: Path = DATA_DIR / "SHA256SUMS") -> str:
    """SHA-256 of the data manifest (which lists the SHA-256 of every data file): one number for all the data."""
    return hashlib.sha256(sums.read_bytes()).hexdigest() if sums.is_file() else "unknown"


def _thumbnails(figures: Path) -> None:
    thumbs = figures / "thumbs"
    thumbs.mkdir(exist_ok=True)
    for png in sorted(figures.glob("*.png")):
        with Image.open(png) as picture:
            picture.thumbnail((480, 320))  # keeps the aspect ratio
            picture.save(thumbs / png.name, optimize=True)


def _check_links(findings, built: dict[str, pages.Page]) -> None:
    """A finding that points to a built page must point to an id that page has."""
    for finding in findings:
        page = built.get(finding.page) if finding.page else None
        if page is not None and finding.anchor and finding.anchor not in page.anchors:
            raise ReportError(f"key finding points to {page.href}#{finding.anchor}, which that page does not have: "
                              f"{finding.text!r}")


def build(notebooks: Path | None = None, out: Path | None = None, timeout: int = 600, jobs: int | None = None,
          data_dir: Path | None = None, force: bool = False) -> Path:
    """Execute each notebook and write ``out/index.html``, one page per notebook and ``out/figures/``.

    ``notebooks`` defaults to :data:`NOTEBOOKS`, ``out`` to :data:`REPORTS`.
    Every number comes from ``data_dir`` (default: the bundled ``data/``): the
    notebooks get it as their ``DATA_DIR`` parameter, the key findings read it.
    ``force`` replaces files in ``out`` that the last report did not write.

    Returns the index path. Raises :class:`ReportError` (and changes nothing in
    ``out``) if a notebook fails, ``out`` is or holds a link the report would
    write through, or a file of someone else's is where the report writes;
    :class:`~analysis.data.schema.VoteDataError` (before any notebook runs) if
    the data folder is missing or broken.
    """
    started = time.perf_counter()
    notebooks, out = NOTEBOOKS if notebooks is None else Path(notebooks), REPORTS if out is None else Path(out)
    paths = sorted(notebooks.glob("*.ipynb"))
    assets = [f"assets/{p.relative_to(ASSETS).as_posix()}" for p in sorted(ASSETS.rglob("*")) if p.is_file()]
    # Before the slow part (about a second): the output folder checked, then every table read and checked once.
    root = prepare(out, FIXED + assets + [f"{p.stem}.html" for p in paths], FOLDERS, force)
    tables = load_tables(data_dir).check()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".report-build-", dir=root) as staging_dir:
        staging = Path(staging_dir)
        figures = staging / "figures"
        figures.mkdir()
        executed = execute_all(paths, figures, timeout, jobs, data_dir=data_dir)
        built = []
        for path, notebook in zip(paths, executed):
            title, question = pages.intro(notebook)
            built.append((notebook, pages.Page(path.stem, title, question, pages.figure_records(notebook))))
        version, checksum = index.package_version(), data_checksum(tables.folder / "SHA256SUMS")
        footer = index.footer(version, checksum)
        for k, (notebook, page) in enumerate(built):
            prev = built[k - 1][1] if k > 0 else None
            next_ = built[k + 1][1] if k + 1 < len(built) else None
            (staging / page.href).write_text(pages.render(notebook, page, prev, next_, footer), encoding="utf-8")
        _thumbnails(figures)
        shutil.copytree(ASSETS, staging / "assets")
        download.write_download(staging, tables, ROOT)
        explorer.write_explorer(tables, staging, footer, index.TITLE)
        all_pages = [page for _, page in built]
        findings = key_findings(tables)
        _check_links(findings, {p.stem: p for p in all_pages})
        countries = [explorer.country_links(explorer.finding_countries(f, tables), tables) for f in findings]
        (staging / "index.html").write_text(index.index_page(findings, all_pages, version, checksum,
                                                             download=download.ZIP, countries=countries),
                                            encoding="utf-8")
        written = install(staging, root, force)
    target = out / "index.html"
    shown = target.relative_to(ROOT) if target.resolve().is_relative_to(ROOT) else target
    print(f"wrote {shown}: {len(all_pages)} page(s), {sum(len(p.figures) for p in all_pages)} figure(s), "
          f"{len(written)} files in {time.perf_counter() - started:.0f} s")
    return target
