"""Families: the named lines of models (GPT, Llama, Gemini, EXAONE...) and how each member follows the last.

A family is the ``family`` field its members share. A name finds a family
directly ("Phi") or through one of its members ("엑사원" is an alias of
EXAONE's first model, so it finds the EXAONE family).
"""

from __future__ import annotations

from typing import Any

from .errors import UnknownModelError
from .interface import LineageGraph, by_release
from .names import name_index, normalize

__all__ = ["families", "resolve_family", "describe_family"]


def families(G: LineageGraph) -> dict[str, list[str]]:
    """Every family and its members in release order."""
    index = name_index(G)
    return {name: by_release(G, members) for name, members in sorted(index.family_members.items())}


def resolve_family(G: LineageGraph, name: str) -> str:
    """The family called ``name``, or the family of the model called ``name``."""
    index = name_index(G)
    key = normalize(name)
    if key in index.families:
        return index.families[key]
    found = index.find(name)
    if found is not None and found.kind == "model":
        family = G.nodes[found.id].get("family")
        if family:
            return family
        raise UnknownModelError(name, [], hint=f"{G.nodes[found.id]['name']} belongs to no family", what="family")
    import difflib

    close = difflib.get_close_matches(key, list(index.families), n=3, cutoff=0.6)
    raise UnknownModelError(name, [index.families[c] for c in close], what="family")


def describe_family(G: LineageGraph, family: str) -> dict[str, Any]:
    """A family's members in release order, each with how it derives from earlier members.

    ``from`` lists a member's parents inside the family; ``outside`` its other
    parents (a family's first member usually derives from other lines).
    """
    members = families(G)[family]
    inside = set(members)
    rows = []
    for m in members:
        attrs = G.nodes[m]
        parents = by_release(G, G.pred[m])
        rows.append({
            "id": m, "name": attrs["name"], "released": attrs["released"], "organization": attrs["organization"],
            "parameters": attrs.get("parameters"), "open_weights": attrs["open_weights"],
            "from": [{"id": p, "name": G.nodes[p]["name"], "relation": G.edges[p, m]["relation"]}
                     for p in parents if p in inside],
            "outside": [{"id": p, "name": G.nodes[p]["name"], "relation": G.edges[p, m]["relation"]}
                        for p in parents if p not in inside],
        })
    return {"family": family, "members": rows}
