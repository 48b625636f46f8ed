"""Properties that hold for any dataset, checked on random ones with hypothesis."""

from __future__ import annotations

import io
import json

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llm_lineage.errors import LineageError
from llm_lineage.exports import render_bytes as render
from llm_lineage.graph import ancestors, build_graph, common_ancestors, descendants, lineage_path, tree
from llm_lineage.lightgraph import LightGraph
from llm_lineage.load import parse_json, validate_data
from llm_lineage.names import normalize
from llm_lineage.vocabulary import Relation

RELATIONS = [str(r) for r in Relation]
# Text as the schema takes it: no control, format or surrogate characters, no "; " inside list items.
SMALL_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"),
                                            blacklist_characters="\ufffe\uffff"),
                     min_size=1, max_size=12).filter(lambda t: t.strip() and "; " not in t)


@st.composite
def catalogs(draw) -> dict:
    """A valid dataset: a random DAG whose nodes are listed oldest first."""
    n = draw(st.integers(min_value=1, max_value=18))
    models = []
    for i in range(n):
        parents = draw(st.lists(st.integers(0, i - 1), unique=True, max_size=3)) if i else []
        entry = {
            "id": f"m{i}", "name": f"Model {i}", "organization": [draw(SMALL_TEXT)],
            "released": f"{2015 + i // 4}-{i % 4 * 3 + 1:02d}", "parameters": draw(st.one_of(
                st.none(), st.lists(st.integers(1, 10**12), min_size=1, max_size=3, unique=True))),
            "objective": draw(st.sampled_from(["MLM", "LM", "text-to-text", "RTD", None])),
            "architecture": draw(st.sampled_from(["encoder-only", "decoder-only", "encoder-decoder", None])),
            "open_weights": draw(st.booleans()), "description": draw(SMALL_TEXT),
            "sources": ["https://example.org/" + str(i)],
        }
        if draw(st.booleans()):
            entry["note"] = draw(SMALL_TEXT)
        if parents:
            entry["derived_from"] = [
                {"model": f"m{p}", "relation": draw(st.sampled_from(RELATIONS)), "source": "https://example.org/e"}
                for p in parents
            ]
        models.append(entry)
    draw(st.randoms()).shuffle(models)
    return {"models": models}


def graph_of(doc: dict) -> nx.DiGraph:
    return build_graph(validate_data(doc, "random.json"))


@settings(max_examples=60, deadline=None)
@given(catalogs())
def test_ancestors_and_descendants_are_inverse(doc):
    G = graph_of(doc)
    for a in G:
        down = {h.id for h in descendants(G, a)}
        for b in G:
            assert (b in down) == (a in {h.id for h in ancestors(G, b)})
        assert down == nx.descendants(G, a)  # the same answer as networkx


@settings(max_examples=60, deadline=None)
@given(catalogs())
def test_relatives_come_nearest_first_then_oldest_first_in_both_graphs(doc):
    """The order a reader sees: by number of steps, then release date, name and id; ``via`` is a real
    neighbour one step nearer. The light graph the commands use answers exactly as the networkx one."""
    catalog = validate_data(doc, "random.json")
    G, light = build_graph(catalog), LightGraph(catalog.models)
    for a in G:
        for walk, steps in ((descendants, nx.single_source_shortest_path_length(G, a)),
                            (ancestors, nx.single_source_shortest_path_length(G.reverse(copy=False), a))):
            hits = walk(G, a)
            assert [(h.id, h.distance) for h in hits] == sorted(
                ((n, d) for n, d in steps.items() if n != a),
                key=lambda nd: (nd[1], G.nodes[nd[0]]["released"], G.nodes[nd[0]]["name"], nd[0]))
            for h in hits:
                assert h.relation == (G.edges[h.via, h.id] if walk is descendants else G.edges[h.id, h.via])["relation"]
                assert h.via == a or steps[h.via] == h.distance - 1
            assert walk(light, a) == hits


@settings(max_examples=60, deadline=None)
@given(catalogs(), st.data())
def test_every_path_is_a_chain_of_real_edges(doc, data):
    G = graph_of(doc)
    a = data.draw(st.sampled_from(sorted(G)))
    b = data.draw(st.sampled_from(sorted(G)))
    chain = lineage_path(G, a, b)
    connected = nx.has_path(G, a, b) or nx.has_path(G, b, a)
    assert (chain is not None) == connected
    if chain:
        assert {chain[0], chain[-1]} == {a, b}
        assert all(G.has_edge(u, v) for u, v in zip(chain, chain[1:]))
        assert len(chain) - 1 == min(
            nx.shortest_path_length(G, u, v) for u, v in ((a, b), (b, a)) if nx.has_path(G, u, v))


