"""Helpers for the report tests: serve a folder on loopback, start Debian's headless Chromium, list links.

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
