"""llm-lineage: a curated, cited knowledge graph of language-model lineage.

>>> from llm_lineage import ancestors, example_graph, resolve
>>> G = example_graph()  # or load_graph(): the bundled dataset, as a networkx.DiGraph
>>> [G.nodes[h.id]["name"] for h in ancestors(G, resolve(G, "roberta"))]
['BERT', 'Transformer']

The names below are imported on first use, so ``import llm_lineage`` is cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "LineageError": "errors",
    "DataFileError": "errors",
    "DatasetError": "errors",
    "UnknownModelError": "errors",
    "OutputError": "errors",
    "Catalog": "load",
    "load_catalog": "load",
    "build_graph": "graph",
    "example_graph": "graph",
    "load_light_graph": "graph",
    "subgraph": "graph",
    "LineageGraph": "interface",
    "release_key": "interface",
    "load_graph": "graph",
    "ancestors": "graph",
    "descendants": "graph",
    "parents": "graph",
    "children": "graph",
    "lineage_path": "graph",
    "common_ancestors": "graph",
    "tree": "graph",
    "select": "graph",
    "search": "graph",
    "stats": "graph",
    "describe": "graph",
    "resolve": "names",
    "normalize": "names",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
