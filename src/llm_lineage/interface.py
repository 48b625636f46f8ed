"""What a lineage graph is to its readers: one read-only interface, and the one release order.

Queries, exports and the page accept any :class:`LineageGraph`: a
``networkx.DiGraph`` built by :func:`llm_lineage.graph.build_graph` satisfies
it, and so does the :class:`~llm_lineage.lightgraph.LightGraph` the commands
use (it avoids importing networkx). Nodes are model ids whose attributes are
the resolved fields of the entry; edges run parent -> child and carry
``relation``, ``note``, ``source`` and ``since``. ``G.graph`` holds the
dataset's ``version``, ``as_of``, ``source`` and its concepts.

Every list of models, in the CLI, the exports and the page, is sorted with
:func:`release_key`, so that two models released on the same day appear in the
same order everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol, runtime_checkable

__all__ = ["LineageGraph", "NodeView", "EdgeView", "ReleaseKey", "release_key", "release_key_of", "by_release"]

#: (release date as written, display name, id): dates written ``YYYY-MM`` sort
#: before the days of that month, which is as early as they can be.
ReleaseKey = tuple[str, str, str]


class NodeView(Protocol):
    """``G.nodes``: node attributes by id; callable like networkx's ``G.nodes(data=...)``."""

    def __getitem__(self, node: str) -> dict[str, Any]: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def __contains__(self, node: object) -> bool: ...
    def __call__(self, data: bool | str = False, default: Any = None) -> Iterator[Any]: ...


class EdgeView(Protocol):
    """``G.edges``: edge attributes by ``(parent, child)``; callable like ``G.edges(data=...)``."""

    def __getitem__(self, edge: tuple[str, str]) -> dict[str, Any]: ...
    def __iter__(self) -> Iterator[tuple[str, str]]: ...
    def __len__(self) -> int: ...
    def __call__(self, data: bool | str = False, default: Any = None) -> Iterator[Any]: ...


@runtime_checkable
class LineageGraph(Protocol):
    """The read-only part of ``networkx.DiGraph`` that this package uses."""

    graph: dict[str, Any]

    @property
    def nodes(self) -> NodeView: ...
    @property
    def edges(self) -> EdgeView: ...
    @property
    def succ(self) -> Mapping[str, Mapping[str, dict[str, Any]]]: ...
    @property
    def pred(self) -> Mapping[str, Mapping[str, dict[str, Any]]]: ...

    def __contains__(self, node: object) -> bool: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def number_of_nodes(self) -> int: ...
    def number_of_edges(self) -> int: ...
    def has_edge(self, u: str, v: str) -> bool: ...
    def subgraph(self, nodes: Iterable[str]) -> LineageGraph: ...


def release_key(G: LineageGraph, node: str) -> ReleaseKey:
    """How models are ordered everywhere: by release date, then name, then id.

    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_node("b", released="2023-02", name="Beta")
    >>> G.add_node("a", released="2023-02", name="Alpha")
    >>> G.add_node("c", released="2022-11-30", name="Gamma")
    >>> sorted(G, key=lambda n: release_key(G, n))
    ['c', 'a', 'b']
    """
    nodes = G.nodes
    order = getattr(nodes, "order", None)
    if order is not None:  # a LightGraph knows the key without decoding the model
        return order(node)
    attrs = nodes[node]
    return (attrs.get("released", ""), attrs.get("name", node), node)


def release_key_of(G: LineageGraph) -> Callable[[str], ReleaseKey]:
    """:func:`release_key` for ``G`` as a one-argument function: the fastest sort key there is for it."""
    order_key = getattr(G.nodes, "order_key", None)
    return order_key() if order_key is not None else lambda n: release_key(G, n)


def by_release(G: LineageGraph, nodes: Iterable[str]) -> list[str]:
    """``nodes`` sorted by :func:`release_key`."""
    return sorted(nodes, key=release_key_of(G))
