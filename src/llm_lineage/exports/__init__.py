"""Exports of the lineage graph: one module per format, imported only when used.

Every format carries the resolved values (an inherited objective, the year),
sorted so that the same data in any order gives byte-identical files.

>>> from llm_lineage.graph import example_graph
>>> print(render_bytes(example_graph(), "mermaid").decode())  # doctest: +NORMALIZE_WHITESPACE
flowchart LR
  m0["ALBERT<br/>2019"]
  m1["BERT<br/>2018"]
  m2["GPT-1<br/>2018"]
  m3["RoBERTa<br/>2019"]
  m4["Transformer<br/>2017"]
  m1 -.->|architecture| m0
  m1 -.->|architecture| m3
  m4 -.->|architecture| m1
  m4 -.->|architecture| m2
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..interface import LineageGraph


__all__ = ["FORMATS", "PUBLISHED", "render_bytes", "render_files", "default_path", "write", "published_files", "publish"]

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


def render_bytes(G: LineageGraph, fmt: str) -> bytes:
    """The file contents of ``G`` in a single-file format."""
    return _module(fmt).render(G)


def render_files(G: LineageGraph, fmt: str) -> dict[str, bytes]:
    """File name -> contents; one file for every format but csv."""
    module = _module(fmt)
    if hasattr(module, "render_files"):
        return module.render_files(G)
    return {f"lineage{FORMATS[fmt][1]}": module.render(G)}


def _pieces(G: LineageGraph, fmt: str):
    """The contents of a single-file format, streamed where the format allows it."""
    module = _module(fmt)
    return module.chunks(G) if hasattr(module, "chunks") else module.render(G)


def default_path(fmt: str, folder: Path) -> Path:
    return folder / ("lineage-csv" if fmt == "csv" else f"lineage{FORMATS[fmt][1]}")


def write(G: LineageGraph, fmt: str, out: Path) -> list[Path]:
    """Write ``G`` to ``out`` (a folder for csv) and return the files written.

    Each file is written to a temporary name (streamed where the format allows)
    and renamed into place only when complete; the two CSV tables appear together.
    """
    from ..output import ensure_folder, write_all

    if fmt == "csv":
        if out.exists() and not out.is_dir():
            from ..errors import OutputError

            raise OutputError(f"{out}: is a file; csv writes a folder of nodes.csv and edges.csv")
        files = render_files(G, fmt)
        ensure_folder(out)
        return write_all({out / name: data for name, data in files.items()})
    return write_all({out: _pieces(G, fmt)})


PUBLISHED = ("lineage.graphml", "lineage.json", "models.schema.json")


def _schema_bytes() -> bytes:
    import json

    from ..schema import dataset_json_schema

    return (json.dumps(dataset_json_schema(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def published_files(G: LineageGraph) -> dict[str, bytes]:
    """The files of the published ``graph/`` folder: GraphML, node-link JSON and the JSON Schema."""
    return {"lineage.graphml": render_bytes(G, "graphml"), "lineage.json": render_bytes(G, "json"),
            "models.schema.json": _schema_bytes()}


def publish(G: LineageGraph, folder: Path) -> list[Path]:
    """Write the published files into ``folder``, streamed, all replaced at once or none."""
    from ..output import write_all

    return write_all({folder / "lineage.graphml": _pieces(G, "graphml"), folder / "lineage.json": _pieces(G, "json"),
                      folder / "models.schema.json": _schema_bytes()})
