"""The built report as a reader gets it: every link and image resolves, findings first, checked in Chromium.

One full report is built (all notebooks executed) and kept in ``build/test-report/``
under a digest of everything the build reads: the notebooks, the package's code,
templates and data, the pins and the installed distributions. The next run reuses
it only while that digest is unchanged, so any change to an input rebuilds it;
``UNVOTES_REBUILD_REPORT=1`` forces a rebuild. The structural tests need no browser. The browser tests open
every page in Debian's headless Chromium through selenium; without Chromium
they are skipped with the reason (``apt-get install chromium chromium-driver``). They share one browser
and lay the pages out at the widths they need (a phone's 390 px, a tablet's 768 px, a laptop's 1280 px).
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import re
import shutil
import sys
from html import unescape
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_tools import browser_missing, chromium, local_references, serve, set_width, settled, wider_than_screen

from analysis.report.build import NOTEBOOKS, build

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "test-report"


def inputs_digest() -> str:
    """SHA-256 over every input of a report build, so that a cached build is reused only for the same inputs."""
    files = [*NOTEBOOKS.glob("*.ipynb"), *(ROOT / "analysis").rglob("*"), *(ROOT / "data").rglob("*"),
             ROOT / "constraints.txt", ROOT / "pyproject.toml"]
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(installed).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A full report of the real notebooks, built now or reused from a build of exactly the same inputs."""
    out = tmp_path_factory.mktemp("site") / "reports"
    cached = CACHE / inputs_digest()[:24]
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with open(CACHE.parent / "test-report.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time: another test file (test_explorer) waits and reuses it
        if (cached / "index.html").is_file() and not os.environ.get("UNVOTES_REBUILD_REPORT"):
            shutil.copytree(cached, out)
            return out
        build(NOTEBOOKS, out)
        shutil.rmtree(CACHE, ignore_errors=True)
        staging = CACHE / f".partial-{os.getpid()}"
        shutil.copytree(out, staging)
        os.replace(staging, cached)
    return out


def test_the_cache_key_changes_with_any_input(tmp_path, monkeypatch):
    before = inputs_digest()
    monkeypatch.setattr(sys.modules[__name__], "NOTEBOOKS", tmp_path)
    assert inputs_digest() != before  # the notebooks are part of the key


def pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


class _Text(HTMLParser):
    """The text a reader sees (outside code, pre, script, style and svg)."""

    SKIP = {"code", "pre", "script", "style", "svg", "details"}

    def __init__(self):
        super().__init__()
        self.depth, self.parts, self.ids = 0, [], set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k == "id" and v)
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def parse(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_notebook_has_a_page_and_the_index_lists_them(site):
    names = [p.name for p in pages(site)]
    assert "index.html" in names
    assert {f"{nb.stem}.html" for nb in NOTEBOOKS.glob("*.ipynb")} <= set(names)


def test_every_local_link_and_image_resolves(site):
    ids = {p.name: parse(p).ids for p in pages(site)}
    broken = []
    for page in pages(site):
        for ref in local_references(page.read_text(encoding="utf-8")):
            path, fragment = urlsplit(ref).path, urlsplit(ref).fragment
            target = (page.parent / unquote(path)).resolve() if path else page
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{page.name}: {ref}")
            elif (fragment and target.suffix == ".html" and "=" not in fragment  # key=value: a page's state
                  and unquote(fragment) not in ids[target.name]):
                broken.append(f"{page.name}: {ref} (no such anchor)")
    assert broken == []


def test_no_raw_markdown_and_no_input_prompts(site):
    for page in pages(site):
        text = " ".join(parse(page).parts)
        assert "**" not in text and "`" not in text and not re.search(r"(^|\n)\s*#{1,6} ", text), page.name
        assert "In&nbsp;[" not in page.read_text() and "In [" not in text, page.name


def test_every_page_links_back_to_the_index_and_on(site):
    notebook_pages = [p for p in pages(site) if (NOTEBOOKS / f"{p.stem}.ipynb").is_file()]  # not the explorer
    for k, page in enumerate(notebook_pages):
        html = page.read_text()
        links = {rel: href for tag in re.findall(r"<a\s[^>]*>", html)
                 for rel in re.findall(r'rel="([^"]+)"', tag) for href in re.findall(r'href="([^"]+)"', tag)}
        assert html.count('href="index.html"') >= 2, page.name  # top and bottom of the page
        assert links.get("next") == (notebook_pages[k + 1].name if k + 1 < len(notebook_pages) else None), page.name
        assert links.get("prev") == (notebook_pages[k - 1].name if k else None), page.name
        assert 'class="toc"' in html, page.name


def test_code_is_folded_and_tables_are_html(site):
    page = (site / "06_alignment.html").read_text()
    assert page.count('<details class="code">') >= 8 and "<details class=\"code\" open" not in page
    assert '<div class="table-scroll" data-rows="193">' in page  # the 193-row table scrolls, not wraps
    assert re.search(r'<td class="num">0\.\d\d</td>', page)


def test_the_index_puts_findings_first_then_every_figure(site):
    html = (site / "index.html").read_text()
    assert html.index('id="key-findings"') < html.index('id="figures"') < html.index('id="pages"')
    findings = re.search(r'<ol class="findings">(.*?)</ol>', html, re.S).group(1)
    assert 6 <= findings.count("<li>") <= 10
    for number in ("93-18-65", "93-8-73", "10-0-5", "141", "107-12-51"):
        assert number in findings, number
    published = sorted(p.stem for p in (site / "figures").glob("*.png"))
    cards = re.findall(r'<figure class="card" id="gallery-([^"]+)">', html)
    assert sorted(cards) == published and len(published) >= 20
    for name in published:
        for suffix in (".png", ".svg", ".csv"):
            assert f'href="figures/{name}{suffix}"' in html, name + suffix
    assert "data checksum" in html and re.search(r"<code>[0-9a-f]{64}</code>", html)


def test_every_figure_has_a_source_line_and_its_data(site):
    for svg in (site / "figures").glob("*.svg"):
        assert "Source:" in svg.read_text(), svg.name
        assert svg.with_suffix(".csv").is_file() and svg.with_suffix(".png").is_file(), svg.name


def test_every_map_is_an_svg_with_a_title_per_member(site):
    maps = sorted((site / "figures").glob("*map*.svg"))
    assert len(maps) >= 12
    for svg in maps:
        text = svg.read_text()
        squares = len(re.findall(r'<g class="tile" data-iso3="[A-Z]{3}"><title>[^<]+</title>', text))
        assert squares in (193, 386), svg.name
    page = (site / "07_maps.html").read_text()
    assert "<title>Ukraine (UKR): Abstain</title>" in page  # inline in the page, so hovering works
    pair = re.search(r'<figure class="report-figure" id="fig-07_map_pair_2025">(.*?)</figure>', page, re.S).group(1)
    panels = re.findall(r'<div class="figure-panel"><svg\b[^>]*\saria-label="([^"]+)"[^>]*\srole="img"', pair)
    assert len(panels) == 2 and pair.startswith('<div class="figure-panels">')  # one SVG per map, laid out by CSS
    assert all(len(re.findall(r'<g class="tile" data-iso3=', part)) == 193
               for part in pair.split('<div class="figure-panel">')[1:])


_FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>", re.S)
_CAPTION_TITLE = re.compile(r"<figcaption\b[^>]*>\s*<(strong|a)\b[^>]*>(.*?)</\1>", re.S)
_MEDIA = re.compile(r"<(/?)(img|svg)\b([^>]*)>(\s*<title\b)?")


def _attributes(tag: str) -> dict[str, str]:
    return {k.lower(): unescape(v) for k, v in re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', tag)}


def _media(text: str, figure: str | None) -> list[tuple[str, dict, bool, str | None]]:
    """(tag, attributes, whether a <title> comes first inside, the figure's title) per <img> and outermost <svg>."""
    found, depth = [], 0
    for m in _MEDIA.finditer(text):
        closing, tag, attrs, titled = m.groups()
        if tag == "svg" and closing:
            depth -= 1
        elif tag == "img" or depth == 0:
            found.append((tag, _attributes(attrs), bool(titled), figure))
        depth += tag == "svg" and not closing and not attrs.rstrip().endswith("/")
    return found


@functools.lru_cache(maxsize=None)
def _figures(page: Path) -> tuple[str | None, list]:
    """A page's viewport tag content, and its images and outermost inline SVGs with the title of their figure
    (the text of the caption's first <strong> or link; None outside a figure). Regular expressions, not a parser:
    the maps' page is 1.3 MB of SVG."""
    text = page.read_text(encoding="utf-8")
    metas = [_attributes(m) for m in re.findall(r"<meta\b[^>]*>", text)]
    viewport = next((m.get("content") for m in metas if m.get("name") == "viewport"), None)
    media = []
    for figure in _FIGURE.finditer(text):
        title = _CAPTION_TITLE.search(figure.group(1))
        name = " ".join(unescape(re.sub(r"<[^>]+>", "", title.group(2))).split()) if title else ""
        media += _media(figure.group(1), name)
    return viewport, media + _media(_FIGURE.sub("", text), None)


def test_every_page_is_sized_for_the_device(site):
    for page in pages(site):
        viewport, _ = _figures(page)
        assert viewport and "width=device-width" in viewport, page.name


def test_every_figure_has_a_text_alternative(site):
    """Every <img> has its figure's title as alt; every inline SVG role="img" and an aria-label (or <title>)."""
    problems, counts = [], {"img": 0, "svg": 0}
    for page in pages(site):
        for tag, attrs, titled, figure in _figures(page)[1]:
            counts[tag] += 1
            where = f"{page.name}: <{tag}> {attrs.get('src') or figure or ''}"[:120]
            alt, label = (attrs.get("alt") or "").strip(), (attrs.get("aria-label") or "").strip()
            if not figure:
                problems.append(f"{where}: not in a figure with a caption")
            elif tag == "img" and alt != figure and not alt.startswith(figure + ". "):
                problems.append(f"{where}: alt {alt!r} is not the figure's title {figure!r} (and its key)")
            elif tag == "svg" and (attrs.get("role") != "img" or not (label or titled)):
                problems.append(f"{where}: role {attrs.get('role')!r}, aria-label {label!r}, <title> {titled}")
            elif tag == "svg" and label and not label.startswith(figure):
                problems.append(f"{where}: aria-label {label!r} does not name the figure {figure!r}")
    assert problems == []
    assert counts["svg"] >= 13 and counts["img"] >= 12 + 20  # every map inline; the others, and the index's cards


def test_the_trend_charts_say_their_kinds_of_vote_in_words(site):
    """The markers of the trend charts (the kind of each vote) are in their text alternative too, not only drawn."""
    from analysis.data.schema import TOPICS

    found = {}
    for page in ("03_abstentions.html", "08_one_year_later.html", "09_in_context.html"):
        for tag, attrs, _, figure in _figures(site / page)[1]:
            if tag == "img" and "Each point is a vote, its marker the kind of vote" in attrs.get("alt", ""):
                found[page] = attrs["alt"]
    assert sorted(found) == ["03_abstentions.html", "08_one_year_later.html", "09_in_context.html"]
    assert all(f"{kind} (" in found["09_in_context.html"] for kind in TOPICS)  # every kind occurs on page 09
    assert "Hollow markers: tally only" in found["09_in_context.html"] and "circle: Crimea series" in found[
        "03_abstentions.html"]


def test_the_data_download_and_every_figure_csv_read_as_one_table(site):
    """The zip of every table is there; each figure's CSV has a one-row header; map CSVs name the members."""
    import csv
    import zipfile

    from analysis.report.download import NAME, ZIP

    with zipfile.ZipFile(site / ZIP) as archive:
        names = set(archive.namelist())
        roll_calls = archive.read(f"{NAME}/roll_calls.csv").decode("utf-8").splitlines()
    assert {f"{NAME}/{n}" for n in ("roll_calls.csv", "datapackage.json", "README.md", "votes.csv")} <= names
    assert roll_calls[0] == "motion,date,body,iso3,member,regional_group,vote,vote_label" and len(roll_calls) == 3921
    for path in sorted((site / "figures").glob("*.csv")):
        rows = list(csv.reader(path.open(encoding="utf-8")))
        assert rows[0] and all(cell.strip() for cell in rows[0][1:]), path.name  # one named header row
        assert all(len(row) == len(rows[0]) for row in rows), path.name
        if "map" in path.name:
            assert rows[0][:2] == ["iso3", "member"] and rows[1][1] not in ("", rows[1][0]), path.name
    assert 'href="downloads/' in (site / "index.html").read_text()


MISSING = browser_missing()
needs_browser = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def browser(site):
    """(driver, base URL): one headless Chromium for the module, the report served on loopback."""
    with serve(site) as base, chromium() as driver:
        yield driver, base


@pytest.fixture
def phone(sized):
    """The module's browser at a phone's width (390 px) with a touch screen, for one test."""
    driver, base = sized
    set_width(driver, 390, 844)
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
    try:
        yield driver, base
    finally:
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


WIDTHS = (390, 768, 1280)  # a phone, a tablet, a laptop


@pytest.fixture
def sized(browser):
    """The module's browser for a test that sets the page's width (:func:`set_width`): the window's own after."""
    yield browser
    set_width(browser[0], None)


#: Each box of maps side by side (.figure-panels), each map's box in it, with the width of the page's column.
_PANELS = """
const main = document.querySelector('main'), css = getComputedStyle(main);
const column = main.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
return [...document.querySelectorAll('.figure-panels')].map(box => [...box.querySelectorAll(':scope > .figure-panel')]
  .map(panel => { const r = panel.getBoundingClientRect();
                  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, column}; }));
"""


def _pairs_laid_out(pairs: dict[int, list]) -> list[str]:
    """What is wrong with the maps side by side: on a phone (390 px) each map is as wide as the column (90 % at
    least) and the second is below the first; on a laptop (1280 px) they sit side by side."""
    problems = [] if set(pairs) >= {390, 1280} and pairs[390] else [f"no maps side by side found: {pairs}"]
    for first, second in pairs.get(390, []):
        if min(first["width"], second["width"]) < 0.9 * first["column"] or second["top"] < first["bottom"] - 1:
            problems.append(f"at 390 px the maps do not stack at the column's width: {first}, {second}")
    for first, second in pairs.get(1280, []):
        if second["left"] < first["right"] - 1 or abs(second["top"] - first["top"]) > 2:
            problems.append(f"at 1280 px the maps are not side by side: {first}, {second}")
    return problems


@needs_browser
def test_every_page_in_chromium(site, sized):
    """No console errors, every image decoded, every local link answers, the findings list is there; and at a
    phone's, a tablet's and a laptop's width no page is wider than the screen (code and wide tables scroll inside
    their boxes, figures scale to the column, long words wrap; maps side by side stack on a phone). Each page is
    loaded once and laid out at each width.
    """
    driver, base = sized
    problems, checked, widths, pairs = [], set(), list(WIDTHS), {}
    for page in pages(site):
        set_width(driver, widths[0])
        driver.get(base + page.name)
        state = driver.execute_async_script("""
            const [checked, done] = [arguments[0], arguments[arguments.length - 1]];
            const images = Array.from(document.images);
            images.forEach(i => { i.loading = 'eager'; });
            Promise.all(images.map(i => i.decode().catch(() => null))).then(async () => {
              const broken = images.filter(i => !(i.naturalWidth > 0)).map(i => i.getAttribute('src'));
              const links = Array.from(new Set(Array.from(document.querySelectorAll('a[href]'))
                  .map(a => a.href).filter(h => h.startsWith(location.origin))
                  .map(h => h.split('#')[0]))).filter(h => !checked.includes(h));
              const failed = [];
              await Promise.all(links.map(async href => {
                const response = await fetch(href, {method: 'HEAD'});
                if (!response.ok) failed.push(href + ' ' + response.status);
              }));
              done({broken, failed, links, images: images.length,
                    findings: document.querySelectorAll('ol.findings li').length});
            });""", sorted(checked))
        checked.update(state["links"])
        errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        problems += [f"{page.name}: console {e}" for e in errors]
        problems += [f"{page.name}: image {b}" for b in state["broken"]]
        problems += [f"{page.name}: link {f}" for f in state["failed"]]
        if page.name == "index.html":
            assert state["images"] >= 20 and 6 <= state["findings"] <= 10
        for width in widths:  # the images are decoded, so they have their sizes
            set_width(driver, width)
            wider = wider_than_screen(driver)
            problems += [f"{page.name} at {width} px: {wider}"] if wider else []
            if page.name == "07_maps.html":
                pairs[width] = driver.execute_script(_PANELS)
        widths.reverse()  # the next page starts at the width this one ended with
    assert problems + _pairs_laid_out(pairs) == []
    assert len(checked) > 60  # pages, figures, their SVG and CSV files


@needs_browser
def test_hovering_a_map_tile_shows_the_country(browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver, base = browser
    driver.get(base + "07_maps.html")
    tile = driver.find_element(By.CSS_SELECTOR, '#fig-07_map_pair_2025 g.tile[data-iso3="USA"] path')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", tile)
    ActionChains(driver).move_to_element(tile).perform()
    hovered = driver.execute_script("""
        const r = arguments[0].getBoundingClientRect();
        const under = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        const g = under && under.closest('g.tile');
        return {title: g && g.querySelector('title').textContent, hover: !!(g && g.matches(':hover')),
                outline: g && getComputedStyle(g.querySelector('path')).stroke};""", tile)
    assert hovered == {"title": "United States of America (USA): No", "hover": True, "outline": "rgb(0, 0, 0)"}


@needs_browser
def test_the_code_toggle_opens_every_code_cell(browser):
    from selenium.webdriver.common.by import By

    driver, base = browser
    driver.get(base + "01_two_ga_outcomes.html")
    closed = driver.execute_script("return [...document.querySelectorAll('details.code')].filter(d => !d.open).length")
    assert closed > 5
    driver.find_element(By.CSS_SELECTOR, ".pager-top .toggle-code").click()
    assert driver.execute_script("return [...document.querySelectorAll('details.code')].every(d => d.open)")


@needs_browser
def test_a_long_table_can_be_filtered(browser):
    from selenium.webdriver.common.by import By

    driver, base = browser
    driver.get(base + "06_alignment.html")
    box = driver.find_element(By.CSS_SELECTOR, '.table-scroll[data-rows="193"]')
    search = driver.execute_script("return arguments[0].previousElementSibling.querySelector('input')", box)
    search.send_keys("Ukraine")
    shown = driver.execute_script("return [...arguments[0].querySelectorAll('tbody tr')].filter(r => !r.hidden)"
                                  ".map(r => r.querySelector('td').textContent)", box)
    assert shown == ["UKR"]


class _Tables(HTMLParser):
    """The cells of every table of a page outside code boxes: (in body rows, tag, text)."""

    def __init__(self):
        super().__init__()
        self.cells, self.stack, self.text, self.in_body, self.skip = [], [], [], False, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("details", "pre", "code", "svg"):
            self.skip += 1
        if tag == "tbody":
            self.in_body = True
        if tag in ("td", "th"):
            self.stack.append(tag)
            self.text = []

    def handle_endtag(self, tag):
        if tag in ("details", "pre", "code", "svg"):
            self.skip -= 1
        if tag == "tbody":
            self.in_body = False
        if tag in ("td", "th") and self.stack:
            self.stack.pop()
            if not self.skip:
                self.cells.append((self.in_body, tag, "".join(self.text).strip()))

    def handle_data(self, data):
        if self.stack:
            self.text.append(data)


RAW = {"Y", "N", "A", "X", "<NA>", "NaN", "nan", "NaT", "None", "True", "False"}
MOVE = re.compile(r"[YNAX]\s*(?:->|→)\s*[YNAX]")  # a change of vote in codes (N->A), not words


def test_no_table_shows_a_raw_code_a_missing_marker_a_boolean_or_a_pandas_index(site):
    """Tables speak to readers: vote codes in words, empty cells, yes/no, and no index printed as data."""
    found, cells = {}, 0
    for page in pages(site):
        parser = _Tables()
        parser.feed(page.read_text(encoding="utf-8"))
        cells += len(parser.cells)
        bad = sorted({text for _, _, text in parser.cells if text in RAW or MOVE.fullmatch(text)})
        index_cells = sum(1 for in_body, tag, _ in parser.cells if in_body and tag == "th")
        if bad or index_cells:
            found[page.name] = (bad, index_cells)
    assert found == {} and cells > 1000  # the scan saw the report's tables


@needs_browser
def test_on_a_phone_the_index_shows_each_pages_figures_in_a_row_that_scrolls(sized):
    """At 390 px the gallery stacked one card per row: 33 thumbnails made the index 21,000 px tall, the list of
    pages 17,000 px down. Each page's figures are now a row that scrolls sideways, the next card showing."""
    driver, base = sized
    set_width(driver, 390, 844)
    driver.get(base + "index.html")
    state = driver.execute_script("""
        const rows = [...document.querySelectorAll('.gallery')];
        return {height: document.documentElement.scrollHeight,
                pages: document.getElementById('pages').getBoundingClientRect().top + scrollY,
                rows: rows.map(r => [r.querySelectorAll('.card').length, r.scrollWidth > r.clientWidth,
                                     r.querySelector('.card').getBoundingClientRect().width / r.clientWidth])};""")
    assert state["height"] < 12_000 and state["pages"] < 7_500, state  # measured: 10,729 and 6,470
    for cards, scrolls, share in state["rows"]:
        assert scrolls == (cards > 1) and 0.6 < share < 0.9, state["rows"]  # the next card peeks in
    set_width(driver, 1280)
    assert not any(driver.execute_script(
        "return [...document.querySelectorAll('.gallery')].map(r => r.scrollWidth > r.clientWidth)"))
    # and a figure's small words: on a phone, each figure says that a tap opens it full size
    hint = "return getComputedStyle(document.querySelector('a.figure-zoom'), '::after').content"
    driver.get(base + "01_two_ga_outcomes.html")
    assert driver.execute_script(hint) == "none"
    set_width(driver, 390, 844)
    assert driver.execute_script(hint) == '"Tap the figure to open it full size and zoom in"'


@needs_browser
def test_a_wide_table_says_it_scrolls_sideways(sized):
    """On a phone the wide tables scroll inside their box, which says so; at a laptop's width fewer need to."""
    driver, base = sized
    state = """return [...document.querySelectorAll('.table-wide, .table-scroll')].map(box => {
        const hint = box.parentElement.querySelector('.scroll-hint');
        return [box.scrollWidth > box.clientWidth, hint.getClientRects().length > 0]; })"""
    set_width(driver, 390)
    driver.get(base + "08_one_year_later.html")
    phone = driver.execute_script(state)
    set_width(driver, 1280)
    settled(driver)  # the page's resize handler has run (it failed once on a busy machine without this wait)
    laptop = driver.execute_script(state)
    assert all(overflows == hinted for overflows, hinted in phone + laptop), (phone, laptop)
    assert len(phone) >= 5 and sum(o for o, _ in laptop) < sum(o for o, _ in phone) >= 3


def _tip(driver) -> dict:
    return driver.execute_script("""
        const tip = document.querySelector('.tile-tip'), r = tip.getBoundingClientRect(), a = document.activeElement;
        return {shown: !tip.hidden && r.width > 0, text: tip.textContent, inside: r.left >= 0
                  && r.right <= document.documentElement.clientWidth,
                focused: a.matches('g.tile') ? a.querySelector('title').textContent : a.tagName.toLowerCase(),
                outline: a.matches('g.tile') ? getComputedStyle(a.querySelector('path')).stroke : null};""")


@needs_browser
def test_a_map_square_names_its_member_on_a_tap_and_with_the_keyboard(phone):
    """On a phone a tap on a square shows its member and vote in a box; Tab reaches a map, arrows move in it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver, base = phone
    driver.get(base + "07_maps.html")
    at = driver.execute_script("""
        const tile = document.querySelector('#fig-07_map_A_RES_68_262 g.tile[data-iso3="UKR"]');
        tile.scrollIntoView({block: 'center'});
        const r = tile.getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2};""")

    def tap(x, y):
        driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    assert _tip(driver)["shown"] is False
    tap(at["x"], at["y"])
    shown = "Ukraine (UKR): Yes"  # on A/RES/68/262 (2014)
    # the square is outlined in black (a square's colours are presentation attributes, which the stylesheet's
    # rule for the square shown overrides; an inline style would win over it and hide the outline)
    assert _tip(driver) == {"shown": True, "text": shown, "inside": True, "focused": shown, "outline": "rgb(0, 0, 0)"}
    tap(5, at["y"])  # beside the map
    assert _tip(driver)["shown"] is False

    driver.execute_script("""  // focus the last thing Tab reaches before the next map
        const figure = document.querySelector('#fig-07_map_A_RES_ES-11_1');
        const stops = [...document.querySelectorAll('a[href], button, summary, input, [tabindex="0"]')]
          .filter(e => e.getClientRects().length && !figure.contains(e)
                       && (e.compareDocumentPosition(figure) & Node.DOCUMENT_POSITION_FOLLOWING));
        stops[stops.length - 1].focus();""")
    keys = ActionChains(driver)
    keys.send_keys(Keys.TAB).perform()
    first = _tip(driver)
    assert first["shown"] and first["inside"] and first["text"] == first["focused"] and "(" in first["text"]
    assert first["outline"] == "rgb(0, 0, 0)"  # the keyboard's square is visible (report.css, :focus-visible)
    assert driver.execute_script("return document.activeElement.closest('figure').id") == "fig-07_map_A_RES_ES-11_1"
    keys.send_keys(Keys.ARROW_RIGHT).perform()
    second = _tip(driver)
    assert second["shown"] and second["text"] == second["focused"] != first["text"]
    keys.send_keys(Keys.ESCAPE).perform()
    assert _tip(driver)["shown"] is False and _tip(driver)["focused"] == second["text"]
    keys.send_keys(Keys.TAB).perform()  # one Tab stop per map: the next one leaves it
    assert _tip(driver)["focused"] == "a" and _tip(driver)["shown"] is False
