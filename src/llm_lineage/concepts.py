"""The ideas of the knowledge graph: what a concept is, where it came from, which models use it.

A model is linked to a concept in one of three ways: by a link of its own in
the dataset (``introduced``, ``uses``, ``trained-on``, ``evaluated-on``, each
with a source), by a relation that implies the technique (a ``distilled`` edge
uses knowledge distillation; see :data:`~llm_lineage.vocabulary.RELATION_CONCEPT`),
or by its pre-training objective (an ``MLM`` model uses masked language
modelling). The implied links are derived here, never written twice in the data.
"""

from __future__ import annotations

import weakref
from typing import Any

from .errors import UnknownModelError
from .interface import LineageGraph, release_key
from .names import name_index
from .vocabulary import OBJECTIVE_CONCEPT, RELATION_CONCEPT

__all__ = ["concept_ids", "resolve_concept", "models_of", "concepts_of_model", "describe_concept", "LINK_ORDER"]

#: The order in which a concept's models are listed.
LINK_ORDER = ("introduced", "uses", "trained-on", "evaluated-on")


def _concepts(G: LineageGraph) -> dict[str, dict[str, Any]]:
    return G.graph.get("concepts") or {}


def concept_ids(G: LineageGraph) -> list[str]:
    """Every concept id, by date introduced."""
    concepts = _concepts(G)
    return sorted(concepts, key=lambda c: (concepts[c]["introduced"], concepts[c]["name"], c))


def resolve_concept(G: LineageGraph, name: str) -> str:
    """The id of the concept called ``name`` (id, name or alias, compared loosely)."""
    concepts = _concepts(G)
    if name in concepts:
        return name
    found = name_index(G).find(name)
    if found is not None and found.kind == "concept":
        return found.id
    import difflib

    labels = {}
    for cid, c in concepts.items():
        for label in (c["name"], *c.get("aliases", ())):
            labels.setdefault(label.casefold(), c["name"])
    close = difflib.get_close_matches(name.casefold()[:200], list(labels), n=3, cutoff=0.6)
    hint = None
    if found is not None and found.kind == "model":
        hint = f"{G.nodes[found.id]['name']} is a model; `lineage show {found.id}` shows it and its concepts"
    raise UnknownModelError(name, list(dict.fromkeys(labels[c] for c in close)), hint=hint, what="concept")


_INDEXES: weakref.WeakKeyDictionary[Any, tuple[int, dict[str, dict[str, list[tuple[str, dict[str, Any]]]]]]] = (
    weakref.WeakKeyDictionary())


def _index(G: LineageGraph) -> dict[str, dict[str, list[tuple[str, dict[str, Any]]]]]:
    """Every concept's models by link, built in one pass over the models and edges (once per graph)."""
    cached = _INDEXES.get(G)
    if cached is not None and cached[0] == len(G):
        return cached[1]
    concepts = _concepts(G)
    out: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
    explicit: dict[str, set[str]] = {}
    implied: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    wanted_relations = {r: c for r, c in RELATION_CONCEPT.items() if c in concepts}
    wanted_objectives = {o: c for o, c in OBJECTIVE_CONCEPT.items() if c in concepts}
    for node, attrs in G.nodes(data=True):
        for link in attrs.get("concepts") or ():
            out.setdefault(link["concept"], {}).setdefault(link["relation"], []).append(
                (node, {**link, "implied_by": None}))
            explicit.setdefault(link["concept"], set()).add(node)
        concept = wanted_objectives.get(attrs.get("objective") or "")
        if concept is not None:
            implied.setdefault(concept, []).append((node, {
                "relation": "uses", "source": attrs["sources"][0], "note": None,
                "implied_by": f"objective {attrs['objective']}"}))
    if wanted_relations:
        for parent, child, attrs in G.edges(data=True):
            concept = wanted_relations.get(attrs["relation"])
            if concept is not None:
                implied.setdefault(concept, []).append((child, {
                    "relation": "uses", "source": attrs["source"], "note": None,
                    "implied_by": f"{attrs['relation']} edge from {G.nodes[parent]['name']}"}))
    for concept, links in implied.items():
        seen = explicit.setdefault(concept, set())
        kept = []
        for node, link in sorted(links, key=lambda item: (release_key(G, item[0]), item[1]["implied_by"])):
            if node not in seen:
                seen.add(node)
                kept.append((node, link))
        out.setdefault(concept, {}).setdefault("uses", []).extend(kept)
    for by_relation in out.values():
        for links in by_relation.values():
            links.sort(key=lambda item: release_key(G, item[0]))
    _INDEXES[G] = (len(G), out)
    return out


def models_of(G: LineageGraph, concept: str) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The models linked to ``concept``, by link: ``{relation: [(model id, link), ...]}`` in release order.

    A link is ``{"relation", "source", "note", "implied_by"}``; ``implied_by``
    is None for a link of the dataset, else the relation or objective that
    implies it (its ``source`` is then the edge's, or the model's first source).
    """
    found = _index(G).get(concept, {})
    return {r: list(found[r]) for r in LINK_ORDER if r in found}


def concepts_of_model(G: LineageGraph, model: str) -> list[dict[str, Any]]:
    """The concepts a model is linked to: its own links, then those its relations and objective imply."""
    concepts = _concepts(G)
    out = []
    seen = set()
    for link in G.nodes[model].get("concepts") or ():
        concept = concepts.get(link["concept"], {})
        seen.add(link["concept"])
        out.append({"id": link["concept"], "name": concept.get("name", link["concept"]), "kind": concept.get("kind"),
                    "relation": link["relation"], "source": link["source"], "note": link.get("note"),
                    "implied_by": None})
    for parent, attrs in G.pred[model].items():
        cid = RELATION_CONCEPT.get(attrs["relation"])
        if cid in concepts and cid not in seen:
            seen.add(cid)
            out.append({"id": cid, "name": concepts[cid]["name"], "kind": concepts[cid]["kind"], "relation": "uses",
                        "source": attrs["source"], "note": None,
                        "implied_by": f"{attrs['relation']} edge from {G.nodes[parent]['name']}"})
    cid = OBJECTIVE_CONCEPT.get(G.nodes[model].get("objective") or "")
    if cid in concepts and cid not in seen:
        out.append({"id": cid, "name": concepts[cid]["name"], "kind": concepts[cid]["kind"], "relation": "uses",
                    "source": G.nodes[model]["sources"][0], "note": None,
                    "implied_by": f"objective {G.nodes[model]['objective']}"})
    return out


def describe_concept(G: LineageGraph, concept: str) -> dict[str, Any]:
    """A concept as ``lineage concept`` shows it: its facts, the ideas around it, and its models."""
    concepts = _concepts(G)
    record = dict(concepts[concept])
    record["derived_from"] = [
        {"id": d["concept"], "name": concepts[d["concept"]]["name"], "relation": d["relation"],
         "source": d["source"], "note": d.get("note")}
        for d in record.get("derived_from") or () if d["concept"] in concepts
    ]
    record["derived"] = sorted(
        ({"id": cid, "name": c["name"], "relation": d["relation"]}
         for cid, c in concepts.items() for d in c.get("derived_from") or () if d["concept"] == concept),
        key=lambda d: (concepts[d["id"]]["introduced"], d["name"]),
    )
    record["models"] = {
        relation: [{"id": m, "name": G.nodes[m]["name"], "released": G.nodes[m]["released"], **link}
                   for m, link in links]
        for relation, links in models_of(G, concept).items()
    }
    return record
