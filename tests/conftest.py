"""Shared fixtures: the small hand-made dataset and the bundled one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests never touch the user's cache of validated datasets.
os.environ["LINEAGE_CACHE_DIR"] = tempfile.mkdtemp(prefix="lineage-test-cache-")

# In CI the random examples are the same on every run, so a red build can be rerun and
# reproduced; locally they vary, to find more.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from llm_lineage.graph import build_graph, load_graph  # noqa: E402
from llm_lineage.lightgraph import LightGraph  # noqa: E402
from llm_lineage.load import bundled_data_path, load_catalog  # noqa: E402

DATA = Path(__file__).parent / "data"
SMALL = DATA / "valid" / "small.json"


@pytest.fixture(scope="session")
def small_path() -> Path:
    return SMALL


@pytest.fixture(scope="session", params=["networkx", "light"])
def small(request):
    """Seven models: alpha -> beta -> gamma -> delta -> epsilon -> zeta, and an unrelated omega.

    Every test that uses it runs twice: on a networkx DiGraph and on the
    LightGraph the query commands use, which must answer the same.
    """
    catalog = load_catalog(SMALL)
    if request.param == "networkx":
        return build_graph(catalog)
    return LightGraph(catalog.models, name="llm-lineage", version=catalog.version)


@pytest.fixture(scope="session")
def bundled():
    return load_graph(bundled_data_path())


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Debian's Chromium driven by Playwright. In CI a missing browser fails the tests; elsewhere it skips them."""
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "playwright is not installed (pip install -e '.[test]')"
    if missing is None and not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} is missing (apt-get install chromium)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {missing}")
        pytest.skip(missing)
    # Chromium gets a home of its own through its environment; the tests' environment is untouched.
    home = str(tmp_path_factory.mktemp("chromium-home"))
    env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home}
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, env=env)
        yield chromium
        chromium.close()
