"""What every export holds: models and concepts as nodes, derivations and concept links as edges.

Nodes are sorted by id (models and concepts share one id space) and edges by
their two ends, so the same data in any order gives the same file. A node's
``kind`` is ``model`` or the concept's kind (``technique``, ``benchmark``...);
an edge's ``kind`` is ``derivation`` (parent -> child, with the derivation's
``relation``), ``concept-link`` (concept -> model: ``introduced``, ``uses``,
``trained-on``, ``evaluated-on``) or ``concept-relation`` (earlier concept ->
later one: ``builds-on``, ``part-of``, ``instance-of``). Every edge points from
the earlier thing to what came of it.

A subgraph exports the concepts its models link to (and the links among
those concepts); the whole graph exports every concept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..interface import LineageGraph

__all__ = ["nodes", "edges", "concepts_of", "counts"]


def concepts_of(G: LineageGraph) -> dict[str, dict[str, Any]]:
    """The concepts an export of ``G`` carries: all of them for the whole dataset, else those linked."""
    concepts: dict[str, dict[str, Any]] = G.graph.get("concepts") or {}
    if not concepts:
        return {}
    if len(G) == G.graph.get("size", len(G)):  # the whole dataset, not a part of it
        return concepts
    linked = {link["concept"] for n in G for link in G.nodes[n].get("concepts") or ()}
    return {cid: concepts[cid] for cid in sorted(linked) if cid in concepts}


def nodes(G: LineageGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(id, attributes)`` of every node, sorted by id; models without their ``concepts`` list."""
    concepts = concepts_of(G)
    ids = sorted([*G, *concepts])
    for n in ids:
        if n in concepts:
            attrs = {k: v for k, v in concepts[n].items() if k not in ("id", "derived_from")}
            yield n, attrs
        else:
            attrs = {k: v for k, v in G.nodes[n].items() if k != "concepts"}
            attrs["kind"] = "model"
            yield n, attrs


def edges(G: LineageGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(from, to, attributes)`` of every edge, sorted by its ends."""
    concepts = concepts_of(G)
    out: list[tuple[str, str, dict[str, Any]]] = []
    for u, v in G.edges():
        attrs = dict(G.edges[u, v])
        if attrs.get("since") is None:
            attrs.pop("since", None)
        out.append((u, v, {"kind": "derivation", **attrs}))
    for n in G:
        for link in G.nodes[n].get("concepts") or ():
            if link["concept"] in concepts:
                out.append((link["concept"], n, {"kind": "concept-link", "relation": link["relation"],
                                                 "note": link.get("note"), "source": link["source"]}))
    for cid, concept in concepts.items():
        for d in concept.get("derived_from") or ():
            if d["concept"] in concepts:
                out.append((d["concept"], cid, {"kind": "concept-relation", "relation": d["relation"],
                                                "note": d.get("note"), "source": d["source"]}))
    out.sort(key=lambda e: (e[0], e[1], e[2]["relation"]))
    return iter(out)


def counts(G: LineageGraph) -> dict[str, int]:
    concepts = concepts_of(G)
    links = sum(1 for n in G for link in G.nodes[n].get("concepts") or () if link["concept"] in concepts)
    return {"models": G.number_of_nodes(), "derivations": G.number_of_edges(), "concepts": len(concepts),
            "concept_links": links}
