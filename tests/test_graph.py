"""Queries over the lineage graph, on the small hand-made dataset and on the bundled one.

The small dataset (tests/data/valid/small.json):

    alpha (2019-03) -successor-> beta (2020-05) -fine-tuned-> gamma (2021) -adapter-> delta (2021-06)
    beta -fine-tuned-> epsilon (2022-01) <-trained-on-outputs- delta
    gamma -merged-> zeta (2023-02) <-merged- epsilon
    omega (2020-01): no relatives
"""

from __future__ import annotations

import pytest

from llm_lineage.errors import UnknownModelError
from llm_lineage.search import search
from llm_lineage.graph import (
    ancestors,
    children,
    common_ancestors,
    descendants,
    lineage_path,
    parents,
    select,
    stats,
    tree,
)


def ids(hits):
    return [h.id for h in hits]


def test_edges_run_from_parent_to_child_with_their_facts(small):
    assert small.has_edge("beta", "gamma") and not small.has_edge("gamma", "beta")
    edge = small.edges["beta", "gamma"]
    assert edge["relation"] == "fine-tuned"
    assert edge["note"] == "SFT on demonstrations."
    assert edge["source"] == "https://example.org/gamma"


def test_nodes_carry_every_field(small):
    node = small.nodes["beta"]
    assert node["name"] == "Beta"
    assert node["parameters"] == [7_000_000_000, 13_000_000_000]
    assert node["organization"] == ["Lab A"]
    assert node["sources"] == ["https://example.org/beta"]


def test_ancestors_with_distances(small):
    found = {h.id: h.distance for h in ancestors(small, "zeta")}
    assert found == {"gamma": 1, "epsilon": 1, "beta": 2, "delta": 2, "alpha": 3}


def test_ancestors_are_nearest_first_then_oldest_first(small):
    assert ids(ancestors(small, "zeta")) == ["gamma", "epsilon", "beta", "delta", "alpha"]


def test_descendants_are_the_inverse_of_ancestors(small):
    for node in small:
        for other in small:
            down = other in ids(descendants(small, node))
            up = node in ids(ancestors(small, other))
            assert down == up, (node, other)


def test_depth_limits_the_walk(small):
    assert ids(descendants(small, "alpha", depth=1)) == ["beta"]
    assert set(ids(descendants(small, "alpha", depth=2))) == {"beta", "gamma", "epsilon"}


def test_relation_filter_follows_only_those_edges(small):
    assert ids(ancestors(small, "epsilon", relations={"trained-on-outputs"})) == ["delta"]
    assert set(ids(descendants(small, "alpha", relations={"successor", "fine-tuned"}))) == {"beta", "gamma", "epsilon"}


def test_each_hit_tells_how_it_was_reached(small):
    hit = {h.id: h for h in ancestors(small, "delta")}["beta"]
    assert (hit.via, hit.relation) == ("gamma", "fine-tuned")


def test_via_is_the_earliest_neighbour_when_several_reach_a_model_at_once(small):
    # beta is two steps above zeta both through gamma (2021) and through epsilon (2022)
    hit = {h.id: h for h in ancestors(small, "zeta")}["beta"]
    assert (hit.distance, hit.via) == (2, "gamma")
    hit = {h.id: h for h in descendants(small, "beta")}["zeta"]
    assert (hit.distance, hit.via) == (2, "gamma")


def test_unrelated_model_has_no_relatives(small):
    assert ancestors(small, "omega") == [] and descendants(small, "omega") == []


def test_parents_and_children(small):
    assert [(h.id, h.relation) for h in parents(small, "epsilon")] == [("beta", "fine-tuned"), ("delta", "trained-on-outputs")]
    assert ids(children(small, "gamma")) == ["delta", "zeta"]


def test_path_is_a_chain_of_real_edges_oldest_first(small):
    chain = lineage_path(small, "alpha", "zeta")
    assert chain[0] == "alpha" and chain[-1] == "zeta"
    assert all(small.has_edge(a, b) for a, b in zip(chain, chain[1:]))
    assert len(chain) == 4  # alpha -> beta -> gamma|epsilon -> zeta


def test_path_is_found_whichever_model_is_named_first(small):
    assert lineage_path(small, "delta", "alpha") == ["alpha", "beta", "gamma", "delta"]


