"""The records a command prints: one object per answer, serialized as text or as JSON.

Each query result is turned into records here, and both outputs come from
them: :mod:`llm_lineage.text` renders a record as text, its ``json()`` method
gives the ``--json`` document. The two can therefore never say different
things. The JSON shapes are documented in the README.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .graph import CommonAncestor, Hit, TreeRow
from .search import SearchHit
from .interface import LineageGraph

__all__ = ["ModelRef", "Relative", "Relatives", "PathStep", "LineagePath", "Common", "TreeLine", "Tree",
           "Found", "model_ref", "relatives", "lineage_path", "common", "tree", "found"]


@dataclass(frozen=True)
class ModelRef:
    """A model as lists show it."""

    id: str
    name: str
    year: int
    released: str
    organization: list[str]

    def json(self) -> dict[str, Any]:
        return asdict(self)


def model_ref(G: LineageGraph, node: str) -> ModelRef:
    attrs = G.nodes[node]
    return ModelRef(node, attrs["name"], attrs["year"], attrs["released"], list(attrs["organization"]))


@dataclass(frozen=True)
class Relative:
    """An ancestor or descendant: how many steps away, and the edge that reached it."""

    model: ModelRef
    distance: int
    via: ModelRef
    relation: str

    def json(self) -> dict[str, Any]:
        return {**self.model.json(), "distance": self.distance, "via": self.via.id, "relation": self.relation}


@dataclass(frozen=True)
class Relatives:
    """The answer of ``ancestors`` (``up``) or ``descendants``."""

    start: ModelRef
    up: bool
    items: list[Relative]

    def json(self) -> list[dict[str, Any]]:
        return [r.json() for r in self.items]


def relatives(G: LineageGraph, start: str, hits: list[Hit], *, up: bool) -> Relatives:
    refs = {start: model_ref(G, start)} | {h.id: model_ref(G, h.id) for h in hits}
    return Relatives(refs[start], up, [Relative(refs[h.id], h.distance, refs[h.via], h.relation) for h in hits])


@dataclass(frozen=True)
class PathStep:
    """One model of a chain, and the relation of the edge that leads to it (None for the first)."""

    model: ModelRef
    relation: str | None

    def json(self) -> dict[str, Any]:
        return {"id": self.model.id, "name": self.model.name, "relation": self.relation}


@dataclass(frozen=True)
class LineagePath:
    """The answer of ``path``: the chain oldest first, or, when there is none, the nearest common ancestors."""

    a: ModelRef
    b: ModelRef
    steps: list[PathStep]
    common: list[ModelRef]

    def json(self) -> list[dict[str, Any]]:
        return [s.json() for s in self.steps]


def lineage_path(G: LineageGraph, a: str, b: str, chain: list[str] | None,
                 shared: list[CommonAncestor]) -> LineagePath:
    steps = []
    for i, node in enumerate(chain or []):
        steps.append(PathStep(model_ref(G, node), G.edges[chain[i - 1], node]["relation"] if i else None))
    return LineagePath(model_ref(G, a), model_ref(G, b), steps, [model_ref(G, c.id) for c in shared])


@dataclass(frozen=True)
class Common:
    """The answer of ``common``: the nearest common ancestors of ``a`` and ``b``."""

    a: ModelRef
    b: ModelRef
    items: list[tuple[ModelRef, int, int]]

    def json(self) -> list[dict[str, Any]]:
        return [{**ref.json(), "distance_a": da, "distance_b": db} for ref, da, db in self.items]


def common(G: LineageGraph, a: str, b: str, found: list[CommonAncestor]) -> Common:
    return Common(model_ref(G, a), model_ref(G, b),
                  [(model_ref(G, c.id), c.distance_a, c.distance_b) for c in found])


@dataclass(frozen=True)
class TreeLine:
    depth: int
    model: ModelRef
    relation: str | None
    repeated: bool

    def json(self) -> dict[str, Any]:
        return {"depth": self.depth, "id": self.model.id, "name": self.model.name,
                "released": self.model.released, "relation": self.relation, "repeated": self.repeated}


@dataclass(frozen=True)
class Tree:
    """The answer of ``tree``: rows of an indented tree, the root first."""

    up: bool
    rows: list[TreeLine]

    def json(self) -> list[dict[str, Any]]:
        return [r.json() for r in self.rows]


def tree(G: LineageGraph, rows: list[TreeRow], *, up: bool) -> Tree:
    return Tree(up, [TreeLine(r.depth, model_ref(G, r.id), r.relation, r.repeated) for r in rows])


@dataclass(frozen=True)
class Found:
    """One search result: a model, a concept or a family."""

    kind: str
    id: str
    name: str
    released: str | None  # a model's release, a concept's introduction; None for a family
    score: float
    matched: str

    def json(self) -> dict[str, Any]:
        return asdict(self)


def found(G: LineageGraph, hits: list[SearchHit]) -> list[Found]:
    concepts = G.graph.get("concepts") or {}
    out = []
    for h in hits:
        if h.kind == "model":
            name, released = G.nodes[h.id]["name"], G.nodes[h.id]["released"]
        elif h.kind == "concept":
            name, released = concepts[h.id]["name"], concepts[h.id]["introduced"]
        else:
            name, released = h.id, None
        out.append(Found(h.kind, h.id, name, released, h.score, h.matched))
    return out
