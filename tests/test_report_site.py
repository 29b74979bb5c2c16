"""The built report as a reader gets it: every link and image resolves, findings first, checked in Chromium.

One full report is built (all notebooks executed) and kept in ``build/test-report/``
under a digest of everything the build reads: the notebooks, the package's code,
templates and data, the pins and the installed distributions. The next run reuses
it only while that digest is unchanged, so any change to an input rebuilds it;
``UNVOTES_REBUILD_REPORT=1`` forces a rebuild. The structural tests need no browser. The browser tests open
every page in Debian's headless Chromium through selenium; without Chromium
they are skipped with the reason (``apt-get install chromium chromium-driver``).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import sys
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_tools import browser_missing, chromium, local_references, serve

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


MISSING = browser_missing()
needs_browser = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture(scope="module")
def browser(site):
    """(driver, base URL): one headless Chromium for the module, the report served on loopback."""
    with serve(site) as base, chromium() as driver:
        yield driver, base


@needs_browser
def test_every_page_in_chromium(site, browser):
    """No console errors, every image decoded, every local link answers, the findings list is there."""
    driver, base = browser
    problems, checked = [], set()
    for page in pages(site):
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
    assert problems == []
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
        return {title: g && g.querySelector('title').textContent, hover: !!(g && g.matches(':hover'))};""", tile)
    assert hovered == {"title": "United States of America (USA): No", "hover": True}


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
                                  ".map(r => r.querySelector('th').textContent)", box)
    assert shown == ["UKR"]
