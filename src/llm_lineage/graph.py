"""The lineage graph and the questions asked of it.

:func:`build_graph` turns a validated :class:`~llm_lineage.load.Catalog` into a
``networkx.DiGraph`` with an edge from each parent to each child;
:func:`load_light_graph` gives the same graph as a
:class:`~llm_lineage.lightgraph.LightGraph`, which the commands use. The
queries accept either (any :class:`~llm_lineage.interface.LineageGraph`), take
model ids (see :func:`llm_lineage.names.resolve` for names) and return named
records, sorted by :func:`~llm_lineage.interface.release_key` so that the
answer never depends on the order of the file. They walk the graph with loops,
never recursion, so a chain of any length works.


The examples use :func:`example_graph`, five models small enough to read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import UnknownModelError
from .interface import LineageGraph, release_key, release_key_of
from .lightgraph import LightGraph
from .load import Catalog, gc_paused, load_catalog, load_compact
from .names import name_index, normalize

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["example_graph", "build_graph", "load_graph", "load_light_graph", "Hit", "CommonAncestor", "TreeRow",
           "ancestors", "descendants", "parents", "children", "lineage_path", "common_ancestors", "tree",
           "select", "subgraph", "stats", "entry", "describe", "summary"]


def example_graph() -> LightGraph:
    """Five models for examples: the Transformer, GPT-1, and BERT with RoBERTa and ALBERT.

    >>> G = example_graph()
    >>> sorted(G.edges())
    [('bert', 'albert'), ('bert', 'roberta'), ('transformer', 'bert'), ('transformer', 'gpt-1')]
    """
    def model(mid: str, name: str, released: str, parent: str | None = None) -> dict[str, Any]:
        return {"id": mid, "name": name, "released": released, "year": int(released[:4]),
                "organization": ["OpenAI" if mid == "gpt-1" else "Google"], "aliases": [],
                "derived_from": [{"model": parent, "relation": "architecture", "note": None,
                                  "source": "https://example.org"}] if parent else []}

    return LightGraph([
        model("transformer", "Transformer", "2017-06-12"), model("gpt-1", "GPT-1", "2018-06-11", "transformer"),
        model("bert", "BERT", "2018-10-11", "transformer"), model("roberta", "RoBERTa", "2019-07-26", "bert"),
        model("albert", "ALBERT", "2019-09-26", "bert"),
    ], name="example")


def build_graph(catalog: Catalog) -> nx.DiGraph:
    """A DiGraph: nodes are model ids with every field as an attribute, edges run parent -> child.

    Edges carry ``relation``, ``note`` and ``source``.
    """
    import networkx as nx

    G = nx.DiGraph(name="llm-lineage", version=catalog.version, as_of=catalog.as_of, source=catalog.path,
                   concepts={c["id"]: c for c in catalog.concepts}, files=list(catalog.files),
                   size=len(catalog.models))
    with gc_paused():
        G.add_nodes_from(
            (r["id"], {k: v for k, v in r.items() if k != "id" and k != "derived_from"}) for r in catalog.models
        )
        G.add_edges_from(
            (d["model"], r["id"], {"relation": d["relation"], "note": d.get("note"), "source": d["source"],
                                   "since": d.get("since")})
            for r in catalog.models
            for d in r["derived_from"]
        )
    return G


def load_graph(path: Any = None) -> nx.DiGraph:
    """Read, validate and build the graph of a dataset file (default: the bundled one)."""
    return build_graph(load_catalog(path))


def load_light_graph(path: Any = None) -> LightGraph:
    """Like :func:`load_graph`, as a :class:`~llm_lineage.lightgraph.LightGraph`, which
    answers every query here without importing networkx (the query commands use it)."""
    shown, packed = load_compact(path)
    return LightGraph.from_compact(packed, name="llm-lineage", version=packed["version"], as_of=packed.get("as_of"),
                                   source=shown, concepts={c["id"]: c for c in packed.get("concepts", [])},
                                   files=packed.get("files", [shown]), size=len(packed["ids"]))


class Hit(NamedTuple):
    """A model reached by a walk: its distance, and the edge that reached it.

    ``via`` is the neighbour one step closer to the start (the earliest
    released, when several are) and ``relation`` the kind of that edge.
    """

    id: str
    distance: int
    via: str
    relation: str


def _check(G: LineageGraph, model: str) -> None:
    if model not in G:
        raise UnknownModelError(model, name_index(G).suggest(model))


def _date(released: str) -> tuple[int, ...]:
    return tuple(int(p) for p in released.split("-"))


def _before(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether date ``a`` is earlier than ``b`` at the coarser of the two precisions."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


Bound = tuple[int, ...] | None


def _step(G: LineageGraph, node: str, other: str, attrs: dict[str, Any], up: bool,
          bound: Bound) -> tuple[bool, Bound]:
    """Whether a walk may go from ``node`` to ``other`` over this edge, and the bound ``other`` gets.

    A product's edges say when it began to be served on each model (``since``).
    Walking up, ``bound`` is when ``node`` was used by the model below it: a
    product's later models are not ancestors of what was made before them
    (Vicuna learned from ChatGPT on GPT-3.5 and GPT-4, not on GPT-5). Walking
    down, ``bound`` is the date from which ``node`` counts as that model's: a
    product's children made before it moved to the model are not descendants.
    """
    if up:
        since = attrs.get("since")
        if since is not None and bound is not None and _before(bound, _date(since)):
            return False, None
        return True, _date(release_key(G, node)[0])
    if bound is not None and _before(_date(release_key(G, other)[0]), bound):
        return False, None
    since = attrs.get("since")
    return True, (_date(since) if since is not None else None)


def _looser(new: Bound, old: Bound, up: bool) -> bool:
    """Whether bound ``new`` lets a walk through more edges than ``old``."""
    if old is None:
        return False
    if new is None:
        return True
    return _before(old, new) if up else _before(new, old)


def _walk(G: LineageGraph, start: str, up: bool, depth: int | None,
          relations: Collection[str] | None, within: Collection[str] | None = None) -> list[Hit]:
    """Breadth-first walk from ``start``; linear in the edges it looks at.

    ``within`` keeps the walk inside a set of models. Each model reached keeps
    every neighbour that reached it at its distance; ``via`` is the earliest
    released of them.
    """
    _check(G, start)
    forward = G.pred if up else G.succ
    # The first (parent or child, relation, distance) to reach each model; the graph is acyclic,
    # so the walk never comes back to ``start``.
    arrivals: dict[str, tuple[str, str, int]] = {}
    more: dict[str, list[tuple[str, str]]] = {}  # every arrival, for models reached several ways at once
    bounds: dict[str, Bound] = {}  # only the models that have one
    frontier = [start]
    levels: list[list[str]] = []  # the models first reached at each distance
    level = 0
    while frontier and (depth is None or level < depth):
        level += 1
        following: list[str] = []
        first: list[str] = []
        for node in frontier:
            bound = bounds.get(node)
            for other, attrs in forward[node].items():
                relation = attrs["relation"]
                if relations is not None and relation not in relations:
                    continue
                if within is not None and other not in within:
                    continue
                if up or bound is not None or attrs.get("since") is not None:
                    ok, other_bound = _step(G, node, other, attrs, up, bound)
                    if not ok:
                        continue
                else:  # walking down an undated edge from an unbounded model: always open, no bound
                    other_bound = None
                seen = arrivals.get(other)
                if seen is None:
                    arrivals[other] = (node, relation, level)
                    if other_bound is not None:
                        bounds[other] = other_bound
                    following.append(other)
                    first.append(other)
                else:
                    if seen[2] == level:
                        more.setdefault(other, [seen[:2]]).append((node, relation))
                    if other != start and _looser(other_bound, bounds.get(other), up):
                        bounds[other] = other_bound  # a product reached again, later: more of it is open
                        following.append(other)
        frontier = following
        levels.append(first)
    order = release_key_of(G)
    hits = []
    for reached_at, nodes in enumerate(levels, start=1):
        for node in sorted(nodes, key=order):
            reached = more.get(node)
            via, relation = min(reached, key=lambda r: order(r[0])) if reached else arrivals[node][:2]
            hits.append(Hit(node, reached_at, via, relation))
    return hits


def ancestors(G: LineageGraph, model: str, *, depth: int | None = None,
              relations: Collection[str] | None = None) -> list[Hit]:
    """Every model ``model`` derives from, nearest first.

    ``depth`` limits the number of steps; ``relations`` follows only those kinds of edge.

    >>> G = example_graph()
    >>> [h.id for h in ancestors(G, "roberta")]
    ['bert', 'transformer']
    >>> ancestors(G, "roberta")[1]
    Hit(id='transformer', distance=2, via='bert', relation='architecture')
    """
    return _walk(G, model, True, depth, relations)


def descendants(G: LineageGraph, model: str, *, depth: int | None = None,
                relations: Collection[str] | None = None) -> list[Hit]:
    """Every model derived from ``model``, nearest first (then in release order).

    >>> G = example_graph()
    >>> [(h.id, h.distance) for h in descendants(G, "transformer")]
    [('gpt-1', 1), ('bert', 1), ('roberta', 2), ('albert', 2)]
    """
    return _walk(G, model, False, depth, relations)


def parents(G: LineageGraph, model: str) -> list[Hit]:
    """Direct parents, with the relation of each."""
    return ancestors(G, model, depth=1)


def children(G: LineageGraph, model: str) -> list[Hit]:
    """Direct children, with the relation of each."""
    return descendants(G, model, depth=1)


def _shortest(G: LineageGraph, source: str, target: str) -> list[str] | None:
    # Only the target's ancestors can be on a chain to it: search among them,
    # not through everything that descends from the source.
    if source == target:
        return [source]
    allowed = {h.id for h in _walk(G, target, True, None, None)} | {target}
    if source not in allowed:
        return None
    hits = {h.id: h for h in _walk(G, source, False, None, None, within=allowed)}
    if target not in hits:
        return None
    chain = [target]
    while chain[-1] != source:
        chain.append(hits[chain[-1]].via)
    return chain[::-1]


def lineage_path(G: LineageGraph, a: str, b: str) -> list[str] | None:
    """The shortest chain of derivations between two models, oldest first, or None.

    The chain runs from the ancestor to the descendant whichever of the two is
    named first; among chains of equal length, the one through earlier models wins.

    >>> G = example_graph()
    >>> lineage_path(G, "roberta", "transformer")
    ['transformer', 'bert', 'roberta']
    >>> lineage_path(G, "roberta", "albert") is None
    True
    """
    _check(G, a)
    _check(G, b)
    return _shortest(G, a, b) or _shortest(G, b, a)


class CommonAncestor(NamedTuple):
    """A nearest common ancestor of two models, and how many steps it is from each."""

    id: str
    distance_a: int
    distance_b: int


def common_ancestors(G: LineageGraph, a: str, b: str) -> list[CommonAncestor]:
    """The nearest common ancestors of two models, nearest (fewest steps in all) first.

    A common ancestor is nearest when none of its descendants is also a common
    ancestor. A model counts as its own ancestor at distance 0, so when one
    model descends from the other, the answer is the older one.

    >>> G = example_graph()
    >>> common_ancestors(G, "roberta", "albert")
    [CommonAncestor(id='bert', distance_a=1, distance_b=1)]
    >>> common_ancestors(G, "bert", "albert")
    [CommonAncestor(id='bert', distance_a=0, distance_b=1)]
    """
    up_a = {h.id: h.distance for h in ancestors(G, a)} | {a: 0}
    up_b = {h.id: h.distance for h in ancestors(G, b)} | {b: 0}
    common = up_a.keys() & up_b.keys()
    nearest = [c for c in common if not any(child in common for child in G.succ[c])]
    return sorted(
        (CommonAncestor(c, up_a[c], up_b[c]) for c in nearest),
        key=lambda t: (t.distance_a + t.distance_b, release_key(G, t.id)),
    )


class TreeRow(NamedTuple):
    """One line of a tree: how deep, which model, by which relation, and whether it was shown already."""

    depth: int
    id: str
    relation: str | None
    repeated: bool


def tree(G: LineageGraph, root: str, *, depth: int | None = None, up: bool = False) -> list[TreeRow]:
    """The descendants (or with ``up``, the ancestors) of ``root`` as rows of an indented tree.

    A model reachable by several paths is expanded the first time only; later
    rows for it have ``repeated`` set.
    """
    _check(G, root)
    adjacency = G.pred if up else G.succ
    rows: list[TreeRow] = []
    expanded: set[str] = set()
    stack: list[tuple[int, str, str | None, Bound]] = [(0, root, None, None)]
    while stack:
        level, node, relation, bound = stack.pop()
        repeated = node in expanded
        rows.append(TreeRow(level, node, relation, repeated))
        if repeated or (depth is not None and level >= depth):
            continue
        expanded.add(node)
        nexts = []
        for other in sorted(adjacency[node], key=lambda n: release_key(G, n)):
            ok, other_bound = _step(G, node, other, adjacency[node][other], up, bound)
            if ok:
                nexts.append((level + 1, other, adjacency[node][other]["relation"], other_bound))
        stack.extend(reversed(nexts))
    return rows


def select(
    G: nx.DiGraph,
    *,
    org: str | Iterable[str] | None = None,
    since: int | str | None = None,
    until: int | str | None = None,
    objective: str | None = None,
    architecture: str | None = None,
    open_weights: bool | None = None,
    family: str | Iterable[str] | None = None,
    uses: str | Iterable[str] | None = None,
) -> list[str]:
    """Ids of the models that pass every filter given, sorted by release date.

    ``org`` matches, case-insensitively, any listed organization containing the
    text (several texts: any of them); ``since`` and ``until`` are inclusive
    bounds on the release date, each a year (``2023``) or a date as precise as
    wanted (``"2023-05"``, ``"2023-05-10"``); a release known only to the year
    or the month counts as its start; ``family`` keeps the members of a family (or any of several);
    ``uses`` keeps the models linked to a concept id (or any of several), in
    any way: introduced, uses, trained on, evaluated on, or implied by a
    relation or the objective (see :func:`llm_lineage.concepts.models_of`).

    >>> import networkx as nx
    >>> H = nx.DiGraph()
    >>> H.add_node("llama", name="LLaMA", released="2023-02-24", year=2023, organization=["Meta AI"])
    >>> H.add_node("opt", name="OPT", released="2022-05-02", year=2022, organization=["Meta AI"])
    >>> H.add_node("gpt-3", name="GPT-3", released="2020-05-28", year=2020, organization=["OpenAI"])
    >>> select(H, org="meta"), select(H, until=2022), select(H, since="2022-06")
    (['opt', 'llama'], ['gpt-3', 'opt'], ['llama'])
    """
    low = None if since is None else str(since)
    high = None if until is None else str(until)
    orgs = [org] if isinstance(org, str) else list(org or [])
    wanted = [o.casefold() for o in orgs]
    families = {normalize(f) for f in ([family] if isinstance(family, str) else list(family or []))}
    using: set[str] | None = None
    if uses:
        from .concepts import models_of

        using = set()
        for cid in [uses] if isinstance(uses, str) else uses:
            using.update(m for links in models_of(G, cid).values() for m, _ in links)
    out = []
    for node, attrs in G.nodes(data=True):
        if wanted and not any(w in o.casefold() for o in attrs["organization"] for w in wanted):
            continue
        if families and normalize(attrs.get("family") or "") not in families:
            continue
        if using is not None and node not in using:
            continue
        if low is not None and attrs["released"][: len(low)] < low:
            continue
        if high is not None and attrs["released"][: len(high)] > high:
            continue
        if objective is not None and attrs.get("objective") != objective:
            continue
        if architecture is not None and attrs.get("architecture") != architecture:
            continue
        if open_weights is not None and attrs["open_weights"] != open_weights:
            continue
        out.append(node)
    return sorted(out, key=lambda n: release_key(G, n))


def subgraph(
    G: nx.DiGraph,
    *,
    focus: str | Iterable[str] | None = None,
    depth: int | None = None,
    up: bool = False,
    **filters: Any,
) -> LineageGraph:
    """The part of ``G`` to draw or export: a read-only view.

    ``focus`` keeps one model (or several) with its ancestors and descendants,
    up to ``depth`` steps each way; with ``up``, ancestors only. ``filters``
    are those of :func:`select`. Focused models are always kept.

    >>> G = example_graph()
    >>> sorted(subgraph(G, focus="bert", depth=1))
    ['albert', 'bert', 'roberta', 'transformer']
    >>> sorted(subgraph(G, focus=["roberta", "gpt-1"], up=True))
    ['bert', 'gpt-1', 'roberta', 'transformer']
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


