"""Resolving inherited facts: validated entries become the plain records every reader uses.

An omitted objective or architecture is taken from the one parent whose weights
the model starts from, following the chain as far as needed; sizes become ints
and each record gains its ``year``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .vocabulary import WEIGHT_RELATIONS

if TYPE_CHECKING:
    from .schema import ModelEntry

__all__ = ["resolve_records"]


def resolve_records(entries: list[ModelEntry]) -> list[dict[str, Any]]:
    """Plain records with inherited objective and architecture filled in."""
    by_id = {e.id: e for e in entries}
    resolved: dict[str, tuple[str | None, str | None]] = {}
    for entry in entries:
        # Follow the chain of weight parents up to an entry that states the value.
        chain = []
        node: ModelEntry | None = entry
        while node is not None and node.id not in resolved:
            chain.append(node)
            if not (node.inherits_objective or node.inherits_architecture):
                break
            weight = [d for d in node.derived_from if d.relation in WEIGHT_RELATIONS]
            node = by_id.get(weight[0].model) if len(weight) == 1 else None
        for item in reversed(chain):
            weight = [d for d in item.derived_from if d.relation in WEIGHT_RELATIONS]
            up = resolved.get(weight[0].model, (None, None)) if len(weight) == 1 else (None, None)
            objective = up[0] if item.inherits_objective else (item.objective and str(item.objective))
            architecture = up[1] if item.inherits_architecture else (
                item.architecture and str(item.architecture)
            )
            resolved[item.id] = (objective, architecture)

    records = []
    for e in entries:
        objective, architecture = resolved[e.id]
        records.append({
            "id": e.id, "name": e.name, "aliases": list(e.aliases), "organization": list(e.organization),
            "released": e.released, "parameters": list(e.parameters) if e.parameters is not None else None,
            "objective": objective, "architecture": architecture, "open_weights": e.open_weights,
            "description": e.description, "sources": list(e.sources), "note": e.note,
            "year": int(e.released[:4]),
            "derived_from": [
                {"model": d.model, "relation": str(d.relation), "note": d.note, "source": d.source,
                 "since": getattr(d, "since", None)}
                for d in e.derived_from
            ],
        })
    return records
