"""Flat attributes for formats that hold only scalars (GraphML, GEXF, CSV).

Lists are joined with ``"; "`` (no list item may contain it, see the schema),
missing values are left out, and parameter counts are written three ways so
that nothing is lost in tools that read integers as floats: ``parameters``
(exact integers, joined), ``parameters_text`` (``7B; 13B``) and
``parameters_max`` (the largest, an integer); mixture-of-experts models add
``active_parameters`` (``235B:22B; 30B:3B``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..interface import LineageGraph
from ..units import format_size
from . import items

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SEP", "NODE_FIELDS", "EDGE_FIELDS", "node", "edge", "graph_attrs", "sorted_graph"]

SEP = "; "
NODE_FIELDS = ("kind", "name", "aliases", "family", "organization", "released", "introduced", "year", "parameters",
               "parameters_text", "parameters_max", "active_parameters", "objective", "architecture",
               "open_weights", "huggingface", "description", "description_ko", "sources", "note")
EDGE_FIELDS = ("kind", "relation", "since", "note", "source")


def node(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None or value == [] or key not in NODE_FIELDS:
            continue
        if key == "parameters":
            out["parameters"] = SEP.join(str(n) for n in value)
            out["parameters_text"] = SEP.join(format_size(n) for n in value)
            out["parameters_max"] = max(value)
        elif key == "active_parameters":
            out[key] = SEP.join(f"{format_size(total)}:{format_size(used)}" for total, used in value)
        elif isinstance(value, list):
            out[key] = SEP.join(value)
        else:
            out[key] = value
    return {k: out[k] for k in NODE_FIELDS if k in out}


def edge(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: attrs[k] for k in EDGE_FIELDS if attrs.get(k) is not None}


def graph_attrs(G: LineageGraph) -> dict[str, Any]:
    from .. import __version__

    out: dict[str, Any] = {"name": "llm-lineage", "generator": f"llm-lineage {__version__}", **items.counts(G)}
    for key in ("version", "as_of"):
        if G.graph.get(key):
            out[key] = G.graph[key]
    return out


def sorted_graph(G: LineageGraph, flatten: bool) -> nx.DiGraph:
    """A networkx copy with models and concepts, nodes and edges in sorted order, attributes flattened or not."""
    import networkx as nx

    H = nx.DiGraph()
    H.graph.update(graph_attrs(G))
    for n, attrs in items.nodes(G):
        H.add_node(n, **(node(attrs) if flatten else dict(sorted(attrs.items()))))
    for u, v, attrs in items.edges(G):
        H.add_edge(u, v, **(edge(attrs) if flatten else dict(sorted(attrs.items()))))
    return H
