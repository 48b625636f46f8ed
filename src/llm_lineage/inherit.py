"""Resolving inherited facts: validated entries become the plain records every reader uses.

An omitted objective or architecture is taken from the one parent whose weights
the model starts from, following the chain as far as needed; a product takes
them from the model it launched on (its product edge with the earliest
``since``); its later models are listed with their dates. Sizes become ints, active sizes ``[total, active]`` pairs, and each
record gains its ``year``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .vocabulary import WEIGHT_RELATIONS

if TYPE_CHECKING:
    from .schema import ConceptEntry, ModelEntry

__all__ = ["resolve_records", "concept_records", "source_of_facts"]


def source_of_facts(entry: ModelEntry) -> str | None:
    """The parent an entry inherits an omitted objective or architecture from, if any."""
    weight = [d for d in entry.derived_from if str(d.relation) in WEIGHT_RELATIONS]
    if len(weight) == 1:
        return weight[0].model
    products = [d for d in entry.derived_from if str(d.relation) == "product"]
    if products and not weight:
        # The model it launched on: the earliest `since` (an edge without one dates from the launch).
        return min(products, key=lambda d: tuple(int(p) for p in (d.since or "0").split("-"))).model
    return None


def resolve_records(entries: list[ModelEntry]) -> list[dict[str, Any]]:
    """Plain records with inherited objective and architecture filled in."""
    by_id = {e.id: e for e in entries}
    resolved: dict[str, tuple[str | None, str | None]] = {}
    for entry in entries:
        # Follow the chain of parents that facts come from, up to an entry that states them.
        chain = []
        node: ModelEntry | None = entry
        while node is not None and node.id not in resolved:
            chain.append(node)
            if not (node.inherits_objective or node.inherits_architecture):
                break
            up = source_of_facts(node)
            node = by_id.get(up) if up else None
        for item in reversed(chain):
            up = source_of_facts(item)
            inherited = resolved.get(up, (None, None)) if up else (None, None)
            objective = inherited[0] if item.inherits_objective else (item.objective and str(item.objective))
            architecture = inherited[1] if item.inherits_architecture else (
                item.architecture and str(item.architecture)
            )
            resolved[item.id] = (objective, architecture)

    records = []
    for e in entries:
        objective, architecture = resolved[e.id]
        records.append({
            "id": e.id, "name": e.name, "aliases": list(e.aliases), "family": e.family,
            "organization": list(e.organization), "released": e.released, "year": int(e.released[:4]),
            "parameters": list(e.parameters) if e.parameters is not None else None,
            "active_parameters": [[total, used] for total, used in e.active_parameters.items()]
            if e.active_parameters else None,
            "objective": objective, "architecture": architecture, "open_weights": e.open_weights,
            "huggingface": list(e.huggingface), "description": e.description,
            "description_ko": e.description_ko, "sources": list(e.sources), "note": e.note,
            "concepts": [
                {"concept": c.concept, "relation": str(c.relation), "source": c.source, "note": c.note}
                for c in e.concepts
            ],
            "derived_from": [
                {"model": d.model, "relation": str(d.relation), "note": d.note, "source": d.source,
                 "since": d.since}
                for d in e.derived_from
            ],
        })
    return records


def concept_records(entries: list[ConceptEntry]) -> list[dict[str, Any]]:
    """Plain records of concepts, with the year they were introduced."""
    return [
        {
            "id": c.id, "name": c.name, "aliases": list(c.aliases), "kind": str(c.kind),
            "introduced": c.introduced, "year": int(c.introduced[:4]), "organization": list(c.organization),
            "description": c.description, "description_ko": c.description_ko, "sources": list(c.sources),
            "note": c.note,
            "derived_from": [
                {"concept": d.concept, "relation": str(d.relation), "source": d.source, "note": d.note}
                for d in c.derived_from
            ],
        }
        for c in entries
    ]
