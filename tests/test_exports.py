"""Exports: every format carries every fact, opens in the tools people use, and
does not depend on the order of the dataset file."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from llm_lineage.cli import app
from llm_lineage.exports import FORMATS, PUBLISHED, published_files, render_files, write
from llm_lineage.exports import render_bytes as render
from llm_lineage.graph import build_graph, load_graph
from llm_lineage.load import bundled_data_path, validate_data

ROOT = Path(__file__).resolve().parent.parent
SMALL = Path(__file__).parent / "data" / "valid" / "small.json"
runner = CliRunner()


def unflatten(attrs: dict) -> dict:
    """Undo the flattening of GraphML/GEXF/CSV, to compare with the source graph."""
    out = {}
    for key, value in attrs.items():
        if key in ("label", "parameters_text", "parameters_max", "id", "kind"):
            continue
        if key in ("aliases", "organization", "sources", "huggingface"):
            out[key] = value.split("; ")
        elif key == "parameters":
            out[key] = [int(n) for n in value.split("; ")]
        elif key == "active_parameters":
            continue  # checked on its own
        else:
            out[key] = value
    return out


def expected_counts(G) -> tuple[int, int]:
    """Nodes and edges an export of the whole dataset has: models and concepts; derivations and links."""
    concepts = G.graph["concepts"]
    links = sum(len(G.nodes[n]["concepts"]) for n in G)
    relations = sum(len(c["derived_from"]) for c in concepts.values())
    return len(G) + len(concepts), G.number_of_edges() + links + relations


def present(attrs: dict) -> dict:
    """The source attributes that a flat format can carry (no empty values; concept links are edges)."""
    return {k: v for k, v in attrs.items() if v is not None and v != [] and k not in ("concepts", "active_parameters")}


@pytest.fixture(scope="module")
def graphml_graph(bundled):
    return nx.read_graphml(io.BytesIO(render(bundled, "graphml")))


def test_graphml_round_trip_keeps_every_node_edge_and_attribute(bundled, graphml_graph):
    back = graphml_graph
    assert set(back) == set(bundled) | set(bundled.graph["concepts"])
    assert (back.number_of_nodes(), back.number_of_edges()) == expected_counts(bundled)
    assert set(back.edges()) >= set(bundled.edges())
    for n in bundled:
        assert unflatten(back.nodes[n]) == present(bundled.nodes[n]), n
        assert back.nodes[n]["label"] == bundled.nodes[n]["name"]
    for u, v in bundled.edges():
        assert back.edges[u, v] == {"kind": "derivation", **present(bundled.edges[u, v])}, (u, v)


def test_graphml_states_sizes_without_loss(bundled, graphml_graph):
    gpt2 = graphml_graph.nodes["gpt-2"]
    assert gpt2["parameters"] == "124000000; 355000000; 774000000; 1500000000"
    assert gpt2["parameters_text"] == "124M; 355M; 774M; 1.5B"
    assert gpt2["parameters_max"] == 1500000000
    qwen3 = graphml_graph.nodes["qwen3"]
    assert "235B:22B" in qwen3["active_parameters"].split("; ")


def test_graphml_integers_are_64_bit_so_gpt3_keeps_175_billion(bundled, graphml_graph):
    text = render(bundled, "graphml").decode()
    assert 'attr.name="parameters_max" attr.type="long"' in text  # a 32-bit "int" would overflow
    assert graphml_graph.nodes["gpt-3"]["parameters_max"] == 175_000_000_000
    assert graphml_graph.nodes["gpt-3"]["parameters_text"].endswith("; 175B")


def test_graphml_carries_the_dataset_version_and_counts(bundled, graphml_graph):
    assert graphml_graph.graph["version"] == bundled.graph["version"]
    assert graphml_graph.graph["models"] == bundled.number_of_nodes()
    assert graphml_graph.graph["derivations"] == bundled.number_of_edges()


def test_graphml_opens_in_igraph(bundled, tmp_path):
    import igraph
    path = tmp_path / "lineage.graphml"
    path.write_bytes(render(bundled, "graphml"))
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == expected_counts(bundled)
    assert g.is_directed()
    vicuna = g.vs.find(id="vicuna")
    assert vicuna["name"] == "Vicuna" and vicuna["parameters_text"] == "7B; 13B; 33B"
    parents = {g.vs[e.source]["id"]: e["relation"] for e in g.es.select(_target=vicuna.index)}
    assert parents["llama"] == "fine-tuned"


def test_graphml_keys_have_one_type_each(bundled):
    text = render(bundled, "graphml").decode()
    names = re.findall(r'<key id="[^"]+" for="(\w+)" attr.name="([^"]+)"', text)
    assert len(names) == len(set(names)), "an attribute is declared twice (igraph refuses such files)"


def test_json_is_networkx_node_link_with_native_values(bundled):
    data = json.loads(render(bundled, "json"))
    back = nx.node_link_graph(data, edges="edges", source="parent", target="child")
    assert (back.number_of_nodes(), back.number_of_edges()) == expected_counts(bundled)
    assert {(u, v) for u, v, kind in back.edges(data="kind") if kind == "derivation"} == set(bundled.edges())
    for n in bundled:  # every fact; concept links are edges of their own
        assert back.nodes[n] == {**{k: v for k, v in bundled.nodes[n].items() if k != "concepts"}, "kind": "model"}
    for u, v in bundled.edges():  # the edge's own source URL survives
        assert back.edges[u, v] == {"kind": "derivation", **{k: x for k, x in bundled.edges[u, v].items()
                                                             if x is not None or k != "since"}}
    assert back.edges["llama", "vicuna"]["source"].startswith("https://")  # a URL, not an endpoint's id
    assert back.edges["llama", "vicuna"]["source"] == bundled.edges["llama", "vicuna"]["source"]
    assert back.nodes["gpt-4"]["parameters"] is None
    assert back.nodes["flan-t5"]["objective"] == "text-to-text"  # inherited, resolved


def test_csv_tables(bundled):
    files = render_files(bundled, "csv")
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode())))
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode())))
    assert (len(nodes), len(edges)) == expected_counts(bundled)
    row = {r["id"]: r for r in nodes}["alpaca"]
    assert row["parameters_text"] == "7B" and row["year"] == "2023" and row["open_weights"] == "true"
    assert {(e["parent"], e["child"], e["relation"]) for e in edges} >= {("llama", "alpaca", "fine-tuned")}


def test_gexf_round_trip(bundled):
    back = nx.read_gexf(io.BytesIO(render(bundled, "gexf")))
    assert (back.number_of_nodes(), back.number_of_edges()) == expected_counts(bundled)
    assert back.nodes["rlhf"]["kind"] == "technique" and back.edges["rlhf", "instructgpt"]["relation"] == "introduced"
    assert back.nodes["bert"]["label"] == "BERT"
    assert back.nodes["bert"]["objective"] == "MLM"


def test_mermaid_and_dot_name_every_model_and_edge(small):
    mermaid = render(small, "mermaid").decode()
    assert mermaid.count('["') == small.number_of_nodes()
    assert len(re.findall(r"\|[a-z-]+\|", mermaid)) == small.number_of_edges()
    dot = render(small, "dot").decode()
    assert dot.count(" -> ") == small.number_of_edges()
    assert '"beta" -> "gamma" [label="fine-tuned", style=solid];' in dot


def test_text_formats_escape_names(tmp_path):
    doc = json.loads(SMALL.read_text())
    doc["models"][0]["name"] = 'Al"pha <b>&'
    G = build_graph(validate_data(doc, "x.json"))
    assert 'Al#34;pha #60;b#62;#38;' in render(G, "mermaid").decode()
    assert r'label="Al\"pha <b>&\n2019-03"' in render(G, "dot").decode()
    assert nx.read_graphml(io.BytesIO(render(G, "graphml"))).nodes["alpha"]["name"] == 'Al"pha <b>&'


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_same_data_in_any_order_gives_identical_files(fmt):
    doc = json.loads(bundled_data_path().read_text())
    original = render_files(build_graph(validate_data(doc, "a.json")), fmt)
    rng = random.Random(7)
    rng.shuffle(doc["models"])
    for entry in doc["models"]:
        rng.shuffle(entry.get("derived_from", []))
    assert render_files(build_graph(validate_data(doc, "b.json")), fmt) == original


def test_the_published_graph_is_fresh():
    G = load_graph(bundled_data_path())
    for name, data in published_files(G).items():
        path = ROOT / "graph" / name
        assert path.exists() and path.read_bytes() == data, (
            f"graph/{name} is stale: run `lineage publish` and commit graph/"
        )
    assert sorted(p.name for p in (ROOT / "graph").iterdir()) == sorted(PUBLISHED)


def test_the_published_schema_accepts_the_data_and_describes_every_field():
    import jsonschema
    schema = json.loads((ROOT / "graph" / "models.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(bundled_data_path().read_text()))
    for definition in ("ModelEntry", "Derivation"):
        for field, spec in schema["$defs"][definition]["properties"].items():
            assert spec.get("description"), f"{definition}.{field} has no description"
    data = json.loads(bundled_data_path().read_text())
    assert data["$schema"] == "../graph/models.schema.json"


def test_the_schema_refuses_what_editors_should_see_underlined():
    import jsonschema
    schema = json.loads((ROOT / "graph" / "models.schema.json").read_text())
    for case in ("unknown_field", "unparsable_size", "bad_date_format", "unknown_relation", "missing_required"):
        doc = json.loads((Path(__file__).parent / "data" / "invalid" / f"{case}.json").read_text())
        assert not jsonschema.Draft202012Validator(schema).is_valid(doc), case


# The command

def test_export_writes_under_output_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "graphml", "--data", str(SMALL)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "output/lineage.graphml\n"
    assert nx.read_graphml(tmp_path / "output" / "lineage.graphml").number_of_nodes() == 7
    result = runner.invoke(app, ["export", "csv", "--data", str(SMALL)])
    assert result.stdout == "output/lineage-csv/nodes.csv\noutput/lineage-csv/edges.csv\n"


def test_export_focus_depth_and_filters(tmp_path):
    result = runner.invoke(app, ["export", "json", "-o", "-", "--focus", "gamma", "--depth", "1", "--data", str(SMALL)])
    assert result.exit_code == 0, result.output
    assert sorted(n["id"] for n in json.loads(result.stdout)["nodes"]) == ["beta", "delta", "gamma", "zeta"]
    result = runner.invoke(app, ["export", "json", "-o", "-", "--org", "lab b", "--data", str(SMALL)])
    assert sorted(n["id"] for n in json.loads(result.stdout)["nodes"]) == ["delta", "zeta"]
    result = runner.invoke(app, ["export", "mermaid", "-o", "-", "--since", "2022", "--data", str(SMALL)])
    assert result.stdout.count('["') == 2  # epsilon, zeta


def test_export_usage_errors(tmp_path):
    assert runner.invoke(app, ["export", "pdf"]).exit_code == 2
    assert runner.invoke(app, ["export", "json", "--depth", "2", "--data", str(SMALL)]).exit_code == 2
    assert runner.invoke(app, ["export", "csv", "-o", "-", "--data", str(SMALL)]).exit_code == 2


def test_export_into_an_unwritable_place_is_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["export", "graphml", "-o", str(blocker / "sub" / "g.graphml"), "--data", str(SMALL)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {blocker / 'sub'}: cannot create the folder")


def test_bad_data_never_overwrites_an_existing_export(tmp_path):
    out = tmp_path / "lineage.graphml"
    out.write_text("previous export")
    broken = Path(__file__).parent / "data" / "invalid" / "cycle.json"
    result = runner.invoke(app, ["export", "graphml", "-o", str(out), "--data", str(broken)])
    assert result.exit_code == 1
    assert out.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["lineage.graphml"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    import llm_lineage.output as output

    out = tmp_path / "lineage.json"
    out.write_text("old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(Exception, match="No space left on device"):
        write(load_graph(SMALL), "json", out)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["lineage.json"]


def test_publish_writes_the_three_files(tmp_path):
    result = runner.invoke(app, ["publish", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(PUBLISHED)


def test_streamed_json_is_exactly_networkx_node_link(bundled, small):
    from llm_lineage.exports.flat import sorted_graph

    for G in (bundled, small):
        expected = json.dumps(nx.node_link_data(sorted_graph(G, flatten=False), edges="edges", source="parent",
                                                target="child"), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        assert render(G, "json").decode() == expected
