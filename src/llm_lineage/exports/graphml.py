"""GraphML for Gephi, Cytoscape, yEd, igraph and networkx.

Written as a stream, one node or edge at a time, so time and memory grow
linearly with the graph (networkx's writer builds the whole XML tree first).
Values are flattened first (see :mod:`.flat`): one type per attribute, since
duplicate ``attr.name`` keys make igraph refuse a file. Integers are ``long``,
booleans ``boolean``, the rest ``string``. Node ids are model ids; a ``label``
attribute repeats the display name for tools that look for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..interface import LineageGraph
from .flat import EDGE_FIELDS, NODE_FIELDS, edge, graph_attrs, node

HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
NODE_KEYS = (*NODE_FIELDS, "label")


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _node_attrs(G: LineageGraph, n: str) -> dict[str, Any]:
    attrs = node(G.nodes[n])
    attrs["label"] = attrs["name"]
    return attrs


def chunks(G: LineageGraph) -> Iterator[bytes]:
    """The file, in pieces: header, keys, then one node or edge at a time."""
    nodes = sorted(G)
    edges = sorted(G.edges())
    # Declare each key once, with the type its values have (the same for every node).
    node_types: dict[str, str] = {}
    for n in nodes:
        for k, v in _node_attrs(G, n).items():
            node_types.setdefault(k, _type(v))
    edge_types: dict[str, str] = {}
    for u, v in edges:
        for k, value in edge(G.edges[u, v]).items():
            edge_types.setdefault(k, _type(value))
    meta = graph_attrs(G)
    ids: dict[tuple[str, str], str] = {}
    out = [HEADER]
    for kind, names, types in (("graph", sorted(meta), {k: _type(v) for k, v in meta.items()}),
                               ("node", [k for k in NODE_KEYS if k in node_types], node_types),
                               ("edge", [k for k in EDGE_FIELDS if k in edge_types], edge_types)):
        for name in names:
            ids[kind, name] = f"d{len(ids)}"
            out.append(f'  <key id="{ids[kind, name]}" for="{kind}" attr.name="{name}" attr.type="{types[name]}" />\n')
    out.append('  <graph edgedefault="directed">\n')
    out.extend(f'    <data key="{ids["graph", k]}">{_text(meta[k])}</data>\n' for k in sorted(meta))
    yield "".join(out).encode("utf-8")

    for n in nodes:
        attrs = _node_attrs(G, n)
        parts = [f"    <node id={quoteattr(n)}>\n"]
        parts.extend(f'      <data key="{ids["node", k]}">{_text(attrs[k])}</data>\n' for k in NODE_KEYS if k in attrs)
        parts.append("    </node>\n")
        yield "".join(parts).encode("utf-8")
    for u, v in edges:
        attrs = edge(G.edges[u, v])
        parts = [f"    <edge source={quoteattr(u)} target={quoteattr(v)}>\n"]
        parts.extend(f'      <data key="{ids["edge", k]}">{_text(attrs[k])}</data>\n' for k in EDGE_FIELDS if k in attrs)
        parts.append("    </edge>\n")
        yield "".join(parts).encode("utf-8")
    yield b"  </graph>\n</graphml>\n"


def render(G: LineageGraph) -> bytes:
    return b"".join(chunks(G))
