"""Flat attributes for formats that hold only scalars (GraphML, GEXF, CSV).

Lists are joined with ``"; "``, missing values are left out, and parameter
counts are written three ways so that nothing is lost in tools that read
integers as floats: ``parameters`` (exact integers, joined), ``parameters_text``
(``7B; 13B``) and ``parameters_max`` (the largest, an integer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..interface import LineageGraph
from ..units import format_size

if TYPE_CHECKING:
    import networkx as nx

SEP = "; "
NODE_FIELDS = ("name", "aliases", "organization", "released", "year", "parameters", "parameters_text",
               "parameters_max", "objective", "architecture", "open_weights", "description", "sources", "note")
EDGE_FIELDS = ("relation", "note", "source")


def node(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None or value == []:
            continue
        if key == "parameters":
            out["parameters"] = SEP.join(str(n) for n in value)
            out["parameters_text"] = SEP.join(format_size(n) for n in value)
            out["parameters_max"] = max(value)
        elif isinstance(value, list):
            out[key] = SEP.join(value)
        else:
            out[key] = value
    return {k: out[k] for k in NODE_FIELDS if k in out}


def edge(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: attrs[k] for k in EDGE_FIELDS if attrs.get(k) is not None}


def graph_attrs(G: LineageGraph) -> dict[str, Any]:
    from .. import __version__

    out = {"name": "llm-lineage", "generator": f"llm-lineage {__version__}",
           "models": G.number_of_nodes(), "derivations": G.number_of_edges()}
    if G.graph.get("version"):
        out["version"] = G.graph["version"]
    return out


def sorted_graph(G: LineageGraph, flatten: bool) -> nx.DiGraph:
    """A networkx copy with nodes and edges in sorted order, attributes flattened or not."""
    import networkx as nx

    H = nx.DiGraph()
    H.graph.update(graph_attrs(G))
    for n in sorted(G):
        H.add_node(n, **(node(G.nodes[n]) if flatten else dict(sorted(G.nodes[n].items()))))
    for u, v in sorted(G.edges()):
        H.add_edge(u, v, **(edge(G.edges[u, v]) if flatten else dict(sorted(G.edges[u, v].items()))))
    return H
