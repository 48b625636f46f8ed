"""Shared fixtures: the small hand-made dataset and the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest

from llm_lineage.graph import build_graph, load_graph
from llm_lineage.load import bundled_data_path, load_catalog

DATA = Path(__file__).parent / "data"
SMALL = DATA / "valid" / "small.json"


@pytest.fixture(scope="session")
def small_path() -> Path:
    return SMALL


@pytest.fixture(scope="session")
def small():
    """Seven models: alpha -> beta -> gamma -> delta -> epsilon -> zeta, and an unrelated omega."""
    return build_graph(load_catalog(SMALL))


@pytest.fixture(scope="session")
def bundled():
    return load_graph(bundled_data_path())
