"""The lineage graph and the questions asked of it.

:func:`build_graph` turns a validated :class:`~llm_lineage.load.Catalog` into a
``networkx.DiGraph`` with an edge from each parent to each child. The queries
are small functions over that graph; they take model ids (see
:func:`llm_lineage.names.resolve` for names) and return plain data, sorted so
that the answer never depends on the order of the file. They walk the graph
with loops, never recursion, so a chain of any length works.
"""

from __future__ import annotations

import difflib
from collections import Counter, deque
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import UnknownModelError
from .lightgraph import LightGraph
from .load import Catalog, gc_paused, load_catalog, load_compact
from .names import name_index, normalize

if TYPE_CHECKING:
    import networkx as nx


def build_graph(catalog: Catalog) -> nx.DiGraph:
    """A DiGraph: nodes are model ids with every field as an attribute, edges run parent -> child.

    Edges carry ``relation``, ``note`` and ``source``.
    """
    import networkx as nx

    G = nx.DiGraph(name="llm-lineage", version=catalog.version, source=catalog.path)
    with gc_paused():
        G.add_nodes_from(
            (r["id"], {k: v for k, v in r.items() if k != "id" and k != "derived_from"}) for r in catalog.models
        )
        G.add_edges_from(
            (d["model"], r["id"], {"relation": d["relation"], "note": d.get("note"), "source": d["source"]})
            for r in catalog.models
            for d in r["derived_from"]
        )
    return G


def load_graph(path: Any = None) -> nx.DiGraph:
    """Read, validate and build the graph of a dataset file (default: the bundled one).

    >>> G = load_graph()
    >>> G.has_edge("llama", "vicuna")
    True
    """
    return build_graph(load_catalog(path))


def load_light_graph(path: Any = None) -> LightGraph:
    """Like :func:`load_graph`, as a :class:`~llm_lineage.lightgraph.LightGraph`, which
    answers every query here without importing networkx (the query commands use it).

    >>> G = load_light_graph()
    >>> [h.id for h in ancestors(G, "vicuna", depth=1)]
    ['chatgpt', 'llama']
    """
    shown, packed = load_compact(path)
    return LightGraph.from_compact(packed, name="llm-lineage", version=packed["version"], source=shown)


class Hit(NamedTuple):
    """A model reached by a walk: its distance, and the edge that reached it first."""

    id: str
    distance: int
    via: str  # the neighbour one step closer to the start
    relation: str


def _check(G: nx.DiGraph, model: str) -> None:
    if model not in G:
        raise UnknownModelError(model, name_index(G).suggest(model))


def _order(G: nx.DiGraph, node: str) -> tuple[str, str]:
    """How models are sorted: by release date, then name."""
    nodes = G.nodes
    if hasattr(nodes, "order"):  # a LightGraph knows it without decoding the model
        return nodes.order(node)
    attrs = nodes[node]
    return (attrs.get("released", ""), attrs.get("name", node))


def _walk(G: nx.DiGraph, start: str, up: bool, depth: int | None,
          relations: Collection[str] | None) -> list[Hit]:
    _check(G, start)
    adjacency = G.pred if up else G.succ
    found: dict[str, Hit] = {}
    frontier = [start]
    distance = 0
    while frontier and (depth is None or distance < depth):
        distance += 1
        following: list[str] = []
        for node in frontier:
            for other in sorted(adjacency[node], key=lambda n: _order(G, n)):
                if other == start or other in found:
                    continue
                relation = adjacency[node][other]["relation"]
                if relations is not None and relation not in relations:
                    continue
                found[other] = Hit(other, distance, node, relation)
                following.append(other)
        frontier = following
    return sorted(found.values(), key=lambda h: (h.distance, *_order(G, h.id)))


def ancestors(G: nx.DiGraph, model: str, *, depth: int | None = None,
              relations: Collection[str] | None = None) -> list[Hit]:
    """Every model ``model`` derives from, nearest first.

    ``depth`` limits the number of steps; ``relations`` follows only those kinds of edge.

    >>> G = load_graph()
    >>> [h.id for h in ancestors(G, "alpaca", depth=1)]
    ['text-davinci-003', 'llama']
    """
    return _walk(G, model, True, depth, relations)


def descendants(G: nx.DiGraph, model: str, *, depth: int | None = None,
                relations: Collection[str] | None = None) -> list[Hit]:
    """Every model derived from ``model``, nearest first.

    >>> G = load_graph()
    >>> "roberta" in {h.id for h in descendants(G, "bert")}
    True
    """
    return _walk(G, model, False, depth, relations)


def parents(G: nx.DiGraph, model: str) -> list[Hit]:
    """Direct parents, with the relation of each."""
    return ancestors(G, model, depth=1)


def children(G: nx.DiGraph, model: str) -> list[Hit]:
    """Direct children, with the relation of each."""
    return descendants(G, model, depth=1)


