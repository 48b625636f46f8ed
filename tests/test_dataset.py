"""The shipped dataset: valid, fully sourced, and right on the lineages people check first."""

from __future__ import annotations

import pytest

from llm_lineage.graph import ancestors, lineage_path
from llm_lineage.load import load_catalog
from llm_lineage.names import resolve

# Every model the lecture notes in shared/seeds name, as the notes write them.
SEED_MODELS = [
    "BERT", "RoBERTa", "ALBERT", "DistilBERT", "TinyBERT", "MobileBERT", "ELECTRA", "T5", "GPT-1", "GPT-2",
    "GPT-3", "Codex", "InstructGPT", "GPT-3.5", "ChatGPT", "GPT-4", "GPT-4o", "Claude", "Bard", "PaLM", "OPT",
    "LLaMA", "Llama 3", "Alpaca", "Vicuna", "Gemini", "Phi-3", "Transformer", "LaMDA", "PaLM 2", "Llama 2",
]


def ids(hits):
    return {h.id for h in hits}


def test_the_dataset_is_valid_and_every_fact_has_a_source():
    catalog = load_catalog()
    for model in catalog.models:
        assert model["sources"], f"{model['id']} has no source"
        for edge in model["derived_from"]:
            assert edge["source"], f"{model['id']} <- {edge['model']} has no source"


@pytest.mark.parametrize("name", SEED_MODELS)
def test_every_model_of_the_seed_notes_is_there(bundled, name):
    resolve(bundled, name)


def test_bert_family(bundled):
    children = {c: bundled.edges["bert", c]["relation"] for c in bundled.succ["bert"]}
    assert children["roberta"] == "architecture"
    assert children["albert"] == "architecture"
    assert children["electra"] == "architecture"  # trained from scratch, not fine-tuned
    assert children["distilbert"] == "distilled"
    assert children["tinybert"] == "distilled"
    assert children["mobilebert"] == "distilled"


def test_gpt1_to_chatgpt(bundled):
    assert lineage_path(bundled, "gpt-1", "chatgpt") == ["gpt-1", "gpt-2", "gpt-3", "gpt-3.5", "chatgpt"]


def test_chatgpt_is_instructgpts_sibling_not_its_child(bundled):
    assert "instructgpt" not in ids(ancestors(bundled, "chatgpt"))
    assert bundled.has_edge("gpt-3", "instructgpt") and bundled.edges["gpt-3", "instructgpt"]["relation"] == "preference-tuned"
    assert bundled.edges["gpt-3", "codex"]["relation"] == "continued-pretraining"


def test_llama_to_alpaca_and_vicuna(bundled):
    assert bundled.edges["llama", "alpaca"]["relation"] == "fine-tuned"
    assert bundled.edges["llama", "vicuna"]["relation"] == "fine-tuned"
    # their data came from OpenAI models: a derivation through data only
    assert bundled.edges["text-davinci-003", "alpaca"]["relation"] == "trained-on-outputs"
    assert bundled.edges["chatgpt", "vicuna"]["relation"] == "trained-on-outputs"


def test_t5_to_flan_t5(bundled):
    assert "t5" in ids(ancestors(bundled, "flan-t5"))
    assert bundled.nodes["flan-t5"]["objective"] == "text-to-text"  # inherited


def test_deepseek_v3_to_r1(bundled):
    assert bundled.has_edge("deepseek-v3", "deepseek-r1")
    distilled = ids(ancestors(bundled, "deepseek-r1-distill-qwen"))
    assert {"deepseek-r1", "qwen2.5"} <= distilled


def test_llama2_to_code_llama(bundled):
    assert bundled.edges["llama-2", "code-llama"]["relation"] == "continued-pretraining"
    assert lineage_path(bundled, "llama", "code-llama") == ["llama", "llama-2", "code-llama"]


def test_undisclosed_sizes_stay_empty(bundled):
    for model in ("gpt-4", "chatgpt", "claude", "gemini-1.5", "palm-2"):
        assert bundled.nodes[model]["parameters"] is None, model


def test_korean_models_are_there(bundled):
    for name in ("HyperCLOVA", "HyperCLOVA X", "EXAONE 3.5", "EXAONE Deep", "Polyglot-Ko", "KoGPT", "SOLAR"):
        resolve(bundled, name)
    assert bundled.edges["exaone-3.5", "exaone-deep"]["relation"] in {"fine-tuned", "preference-tuned"}
