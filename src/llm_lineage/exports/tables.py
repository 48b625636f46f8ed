"""Two CSV tables for spreadsheets: ``nodes.csv`` (one model or concept a row) and ``edges.csv``
(one derivation or concept link a row: parent, child, kind, relation, since, note, source).

A cell that a spreadsheet would read as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a leading ``'``, as
OWASP advises, so opening the file never runs anything.
"""

from __future__ import annotations

import csv
from typing import Any
import io

from ..interface import LineageGraph
from . import items
from .flat import EDGE_FIELDS, NODE_FIELDS, edge, node

__all__ = ["render_files"]


def _csv(header: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


#: A cell a spreadsheet would run as a formula starts with one of these; such cells get a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def render_files(G: LineageGraph) -> dict[str, bytes]:
    nodes = [{"id": _cell(n), **{k: _cell(v) for k, v in node(attrs).items()}} for n, attrs in items.nodes(G)]
    edges = [{"parent": _cell(u), "child": _cell(v), **{k: _cell(x) for k, x in edge(attrs).items()}}
             for u, v, attrs in items.edges(G)]
    return {
        "nodes.csv": _csv(["id", *NODE_FIELDS], nodes),
        "edges.csv": _csv(["parent", "child", *EDGE_FIELDS], edges),
    }