def stats(G: LineageGraph) -> dict[str, Any]:
    """Counts of models by organization, year, objective, architecture and openness, and of edges by relation.

    Every organization a model lists counts it once; a value the lab never
    disclosed counts as ``"undisclosed"``. Concepts are counted by kind.
    """
    orgs: Counter = Counter()
    years: Counter = Counter()
    objectives: Counter = Counter()
    architectures: Counter = Counter()
    families: Counter = Counter()
    for _, attrs in G.nodes(data=True):
        orgs.update(dict.fromkeys(attrs["organization"], 1))
        years[attrs["year"]] += 1
        objectives[attrs.get("objective") or "undisclosed"] += 1
        architectures[attrs.get("architecture") or "undisclosed"] += 1
        if attrs.get("family"):
            families[attrs["family"]] += 1
    relations = Counter(rel for _, _, rel in G.edges(data="relation"))
    concepts = G.graph.get("concepts") or {}
    kinds = Counter(c["kind"] for c in concepts.values())
    links = sum(len(attrs.get("concepts") or ()) for _, attrs in G.nodes(data=True))
    by_count = lambda c: dict(sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))))  # noqa: E731
    return {
        "models": G.number_of_nodes(),
        "derivations": G.number_of_edges(),
        "open_weights": sum(1 for _, ow in G.nodes(data="open_weights") if ow),
        "concepts": len(concepts),
        "concept_links": links,
        "as_of": G.graph.get("as_of"),
        "by_year": dict(sorted(years.items())),
        "by_organization": by_count(orgs),
        "by_family": by_count(families),
        "by_objective": by_count(objectives),
        "by_architecture": by_count(architectures),
        "by_relation": by_count(relations),
        "concepts_by_kind": by_count(kinds),
    }