def _shortest(G: nx.DiGraph, source: str, target: str) -> list[str] | None:
    # Only the target's ancestors can be on a chain to it: search among them,
    # not through everything that descends from the source.
    allowed = {h.id for h in _walk(G, target, True, None, None)} | {target}
    if source not in allowed:
        return None
    previous: dict[str, str | None] = {source: None}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        if node == target:
            chain = [node]
            while previous[chain[-1]] is not None:
                chain.append(previous[chain[-1]])  # type: ignore[arg-type]
            return chain[::-1]
        for child in sorted((c for c in G.succ[node] if c in allowed), key=lambda n: _order(G, n)):
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return None


def lineage_path(G: nx.DiGraph, a: str, b: str) -> list[str] | None:
    """The shortest chain of derivations between two models, oldest first, or None.

    The chain runs from the ancestor to the descendant whichever of the two is
    named first; among chains of equal length, the one through earlier models wins.

    >>> G = load_graph()
    >>> lineage_path(G, "chatgpt", "gpt-1")
    ['gpt-1', 'gpt-2', 'gpt-3', 'gpt-3.5', 'chatgpt']
    """
    _check(G, a)
    _check(G, b)
    return _shortest(G, a, b) or _shortest(G, b, a)


def common_ancestors(G: nx.DiGraph, a: str, b: str) -> list[tuple[str, int, int]]:
    """The nearest common ancestors of two models: ``(id, steps from a, steps from b)``.

    A common ancestor is nearest when none of its descendants is also a common
    ancestor. A model counts as its own ancestor at distance 0, so when one
    model descends from the other, the answer is the older one.

    >>> G = load_graph()
    >>> [c[0] for c in common_ancestors(G, "roberta", "albert")]
    ['bert']
    """
    up_a = {h.id: h.distance for h in ancestors(G, a)} | {a: 0}
    up_b = {h.id: h.distance for h in ancestors(G, b)} | {b: 0}
    common = up_a.keys() & up_b.keys()
    nearest = [c for c in common if not any(child in common for child in G.succ[c])]
    return sorted(
        ((c, up_a[c], up_b[c]) for c in nearest),
        key=lambda t: (t[1] + t[2], *_order(G, t[0])),
    )


class TreeRow(NamedTuple):
    """One line of a tree: how deep, which model, by which relation, and whether it was shown already."""

    depth: int
    id: str
    relation: str | None
    repeated: bool


def tree(G: nx.DiGraph, root: str, *, depth: int | None = None, up: bool = False) -> list[TreeRow]:
    """The descendants (or with ``up``, the ancestors) of ``root`` as rows of an indented tree.

    A model reachable by several paths is expanded the first time only; later
    rows for it have ``repeated`` set.
    """
    _check(G, root)
    adjacency = G.pred if up else G.succ
    rows: list[TreeRow] = []
    expanded: set[str] = set()
    stack: list[tuple[int, str, str | None]] = [(0, root, None)]
    while stack:
        level, node, relation = stack.pop()
        repeated = node in expanded
        rows.append(TreeRow(level, node, relation, repeated))
        if repeated or (depth is not None and level >= depth):
            continue
        expanded.add(node)
        nexts = sorted(adjacency[node], key=lambda n: _order(G, n))
        for other in reversed(nexts):
            stack.append((level + 1, other, adjacency[node][other]["relation"]))
    return rows


