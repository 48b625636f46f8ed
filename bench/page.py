"""How fast the explorer page is written and drawn.

    python bench/page.py

For the bundled data and synthetic graphs of 500 and 5000 models: the time to
build and write the page, and the time until Chromium has drawn it (from the
start of navigation to vis-network's first drawing), as the median of
several runs. Goal on the project's 2-core machines: bundled data drawn in
under 1 s, 5000 models in under 3 s.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ensure  # noqa: E402

from llm_lineage.explorer import write_page  # noqa: E402
from llm_lineage.graph import load_graph  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
RUNS = 5


def main() -> None:
    cases = [("bundled", None), ("synthetic 500", ensure(500)), ("synthetic 5000", ensure(5000))]
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.update(HOME=scratch, XDG_CONFIG_HOME=scratch, XDG_CACHE_HOME=scratch)
        print(f"{'dataset':<16} {'models':>7} {'write page':>11} {'page size':>10} {'drawn after':>12}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for label, data in cases:
                G = load_graph(data)
                out = Path(scratch) / "page.html"
                writes, draws = [], []
                for _ in range(RUNS):
                    start = time.perf_counter()
                    write_page(G, out)
                    writes.append(time.perf_counter() - start)
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    page.goto(out.as_uri())
                    page.wait_for_function("window.lineageDrawnAt !== undefined", timeout=60_000)
                    draws.append(page.evaluate("window.lineageDrawnAt") / 1000)
                    page.close()
                size = out.stat().st_size / 1e6
                print(f"{label:<16} {len(G):>7} {statistics.median(writes):>10.2f}s {size:>8.1f}MB "
                      f"{statistics.median(draws):>11.2f}s")
            browser.close()


if __name__ == "__main__":
    main()
