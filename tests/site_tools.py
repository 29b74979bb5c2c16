"""Helpers for the report tests: serve a folder on loopback, start Debian's headless Chromium, list links,
set the viewport's width and name what makes a page wider than it.

Chromium and its driver are Debian's packages (``apt-get install chromium
chromium-driver``); selenium is pointed at the installed driver, so nothing is
downloaded. :func:`browser_missing` says why the browser tests must skip.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1366,900"]


def browser_missing() -> str | None:
    """Why the browser test cannot run here (None if Chromium and ChromeDriver are installed)."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (Path(p).is_file() and os.access(p, os.X_OK))]
    if missing:
        return (f"{' and '.join(missing)} not installed: run `apt-get install -y chromium chromium-driver` "
                f"(.ci/run does) to run the browser test")
    return None


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on 127.0.0.1 (an ephemeral port) for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the test output stays readable
        pass


@contextmanager
def chromium():
    """A selenium driver for headless Chromium with a fresh profile; browser console logs are kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="unvotes-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def local_references(page: str) -> list[str]:
    """Every href and src in an HTML page that is not an external URL, a mailto or a data URI."""
    refs = [html.unescape(r) for r in re.findall(r'\s(?:href|src)="([^"]*)"', page)]
    return [r for r in refs if not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", r, re.I)]


def set_width(driver, width: int | None, height: int = 900) -> None:
    """Lay the page out in a viewport ``width`` CSS pixels wide (``window.innerWidth``); None: the window's own.

    Chromium's device metrics override: as resizing the window, without the window's frame to allow for, and
    faster (it is the same for every page). Not a phone's emulation: the page gets exactly that width, whatever
    its viewport tag says, so that a page too wide for it shows.
    """
    if width is None:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        return
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def settled(driver) -> None:
    """Wait for two animation frames: the resize events of a width just set (:func:`set_width`) are handled
    before the first, so the page's own handlers (e.g. the tables' scroll hints) have run."""
    driver.execute_async_script("const done = arguments[arguments.length - 1];"
                                "requestAnimationFrame(() => requestAnimationFrame(() => done()));")


#: Null if the page is no wider than the screen (window.innerWidth, less a scroll bar); else its width and the
#: widest elements that stick out, outermost first (one inside a box that clips or scrolls sideways does not count:
#: that box scrolls, not the page).
_WIDER_THAN_SCREEN = """
const root = document.documentElement, screen = Math.min(window.innerWidth, root.clientWidth);
if (root.scrollWidth <= screen) return null;
const clipped = e => { for (let a = e.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
  if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
  + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
const path = e => { const parts = []; for (let a = e; a && a !== document.body && parts.length < 4; a = a.parentElement)
  parts.unshift(name(a)); return parts.join(' > '); };
const out = Array.from(document.body.querySelectorAll('*'))
  .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width > 0 && r.right > screen + 0.5 && !clipped(e));
const sticking = new Set(out.map(([e]) => e));
const outermost = out.filter(([e]) => { for (let a = e.parentElement; a; a = a.parentElement) {
  if (sticking.has(a)) return false; } return true; });
return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, clientWidth: root.clientWidth,
        widest: outermost.sort((a, b) => b[1].right - a[1].right).slice(0, 5)
          .map(([e, r]) => `${path(e)} (right edge at ${Math.round(r.right)} px)`)};
"""


def wider_than_screen(driver) -> str | None:
    """None if the page is no wider than its viewport, else how wide it is and which elements stick out."""
    state = driver.execute_script(_WIDER_THAN_SCREEN)
    if state is None:
        return None
    return (f"{state['scrollWidth']} px wide in a {state['innerWidth']} px viewport ({state['clientWidth']} px "
            f"without the scroll bar); widest: {'; '.join(state['widest']) or 'none found'}")