def test_path_prefers_the_chain_through_older_models(small):
    # two shortest chains from beta to zeta: through gamma (2021) and through epsilon (2022)
    assert lineage_path(small, "beta", "zeta") == ["beta", "gamma", "zeta"]


def test_no_path_between_siblings(small):
    assert lineage_path(small, "delta", "omega") is None
    assert lineage_path(small, "omega", "alpha") is None


def test_nearest_common_ancestors(small):
    assert common_ancestors(small, "delta", "epsilon") == [("delta", 0, 1)]
    # epsilon learns from delta, which descends from gamma: gamma itself is the answer, not beta
    assert common_ancestors(small, "gamma", "epsilon") == [("gamma", 0, 2)]
    assert common_ancestors(small, "omega", "zeta") == []


def test_tree_expands_a_model_once(small):
    rows = tree(small, "beta")
    assert [(r.depth, r.id, r.repeated) for r in rows] == [
        (0, "beta", False),
        (1, "gamma", False),
        (2, "delta", False),
        (3, "epsilon", False),
        (4, "zeta", False),
        (2, "zeta", True),
        (1, "epsilon", True),
    ]


def test_tree_upwards_and_with_depth(small):
    assert [r.id for r in tree(small, "delta", up=True, depth=1)] == ["delta", "gamma"]


def test_select_filters(small):
    assert select(small, org="lab b") == ["delta", "zeta"]
    assert select(small, org=["other", "lab c"]) == ["omega", "epsilon"]
    assert select(small, since=2021, until=2021) == ["gamma", "delta"]
    assert select(small, objective="MLM") == ["omega"]
    assert select(small, architecture="encoder-only") == ["omega"]
    assert select(small, open_weights=False) == ["epsilon"]
    assert select(small) == ["alpha", "omega", "beta", "gamma", "delta", "epsilon", "zeta"]


def test_search_ranks_names_before_descriptions(small):
    found = search(small, "gamma")
    assert found[0].id == "gamma" and found[0].matched in ("id", "name", "alias")
    assert search(small, "Gamma II")[0][1:3] == ("gamma", 100.0)
    assert search(small, "other institute")[0].id == "omega"
    assert search(small, "written by delta")[0].id == "epsilon"
    assert search(small, "qqqqqq") == []


def test_search_tolerates_a_typo(small):
    assert search(small, "epsilom")[0].id == "epsilon"


def test_stats_count_what_is_there(small):
    counts = stats(small)
    assert counts["models"] == 7 and counts["derivations"] == 7
    assert counts["by_year"] == {2019: 1, 2020: 2, 2021: 2, 2022: 1, 2023: 1}
    assert counts["by_organization"]["Lab A"] == 3
    assert counts["by_relation"]["merged"] == 2
    assert counts["by_objective"] == {"LM": 6, "MLM": 1}
    assert counts["concepts"] == 0 and counts["by_family"] == {}


def test_queries_name_an_unknown_id(small):
    with pytest.raises(UnknownModelError, match="unknown model 'gama'"):
        ancestors(small, "gama")


# The lineages a user checks first, on the bundled data.

def test_vicuna_descends_from_llama(bundled):
    assert {"llama"} <= set(ids(ancestors(bundled, "vicuna")))


def test_bert_family(bundled):
    assert {"roberta", "albert", "electra", "distilbert", "tinybert", "mobilebert"} <= set(ids(descendants(bundled, "bert")))
    assert bundled.edges["bert", "electra"]["relation"] == "architecture"
    assert bundled.edges["bert", "distilbert"]["relation"] == "distilled"


def test_gpt1_to_chatgpt(bundled):
    assert lineage_path(bundled, "gpt-1", "chatgpt") == ["gpt-1", "gpt-2", "gpt-3", "gpt-3.5", "chatgpt"]


def test_alpaca_and_vicuna_learn_from_openai_outputs(bundled):
    assert bundled.edges["text-davinci-003", "alpaca"]["relation"] == "trained-on-outputs"
    assert bundled.edges["llama", "alpaca"]["relation"] == "fine-tuned"


def test_siblings_share_their_parent(bundled):
    assert [c[0] for c in common_ancestors(bundled, "vicuna", "alpaca")][0] == "llama"
    assert [c[0] for c in common_ancestors(bundled, "roberta", "albert")] == ["bert"]


def test_flan_t5_from_t5(bundled):
    assert "t5" in ids(ancestors(bundled, "flan-t5"))
