"""GraphML for Gephi, Cytoscape, yEd, igraph and networkx.

networkx's writer refuses None, lists and dicts, and gives one key per
attribute name and type; flattening first keeps one type per key (duplicate
``attr.name`` keys make igraph refuse the file). Node ids are model ids; a
``label`` attribute repeats the display name for tools that look for it.
"""

from __future__ import annotations

import networkx as nx

from .flat import sorted_graph


def render(G: nx.DiGraph) -> bytes:
    H = sorted_graph(G, flatten=True)
    for n, attrs in H.nodes(data=True):
        attrs["label"] = attrs["name"]
    text = "\n".join(nx.generate_graphml(H, encoding="utf-8", prettyprint=True, named_key_ids=False))
    return (text + "\n").encode("utf-8")