@settings(max_examples=60, deadline=None)
@given(catalogs(), st.data())
def test_nearest_common_ancestors_are_common_and_nearest(doc, data):
    G = graph_of(doc)
    a = data.draw(st.sampled_from(sorted(G)))
    b = data.draw(st.sampled_from(sorted(G)))
    common = {c for c, _, _ in common_ancestors(G, a, b)}
    shared = (nx.ancestors(G, a) | {a}) & (nx.ancestors(G, b) | {b})
    assert common <= shared
    assert all(not (nx.descendants(G, c) & shared) for c in common)
    assert all(any(c in nx.descendants(G, s) | {s} for c in common) for s in shared)


@settings(max_examples=40, deadline=None)
@given(catalogs())
def test_tree_reaches_exactly_the_descendants(doc):
    G = graph_of(doc)
    root = sorted(G)[0]
    assert {r.id for r in tree(G, root)} == nx.descendants(G, root) | {root}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_exports_round_trip(doc):
    G = graph_of(doc)
    back = nx.node_link_graph(json.loads(render(G, "json")), edges="edges", source="parent", target="child")
    assert set(back.edges) == set(G.edges)
    for n in G:  # every fact, as a model node (its concept links are edges of their own)
        assert back.nodes[n] == {**{k: v for k, v in G.nodes[n].items() if k != "concepts"}, "kind": "model"}
    for e in G.edges:
        assert back.edges[e] == {"kind": "derivation", **{k: v for k, v in G.edges[e].items() if v is not None
                                                         or k != "since"}}
    graphml = nx.read_graphml(io.BytesIO(render(G, "graphml")))
    assert set(graphml.edges) == set(G.edges)
    for n in G:
        assert graphml.nodes[n]["name"] == G.nodes[n]["name"]
        assert graphml.nodes[n]["organization"] == "; ".join(G.nodes[n]["organization"])
        if G.nodes[n]["parameters"]:
            assert [int(p) for p in graphml.nodes[n]["parameters"].split("; ")] == G.nodes[n]["parameters"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mutated(draw) -> bytes:
    """A valid file changed at random: a value replaced, a key dropped or renamed, bytes cut or inserted."""
    doc = draw(catalogs())
    models = doc["models"]
    kind = draw(st.sampled_from(["value", "drop", "rename", "duplicate", "bytes", "truncate", "parent"]))
    entry = draw(st.sampled_from(models))
    key = draw(st.sampled_from(sorted(entry)))
    if kind == "value":
        entry[key] = draw(JSON_VALUES)
    elif kind == "drop":
        del entry[key]
    elif kind == "rename":
        entry[key + draw(st.text(min_size=1, max_size=2))] = entry.pop(key)
    elif kind == "duplicate":
        models.append(dict(entry))
    elif kind == "parent":
        entry["derived_from"] = [{"model": draw(st.text(max_size=6)), "relation": draw(st.text(max_size=12)),
                                  "source": draw(st.text(max_size=20))}]
    text = json.dumps(doc).encode()
    if kind == "bytes":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.binary(min_size=1, max_size=4)) + text[at:]
    elif kind == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    return text


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_a_mutated_file_validates_or_raises_our_error(data):
    try:
        value, marked = parse_json(data, "mutated.json")
        G = build_graph(validate_data(value, "mutated.json", marked))
    except LineageError as exc:
        assert str(exc).startswith("mutated.json")
        return
    # Accepted: then it keeps every rule a dataset promises.
    assert nx.is_directed_acyclic_graph(G)
    names = [normalize(label) for n in G for label in {n, G.nodes[n]["name"], *G.nodes[n]["aliases"]}]
    assert len(names) == len(set(names)), "two models answer to the same name"
    for parent, child in G.edges:
        assert G.nodes[parent]["released"][:4] <= G.nodes[child]["released"][:4]
    for n in G:
        assert G.nodes[n]["sources"] and all(u.lower().startswith(("http://", "https://")) for u in G.nodes[n]["sources"])
        assert G.nodes[n]["parameters"] is None or all(type(p) is int and p > 0 for p in G.nodes[n]["parameters"])
