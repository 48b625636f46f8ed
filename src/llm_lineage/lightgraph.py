"""A read-only directed graph with the part of networkx's interface this package uses.

Every command must start faster than ``import networkx`` takes, so the
commands (queries, exports, the page) run on this small class, built from the
cache of validated datasets without decoding a model until it is looked at.
It satisfies :class:`~llm_lineage.interface.LineageGraph`, as a
``networkx.DiGraph`` does; the test suite runs the queries on both. networkx
itself is imported only for GEXF and by library users who ask for it.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .interface import ReleaseKey

__all__ = ["LightGraph"]


class _Nodes:
    """Node attributes; a value may still be a marshal blob, decoded on first use.

    ``order(n)`` gives the release key everything is sorted by (see
    :func:`~llm_lineage.interface.release_key`) without decoding anything.
    """

    def __init__(self, attrs: dict[str, Any], order: dict[str, ReleaseKey] | None = None):
        self._attrs = attrs
        self._order = order

    def order_key(self) -> Callable[[str], ReleaseKey]:
        """``order`` as a function that is cheap to call many times (a sort key)."""
        return self._order.__getitem__ if self._order is not None else self.order

    def order(self, node: str) -> ReleaseKey:
        if self._order is not None:
            return self._order[node]
        attrs = self[node]
        return attrs["released"], attrs["name"], node

    def __getitem__(self, node: str) -> dict[str, Any]:
        attrs = self._attrs[node]
        if type(attrs) is bytes:
            attrs = self._attrs[node] = marshal.loads(attrs)
        return attrs

    def __iter__(self) -> Iterator[str]:
        return iter(self._attrs)

    def __len__(self) -> int:
        return len(self._attrs)

    def __contains__(self, node: object) -> bool:
        return node in self._attrs

    def __call__(self, data: bool | str = False, default: Any = None) -> Iterator:
        if data is True:
            return ((n, self[n]) for n in self._attrs)
        if data:
            return ((n, self[n].get(data, default)) for n in self._attrs)
        return iter(self._attrs)


class _Edges:
    def __init__(self, succ: dict[str, dict[str, dict[str, Any]]]):
        self._succ = succ

    def __getitem__(self, edge: tuple[str, str]) -> dict[str, Any]:
        return self._succ[edge[0]][edge[1]]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((u, v) for u, nbrs in self._succ.items() for v in nbrs)

    def __len__(self) -> int:
        return sum(len(nbrs) for nbrs in self._succ.values())

    def __call__(self, data: bool | str = False, default: Any = None) -> Iterator:
        if data is True:
            return ((u, v, a) for u, nbrs in self._succ.items() for v, a in nbrs.items())
        if data:
            return ((u, v, a.get(data, default)) for u, nbrs in self._succ.items() for v, a in nbrs.items())
        return iter(self)


class LightGraph:
    """Nodes are model ids with their fields as attributes; edges run parent -> child."""

    def __init__(self, records: list[dict[str, Any]], **graph: Any):
        from .load import gc_paused

        with gc_paused():
            node = {r["id"]: {k: v for k, v in r.items() if k != "id" and k != "derived_from"} for r in records}
            succ: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in node}
            pred: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in node}
            for r in records:
                for d in r["derived_from"]:
                    attrs = {"relation": d["relation"], "note": d.get("note"), "source": d["source"],
                             "since": d.get("since")}
                    succ[d["model"]][r["id"]] = attrs
                    pred[r["id"]][d["model"]] = attrs
        self._set(graph, node, succ, pred)

    @classmethod
    def from_compact(cls, packed: dict[str, Any], **graph: Any) -> LightGraph:
        """From the cache's compact form (see :func:`llm_lineage.cache.compact`): node
        attributes stay encoded until a query looks at them."""
        from .load import gc_paused

        with gc_paused():
            ids = packed["ids"]
            node = dict(zip(ids, packed["nodes"]))
            succ: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in ids}
            pred: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in ids}
            for parent, child, relation, note, source, since in packed["edges"]:
                attrs = {"relation": relation, "note": note, "source": source, "since": since}
                succ[ids[parent]][ids[child]] = attrs
                pred[ids[child]][ids[parent]] = attrs
            order = dict(zip(ids, packed["order"]))
        graph_ = cls.__new__(cls)
        graph_._set(graph, node, succ, pred, order)
        return graph_

    def _set(self, graph: dict, node: dict, succ: dict, pred: dict, order: dict | None = None) -> None:
        self.graph = dict(graph)
        self._positions: dict[str, int] | None = None
        self.succ, self.pred = succ, pred
        self.nodes = _Nodes(node, order)
        self.edges = _Edges(succ)

    def subgraph(self, nodes: Iterable[str]) -> LightGraph:
        """The graph induced on ``nodes`` (attributes are shared, not copied); linear in its size."""
        wanted = set(nodes)
        keep = [n for n in self.succ if n in wanted] if len(wanted) * 4 > len(self.succ) else \
            sorted((n for n in wanted if n in self.succ), key=self._position)
        kept = set(keep)
        part = LightGraph.__new__(LightGraph)
        part._set(
            self.graph,
            {n: self.nodes._attrs[n] for n in keep},
            {n: {c: a for c, a in self.succ[n].items() if c in kept} for n in keep},
            {n: {p: a for p, a in self.pred[n].items() if p in kept} for n in keep},
            {n: self.nodes.order(n) for n in keep},
        )
        return part

    def _position(self, node: str) -> int:
        """A node's place in file order, so that a small subgraph keeps the order of the whole."""
        if self._positions is None:
            self._positions = {n: i for i, n in enumerate(self.succ)}
        return self._positions[node]

    def __contains__(self, node: object) -> bool:
        return node in self.succ

    def __iter__(self) -> Iterator[str]:
        return iter(self.succ)

    def __len__(self) -> int:
        return len(self.succ)

    def number_of_nodes(self) -> int:
        return len(self.succ)

    def number_of_edges(self) -> int:
        return len(self.edges)

    def has_edge(self, u: str, v: str) -> bool:
        return u in self.succ and v in self.succ[u]
