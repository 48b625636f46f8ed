"""Exports of the lineage graph: one module per format, imported only when used.

Every format carries the resolved values (an inherited objective, the year),
sorted so that the same data in any order gives byte-identical files.

>>> from llm_lineage.graph import load_graph
>>> text = render(load_graph(), "mermaid").decode()
>>> text.splitlines()[0]
'flowchart LR'
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

#: format name -> (module, file extension); csv writes a folder.
FORMATS: dict[str, tuple[str, str]] = {
    "graphml": ("graphml", ".graphml"),
    "json": ("node_link", ".json"),
    "csv": ("tables", ""),
    "mermaid": ("mermaid", ".mmd"),
    "dot": ("dot", ".dot"),
    "gexf": ("gexf", ".gexf"),
}


def _module(fmt: str):
    return importlib.import_module(f".{FORMATS[fmt][0]}", __name__)


def render(G: nx.DiGraph, fmt: str) -> bytes:
    """The file contents of ``G`` in a single-file format."""
    return _module(fmt).render(G)


def render_files(G: nx.DiGraph, fmt: str) -> dict[str, bytes]:
    """File name -> contents; one file for every format but csv."""
    module = _module(fmt)
    if hasattr(module, "render_files"):
        return module.render_files(G)
    return {f"lineage{FORMATS[fmt][1]}": module.render(G)}


def _pieces(G: nx.DiGraph, fmt: str):
    """The contents of a single-file format, streamed where the format allows it."""
    module = _module(fmt)
    return module.chunks(G) if hasattr(module, "chunks") else module.render(G)


def default_path(fmt: str, folder: Path) -> Path:
    return folder / ("lineage-csv" if fmt == "csv" else f"lineage{FORMATS[fmt][1]}")


def write(G: nx.DiGraph, fmt: str, out: Path) -> list[Path]:
    """Write ``G`` to ``out`` (a folder for csv) and return the files written.

    Each file is written to a temporary name (streamed where the format allows)
    and renamed into place only when complete.
    """
    from ..output import ensure_folder, write_atomic

    if fmt == "csv":
        files = render_files(G, fmt)
        if out.exists() and not out.is_dir():
            from ..errors import OutputError

            raise OutputError(f"{out}: is a file; csv writes a folder of nodes.csv and edges.csv")
        ensure_folder(out)
        return [write_atomic(out / name, data) for name, data in files.items()]
    return [write_atomic(out, _pieces(G, fmt))]



PUBLISHED = ("lineage.graphml", "lineage.json", "models.schema.json")


def published_files(G: nx.DiGraph) -> dict[str, bytes]:
    """The files of the published ``graph/`` folder: GraphML, node-link JSON and the JSON Schema."""
    import json

    from ..schema import dataset_json_schema

    schema = json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False) + "\n"
    return {
        "lineage.graphml": render(G, "graphml"),
        "lineage.json": render(G, "json"),
        "models.schema.json": schema.encode("utf-8"),
    }


def publish(G: nx.DiGraph, folder: Path) -> list[Path]:
    """Write the published files into ``folder``."""
    from ..output import write_atomic

    return [write_atomic(folder / name, data) for name, data in published_files(G).items()]
