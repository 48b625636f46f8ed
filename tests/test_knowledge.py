"""Families, products over time, concepts, Hub ids and datasets that extend another.

Most tests run on tests/data/valid/knowledge.json, small enough to read:

    Base 1 (2020-01) -successor-> Base 2 (2021-06, 7B and 30B with 3B active) -successor-> Base 3 (2023-03)
    Chatter: a product on Base 2 since 2021-09 and on Base 3 since 2023-03-15
    Early Student (2022-05) and Late Student (2024-02): fine-tuned Base 1, trained on Chatter's outputs
    Masker (MLM) -distilled-> Tiny Masker (distillation only); Infiller (blank infilling)
    concepts: preference tuning <-instance-of- RLHF; mixture of experts; GLUE; knowledge distillation; MLM

and tests/data/extends/mine.json, which extends it with two models of its own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llm_lineage.cli import app
from llm_lineage.concepts import models_of
from llm_lineage.errors import DatasetError, UnknownModelError
from llm_lineage.graph import ancestors, descendants, describe, lineage_path, load_graph, select
from llm_lineage.load import load_catalog
from llm_lineage.names import resolve
from llm_lineage.search import search

DATA = Path(__file__).parent / "data"
KNOWLEDGE = DATA / "valid" / "knowledge.json"
MINE = DATA / "extends" / "mine.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def G():
    return load_graph(KNOWLEDGE)


def ids(hits):
    return [h.id for h in hits]


def run(*args, data=KNOWLEDGE):
    result = runner.invoke(app, [*args, "--data", str(data)])
    assert result.exit_code == 0, result.output
    return result.stdout


# Products over time

def test_a_product_has_each_model_it_ran_on_and_since_when(G):
    record = describe(G, "chat")
    assert [(p["id"], p["since"]) for p in record["parents"]] == [("base-2", "2021-09"), ("base-3", "2023-03-15")]
    assert "Served on:\n  Base 2 (since 2021-09)" in run("show", "chat")
    assert "  Base 3 (since 2023-03-15)" in run("show", "chat")


def test_a_model_learns_only_from_the_product_of_its_time(G):
    assert "base-3" not in ids(ancestors(G, "early"))  # made in 2022, when Chatter still ran on Base 2
    assert {"base-2", "base-3"} <= set(ids(ancestors(G, "late")))  # made in 2024
    assert ids(descendants(G, "base-3")) == ["chat", "late"]
    assert set(ids(descendants(G, "base-2"))) >= {"chat", "early", "late", "base-3"}
    assert lineage_path(G, "base-3", "early") is None
    assert lineage_path(G, "base-3", "late") == ["base-3", "chat", "late"]


def test_the_date_rule_checks_since_against_both_models(tmp_path):
    doc = json.loads(KNOWLEDGE.read_text())
    chat = next(m for m in doc["models"] if m["id"] == "chat")
    chat["derived_from"][1]["since"] = "2022-01"  # before Base 3 was released
    chat["derived_from"][0]["relation"] = "fine-tuned"  # `since` on a non-product edge
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(DatasetError) as info:
        load_catalog(path)
    message = str(info.value)
    assert "entry 'chat', derived_from[1].since: 2022-01 is before the release of 'base-3' (2023-03)" in message
    assert "entry 'chat', derived_from[0].since: only a product edge has a date of its own" in message


def test_a_product_inherits_the_facts_of_the_model_it_launched_on(G):
    assert (G.nodes["chat"]["objective"], G.nodes["chat"]["architecture"]) == ("LM", "decoder-only")


def test_exports_carry_since(G):
    from llm_lineage.exports import render_bytes

    edges = json.loads(render_bytes(G, "json"))["edges"]
    chat = {e["parent"]: e.get("since") for e in edges if e["child"] == "chat"}
    assert chat == {"base-2": "2021-09", "base-3": "2023-03-15"}
    assert '<data key="d' in render_bytes(G, "graphml").decode() and "2023-03-15" in render_bytes(G, "graphml").decode()


# Families

def test_a_family_lists_its_models_in_release_order_with_how_each_follows(G):
    out = run("family", "Base")
    assert out.splitlines()[0] == "Base: 4 models"
    rows = out.splitlines()[3:]
    assert [r.split()[1] for r in rows] == ["Base", "Base", "Chatter", "Base"]
    assert "successor ← Base 1" in rows[1] and "product ← Base 2, product ← Base 3" in rows[2]
    assert json.loads(run("family", "베이스", "--json"))["family"] == "Base"  # through a model's Hangul alias


def test_list_export_and_html_take_family(tmp_path):
    listed = json.loads(run("list", "--family", "base", "--json"))
    assert [m["id"] for m in listed] == ["base-1", "base-2", "chat", "base-3"]
    out = tmp_path / "f.json"
    run("export", "json", "--family", "Base", "-o", str(out))
    assert {n["id"] for n in json.loads(out.read_text())["nodes"] if n["kind"] == "model"} == {"base-1", "base-2",
                                                                                              "chat", "base-3"}
    result = runner.invoke(app, ["list", "--family", "Nope", "--data", str(KNOWLEDGE)])
    assert result.exit_code == 1 and result.stderr.startswith("Error: unknown family 'Nope'")


def test_show_answers_for_a_family_that_is_no_model(G):
    assert run("show", "Base").startswith("Base: 4 models")
    with pytest.raises(UnknownModelError, match="Base is a family of 4 models, not one model"):
        resolve(G, "Base")


def test_a_family_spelled_two_ways_is_refused(tmp_path):
    doc = json.loads(KNOWLEDGE.read_text())
    doc["models"][2]["family"] = "BASE"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(DatasetError, match="entry 'base-3', family: 'BASE' is spelled 'Base' by entry 'base-1'"):
        load_catalog(path)


# Objectives, sizes

def test_objectives_beyond_the_four_are_values_of_their_own(G):
    assert G.nodes["tiny"]["objective"] == "distillation" and G.nodes["infill"]["objective"] == "blank-infilling"
    assert run("list", "--objective", "blank-infilling").splitlines()[1].split()[1] == "Infiller"
    from llm_lineage.exports import render_bytes
    from llm_lineage.schema import dataset_json_schema

    assert "distillation" in json.dumps(dataset_json_schema())
    for fmt in ("graphml", "json", "gexf"):
        assert "blank-infilling" in render_bytes(G, fmt).decode(), fmt


def test_active_parameters_are_shown_and_exported(G):
    assert "parameters:   7B, 30B (3B active)" in run("show", "base-2")
    from llm_lineage.exports import render_files

    nodes = render_files(G, "csv")["nodes.csv"].decode()
    assert "30B:3B" in nodes


# Concepts

def test_a_concept_lists_its_models_by_link_with_sources():
    record = json.loads(run("concept", "인간 피드백 강화학습", "--json"))
    assert record["id"] == "rlhf" and record["derived_from"][0]["id"] == "preference-tuning"
    assert [m["id"] for m in record["models"]["uses"]] == ["base-1"]
    assert record["models"]["uses"][0]["source"] == "https://example.org/s"
    text = run("concept", "RLHF")
    assert "Used by: 1\n  2020-01     Base 1\n    source: https://example.org/s" in text


def test_relations_and_objectives_imply_their_concepts_without_repeating_data(G):
    distill = models_of(G, "knowledge-distillation")
    assert [m for m, _ in distill["uses"]] == ["tiny"]
    assert distill["uses"][0][1]["implied_by"] == "distilled edge from Masker"
    assert [m for m, _ in models_of(G, "masked-language-modeling")["uses"]] == ["masked"]
    assert select(G, uses="knowledge-distillation") == ["tiny"]


def test_list_uses_takes_a_concept_name():
    assert [m["id"] for m in json.loads(run("list", "--uses", "MoE", "--json"))] == ["base-2"]
    result = runner.invoke(app, ["list", "--uses", "Base 1", "--data", str(KNOWLEDGE)])
    assert result.exit_code == 1 and "Base 1 is a model" in result.stderr


def test_search_ranks_exact_names_and_aliases_of_any_kind_first(G):
    assert search(G, "GLUE")[0][:2] == ("concept", "glue")
    assert search(G, "moe")[0][:3] == ("concept", "mixture-of-experts", 100.0)
    assert search(G, "base")[0][:2] == ("family", "Base")
    assert search(G, "Base 1")[0][:2] == ("model", "base-1")


def test_show_lists_a_models_concepts_and_stats_count_them():
    assert "Concepts:\n  Mixture of experts (introduced)" in run("show", "base-2")
    assert "  Knowledge distillation (uses, implied by its distilled edge from Masker)" in run("show", "tiny")
    counts = json.loads(run("stats", "--json"))
    assert counts["concepts"] == 6 and counts["concepts_by_kind"]["technique"] == 3
    assert counts["as_of"] == "2024-12-31"


def test_exports_carry_concepts_as_nodes_and_links_as_edges(G):
    import io

    import networkx as nx

    from llm_lineage.exports import render_bytes

    back = nx.read_graphml(io.BytesIO(render_bytes(G, "graphml")))
    assert back.nodes["rlhf"]["kind"] == "technique" and back.nodes["base-1"]["kind"] == "model"
    assert back.edges["rlhf", "base-1"]["relation"] == "uses"
    assert back.edges["preference-tuning", "rlhf"]["relation"] == "instance-of"
    assert back.edges["base-1", "base-2"]["kind"] == "derivation"
    mermaid = render_bytes(G, "mermaid").decode()
    assert '("RLHF<br/>technique")' in mermaid


# Hub ids

def test_a_hub_id_names_a_model_in_every_query(G):
    assert resolve(G, "lab-a/base-2-instruct") == "base-2"
    assert json.loads(run("ancestors", "lab-a/base-2", "--json"))[0]["id"] == "base-1"
    assert "hugging face: lab-a/base-2, lab-a/base-2-instruct" in run("show", "base-2")


@pytest.mark.parametrize(("hub", "message"), [
    ("lab-a/base-1", "huggingface[0]: 'lab-a/base-1' is already listed by entry 'base-1'"),
    ("LAB-A/BASE-1", "huggingface[0]: 'LAB-A/BASE-1' is already listed by entry 'base-1'"),
    ("just-a-name", "huggingface[0]: 'just-a-name' is not a Hugging Face repository id: write owner/name"),
])
def test_hub_ids_are_owner_slash_name_and_unique(tmp_path, hub, message):
    doc = json.loads(KNOWLEDGE.read_text())
    doc["models"][2]["huggingface"] = [hub]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(DatasetError) as info:
        load_catalog(path)
    assert f"{path}: entry 'base-3', {message}" in str(info.value)


# Datasets that extend another

def test_an_extension_works_on_the_union_and_parents_cross_files():
    catalog = load_catalog(MINE)
    assert len(catalog.models) == 11 and catalog.version == "mine" and len(catalog.concepts) == 6
    assert [h["id"] for h in json.loads(run("ancestors", "mine-2", "--json", data=MINE))] == [
        "mine", "base-3", "base-2", "base-1"]
    assert "valid, 11 models" in runner.invoke(app, ["validate", str(MINE)]).stdout


def test_the_environment_variable_reads_an_extension(monkeypatch):
    result = runner.invoke(app, ["show", "me/my-fine-tune"], env={"LINEAGE_DATA": str(MINE)})
    assert result.exit_code == 0 and result.stdout.startswith("My Fine-tune (mine)")


def test_a_clash_between_files_names_both_files_and_entries(tmp_path):
    base = tmp_path / "base.json"
    shutil.copy(KNOWLEDGE, base)
    mine = tmp_path / "mine.json"
    doc = json.loads(MINE.read_text())
    doc["extends"] = "base.json"
    doc["models"][0]["id"] = "base-1"
    doc["models"][1]["name"] = "Chatter"
    doc["models"][1]["derived_from"][0]["model"] = "base-1"
    mine.write_text(json.dumps(doc))
    with pytest.raises(DatasetError) as info:
        load_catalog(mine)
    message = str(info.value)
    assert f"entry 'base-1', id: duplicate id, used by models[0] of {base}, models[0] of {mine}" in message
    assert f"{mine}: entry 'mine-2', name: 'Chatter' is already used by entry 'chat' (name) in {base}" in message


def test_extends_refuses_loops_and_missing_files(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps({"extends": "b.json", "models": []}))
    b.write_text(json.dumps({"extends": "a.json", "models": []}))
    result = runner.invoke(app, ["validate", str(a)])
    assert result.exit_code == 1 and "extends: 'a.json' leads back to itself" in result.stderr
    a.write_text(json.dumps({"extends": "gone.json", "models": []}))
    result = runner.invoke(app, ["validate", str(a)])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {a}: extends: ") and "no such file" in result.stderr


def test_an_extension_of_the_bundled_data_reaches_the_curated_graph(tmp_path):
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"extends": "bundled", "models": [{
        "id": "my-llama", "name": "My Llama", "organization": ["Me"], "released": "2024-01-01", "parameters": ["7B"],
        "open_weights": True, "description": "A fine-tune.", "sources": ["https://example.org/me"],
        "derived_from": [{"model": "llama-2", "relation": "fine-tuned", "source": "https://example.org/me"}]}]}))
    found = {h["id"] for h in json.loads(run("ancestors", "My Llama", "--json", data=mine))}
    assert {"llama-2", "llama", "transformer"} <= found


def test_the_cache_notices_a_changed_extended_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LINEAGE_CACHE_DIR", str(tmp_path / "cache"))
    base, mine = tmp_path / "knowledge.json", tmp_path / "mine.json"
    shutil.copy(KNOWLEDGE, base)
    doc = json.loads(MINE.read_text())
    doc["extends"] = "knowledge.json"
    mine.write_text(json.dumps(doc))
    assert len(load_catalog(mine).models) == 11
    assert len(load_catalog(mine).models) == 11  # from the cache
    changed = json.loads(base.read_text())
    changed["models"] = [m for m in changed["models"] if m["id"] != "infill"]
    base.write_text(json.dumps(changed))
    assert len(load_catalog(mine).models) == 10  # the base changed: validated again