def entry(G: LineageGraph, model: str) -> dict[str, Any]:
    """A model as a dataset entry, with every value resolved (inherited objective, year).

    ``derived_from`` lists the parents oldest first.
    """
    _check(G, model)
    record = {"id": model, **G.nodes[model]}
    record["derived_from"] = [
        {"model": p, "relation": G.edges[p, model]["relation"], "note": G.edges[p, model].get("note"),
         "source": G.edges[p, model]["source"], "since": G.edges[p, model].get("since")}
        for p in sorted(G.pred[model], key=lambda n: release_key(G, n))
    ]
    return record


def describe(G: LineageGraph, model: str) -> dict[str, Any]:
    """One model's facts as resolved, with its parents and children.

    The ``show`` command prints this; ``show --json`` writes it.
    """
    from .concepts import concepts_of_model

    _check(G, model)
    record = {"id": model, **G.nodes[model]}
    record["parents"] = [
        {"id": p.id, "name": G.nodes[p.id]["name"], "released": G.nodes[p.id]["released"], "relation": p.relation,
         "since": G.edges[p.id, model].get("since"), "note": G.edges[p.id, model].get("note"),
         "source": G.edges[p.id, model]["source"]}
        for p in parents(G, model)
    ]
    if any(p["relation"] == "product" for p in record["parents"]):  # a product: its models in the order it ran on them
        record["parents"].sort(key=lambda p: (p["relation"] != "product",
                                              _date(p["since"] or record["released"]), p["released"]))
    record["children"] = [
        {"id": c.id, "name": G.nodes[c.id]["name"], "relation": c.relation}
        for c in children(G, model)
    ]
    record["concepts"] = concepts_of_model(G, model)
    family = record.get("family")
    if family:
        record["family_size"] = len(name_index(G).family_members.get(family, []))
    return record


def summary(G: LineageGraph, model: str) -> dict[str, Any]:
    """The short form of a model used in lists: id, name, year, released, organization."""
    attrs = G.nodes[model]
    return {
        "id": model,
        "name": attrs["name"],
        "year": attrs["year"],
        "released": attrs["released"],
        "organization": attrs["organization"],
    }
