"""JSON in networkx's node-link format, readable with ``networkx.node_link_graph``.

Values keep their JSON types: lists stay lists, missing values are ``null``.
"""

from __future__ import annotations

import json

import networkx as nx

from .flat import sorted_graph


def render(G: nx.DiGraph) -> bytes:
    data = nx.node_link_data(sorted_graph(G, flatten=False), edges="edges")
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
