"""GEXF for Gephi. The writer's date stamp is left out so the file depends only on the data."""

from __future__ import annotations

import io

from networkx.readwrite.gexf import GEXFWriter

from ..interface import LineageGraph
from .flat import sorted_graph

__all__ = ["render"]


def render(G: LineageGraph) -> bytes:
    H = sorted_graph(G, flatten=True)
    for _, attrs in H.nodes(data=True):
        attrs["label"] = attrs["name"]
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = H.graph["generator"]
    writer.add_graph(H)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
