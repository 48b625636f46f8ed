"""Resolving inherited facts: validated entries become the plain records every reader uses.

An omitted objective or architecture is taken from the one parent whose weights
the model starts from, following the chain as far as needed; a product takes
them from the model it launched on (its product edge with the earliest
``since``); its later models are listed with their dates. Every field is
filled in (a missing list is empty, a missing value None), active sizes become
``[total, active]`` pairs, and each record gains its ``year``.

The validated entries are plain dicts made for this load, so they are completed
in place rather than copied: a million entries cost no second million.
"""

from __future__ import annotations

from typing import Any

from .vocabulary import WEIGHT_RELATIONS

__all__ = ["resolve_records", "concept_records", "source_of_facts"]

_OPTIONAL_LISTS = ("aliases", "huggingface", "derived_from", "concepts")
_OPTIONAL_VALUES = ("family", "active_parameters", "description_ko", "note")


def source_of_facts(entry: dict[str, Any]) -> str | None:
    """The parent an entry inherits an omitted objective or architecture from, if any."""
    derived = entry.get("derived_from") or ()
    weight = [d for d in derived if d["relation"] in WEIGHT_RELATIONS]
    if len(weight) == 1:
        return weight[0]["model"]
    products = [d for d in derived if d["relation"] == "product"]
    if products and not weight:
        # The model it launched on: the earliest `since` (an edge without one dates from the launch).
        return min(products, key=lambda d: d.get("since") or "").get("model")
    return None


def resolve_records(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries completed in place, with inherited objective and architecture filled in."""
    by_id = {e["id"]: e for e in entries}
    resolved: dict[str, tuple[str | None, str | None]] = {}
    for entry in entries:
        if entry["id"] in resolved:
            continue
        # Follow the chain of parents that facts come from, up to an entry that states them.
        chain = []
        node: dict[str, Any] | None = entry
        while node is not None and node["id"] not in resolved:
            chain.append(node)
            if "objective" in node and "architecture" in node:
                break
            up = source_of_facts(node)
            node = by_id.get(up) if up else None
        for item in reversed(chain):
            has_objective, has_architecture = "objective" in item, "architecture" in item
            if has_objective and has_architecture:
                inherited: tuple[str | None, str | None] = (None, None)
            else:
                up = source_of_facts(item)
                inherited = resolved.get(up, (None, None)) if up else (None, None)
            resolved[item["id"]] = (item["objective"] if has_objective else inherited[0],
                                    item["architecture"] if has_architecture else inherited[1])

    for e in entries:
        e["objective"], e["architecture"] = resolved[e["id"]]
        e["year"] = int(e["released"][:4])
        for key in _OPTIONAL_LISTS:
            if key not in e:
                e[key] = []
        for key in _OPTIONAL_VALUES:
            if key not in e:
                e[key] = None
        if e["active_parameters"] is not None:
            e["active_parameters"] = [[total, used] for total, used in e["active_parameters"].items()]
        for d in e["derived_from"]:
            if "note" not in d:
                d["note"] = None
            if "since" not in d:
                d["since"] = None
        for link in e["concepts"]:
            if "note" not in link:
                link["note"] = None
    return entries


def concept_records(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Concepts completed in place, with the year they were introduced."""
    for c in entries:
        c["year"] = int(c["introduced"][:4])
        for key in ("aliases", "derived_from"):
            c.setdefault(key, [])
        for key in ("description_ko", "note"):
            c.setdefault(key, None)
        for d in c["derived_from"]:
            d.setdefault("note", None)
    return entries
