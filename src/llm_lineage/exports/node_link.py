"""JSON in networkx's node-link format.

Edge endpoints are named ``parent`` and ``child``, because every edge has an
attribute ``source`` (the URL that supports it) that networkx's default
endpoint key would overwrite. Read it back with
``networkx.node_link_graph(data, edges="edges", source="parent", target="child")``.
Values keep their JSON types: lists stay lists, missing values are ``null``.
"""

from __future__ import annotations

import json

import networkx as nx

from .flat import sorted_graph


def render(G: nx.DiGraph) -> bytes:
    data = nx.node_link_data(sorted_graph(G, flatten=False), edges="edges", source="parent", target="child")
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
