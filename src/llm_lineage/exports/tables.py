"""Two CSV tables for spreadsheets: ``nodes.csv`` (one model a row) and ``edges.csv``
(one derivation a row: parent, child, relation, note, source)."""

from __future__ import annotations

import csv
import io

from ..interface import LineageGraph
from .flat import EDGE_FIELDS, NODE_FIELDS, edge, node


def _csv(header: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _cell(value):
    return ("true" if value else "false") if isinstance(value, bool) else value


def render_files(G: LineageGraph) -> dict[str, bytes]:
    nodes = [{"id": n, **{k: _cell(v) for k, v in node(G.nodes[n]).items()}} for n in sorted(G)]
    edges = [{"parent": u, "child": v, **edge(G.edges[u, v])} for u, v in sorted(G.edges())]
    return {
        "nodes.csv": _csv(["id", *NODE_FIELDS], nodes),
        "edges.csv": _csv(["parent", "child", *EDGE_FIELDS], edges),
    }
