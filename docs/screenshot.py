"""Make docs/explorer.png, the screenshot in the README, from the bundled data.

    python docs/screenshot.py

Uses Debian's chromium through Playwright, like the browser tests.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from llm_lineage.explorer import write_page
from llm_lineage.graph import load_graph

HERE = Path(__file__).resolve().parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


def main(out: Path = HERE / "explorer.png") -> None:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.update(HOME=scratch, XDG_CONFIG_HOME=scratch, XDG_CACHE_HOME=scratch)
        page_file = Path(scratch) / "lineage.html"
        write_page(load_graph(), page_file)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            # The page as a reader first sees it on a common laptop screen: no selection, English.
            page = browser.new_page(viewport={"width": 1366, "height": 768}, device_scale_factor=1, locale="en-US")
            page.goto(page_file.as_uri())
            page.wait_for_function("window.lineageDrawnAt !== undefined")
            page.wait_for_timeout(800)
            page.screenshot(path=str(out))
            browser.close()
    print(out)


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:]))
