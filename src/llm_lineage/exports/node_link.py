"""JSON in networkx's node-link format.

Models and concepts are nodes (``kind`` tells them apart), derivations and
concept links are edges (see :mod:`.items`). Edge endpoints are named
``parent`` and ``child``, because every edge has an attribute ``source`` (the
URL that supports it) that networkx's default endpoint key would overwrite. Read it back with
``networkx.node_link_graph(data, edges="edges", source="parent", target="child")``.
Values keep their JSON types: lists stay lists, missing values are ``null``.

The file is written one node or edge at a time; the bytes are exactly those of
``json.dumps(networkx.node_link_data(...), indent=2, sort_keys=True)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..interface import LineageGraph
from . import items
from .flat import graph_attrs

__all__ = ["chunks", "render"]


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def _array(items: Iterable[Any]) -> Iterator[str]:
    first = True
    for item in items:
        yield ("[\n    " if first else ",\n    ") + _dump(item).replace("\n", "\n    ")
        first = False
    yield "[]" if first else "\n  ]"


def chunks(G: LineageGraph) -> Iterator[bytes]:
    nodes = ({"id": n, **attrs} for n, attrs in items.nodes(G))
    edges = ({"child": v, "parent": u, **attrs} for u, v, attrs in items.edges(G))
    yield b'{\n  "directed": true,\n  "edges": '
    for piece in _array(edges):
        yield piece.encode("utf-8")
    graph = _dump(graph_attrs(G)).replace("\n", "\n  ")
    yield f',\n  "graph": {graph},\n  "multigraph": false,\n  "nodes": '.encode("utf-8")
    for piece in _array(nodes):
        yield piece.encode("utf-8")
    yield b"\n}\n"


def render(G: LineageGraph) -> bytes:
    return b"".join(chunks(G))
