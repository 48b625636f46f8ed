"""The shipped dataset: valid, fully sourced, and right on the lineages people check first."""

from __future__ import annotations

import pytest

from llm_lineage.graph import ancestors, lineage_path
from llm_lineage.load import load_catalog
from llm_lineage.names import resolve

# Every model the lecture notes in shared/seeds name, as the notes write them, and the entry it must be.
SEED_MODELS = {
    "BERT": "bert", "RoBERTa": "roberta", "ALBERT": "albert", "DistilBERT": "distilbert", "TinyBERT": "tinybert",
    "MobileBERT": "mobilebert", "ELECTRA": "electra", "T5": "t5", "GPT-1": "gpt-1", "GPT-2": "gpt-2",
    "GPT-3": "gpt-3", "GPT3": "gpt-3", "Codex": "codex", "InstructGPT": "instructgpt", "GPT-3.5": "gpt-3.5",
    "GPT3.5": "gpt-3.5", "ChatGPT": "chatgpt", "GPT-4": "gpt-4", "GPT4": "gpt-4", "GPT-4o": "gpt-4o",
    "Claude": "claude", "Bard": "bard", "PaLM": "palm", "OPT": "opt", "LLaMA": "llama", "Llama 3": "llama-3",
    "Alpaca": "alpaca", "Vicuna": "vicuna", "Phi-3": "phi-3", "Transformer": "transformer", "LaMDA": "lamda",
    "PaLM 2": "palm-2", "Llama 2": "llama-2", "ELMo": "elmo", "Flan-T5": "flan-t5",
}


def ids(hits):
    return {h.id for h in hits}


def test_the_bundled_dataset_is_valid():
    assert len(load_catalog(use_cache=False).models) >= 300


@pytest.mark.parametrize(("name", "model"), SEED_MODELS.items())
def test_every_model_of_the_seed_notes_is_there(bundled, name, model):
    assert resolve(bundled, name) == model


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
    assert {"deepseek-r1", "qwen2.5"} <= ids(ancestors(bundled, "deepseek-r1-distill-qwen-32b"))
    assert {"deepseek-r1", "llama-3.3"} <= ids(ancestors(bundled, "deepseek-r1-distill-llama-70b"))


def test_llama2_to_code_llama(bundled):
    assert bundled.edges["llama-2", "code-llama"]["relation"] == "continued-pretraining"
    assert lineage_path(bundled, "llama", "code-llama") == ["llama", "llama-2", "code-llama"]


def test_undisclosed_sizes_stay_empty(bundled):
    for model in ("gpt-4", "chatgpt", "claude", "gemini-1.5", "palm-2"):
        assert bundled.nodes[model]["parameters"] is None, model


def test_korean_models_are_there(bundled):
    expected = {"HyperCLOVA": "hyperclova", "HyperCLOVA X": "hyperclova-x", "EXAONE 3.5": "exaone-3.5",
                "EXAONE Deep": "exaone-deep", "Polyglot-Ko": "polyglot-ko", "KoGPT": "kogpt", "SOLAR": "solar"}
    assert {name: resolve(bundled, name) for name in expected} == expected
    assert bundled.edges["exaone-3.5", "exaone-deep"]["relation"] in {"fine-tuned", "preference-tuned"}
