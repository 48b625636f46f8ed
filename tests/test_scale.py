"""A chain of 100,000 derivations and a model with 100,000 children: every query,
every export and the page give the right answer on the light graph the commands
use, with no recursion error."""

from __future__ import annotations

import pytest

from llm_lineage.exports import FORMATS, render_files
from llm_lineage.explorer import render_page
from llm_lineage.graph import (
    ancestors,
    common_ancestors,
    describe,
    descendants,
    lineage_path,
    select,
    stats,
    subgraph,
    tree,
)
from llm_lineage.lightgraph import LightGraph
from llm_lineage.search import search
from llm_lineage.load import validate_data
from llm_lineage.names import resolve

N = 100_000


def entry(i: int, parent: int | None) -> dict:
    e = {"id": f"m{i}", "name": f"Model {i}", "organization": ["Lab"], "released": f"{2000 + i * 25 // N}",
         "parameters": ["7B"], "objective": "LM", "architecture": "decoder-only", "open_weights": True,
         "description": "A model.", "sources": ["https://example.org/m"]}
    if parent is not None:
        e["derived_from"] = [{"model": f"m{parent}", "relation": "fine-tuned", "source": "https://example.org/m"}]
    return e


@pytest.fixture(scope="module", params=["chain", "star"])
def big(request):
    shape = request.param
    models = [entry(i, None if i == 0 else (i - 1 if shape == "chain" else 0)) for i in range(N)]
    catalog = validate_data({"models": models}, f"{shape}.json")
    return shape, LightGraph(catalog.models, name="llm-lineage", version=None)


def test_every_query(big):
    shape, G = big
    last = f"m{N - 1}"
    assert len(ancestors(G, last)) == (N - 1 if shape == "chain" else 1)
    assert len(descendants(G, "m0")) == N - 1
    assert lineage_path(G, last, "m0") == (["m0", last] if shape == "star" else [f"m{i}" for i in range(N)])
    assert common_ancestors(G, last, "m1")[0][0] == ("m1" if shape == "chain" else "m0")
    assert len(tree(G, "m0")) == N and len(tree(G, last, up=True)) == (N if shape == "chain" else 2)
    assert stats(G)["models"] == N
    assert search(G, "Model 99999")[0].id == "m99999"
    assert len(select(G, since=2010)) > 0
    assert resolve(G, "model 5") == "m5"
    assert len(describe(G, "m0")["children"]) == (1 if shape == "chain" else N - 1)
    part = subgraph(G, focus=last, depth=3)
    assert sorted(part) == (sorted([last, f"m{N - 2}", f"m{N - 3}", f"m{N - 4}"]) if shape == "chain"
                            else ["m0", last])
    assert part.number_of_edges() == len(part) - 1


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export(big, fmt):
    shape, G = big
    files = render_files(G, fmt)
    text = b"".join(files.values()).decode()
    assert text.count("m99999") >= 2  # the last model: its node and its edge
    edge = {"graphml": '<edge source="m99998" target="m99999">', "json": '"child": "m99999"',
            "csv": "m99998,m99999,derivation,fine-tuned", "dot": '"m99998" -> "m99999"', "gexf": 'source="m99998" target="m99999"',
            "mermaid": "-->|fine-tuned|"}[fmt]
    if shape == "chain":
        assert edge in text, fmt


def test_the_page(big):
    _, G = big
    page = render_page(G)
    assert page.count('"id":"m') >= N and '"from":"m0"' in page