def select(
    G: nx.DiGraph,
    *,
    org: str | Iterable[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    objective: str | None = None,
    architecture: str | None = None,
    open_weights: bool | None = None,
) -> list[str]:
    """Ids of the models that pass every filter given, sorted by release date.

    ``org`` matches, case-insensitively, any listed organization containing the
    text (several texts: any of them); ``since`` and ``until`` are years, inclusive.

    >>> G = load_graph()
    >>> "llama" in select(G, org="meta")
    True
    """
    orgs = [org] if isinstance(org, str) else list(org or [])
    wanted = [o.casefold() for o in orgs]
    out = []
    for node, attrs in G.nodes(data=True):
        if wanted and not any(w in o.casefold() for o in attrs["organization"] for w in wanted):
            continue
        if since is not None and attrs["year"] < since:
            continue
        if until is not None and attrs["year"] > until:
            continue
        if objective is not None and attrs.get("objective") != objective:
            continue
        if architecture is not None and attrs.get("architecture") != architecture:
            continue
        if open_weights is not None and attrs["open_weights"] != open_weights:
            continue
        out.append(node)
    return sorted(out, key=lambda n: _order(G, n))


def subgraph(
    G: nx.DiGraph,
    *,
    focus: str | Iterable[str] | None = None,
    depth: int | None = None,
    up: bool = False,
    **filters: Any,
) -> nx.DiGraph:
    """The part of ``G`` to draw or export: a read-only view.

    ``focus`` keeps one model (or several) with its ancestors and descendants,
    up to ``depth`` steps each way; with ``up``, ancestors only. ``filters``
    are those of :func:`select`. Focused models are always kept.

    >>> G = load_graph()
    >>> sorted(subgraph(G, focus="alpaca", depth=1))
    ['alpaca', 'koalpaca', 'llama', 'text-davinci-003']
    >>> sorted(subgraph(G, focus=["alpaca", "vicuna"], depth=1, up=True))
    ['alpaca', 'chatgpt', 'llama', 'text-davinci-003', 'vicuna']
    """
    keep = set(select(G, **filters)) if any(v is not None and v != [] for v in filters.values()) else set(G)
    if focus is not None:
        focused = [focus] if isinstance(focus, str) else list(focus)
        family = set(focused)
        for model in focused:
            family |= {h.id for h in ancestors(G, model, depth=depth)}
            if not up:
                family |= {h.id for h in descendants(G, model, depth=depth)}
        keep = (keep & family) | set(focused)
    return G.subgraph(keep)


def search(G: nx.DiGraph, text: str, *, limit: int = 10) -> list[tuple[str, float, str]]:
    """Models matching ``text``, best first: ``(id, score from 0 to 100, where it matched)``.

    Names and aliases count most (exact, then prefix, then substring, then
    spelling close), then organizations, then words of the description.

    >>> G = load_graph()
    >>> search(G, "vicuna")[0][:2]
    ('vicuna', 100.0)
    """
    query = normalize(text)
    words = [w for w in text.casefold().split() if w]
    if not query:
        return []
    results = []
    for node, attrs in G.nodes(data=True):
        best, where = 0.0, ""
        for label in (node, attrs["name"], *attrs.get("aliases", ())):
            key = normalize(label)
            if key == query:
                score = 100.0
            elif key.startswith(query):
                score = 90.0 - min(10, len(key) - len(query))
            elif query in key:
                score = 75.0 - min(10, len(key) - len(query))
            else:
                ratio = difflib.SequenceMatcher(None, query, key).ratio()
                score = 70.0 * ratio if ratio >= 0.75 else 0.0
            if score > best:
                best, where = score, ("name" if label == attrs["name"] else "alias" if label != node else "id")
        if best < 50:
            for org_name in attrs["organization"]:
                if text.casefold() in org_name.casefold():
                    best, where = 50.0, "organization"
                    break
        if best < 40 and words:
            described = attrs.get("description", "").casefold()
            hits = sum(1 for w in words if w in described)
            if hits:
                score = 40.0 * hits / len(words)
                if score > best:
                    best, where = score, "description"
        if best > 0:
            results.append((node, round(best, 1), where))
    results.sort(key=lambda r: (-r[1], _order(G, r[0])[0], r[0]))
    return results[:limit]


def stats(G: nx.DiGraph) -> dict[str, Any]:
    """Counts of models by organization, year, objective, architecture and openness, and of edges by relation.

    Every organization a model lists counts it once; a missing value counts as
    ``"not given"``.
    """
    orgs: Counter = Counter()
    years: Counter = Counter()
    objectives: Counter = Counter()
    architectures: Counter = Counter()
    for _, attrs in G.nodes(data=True):
        orgs.update(dict.fromkeys(attrs["organization"], 1))
        years[attrs["year"]] += 1
        objectives[attrs.get("objective") or "not given"] += 1
        architectures[attrs.get("architecture") or "not given"] += 1
    relations = Counter(rel for _, _, rel in G.edges(data="relation"))
    by_count = lambda c: dict(sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))))  # noqa: E731
    return {
        "models": G.number_of_nodes(),
        "derivations": G.number_of_edges(),
        "open_weights": sum(1 for _, ow in G.nodes(data="open_weights") if ow),
        "by_year": dict(sorted(years.items())),
        "by_organization": by_count(orgs),
        "by_objective": by_count(objectives),
        "by_architecture": by_count(architectures),
        "by_relation": by_count(relations),
    }


def entry(G: nx.DiGraph, model: str) -> dict[str, Any]:
    """A model as a dataset entry, with every value resolved (inherited objective, year).

    ``derived_from`` lists the parents oldest first.
    """
    _check(G, model)
    record = {"id": model, **G.nodes[model]}
    record["derived_from"] = [
        {"model": p, "relation": G.edges[p, model]["relation"], "note": G.edges[p, model].get("note"),
         "source": G.edges[p, model]["source"]}
        for p in sorted(G.pred[model], key=lambda n: _order(G, n))
    ]
    return record


def describe(G: nx.DiGraph, model: str) -> dict[str, Any]:
    """One model's facts as resolved, with its parents and children.

    The ``show`` command prints this; ``show --json`` writes it.
    """
    _check(G, model)
    record = {"id": model, **G.nodes[model]}
    record["parents"] = [
        {"id": p.id, "name": G.nodes[p.id]["name"], "relation": p.relation,
         "note": G.edges[p.id, model].get("note"), "source": G.edges[p.id, model]["source"]}
        for p in parents(G, model)
    ]
    record["children"] = [
        {"id": c.id, "name": G.nodes[c.id]["name"], "relation": c.relation}
        for c in children(G, model)
    ]
    return record


def summary(G: nx.DiGraph, model: str) -> dict[str, Any]:
    """The short form of a model used in lists: id, name, year, released, organization."""
    attrs = G.nodes[model]
    return {
        "id": model,
        "name": attrs["name"],
        "year": attrs["year"],
        "released": attrs["released"],
        "organization": attrs["organization"],
    }
