"""GraphML for Gephi, Cytoscape, yEd, igraph and networkx.

Written as a stream, one node or edge at a time, so time and memory grow
linearly with the graph (networkx's writer builds the whole XML tree first).
Values are flattened first (see :mod:`.flat`): one type per attribute, since
duplicate ``attr.name`` keys make igraph refuse a file. Integers are ``long``,
booleans ``boolean``, the rest ``string``; every key is declared. Node ids are
model and concept ids (``kind`` tells them apart); a ``label`` attribute
repeats the display name for tools that look for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..interface import LineageGraph
from . import items
from .flat import EDGE_FIELDS, NODE_FIELDS, edge, graph_attrs, node

__all__ = ["chunks", "render"]

HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
NODE_KEYS = (*NODE_FIELDS, "label")


#: The type of every attribute: integers are 64-bit (``long``): GPT-3's 175B does not fit an ``int``.
TYPES = {"year": "long", "parameters_max": "long", "open_weights": "boolean", "models": "long",
         "derivations": "long", "concepts": "long", "concept_links": "long"}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # XML readers turn a raw carriage return into a newline: write it as a reference.
    return escape(str(value), {"\r": "&#13;"})


def chunks(G: LineageGraph) -> Iterator[bytes]:
    """The file, in pieces: header, keys, then one node or edge at a time (one pass, linear)."""
    meta = graph_attrs(G)
    ids: dict[tuple[str, str], str] = {}
    out = [HEADER]
    for kind, names in (("graph", sorted(meta)), ("node", NODE_KEYS), ("edge", EDGE_FIELDS)):
        for name in names:
            ids[kind, name] = f"d{len(ids)}"
            out.append(f'  <key id="{ids[kind, name]}" for="{kind}" attr.name="{name}" '
                       f'attr.type="{TYPES.get(name, "string")}" />\n')
    out.append('  <graph edgedefault="directed">\n')
    out.extend(f'    <data key="{ids["graph", k]}">{_text(meta[k])}</data>\n' for k in sorted(meta))
    yield "".join(out).encode("utf-8")

    for n, raw in items.nodes(G):
        attrs = node(raw)
        attrs["label"] = attrs["name"]
        parts = [f"    <node id={quoteattr(n)}>\n"]
        parts.extend(f'      <data key="{ids["node", k]}">{_text(attrs[k])}</data>\n' for k in NODE_KEYS if k in attrs)
        parts.append("    </node>\n")
        yield "".join(parts).encode("utf-8")
    for u, v, raw in items.edges(G):
        attrs = edge(raw)
        parts = [f"    <edge source={quoteattr(u)} target={quoteattr(v)}>\n"]
        parts.extend(f'      <data key="{ids["edge", k]}">{_text(attrs[k])}</data>\n' for k in EDGE_FIELDS if k in attrs)
        parts.append("    </edge>\n")
        yield "".join(parts).encode("utf-8")
    yield b"  </graph>\n</graphml>\n"


def render(G: LineageGraph) -> bytes:
    return b"".join(chunks(G))
